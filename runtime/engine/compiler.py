"""Turns one graph of the model into runnable NodeInstances: wired pulse targets and input getters.

Getters are small closures chosen once per input: a constant (the attribute value), the stored
output of an action or event node, or an on-demand evaluation of a pure node. Each instance has two
sets: `getters` (bound into `call`, the fast path) and `traced_getters`, used while a trace hook is
armed, which also report each pure evaluation to it. Both exist from the start, so a debugger can
arm and disarm itself at any time during a run.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from runtime.engine.instance import NodeInstance
from runtime.ports import node_ports
from runtime.specs import Ports
from runtime.types import default_value

if TYPE_CHECKING:
    from runtime.engine.engine import GraphRun

Getter = Callable[[], Any]


def failing_instance(error: BaseException) -> NodeInstance | None:
    """The innermost node whose behaviour raised `error`, found from the traceback: the innermost
    frame whose first argument is a NodeInstance (a behaviour's `ctx`).

    Pure nodes are evaluated inside their consumer's call; looking this up only when an error
    happens keeps the hot path free of bookkeeping.
    """
    found = None
    trace = error.__traceback__
    while trace is not None:
        code = trace.tb_frame.f_code
        if code.co_argcount:
            first = trace.tb_frame.f_locals.get(code.co_varnames[0])
            if isinstance(first, NodeInstance):
                found = first
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
    _mark_loop_heads(instances)
    data_links = {(k.target, k.input): k for k in graph.links}
    wiring = _Wiring(instances, data_links, _shared_pure_nodes(instances, graph.links), engine.pull_serial)
    for inst in instances.values():
        wiring.wire(inst)
        if inst.ports.pulse_out:
            inst.default_next = inst.next.get(inst.ports.pulse_out[0])
    return instances


def _mark_loop_heads(instances: dict[str, NodeInstance]) -> None:
    """Marks the nodes that pulse links come back to (the targets of a depth-first search's back
    edges): every pulse cycle passes one, where the interpreter counts the rounds (see interpreter)."""
    state: dict[str, int] = {}  # 1: on the search's path, 2: done
    for root in instances.values():
        if root.id in state:
            continue
        state[root.id] = 1
        path = [(root, iter(list(root.next.values())))]
        while path:
            node, targets = path[-1]
            for target, _ in targets:
                seen = state.get(target.id)
                if seen == 1:
                    target.loop_head = target.skip = True
                elif seen is None:
                    state[target.id] = 1
                    path.append((target, iter(list(target.next.values()))))
                    break
            else:
                state[node.id] = 2
                path.pop()


def _shared_pure_nodes(instances: dict[str, NodeInstance], links: list) -> set[str]:
    """Pure nodes whose outputs feed more than one input: these are evaluated once per pulse and shared."""
    fanout: dict[str, int] = {}
    for link in links:
        source = instances.get(link.source)
        if source is not None and source.spec is not None and source.spec.kind == "pure":
            fanout[link.source] = fanout.get(link.source, 0) + 1
    return {node_id for node_id, count in fanout.items() if count > 1}


class _Wiring:
    """Builds every instance's input getters and bound calls, pure sources first.

    "Once per pulse": a pure node that feeds several inputs is evaluated at most once each time a
    node that needs it runs. Its getter keeps the value with the engine's pull serial; the first
    getter of every node that (even indirectly) pulls from such a node moves the serial on. Nodes
    with no shared pure node upstream pay nothing for this.
    """

    def __init__(self, instances: dict[str, NodeInstance], data_links: dict, shared: set[str],
                 serial: list[int]) -> None:
        self.instances, self.data_links, self.shared, self.serial = instances, data_links, shared, serial
        self.done: set[str] = set()
        self.needs_serial: set[str] = set()  # nodes with a shared pure node upstream
        self.memo: dict[str, tuple[Getter, Getter]] = {}  # shared node id -> (evaluate, traced evaluate)

    def wire(self, inst: NodeInstance) -> None:
        """Wires `inst` and, first, every pure node it pulls from: depth first with a stack of our
        own, so that a chain of thousands of pure nodes wires as well as a short one."""
        stack, opened = [inst], set()
        while stack:
            node = stack[-1]
            if node.id in self.done:
                stack.pop()
                continue
            waiting = [] if node.id in opened else [s for s in self.pure_sources(node)
                                                    if s.id not in self.done and s.id not in opened]
            opened.add(node.id)
            if waiting:
                stack.extend(waiting)
            else:
                stack.pop()
                self.wire_one(node)

    def pure_sources(self, inst: NodeInstance) -> list[NodeInstance]:
        sources = []
        for name, _ in inst.ports.inputs:
            link = self.data_links.get((inst.id, name))
            source = self.instances.get(link.source) if link else None
            if source is not None and source.spec is not None and source.spec.kind == "pure":
                sources.append(source)
        return sources

    def wire_one(self, inst: NodeInstance) -> None:
        """Sets `inst.getters`, `inst.traced_getters`, `inst.call` and `inst.traced_call`; its pure
        sources are wired already."""
        getters, traced = [], []
        constants: list[Any] = []  # per input: its value if it is a plain constant, else PULLED
        for name, data_type in inst.ports.inputs:
            link = self.data_links.get((inst.id, name))
            source = self.instances.get(link.source) if link else None
            if source is None or source.spec is None:
                value = inst.attrs.get(name)
                value = default_value(data_type) if value is None else value
                getter = _constant(value)
                constants.append(PULLED if _mutable(value) else value)
            elif source.spec.kind == "pure":
                getters.append(self.pure_getter(source, link.output, traced=False))
                traced.append(self.pure_getter(source, link.output, traced=True))
                constants.append(PULLED)
                if source.id in self.shared or source.id in self.needs_serial:
                    self.needs_serial.add(inst.id)
                continue
            else:
                getter = _stored(source.out, link.output)
                constants.append(PULLED)
            getters.append(getter)
            traced.append(getter)
        if inst.id in self.needs_serial and inst.spec is not None and inst.spec.kind != "pure":
            getters[0], traced[0] = self.advancing(getters[0]), self.advancing(traced[0])
            constants = [PULLED] * len(constants)
        inst.getters, inst.traced_getters = tuple(getters), tuple(traced)
        inst.call = bind_call(inst, inst.getters, constants)
        inst.traced_call = bind_call(inst, inst.traced_getters, constants)
        self.done.add(inst.id)

    def advancing(self, getter: Getter) -> Getter:
        """`getter`, moving the pull serial on first: a new pulse has reached the node."""
        serial = self.serial

        def get() -> Any:
            serial[0] += 1
            return getter()

        return get

    def pure_getter(self, source: NodeInstance, output: str, traced: bool) -> Getter:
        index = _output_index(source, output)
        if source.id not in self.shared:
            return (_traced_pure if traced else _pure)(source, output)
        if source.id not in self.memo:
            self.memo[source.id] = self.remembering(source)
        evaluate = self.memo[source.id][1 if traced else 0]
        return evaluate if index is None else lambda: evaluate()[index]

    def remembering(self, source: NodeInstance) -> tuple[Getter, Getter]:
        """Evaluations of a shared pure node that reuse the value within one pull serial."""
        serial, cell = self.serial, [-1, None]
        plain, traced = _pure(source, ""), _traced_full(source)

        def make(evaluate: Getter) -> Getter:
            def get() -> Any:
                if cell[0] != serial[0]:
                    cell[1] = evaluate()
                    cell[0] = serial[0]
                return cell[1]

            return get

        return make(plain), make(traced)


#: In `bind_call`'s constants: this input's value must be pulled through its getter.
PULLED = object()


def _mutable(value: Any) -> bool:
    return isinstance(value, (list, dict))


def _constant(value: Any) -> Getter:
    if _mutable(value):
        return lambda: copy.deepcopy(value)  # a node must never change the attribute itself
    return lambda: value


def _stored(outputs: dict[str, Any], name: str) -> Getter:
    return lambda: outputs[name]


def bind_call(inst: NodeInstance, getters: tuple[Getter, ...], constants: list[Any]) -> Getter:
    """``fn(inst, *inputs)`` as one callable, the interpreter's hot call: a partial when the inputs
    are all plain constants (or there are none), else a closure unrolled for one or two inputs, or for
    more when only the first is pulled (Get Dictionary Element's Key and Default), that pulls only
    what is not constant. `constants` has, per input, its value or PULLED."""
    fn = inst.fn
    if PULLED not in constants:
        return partial(fn, inst, *constants)
    if len(getters) == 1:
        (first,) = getters
        return lambda: fn(inst, first())
    if len(getters) == 2:
        first, second = getters
        a, b = constants
        if a is not PULLED:
            return lambda: fn(inst, a, second())
        if b is not PULLED:
            return lambda: fn(inst, first(), b)
        return lambda: fn(inst, first(), second())
    first, rest = getters[0], tuple(constants[1:])
    if PULLED not in rest:
        return lambda: fn(inst, first(), *rest)
    return lambda: fn(inst, *[get() for get in getters])


def _output_index(source: NodeInstance, output: str) -> int | None:
    names = [n for n, _ in source.ports.outputs]
    return names.index(output) if len(names) > 1 else None


def _pure(source: NodeInstance, output: str) -> Getter:
    """Evaluates `source` on demand; for several outputs, picks `output` from its tuple ("" = all)."""
    evaluate = source.call
    index = _output_index(source, output) if output else None
    return evaluate if index is None else lambda: evaluate()[index]


def _traced_full(source: NodeInstance) -> Getter:
    """The whole value of `source` (a tuple for several outputs), reported to the hook if armed."""
    engine, evaluate = source.engine, source.traced_call

    def traced() -> Any:
        value = evaluate()
        hook = engine.hook
        if hook is not None:
            hook.node_evaluated(source, value)
        return value

    return traced


def _traced_pure(source: NodeInstance, output: str) -> Getter:
    """Like `_pure`, through `traced_getters`, and reports the value to the engine's hook if armed."""
    engine, evaluate, index = source.engine, source.traced_call, _output_index(source, output)

    def traced() -> Any:
        value = evaluate()
        hook = engine.hook
        if hook is not None:
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
