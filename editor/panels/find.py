"""The Find panel (Edit → Find, Ctrl+F): nodes of every graph matching a text, one row each.

Typing searches (after a short pause); Enter or a click jumps to the current hit (its tab comes
to the front, the node is selected and centred); F3 / Shift+F3 go to the next / previous hit,
wrapping. The list follows edits. Matching: editor/find.py.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from editor.find import Hit, find_in_project
from editor.panels.base import DocumentPanel
from runtime.model import Change

SEARCH_DELAY_MS = 150
_WATCHED = frozenset({"node_added", "node_removed", "node_changed", "node_moved", "graph_added", "graph_removed",
                      "graph_renamed", "plugin_toggled"})


class FindPanel(DocumentPanel):
    """See the module docstring; `hit_activated(graph_id, node_id)` asks the window to show a node."""

    hit_activated = Signal(str, str)
    watched = _WATCHED

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hits: list[Hit] = []
        self.search = QLineEdit(placeholderText="Find in every graph: node name, type, value or variable…",
                                clearButtonEnabled=True)
        self.results = QTreeWidget()
        self.results.setHeaderLabels(["Graph", "Node", "Matched"])
        self.results.setRootIsDecorated(False)
        self.results.setUniformRowHeights(True)
        self.results.setColumnWidth(0, 140)
        self.results.setColumnWidth(1, 200)
        self.summary = QLabel("", objectName="Muted")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.setSpacing(4)
        layout.addWidget(self.search)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.summary)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.rebuild)
        self.search.textChanged.connect(self._timer.start)
        self.search.returnPressed.connect(self._enter)
        self.search.installEventFilter(self)
        self.results.itemActivated.connect(lambda _item, _col: self.go(self.results.currentIndex().row()))
        self.results.itemClicked.connect(lambda _item, _col: self.go(self.results.currentIndex().row()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Down in the search field goes to the results (Enter there shows the row's node)."""
        if watched is self.search and event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Down \
                and self.hits:
            self.results.setFocus(Qt.FocusReason.OtherFocusReason)
            if self.results.currentItem() is None:
                self.results.setCurrentItem(self.results.topLevelItem(0))
            return True
        return False

    def focus_search(self) -> None:
        """Ctrl+F: the field focused, its text selected (typing replaces it)."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def on_change(self, change: Change) -> None:
        if self.search.text().strip():
            self._timer.start()  # a burst of edits searches once (F3 works with the panel closed)

    def rebuild(self) -> None:
        """Searches again for the field's text, keeping the current hit when it still matches."""
        self._timer.stop()
        current = self.current_hit()
        self.hits = find_in_project(self.document.project, self.document.registry, self.search.text()) \
            if self.document is not None else []
        self.results.clear()
        self.results.addTopLevelItems([QTreeWidgetItem([h.graph_name, h.node_name, h.matched]) for h in self.hits])
        keep = next((i for i, h in enumerate(self.hits) if current and h.node_id == current.node_id), None)
        if keep is not None:
            self.results.setCurrentItem(self.results.topLevelItem(keep))
        text = self.search.text().strip()
        graphs = len({h.graph_id for h in self.hits})
        self.summary.setText("" if not text else f"No node matches {text!r}" if not self.hits
                             else f"{len(self.hits)} node{'s' if len(self.hits) > 1 else ''} in {graphs} "
                                  f"graph{'s' if graphs > 1 else ''}: Enter shows one, F3 / Shift+F3 the next / "
                                  "previous")

    def current_hit(self) -> Hit | None:
        row = self.results.currentIndex().row() if self.results.currentItem() is not None else -1
        return self.hits[row] if 0 <= row < len(self.hits) else None

    def _enter(self) -> None:
        self.rebuild()  # Enter right after typing: not a stale list
        row = self.results.currentIndex().row() if self.results.currentItem() is not None else 0
        self.go(row)

    def step(self, delta: int) -> Hit | None:
        """F3 (+1) / Shift+F3 (-1): the next or previous hit, wrapping around."""
        if self._timer.isActive() or not self.hits:
            self.rebuild()
        if not self.hits:
            self.message.emit("Nothing to find: type what to look for in the Find panel (Ctrl+F)")
            return None
        current = self.current_hit()
        row = 0 if current is None and delta > 0 else -1 if current is None \
            else (self.hits.index(current) + delta) % len(self.hits)
        return self.go(row % len(self.hits))

    def go(self, row: int) -> Hit | None:
        """Shows hit `row`: it becomes the current row, and the window jumps to its node."""
        if not 0 <= row < len(self.hits):
            return None
        self.results.setCurrentItem(self.results.topLevelItem(row))
        hit = self.hits[row]
        self.hit_activated.emit(hit.graph_id, hit.node_id)
        self.message.emit(f"Found {row + 1} of {len(self.hits)}: {hit.node_name} in {hit.graph_name} ({hit.matched})")
        return hit
