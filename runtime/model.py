"""The project model: the one source of truth that files are written from and views show.

Every change goes through a method here, which emits `Project.changed` with a `Change`, so
that any number of views (canvas tabs, explorer, attribute editor) follow the model without it
knowing them. Nodes keep stable string ids of their own; a node whose type is unknown keeps its
attributes and any unknown keys of its file block untouched, so that it survives a round trip.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from runtime.signal import Signal
from runtime.specs import Scope
from runtime.types import DataType

FORMAT_VERSION = 1


@dataclass
class Node:
    """A placed node. `extra` holds unknown keys of its file block, written back as they were."""

    id: str
    type: str
    name: str
    position: tuple[float, float] = (0.0, 0.0)
    enabled: bool = True
    pass_through: bool = False
    attributes: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    comment: str = ""  # the bubble shown above the node (Unreal's node comment); "" shows none


@dataclass(frozen=True)
class Link:
    """A connection from `source`'s socket `output` to `target`'s socket `input` (pulse or data)."""

    source: str
    output: str
    target: str
    input: str


@dataclass
class Variable:
    name: str
    type: DataType
    default: Any


@dataclass
class Param:
    """A named, typed input or output of a function."""

    name: str
    type: DataType


@dataclass
class CustomEvent:
    """An entry of the project's Events list: Triggers of this name send its parameters, Listeners receive them."""

    name: str
    parameters: list[Param] = field(default_factory=list)


@dataclass
class PrefabInstance:
    """A named copy of a prefab's logic that runs while its scene is active."""

    name: str
    prefab: str


@dataclass
class Group:
    """A titled backdrop behind some nodes: `rect` is (x, y, width, height) in canvas coordinates.

    `colour` is ``#rrggbb``, or "" for the theme's own backdrop colour.
    """

    id: str
    title: str
    rect: tuple[float, float, float, float]
    colour: str = ""


@dataclass
class Comment:
    """A sticky note on the canvas: Markdown-lite `text` (``**bold**``, ``*italics*``, line breaks)
    in a `rect` (x, y, width, height) filled with `colour` (``#rrggbb``). Pure layout: never run."""

    id: str
    text: str
    rect: tuple[float, float, float, float]
    colour: str = "#f5e08a"


#: Bend points of a connection, in canvas coordinates, from its output to its input (reroute dots).
Bends = tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class Change:
    """What changed: `what` is a verb such as ``node_added``; `graph` the graph id, if any."""

    what: str
    graph: str | None = None
    detail: Any = None


@dataclass(eq=False)
class _Observed:
    """Base for model parts that report their changes to the project's `changed` signal."""

    def _notify(self, what: str, detail: Any = None) -> None:
        owner: Project | None = getattr(self, "_owner", None)
        if owner is not None and owner.changed:
            owner.changed.emit(Change(what, getattr(self, "id", None), detail))


_Boxed = TypeVar("_Boxed", Group, Comment)


def _fresh_id(prefix: str, items: list[Any]) -> str:
    """An id for a new group or comment: `prefix` and 8 hex digits, unused among `items`."""
    taken = {item.id for item in items}
    while (candidate := prefix + uuid.uuid4().hex[:8]) in taken:
        pass
    return candidate


def _insert(items: list[_Boxed], item: _Boxed, index: int | None) -> None:
    items.insert(len(items) if index is None else index, item)


def _pop_by_id(items: list[_Boxed], item_id: str) -> tuple[_Boxed, int]:
    index = next(i for i, item in enumerate(items) if item.id == item_id)
    return items.pop(index), index


def _update_box(item: Group | Comment, rect: tuple[float, float, float, float] | None, colour: str | None) -> None:
    if rect is not None:
        item.rect = tuple(float(v) for v in rect)  # type: ignore[assignment]
    if colour is not None:
        item.colour = colour


