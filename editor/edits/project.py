"""Project-level edits: plugins, settings, variables, events, prefab instances and the graphs themselves.

Each keeps the project loadable: a rename follows into the nodes that use the name, and values or
connections a type change broke are reset or dropped within the same undo step.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from editor.edits.base import EditRefused
from editor.edits.graph import GraphEdits
from runtime.fallout import fallout_if, signature_fallout
from runtime.model import CustomEvent, Graph, Link, Node, Param, PrefabInstance, Variable
from runtime.specs import AttrKind, Scope


class ProjectEdits(GraphEdits):
    """Edits of the project's lists and settings, and of its set of graphs, each as one undo step."""

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
        # the Prefab nodes of an instance that goes, or now copies another prefab, lose their wires first
        # (a renamed instance keeps them: its nodes follow the rename)
        old_name = {b: a for a, b in renamed.items()}
        following = copy.copy(graph)
        following.instances = [PrefabInstance(old_name.get(i.name, i.name), i.prefab) for i in new]
        found = fallout_if(self.project, self.registry, graph_id, following)
        self.undo_stack.beginMacro(text)
        self._remove_fallout(found)
        self.push(text, lambda: graph.set_instances(copy.deepcopy(new)),
                  lambda: graph.set_instances(copy.deepcopy(old)))
        self._rename_references(graph, AttrKind.INSTANCE, renamed)  # the scene's Prefab nodes follow a rename
        for user_id, node_id in found.changed:
            self._reset_mismatched_values(user_id, node_id)
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
        self._remove_fallout(fallout_if(self.project, self.registry, graph_id, None))  # its calls' wires
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
        """A function's or prefab's inputs and outputs, as one undo step with what they take along.

        Every node whose sockets follow them (Function and Prefab nodes in any graph, the graph's own
        Input and Output nodes) loses the connections on sockets that are gone or changed type, and
        the stored values of inputs that are gone; values of a changed type are reset. A parameter is
        known by its name only, so a rename is a removal and an addition.
        """
        graph = self.graph(graph_id)
        old = (copy.deepcopy(graph.inputs), copy.deepcopy(graph.outputs))
        new = (copy.deepcopy(inputs), copy.deepcopy(outputs))
        if old == new:
            return
        text = f"Change {graph.name!r} inputs and outputs"
        found = signature_fallout(self.project, self.registry, graph_id, *new)
        self.undo_stack.beginMacro(text)
        self._remove_fallout(found)
        self.push(text, lambda: graph.set_signature(*copy.deepcopy(new)),
                  lambda: graph.set_signature(*copy.deepcopy(old)))
        for user_id, node_id in found.changed:
            self._reset_mismatched_values(user_id, node_id)
        self.undo_stack.endMacro()


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
