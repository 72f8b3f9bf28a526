"""The Explorer: the project's logic graphs (open, add, rename, delete), the groups, comments and nodes of
the current one and, on a scene's tab, that scene's prefab instances.

Clicking a graph opens its tab (`graph_activated`); clicking a node selects it on the canvas
(`node_activated(graph_id, node_id)`), a group or a comment selects and frames it
(`entry_activated`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QSplitter, QVBoxLayout, QWidget

from editor.document import Document
from editor.find import node_texts
from editor.panels.base import DocumentPanel
from editor.panels.graph_list import GraphList
from editor.panels.instances import InstancesPanel
from editor.panels.prefab_signature import PrefabSignaturePanel
from runtime.model import Change, Graph
from runtime.specs import Scope

_ID_ROLE = Qt.ItemDataRole.UserRole
_KIND_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class Entry:
    """One row of the Explorer's outline: `texts` are what its filter looks in (as Find does)."""

    id: str
    label: str
    texts: tuple[str, ...]
    muted: str = ""  # why it is greyed out (a tooltip), if it is


def _group_entries(document: Document, graph: Graph) -> Iterator[Entry]:
    for group in graph.groups:
        yield Entry(group.id, f"▣ {group.title}", (group.title, "group"))


def _comment_entries(document: Document, graph: Graph) -> Iterator[Entry]:
    for comment in graph.comments:
        first_line = comment.text.strip().split("\n", 1)[0].replace("*", "") or "(empty comment)"
        yield Entry(comment.id, f"✎ {first_line[:60]}", (comment.text, "comment"))


def _node_entries(document: Document, graph: Graph) -> Iterator[Entry]:
    registry = document.registry
    for node in graph.nodes.values():
        spec = registry.spec(node.type)
        type_name = spec.name if spec else node.type
        label = node.name if node.name == type_name else f"{node.name}  ·  {type_name}"
        muted = "" if registry.live_spec(node.type, document.project) is not None \
            else "plugin off or unknown type: kept, does not run"
        yield Entry(node.id, label, tuple(text for _what, text in node_texts(node, spec)), muted)


#: What the outline lists, in this order: (kind, entries of a graph). A new kind of canvas item is one row here
#: (and a case in the window's `_on_outline_entry` to show it).
ENTRY_KINDS: tuple[tuple[str, Callable[[Document, Graph], Iterable[Entry]]], ...] = (
    ("group", _group_entries),
    ("comment", _comment_entries),
    ("node", _node_entries),
)


class NodeList(DocumentPanel):
    """The outline of one graph: its groups, comments and nodes (see ENTRY_KINDS), filtered the way Find matches.

    `node_activated(graph_id, node_id)` for a node; `entry_activated(kind, graph_id, id)` for any row.
    """

    node_activated = Signal(str, str)
    entry_activated = Signal(str, str, str)
    watched = frozenset({"node_added", "node_removed", "node_changed", "graph_removed", "plugin_toggled",
                         "group_added", "group_removed", "group_changed",
                         "comment_added", "comment_removed", "comment_changed"})

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.graph_id: str | None = None
        self._texts: list[tuple[str, ...]] = []
        self.heading = QLabel("Nodes", objectName="PanelHeading")
        self.filter = QLineEdit(placeholderText="Filter by name, type, value or variable…", clearButtonEnabled=True)
        self.list = QListWidget()
        self.list.setUniformItemSizes(True)
        self.list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        self.list.itemClicked.connect(self._clicked)
        self.filter.textChanged.connect(self._apply_filter)
        self.empty = QLabel("No nodes yet. Double-click or drag one from the Toolbox, or press Tab on the canvas.",
                            objectName="Muted", wordWrap=True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty.setContentsMargins(4, 6, 4, 6)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.heading)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty, 1)

    def set_graph(self, graph_id: str | None) -> None:
        self.graph_id = graph_id
        self.rebuild()

    def on_change(self, change: Change) -> None:
        if change.graph in (None, self.graph_id):
            self.rebuild()

    def rebuild(self) -> None:
        self.list.clear()
        self._texts = []
        graph = self.document.project.graphs.get(self.graph_id) if self.document and self.graph_id else None
        self.heading.setText(f"Nodes in {graph.name}" if graph else "Nodes")
        empty = graph is None or not graph.nodes
        self.list.setVisible(not empty)
        self.filter.setVisible(not empty)
        self.empty.setVisible(empty)
        if graph is None or self.document is None:
            return
        for kind, entries in ENTRY_KINDS:
            for entry in entries(self.document, graph):
                item = QListWidgetItem(entry.label)
                item.setData(_ID_ROLE, entry.id)
                item.setData(_KIND_ROLE, kind)
                if entry.muted:
                    item.setForeground(self.palette().placeholderText())
                    item.setToolTip(entry.muted)
                self.list.addItem(item)
                self._texts.append(tuple(t.lower() for t in entry.texts))
        self._apply_filter(self.filter.text())

    def show_selection(self, node_ids: list[str]) -> None:
        """Mirrors the canvas selection without echoing it back."""
        wanted = set(node_ids)
        self.list.blockSignals(True)
        for index in range(self.list.count()):
            item = self.list.item(index)
            item.setSelected(item.data(_KIND_ROLE) == "node" and item.data(_ID_ROLE) in wanted)
        self.list.blockSignals(False)

    def item_for(self, entry_id: str) -> QListWidgetItem | None:
        for index in range(self.list.count()):
            if self.list.item(index).data(_ID_ROLE) == entry_id:
                return self.list.item(index)
        return None

    def _apply_filter(self, text: str) -> None:
        needle = text.strip().lower()
        for index, texts in enumerate(self._texts):
            self.list.item(index).setHidden(bool(needle) and not any(needle in t for t in texts))

    def _clicked(self, item: QListWidgetItem) -> None:
        if self.graph_id:
            kind, entry_id = item.data(_KIND_ROLE), item.data(_ID_ROLE)
            self.entry_activated.emit(kind, self.graph_id, entry_id)
            if kind == "node":
                self.node_activated.emit(self.graph_id, entry_id)


class Explorer(QWidget):
    """Graphs on top, the current graph's nodes below, then a scene's prefab instances (or a prefab's inputs
    and outputs)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.graphs = GraphList((Scope.PROJECT, Scope.SCENE, Scope.FUNCTION, Scope.PREFAB))
        self.nodes = NodeList()
        self.instances = InstancesPanel()
        self.instances.message.connect(self.graphs.message)  # one way to the status bar for the whole Explorer
        self.instances.editor.fit_rows(4)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.graphs)
        splitter.addWidget(self.nodes)
        splitter.addWidget(self.instances)
        self.prefab_signature = PrefabSignaturePanel()  # a prefab's inputs and outputs, on its tab
        splitter.addWidget(self.prefab_signature)
        splitter.setStretchFactor(1, 1)  # the node list takes what the window gives or takes
        splitter.setSizes([170, 300, 120, 160])  # the last two are never shown together
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.addWidget(splitter)

    def set_document(self, document: Document) -> None:
        self.graphs.set_document(document)
        self.nodes.set_document(document)
        self.instances.set_document(document)
        self.prefab_signature.set_document(document)

    def set_graph(self, graph_id: str | None) -> None:
        self.nodes.set_graph(graph_id)
        self.instances.set_graph(graph_id)
        self.prefab_signature.set_graph(graph_id)
        if graph_id:
            self.graphs.select(graph_id)
