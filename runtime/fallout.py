"""What a change to a project's declarations leaves behind on the nodes whose sockets follow them.

Some nodes take sockets from elsewhere in the project (their spec's `extra_ports`): a Function
node has its function's inputs and outputs, a Prefab node its prefab's, a Function or Prefab
Input/Output node its own graph's. When such a declaration changes (a parameter removed, retyped
or renamed; the function deleted; the instance removed), connections on sockets that are gone or no
longer fit, and the stored values of inputs that are gone, would stay behind; a saved file would
then not open again. `fallout_if` (and `signature_fallout`, `attribute_fallout`) find them before
the change, on a shallow copy of the project that shows it; the editor removes them first, within
the change's undo step (editor/edits/). `derived_ports` and `fallout` are the two halves: sockets
before, what no longer fits after.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace
from typing import Any

from runtime.model import Graph, Link, Param, Project
from runtime.ports import node_ports
from runtime.registry import Registry
from runtime.rules import LinkError, check_link
from runtime.specs import Ports

#: A node by (graph id, node id).
NodeKey = tuple[str, str]


@dataclass
class Fallout:
    """Nodes whose sockets changed, and what of theirs no longer fits.

    `links`: graph id -> its connections that no longer fit (a socket gone, or a type that no longer
    matches), in graph order. `values`: node -> names of stored input values whose input is gone.
    """

    changed: list[NodeKey] = field(default_factory=list)
    links: dict[str, list[Link]] = field(default_factory=dict)
    values: dict[NodeKey, list[str]] = field(default_factory=dict)


def derived_ports(project: Project, registry: Registry) -> dict[NodeKey, Ports]:
    """The resolved sockets of every node whose sockets depend on the project."""
    found = {}
    for graph, node in project.iter_nodes():
        spec = registry.spec(node.type)
        if spec is not None and spec.extra_ports is not None:
            found[(graph.id, node.id)] = node_ports(node, spec, project, graph)
    return found


def fallout(project: Project, registry: Registry, before: dict[NodeKey, Ports]) -> Fallout:
    """What no longer fits on the nodes whose sockets differ from `before` (a `derived_ports` result).

    One pass over each concerned graph's links, each node's sockets resolved once: linear in size."""
    result = Fallout()
    changed: dict[str, set[str]] = {}
    for key, old in before.items():
        graph = project.graphs.get(key[0])
        node = graph.nodes.get(key[1]) if graph is not None else None
        spec = registry.spec(node.type) if node is not None else None
        if graph is None or node is None or spec is None:
            continue
        new = node_ports(node, spec, project, graph)
        if new == old:
            continue
        result.changed.append(key)
        changed.setdefault(graph.id, set()).add(node.id)
        kept = {name for name, _ in new.inputs} | {a.name for a in spec.all_attributes}
        gone = [name for name, _ in old.inputs if name not in kept and name in node.attributes]
        if gone:
            result.values[key] = gone
    for graph_id, node_ids in changed.items():
        graph, ports = project.graphs[graph_id], {}
        broken = [k for k in graph.links if (k.source in node_ids or k.target in node_ids)
                  and not _fits(project, registry, graph, k, ports)]
        if broken:
            result.links[graph_id] = broken
    return result


def _fits(project: Project, registry: Registry, graph: Graph, link: Link, ports: dict[str, Ports]) -> bool:
    try:
        check_link(project, graph, link, registry, loops=False, ports=ports)
    except LinkError:
        return False
    return True


def fallout_if(project: Project, registry: Registry, graph_id: str, replacement: Graph | None,
               before: dict[NodeKey, Ports] | None = None) -> Fallout:
    """What replacing graph `graph_id` by `replacement` (None: deleting it) would leave behind, found
    before the change on a shallow copy of the project (nothing is changed), so that an edit can
    remove it first and no view ever shows a wire on a socket that is gone. `before`: the nodes to
    look at (by default every node whose sockets depend on the project)."""
    before = derived_ports(project, registry) if before is None else before
    graphs = dict(project.graphs)
    if replacement is None:
        del graphs[graph_id]
    else:
        graphs[graph_id] = replacement
    changed = copy.copy(project)
    changed.graphs = graphs
    return fallout(changed, registry, before)


def signature_fallout(project: Project, registry: Registry, graph_id: str, inputs: list[Param],
                      outputs: list[Param]) -> Fallout:
    """What giving graph `graph_id` these inputs and outputs would leave behind (see `fallout_if`)."""
    graph = copy.copy(project.graphs[graph_id])
    graph.inputs, graph.outputs = list(inputs), list(outputs)
    return fallout_if(project, registry, graph_id, graph)


def attribute_fallout(project: Project, registry: Registry, graph_id: str, node_id: str, name: str,
                      value: Any) -> Fallout:
    """What setting one attribute of a node would leave behind on it (a Function node pointed at
    another function, a Prefab node at another instance, a smaller socket count), found before the change."""
    graph = project.graphs[graph_id]
    node = graph.nodes[node_id]
    spec = registry.spec(node.type)
    if spec is None or spec.extra_ports is None:
        return Fallout()  # fixed sockets never go (a type taken from an attribute is checked after the change)
    changed = copy.copy(graph)
    changed.nodes = {**graph.nodes, node_id: replace(node, attributes={**node.attributes, name: value})}
    before = {(graph_id, node_id): node_ports(node, spec, project, graph)}
    return fallout_if(project, registry, graph_id, changed, before)