@dataclass(eq=False)
class Graph(_Observed):
    """One logic graph (a tab). Functions use `inputs`/`outputs`, prefabs `variables`, scenes `instances`."""

    id: str
    kind: Scope
    name: str
    nodes: dict[str, Node] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)
    inputs: list[Param] = field(default_factory=list)
    outputs: list[Param] = field(default_factory=list)
    variables: list[Variable] = field(default_factory=list)
    instances: list[PrefabInstance] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)
    #: Reroute points by connection: pure layout kept beside `links`, so that a Link (and the
    #: interpreter that follows links) stays what it was; a link without bends has no entry.
    bends: dict[Link, Bends] = field(default_factory=dict)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Graph):
            return NotImplemented
        fields = ("id", "kind", "name", "nodes", "inputs", "outputs", "variables", "instances", "groups",
                  "comments", "bends")
        return all(getattr(self, f) == getattr(other, f) for f in fields) and set(self.links) == set(other.links)

    # --- queries -------------------------------------------------------------------------
    def links_of(self, node_id: str) -> list[Link]:
        return [link for link in self.links if node_id in (link.source, link.target)]

    def links_into(self, node_id: str, socket: str) -> list[Link]:
        return [link for link in self.links if link.target == node_id and link.input == socket]

    def links_from(self, node_id: str, socket: str) -> list[Link]:
        return [link for link in self.links if link.source == node_id and link.output == socket]

    def new_node_id(self) -> str:
        while True:
            candidate = "n" + uuid.uuid4().hex[:10]
            if candidate not in self.nodes:
                return candidate

    # --- edits ----------------------------------------------------------------------------
    def add_node(self, node: Node) -> None:
        if node.id in self.nodes:
            raise ValueError(f"graph {self.name!r} already has a node with id {node.id!r}")
        self.nodes[node.id] = node
        self._notify("node_added", node)

    def remove_node(self, node_id: str) -> tuple[Node, list[Link]]:
        """Removes the node and its links; returns both so that an undo can put them back."""
        removed = self.links_of(node_id)
        for link in removed:
            self.remove_link(link)
        node = self.nodes.pop(node_id)
        self._notify("node_removed", node)
        return node, removed

    def add_link(self, link: Link, bends: Bends = (), index: int | None = None) -> None:
        """Adds a link at the end, or at `index` (an undo puts it back where it was: files stay as they were)."""
        if link in self.links:
            return
        self.links.insert(len(self.links) if index is None else index, link)
        if bends:
            self.bends[link] = tuple(bends)
        self._notify("link_added", link)

    def remove_link(self, link: Link) -> Bends:
        """Removes a link; returns its bend points (they go with it) so that an undo can put them back."""
        self.links.remove(link)
        bends = self.bends.pop(link, ())
        self._notify("link_removed", link)
        return bends

    def set_bends(self, link: Link, bends: Bends) -> None:
        """Gives a connection these reroute points (none: a plain curve)."""
        if bends:
            self.bends[link] = tuple((float(x), float(y)) for x, y in bends)
        else:
            self.bends.pop(link, None)
        self._notify("link_bends", link)

    def move_node(self, node_id: str, position: tuple[float, float]) -> None:
        self.nodes[node_id].position = (float(position[0]), float(position[1]))
        self._notify("node_moved", self.nodes[node_id])

    def set_node_field(self, node_id: str, name: str, value: Any) -> None:
        """Sets a general attribute: ``name``, ``enabled``, ``pass_through`` or ``comment``."""
        if name not in ("name", "enabled", "pass_through", "comment"):
            raise ValueError(f"{name!r} is not a general node attribute")
        setattr(self.nodes[node_id], name, value)
        self._notify("node_changed", self.nodes[node_id])

    def set_attribute(self, node_id: str, name: str, value: Any) -> None:
        self.nodes[node_id].attributes[name] = value
        self._notify("node_changed", self.nodes[node_id])

    def unset_attribute(self, node_id: str, name: str) -> None:
        self.nodes[node_id].attributes.pop(name, None)
        self._notify("node_changed", self.nodes[node_id])

    def rename(self, name: str) -> None:
        self.name = name
        self._notify("graph_renamed", self)

    def set_signature(self, inputs: list[Param], outputs: list[Param]) -> None:
        self.inputs, self.outputs = list(inputs), list(outputs)
        self._notify("graph_signature", self)

    def set_variables(self, variables: list[Variable]) -> None:
        """A prefab's own variables (each prefab instance gets a copy)."""
        self.variables = list(variables)
        self._notify("variables_changed", self)

    def set_instances(self, instances: list[PrefabInstance]) -> None:
        """A scene's prefab instances."""
        self.instances = list(instances)
        self._notify("instances_changed", self)

    def new_group_id(self) -> str:
        return _fresh_id("g", self.groups)

    def add_group(self, group: Group, index: int | None = None) -> None:
        _insert(self.groups, group, index)
        self._notify("group_added", group)

    def remove_group(self, group_id: str) -> tuple[Group, int]:
        """Removes a group (not its nodes); returns it with its position for an undo."""
        group, index = _pop_by_id(self.groups, group_id)
        self._notify("group_removed", group)
        return group, index

    def update_group(self, group_id: str, title: str | None = None,
                     rect: tuple[float, float, float, float] | None = None, colour: str | None = None) -> None:
        group = next(g for g in self.groups if g.id == group_id)
        if title is not None:
            group.title = title
        _update_box(group, rect, colour)
        self._notify("group_changed", group)

    def new_comment_id(self) -> str:
        return _fresh_id("c", self.comments)

    def add_comment(self, comment: Comment, index: int | None = None) -> None:
        _insert(self.comments, comment, index)
        self._notify("comment_added", comment)

    def remove_comment(self, comment_id: str) -> tuple[Comment, int]:
        """Removes a comment; returns it with its position for an undo."""
        comment, index = _pop_by_id(self.comments, comment_id)
        self._notify("comment_removed", comment)
        return comment, index

    def update_comment(self, comment_id: str, text: str | None = None,
                       rect: tuple[float, float, float, float] | None = None, colour: str | None = None) -> None:
        comment = next(c for c in self.comments if c.id == comment_id)
        if text is not None:
            comment.text = text
        _update_box(comment, rect, colour)
        self._notify("comment_changed", comment)


