"""Logic fragments: some nodes of a graph with their links and layout, on the clipboard or in a
``.pulse-logic.json`` file (File -> Export Selection / Import Logic).

One serialisation serves both: `fragment_data` writes the nodes, the links among them and the
layout items (groups; comments join them as one more list, as in a project's graph) in the
project file's own shapes, and
`read_fragment` checks them as the project loader does. A logic file adds a header (kind,
`format_version`, the scope of the tab it came from) and the definitions its nodes use:
variables, custom events and functions (their signatures), so that an import into another
project can offer to create the missing ones. Reading names the file and the JSON path in a
`ProjectFileError`, within the project file's limits (`runtime.filelimits`). See
docs/file-format.md.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from runtime import fileformat
from runtime.atomic_save import write_atomically
from runtime.filelimits import LimitError, check_value, parse_json, read_regular_file
from runtime.model import Comment, CustomEvent, Graph, Group, Link, Node, Param, Project, Variable
from runtime.registry import Registry, default_registry
from runtime.specs import AttrKind, Scope

SUFFIX = ".pulse-logic.json"
#: A logic file's own keys (and the clipboard's marker); every other key is the body that paste reads:
#: nodes, connections, and layout lists (groups, comments...) under the names a graph gives them.
HEADER_KEYS = frozenset({"pulse-studio", "kind", "format_version", "project_format_version", "scope", "source",
                         "variables", "events", "functions"})
KIND = "pulse-studio-logic"
#: Version of the logic file's own shape; its nodes follow the project file's FORMAT_VERSION.
LOGIC_FORMAT_VERSION = 1


@dataclass
class FunctionInfo:
    """A function a fragment's Function nodes call: its id in the source project, name and signature."""

    id: str
    name: str
    inputs: list[Param] = field(default_factory=list)
    outputs: list[Param] = field(default_factory=list)


@dataclass
class Fragment:
    """Nodes, the links among them and layout items, checked for shape (not yet against a project)."""

    nodes: list[Node]
    links: list[Link]
    groups: list[Group] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)


@dataclass
class LogicFile:
    """A read ``.pulse-logic.json``: the fragment, where it came from, and the definitions it uses."""

    scope: Scope
    fragment: Fragment
    #: The file's body as written (nodes, connections and every layout list), what an import pastes.
    body: dict[str, Any] = field(default_factory=dict)
    variables: list[Variable] = field(default_factory=list)
    events: list[CustomEvent] = field(default_factory=list)
    functions: list[FunctionInfo] = field(default_factory=list)


# --- writing ---------------------------------------------------------------------------------

def fragment_data(graph: Graph, node_ids: Iterable[str], group_ids: Iterable[str] = (),
                  comment_ids: Iterable[str] = ()) -> dict[str, Any]:
    """The nodes `node_ids` of `graph`, the links among them (with their reroute points) and the
    groups and comments named, in file form: the clipboard's payload and a logic file's body."""
    ids = [i for i in node_ids if i in graph.nodes]
    inside = set(ids)
    groups, comments = set(group_ids), set(comment_ids)
    return {
        "nodes": [fileformat.node_data(graph.nodes[i]) for i in ids],
        "connections": [fileformat.link_data(k, graph.bends.get(k, ())) for k in graph.links
                        if k.source in inside and k.target in inside],
        "groups": [fileformat.group_data(g) for g in graph.groups if g.id in groups],
        "comments": [fileformat.comment_data(c) for c in graph.comments if c.id in comments],
    }


def used_definitions(project: Project, graph: Graph, nodes: list[Node],
                     registry: Registry | None = None) -> tuple[list[Variable], list[CustomEvent], list[FunctionInfo]]:
    """The variables, events and functions `nodes` name in their attributes, as `project` defines them.

    Names that `project` does not define (a node pointing at nothing) are left out.
    """
    registry = registry or default_registry()
    variables: dict[str, Variable] = {}
    events: dict[str, CustomEvent] = {}
    functions: dict[str, FunctionInfo] = {}
    for node in nodes:
        spec = registry.spec(node.type)
        for attribute in spec.all_attributes if spec else ():
            value = node.attributes.get(attribute.name)
            if not isinstance(value, str) or not value:
                continue
            if attribute.kind is AttrKind.VARIABLE and (variable := project.variable(value, graph)):
                variables.setdefault(value, variable)
            elif attribute.kind is AttrKind.EVENT and (event := project.event(value)):
                events.setdefault(value, event)
            elif attribute.kind is AttrKind.FUNCTION and (target := project.graphs.get(value)) \
                    and target.kind is Scope.FUNCTION:
                functions.setdefault(value, FunctionInfo(target.id, target.name, list(target.inputs),
                                                         list(target.outputs)))
    return list(variables.values()), list(events.values()), list(functions.values())


def logic_data(project: Project, graph: Graph, fragment: dict[str, Any],
               registry: Registry | None = None) -> dict[str, Any]:
    """The whole logic file for `fragment` (what copy writes, from `graph`): header, definitions used, body."""
    body = {k: v for k, v in fragment.items() if k not in HEADER_KEYS}
    nodes = [graph.nodes[n["id"]] for n in body.get("nodes", ()) if n["id"] in graph.nodes]
    variables, events, functions = used_definitions(project, graph, nodes, registry)
    return {
        "kind": KIND,
        "format_version": LOGIC_FORMAT_VERSION,
        "project_format_version": fileformat.FORMAT_VERSION,
        "scope": graph.kind.value.lower(),
        "source": {"project": project.name, "graph": graph.name},
        "variables": [fileformat.variable_data(v) for v in variables],
        "events": [fileformat.event_data(e) for e in events],
        "functions": [{"id": f.id, "name": f.name, "inputs": fileformat.params_data(f.inputs),
                       "outputs": fileformat.params_data(f.outputs)} for f in functions],
        **body,
    }


