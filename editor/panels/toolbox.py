"""The Toolbox: the node types allowed on the current tab, by category, with a search box.

Built from `registry.placeable(scope, project)` only, so plugins and scopes decide what shows.
Each category and node has a mark in its category's canvas header colour, with a glyph for the
node's kind and the plug badge on an optional plugin's nodes (see `icons.node_icon`).
Double-click asks for the node at the view centre (`add_requested`); dragging carries the type
id under `NODE_TYPE_MIME`, and `DropOnCanvas` (installed on a canvas viewport) turns the drop
into a node where it was dropped.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

from PySide6.QtCore import QEvent, QMimeData, QObject, Qt, Signal
from PySide6.QtGui import QDrag, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QLineEdit, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from editor.canvas.style import category_colour
from editor.document import EditRefused
from editor.icons import has_icon, node_icon
from runtime.model import Project
from runtime.registry import Registry
from runtime.specs import NodeSpec, Scope

NODE_TYPE_MIME = "application/x-pulse-studio-node-type"
#: Optional beside NODE_TYPE_MIME: a JSON object of attributes the placed node starts with.
NODE_ATTRIBUTES_MIME = "application/x-pulse-studio-node-attributes"
_TYPE_ROLE = Qt.ItemDataRole.UserRole
_KIND_TIPS = {"event": "Event: starts a pulse", "action": "Action: runs when a pulse arrives",
              "pure": "Value: gives data, takes no pulse"}


class _SpecTree(QTreeWidget):
    """A tree whose leaves start a drag carrying their node type id."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setDragEnabled(True)
        self.setDragDropMode(QTreeWidget.DragDropMode.DragOnly)
        self.setAnimated(True)
        self.setIndentation(14)

    def startDrag(self, supported: Qt.DropAction) -> None:
        item = self.currentItem()
        type_id = item.data(0, _TYPE_ROLE) if item else None
        if not type_id:
            return
        mime = QMimeData()
        mime.setData(NODE_TYPE_MIME, type_id.encode())
        drag = QDrag(self)
        drag.setMimeData(mime)
        drag.exec(Qt.DropAction.CopyAction)


class Toolbox(QWidget):
    """Category tree + search; `add_requested(type_id)` on double-click or Enter."""

    add_requested = Signal(str)

    def __init__(self, registry: Registry, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.registry = registry
        self.project: Project | None = None
        self.scope: Scope | None = None
        self.search = QLineEdit(placeholderText="Search nodes…", clearButtonEnabled=True)
        self.tree = _SpecTree()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.search)
        layout.addWidget(self.tree)
        self.search.textChanged.connect(self._apply_filter)
        self.search.returnPressed.connect(self._add_first_match)
        self.tree.itemActivated.connect(self._activated)

    def set_context(self, project: Project | None, scope: Scope | None) -> None:
        """The project and the current tab's scope; rebuilds the tree."""
        self.project, self.scope = project, scope
        self.refresh()

    def refresh(self) -> None:
        """Rebuilds from the registry (after a plugin toggle or a tab change), keeping the search."""
        self.tree.clear()
        specs = self.registry.placeable(self.scope, self.project) if self.project and self.scope else []
        folders: dict[tuple[str, ...], QTreeWidgetItem] = {}
        for spec in specs:
            parent = self._folder(folders, spec.category, spec)
            parent.addChild(_leaf(spec, self.registry))
        self.tree.expandAll()
        self._apply_filter(self.search.text())

    def visible_type_ids(self) -> list[str]:
        """The node types a user can see now (tests and the search's Enter use this)."""
        return [item.data(0, _TYPE_ROLE) for item in self._leaves() if not item.isHidden()]

    def item_for(self, type_id: str) -> QTreeWidgetItem | None:
        return next((i for i in self._leaves() if i.data(0, _TYPE_ROLE) == type_id), None)

    def _folder(self, folders: dict[tuple[str, ...], QTreeWidgetItem], path: tuple[str, ...],
                spec: NodeSpec) -> QTreeWidgetItem:
        """The folder of category `path`, made (with its parents) for the first `spec` that needs it."""
        if path in folders:
            return folders[path]
        item = QTreeWidgetItem([path[-1] if path else "Other"])
        font = item.font(0)
        font.setBold(True)
        item.setFont(0, font)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        item.setIcon(0, node_icon(_colour(spec, self.registry), plugin=_optional_plugin(spec, self.registry)))
        if len(path) > 1:
            self._folder(folders, path[:-1], spec).addChild(item)
        else:
            self.tree.addTopLevelItem(item)
        folders[path] = item
        return item

    def _leaves(self) -> list[QTreeWidgetItem]:
        result = []
        stack = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while stack:
            item = stack.pop(0)
            if item.data(0, _TYPE_ROLE):
                result.append(item)
            stack.extend(item.child(i) for i in range(item.childCount()))
        return result

    def _apply_filter(self, text: str) -> None:
        """Shows leaves whose name, category or description contains every word typed."""
        words = text.lower().split()
        for item in self._leaves():
            haystack = item.data(0, Qt.ItemDataRole.UserRole + 1)
            item.setHidden(not all(w in haystack for w in words))
        for index in range(self.tree.topLevelItemCount()):
            _hide_empty(self.tree.topLevelItem(index))

    def _add_first_match(self) -> None:
        visible = self.visible_type_ids()
        if visible:
            self.add_requested.emit(visible[0])

    def _activated(self, item: QTreeWidgetItem) -> None:
        type_id = item.data(0, _TYPE_ROLE)
        if type_id:
            self.add_requested.emit(type_id)