@dataclass(eq=False)
class Project(_Observed):
    """A whole project: graphs (the Project graph first), variables, plugin switches and settings."""

    name: str = "Untitled"
    graphs: dict[str, Graph] = field(default_factory=dict)
    variables: list[Variable] = field(default_factory=list)
    events: list[CustomEvent] = field(default_factory=list)
    start_scene: str = ""
    plugins: dict[str, bool] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)
    random_seed: int | None = None  # None: Random nodes differ on every run
    extra: dict[str, Any] = field(default_factory=dict)
    changed: Signal = field(default_factory=Signal, repr=False)
    #: What loading repaired in the file this project came from (never saved): one message per repair.
    load_warnings: list[str] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._owner = self
        for graph in self.graphs.values():
            graph._owner = self  # type: ignore[attr-defined]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Project):
            return NotImplemented
        fields = ("name", "graphs", "variables", "events", "start_scene", "plugins", "settings", "random_seed",
                  "extra")
        return all(getattr(self, f) == getattr(other, f) for f in fields)

    @classmethod
    def new(cls, name: str = "Untitled") -> Project:
        """An empty project with a Project graph and one start scene, as File > New makes it."""
        project = cls(name=name)
        project.add_graph(Graph("project", Scope.PROJECT, "Project"))
        project.add_graph(Graph("scene-main", Scope.SCENE, "Main"))
        project.start_scene = "scene-main"
        return project

    # --- queries -------------------------------------------------------------------------
    @property
    def project_graph(self) -> Graph:
        return next(g for g in self.graphs.values() if g.kind is Scope.PROJECT)

    def graphs_of(self, kind: Scope) -> list[Graph]:
        return [g for g in self.graphs.values() if g.kind is kind]

    def graph_named(self, kind: Scope, name: str) -> Graph | None:
        return next((g for g in self.graphs_of(kind) if g.name == name), None)

    def variable(self, name: str, graph: Graph | None = None) -> Variable | None:
        """The variable a node in `graph` sees by `name`: a prefab's own first, then the project's."""
        own = graph.variables if graph is not None and graph.kind is Scope.PREFAB else []
        return next((v for v in [*own, *self.variables] if v.name == name), None)

    def event(self, name: str) -> CustomEvent | None:
        """The declared custom event called `name`, if any."""
        return next((e for e in self.events if e.name == name), None)

    def is_plugin_active(self, plugin_id: str) -> bool:
        return self.plugins.get(plugin_id, True)

    def iter_nodes(self) -> Iterator[tuple[Graph, Node]]:
        for graph in self.graphs.values():
            for node in graph.nodes.values():
                yield graph, node

    def new_graph_id(self, kind: Scope) -> str:
        while True:
            candidate = f"{kind.value.lower()}-{uuid.uuid4().hex[:8]}"
            if candidate not in self.graphs:
                return candidate

    # --- edits ----------------------------------------------------------------------------
    def add_graph(self, graph: Graph, index: int | None = None) -> None:
        if graph.id in self.graphs:
            raise ValueError(f"the project already has a graph with id {graph.id!r}")
        graph._owner = self  # type: ignore[attr-defined]
        items = list(self.graphs.items())
        items.insert(len(items) if index is None else index, (graph.id, graph))
        self.graphs = dict(items)
        self.changed.emit(Change("graph_added", graph.id, graph))

    def remove_graph(self, graph_id: str) -> tuple[Graph, int]:
        """Removes a graph; returns it with its position so that an undo can put it back."""
        index = list(self.graphs).index(graph_id)
        graph = self.graphs.pop(graph_id)
        graph._owner = None  # type: ignore[attr-defined]
        self.changed.emit(Change("graph_removed", graph_id, graph))
        return graph, index

    def set_plugin_active(self, plugin_id: str, active: bool) -> None:
        self.plugins[plugin_id] = active
        self.changed.emit(Change("plugin_toggled", None, plugin_id))

    def set_settings(self, section: str, value: Any) -> None:
        """Replaces a plugin's settings section; None removes it."""
        if value is None:
            self.settings.pop(section, None)
        else:
            self.settings[section] = value
        self.changed.emit(Change("settings_changed", None, section))

    def set_general(self, name: str, start_scene: str) -> None:
        self.name, self.start_scene = name, start_scene
        self.changed.emit(Change("project_changed"))

    def set_variables(self, variables: Iterable[Variable]) -> None:
        self.variables = list(variables)
        self.changed.emit(Change("variables_changed"))

    def set_events(self, events: Iterable[CustomEvent]) -> None:
        self.events = list(events)
        self.changed.emit(Change("events_changed"))

    def set_random_seed(self, seed: int | None) -> None:
        self.random_seed = seed
        self.changed.emit(Change("project_changed"))
