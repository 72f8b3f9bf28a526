"""Reading and writing project files (JSON), with validation that names the file and the JSON path.

Files are written from the model with a fixed key order and one node per block, so that diffs
stay readable. Loading checks everything and raises one error type, `ProjectFileError`, whose
message names the file, the JSON path (``$.graphs[1].nodes[0].type``) and the problem. Nodes of
unknown types are kept as they were written. Saves are atomic and keep the previous file as
``.bak``. Older `format_version`s are upgraded by the functions in `MIGRATIONS`.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from runtime.atomic_save import STALE_TEMP_SECONDS, remove_stale_temps, write_atomically
from runtime.filelimits import MAX_COORDINATE, LimitError, check_value, parse_json, read_regular_file
from runtime.model import (
    FORMAT_VERSION,
    Bends,
    Comment,
    CustomEvent,
    Graph,
    Group,
    Link,
    Node,
    Param,
    PrefabInstance,
    Project,
    Variable,
)
from runtime.ports import extra_inputs, resolve_type
from runtime.registry import Registry, SettingsSection, default_registry
from runtime.rules import LinkError, SocketMismatch, check_link, data_loop
from runtime.specs import Attribute, AttrKind, PortEnv, Ports, Scope
from runtime.types import VALUE_TYPES, DataType, coerce_literal

#: Upgrades a file dict from version N (the key) to N + 1. Version 1 is the first released one.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}

_NODE_KEYS = ("id", "type", "name", "position", "enabled", "pass_through", "attributes", "comment")
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
#: The longest comment text or node comment kept (a page of notes; a file is not a document store).
MAX_COMMENT_CHARS = 10_000


class ProjectFileError(Exception):
    """A project file that cannot be loaded: `file`, `path` (JSON path) and `problem` say why."""

    def __init__(self, file: str, path: str, problem: str) -> None:
        self.file, self.path, self.problem = file, path, problem
        where = f"{file}: {path}" if path else file
        super().__init__(f"{where}: {problem}")


# --- loading --------------------------------------------------------------------------------

PROJECT_FILE_NAME = "project.pulse.json"


def project_file(path: str | os.PathLike[str]) -> Path:
    """A project file, or the `project.pulse.json` inside a project folder (never raises)."""
    candidate = Path(path)
    try:
        return candidate / PROJECT_FILE_NAME if candidate.is_dir() else candidate
    except (OSError, ValueError):  # a name too long for the file system, a NUL byte...: `load` reports it
        return candidate


def load(path: str | os.PathLike[str], registry: Registry | None = None) -> Project:
    """Reads and validates a project file (or folder); ProjectFileError for anything wrong with it.

    Only regular files up to `filelimits.MAX_FILE_BYTES` are read (a FIFO or device is refused
    without blocking). Stale temporary files of interrupted saves beside it are removed.
    """
    given = Path(path)
    path = project_file(path)
    name = str(path)
    try:
        text = read_regular_file(path)
    except FileNotFoundError:
        problem = f"no {PROJECT_FILE_NAME} in this folder" if path != given else "file not found"
        raise ProjectFileError(str(given) if path != given else name, "", problem) from None
    except LimitError as exc:
        raise ProjectFileError(name, exc.path, exc.problem) from None
    except OSError as exc:
        raise ProjectFileError(name, "", f"cannot be read ({exc.strerror or exc})") from None
    except ValueError as exc:  # UnicodeDecodeError, or a NUL byte in the name
        raise ProjectFileError(name, "", f"cannot be read ({exc})") from None
    remove_stale_temps(path, older_than=STALE_TEMP_SECONDS)
    return loads(text, name, registry)


def loads(text: str, file: str = "<project>", registry: Registry | None = None) -> Project:
    """Parses and validates project JSON; `file` is only used in error messages."""
    try:
        data = parse_json(text)
    except json.JSONDecodeError as exc:
        raise ProjectFileError(file, "", f"not valid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
                               ) from None
    except LimitError as exc:
        raise ProjectFileError(file, exc.path, exc.problem) from None
    return Reader(file, registry or default_registry()).project(data)


def read_nodes(raw_nodes: Any, raw_links: Any, file: str) -> tuple[list[Node], list[Link]]:
    """Nodes and links in file form (a clipboard, an imported graph), checked for shape only."""
    reader = Reader(file, default_registry())
    if not isinstance(raw_nodes, list) or not isinstance(raw_links, list):
        raise reader.fail("$", "expected lists of nodes and connections")
    try:
        check_value(raw_nodes, "$.nodes")
    except LimitError as exc:
        raise reader.fail(exc.path, exc.problem) from None
    nodes = [reader.node(raw, f"$.nodes[{i}]") for i, raw in enumerate(raw_nodes)]
    links = [reader.link(raw, f"$.connections[{i}]") for i, raw in enumerate(raw_links)]
    return nodes, links


def read_layout(raw_groups: Any, raw_comments: Any, raw_links: list[Any],
                file: str) -> tuple[list[Group], list[Comment], list[Bends]]:
    """Groups, comments and each connection's reroute points in file form (a clipboard), checked as at load."""
    reader = Reader(file, default_registry())
    if not isinstance(raw_groups, list) or not isinstance(raw_comments, list):
        raise reader.fail("$", "expected lists of groups and comments")
    groups = [reader.group(raw, f"$.groups[{i}]") for i, raw in enumerate(raw_groups)]
    comments = [reader.comment(raw, f"$.comments[{i}]") for i, raw in enumerate(raw_comments)]
    bends = [reader.bends(raw, f"$.connections[{i}]") for i, raw in enumerate(raw_links)]
    return groups, comments, bends