def _colour(spec: NodeSpec, registry: Registry) -> str:
    return category_colour(registry, spec.category[0] if spec.category else "").name()


def _optional_plugin(spec: NodeSpec, registry: Registry) -> bool:
    plugin = registry.plugins.get(spec.plugin)
    return plugin is not None and not plugin.always_on


def _leaf(spec: NodeSpec, registry: Registry) -> QTreeWidgetItem:
    item = QTreeWidgetItem([spec.name])
    plugin = registry.plugins.get(spec.plugin)
    origin = f"{plugin.name} plugin" if _optional_plugin(spec, registry) and plugin else ""
    footer = " · ".join(t for t in (_KIND_TIPS.get(spec.kind, ""), origin) if t)
    item.setToolTip(0, f"<b>{escape(spec.name)}</b><br>{escape(spec.description)}<br><i>{escape(footer)}</i>")
    item.setIcon(0, node_icon(_colour(spec, registry), spec.kind, _optional_plugin(spec, registry),
                              spec.icon if has_icon(spec.icon) else ""))
    item.setData(0, _TYPE_ROLE, spec.type_id)
    item.setData(0, Qt.ItemDataRole.UserRole + 1,
                 " ".join([spec.name, *spec.category, spec.description, spec.type_id]).lower())
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled)
    return item


def _hide_empty(item: QTreeWidgetItem) -> bool:
    """Hides folders with no visible leaf; returns whether `item` stays visible."""
    if item.data(0, _TYPE_ROLE):
        return not item.isHidden()
    visible = [_hide_empty(item.child(i)) for i in range(item.childCount())]
    item.setHidden(not any(visible))
    return any(visible)


class DropOnCanvas(QObject):
    """Event filter on a canvas viewport: accepts Toolbox drags and adds the node where dropped.

    The canvas belongs to another module; this keeps the Toolbox's drag format on this side and
    uses only the canvas's public API (`map_from_global`, `add_node`).
    """

    def __init__(self, canvas: object, on_refused: object = None) -> None:
        super().__init__(canvas)  # type: ignore[arg-type]
        self.canvas = canvas
        self.on_refused = on_refused

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            assert isinstance(event, (QDragEnterEvent, QDragMoveEvent))
            if event.mimeData().hasFormat(NODE_TYPE_MIME):
                event.setDropAction(Qt.DropAction.CopyAction)
                event.accept()
                return True
        elif kind == QEvent.Type.Drop:
            assert isinstance(event, QDropEvent)
            if event.mimeData().hasFormat(NODE_TYPE_MIME):
                type_id = bytes(event.mimeData().data(NODE_TYPE_MIME).data()).decode()
                attributes = _dropped_attributes(event.mimeData())
                global_pos = watched.mapToGlobal(event.position().toPoint())  # type: ignore[attr-defined]
                position = self.canvas.map_from_global(global_pos)  # type: ignore[attr-defined]
                try:
                    self.canvas.add_node(type_id, position, attributes)  # type: ignore[attr-defined]
                except EditRefused as exc:
                    if callable(self.on_refused):
                        self.on_refused(str(exc))
                event.setDropAction(Qt.DropAction.CopyAction)
                event.accept()
                return True
        return False


def _dropped_attributes(mime: QMimeData) -> dict[str, Any] | None:
    """The attributes a drag asks the new node to start with (a Listener of the dragged event)."""
    if not mime.hasFormat(NODE_ATTRIBUTES_MIME):
        return None
    try:
        attributes = json.loads(bytes(mime.data(NODE_ATTRIBUTES_MIME).data()).decode())
    except ValueError:
        return None
    return attributes if isinstance(attributes, dict) else None
