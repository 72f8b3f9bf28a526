"""Keeps one canvas's NodeGraphQt graph equal to one graph of the model.

The model is the truth: `load` builds the view in bulk, `apply` mirrors each `Change`, and every
operation is idempotent (an edit made on the canvas comes back as a change and finds the view
already right). `reconcile_links` repairs what NodeGraphQt's own gestures changed in the view
(e.g. a connection lifted off a socket and dropped nowhere) from the model.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace

from PySide6.QtGui import QColor

from editor.canvas import style
from editor.canvas.items import LinkItem, SocketItem
from editor.canvas.look import NodeLook, look_of
from editor.canvas.node_graph import CanvasGraph, CanvasNode
from editor.canvas.reroutes import show_bends
from runtime.model import Change, Graph, Link, Node, Project
from runtime.registry import Registry
from runtime.specs import AttrKind

_PROJECT_WIDE = frozenset({"graph_signature", "variables_changed", "plugin_toggled", "settings_changed",
                           "graph_added", "graph_removed", "events_changed", "instances_changed"})


class GraphMirror:
    """The map model node id <-> `CanvasNode`, and the code that keeps the view equal to the model."""

    def __init__(self, view_graph: CanvasGraph, project: Project, graph_id: str, registry: Registry) -> None:
        self.view_graph = view_graph
        self.project = project
        self.graph_id = graph_id
        self.registry = registry
        self.nodes: dict[str, CanvasNode] = {}

    @property
    def graph(self) -> Graph:
        return self.project.graphs[self.graph_id]

    # --- building -------------------------------------------------------------------------------
    def load(self) -> None:
        """Builds every node and connection; the viewport is frozen meanwhile (one repaint at the end)."""
        viewer = self.view_graph.viewer()
        viewer.setUpdatesEnabled(False)
        try:
            for node in list(self.nodes):
                self._remove_node(node)
            graph = self.graph
            links_by_node = self._links_by_node()
            for node in graph.nodes.values():
                self._add_node(node, links_by_node.get(node.id, []))
            for link in graph.links:
                self._add_link(link)
        finally:
            viewer.setUpdatesEnabled(True)

    def _links_by_node(self) -> dict[str, list[Link]]:
        index: dict[str, list[Link]] = defaultdict(list)
        for link in self.graph.links:
            index[link.source].append(link)
            if link.target != link.source:
                index[link.target].append(link)
        return index

    def _look(self, node: Node, links: Iterable[Link] | None = None) -> NodeLook:
        return look_of(node, self.graph, self.project, self.registry, links)

    def _header(self, look: NodeLook) -> QColor:
        return style.category_colour(self.registry, look.category)

    def _add_node(self, node: Node, links: Iterable[Link] | None = None) -> CanvasNode:
        view_node = self.nodes.get(node.id)
        if view_node is not None:
            return view_node
        look = self._look(node, links)
        view_node = CanvasNode(node.id)
        view_node.card.setCacheMode(self.view_graph.viewer().card_cache_mode())
        view_node.set_sockets(look)
        view_node.card.apply_look(look, self._header(look))
        self.view_graph.attach(view_node, node.position)
        self.nodes[node.id] = view_node
        return view_node

    def _remove_node(self, node_id: str) -> None:
        view_node = self.nodes.pop(node_id, None)
        if view_node is not None:
            self.view_graph.detach(view_node)

    def _sockets(self, link: Link) -> tuple[SocketItem | None, SocketItem | None]:
        source, target = self.nodes.get(link.source), self.nodes.get(link.target)
        out = source.output_socket(link.output) if source else None
        into = target.input_socket(link.input) if target else None
        return out, into

    def pipe_of(self, link: Link) -> LinkItem | None:
        out, into = self._sockets(link)
        if out is None or into is None:
            return None
        return next((p for p in out.connected_pipes if p.input_port is into), None)

    def _add_link(self, link: Link) -> None:
        out, into = self._sockets(link)
        if out is None or into is None:
            # a socket only this link names (a placeholder, or a socket not rebuilt yet): rebuild the ends
            for node_id in {link.source, link.target} & set(self.nodes):
                self._refresh_node(node_id, force=True)
            out, into = self._sockets(link)
            if out is None or into is None:
                return
        existing = next((p for p in out.connected_pipes if p.input_port is into), None)
        if existing is not None:
            show_bends(existing, self.graph.bends.get(link, ()))  # a pipe NodeGraphQt's drag put back
            return
        pipe = LinkItem(out.socket)
        pipe.setCacheMode(self.view_graph.viewer().card_cache_mode())
        self.view_graph.scene().addItem(pipe)
        pipe.set_connections(out, into)
        bends = self.graph.bends.get(link)
        if bends:
            show_bends(pipe, bends)
        else:
            pipe.draw_path()
        if out.node.isSelected() or into.node.isSelected():
            self.view_graph.viewer().light_pipe(pipe)

    def _remove_link(self, link: Link) -> None:
        """Deletes the link's pipe, and a stand-in socket that no wire uses any more (no link names it)."""
        stand_ins = [s for s in self._sockets(link) if s is not None and s.socket.stand_in]
        pipe = self.pipe_of(link)
        if pipe is not None:
            pipe.delete()
        for socket in stand_ins:
            if not socket.connected_pipes:
                self._drop_stand_in(socket)

    def _drop_stand_in(self, socket: SocketItem) -> None:
        """Takes one stand-in socket off its card; the other sockets and their wires stay as they are
        (a rebuild would cost a scan of the graph's links per socket: deleting many placeholders would
        be quadratic)."""
        view_node = self.nodes[socket.node.model_id]
        look = view_node.card.look
        if socket.port_type == "out":
            look = replace(look, outputs=tuple(s for s in look.outputs if s.name != socket.name))
        else:
            look = replace(look, inputs=tuple(s for s in look.inputs if s.name != socket.name))
        view_node.drop_socket(socket)
        view_node.card.apply_look(look, self._header(look))

    def _refresh_node(self, node_id: str, force: bool = False, links: list[Link] | None = None) -> None:
        """Redraws one node from the model; rebuilds its sockets (and their connections) if they changed."""
        view_node = self.nodes.get(node_id)
        node = self.graph.nodes.get(node_id)
        if view_node is None or node is None:
            return
        links = self.graph.links_of(node_id) if links is None else links
        look = self._look(node, links)
        card = view_node.card
        if force or card.look is None or card.look.sockets != look.sockets:
            view_node.set_sockets(look)
            card.apply_look(look, self._header(look))
            for link in links:
                self._add_link_quiet(link)
        elif card.look != look:
            card.apply_look(look, self._header(look))

    def _add_link_quiet(self, link: Link) -> None:
        """Draws `link` if both sockets exist (no rebuild: used while rebuilding)."""
        out, into = self._sockets(link)
        if out is not None and into is not None:
            self._add_link(link)

    def refresh_all(self, change: Change | None = None) -> None:
        """Re-derives the looks that a project-wide `change` can alter (all of them without one)."""
        links = self._links_by_node()
        graph = self.graph
        for node_id in list(self.nodes):
            node = graph.nodes.get(node_id)
            if node is not None and self._affected(node, change):
                self._refresh_node(node_id, links=links.get(node_id, []))

    def _affected(self, node: Node, change: Change | None) -> bool:
        """Whether `change` can alter `node`'s look: its plugin toggled, or sockets that depend on the project."""
        if change is None:
            return True
        spec = self.registry.spec(node.type)
        if spec is None:
            return False  # an unknown type stays a placeholder whatever happens
        if change.what == "plugin_toggled":
            return spec.plugin == change.detail
        if change.what == "settings_changed" and any(a.kind is AttrKind.SETTING for a in spec.attributes):
            return True  # its settings reference may have become valid or not
        return spec.extra_ports is not None or any(isinstance(p.type, str) for p in (*spec.inputs, *spec.outputs))

    def reconcile_links(self, node_ids: Iterable[str]) -> None:
        """Makes the connections drawn on these nodes equal to the model's."""
        graph = self.graph
        for node_id in set(node_ids):
            view_node = self.nodes.get(node_id)
            if view_node is None:
                continue
            wanted = set(graph.links_of(node_id))
            for pipe in view_node.card.pipes():
                link = self.link_of(pipe.output_port, pipe.input_port)
                if link not in wanted:
                    pipe.delete()
            for link in wanted:
                self._add_link_quiet(link)

    def link_of(self, out: SocketItem, into: SocketItem) -> Link:
        return Link(out.node.model_id, out.name, into.node.model_id, into.name)

    # --- following the model ---------------------------------------------------------------------
    def apply(self, change: Change) -> None:
        """Mirrors one model change (ignores those of other graphs, except project-wide ones)."""
        what = change.what
        if what in _PROJECT_WIDE:
            if self.graph_id in self.project.graphs:
                self.refresh_all(change)
            return
        if change.graph != self.graph_id:
            return
        if what == "node_added":
            self._add_node(change.detail)
        elif what == "node_removed":
            self._remove_node(change.detail.id)
        elif what == "link_added":
            self._add_link(change.detail)
        elif what == "link_removed":
            self._remove_link(change.detail)
        elif what == "link_bends":
            pipe = self.pipe_of(change.detail)
            if pipe is not None:
                show_bends(pipe, self.graph.bends.get(change.detail, ()))
        elif what == "node_moved":
            view_node = self.nodes.get(change.detail.id)
            x, y = change.detail.position
            if view_node is not None and (view_node.view.x(), view_node.view.y()) != (x, y):
                view_node.view.setPos(x, y)
                for pipe in view_node.card.pipes():
                    pipe.draw_path()
        elif what == "node_changed":
            self._refresh_node(change.detail.id)
