"""A local Socket.IO test server inside the editor, so that On Socket.IO Receive logic can be tried by hand.

The server (runtime's EchoServer) runs in a thread of its own; what it sees is queued there and
shown here by a timer, so a chatty client never stalls the window. The panel lists connections and
received events, emits an event to one or all clients, and adds a matching connection to Project
Settings in one click. With a Redis URL the server is one node of a python-socketio cluster (as
`pulse-echo-server --redis`), so a broadcast from another node reaches its clients too.
"""

from __future__ import annotations

import json
import time
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor.document import Document
from editor.settings_store import SettingsStore
from runtime.loopthread import LoopThread
from runtime.plugins.socketio.cluster import EXAMPLE_URL, ClusterError, check_redis_url

if TYPE_CHECKING:
    from runtime.plugins.socketio.echo_server import EchoServer, ServerActivity

PLUGIN_ID = "socketio"
MAX_EVENT_ROWS = 1000
ALL_CLIENTS = "All clients"


def _payload(text: str) -> Any:
    """JSON when the text is JSON (numbers, objects, arrays, quoted strings), else the text itself."""
    try:
        return json.loads(text)
    except ValueError:
        return text


class _ColumnShares(QObject):
    """Keeps a table's columns at shares of its width (a None share: the column fits a time, 00:00:00), so
    the table never scrolls sideways however narrow the bottom dock is; long text is elided instead."""

    def __init__(self, table: QTableWidget, shares: tuple[float | None, ...]) -> None:
        super().__init__(table)
        self.table, self.shares = table, shares
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        table.setWordWrap(False)
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = table.horizontalHeader()
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        header.setMinimumSectionSize(24)
        for column, share in enumerate(shares):
            if share is None:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
                header.resizeSection(column, table.fontMetrics().horizontalAdvance("00:00:00") + 16)
        table.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.apply()
        return False

    def apply(self) -> None:
        header = self.table.horizontalHeader()
        fixed = sum(header.sectionSize(c) for c, share in enumerate(self.shares) if share is None)
        free, total = max(self.table.viewport().width() - fixed, 0), sum(s for s in self.shares if s)
        last = max(c for c, share in enumerate(self.shares) if share is not None)
        for column, share in enumerate(self.shares):
            if share is not None and column != last:
                width = max(header.minimumSectionSize(), int(free * share / total))
                header.resizeSection(column, width)
                free -= width
                total -= share
        header.resizeSection(last, max(header.minimumSectionSize(), free))  # with what rounding left


