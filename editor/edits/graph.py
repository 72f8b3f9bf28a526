"""Edits on one graph: nodes, their attributes, groups (titled backdrops) and connections."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from typing import Any

from editor.edits.base import EditRefused, EditsBase
from runtime.fallout import Fallout, attribute_fallout
from runtime.model import Graph, Group, Link, Node, Project
from runtime.ports import extra_inputs, resolve_type
from runtime.registry import Registry
from runtime.rules import LinkError, check_link, displaced_links
from runtime.setting_refs import placement_attributes
from runtime.specs import AttrKind, PortEnv
from runtime.types import default_value, is_value_of

Rect = tuple[float, float, float, float]  # x, y, width, height


class GraphEdits(EditsBase):
    """Adding, moving, changing and removing what lies on a graph, each as one undo step."""

    # --- nodes ------------------------------------------------------------------------------
    def new_node(self, graph_id: str, type_id: str, position: tuple[float, float]) -> Node:
        """A node of `type_id` with default attributes, not yet added."""
        graph = self.graph(graph_id)
        spec = self.registry.spec(type_id)
        if spec is None:
            raise EditRefused(f"unknown node type {type_id!r}")
        if graph.kind not in spec.scopes:
            raise EditRefused(f"{spec.name} nodes cannot be placed on a {graph.kind.value} tab")
        attributes = placement_attributes(spec, self.project)  # the only connection, if there is one
        for attribute in spec.attributes:  # a new Trigger or Listener takes the first declared event
            if attribute.kind is AttrKind.EVENT and not attributes.get(attribute.name) and self.project.events:
                attributes[attribute.name] = self.project.events[0].name
            if attribute.kind is AttrKind.INSTANCE and not attributes.get(attribute.name) and graph.instances:
                attributes[attribute.name] = graph.instances[0].name  # a new Prefab node: the scene's first
        return Node(graph.new_node_id(), type_id, spec.name, (float(position[0]), float(position[1])),
                    attributes=attributes)

    def add_node(self, graph_id: str, type_id: str, position: tuple[float, float],
                 attributes: dict[str, Any] | None = None) -> Node:
        """Adds a node with default attributes, or these instead (a Listener dragged from the Events panel)."""
        node = self.new_node(graph_id, type_id, position)
        node.attributes.update(copy.deepcopy(attributes or {}))
        self.add_nodes(graph_id, [node], [], f"Add {node.name}")
        return node

    def add_nodes(self, graph_id: str, nodes: list[Node], links: list[Link], text: str) -> None:
        graph = self.graph(graph_id)

        def redo() -> None:
            for node in nodes:
                graph.add_node(node)
            for link in links:
                graph.add_link(link)

        def undo() -> None:
            for node in reversed(nodes):
                graph.remove_node(node.id)

        self.push(text, redo, undo)

    def remove_nodes(self, graph_id: str, node_ids: Iterable[str]) -> None:
        graph = self.graph(graph_id)
        ids = [i for i in node_ids if i in graph.nodes]
        if not ids:
            return
        nodes = [graph.nodes[i] for i in ids]
        places = [(i, k) for i, k in enumerate(graph.links) if k.source in ids or k.target in ids]
        bends = {k: graph.bends.get(k, ()) for _i, k in places}
        order = list(graph.nodes)

        def redo() -> None:
            for node_id in ids:
                graph.remove_node(node_id)

        def undo() -> None:
            for node in nodes:
                graph.add_node(node)
            graph.nodes = {i: graph.nodes[i] for i in order if i in graph.nodes} | graph.nodes
            for index, link in places:  # ascending: each back where it was (file and socket order kept)
                graph.add_link(link, bends[link], index)

        self.push(f"Delete {len(ids)} node{'s' if len(ids) > 1 else ''}", redo, undo)

    def move_nodes(self, graph_id: str, moves: dict[str, tuple[tuple[float, float], tuple[float, float]]],
                   text: str = "") -> None:
        """Records moves already shown on the canvas: node id -> (old position, new position)."""
        graph = self.graph(graph_id)
        moves = {i: m for i, m in moves.items() if i in graph.nodes and m[0] != m[1]}
        if not moves:
            return

        def apply(which: int) -> Callable[[], None]:
            def move() -> None:
                for node_id, positions in moves.items():
                    graph.move_node(node_id, positions[which])

            return move

        self.push(text or f"Move {len(moves)} node{'s' if len(moves) > 1 else ''}", apply(1), apply(0))

    def set_attribute(self, graph_id: str, node_id: str, name: str, value: Any) -> None:
        graph = self.graph(graph_id)
        node = graph.nodes[node_id]
        had, old = name in node.attributes, copy.deepcopy(node.attributes.get(name))
        if had and old == value:
            return

        def undo() -> None:
            if had:
                graph.set_attribute(node_id, name, old)
            else:
                graph.unset_attribute(node_id, name)

        text = f"Set {node.name}.{name}"
        found = attribute_fallout(self.project, self.registry, graph_id, node_id, name, value)
        self.undo_stack.beginMacro(text)
        self._remove_fallout(found)
        self.push(text, lambda: graph.set_attribute(node_id, name, value), undo)
        self._reset_mismatched_values(graph_id, node_id)
        self._drop_broken_links(graph_id, node_id)
        self.undo_stack.endMacro()

    def unset_attribute(self, graph_id: str, node_id: str, name: str) -> None:
        """Removes a stored attribute value (the spec's default, or the input type's, applies again)."""
        graph = self.graph(graph_id)
        if name not in graph.nodes[node_id].attributes:
            return
        old = copy.deepcopy(graph.nodes[node_id].attributes[name])
        self.push(f"Clear {graph.nodes[node_id].name}.{name}", lambda: graph.unset_attribute(node_id, name),
                  lambda: graph.set_attribute(node_id, name, copy.deepcopy(old)))

    def set_node_field(self, graph_id: str, node_id: str, field: str, value: Any) -> None:
        """Edits a general attribute: ``name``, ``enabled`` or ``pass_through``."""
        graph = self.graph(graph_id)
        old = getattr(graph.nodes[node_id], field)
        if old == value:
            return
        self.push(f"Set {field.replace('_', ' ')}", lambda: graph.set_node_field(node_id, field, value),
                  lambda: graph.set_node_field(node_id, field, old))

    def set_nodes_field(self, graph_id: str, node_ids: Iterable[str], field: str, value: Any) -> None:
        """`set_node_field` on several nodes as one undo step (the context menu's Disable, Pass Through)."""
        graph = self.graph(graph_id)
        changing = [i for i in node_ids if i in graph.nodes and getattr(graph.nodes[i], field) != value]
        if not changing:
            return
        self.undo_stack.beginMacro(f"Set {field.replace('_', ' ')} on {len(changing)} "
                                   f"node{'s' if len(changing) > 1 else ''}")
        try:
            for node_id in changing:
                self.set_node_field(graph_id, node_id, field, value)
        finally:
            self.undo_stack.endMacro()

    # --- groups (titled backdrops) ---------------------------------------------------------------
    def add_group(self, graph_id: str, title: str, rect: Rect) -> Group:
        """Adds a backdrop; its nodes are not tied to it (a group moves what lies inside it when dragged)."""
        graph = self.graph(graph_id)
        group = Group(graph.new_group_id(), title, as_rect(rect))
        self.push(f"Group {title!r}", lambda: graph.add_group(group), lambda: graph.remove_group(group.id))
        return group

    def remove_groups(self, graph_id: str, group_ids: Iterable[str]) -> None:
        """Removes backdrops, never the nodes on them."""
        graph = self.graph(graph_id)
        wanted = set(group_ids)
        removed = [(i, g) for i, g in enumerate(graph.groups) if g.id in wanted]
        if not removed:
            return

        def redo() -> None:
            for _index, group in removed:
                graph.remove_group(group.id)

        def undo() -> None:
            for index, group in removed:  # ascending: each goes back where it was
                graph.add_group(group, index)

        self.push(f"Delete {len(removed)} group{'s' if len(removed) > 1 else ''}", redo, undo)

    def rename_group(self, graph_id: str, group_id: str, title: str) -> None:
        graph = self.graph(graph_id)
        old = group_of(graph, group_id).title
        if title != old:
            self.push(f"Rename group {old!r}", lambda: graph.update_group(group_id, title=title),
                      lambda: graph.update_group(group_id, title=old))

    def move_groups(self, graph_id: str, rects: dict[str, Rect],
                    node_moves: dict[str, tuple[tuple[float, float], tuple[float, float]]] | None = None,
                    text: str = "") -> None:
        """Gives groups new rects and moves nodes, as ONE undo step (dragging a backdrop moves what is on it).

        `rects` maps group id -> new rect; `node_moves` node id -> (old position, new position),
        as `move_nodes` takes them (the canvas may already show the result).
        """
        graph = self.graph(graph_id)
        resized = {g.id: (g.rect, as_rect(rects[g.id])) for g in graph.groups if g.id in rects}
        resized = {i: r for i, r in resized.items() if r[0] != r[1]}
        moves = {i: m for i, m in (node_moves or {}).items() if i in graph.nodes and m[0] != m[1]}
        if not resized and not moves:
            return

        def apply(which: int) -> Callable[[], None]:
            def run() -> None:
                for group_id, group_rects in resized.items():
                    graph.update_group(group_id, rect=group_rects[which])
                for node_id, positions in moves.items():
                    graph.move_node(node_id, positions[which])

            return run

        self.push(text or f"Move group{'s' if len(resized) > 1 else ''}", apply(1), apply(0))

    # --- connections --------------------------------------------------------------------------
    def check_link(self, graph_id: str, link: Link) -> str | None:
        """None when `link` may be made, else the reason in the user's words."""
        try:
            check_link(self.project, self.graph(graph_id), link, self.registry)
        except LinkError as exc:
            return str(exc)
        return None

    def connect(self, graph_id: str, link: Link) -> None:
        """Adds a connection, replacing the one it displaces (pulse output / data input hold one)."""
        graph = self.graph(graph_id)
        try:
            info = check_link(self.project, graph, link, self.registry)
        except LinkError as exc:
            raise EditRefused(str(exc)) from None
        if link in graph.links:
            return
        displaced = displaced_links(graph, link, info.kind)
        places = sorted((graph.links.index(k), k) for k in displaced)
        bends = {k: graph.bends.get(k, ()) for k in displaced}

        def redo() -> None:
            for old in displaced:
                graph.remove_link(old)
            graph.add_link(link)

        def undo() -> None:
            graph.remove_link(link)
            for index, old in places:  # ascending: each back where it was
                graph.add_link(old, bends[old], index)

        self.push("Connect", redo, undo)

    def disconnect(self, graph_id: str, links: Iterable[Link]) -> None:
        graph = self.graph(graph_id)
        wanted = set(links)
        places = [(i, k) for i, k in enumerate(graph.links) if k in wanted]  # ascending: undo restores the order
        if not places:
            return
        bends = {k: graph.bends.get(k, ()) for _i, k in places}

        def redo() -> None:
            for _index, link in places:
                graph.remove_link(link)

        def undo() -> None:
            for index, link in places:
                graph.add_link(link, bends[link], index)

        self.push("Disconnect", redo, undo)

    def _remove_fallout(self, found: Fallout) -> None:
        """Removes, within the current undo step and before the change that causes it, what would no
        longer fit (so that no view ever draws a wire on a socket that is gone)."""
        for graph_id, links in found.links.items():
            self.disconnect(graph_id, links)
        for (graph_id, node_id), names in found.values.items():
            for name in names:
                self.unset_attribute(graph_id, node_id, name)

    def _drop_broken_links(self, graph_id: str, node_id: str) -> None:
        """After a type change, removes the node's connections that no longer fit (as part of the edit)."""
        graph = self.graph(graph_id)
        broken = []
        for link in graph.links_of(node_id):
            try:
                check_link(self.project, graph, link, self.registry)
            except LinkError:
                broken.append(link)
        if broken:
            self.disconnect(graph_id, broken)

    def _reset_mismatched_values(self, graph_id: str, node_id: str) -> None:
        """After a type change, gives value attributes that no longer fit their type its default.

        Without this a Custom Event Trigger switched from String to Int would keep ``""`` as its
        payload and the saved file would not load again.
        """
        graph = self.graph(graph_id)
        node = graph.nodes[node_id]
        for name, value in mismatched_values(self.registry, self.project, graph, node).items():
            self.set_attribute(graph_id, node_id, name, value)


def as_rect(rect: Iterable[float]) -> Rect:
    x, y, w, h = (float(v) for v in rect)
    return (x, y, w, h)


def group_of(graph: Graph, group_id: str) -> Group:
    group = next((g for g in graph.groups if g.id == group_id), None)
    if group is None:
        raise EditRefused(f"graph {graph.name!r} has no group {group_id!r}")
    return group




def mismatched_values(registry: Registry, project: Project, graph: Graph, node: Node) -> dict[str, Any]:
    """Value attributes of `node` that do not fit their (resolved) type, each with its type's default."""
    spec = registry.spec(node.type)
    if spec is None:
        return {}
    env = PortEnv(project, graph)
    result = {}
    for attribute in spec.all_attributes:
        if attribute.kind is not AttrKind.VALUE or attribute.name not in node.attributes:
            continue
        data_type = resolve_type(attribute.type_ref, node, spec, env)
        if not is_value_of(node.attributes[attribute.name], data_type):
            result[attribute.name] = default_value(data_type)
    for name, data_type in extra_inputs(node, spec, project, graph):
        if name in node.attributes and not is_value_of(node.attributes[name], data_type):
            result[name] = default_value(data_type)
    return result

