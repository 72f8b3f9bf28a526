"""The logic graphs of the project by kind, with add, rename and delete for the editable kinds.

Used by the Explorer (every kind) and by the Functions panel (functions only), so scenes,
functions and prefabs are managed the same way everywhere. Renaming happens in place (F2 or
double-click); the editor starts from the graph's name (not its label, which may say
"(start)") and the new name goes through `Document.rename_graph`, which refuses empty and
duplicate names.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QToolTip,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor.document import EditRefused
from editor.panels.base import DocumentPanel, tool_button
from runtime.model import Change
from runtime.specs import Scope

_ID_ROLE = Qt.ItemDataRole.UserRole
_KIND_ROLE = Qt.ItemDataRole.UserRole + 1
_PLURALS = {Scope.PROJECT: "Project", Scope.SCENE: "Scenes", Scope.FUNCTION: "Functions", Scope.PREFAB: "Prefabs"}
EDITABLE = (Scope.SCENE, Scope.FUNCTION, Scope.PREFAB)


class _RenameDelegate(QStyledItemDelegate):
    """Edits a graph's name and hands the result to `GraphList.rename` instead of writing the item.

    The rename is applied once the editor has closed: it rebuilds the tree, which must not
    happen while the view is still committing from an item it is about to delete.
    """

    def __init__(self, owner: GraphList) -> None:
        super().__init__(owner)
        self.owner = owner

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        editor = QLineEdit(parent)
        editor.setFrame(False)
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QLineEdit)
        graph_id, document = index.data(_ID_ROLE), self.owner.document
        editor.setText(document.graph(graph_id).name if document and graph_id else str(index.data()))
        editor.selectAll()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,
                     index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QLineEdit)
        graph_id, name = index.data(_ID_ROLE), editor.text()
        if graph_id:
            QTimer.singleShot(0, self.owner, lambda: self.owner.rename(graph_id, name))


class GraphList(DocumentPanel):
    """`graph_activated(id)` on click; `current_graph_changed(id | None)` follows the selection."""

    graph_activated = Signal(str)
    current_graph_changed = Signal(object)
    watched = frozenset({"graph_added", "graph_removed", "graph_renamed", "project_changed"})

    def __init__(self, kinds: tuple[Scope, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kinds = kinds
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setIndentation(14)
        self.tree.setEditTriggers(QTreeWidget.EditTrigger.EditKeyPressed | QTreeWidget.EditTrigger.DoubleClicked)
        self.tree.setItemDelegate(_RenameDelegate(self))
        self.tree.itemClicked.connect(self._clicked)
        self.tree.currentItemChanged.connect(lambda *_: self.current_graph_changed.emit(self.selected_graph_id()))
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(lambda pos: self._menu().exec(self.tree.mapToGlobal(pos)))

        self.add_button = tool_button("add", "Add a scene, function or prefab")
        editable = [k for k in kinds if k in EDITABLE]
        if len(editable) == 1:
            self.add_button.clicked.connect(lambda: self.add_graph(editable[0]))
        else:
            menu = QMenu(self.add_button)
            for kind in editable:
                menu.addAction(f"Add {kind.value}", lambda k=kind: self.add_graph(k))
            self.add_button.setMenu(menu)
            self.add_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.rename_button = tool_button("rename", "Rename (F2)")
        self.rename_button.clicked.connect(self.start_rename)
        self.delete_button = tool_button("delete", "Delete")
        self.delete_button.clicked.connect(self.delete_selected)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(QLabel(_PLURALS[kinds[0]] if len(kinds) == 1 else "Graphs", objectName="PanelHeading"))
        bar.addStretch(1)
        for button in (self.add_button, self.rename_button, self.delete_button):
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(bar)
        layout.addWidget(self.tree)

    # --- showing -----------------------------------------------------------------------------
    def rebuild(self) -> None:
        selected = self.selected_graph_id()
        self.tree.blockSignals(True)
        self.tree.clear()
        assert self.document is not None
        project = self.document.project
        for kind in self.kinds:
            graphs = project.graphs_of(kind)
            parent: QTreeWidget | QTreeWidgetItem = self.tree
            if kind is not Scope.PROJECT and len(self.kinds) > 1:
                parent = QTreeWidgetItem(self.tree, [_PLURALS[kind]])
                parent.setData(0, _KIND_ROLE, kind.value)
                parent.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                font = parent.font(0)
                font.setBold(True)
                parent.setFont(0, font)
            for graph in graphs:
                label = graph.name + ("  (start)" if graph.id == project.start_scene else "")
                item = QTreeWidgetItem(parent, [label])
                item.setData(0, _ID_ROLE, graph.id)
                item.setData(0, _KIND_ROLE, kind.value)
                flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                if kind in EDITABLE:
                    flags |= Qt.ItemFlag.ItemIsEditable
                item.setFlags(flags)
                if graph.id == selected:
                    self.tree.setCurrentItem(item)
        self.tree.expandAll()
        self.tree.blockSignals(False)

    def on_change(self, change: Change) -> None:
        self.rebuild()
        if change.what == "graph_added" and change.graph:
            self.select(change.graph)

    def selected_graph_id(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(0, _ID_ROLE) if item else None

    def item_for(self, graph_id: str) -> QTreeWidgetItem | None:
        for item in self._items():
            if item.data(0, _ID_ROLE) == graph_id:
                return item
        return None

    def select(self, graph_id: str) -> None:
        item = self.item_for(graph_id)
        if item is not None:
            self.tree.setCurrentItem(item)

    def _items(self) -> list[QTreeWidgetItem]:
        result, stack = [], [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while stack:
            item = stack.pop(0)
            result.append(item)
            stack.extend(item.child(i) for i in range(item.childCount()))
        return result

    # --- edits -------------------------------------------------------------------------------
    def add_graph(self, kind: Scope) -> str | None:
        if self.document is None:
            return None
        taken = {g.name for g in self.document.project.graphs_of(kind)}
        number = len(taken) + 1
        while f"{kind.value} {number}" in taken:
            number += 1
        graph = self.document.add_graph(kind, f"{kind.value} {number}")
        self.select(graph.id)
        return graph.id

    def start_rename(self) -> None:
        item = self.tree.currentItem()
        if item is not None and item.flags() & Qt.ItemFlag.ItemIsEditable:
            self.tree.editItem(item)

    def rename(self, graph_id: str, name: str) -> bool:
        """Renames a graph; a refused name (empty, taken) is said beside the graph and the old name stays."""
        if self.document is None or graph_id not in self.document.project.graphs:
            return False
        try:
            self.document.rename_graph(graph_id, name)
        except EditRefused as exc:
            self._refused(graph_id, str(exc))
            return False
        return True

    def delete_selected(self) -> None:
        """Deletes the selected graph; a prefab with instances is deleted with them only if the user agrees."""
        graph_id = self.selected_graph_id()
        if graph_id is None or self.document is None:
            return
        graph = self.document.graph(graph_id)
        users = self.document.prefab_users(graph_id)
        if users:
            scenes = ", ".join(repr(g.name) for g in users)
            answer = QMessageBox.warning(
                self, "Delete prefab", f"Prefab {graph.name!r} has instances in {scenes}.\n\n"
                "Delete the prefab and those instances? (Edit ▸ Undo brings both back.)",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Yes:
                self.message.emit(f"{graph.name!r} was not deleted: it has instances in {scenes}")
                return
        try:
            self.document.remove_graph(graph_id, drop_instances=bool(users))
        except EditRefused as exc:
            self._refused(graph_id, str(exc))

    def _refused(self, graph_id: str, text: str) -> None:
        """Says why an edit was refused: in the status bar and in a tip beside the graph."""
        self.message.emit(text)
        item = self.item_for(graph_id)
        if item is not None and self.tree.isVisible():
            rect = self.tree.visualItemRect(item)
            QToolTip.showText(self.tree.viewport().mapToGlobal(rect.bottomLeft()), text, self.tree)

    def _clicked(self, item: QTreeWidgetItem) -> None:
        graph_id = item.data(0, _ID_ROLE)
        if graph_id:
            self.graph_activated.emit(graph_id)

    def _menu(self) -> QMenu:
        menu = QMenu(self)
        for kind in (k for k in self.kinds if k in EDITABLE):
            menu.addAction(f"Add {kind.value}", lambda k=kind: self.add_graph(k))
        item = self.tree.currentItem()
        if item is not None and item.flags() & Qt.ItemFlag.ItemIsEditable:
            menu.addSeparator()
            menu.addAction("Rename", self.start_rename)
            menu.addAction("Delete", self.delete_selected)
        return menu
