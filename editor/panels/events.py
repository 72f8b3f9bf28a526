"""The Events panel: the project's custom events, their typed parameters, and the nodes using each.

The tree lists each declared event (its parameters' types beside it; F2 or a double-click renames,
Delete deletes) with two rows to drag onto a canvas (or double-click) to place
a Custom Event Trigger or Listener of it, followed by the nodes that already use it. Events that
nodes name but the list does not declare are shown too, flagged; Add with one selected declares it.
Below, the selected event's parameters are edited like variables (name, type). Every edit is one
undo step of the document, which also carries connections over renamed parameters.

Which nodes take part is read from the specs: any node type with an EVENT attribute.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QEvent, QMimeData, Qt, Signal
from PySide6.QtGui import QDrag, QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from editor.document import EditRefused
from editor.icons import icon
from editor.panels.base import DocumentPanel, tool_button
from editor.panels.toolbox import NODE_ATTRIBUTES_MIME, NODE_TYPE_MIME
from editor.panels.typed_list import Row, TypedListEditor
from runtime.model import CustomEvent, Param

EVENT_ATTRIBUTE = "Event"
TRIGGER, LISTENER = "logic.custom_event_trigger", "logic.custom_event_listener"
_GRAPH_ROLE = Qt.ItemDataRole.UserRole
_NODE_ROLE = Qt.ItemDataRole.UserRole + 1
_NAME_ROLE = Qt.ItemDataRole.UserRole + 2
_PLACE_ROLE = Qt.ItemDataRole.UserRole + 3  # a node type id: this row places one of the event
_DECLARED_ROLE = Qt.ItemDataRole.UserRole + 4


class _EventTree(QTreeWidget):
    """Rows with a node type to place start a drag carrying the type and the event's name.

    Delete pressed here deletes the event (`delete_pressed`), not the canvas selection that the
    window's Delete action would otherwise take.
    """

    delete_pressed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setHeaderLabels(["Event", "Graph"])
        self.setColumnWidth(0, 200)
        self.setDragEnabled(True)
        self.setDragDropMode(QTreeWidget.DragDropMode.DragOnly)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and event.key() == Qt.Key.Key_Delete and self.state() != self.State.EditingState:
            event.accept()  # the key comes to keyPressEvent instead of triggering Edit > Delete
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Delete:
            self.delete_pressed.emit()
            return
        super().keyPressEvent(event)

    def startDrag(self, supported: Qt.DropAction) -> None:
        mime = place_mime(self.currentItem())
        if mime is None:
            return
        drag = QDrag(self)
        drag.setMimeData(mime)
        drag.exec(Qt.DropAction.CopyAction)


def place_mime(item: QTreeWidgetItem | None) -> QMimeData | None:
    """What dragging `item` carries: a node type and its Event attribute (None: not a placing row)."""
    type_id = item.data(0, _PLACE_ROLE) if item is not None else None
    if not type_id:
        return None
    mime = QMimeData()
    mime.setData(NODE_TYPE_MIME, type_id.encode())
    mime.setData(NODE_ATTRIBUTES_MIME, json.dumps({EVENT_ATTRIBUTE: item.data(0, _NAME_ROLE)}).encode())
    return mime


class EventsPanel(DocumentPanel):
    node_activated = Signal(str, str)
    place_requested = Signal(str, dict)  # node type id, attributes: place at the view centre
    watched = frozenset({"node_added", "node_removed", "node_changed", "graph_added", "graph_removed",
                         "graph_renamed", "events_changed"})

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = _EventTree()
        self.tree.itemClicked.connect(self._clicked)
        self.tree.itemDoubleClicked.connect(self._double_clicked)
        self.tree.itemChanged.connect(self._renamed)
        self.tree.currentItemChanged.connect(lambda *_: self._show_parameters())
        self.add_button = tool_button("add", "Add a custom event (declares the selected undeclared one)")
        self.add_button.clicked.connect(self.add_event)
        self.rename_button = tool_button("rename", "Rename the selected event")
        self.rename_button.clicked.connect(self.rename_selected)
        self.delete_button = tool_button("delete", "Delete the selected event (its nodes keep its name)")
        self.delete_button.clicked.connect(self.delete_selected)
        self.tree.delete_pressed.connect(self.delete_selected)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(QLabel("Custom events", objectName="PanelHeading"))
        bar.addStretch(1)
        for button in (self.add_button, self.rename_button, self.delete_button):
            bar.addWidget(button)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.setSpacing(2)
        top_layout.addLayout(bar)
        top_layout.addWidget(self.tree)
        self.parameters = TypedListEditor("Parameters", with_default=False, name_stem="param")
        self.parameters.edited.connect(self._parameters_edited)
        splitter = QSplitter(Qt.Orientation.Vertical, childrenCollapsible=False)
        splitter.addWidget(top)
        splitter.addWidget(self.parameters)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.addWidget(splitter)
        self._rebuilding = False

    # --- what is shown ------------------------------------------------------------------------
    def event_names(self) -> list[str]:
        """Every event shown (declared ones first, in list order, then undeclared ones in use)."""
        return [item.data(0, _NAME_ROLE) for item in self._event_items()]

    def event_item(self, name: str) -> QTreeWidgetItem | None:
        return next((item for item in self._event_items() if item.data(0, _NAME_ROLE) == name), None)

    def selected_event(self) -> str | None:
        item = self.tree.currentItem()
        while item is not None and item.parent() is not None:
            item = item.parent()
        return item.data(0, _NAME_ROLE) if item is not None else None

    def _event_items(self) -> list[QTreeWidgetItem]:
        items = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        return [item for item in items if item.data(0, _NAME_ROLE) is not None]

    def rebuild(self) -> None:
        selected = self.selected_event()
        self._rebuilding = True
        self.tree.clear()
        if self.document is not None:
            self._fill()
        self._rebuilding = False
        item = self.event_item(selected) if selected is not None else None
        self.tree.setCurrentItem(item or self.tree.topLevelItem(0))
        self._show_parameters()

    def _fill(self) -> None:
        assert self.document is not None
        project = self.document.project
        users: dict[str, list[tuple[str, str, str, str]]] = {}
        for graph, node in project.iter_nodes():
            spec = self.document.registry.spec(node.type)
            if spec is None or spec.attribute(EVENT_ATTRIBUTE) is None:
                continue
            name = str(node.attributes.get(EVENT_ATTRIBUTE, ""))
            users.setdefault(name, []).append((graph.id, graph.name, node.id, f"{node.name} ({spec.name})"))
        declared = [e.name for e in project.events]
        for event in project.events:
            top = self._event_row(event.name, ", ".join(p.type.value for p in event.parameters), declared=True)
            for type_id, label in ((TRIGGER, "Trigger"), (LISTENER, "Listener")):
                place = QTreeWidgetItem(top, [label])
                place.setIcon(0, icon("add"))
                place.setData(0, _PLACE_ROLE, type_id)
                place.setData(0, _NAME_ROLE, event.name)
                place.setToolTip(0, f"Drag onto a canvas (or double-click) to place a Custom Event {label} "
                                    f"of {event.name!r}")
            self._user_rows(top, users.get(event.name, []))
        for name in sorted(set(users) - set(declared)):
            top = self._event_row(name, "⚠ not declared", declared=False)
            top.setToolTip(0, "Nodes name this event but the Events list does not declare it: select it and "
                              "press Add to declare it.")
            self._user_rows(top, users[name])
        self.tree.expandAll()
        if self.tree.topLevelItemCount() == 0:
            QTreeWidgetItem(self.tree, ["No custom events yet: press + to add one"]).setDisabled(True)

    def _event_row(self, name: str, detail: str, declared: bool) -> QTreeWidgetItem:
        """An event's row: its name (edited in place to rename it) and its parameter types or a flag."""
        top = QTreeWidgetItem(self.tree, [name or "(no event)", detail])
        top.setData(0, _NAME_ROLE, name)
        top.setData(0, _DECLARED_ROLE, declared)
        if declared:
            top.setFlags(top.flags() | Qt.ItemFlag.ItemIsEditable)
        return top

    @staticmethod
    def _user_rows(top: QTreeWidgetItem, users: list[tuple[str, str, str, str]]) -> None:
        for graph_id, graph_name, node_id, label in users:
            child = QTreeWidgetItem(top, [label, graph_name])
            child.setData(0, _GRAPH_ROLE, graph_id)
            child.setData(0, _NODE_ROLE, node_id)

    def _show_parameters(self) -> None:
        event = self._declared(self.selected_event())
        self.parameters.setEnabled(event is not None)
        self.parameters.set_title(f"{event.name} parameters" if event else "Parameters",
                                  "Each Trigger of the event gets an input per parameter, each Listener an output.")
        self.parameters.set_rows([(p.name, p.type, None) for p in event.parameters] if event else [])

    def _declared(self, name: str | None) -> CustomEvent | None:
        return self.document.project.event(name) if self.document is not None and name is not None else None

    # --- edits --------------------------------------------------------------------------------
    def add_event(self) -> None:
        assert self.document is not None
        events = list(self.document.project.events)
        selected = self.selected_event()
        if selected is not None and self._declared(selected) is None and selected:
            name = selected  # declare an event the nodes already use
        else:
            taken, number = {e.name for e in events}, len(events) + 1
            while f"Event {number}" in taken:
                number += 1
            name = f"Event {number}"
        self._apply([*events, CustomEvent(name)])
        item = self.event_item(name)
        if item is not None:
            self.tree.setCurrentItem(item)

    def rename_selected(self) -> None:
        item = self.event_item(self.selected_event() or "")
        if item is not None and item.data(0, _DECLARED_ROLE):
            self.tree.editItem(item, 0)

    def delete_selected(self) -> None:
        assert self.document is not None
        name = self.selected_event()
        if self._declared(name) is None:
            return
        self._apply([e for e in self.document.project.events if e.name != name])
        users = len(self.document.event_users(name or ""))
        if users:
            self.message.emit(f"{users} node{'s' if users > 1 else ''} still name {name!r}: Undo brings the event back")

    def _renamed(self, item: QTreeWidgetItem, column: int) -> None:
        if self._rebuilding or column != 0 or not item.data(0, _DECLARED_ROLE) or self.document is None:
            return
        old, new = item.data(0, _NAME_ROLE), item.text(0).strip()
        if new == old or not new:
            self.rebuild()
            return
        events = [CustomEvent(new, e.parameters) if e.name == old else e for e in self.document.project.events]
        self._apply(events, renamed={old: new})
        self.tree.setCurrentItem(self.event_item(new))

    def _parameters_edited(self, rows: list[Row]) -> None:
        event = self._declared(self.selected_event())
        if event is None or self.document is None:
            return
        old, new = [p.name for p in event.parameters], [name for name, _, _ in rows]
        renamed = {a: b for a, b in zip(old, new, strict=True) if a != b} if len(old) == len(new) else {}
        parameters = [Param(name, data_type) for name, data_type, _ in rows]
        events = [CustomEvent(e.name, parameters) if e.name == event.name else e for e in self.document.project.events]
        self._apply(events, renamed_parameters={event.name: renamed} if renamed else None)

    def _apply(self, events: list[CustomEvent], **renames: Any) -> None:
        assert self.document is not None
        try:
            self.document.set_events(events, **renames)
        except EditRefused as exc:
            self.message.emit(str(exc))
            self.rebuild()

    # --- activation ---------------------------------------------------------------------------
    def _clicked(self, item: QTreeWidgetItem) -> None:
        graph_id, node_id = item.data(0, _GRAPH_ROLE), item.data(0, _NODE_ROLE)
        if graph_id and node_id:
            self.node_activated.emit(graph_id, node_id)

    def _double_clicked(self, item: QTreeWidgetItem) -> None:
        type_id = item.data(0, _PLACE_ROLE)
        if type_id:
            self.place_requested.emit(type_id, {EVENT_ATTRIBUTE: item.data(0, _NAME_ROLE)})