def check_nodes(project: Project, graph: Graph, nodes: list[Node], file: str,
                registry: Registry | None = None) -> None:
    """The load-time checks of each node's attributes, for nodes about to join `graph` (a paste).

    So that nothing the editor accepts makes a file that would not load again. Paths are
    ``$.nodes[i]...`` as in the clipboard payload.
    """
    reader = Reader(file, registry or default_registry())
    for index, node in enumerate(nodes):
        reader.check_node(project, graph, node, f"$.nodes[{index}]")


class Reader:
    """Walks a parsed file, checking each value where it is read so errors carry their JSON path."""

    def __init__(self, file: str, registry: Registry) -> None:
        self.file, self.registry = file, registry

    def fail(self, path: str, problem: str) -> ProjectFileError:
        return ProjectFileError(self.file, path, problem)

    def get(self, obj: dict[str, Any], key: str, kind: type | tuple[type, ...], path: str,
            default: Any = ...) -> Any:
        if key not in obj:
            if default is ...:
                raise self.fail(path, f"missing required key {key!r}")
            return default
        value = obj[key]
        if not isinstance(value, kind) or (kind in (int, float) and isinstance(value, bool)):
            raise self.fail(f"{path}.{key}", f"expected {_expected(kind)}, found {describe(value)}")
        return value

    def coordinate(self, value: float, path: str) -> None:
        if abs(value) > MAX_COORDINATE:
            raise self.fail(path, f"coordinate {value:g} is out of range (±{MAX_COORDINATE:g})")

    def project(self, data: Any) -> Project:
        if not isinstance(data, dict):
            raise self.fail("$", f"expected a JSON object, found {describe(data)}")
        data = self.migrate(data)
        plugins = self.get(data, "plugins", dict, "$", {})
        for key, value in plugins.items():
            if not isinstance(value, bool):
                raise self.fail(f"$.plugins.{key}", f"expected true or false, found {describe(value)}")
        settings = self.settings(self.get(data, "settings", dict, "$", {}), "$.settings")
        project = Project(
            name=self.get(data, "name", str, "$"),
            variables=self.variables(self.get(data, "variables", list, "$", []), "$.variables"),
            events=self.events(self.get(data, "events", list, "$", []), "$.events"),
            start_scene=self.get(data, "start_scene", str, "$"),
            plugins=dict(plugins),
            settings=settings,
            random_seed=self.get(data, "random_seed", (int, type(None)), "$", None),
            extra={k: v for k, v in data.items() if k not in _PROJECT_KEYS},
        )
        raw_graphs = self.get(data, "graphs", list, "$")
        for index, raw in enumerate(raw_graphs):
            path = f"$.graphs[{index}]"
            graph = self.graph(raw, path)
            if graph.id in project.graphs:
                raise self.fail(f"{path}.id", f"duplicate graph id {graph.id!r}")
            project.add_graph(graph)
        declare_payload_events(project)
        self.check_structure(project, raw_graphs)
        return project

    def migrate(self, data: dict[str, Any]) -> dict[str, Any]:
        version = self.get(data, "format_version", int, "$")
        if version > FORMAT_VERSION:
            raise self.fail("$.format_version", f"version {version} is newer than this Pulse Studio "
                                                f"understands ({FORMAT_VERSION}); please update")
        if version < min(MIGRATIONS, default=FORMAT_VERSION):
            raise self.fail("$.format_version", f"unknown version {version}")
        while version < FORMAT_VERSION:
            data = MIGRATIONS[version](data)
            version += 1
        return data

    def settings(self, settings: dict[str, Any], path: str) -> dict[str, Any]:
        """Checks the shape of each known plugin's section; its values are checked when a run starts."""
        for plugin in self.registry.plugins.values():
            section = plugin.settings
            if section is None or section.key not in settings:
                continue
            where = f"{path}.{section.key}"
            raw = settings[section.key]
            if not isinstance(raw, dict):
                raise self.fail(where, f"expected an object, found {describe(raw)}")
            for index, entry in enumerate(self.get(raw, "entries", list, where, [])):
                self.settings_entry(section, entry, f"{where}.entries[{index}]")
        return settings

    def settings_entry(self, section: SettingsSection, entry: Any, path: str) -> None:
        if not isinstance(entry, dict):
            raise self.fail(path, f"expected an object, found {describe(entry)}")
        for setting in section.fields:
            if setting.key not in entry:
                continue
            value = entry[setting.key]
            if value is None and (setting.optional or setting.default is None or setting.kind == "secret"):
                continue  # empty, as the settings form writes it
            if value == "" and setting.optional:
                continue
            expected = _SETTING_TYPES.get(setting.kind)
            if expected is not None and not _is_instance(value, expected):
                raise self.fail(f"{path}.{setting.key}", f"expected {_expected(expected)}, found {describe(value)}")
            if setting.kind == "list" and not all(isinstance(item, str) for item in value):
                raise self.fail(f"{path}.{setting.key}", "expected an array of strings")

    def named_objects(self, raw: list[Any], path: str, what: str) -> list[tuple[str, str, dict[str, Any]]]:
        """(JSON path, name, object) for a list of objects with unique names (variables, parameters)."""
        result: list[tuple[str, str, dict[str, Any]]] = []
        for index, item in enumerate(raw):
            where = f"{path}[{index}]"
            if not isinstance(item, dict):
                raise self.fail(where, f"expected an object, found {describe(item)}")
            name = self.get(item, "name", str, where)
            if any(other == name for _, other, _ in result):
                raise self.fail(f"{where}.name", f"duplicate {what} name {name!r}")
            result.append((where, name, item))
        return result

    def variables(self, raw: list[Any], path: str) -> list[Variable]:
        result: list[Variable] = []
        for where, name, item in self.named_objects(raw, path, "variable"):
            data_type = self.data_type(item, where)
            if "default" not in item:
                raise self.fail(where, "missing required key 'default'")
            try:
                default = coerce_literal(item["default"], data_type)
            except ValueError as exc:
                raise self.fail(f"{where}.default", str(exc)) from None
            result.append(Variable(name, data_type, default))
        return result

    def events(self, raw: list[Any], path: str) -> list[CustomEvent]:
        return [CustomEvent(name, self.params(self.get(item, "parameters", list, where, []), f"{where}.parameters"))
                for where, name, item in self.named_objects(raw, path, "event")]

    def data_type(self, item: dict[str, Any], where: str) -> DataType:
        try:
            return DataType.parse(self.get(item, "type", str, where))
        except ValueError as exc:
            raise self.fail(f"{where}.type", str(exc)) from None

    def params(self, raw: list[Any], path: str) -> list[Param]:
        return [Param(name, self.data_type(item, where)) for where, name, item in
                self.named_objects(raw, path, "parameter")]

    def graph(self, raw: Any, path: str) -> Graph:
        if not isinstance(raw, dict):
            raise self.fail(path, f"expected an object, found {describe(raw)}")
        kind_text = self.get(raw, "kind", str, path)
        try:
            kind = Scope(kind_text.capitalize())
        except ValueError:
            raise self.fail(f"{path}.kind", f"unknown graph kind {kind_text!r} "
                                            "(expected project, scene, function or prefab)") from None
        graph = Graph(
            id=self.get(raw, "id", str, path),
            kind=kind,
            name=self.get(raw, "name", str, path),
            inputs=self.params(self.get(raw, "inputs", list, path, []), f"{path}.inputs"),
            outputs=self.params(self.get(raw, "outputs", list, path, []), f"{path}.outputs"),
            variables=self.variables(self.get(raw, "variables", list, path, []), f"{path}.variables"),
            instances=self.instances(self.get(raw, "prefab_instances", list, path, []), f"{path}.prefab_instances"),
        )
        for index, raw_node in enumerate(self.get(raw, "nodes", list, path, [])):
            node = self.node(raw_node, f"{path}.nodes[{index}]")
            if node.id in graph.nodes:
                raise self.fail(f"{path}.nodes[{index}].id", f"duplicate node id {node.id!r}")
            graph.nodes[node.id] = node
        for index, raw_link in enumerate(self.get(raw, "connections", list, path, [])):
            link = self.link(raw_link, f"{path}.connections[{index}]")
            graph.links.append(link)
            bends = self.bends(raw_link, f"{path}.connections[{index}]")
            if bends:
                graph.bends[link] = bends
        for index, raw_group in enumerate(self.get(raw, "groups", list, path, [])):
            group = self.group(raw_group, f"{path}.groups[{index}]")
            if any(g.id == group.id for g in graph.groups):
                raise self.fail(f"{path}.groups[{index}].id", f"duplicate group id {group.id!r}")
            graph.groups.append(group)
        for index, raw_comment in enumerate(self.get(raw, "comments", list, path, [])):
            comment = self.comment(raw_comment, f"{path}.comments[{index}]")
            if any(c.id == comment.id for c in graph.comments):
                raise self.fail(f"{path}.comments[{index}].id", f"duplicate comment id {comment.id!r}")
            graph.comments.append(comment)
        return graph

    def rect(self, raw: dict[str, Any], path: str) -> tuple[float, float, float, float]:
        rect = self.get(raw, "rect", list, path)
        if len(rect) != 4 or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in rect) \
                or rect[2] <= 0 or rect[3] <= 0:
            raise self.fail(f"{path}.rect", "expected [x, y, width, height] with a positive width and height")
        for index, value in enumerate(rect):
            self.coordinate(value, f"{path}.rect[{index}]")
        return (float(rect[0]), float(rect[1]), float(rect[2]), float(rect[3]))

    def colour(self, raw: dict[str, Any], path: str, default: str) -> str:
        colour = self.get(raw, "colour", str, path, default)
        if colour != default and not _COLOUR.fullmatch(colour):
            raise self.fail(f"{path}.colour", f"expected a colour such as \"#f5e08a\", found {colour!r}")
        return colour

    def text(self, raw: dict[str, Any], key: str, path: str, default: Any = ...) -> str:
        text = self.get(raw, key, str, path, default)
        if len(text) > MAX_COMMENT_CHARS:
            raise self.fail(f"{path}.{key}", f"text of {len(text)} characters is longer than {MAX_COMMENT_CHARS:,}")
        return text

    def comment(self, raw: Any, path: str) -> Comment:
        if not isinstance(raw, dict):
            raise self.fail(path, f"expected an object, found {describe(raw)}")
        return Comment(self.get(raw, "id", str, path), self.text(raw, "text", path), self.rect(raw, path),
                       self.colour(raw, path, Comment.colour))

    def bends(self, raw: dict[str, Any], path: str) -> Bends:
        """A connection's optional reroute points: ``"points": [[x, y], ...]``."""
        points = self.get(raw, "points", list, path, [])
        for index, point in enumerate(points):
            where = f"{path}.points[{index}]"
            if not isinstance(point, list) or len(point) != 2 \
                    or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in point):
                raise self.fail(where, "expected [x, y] with two numbers")
            for axis, value in enumerate(point):
                self.coordinate(value, f"{where}[{axis}]")
        return tuple((float(x), float(y)) for x, y in points)

    def group(self, raw: Any, path: str) -> Group:
        if not isinstance(raw, dict):
            raise self.fail(path, f"expected an object, found {describe(raw)}")
        return Group(self.get(raw, "id", str, path), self.get(raw, "title", str, path), self.rect(raw, path),
                     self.colour(raw, path, ""))

    def instances(self, raw: list[Any], path: str) -> list[PrefabInstance]:
        result = []
        for index, item in enumerate(raw):
            where = f"{path}[{index}]"
            if not isinstance(item, dict):
                raise self.fail(where, f"expected an object, found {describe(item)}")
            result.append(PrefabInstance(self.get(item, "name", str, where), self.get(item, "prefab", str, where)))
        return result

    def node(self, raw: Any, path: str) -> Node:
        if not isinstance(raw, dict):
            raise self.fail(path, f"expected an object, found {describe(raw)}")
        position = self.get(raw, "position", list, path, [0, 0])
        if len(position) != 2 or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in position):
            raise self.fail(f"{path}.position", "expected [x, y] with two numbers")
        for index, value in enumerate(position):
            self.coordinate(value, f"{path}.position[{index}]")
        return Node(
            id=self.get(raw, "id", str, path),
            type=self.get(raw, "type", str, path),
            name=self.get(raw, "name", str, path),
            position=(float(position[0]), float(position[1])),
            enabled=self.get(raw, "enabled", bool, path, True),
            pass_through=self.get(raw, "pass_through", bool, path, False),
            attributes=dict(self.get(raw, "attributes", dict, path, {})),
            extra={k: v for k, v in raw.items() if k not in _NODE_KEYS},
            comment=self.text(raw, "comment", path, ""),
        )

    def link(self, raw: Any, path: str) -> Link:
        if not isinstance(raw, dict):
            raise self.fail(path, f"expected an object, found {describe(raw)}")
        ends = []
        for key in ("from", "to"):
            end = self.get(raw, key, list, path)
            if len(end) != 2 or not all(isinstance(v, str) for v in end):
                raise self.fail(f"{path}.{key}", 'expected ["node id", "socket name"]')
            ends.append(end)
        return Link(ends[0][0], ends[0][1], ends[1][0], ends[1][1])

    # --- whole-project checks -----------------------------------------------------------
    def check_structure(self, project: Project, raw_graphs: list[Any]) -> None:
        kinds = [g.kind for g in project.graphs.values()]
        if kinds.count(Scope.PROJECT) != 1:
            count = kinds.count(Scope.PROJECT)
            raise self.fail("$.graphs", f"expected exactly one graph of kind project, found {count}")
        start = project.graphs.get(project.start_scene)
        if start is None or start.kind is not Scope.SCENE:
            raise self.fail("$.start_scene", f"{project.start_scene!r} is not the id of a scene graph")
        node_owner: dict[str, str] = {}
        for index, graph in enumerate(project.graphs.values()):
            path = f"$.graphs[{index}]"
            for instance_index, instance in enumerate(graph.instances):
                target = project.graphs.get(instance.prefab)
                if target is None or target.kind is not Scope.PREFAB:
                    raise self.fail(f"{path}.prefab_instances[{instance_index}].prefab",
                                    f"{instance.prefab!r} is not the id of a prefab graph")
            for node_index, node in enumerate(graph.nodes.values()):
                node_path = f"{path}.nodes[{node_index}]"
                if node.id in node_owner:
                    raise self.fail(f"{node_path}.id", f"duplicate node id {node.id!r} "
                                                       f"(also in graph {node_owner[node.id]!r})")
                node_owner[node.id] = graph.name
                self.check_node(project, graph, node, node_path)
            self.check_links(project, graph, path)

    def check_node(self, project: Project, graph: Graph, node: Node, path: str) -> None:
        spec = self.registry.spec(node.type)
        if spec is None:
            return  # unknown type: a placeholder, kept as written
        if graph.kind not in spec.scopes:
            raise self.fail(f"{path}.type", f"{spec.name} nodes are not allowed in a {graph.kind.value} graph")
        env = PortEnv(project, graph)
        # Values last: their type may come from a Type attribute, which must be valid first.
        for attribute in sorted(spec.all_attributes, key=lambda a: a.kind is AttrKind.VALUE):
            if attribute.name not in node.attributes:
                continue
            value_type = resolve_type(attribute.type_ref, node, spec, env) if attribute.kind is AttrKind.VALUE else None
            node.attributes[attribute.name] = self.attribute(attribute, node.attributes[attribute.name], value_type,
                                                             f"{path}.attributes.{attribute.name}")
        for name, data_type in extra_inputs(node, spec, project, graph):
            if name in node.attributes and data_type is not DataType.ANY:
                try:
                    node.attributes[name] = coerce_literal(node.attributes[name], data_type)
                except ValueError:
                    # left behind when a parameter changed type (a function's, an event's): the
                    # input falls back to its type's default rather than the project not opening
                    del node.attributes[name]

    def attribute(self, attribute: Attribute, value: Any, data_type: DataType | None, path: str) -> Any:
        """`value` checked against the attribute's spec: type, options and bounds, whatever the node type.

        `data_type` is a VALUE attribute's resolved type (None for the other kinds).
        """
        kind = attribute.kind
        if data_type is not None:
            try:
                value = coerce_literal(value, data_type)
            except ValueError as exc:
                raise self.fail(path, str(exc)) from None
        else:
            expected = _ATTRIBUTE_TYPES.get(kind)
            if expected is not None and not _is_instance(value, expected):
                raise self.fail(path, f"expected {_expected(expected)}, found {describe(value)}")
            options = attribute.options or (tuple(t.value for t in VALUE_TYPES) if kind is AttrKind.DATA_TYPE else ())
            if kind in (AttrKind.CHOICE, AttrKind.DATA_TYPE) and value not in options:
                raise self.fail(path, f"{value!r} is not one of the options: {', '.join(options)}")
            if kind is AttrKind.FLOAT:
                value = float(value)
        problem = _bounds_problem(attribute, value)
        if problem:
            raise self.fail(path, problem)
        return value

    def check_links(self, project: Project, graph: Graph, path: str) -> None:
        """Each link on its own, then capacity and data loops for the whole graph: linear in its size.

        A connection on a socket that follows the project (a function's or prefab's parameter, an
        event's) which is gone or changed type is dropped with a warning in `project.load_warnings`:
        older versions left such connections behind when a parameter was removed or retyped.
        """
        seen: set[Link] = set()
        taken: set[tuple[str, str, str]] = set()  # (kind, node id, socket) that has its one connection
        ports: dict[str, Ports] = {}
        stale: set[Link] = set()
        for index, link in enumerate(graph.links):
            where = f"{path}.connections[{index}]"
            if link in seen:
                raise self.fail(where, "duplicate connection")
            seen.add(link)
            try:
                info = check_link(project, graph, link, self.registry, loops=False, ports=ports)
            except SocketMismatch as exc:
                if not self.follows_project(graph, exc.nodes):
                    raise self.fail(where, str(exc)) from None
                stale.add(link)
                project.load_warnings.append(f"{self.file}: {where}: graph {graph.name!r}: dropped the connection "
                                             f"{_end(graph, link.source, link.output)} -> "
                                             f"{_end(graph, link.target, link.input)}: {exc}")
                continue
            except LinkError as exc:
                raise self.fail(where, str(exc)) from None
            if info.kind is None:
                continue
            pulse = info.kind == "pulse"
            end = (info.kind, link.source, link.output) if pulse else (info.kind, link.target, link.input)
            if end in taken:
                node = graph.nodes[end[1]]
                side = "pulse output" if pulse else "data input"
                raise self.fail(where, f"{side} {node.name}.{end[2]} has more than one connection")
            taken.add(end)
        if stale:
            graph.links = [k for k in graph.links if k not in stale]
            for link in stale:
                graph.bends.pop(link, None)
        loop = data_loop(graph, self.registry)
        if loop is not None:
            source, target = graph.nodes[loop.source], graph.nodes[loop.target]
            raise self.fail(f"{path}.connections[{graph.links.index(loop)}]",
                            f"connecting {source.name!r} to {target.name!r} would make a data loop")

    def follows_project(self, graph: Graph, node_ids: tuple[str, ...]) -> bool:
        """Whether one of these nodes takes sockets from the project (its spec's `extra_ports`)."""
        specs = (self.registry.spec(graph.nodes[i].type) for i in node_ids)
        return any(spec is not None and spec.extra_ports is not None for spec in specs)


