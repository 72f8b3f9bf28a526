"""Which graph a node opens on a double-click: a Function node its function, a Prefab node the prefab of
the instance it runs (Incari opens a prefab's logic from its Prefab node this way)."""

from __future__ import annotations

from runtime.model import Graph, Node, Project
from runtime.registry import Registry
from runtime.specs import AttrKind


def graph_opened_by(node: Node, graph: Graph, project: Project, registry: Registry) -> str | None:
    """The id of the graph `node` (placed in `graph`) refers to, if it refers to one that exists."""
    spec = registry.spec(node.type)
    for attribute in spec.attributes if spec is not None else ():
        value = node.attributes.get(attribute.name)
        if attribute.kind is AttrKind.FUNCTION and value in project.graphs:
            return str(value)
        if attribute.kind is AttrKind.INSTANCE:
            instance = next((i for i in graph.instances if i.name == value), None)
            if instance is not None and instance.prefab in project.graphs:
                return instance.prefab
    return None
