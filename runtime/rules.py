"""Connection rules, one check for the loader, the editor's drag and programmatic edits alike.

- pulse connects to pulse, data to data; data types must match (ANY matches all);
- an output connects to an input, never a node to itself;
- a pulse output and a data input take one connection each (the editor replaces the old one,
  the loader reports a file that has two);
- pure nodes must not feed themselves through data links (it could never be evaluated).
"""

from __future__ import annotations

from dataclasses import dataclass

from runtime.model import Graph, Link, Node, Project
from runtime.ports import node_ports
from runtime.registry import Registry
from runtime.specs import NodeSpec, Ports
from runtime.types import compatible


@dataclass(frozen=True)
class LinkInfo:
    """What a link joins: ``pulse`` or ``data``; None when an end is a node of unknown type."""

    kind: str | None


class LinkError(ValueError):
    """A connection that breaks a rule; the message says which, in the user's words."""


class SocketMismatch(LinkError):
    """A connection to a socket its node does not have, or between sockets whose types do not match:
    what a change of a function's or prefab's parameters left behind in files of older versions.
    `nodes` are the ids of the nodes whose socket is at fault."""

    def __init__(self, message: str, *nodes: str) -> None:
        super().__init__(message)
        self.nodes = nodes


def check_link(project: Project, graph: Graph, link: Link, registry: Registry, loops: bool = True,
               ports: dict[str, Ports] | None = None) -> LinkInfo:
    """Raises LinkError when `link` may not exist in `graph`; capacity is checked separately, and so
    are data loops when `loops` is False (the loader checks a whole graph at once: `data_loop`).
    `ports` keeps each node's resolved ports across calls (the loader's, for one graph)."""
    source, target = graph.nodes.get(link.source), graph.nodes.get(link.target)
    if source is None or target is None:
        missing = link.source if source is None else link.target
        raise LinkError(f"connection refers to node {missing!r}, which is not in graph {graph.name!r}")
    if link.source == link.target:
        raise LinkError(f"{source.name!r} cannot be connected to itself")
    source_spec, target_spec = registry.spec(source.type), registry.spec(target.type)
    if source_spec is None or target_spec is None:
        return LinkInfo(None)  # a placeholder of an unknown type: kept as it was written
    cache = {} if ports is None else ports
    out_ports = _ports_of(source, source_spec, project, graph, cache)
    in_ports = _ports_of(target, target_spec, project, graph, cache)
    out_kind = _socket_kind(out_ports, link.output, output=True)
    in_kind = _socket_kind(in_ports, link.input, output=False)
    if out_kind is None:
        raise SocketMismatch(f"{source.name!r} has no output {link.output!r}", source.id)
    if in_kind is None:
        raise SocketMismatch(f"{target.name!r} has no input {link.input!r}", target.id)
    if out_kind != in_kind:
        raise LinkError(f"cannot connect {out_kind} output {source.name}.{link.output} "
                        f"to {in_kind} input {target.name}.{link.input}")
    if out_kind == "data":
        source_type, target_type = out_ports.output_type(link.output), in_ports.input_type(link.input)
        assert source_type is not None and target_type is not None
        if not compatible(source_type, target_type):
            raise SocketMismatch(f"type mismatch: {source.name}.{link.output} is {source_type.value}, "
                                 f"{target.name}.{link.input} takes {target_type.value}", source.id, target.id)
        if loops and source_spec.kind == "pure" and target_spec.kind == "pure" and _reaches(graph, registry, link):
            raise LinkError(f"connecting {source.name!r} to {target.name!r} would make a data loop")
    return LinkInfo(out_kind)


def _ports_of(node: Node, spec: NodeSpec, project: Project, graph: Graph, cache: dict[str, Ports]) -> Ports:
    found = cache.get(node.id)
    if found is None:
        found = cache[node.id] = node_ports(node, spec, project, graph)
    return found


def _socket_kind(ports: Ports, name: str, output: bool) -> str | None:
    pulse, data = (ports.pulse_out, ports.outputs) if output else (ports.pulse_in, ports.inputs)
    if name in pulse:
        return "pulse"
    if any(n == name for n, _ in data):
        return "data"
    return None


def _reaches(graph: Graph, registry: Registry, link: Link) -> bool:
    """Whether data already flows from link.target to link.source through pure nodes (one pass over
    the links, then a walk: linear in the graph's size)."""
    feeds = _pure_feeds(graph, registry)
    seen, stack = set(), [link.target]
    while stack:
        node_id = stack.pop()
        if node_id == link.source:
            return True
        if node_id not in seen:
            seen.add(node_id)
            stack.extend(feeds.get(node_id, ()))
    return False


def _pure_feeds(graph: Graph, registry: Registry) -> dict[str, list[str]]:
    """For each node, the pure nodes its data outputs feed."""
    pure = _pure_ids(graph, registry)
    feeds: dict[str, list[str]] = {}
    for other in graph.links:
        if other.target in pure:
            feeds.setdefault(other.source, []).append(other.target)
    return feeds


def _pure_ids(graph: Graph, registry: Registry) -> set[str]:
    return {node_id for node_id, node in graph.nodes.items()
            if (spec := registry.spec(node.type)) is not None and spec.kind == "pure"}


def data_loop(graph: Graph, registry: Registry) -> Link | None:
    """A link between pure nodes that closes a data loop, if `graph` has one (a file written by hand
    can); None if not. Linear: a topological sort (Kahn's) of the pure nodes."""
    pure = _pure_ids(graph, registry)
    inner = [k for k in graph.links if k.source in pure and k.target in pure]
    waiting = dict.fromkeys(pure, 0)
    feeds: dict[str, list[str]] = {}
    for link in inner:
        waiting[link.target] += 1
        feeds.setdefault(link.source, []).append(link.target)
    ready = [node_id for node_id, count in waiting.items() if count == 0]
    while ready:
        for target in feeds.get(ready.pop(), ()):
            waiting[target] -= 1
            if waiting[target] == 0:
                ready.append(target)
    return next((k for k in inner if waiting[k.source] and waiting[k.target]), None)


def displaced_links(graph: Graph, link: Link, kind: str | None) -> list[Link]:
    """Existing links that `link` replaces: the one on its pulse output, or on its data input."""
    if kind == "pulse":
        return [o for o in graph.links_from(link.source, link.output) if o != link]
    if kind == "data":
        return [o for o in graph.links_into(link.target, link.input) if o != link]
    return []
