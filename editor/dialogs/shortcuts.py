"""Help ▸ Keyboard Shortcuts: generated from the menu bar, so it can never disagree with it."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMenu,
    QMenuBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

_CANVAS_KEYS = (("Tab", "Search for a node to add at the cursor"), ("Delete / Backspace", "Delete the selection"),
                ("Esc", "Remove the chain highlight"),
                ("Middle drag / Alt+drag", "Pan the view"), ("Mouse wheel", "Zoom"))


def _commands(menu: QMenu) -> list[QAction]:
    """A menu's commands, its submenus' (Edit → Arrange) included."""
    found = []
    for action in menu.actions():
        if action.menu() is not None:
            found.extend(_commands(action.menu()))
        elif not action.isSeparator():
            found.append(action)
    return found


class ShortcutsDialog(QDialog):
    def __init__(self, menu_bar: QMenuBar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard Shortcuts")
        self.resize(460, 560)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Command", "Shortcut"])
        self.tree.setColumnWidth(0, 280)
        for menu_action in menu_bar.actions():
            menu = menu_action.menu()
            if menu is None:
                continue
            rows = [(a.text().replace("&", ""), a.shortcut().toString(QKeySequence.SequenceFormat.NativeText))
                    for a in _commands(menu) if not a.shortcut().isEmpty()]
            if rows:
                top = QTreeWidgetItem(self.tree, [menu_action.text().replace("&", "")])
                for text, keys in rows:
                    QTreeWidgetItem(top, [text, keys])
        canvas = QTreeWidgetItem(self.tree, ["Canvas"])
        for keys, text in _CANVAS_KEYS:
            QTreeWidgetItem(canvas, [text, keys])
        self.tree.expandAll()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)
