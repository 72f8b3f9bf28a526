"""Connection rules, one check for the loader, the editor's drag and programmatic edits alike.

- pulse connects to pulse, data to data; data types must match (ANY matches all);
- an output connects to an input, never a node to itself;
- a pulse output and a data input take one connection each (the editor replaces the old one,
  the loader reports a file that has two);
- pure nodes must not feed themselves through data links (it could never be evaluated).
"""

from __future__ import annotations

from dataclasses import dataclass

from runtime.model import Graph, Link, Project
from runtime.ports import node_ports
from runtime.registry import Registry
from runtime.specs import Ports
from runtime.types import compatible


@dataclass(frozen=True)
class LinkInfo:
    """What a link joins: ``pulse`` or ``data``; None when an end is a node of unknown type."""

    kind: str | None


class LinkError(ValueError):
    """A connection that breaks a rule; the message says which, in the user's words."""


def check_link(project: Project, graph: Graph, link: Link, registry: Registry) -> LinkInfo:
    """Raises LinkError when `link` may not exist in `graph`; capacity is checked separately."""
    source, target = graph.nodes.get(link.source), graph.nodes.get(link.target)
    if source is None or target is None:
        missing = link.source if source is None else link.target
        raise LinkError(f"connection refers to node {missing!r}, which is not in graph {graph.name!r}")
    if link.source == link.target:
        raise LinkError(f"{source.name!r} cannot be connected to itself")
    source_spec, target_spec = registry.spec(source.type), registry.spec(target.type)
    if source_spec is None or target_spec is None:
        return LinkInfo(None)  # a placeholder of an unknown type: kept as it was written
    out_ports = node_ports(source, source_spec, project, graph)
    in_ports = node_ports(target, target_spec, project, graph)
    out_kind = _socket_kind(out_ports, link.output, output=True)
    in_kind = _socket_kind(in_ports, link.input, output=False)
    if out_kind is None:
        raise LinkError(f"{source.name!r} has no output {link.output!r}")
    if in_kind is None:
        raise LinkError(f"{target.name!r} has no input {link.input!r}")
    if out_kind != in_kind:
        raise LinkError(f"cannot connect {out_kind} output {source.name}.{link.output} "
                        f"to {in_kind} input {target.name}.{link.input}")
    if out_kind == "data":
        source_type, target_type = out_ports.output_type(link.output), in_ports.input_type(link.input)
        assert source_type is not None and target_type is not None
        if not compatible(source_type, target_type):
            raise LinkError(f"type mismatch: {source.name}.{link.output} is {source_type.value}, "
                            f"{target.name}.{link.input} takes {target_type.value}")
        if source_spec.kind == "pure" and target_spec.kind == "pure" and _reaches(graph, registry, link):
            raise LinkError(f"connecting {source.name!r} to {target.name!r} would make a data loop")
    return LinkInfo(out_kind)


def _socket_kind(ports: Ports, name: str, output: bool) -> str | None:
    pulse, data = (ports.pulse_out, ports.outputs) if output else (ports.pulse_in, ports.inputs)
    if name in pulse:
        return "pulse"
    if any(n == name for n, _ in data):
        return "data"
    return None


def _reaches(graph: Graph, registry: Registry, link: Link) -> bool:
    """Whether data already flows from link.target to link.source through pure nodes."""
    seen, stack = set(), [link.target]
    while stack:
        node_id = stack.pop()
        if node_id == link.source:
            return True
        if node_id in seen:
            continue
        seen.add(node_id)
        for other in graph.links:
            if other.source == node_id:
                spec = registry.spec(graph.nodes[other.target].type) if other.target in graph.nodes else None
                if spec is not None and spec.kind == "pure":
                    stack.append(other.target)
    return False


def displaced_links(graph: Graph, link: Link, kind: str | None) -> list[Link]:
    """Existing links that `link` replaces: the one on its pulse output, or on its data input."""
    if kind == "pulse":
        return [o for o in graph.links_from(link.source, link.output) if o != link]
    if kind == "data":
        return [o for o in graph.links_into(link.target, link.input) if o != link]
    return []
