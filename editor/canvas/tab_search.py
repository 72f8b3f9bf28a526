"""The Tab popup: the node types placeable on this tab, filtered as you type.

Built from the specs the registry says are placeable (scope and active plugins); the canvas
refreshes it after a plugin toggle. Enter or a double-click chooses a type.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from runtime.specs import NodeSpec

_TYPE_ROLE = Qt.ItemDataRole.UserRole
_TEXT_ROLE = Qt.ItemDataRole.UserRole + 1
MIN_WIDTH, MAX_WIDTH = 300, 560  # the popup is as wide as its longest entry, within these


class NodeSearchPopup(QFrame):
    """A search box over a list of node types; `chosen(type_id)` when the user picks one."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("NodeSearchPopup")
        self.setStyleSheet(
            "#NodeSearchPopup { background: #26272b; border: 1px solid #4a4d55; border-radius: 4px; }"
            "QLineEdit { background: #1d1e21; color: #e2e4e8; border: 1px solid #3a3d44; padding: 4px; }"
            "QListWidget { background: #26272b; color: #e2e4e8; border: none; }"
            "QListWidget::item:selected { background: #3d6fb4; }"
            "QLabel { color: #9aa0aa; padding: 10px 4px; }")
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search nodes…")
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        self.list.setUniformItemSizes(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.empty = QLabel(self, wordWrap=True, alignment=Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(4)
        layout.addWidget(self.search)
        layout.addWidget(self.list)
        layout.addWidget(self.empty, 1)
        self.resize(280, 340)
        self.search.textChanged.connect(self._filter)
        self.search.installEventFilter(self)
        self.list.itemActivated.connect(self._choose)
        self.list.itemDoubleClicked.connect(self._choose)

    def set_specs(self, specs: Iterable[NodeSpec]) -> None:
        """Replaces the list (Toolbox order, with the category beside each name)."""
        self.list.clear()
        for spec in specs:
            category = " › ".join(spec.category)
            item = QListWidgetItem(f"{spec.name}    ·  {category}" if category else spec.name)
            item.setData(_TYPE_ROLE, spec.type_id)
            item.setData(_TEXT_ROLE, f"{spec.name} {category} {spec.type_id}".lower())
            item.setToolTip(spec.description)
            self.list.addItem(item)
        metrics = self.list.fontMetrics()
        widest = max((metrics.horizontalAdvance(self.list.item(i).text()) for i in range(self.list.count())),
                     default=0)
        self.resize(max(MIN_WIDTH, min(MAX_WIDTH, widest + 48)), self.height())
        self._filter(self.search.text())

    def type_ids(self, visible_only: bool = False) -> list[str]:
        items = (self.list.item(i) for i in range(self.list.count()))
        return [i.data(_TYPE_ROLE) for i in items if not (visible_only and i.isHidden())]

    def open_at(self, global_pos: QPoint) -> None:
        self.search.clear()
        self.move(global_pos - QPoint(20, 16))
        self.show()
        self.search.setFocus()

    def _filter(self, text: str) -> None:
        words = text.lower().split()
        first = None
        for i in range(self.list.count()):
            item = self.list.item(i)
            hidden = not all(w in item.data(_TEXT_ROLE) for w in words)
            item.setHidden(hidden)
            if not hidden and first is None:
                first = item
        self.list.setCurrentItem(first)
        self.empty.setText(f"No node matches {text.strip()!r}" if self.list.count() else "No node fits this tab")
        self.empty.setVisible(first is None)
        self.list.setVisible(first is not None)

    def _choose(self, item: QListWidgetItem | None = None) -> None:
        item = item or self.list.currentItem()
        if item is None or item.isHidden():
            return
        self.hide()
        self.chosen.emit(item.data(_TYPE_ROLE))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up/Down move through the list and Enter picks, while typing in the search box."""
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            key = event.key() if isinstance(event, QKeyEvent) else None
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._choose()
                return True
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                self._step(1 if key == Qt.Key.Key_Down else -1)
                return True
        return super().eventFilter(watched, event)

    def _step(self, direction: int) -> None:
        row = self.list.currentRow()
        count = self.list.count()
        for _ in range(count):
            row = (row + direction) % count if count else -1
            if row >= 0 and not self.list.item(row).isHidden():
                self.list.setCurrentRow(row)
                return
