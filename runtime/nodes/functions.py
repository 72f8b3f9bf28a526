"""Functions: graphs with named inputs and outputs, called from other graphs.

Each call runs in a frame of its own (a compiled copy of the function graph), so recursion and
concurrent calls never share state; frames are reused once a call is over.
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Any

from runtime.engine.instance import NodeInstance
from runtime.model import Node
from runtime.specs import Attribute, AttrKind, NodeSpec, PortEnv, Ports, Scope

_FUNCTION_ONLY = frozenset({Scope.FUNCTION})


def _signature(node: Node, env: PortEnv, graph_id: str | None) -> tuple[tuple, tuple]:
    graph = env.project.graphs.get(graph_id) if graph_id else env.graph
    if graph is None or graph.kind is not Scope.FUNCTION:
        return (), ()
    return tuple((p.name, p.type) for p in graph.inputs), tuple((p.name, p.type) for p in graph.outputs)


def _call_ports(node: Node, env: PortEnv) -> Ports:
    inputs, outputs = _signature(node, env, str(node.attributes.get("Function", "")))
    return Ports(inputs=inputs, outputs=outputs)


def _input_ports(node: Node, env: PortEnv) -> Ports:
    return Ports(outputs=_signature(node, env, None)[0])


def _output_ports(node: Node, env: PortEnv) -> Ports:
    return Ports(inputs=_signature(node, env, None)[1])


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


def _register_entry(ctx: NodeInstance) -> None:
    ctx.run.entry = ctx


def _function_output(ctx: NodeInstance, *values: Any) -> None:
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
        kind="event", scopes=_FUNCTION_ONLY, extra_ports=_input_ports, setup=_register_entry,
    ),
    NodeSpec(
        "logic.function_output", "Function Output", ("Functions",),
        "Returns from the function with these values.",
        pulse_out=(), scopes=_FUNCTION_ONLY, extra_ports=_output_ports, run=_function_output,
    ),
)