def _end(graph: Graph, node_id: str, socket: str) -> str:
    """A connection's end as a user reads it: node name, its id, socket."""
    return f"{graph.nodes[node_id].name} ({node_id}).{socket}"


_PROJECT_KEYS = ("format_version", "name", "start_scene", "plugins", "settings", "random_seed", "variables",
                 "events", "graphs")
_CUSTOM_EVENT_NODES = ("logic.custom_event_trigger", "logic.custom_event_listener")


def declare_payload_events(project: Project) -> None:
    """Upgrades custom event nodes written before events had parameters (one ``Payload`` typed by
    the node's ``Payload Type``): their event is declared with a ``Payload`` parameter of that type,
    so that their connections and values load unchanged."""
    for _graph, node in project.iter_nodes():
        if node.type not in _CUSTOM_EVENT_NODES or "Payload Type" not in node.attributes:
            continue
        type_text = node.attributes.pop("Payload Type")
        name = str(node.attributes.get("Event", ""))
        if project.event(name) is None:
            try:
                data_type = DataType.parse(str(type_text))
            except ValueError:
                data_type = DataType.STRING
            project.events.append(CustomEvent(name, [Param("Payload", data_type)]))
_ATTRIBUTE_TYPES: dict[AttrKind, type] = {
    AttrKind.BOOL: bool, AttrKind.INT: int, AttrKind.FLOAT: float, AttrKind.STRING: str,
    AttrKind.CHOICE: str, AttrKind.DATA_TYPE: str, AttrKind.VARIABLE: str, AttrKind.FUNCTION: str,
    AttrKind.SCENE: str, AttrKind.SETTING: str, AttrKind.STRING_LIST: list, AttrKind.EVENT: str,
    AttrKind.INSTANCE: str,
}