def save(path: str | os.PathLike[str], data: dict[str, Any]) -> None:
    """Writes a logic file atomically (indented as project files are); OSError if the disk refuses."""
    write_atomically(Path(path), fileformat.format_json(data, "") + "\n")


# --- reading ---------------------------------------------------------------------------------

def read_fragment(data: Any, file: str) -> Fragment:
    """A logic file's body checked as Paste checks a clipboard, and stricter (every connection joins two
    nodes of the file, node ids are unique); ProjectFileError naming `file`."""
    reader = fileformat.Reader(file, default_registry())
    if not isinstance(data, dict):
        raise reader.fail("$", f"expected a JSON object, found {fileformat.describe(data)}")
    nodes, links = fileformat.read_nodes(reader.get(data, "nodes", list, "$"),
                                         reader.get(data, "connections", list, "$", []), file)
    seen: set[str] = set()
    for index, node in enumerate(nodes):
        if node.id in seen:
            raise reader.fail(f"$.nodes[{index}].id", f"duplicate node id {node.id!r}")
        seen.add(node.id)
    for index, link in enumerate(links):
        for end in (link.source, link.target):
            if end not in seen:
                raise reader.fail(f"$.connections[{index}]", f"connects node {end!r}, which is not in the file")
    groups, comments, _bends = fileformat.read_layout(data.get("groups", []), data.get("comments", []),
                                                      data.get("connections", []), file)
    return Fragment(nodes, links, groups, comments)


def load(path: str | os.PathLike[str]) -> LogicFile:
    """Reads and checks a ``.pulse-logic.json`` file; ProjectFileError naming the file and the JSON path."""
    name = str(path)
    try:
        text = read_regular_file(Path(path))
    except FileNotFoundError:
        raise fileformat.ProjectFileError(name, "", "file not found") from None
    except LimitError as exc:
        raise fileformat.ProjectFileError(name, exc.path, exc.problem) from None
    except (OSError, ValueError) as exc:
        raise fileformat.ProjectFileError(name, "", f"cannot be read ({getattr(exc, 'strerror', None) or exc})"
                                          ) from None
    return loads(text, name)


def loads(text: str, file: str = "<logic>") -> LogicFile:
    """Parses and checks logic file text; `file` is only used in error messages."""
    try:
        data = parse_json(text)
    except json.JSONDecodeError as exc:
        raise fileformat.ProjectFileError(file, "", f"not valid JSON at line {exc.lineno} column {exc.colno}: "
                                                    f"{exc.msg}") from None
    except LimitError as exc:
        raise fileformat.ProjectFileError(file, exc.path, exc.problem) from None
    reader = fileformat.Reader(file, default_registry())
    if not isinstance(data, dict) or data.get("kind") != KIND:
        kind = "a Pulse Studio project" if isinstance(data, dict) and "graphs" in data else "not a logic file"
        raise reader.fail("$.kind" if isinstance(data, dict) and "kind" in data else "$",
                          f"expected \"kind\": \"{KIND}\" ({kind}; export one with File > Export Selection)")
    version = reader.get(data, "format_version", int, "$")
    if version > LOGIC_FORMAT_VERSION:
        raise reader.fail("$.format_version", f"version {version} is newer than this Pulse Studio understands "
                                              f"({LOGIC_FORMAT_VERSION}); please update")
    if version < 1:
        raise reader.fail("$.format_version", f"unknown version {version}")
    project_version = reader.get(data, "project_format_version", int, "$", fileformat.FORMAT_VERSION)
    if project_version > fileformat.FORMAT_VERSION:
        raise reader.fail("$.project_format_version", f"nodes of project format {project_version} are newer than "
                                                      f"this Pulse Studio understands ({fileformat.FORMAT_VERSION})")
    scope_text = reader.get(data, "scope", str, "$")
    try:
        scope = Scope(scope_text.capitalize())
    except ValueError:
        raise reader.fail("$.scope", f"unknown scope {scope_text!r} (expected project, scene, function or prefab)"
                          ) from None
    try:
        check_value(data, "$")
    except LimitError as exc:
        raise reader.fail(exc.path, exc.problem) from None
    functions = []
    for where, name, item in reader.named_objects(reader.get(data, "functions", list, "$", []), "$.functions",
                                                  "function"):
        functions.append(FunctionInfo(reader.get(item, "id", str, where), name,
                                      reader.params(reader.get(item, "inputs", list, where, []), f"{where}.inputs"),
                                      reader.params(reader.get(item, "outputs", list, where, []),
                                                    f"{where}.outputs")))
    return LogicFile(
        scope=scope,
        fragment=read_fragment(data, file),
        body={k: v for k, v in data.items() if k not in HEADER_KEYS},
        variables=reader.variables(reader.get(data, "variables", list, "$", []), "$.variables"),
        events=reader.events(reader.get(data, "events", list, "$", []), "$.events"),
        functions=functions,
    )
