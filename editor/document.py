"""An open project: the model, its file, its undo stack, and every edit a user can make.

Every edit is a `ModelEdit` on the undo stack whose redo/undo call model methods; views never
change the model directly and never keep state of their own that the model does not have. The
model's `changed` signal then tells every view what to redraw.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from runtime import fileformat
from runtime.filelimits import LimitError, parse_json
from runtime.model import CustomEvent, Graph, Group, Link, Node, Param, PrefabInstance, Project, Variable
from runtime.ports import extra_inputs, resolve_type
from runtime.registry import Registry, default_registry
from runtime.rules import LinkError, check_link, displaced_links
from runtime.setting_refs import placement_attributes
from runtime.specs import AttrKind, PortEnv, Scope
from runtime.types import default_value, is_value_of

CLIPBOARD_MIME = "application/x-pulse-studio-nodes"

Rect = tuple[float, float, float, float]  # x, y, width, height


class EditRefused(Exception):
    """An edit that breaks a rule (a connection type mismatch, a node not allowed on this tab)."""


class ModelEdit(QUndoCommand):
    """One undoable edit, as a pair of functions over the model."""

    def __init__(self, text: str, redo: Callable[[], None], undo: Callable[[], None]) -> None:
        super().__init__(text)
        self._redo, self._undo = redo, undo

    def redo(self) -> None:
        self._redo()

    def undo(self) -> None:
        self._undo()


class Document(QObject):
    """The project being edited. `path` is None until it is saved; `dirty` follows the undo stack."""

    dirty_changed = Signal(bool)
    path_changed = Signal(object)

    def __init__(self, project: Project | None = None, path: Path | None = None,
                 registry: Registry | None = None) -> None:
        super().__init__()
        self.registry = registry or default_registry()
        self.project = project or new_project(self.registry)
        self.path = path
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)  # a method: disconnected when deleted

    def _on_clean_changed(self, clean: bool) -> None:
        self.dirty_changed.emit(not clean)

    # --- files ------------------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path, registry: Registry | None = None) -> Document:
        """Loads a project; raises ProjectFileError naming the file and the problem."""
        project = fileformat.load(path, registry)  # given as is, so that a folder's problems name the folder
        return cls(project, fileformat.project_file(path), registry)

    @property
    def dirty(self) -> bool:
        return not self.undo_stack.isClean()

    @property
    def title(self) -> str:
        return f"{self.project.name}{' *' if self.dirty else ''}"

    def save(self, path: str | Path | None = None) -> None:
        """Saves atomically (old file kept as .bak); raises OSError if the disk refuses."""
        target = Path(path) if path is not None else self.path
        if target is None:
            raise ValueError("this project has no file yet: choose one with Save As")
        fileformat.save(self.project, target)
        if target != self.path:
            self.path = target
            self.path_changed.emit(target)
        self.undo_stack.setClean()

    # --- the one way to change the model ------------------------------------------------------
    def push(self, text: str, redo: Callable[[], None], undo: Callable[[], None]) -> None:
        self.undo_stack.push(ModelEdit(text, redo, undo))

    def graph(self, graph_id: str) -> Graph:
        return self.project.graphs[graph_id]

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
        links = [k for k in graph.links if k.source in ids or k.target in ids]
        order = list(graph.nodes)

        def redo() -> None:
            for node_id in ids:
                graph.remove_node(node_id)

        def undo() -> None:
            for node in nodes:
                graph.add_node(node)
            graph.nodes = {i: graph.nodes[i] for i in order if i in graph.nodes} | graph.nodes
            for link in links:
                graph.add_link(link)

        self.push(f"Delete {len(ids)} node{'s' if len(ids) > 1 else ''}", redo, undo)

    def move_nodes(self, graph_id: str, moves: dict[str, tuple[tuple[float, float], tuple[float, float]]]) -> None:
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

        self.push(f"Move {len(moves)} node{'s' if len(moves) > 1 else ''}", apply(1), apply(0))

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
        self.undo_stack.beginMacro(text)
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
        group = Group(graph.new_group_id(), title, _rect(rect))
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
        old = _group(graph, group_id).title
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
        resized = {g.id: (g.rect, _rect(rects[g.id])) for g in graph.groups if g.id in rects}
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

        def redo() -> None:
            for old in displaced:
                graph.remove_link(old)
            graph.add_link(link)

        def undo() -> None:
            graph.remove_link(link)
            for old in displaced:
                graph.add_link(old)

        self.push("Connect", redo, undo)

    def disconnect(self, graph_id: str, links: Iterable[Link]) -> None:
        graph = self.graph(graph_id)
        links = [k for k in links if k in graph.links]
        if not links:
            return

        def redo() -> None:
            for link in links:
                graph.remove_link(link)

        def undo() -> None:
            for link in links:
                graph.add_link(link)

        self.push("Disconnect", redo, undo)

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
        for name, value in _mismatched_values(self.registry, self.project, graph, node).items():
            self.set_attribute(graph_id, node_id, name, value)

    def _fit_values(self, graph: Graph, node: Node) -> None:
        """A pasted node's values that do not fit their type here (another variable type) become defaults."""
        node.attributes.update(_mismatched_values(self.registry, self.project, graph, node))

    # --- copy and paste -----------------------------------------------------------------------
    def copy_payload(self, graph_id: str, node_ids: Iterable[str]) -> str:
        """The selected nodes and the links among them, as clipboard text (our own JSON)."""
        graph = self.graph(graph_id)
        ids = [i for i in node_ids if i in graph.nodes]
        nodes = [fileformat.node_data(graph.nodes[i]) for i in ids]
        links = [{"from": [k.source, k.output], "to": [k.target, k.input]} for k in graph.links
                 if k.source in ids and k.target in ids]
        return json.dumps({"pulse-studio": "nodes", "nodes": nodes, "connections": links})

    def paste(self, graph_id: str, payload: str, at: tuple[float, float] | None) -> list[str]:
        """Adds copies of the nodes in `payload` (new ids), placed around `at`; returns their ids.

        Raises EditRefused naming the nodes that may not go on this tab; nothing is pasted then.
        """
        graph = self.graph(graph_id)
        try:
            data = parse_json(payload)
            pasted, pasted_links = fileformat.read_nodes(data["nodes"], data.get("connections", []), "clipboard")
        except (ValueError, KeyError, TypeError, LimitError, fileformat.ProjectFileError) as exc:
            raise EditRefused(f"the clipboard does not hold Pulse Studio nodes ({exc})") from None
        source = Graph("clipboard", graph.kind, "clipboard", {n.id: n for n in pasted},
                       [k for k in pasted_links if {k.source, k.target} <= {n.id for n in pasted}])
        refused = sorted({n.name for n in source.nodes.values() if (s := self.registry.spec(n.type))
                          and graph.kind not in s.scopes})
        if refused:
            raise EditRefused(f"not allowed on a {graph.kind.value} tab: {', '.join(refused)}")
        for node in source.nodes.values():
            self._fit_values(graph, node)
        try:
            fileformat.check_nodes(self.project, graph, list(source.nodes.values()), "clipboard", self.registry)
        except fileformat.ProjectFileError as exc:
            raise EditRefused(f"the clipboard holds a node this project could not save ({exc})") from None
        xs = [n.position[0] for n in source.nodes.values()] or [0.0]
        ys = [n.position[1] for n in source.nodes.values()] or [0.0]
        dx, dy = (at[0] - min(xs), at[1] - min(ys)) if at else (40.0, 40.0)
        new_ids = {}
        nodes = []
        for node in source.nodes.values():
            new_ids[node.id] = new_id = _fresh_id(graph, new_ids.values())
            nodes.append(replace(node, id=new_id, position=(node.position[0] + dx, node.position[1] + dy),
                                 attributes=copy.deepcopy(node.attributes), extra=copy.deepcopy(node.extra)))
        links = [Link(new_ids[k.source], k.output, new_ids[k.target], k.input) for k in source.links]
        self.add_nodes(graph_id, nodes, links, f"Paste {len(nodes)} node{'s' if len(nodes) > 1 else ''}")
        return [n.id for n in nodes]

    # --- project-wide edits -------------------------------------------------------------------
    def set_plugin_active(self, plugin_id: str, active: bool) -> None:
        old = self.registry.is_active(plugin_id, self.project)
        if old == active:
            return
        name = self.registry.plugins[plugin_id].name
        self.push(f"{'Activate' if active else 'Deactivate'} {name}",
                  lambda: self.project.set_plugin_active(plugin_id, active),
                  lambda: self.project.set_plugin_active(plugin_id, old))

    def set_settings(self, section: str, value: Any, renamed: dict[str, str] | None = None) -> None:
        """Replaces a settings section; `renamed` (old -> new entry name) also updates the nodes using them."""
        old = copy.deepcopy(self.project.settings.get(section))
        if old == value:
            return
        value = copy.deepcopy(value)
        self.undo_stack.beginMacro("Change project settings")
        self.push("Change project settings", lambda: self.project.set_settings(section, copy.deepcopy(value)),
                  lambda: self.project.set_settings(section, copy.deepcopy(old)))
        for graph in list(self.project.graphs.values()):
            self._rename_references(graph, AttrKind.SETTING, renamed or {}, section)
        self.undo_stack.endMacro()

    def set_general(self, name: str, start_scene: str) -> None:
        old = (self.project.name, self.project.start_scene)
        if old == (name, start_scene):
            return
        self.push("Change project settings", lambda: self.project.set_general(name, start_scene),
                  lambda: self.project.set_general(*old))

    def set_random_seed(self, seed: int | None) -> None:
        """The seed every run's Random nodes draw from (None: different numbers on every run)."""
        old = self.project.random_seed
        if old != seed:
            self.push("Change the random seed", lambda: self.project.set_random_seed(seed),
                      lambda: self.project.set_random_seed(old))

    # --- variables and prefab instances -------------------------------------------------------
    def set_variables(self, variables: list[Variable], renamed: dict[str, str] | None = None) -> None:
        """Replaces the project's variables; `renamed` (old -> new name) also updates the nodes using them.

        A prefab's own variable of the same name hides the project's, so that prefab's nodes keep theirs.
        """
        graphs = list(self.project.graphs.values())

        def references() -> None:
            for graph in graphs:
                own = {v.name for v in graph.variables} if graph.kind is Scope.PREFAB else set()
                self._rename_references(graph, AttrKind.VARIABLE,
                                        {o: n for o, n in (renamed or {}).items() if o not in own})

        self._edit_variables("Change variables", self.project.variables, variables, self.project.set_variables,
                             references, graphs)

    def set_prefab_variables(self, graph_id: str, variables: list[Variable],
                             renamed: dict[str, str] | None = None) -> None:
        """Replaces a prefab's own variables (each instance gets a copy); renames update that prefab's nodes."""
        graph = self.graph(graph_id)
        if graph.kind is not Scope.PREFAB:
            raise EditRefused(f"{graph.name!r} is not a prefab: only prefabs have variables of their own")
        self._edit_variables(f"Change {graph.name!r} variables", graph.variables, variables, graph.set_variables,
                             lambda: self._rename_references(graph, AttrKind.VARIABLE, renamed or {}), [graph])

    def _edit_variables(self, text: str, current: list[Variable], variables: list[Variable],
                        apply: Callable[[list[Variable]], None], references: Callable[[], None],
                        users: list[Graph]) -> None:
        """One undo step: the new list, the nodes that follow a rename, and what a type change broke.

        A variable's type is the type of its nodes' sockets: after a change, connections that no
        longer fit are dropped and stored values reset, or the saved file would not load again.
        """
        old, new = copy.deepcopy(current), copy.deepcopy(variables)
        if old == new:
            return
        self.undo_stack.beginMacro(text)
        self.push(text, lambda: apply(copy.deepcopy(new)), lambda: apply(copy.deepcopy(old)))
        references()
        for graph in users:
            for node in list(graph.nodes.values()):
                spec = self.registry.spec(node.type)
                if spec is not None and any(a.kind is AttrKind.VARIABLE for a in spec.all_attributes):
                    self._reset_mismatched_values(graph.id, node.id)
                    self._drop_broken_links(graph.id, node.id)
        self.undo_stack.endMacro()

    def _rename_references(self, graph: Graph, kind: AttrKind, renamed: dict[str, str], source: str = "") -> None:
        """Points attributes of `kind` on `graph`'s nodes that name a key of `renamed` at its value.

        Part of the rename's undo step. Each attribute is read once, so a swap (a -> b, b -> a) works.
        """
        if not renamed:
            return
        for node in list(graph.nodes.values()):
            spec = self.registry.spec(node.type)
            if spec is None:
                continue
            for attribute in spec.all_attributes:
                value = node.attributes.get(attribute.name)
                if attribute.kind is kind and (not source or attribute.source == source) \
                        and isinstance(value, str) and value in renamed:
                    self.set_attribute(graph.id, node.id, attribute.name, renamed[value])

    # --- custom events ------------------------------------------------------------------------
    def set_events(self, events: list[CustomEvent], renamed: dict[str, str] | None = None,
                   renamed_parameters: dict[str, dict[str, str]] | None = None) -> None:
        """Replaces the project's Events list, as one undo step with everything it implies.

        `renamed` (old -> new event name) points Triggers and Listeners at the new name;
        `renamed_parameters` (event's new name -> {old -> new parameter name}) carries their
        connections and stored values over to the renamed sockets. Connections to parameters that
        are gone or changed type are dropped and stored values that no longer fit are reset, so
        the saved file always loads again.
        """
        problems = event_problems(events)
        if problems:
            raise EditRefused("; ".join(problems))
        old, new = copy.deepcopy(self.project.events), copy.deepcopy(events)
        if old == new:
            return
        renamed = renamed or {}
        self.undo_stack.beginMacro("Change events")
        moved = self._parameter_links(renamed, renamed_parameters or {})
        self._disconnect_all(list(moved))
        self.push("Change events", lambda: self.project.set_events(copy.deepcopy(new)),
                  lambda: self.project.set_events(copy.deepcopy(old)))
        for graph in list(self.project.graphs.values()):
            self._rename_references(graph, AttrKind.EVENT, renamed)
        for (graph_id, _link), link in moved.items():
            self.connect(graph_id, link)
        self._move_parameter_values(renamed_parameters or {})
        for graph, node in list(self.project.iter_nodes()):
            spec = self.registry.spec(node.type)
            if spec is not None and any(a.kind is AttrKind.EVENT for a in spec.attributes):
                self._reset_mismatched_values(graph.id, node.id)
                self._drop_broken_links(graph.id, node.id)
        self.undo_stack.endMacro()

    def event_users(self, name: str) -> list[tuple[Graph, Node]]:
        """The nodes (Triggers, Listeners…) whose event attribute names the event `name`."""
        users = []
        for graph, node in self.project.iter_nodes():
            spec = self.registry.spec(node.type)
            if spec is not None and any(a.kind is AttrKind.EVENT and node.attributes.get(a.name) == name
                                        for a in spec.attributes):
                users.append((graph, node))
        return users

    def _parameter_links(self, renamed: dict[str, str],
                         renamed_parameters: dict[str, dict[str, str]]) -> dict[tuple[str, Link], Link]:
        """(graph id, link on an old parameter socket) -> the same link on the renamed socket."""
        moved: dict[tuple[str, Link], Link] = {}
        old_names = {new: old for old, new in renamed.items()}
        for event_name, params in renamed_parameters.items():
            for graph, node in self.event_users(old_names.get(event_name, event_name)):
                for link in graph.links_of(node.id):
                    if link.target == node.id and link.input in params:
                        moved[(graph.id, link)] = replace(link, input=params[link.input])
                    elif link.source == node.id and link.output in params:
                        moved[(graph.id, link)] = replace(link, output=params[link.output])
        return moved

    def _disconnect_all(self, links: list[tuple[str, Link]]) -> None:
        by_graph: dict[str, list[Link]] = {}
        for graph_id, link in links:
            by_graph.setdefault(graph_id, []).append(link)
        for graph_id, graph_links in by_graph.items():
            self.disconnect(graph_id, graph_links)

    def _move_parameter_values(self, renamed_parameters: dict[str, dict[str, str]]) -> None:
        """A Trigger's stored value of a renamed parameter moves to the new name (swaps included)."""
        for event_name, params in renamed_parameters.items():
            for graph, node in self.event_users(event_name):
                values = {old: copy.deepcopy(node.attributes[old]) for old in params if old in node.attributes}
                for old in values:
                    self.unset_attribute(graph.id, node.id, old)
                for old, value in values.items():
                    self.set_attribute(graph.id, node.id, params[old], value)

    def instance_problems(self, instances: list[PrefabInstance]) -> list[str]:
        """Why `instances` cannot be a scene's prefab instances, in the user's words (empty: they can)."""
        problems, seen = [], set()
        for index, instance in enumerate(instances):
            name = instance.name.strip()
            prefab = self.project.graphs.get(instance.prefab)
            if not name:
                problems.append(f"instance {index + 1}: a name is needed")
            elif name in seen:
                problems.append(f"{name}: the name is used twice")
            seen.add(name)
            if prefab is None or prefab.kind is not Scope.PREFAB:
                problems.append(f"{name or f'instance {index + 1}'}: there is no prefab {instance.prefab!r}")
        return problems

    def set_instances(self, graph_id: str, instances: list[PrefabInstance]) -> None:
        """Replaces a scene's prefab instances; refuses empty or repeated names and prefabs that do not exist."""
        graph = self.graph(graph_id)
        if graph.kind is not Scope.SCENE:
            raise EditRefused(f"{graph.name!r} is not a scene: only scenes hold prefab instances")
        problems = self.instance_problems(instances)
        if problems:
            raise EditRefused("; ".join(problems))
        old, new = copy.deepcopy(graph.instances), [PrefabInstance(i.name.strip(), i.prefab) for i in instances]
        if old == new:
            return
        text = f"Change {graph.name!r} prefab instances"
        renamed = {a.name: b.name for a, b in zip(old, new, strict=True) if a.name != b.name and a.prefab == b.prefab} \
            if len(old) == len(new) else {}
        self.undo_stack.beginMacro(text)
        self.push(text, lambda: graph.set_instances(copy.deepcopy(new)),
                  lambda: graph.set_instances(copy.deepcopy(old)))
        self._rename_references(graph, AttrKind.INSTANCE, renamed)  # the scene's Prefab nodes follow a rename
        self.undo_stack.endMacro()

    def prefab_users(self, prefab_id: str) -> list[Graph]:
        """The graphs (scenes) holding instances of the prefab `prefab_id`."""
        return [g for g in self.project.graphs.values() if any(i.prefab == prefab_id for i in g.instances)]

    # --- graphs -------------------------------------------------------------------------------
    def add_graph(self, kind: Scope, name: str) -> Graph:
        graph = Graph(self.project.new_graph_id(kind), kind, name)
        if kind in (Scope.FUNCTION, Scope.PREFAB):  # starts with its Input and Output nodes, as in Incari
            word = kind.value
            entry = Node(graph.new_node_id(), f"logic.{word.lower()}_input", f"{word} Input", (0.0, 0.0))
            exit_ = Node(graph.new_node_id(), f"logic.{word.lower()}_output", f"{word} Output", (400.0, 0.0))
            graph.nodes = {entry.id: entry, exit_.id: exit_}
            graph.links = [Link(entry.id, "Out", exit_.id, "In")]
        self.push(f"Add {kind.value.lower()} {name!r}", lambda: self.project.add_graph(graph),
                  lambda: self.project.remove_graph(graph.id))
        return graph

    def remove_graph(self, graph_id: str, drop_instances: bool = False) -> None:
        """Deletes a scene, function or prefab.

        A prefab that scenes instantiate is refused (the message names the scenes) unless
        `drop_instances`: then its instances go too, in the same undo step.
        """
        graph = self.graph(graph_id)
        if graph.kind is Scope.PROJECT:
            raise EditRefused("the Project graph cannot be deleted")
        if graph.kind is Scope.SCENE and len(self.project.graphs_of(Scope.SCENE)) == 1:
            raise EditRefused("a project needs at least one scene")
        users = self.prefab_users(graph_id)
        if users and not drop_instances:
            names = ", ".join(repr(g.name) for g in users)
            raise EditRefused(f"prefab {graph.name!r} has instances in {names}: remove them there first")
        text = f"Delete {graph.kind.value.lower()} {graph.name!r}"
        self.undo_stack.beginMacro(text)
        for user in users:
            self.set_instances(user.id, [i for i in user.instances if i.prefab != graph_id])
        self._remove_graph(graph, text)
        self.undo_stack.endMacro()

    def _remove_graph(self, graph: Graph, text: str) -> None:
        graph_id = graph.id
        index = list(self.project.graphs).index(graph_id)
        old_start = self.project.start_scene
        new_start = old_start
        if old_start == graph_id:
            new_start = next(g.id for g in self.project.graphs_of(Scope.SCENE) if g.id != graph_id)

        def redo() -> None:
            self.project.remove_graph(graph_id)
            if new_start != old_start:
                self.project.set_general(self.project.name, new_start)

        def undo() -> None:
            self.project.add_graph(graph, index)
            if new_start != old_start:
                self.project.set_general(self.project.name, old_start)

        self.push(text, redo, undo)

    def rename_graph(self, graph_id: str, name: str) -> None:
        """Renames a graph; refuses an empty name or one that another graph of its kind has (names are shown)."""
        graph = self.graph(graph_id)
        old, name = graph.name, name.strip()
        if not name:
            raise EditRefused(f"cannot rename {old!r}: a name cannot be empty")
        other = self.project.graph_named(graph.kind, name)
        if other is not None and other is not graph:
            raise EditRefused(f"cannot rename {old!r} to {name!r}: another {graph.kind.value.lower()} has that name")
        if old != name:
            self.push(f"Rename {old!r}", lambda: graph.rename(name), lambda: graph.rename(old))

    def set_signature(self, graph_id: str, inputs: list[Param], outputs: list[Param]) -> None:
        graph = self.graph(graph_id)
        old = (list(graph.inputs), list(graph.outputs))
        self.push(f"Change {graph.name!r} inputs and outputs", lambda: graph.set_signature(inputs, outputs),
                  lambda: graph.set_signature(*old))