#: The JSON type of each settings field kind (`registry.SettingField.kind`); json fields take any value.
_SETTING_TYPES: dict[str, type] = {"string": str, "int": int, "bool": bool, "choice": str, "list": list,
                                   "secret": dict}


def _bounds_problem(attribute: Attribute, value: Any) -> str:
    """Why `value` is outside the attribute's minimum/maximum (a STRING_LIST's length), or ""."""
    if attribute.kind is AttrKind.STRING_LIST:
        if not all(isinstance(item, str) for item in value):
            return "expected an array of strings"
        if attribute.sockets and len(set(value)) != len(value):
            return "each entry names a socket: entries must be unique"
        size, what = len(value), "the number of entries"
    elif isinstance(value, (int, float)) and not isinstance(value, bool):  # INT, FLOAT and numeric VALUEs
        size, what = value, "the value"
    else:
        return ""
    low, high = attribute.minimum, attribute.maximum
    if (low is None or size >= low) and (high is None or size <= high):
        return ""
    limits = [f"at least {low:g}"] if low is not None else []
    limits += [f"at most {high:g}"] if high is not None else []
    return f"{what} must be {' and '.join(limits)}, found {size}"


def _is_instance(value: Any, expected: type) -> bool:
    if isinstance(value, bool):
        return expected is bool
    if expected is float:
        return isinstance(value, (int, float))
    return isinstance(value, expected)


