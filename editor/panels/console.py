"""The Console: runtime.engine ConsoleRecords as rows (time, level, graph, node, message).

Kept independent of who produces the records: the window's own error hook uses it now, the
run/debug layer feeds it later. Activating a row emits `record_activated` so that the window
can select the node it names.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor.run.friendly_errors import friendly
from editor.theme import COLORS
from runtime.engine.console import ConsoleRecord

LEVELS = ("info", "warning", "error")
MAX_ROWS = 5000  # older rows are dropped: a chatty graph must not eat the editor's memory
_RECORD_ROLE = Qt.ItemDataRole.UserRole
_LEVEL_COLORS = {"info": COLORS["text"], "warning": COLORS["warning"], "error": COLORS["error"]}


class ConsolePanel(QWidget):
    """A filterable list of console records; `add_record` is the one way in."""

    record_activated = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.level = QComboBox()
        self.level.addItems(["All levels", "Warnings and errors", "Errors only"])
        self.level.currentIndexChanged.connect(self._apply_filter)
        self.count_label = QLabel(objectName="Muted")
        clear = QPushButton("Clear")
        clear.clicked.connect(self.clear)
        self.clear_on_run = QAction("Clear on Each Run", self, checkable=True,
                                    toolTip="Empty the Console when a run starts")
        self.menu = QMenu(self)
        self.menu.addAction("Clear", self.clear)
        self.menu.addAction(self.clear_on_run)
        options = QToolButton(text="⋯", toolTip="Console options",
                              popupMode=QToolButton.ToolButtonPopupMode.InstantPopup)
        options.setMenu(self.menu)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.level)
        bar.addWidget(self.count_label)
        bar.addStretch(1)
        bar.addWidget(clear)
        bar.addWidget(options)
        self.view = QTreeWidget()
        self.view.setRootIsDecorated(False)
        self.view.setAlternatingRowColors(True)
        self.view.setUniformRowHeights(True)
        self.view.setHeaderLabels(["Time", "Level", "Graph", "Node", "Message"])
        self.view.header().setStretchLastSection(True)  # Message takes the rest; the columns before fit
        metrics = self.view.fontMetrics()  # their text (measured once: fitting every row costs per row)
        for column, sample in enumerate(("00:00:00.000", "warning", "Scene Main Menu", "Socket.IO Receive")):
            self.view.setColumnWidth(column, metrics.horizontalAdvance(sample) + 28)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(lambda pos: self.menu.exec(self.view.mapToGlobal(pos)))
        self._runs = 0
        self._headers = 0  # run header rows in the view
        self.view.itemActivated.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.addLayout(bar)
        layout.addWidget(self.view)
        self._update_count()

    def add_record(self, record: ConsoleRecord) -> None:
        stamp = time.strftime("%H:%M:%S", time.localtime(record.time)) + f".{int(record.time * 1000) % 1000:03d}"
        plain = friendly(record.message)
        item = QTreeWidgetItem([stamp, record.level, record.graph, record.node_name, plain or record.message])
        item.setData(0, _RECORD_ROLE, record)
        item.setForeground(1, QColor(_LEVEL_COLORS.get(record.level, COLORS["text"])))
        item.setForeground(4, QColor(_LEVEL_COLORS.get(record.level, COLORS["text"])))
        tip = f"{plain}\n\nDetails: {record.message}" if plain else record.message  # the technical text
        for column in range(5):
            item.setToolTip(column, tip)
        item.setHidden(not self._shown(record.level))
        self.view.addTopLevelItem(item)
        overflow = self.view.topLevelItemCount() - MAX_ROWS
        for _ in range(max(0, overflow)):
            if self.view.takeTopLevelItem(0).data(0, _RECORD_ROLE) is None:
                self._headers -= 1
        if not item.isHidden():
            self.view.scrollToItem(item)
        self._update_count()

    def start_run(self, debug: bool) -> None:
        """A header line that separates this run's messages from earlier ones (or a clean Console)."""
        if self.clear_on_run.isChecked():
            self.clear()
        self._runs += 1
        text = f"▶ Run {self._runs} ({'debug' if debug else 'run'}) started at {time.strftime('%H:%M:%S')}"
        item = QTreeWidgetItem([text])
        item.setFirstColumnSpanned(True)
        font = QFont(item.font(0))
        font.setBold(True)
        item.setFont(0, font)
        item.setForeground(0, QColor(COLORS["accent"]))
        self.view.addTopLevelItem(item)
        item.setFirstColumnSpanned(True)
        self._headers += 1
        self.view.scrollToItem(item)

    def _activated(self, item: QTreeWidgetItem) -> None:
        record = item.data(0, _RECORD_ROLE)
        if record is not None:
            self.record_activated.emit(record)

    def run_headers(self) -> list[str]:
        items = [self.view.topLevelItem(i) for i in range(self.view.topLevelItemCount())]
        return [i.text(0) for i in items if i.data(0, _RECORD_ROLE) is None]

    def records(self, visible_only: bool = False) -> list[ConsoleRecord]:
        items = [self.view.topLevelItem(i) for i in range(self.view.topLevelItemCount())]
        return [i.data(0, _RECORD_ROLE) for i in items
                if i.data(0, _RECORD_ROLE) is not None and not (visible_only and i.isHidden())]

    def clear(self) -> None:
        self.view.clear()
        self._headers = 0
        self._update_count()

    def _shown(self, level: str) -> bool:
        minimum = self.level.currentIndex()
        return LEVELS.index(level) >= minimum if level in LEVELS else True

    def _apply_filter(self) -> None:
        for index in range(self.view.topLevelItemCount()):
            item = self.view.topLevelItem(index)
            record = item.data(0, _RECORD_ROLE)
            item.setHidden(record is not None and not self._shown(record.level))
        self._update_count()

    def _update_count(self) -> None:
        count = self.view.topLevelItemCount() - self._headers
        self.count_label.setText(f"{count} message{'s' if count != 1 else ''}")