def event_problems(events: list[CustomEvent]) -> list[str]:
    """Why `events` cannot be the project's Events list, in the user's words (empty: it can)."""
    problems, seen = [], set()
    for index, event in enumerate(events):
        if not event.name.strip():
            problems.append(f"event {index + 1}: a name is needed")
        elif event.name in seen:
            problems.append(f"{event.name}: the name is used twice")
        seen.add(event.name)
        names = [p.name for p in event.parameters]
        for name in sorted({n for n in names if names.count(n) > 1 or not n.strip()}):
            problems.append(f"{event.name}: parameter {name!r} is " + ("used twice" if name.strip() else "unnamed"))
    return problems


def new_project(registry: Registry, name: str = "Untitled") -> Project:
    """An empty project with every optional plugin in its default state."""
    project = Project.new(name)
    project.plugins = registry.default_plugin_states()
    return project


def _rect(rect: Iterable[float]) -> Rect:
    x, y, w, h = (float(v) for v in rect)
    return (x, y, w, h)


def _group(graph: Graph, group_id: str) -> Group:
    group = next((g for g in graph.groups if g.id == group_id), None)
    if group is None:
        raise EditRefused(f"graph {graph.name!r} has no group {group_id!r}")
    return group


def _fresh_id(graph: Graph, taken: Iterable[str]) -> str:
    taken = set(taken)
    while (candidate := graph.new_node_id()) in taken:
        pass
    return candidate


def _mismatched_values(registry: Registry, project: Project, graph: Graph, node: Node) -> dict[str, Any]:
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