_JSON_NAMES: dict[type, str] = {str: "a string", int: "an integer", float: "a number", bool: "true or false",
                               list: "an array", dict: "an object", type(None): "null"}


def _expected(kind: type | tuple[type, ...]) -> str:
    return " or ".join(_JSON_NAMES[k] for k in (kind if isinstance(kind, tuple) else (kind,)))


def describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return _JSON_NAMES.get(type(value), type(value).__name__)


# --- writing --------------------------------------------------------------------------------

def to_data(project: Project) -> dict[str, Any]:
    """The file's JSON structure, with a fixed key order."""
    data: dict[str, Any] = {
        "format_version": FORMAT_VERSION,
        "name": project.name,
        "start_scene": project.start_scene,
        "plugins": dict(sorted(project.plugins.items())),
        "settings": project.settings,
        **({"random_seed": project.random_seed} if project.random_seed is not None else {}),
        "variables": [variable_data(v) for v in project.variables],
        **({"events": [event_data(e) for e in project.events]} if project.events else {}),
        "graphs": [_graph(g) for g in project.graphs.values()],
    }
    data.update(sorted(project.extra.items()))
    return data


def variable_data(variable: Variable) -> dict[str, Any]:
    """A variable as the project file writes it (logic files list the ones they use the same way)."""
    return {"name": variable.name, "type": variable.type.value, "default": variable.default}


