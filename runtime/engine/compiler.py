"""Turns one graph of the model into runnable NodeInstances: wired pulse targets and input getters.

Getters are small closures chosen once per input: a constant (the attribute value), the stored
output of an action or event node, or an on-demand evaluation of a pure node.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from runtime.engine.instance import NodeInstance
from runtime.ports import node_ports
from runtime.specs import Ports
from runtime.types import default_value

if TYPE_CHECKING:
    from runtime.engine.engine import GraphRun

Getter = Callable[[], Any]


def failing_instance(error: BaseException) -> NodeInstance | None:
    """The innermost node whose behaviour raised `error`, found from the traceback.

    Pure nodes are evaluated inside their consumer's call; looking this up only when an error
    happens keeps the hot path free of bookkeeping.
    """
    found = None
    trace = error.__traceback__
    while trace is not None:
        if trace.tb_frame.f_code in _CALL_CODES:
            found = trace.tb_frame.f_locals.get("inst", found)
        trace = trace.tb_next
    return found


def compile_graph(run: GraphRun) -> dict[str, NodeInstance]:
    """Instances for every node of `run.graph`, wired; placeholders for nodes that cannot run."""
    engine, graph = run.engine, run.graph
    instances: dict[str, NodeInstance] = {}
    for node in graph.nodes.values():
        spec = engine.registry.live_spec(node.type, engine.project)
        ports = node_ports(node, spec, engine.project, graph) if spec else Ports()
        inst = NodeInstance(node, spec, ports, run)
        if spec is None:
            inst.fn = _placeholder(engine.registry.plugin_of(node.type))
        else:
            inst.fn = spec.run or _event_entry
            if spec.kind != "pure":
                inst.out = {name: default_value(t) for name, t in ports.outputs}
        instances[node.id] = inst
    for link in graph.links:
        source, target = instances.get(link.source), instances.get(link.target)
        if source is not None and target is not None and link.output in source.ports.pulse_out:
            source.next[link.output] = (target, link.input)
    data_links = {(k.target, k.input): k for k in graph.links}
    built: dict[str, tuple[Getter, ...]] = {}
    for inst in instances.values():
        inst.getters = _getters(inst, instances, data_links, built)
        inst.call = bind_call(inst)
        if inst.ports.pulse_out:
            inst.default_next = inst.next.get(inst.ports.pulse_out[0])
    return instances


def _getters(inst: NodeInstance, instances: dict[str, NodeInstance], data_links: dict,
             built: dict[str, tuple[Getter, ...]]) -> tuple[Getter, ...]:
    if inst.id in built:
        return built[inst.id]
    getters = []
    for name, data_type in inst.ports.inputs:
        link = data_links.get((inst.id, name))
        source = instances.get(link.source) if link else None
        if source is None or source.spec is None:
            value = inst.attrs.get(name)
            getters.append(_constant(default_value(data_type) if value is None else value))
        elif source.spec.kind == "pure":
            source.getters = _getters(source, instances, data_links, built)
            getters.append(_pure(source, link.output))
        else:
            getters.append(_stored(source.out, link.output))
    built[inst.id] = tuple(getters)
    return built[inst.id]


def _constant(value: Any) -> Getter:
    if isinstance(value, (list, dict)):
        return lambda: copy.deepcopy(value)  # a node must never change the attribute itself
    return lambda: value


def _stored(outputs: dict[str, Any], name: str) -> Getter:
    return lambda: outputs[name]


def bind_call(inst: NodeInstance) -> Getter:
    """``fn(inst, *inputs)`` as one closure, unrolled for few inputs (the interpreter's hot call)."""
    fn, getters = inst.fn, inst.getters
    if len(getters) == 0:
        return lambda: fn(inst)
    if len(getters) == 1:
        (first,) = getters
        return lambda: fn(inst, first())
    if len(getters) == 2:
        first, second = getters
        return lambda: fn(inst, first(), second())
    return lambda: fn(inst, *[get() for get in getters])


_CALL_CODES = frozenset(const for const in bind_call.__code__.co_consts if hasattr(const, "co_name"))


def _pure(source: NodeInstance, output: str) -> Getter:
    """Evaluates `source` on demand; for several outputs, picks `output` from its tuple."""
    evaluate = bind_call(source)
    names = [n for n, _ in source.ports.outputs]
    index = names.index(output) if len(names) > 1 else None
    hook = source.engine.hook
    if hook is None:
        return evaluate if index is None else lambda: evaluate()[index]

    def traced() -> Any:
        value = evaluate()
        hook.node_evaluated(source, value)
        return value if index is None else value[index]

    return traced


def _event_entry(ctx: NodeInstance) -> None:
    """An event node, when fired, only passes the pulse on."""
    return None


def _placeholder(plugin: Any) -> Callable[[NodeInstance], None]:
    why = f"its plugin {plugin.name!r} is deactivated" if plugin else "its node type is unknown"

    def warn(ctx: NodeInstance) -> None:
        ctx.warn(f"skipped: {ctx.node.type} cannot run because {why}")
        ctx.default_next = None

    return warn
