"""Functions: graphs with named inputs and outputs, called from other graphs.

Each call runs in a frame of its own (a compiled copy of the function graph), so recursion and
concurrent calls never share state; frames are reused once a call is over.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from runtime.engine.instance import NodeInstance
from runtime.model import Graph, Node
from runtime.specs import Attribute, AttrKind, NodeSpec, PortEnv, Ports, Scope

_FUNCTION_ONLY = frozenset({Scope.FUNCTION})


def signature(graph: Graph | None, kind: Scope) -> tuple[tuple, tuple]:
    """The typed (inputs, outputs) of `graph` if it is a graph of `kind` (a function, a prefab), else none."""
    if graph is None or graph.kind is not kind:
        return (), ()
    return tuple((p.name, p.type) for p in graph.inputs), tuple((p.name, p.type) for p in graph.outputs)


def _call_ports(node: Node, env: PortEnv) -> Ports:
    inputs, outputs = signature(env.project.graphs.get(str(node.attributes.get("Function", ""))), Scope.FUNCTION)
    return Ports(inputs=inputs, outputs=outputs)


def entry_ports(kind: Scope) -> Callable[[Node, PortEnv], Ports]:
    """The ports of a graph's entry node (Function Input, Prefab Input): one output per input of the graph."""
    return lambda node, env: Ports(outputs=signature(env.graph, kind)[0])


def exit_ports(kind: Scope) -> Callable[[Node, PortEnv], Ports]:
    """The ports of a graph's exit node (Function Output, Prefab Output): one input per output of the graph."""
    return lambda node, env: Ports(inputs=signature(env.graph, kind)[1])


def _call(ctx: NodeInstance, *args: Any) -> Awaitable[None] | None:
    graph_id = ctx.attrs["Function"]
    graph = ctx.engine.project.graphs.get(graph_id)
    if graph is None or graph.kind is not Scope.FUNCTION:
        raise LookupError(f"there is no function with id {graph_id!r}")
    frame = ctx.engine.acquire_frame(graph_id, ctx)
    if frame.entry is None:
        ctx.engine.release_frame(frame)
        raise LookupError(f"function {graph.name!r} has no Function Input node")
    frame.entry.out.update(zip([p.name for p in graph.inputs], args, strict=True))
    pending = ctx.engine.runner.fire_branch((frame.entry, ""))
    if pending is None:
        _return(ctx, frame)
        return None
    return _return_later(ctx, frame, pending)


def _return(ctx: NodeInstance, frame: Any) -> None:
    ctx.out.update(frame.result)
    ctx.engine.release_frame(frame)


async def _return_later(ctx: NodeInstance, frame: Any, pending: Awaitable[None]) -> None:
    try:
        await pending
    finally:
        _return(ctx, frame)


def register_entry(ctx: NodeInstance) -> None:
    """Setup of an entry node: the graph run's callers start their branch here."""
    ctx.run.entry = ctx


def store_result(ctx: NodeInstance, *values: Any) -> None:
    """Run of an exit node: keeps the values for the caller, which reads them once the branch is over."""
    ctx.run.result = dict(zip([name for name, _ in ctx.ports.inputs], values, strict=True))


SPECS = (
    NodeSpec(
        "logic.function_call", "Function", ("Functions",),
        "Calls a function with its inputs and continues, with its outputs, once it has returned.",
        attributes=(Attribute("Function", AttrKind.FUNCTION, "", description="The function to call."),),
        extra_ports=_call_ports, run=_call,
    ),
    NodeSpec(
        "logic.function_input", "Function Input", ("Functions",),
        "Where a function starts; outputs the values it was called with.",
        kind="event", scopes=_FUNCTION_ONLY, extra_ports=entry_ports(Scope.FUNCTION), setup=register_entry,
    ),
    NodeSpec(
        "logic.function_output", "Function Output", ("Functions",),
        "Returns from the function with these values.",
        pulse_out=(), scopes=_FUNCTION_ONLY, extra_ports=exit_ports(Scope.FUNCTION), run=store_result,
    ),
)