def params_data(params: list[Param]) -> list[dict[str, Any]]:
    return [{"name": p.name, "type": p.type.value} for p in params]


def event_data(event: CustomEvent) -> dict[str, Any]:
    return {"name": event.name, "parameters": params_data(event.parameters)}


def _graph(graph: Graph) -> dict[str, Any]:
    data: dict[str, Any] = {"id": graph.id, "kind": graph.kind.value.lower(), "name": graph.name}
    if graph.kind is Scope.FUNCTION or graph.inputs or graph.outputs:  # a prefab's, when it has some
        data["inputs"] = params_data(graph.inputs)
        data["outputs"] = params_data(graph.outputs)
    if graph.variables:
        data["variables"] = [variable_data(v) for v in graph.variables]
    if graph.instances:
        data["prefab_instances"] = [{"name": i.name, "prefab": i.prefab} for i in graph.instances]
    data["nodes"] = [node_data(n) for n in graph.nodes.values()]
    data["connections"] = [link_data(k, graph.bends.get(k, ())) for k in graph.links]
    if graph.groups:
        data["groups"] = [group_data(g) for g in graph.groups]
    if graph.comments:
        data["comments"] = [comment_data(c) for c in graph.comments]
    return data


def link_data(link: Link, bends: Bends = ()) -> dict[str, Any]:
    data: dict[str, Any] = {"from": [link.source, link.output], "to": [link.target, link.input]}
    if bends:
        data["points"] = [[_number(x), _number(y)] for x, y in bends]
    return data


