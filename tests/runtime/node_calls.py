"""Calls one node's behaviour directly, on a real compiled instance: fast enough for property tests.

`node(type_id, **attributes)` compiles a one-node graph in a real Engine (setup included) and
returns a callable: ``call(*inputs)`` gives what the node outputs, as a tuple in output order (a
pure node's return value, or an action's outputs after it ran).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from graph_builder import Builder

from runtime.engine.engine import Engine, GraphRun
from runtime.engine.instance import NodeInstance


def instance(type_id: str, **attributes: Any) -> NodeInstance:
    """A compiled, set-up instance of `type_id` alone on a graph (its inputs unconnected)."""
    b = Builder()
    b.node("x", type_id, **attributes)
    return GraphRun(Engine(b.project), b.graph, "test").instances["x"]


def node(type_id: str, **attributes: Any) -> Callable[..., tuple[Any, ...]]:
    return node_of(instance(type_id, **attributes))


def node_of(inst: NodeInstance) -> Callable[..., tuple[Any, ...]]:
    """``call(*inputs)`` for an instance from `instance` (see the module docstring)."""
    names = [name for name, _ in inst.ports.outputs]

    def call(*inputs: Any) -> tuple[Any, ...]:
        result = inst.fn(inst, *inputs)
        if inst.spec.kind == "pure":
            return result if len(names) > 1 else (result,)
        return tuple(inst.out[name] for name in names)

    return call


def one(type_id: str, *inputs: Any, **attributes: Any) -> Any:
    """The first output of `type_id` for `inputs`."""
    return node(type_id, **attributes)(*inputs)[0]
