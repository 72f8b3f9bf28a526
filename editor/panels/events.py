"""The Events panel: the custom event names used in the project, and which nodes fire or hear each.

Which nodes take part is read from the specs: any node type with an ``Event`` attribute
(the custom event trigger and listener today, any future one tomorrow).
"""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from editor.panels.base import DocumentPanel

EVENT_ATTRIBUTE = "Event"
_GRAPH_ROLE = Qt.ItemDataRole.UserRole
_NODE_ROLE = Qt.ItemDataRole.UserRole + 1
_NAME_ROLE = Qt.ItemDataRole.UserRole + 2


class EventsPanel(DocumentPanel):
    node_activated = Signal(str, str)
    watched = frozenset({"node_added", "node_removed", "node_changed", "graph_added", "graph_removed",
                         "graph_renamed"})

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Event", "Graph"])
        self.tree.setColumnWidth(0, 180)
        self.tree.itemClicked.connect(self._clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.addWidget(self.tree)

    def event_names(self) -> list[str]:
        items = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        return [item.data(0, _NAME_ROLE) for item in items if item.data(0, _NAME_ROLE) is not None]

    def rebuild(self) -> None:
        self.tree.clear()
        if self.document is None:
            return
        registry = self.document.registry
        users: dict[str, list[tuple[str, str, str, str]]] = defaultdict(list)
        for graph, node in self.document.project.iter_nodes():
            spec = registry.spec(node.type)
            if spec is None or spec.attribute(EVENT_ATTRIBUTE) is None:
                continue
            name = str(node.attributes.get(EVENT_ATTRIBUTE, ""))
            users[name].append((graph.id, graph.name, node.id, f"{node.name} ({spec.name})"))
        for name in sorted(users):
            top = QTreeWidgetItem(self.tree, [f"{name}  ({len(users[name])})"])
            top.setData(0, _NAME_ROLE, name)
            for graph_id, graph_name, node_id, label in users[name]:
                child = QTreeWidgetItem(top, [label, graph_name])
                child.setData(0, _GRAPH_ROLE, graph_id)
                child.setData(0, _NODE_ROLE, node_id)
        self.tree.expandAll()
        if not users:
            QTreeWidgetItem(self.tree, ["No custom events yet"]).setDisabled(True)

    def _clicked(self, item: QTreeWidgetItem) -> None:
        graph_id, node_id = item.data(0, _GRAPH_ROLE), item.data(0, _NODE_ROLE)
        if graph_id and node_id:
            self.node_activated.emit(graph_id, node_id)