def group_data(group: Group) -> dict[str, Any]:
    data: dict[str, Any] = {"id": group.id, "title": group.title, "rect": [_number(v) for v in group.rect]}
    if group.colour:
        data["colour"] = group.colour
    return data


def comment_data(comment: Comment) -> dict[str, Any]:
    return {"id": comment.id, "text": comment.text, "rect": [_number(v) for v in comment.rect],
            "colour": comment.colour}


def node_data(node: Node) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": node.id,
        "type": node.type,
        "name": node.name,
        "position": [_number(node.position[0]), _number(node.position[1])],
        "enabled": node.enabled,
        "pass_through": node.pass_through,
        "attributes": dict(sorted(node.attributes.items())),
    }
    if node.comment:
        data["comment"] = node.comment
    data.update(sorted(node.extra.items()))
    return data


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def dumps(project: Project) -> str:
    """The file text: indented, short values on one line, one node per block."""
    return format_json(to_data(project), "") + "\n"


def format_json(value: Any, indent: str) -> str:
    """JSON in the project file's layout: short values on one line, one node per block (readable diffs)."""
    compact = json.dumps(value, ensure_ascii=False)
    is_node = isinstance(value, dict) and "pass_through" in value and "type" in value
    if (len(compact) + len(indent) <= 100 and not is_node) or not isinstance(value, (dict, list)) or not value:
        return compact
    inner = indent + "  "
    if isinstance(value, list):
        items = [inner + format_json(item, inner) for item in value]
        return "[\n" + ",\n".join(items) + "\n" + indent + "]"
    items = [f"{inner}{json.dumps(key, ensure_ascii=False)}: {format_json(item, inner)}" for key, item in value.items()]
    return "{\n" + ",\n".join(items) + "\n" + indent + "}"


def save(project: Project, path: str | os.PathLike[str]) -> None:
    """Writes the project atomically and keeps the previous file as .bak (see `runtime.atomic_save`)."""
    write_atomically(Path(path), dumps(project))