class SocketIOServerPanel(QWidget):
    """Start/stop a local server, watch connections and events, emit events by hand."""

    running_changed = Signal(bool)

    def __init__(self, document: Callable[[], Document], settings: SettingsStore | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._settings = settings  # remembers the Redis URL between sessions
        self._thread: LoopThread | None = None
        self._server: EchoServer | None = None
        self._activity: deque[ServerActivity] = deque(maxlen=10_000)
        self._timer = QTimer(self)
        self._timer.setInterval(50)
        self._timer.timeout.connect(self._drain)
        self._build()
        self._update_state()

    # --- layout ---------------------------------------------------------------------------
    def _build(self) -> None:
        self.host = QLineEdit("127.0.0.1")
        self.port = QSpinBox()
        self.port.setRange(0, 65535)
        self.port.setValue(5000)
        self.port.setToolTip("0 picks a free port")
        self.echo = QCheckBox("Echo events back")
        self.echo.setChecked(True)
        self.redis = QLineEdit(self._settings.test_server_redis() if self._settings else "")
        self.redis.setPlaceholderText(f"optional: {EXAMPLE_URL}")
        self.redis.setToolTip("Run as one node of a Socket.IO cluster sharing this Redis server: a broadcast from "
                              "another node (pulse-echo-server --redis) reaches this server's clients too. "
                              "Needs the redis package (pip install 'pulse-studio[cluster]').")
        self.redis.setMinimumWidth(180)
        self.redis.editingFinished.connect(self._check_redis)
        self.start_button = QPushButton("Start")
        self.start_button.clicked.connect(self.toggle)
        self.add_connection_button = QPushButton("Add a connection for this server")
        self.add_connection_button.clicked.connect(self.add_connection)
        self.status = QLabel(objectName="Muted")
        top = QHBoxLayout()
        for widget in (QLabel("Host"), self.host, QLabel("Port"), self.port, self.echo, QLabel("Redis"), self.redis,
                       self.start_button):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.add_connection_button)

        self.clients = QTableWidget(0, 3)
        self.clients.setHorizontalHeaderLabels(["Namespace", "Client id", "Auth"])
        self.events = QTableWidget(0, 5)
        self.events.setHorizontalHeaderLabels(["Time", "Namespace", "Client id", "Event", "Payload"])
        _ColumnShares(self.clients, (1.0, 2.0, 0.6))
        _ColumnShares(self.events, (None, 1.0, 1.4, 1.2, 3.0))
        self.clients.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # client ids differ at both ends
        splitter = QSplitter()
        splitter.addWidget(self.clients)
        splitter.addWidget(self.events)
        splitter.setSizes([300, 600])

        self.target = QComboBox()
        self.target.addItem(ALL_CLIENTS)
        self.namespace = QLineEdit("/")
        self.event_name = QLineEdit("message")
        self.payload = QLineEdit('"hello from the test server"')
        self.payload.setToolTip("JSON (\"text\", 42, {\"a\": 1}) or plain text")
        self.emit_button = QPushButton("Emit")
        self.emit_button.clicked.connect(self.emit_event)
        self.payload.returnPressed.connect(self.emit_event)
        form = QFormLayout()
        form.addRow("To", self.target)
        form.addRow("Namespace", self.namespace)
        form.addRow("Event", self.event_name)
        self.payload.setMinimumWidth(200)  # a JSON payload reads whole, not scrolled in a narrow box
        payload_row = QHBoxLayout()  # Emit beside the payload: the form fits the bottom area's height
        payload_row.addWidget(self.payload, 1)
        payload_row.addWidget(self.emit_button)
        form.addRow("Payload", payload_row)
        emit_box = QGroupBox("Emit an event")
        emit_layout = QVBoxLayout(emit_box)
        emit_layout.addLayout(form)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        body = QHBoxLayout()
        body.addWidget(splitter, 3)
        body.addWidget(emit_box, 2)
        layout.addLayout(body)

    # --- server lifecycle -------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._server is not None

    @property
    def url(self) -> str:
        return self._server.url if self._server else ""

    def toggle(self) -> None:
        self.stop() if self.running else self.start()

    def start(self) -> None:
        if self.running:
            return
        from runtime.plugins.socketio.echo_server import EchoServer  # only when used: it loads aiohttp

        redis_url = self._check_redis()
        if redis_url is None:
            return
        try:
            server = EchoServer(self.host.text().strip() or "127.0.0.1", self.port.value(),
                                echo=self.echo.isChecked(), observer=self._activity.append, redis_url=redis_url or None)
        except ClusterError as exc:  # redis is not installed
            self.status.setText(f"Could not start: {exc}")
            return
        thread = LoopThread("pulse-sio-test-server")
        try:
            thread.submit(server.start()).result(10)
        except Exception as exc:  # the port is taken, the host cannot be bound
            thread.close()
            self.status.setText(f"Could not start: {exc}")
            return
        self._thread, self._server = thread, server
        self.port.setValue(server.port)
        cluster = f", a cluster node through {redis_url}" if redis_url else ""
        self.status.setText(f"Listening on {server.url}{cluster}")
        self._timer.start()
        self._update_state()
        self.running_changed.emit(True)

    def stop(self) -> None:
        if not self.running:
            return
        assert self._thread is not None and self._server is not None
        try:
            self._thread.submit(self._server.stop()).result(10)
        finally:
            self._thread.close()
            self._thread, self._server = None, None
            self._timer.stop()
            self._drain()
            self.clients.setRowCount(0)
            self._refresh_targets()
            self.status.setText("Stopped")
            self._update_state()
            self.running_changed.emit(False)

    def _update_state(self) -> None:
        running = self.running
        self.start_button.setText("Stop" if running else "Start")
        for widget in (self.host, self.port, self.echo, self.redis):
            widget.setEnabled(not running)
        self.emit_button.setEnabled(running)
        self.add_connection_button.setEnabled(running)

    def _check_redis(self) -> str | None:
        """The Redis URL ("" for none), remembered; None (and the reason shown) when it is malformed."""
        text = self.redis.text().strip()
        try:
            url = check_redis_url(text) if text else ""
        except ClusterError as exc:
            self.status.setText(f"Redis: {exc}")
            return None
        if self._settings is not None:
            self._settings.set_test_server_redis(url)
        return url

    # --- what the server saw ----------------------------------------------------------------
    def _drain(self) -> None:
        changed_clients = False
        while self._activity:
            activity = self._activity.popleft()
            if activity.kind == "event":
                self._add_event(activity)
            else:
                changed_clients = True
        if changed_clients:
            self._show_clients()

    def _add_event(self, activity: ServerActivity) -> None:
        row = self.events.rowCount()
        self.events.insertRow(row)
        payload = json.dumps(activity.detail, ensure_ascii=False)
        for column, text in enumerate((time.strftime("%H:%M:%S"), activity.namespace, activity.sid,
                                       activity.event, payload)):
            self.events.setItem(row, column, self._cell(text))
        if self.events.rowCount() > MAX_EVENT_ROWS:
            self.events.removeRow(0)
        self.events.scrollToBottom()

    @staticmethod
    def _cell(text: str) -> QTableWidgetItem:
        """A cell showing what fits (elided); its tooltip shows all of it."""
        item = QTableWidgetItem(text)
        item.setToolTip(text)
        return item

    def _show_clients(self) -> None:
        clients = self._server.clients() if self._server else []
        self.clients.setRowCount(len(clients))
        for row, (namespace, sid) in enumerate(clients):
            auth = self._server._auth.get((namespace, sid)) if self._server else None
            for column, text in enumerate((namespace, sid, "set" if auth else "")):
                self.clients.setItem(row, column, self._cell(text))
        self._refresh_targets()

    def _refresh_targets(self) -> None:
        current = self.target.currentText()
        self.target.clear()
        self.target.addItem(ALL_CLIENTS)
        for row in range(self.clients.rowCount()):
            self.target.addItem(self.clients.item(row, 1).text())
        index = self.target.findText(current)
        self.target.setCurrentIndex(max(index, 0))

    # --- actions -----------------------------------------------------------------------------
    def emit_event(self) -> None:
        if not self.running or not self.event_name.text().strip():
            return
        assert self._thread is not None and self._server is not None
        sid = None if self.target.currentText() == ALL_CLIENTS else self.target.currentText()
        coroutine = self._server.send(self.event_name.text().strip(), _payload(self.payload.text()),
                                      self.namespace.text().strip() or "/", sid)
        try:
            self._thread.submit(coroutine).result(5)
            self.status.setText(f"Emitted {self.event_name.text().strip()!r} to {sid or 'all clients'}")
        except Exception as exc:
            self.status.setText(f"Emit failed: {exc}")

    def add_connection(self) -> None:
        """Adds (undoably) a Project Settings connection pointing at this server."""
        document = self._document()
        section = document.registry.plugins[PLUGIN_ID].settings
        if section is None or not self.running:
            return
        names = section.entry_names(document.project)
        name, n = "Local test server", 2
        while name in names:
            name, n = f"Local test server {n}", n + 1
        entry = section.new_entry(name)
        entry.update(url=f"http://{self._server.host}", port=self._server.port)
        settings = dict(document.project.settings.get(section.key, {}))
        settings["entries"] = [*section.entries(document.project), entry]
        document.set_settings(section.key, settings)
        self.status.setText(f"Added connection {name!r} to Project Settings")

    def shutdown(self) -> None:
        """Called when the window closes: the server must not outlive it."""
        self.stop()
