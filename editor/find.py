"""Find in graph: which nodes of the project match a text, and what of them matched.

A node matches by its name, its type (name or id), an attribute's value or the variable it
refers to, case-insensitively. The Find panel (Ctrl+F) lists the hits of every graph; the
Explorer's filter uses the same `node_texts`, so both find the same nodes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from editor.logic_tabs import KIND_ORDER
from runtime.model import Node, Project
from runtime.registry import Registry
from runtime.specs import AttrKind, NodeSpec


@dataclass(frozen=True)
class Hit:
    """One node that matched: where it is, and what matched (e.g. ``type: Branch``, ``Message = hello``)."""

    graph_id: str
    graph_name: str
    node_id: str
    node_name: str
    matched: str


def _shown(value: Any) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(map(_shown, value))
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_shown(v)}" for k, v in value.items())
    return str(value)


def node_texts(node: Node, spec: NodeSpec | None) -> Iterator[tuple[str, str]]:
    """(what, text) pairs a search looks in, in the order a hit reports them: name, type, attributes."""
    yield "name", node.name
    yield "type", spec.name if spec is not None else node.type
    yield "type id", node.type
    kinds = {a.name: a.kind for a in spec.attributes} if spec is not None else {}
    for name, value in node.attributes.items():
        if value in (None, "", [], {}):
            continue
        text = _shown(value)
        yield ("variable" if kinds.get(name) is AttrKind.VARIABLE else name), text


def match(node: Node, spec: NodeSpec | None, needle: str) -> str | None:
    """What of `node` contains `needle` (lower case), said for a results list; None: nothing does."""
    for what, text in node_texts(node, spec):
        if needle in text.lower():
            return "name" if what == "name" else f"{what}: {text}" if what in ("type", "type id", "variable") \
                else f"{what} = {text}"
    return None


def find_in_project(project: Project, registry: Registry, text: str) -> list[Hit]:
    """Every matching node of every graph: graphs in tab order, nodes top to bottom, then left to right."""
    needle = text.strip().lower()
    if not needle:
        return []
    order = list(project.graphs)
    graphs = sorted(project.graphs.values(), key=lambda g: (KIND_ORDER.index(g.kind), order.index(g.id)))
    hits = []
    for graph in graphs:
        for node in sorted(graph.nodes.values(), key=lambda n: (n.position[1], n.position[0])):
            matched = match(node, registry.spec(node.type), needle)
            if matched is not None:
                hits.append(Hit(graph.id, graph.name, node.id, node.name, matched))
    return hits
