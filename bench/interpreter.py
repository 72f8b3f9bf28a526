"""Interpreter speed: node executions per second for two graphs, against plain Python and ryvencore.

    .venv/bin/python bench/interpreter.py [--quick]

(a) a For Loop whose body is Set Variable(Add(Get Variable, 1)): 3 node executions per iteration
    (Set Variable, Add, Get Variable) plus the For Loop once;
(b) a chain of 50 Set Variable nodes with constant inputs behind a Custom Event Listener, fired by
    ``engine.emit`` in bursts of 100 with a turn of the event loop between bursts (as events arrive):
    50 node executions per trigger (the listener is not counted);
(c) telemetry: a JSON text message -> JSON Parse -> Get Dictionary Element (state, speed) -> Is Greater
    Equal and Switch -> Set Variable, fired by the bench (a Custom Event with a Message parameter, and
    the real On Socket.IO Receive fed at its connection's inbox: no socket, which would measure itself),
    against plain Python doing the same with json.loads and dict access.

Every figure is the best of a few repetitions (time.perf_counter, gc disabled while timing, for
every contender alike); the CPU column (time.process_time, also best of) is steadier on a busy
machine. ryvencore runs a smaller N (its cost per execution does not depend on N) to keep the
whole bench near a minute. Prints figures and never asserts: it is not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import platform
import time
from collections.abc import Callable
from functools import partial
from itertools import cycle
from typing import Any

import _paths  # noqa: F401 - first: keeps bench/socketio.py from hiding the socketio package

from runtime.engine.debugger import Debugger
from runtime.engine.engine import Engine
from runtime.model import CustomEvent, Link, Node, Param, Project, Variable
from runtime.plugins.socketio import topics as socketio_topics
from runtime.plugins.socketio.settings import SECTION as SOCKETIO_SETTINGS
from runtime.registry import default_registry
from runtime.types import DataType

CHAIN = 50
BURST = 100  # triggers emitted between two turns of the event loop
TARGET_RATE = 1_000_000
TARGET_RATIO = 5.0


# --- timing ----------------------------------------------------------------------------------------
Timing = tuple[float, float]  # best wall-clock seconds, best CPU seconds


def best_seconds(work: Callable[[], Any], repeats: int, prepare: Callable[[], Any] | None = None) -> Timing:
    """The shortest of `repeats` timed runs of `work` (gc off while timing; `prepare` is not timed)."""
    best_wall = best_cpu = float("inf")
    for _ in range(repeats):
        if prepare is not None:
            prepare()
        gc.collect()
        gc.disable()
        try:
            wall, cpu = time.perf_counter(), time.process_time()
            work()
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        finally:
            gc.enable()
        best_wall, best_cpu = min(best_wall, wall), min(best_cpu, cpu)
    return best_wall, best_cpu


class Row:
    def __init__(self, label: str, executions: int, timing: Timing, check: str = "") -> None:
        self.label, self.executions, self.check = label, executions, check
        self.seconds, self.cpu_seconds = timing

    @property
    def rate(self) -> float:
        return self.executions / self.seconds

    @property
    def cpu_rate(self) -> float:
        return self.executions / max(self.cpu_seconds, 1e-9)


# --- Pulse Studio ------------------------------------------------------------------------------------
def _project() -> tuple[Project, Any]:
    project = Project.new("bench")
    project.set_plugin_active("socketio", False)  # no service: the bench measures the interpreter only
    project.set_variables([Variable("x", DataType.INT, 0)])
    graph = project.project_graph
    # A running interval keeps the run alive between timed repetitions (the engine ends a run that
    # has nothing left to do); its period is far longer than the bench.
    _node(graph, "start", "logic.on_project_start")
    _node(graph, "alive", "logic.start_interval", Seconds=1e9)
    _link(graph, "start.Out", "alive.In")
    return project, graph


def _node(graph: Any, node_id: str, type_id: str, **attributes: Any) -> None:
    values = default_registry().spec(type_id).default_attributes()
    values.update(attributes)
    graph.add_node(Node(node_id, type_id, node_id, attributes=values))


def _link(graph: Any, source: str, target: str) -> None:
    (src, out), (dst, inp) = source.split(".", 1), target.split(".", 1)
    graph.add_link(Link(src, out, dst, inp))


def loop_project(iterations: int) -> Project:
    project, graph = _project()
    _node(graph, "go", "logic.custom_event_listener", Event="loop")
    _node(graph, "loop", "logic.for_loop", **{"First Index": 1, "Last Index": iterations})
    _node(graph, "get", "logic.get_variable", Variable="x")
    _node(graph, "add", "logic.add", Type="Int", B=1)
    _node(graph, "set", "logic.set_variable", Variable="x")
    _link(graph, "go.Out", "loop.In")
    _link(graph, "loop.Loop Body", "set.In")
    _link(graph, "get.Value", "add.A")
    _link(graph, "add.Result", "set.Value")
    return project


def chain_project() -> Project:
    project, graph = _project()
    _node(graph, "go", "logic.custom_event_listener", Event="chain")
    previous = "go"
    for i in range(CHAIN):
        _node(graph, f"s{i}", "logic.set_variable", Variable="x", Value=i)
        _link(graph, f"{previous}.Out", f"s{i}.In")
        previous = f"s{i}"
    return project


#: Telemetry messages as a server sends them (JSON text), cycled: both cases, speeds both sides of 40.
MESSAGES = tuple(json.dumps({"speed": 30 + i % 20, "state": ("cruise", "climb")[i % 2],
                             "alerts": ["overheat"] * (i % 3)}) for i in range(100))
CASES = ["cruise", "climb", "descent"]
THRESHOLD = 40
#: Node executions per message: JSON Parse twice (a pure node runs once for each action node that pulls
#: it: the Switch, then the Set Variable), Get Dictionary Element x2, Is Greater Equal, Switch, Set
#: Variable. The event node is not counted, as in (b). Plain Python parses once: compare times per message.
PER_MESSAGE = 7


def telemetry_project(socketio: bool) -> Project:
    """Message -> JSON Parse -> Get Dictionary Element (state, speed) -> Is Greater Equal (speed >= 40)
    and Switch (on state) -> Set Variable alarm. A Bool cannot feed a Switch (String or Int cases), so
    the Switch takes the state string and the comparison feeds the Set Variable, as a designer wires it.

    The event is a real On Socket.IO Receive (`socketio`: its connection is never started) or a Custom
    Event Listener with a String parameter Message."""
    project, graph = _project()
    project.set_variables([Variable("x", DataType.INT, 0), Variable("alarm", DataType.BOOL, False)])
    if socketio:
        project.set_plugin_active("socketio", True)
        project.settings["socketio"] = {"entries": [SOCKETIO_SETTINGS.new_entry("bench")]}
        _node(graph, "go", "socketio.on_receive", Configuration="bench")
    else:
        project.set_events([CustomEvent("telemetry", [Param("Message", DataType.STRING)])])
        _node(graph, "go", "logic.custom_event_listener", Event="telemetry")
    _node(graph, "parse", "logic.json_parse", Type="Dictionary")
    _node(graph, "state", "logic.get_dictionary_element", Type="String", Key="state", Default="")
    _node(graph, "speed", "logic.get_dictionary_element", Type="Int", Key="speed", Default=0)
    _node(graph, "fast", "logic.is_greater_equal", Type="Int", Mode="IsGreaterEqual", B=THRESHOLD)
    _node(graph, "switch", "logic.switch", **{"Data Type": "String", "Cases": CASES})
    _node(graph, "set", "logic.set_variable", Variable="alarm")
    _link(graph, "go.Message", "parse.Input")
    _link(graph, "parse.Output", "state.Dictionary")
    _link(graph, "parse.Output", "speed.Dictionary")
    _link(graph, "speed.Value", "fast.A")
    _link(graph, "state.Value", "switch.Input")
    _link(graph, "fast.C", "set.Value")
    _link(graph, "go.Out", "switch.In")
    for case in CASES[:2]:
        _link(graph, f"switch.Case: {case}", "set.In")
    return project


def emitting_messages(engine: Engine) -> Callable[[], Any]:
    """Each trigger emits the Custom Event with the next message as its Message parameter."""
    emit, topic, values = engine.emit, ("custom", "telemetry"), cycle([{"Message": m} for m in MESSAGES]).__next__
    return lambda: emit(topic, values())


def receiving_messages(engine: Engine) -> Callable[[], Any]:
    """Each trigger hands the next message to the connection's inbox, as its socket handler does for a
    subscribed event once python-socketio has decoded the packet: no socket, no network."""
    connection = engine.services["socketio"].connections["bench"]
    put, topic = connection.inbox.put, socketio_topics.topic(socketio_topics.ON_RECEIVE, "bench")
    values = cycle([{"Namespace": "/", "Trigger Name": "telemetry", "Message": (m,)} for m in MESSAGES]).__next__
    return lambda: put(topic, values())


Sender = Callable[[Engine], Callable[[], Any]]  # on a started engine: the call that fires one trigger


def emitting(topic: tuple[str, str]) -> Sender:
    """Triggers that are ``engine.emit(topic)``."""
    return lambda engine: partial(engine.emit, topic)


def measure_ours(project: Project, send: Sender, triggers: int, repeats: int, start_value: Any,
                 hook: Any = None, variable: str = "x") -> tuple[Timing, Any]:
    """Best time for `triggers` calls of `send(engine)` on a started engine, each run to its end (a
    branch that runs longer than a time slice yields to the loop and goes on later: those turns are
    timed too); returns (timing, final value of `variable`)."""

    async def main() -> tuple[Timing, Any]:
        engine = Engine(project, hook=hook)
        keep_running = engine.spawn(asyncio.Event().wait())  # the engine stays up between the timed runs
        await engine.start()
        store, runs, trigger = engine.variables.values, list(engine.active_runs()), send(engine)
        idle = {t for run in runs for t in run.tasks}  # the keep-alive interval's task: it never ends
        best_wall = best_cpu = float("inf")
        for _ in range(repeats):
            store[variable] = start_value
            gc.collect()
            gc.disable()
            try:
                wall, cpu = time.perf_counter(), time.process_time()
                for done in range(1, triggers + 1):
                    trigger()
                    if done % BURST == 0:  # events arrive from the loop: it has a turn between bursts
                        await asyncio.sleep(0)
                while branches := [t for run in runs for t in run.tasks if t not in idle]:  # they yielded:
                    await asyncio.wait(branches)  # let them finish
                cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
            finally:
                gc.enable()
            best_wall, best_cpu = min(best_wall, wall), min(best_cpu, cpu)
        final = store[variable]
        keep_running.cancel()
        await engine.stop()
        return (best_wall, best_cpu), final

    return asyncio.run(main())


# --- plain Python ------------------------------------------------------------------------------------
def plain_loop_inline(iterations: int) -> Callable[[], Any]:
    def work() -> None:
        values = {"x": 0}
        for _ in range(1, iterations + 1):
            values["x"] = values["x"] + 1

    return work


def plain_loop_calls(iterations: int) -> Callable[[], Any]:
    values = {"x": 0}

    def get() -> Any:
        return values["x"]

    def add(a: Any, b: Any) -> Any:
        return a + b

    def set_(value: Any) -> None:
        values["x"] = value

    def work() -> None:
        values["x"] = 0
        for _ in range(1, iterations + 1):
            set_(add(get(), 1))

    return work


def plain_chain(triggers: int, calls: bool) -> Callable[[], Any]:
    """The 50 stores written out one after another (generated source), inline or one call each."""
    values = {"x": 0}

    def set_(value: Any) -> None:
        values["x"] = value

    statement = "set_({i})" if calls else "values['x'] = {i}"
    body = "\n".join("        " + statement.format(i=i) for i in range(CHAIN))
    source = f"def work():\n    for _ in range({triggers}):\n{body}\n"
    namespace: dict[str, Any] = {"values": values, "set_": set_}
    exec(compile(source, "<plain chain>", "exec"), namespace)
    return namespace["work"]


def plain_telemetry(triggers: int, variant: str) -> tuple[Callable[[], Any], dict[str, Any]]:
    """The telemetry graph's work in Python: json.loads, dict reads, >=, a case lookup, a store.
    `variant`: "inline", "calls" (one function call per node) or "loads" (json.loads alone, for scale).
    Returns the work and the dict it stores `alarm` in."""
    values, loads, text = {"alarm": False}, json.loads, cycle(MESSAGES).__next__
    cases = {case: f"Case: {case}" for case in CASES}
    wired = {f"Case: {case}" for case in CASES[:2]}

    def inline() -> None:
        for _ in range(triggers):
            data = loads(text())
            if cases.get(data.get("state", ""), "Default") in wired:
                values["alarm"] = data.get("speed", 0) >= THRESHOLD

    def parse(message: str) -> Any:
        return loads(message)

    def get(dictionary: dict, key: str, default: Any) -> Any:
        return dictionary.get(key, default)

    def greater_equal(a: Any, b: Any) -> bool:
        return a >= b

    def switch(value: Any) -> str:
        return cases.get(value, "Default")

    def set_(value: Any) -> None:
        values["alarm"] = value

    def calls() -> None:
        for _ in range(triggers):
            data = parse(text())
            if switch(get(data, "state", "")) in wired:
                set_(greater_equal(get(data, "speed", 0), THRESHOLD))

    def loads_only() -> None:
        for _ in range(triggers):
            loads(text())

    return {"inline": inline, "calls": calls, "loads": loads_only}[variant], values


# --- ryvencore 0.5, exec mode ---------------------------------------------------------------------------
def ryvencore_graphs() -> Any:
    """Real ryvencore nodes (exec and data ports) in a flow in exec mode; None if not installed."""
    try:
        import ryvencore as rc
    except ImportError:
        return None
    from ryvencore import Data, NodeInputType, NodeOutputType

    store: dict[str, Any] = {"x": 0}

    def value_of(node: Any, index: int) -> Any:
        # exec mode returns None for an unconnected data input: use its default, as our engine does
        data = node.input(index)
        return (data if data is not None else node.inputs[index].default).payload

    class Start(rc.Node):
        """Stands for the Custom Event Listener: the bench calls update() on it."""
        init_outputs = [NodeOutputType(type_="exec")]

        def update_event(self, inp: int = -1) -> None:
            self.exec_output(0)

    class ForLoop(rc.Node):
        init_inputs = [NodeInputType(type_="exec"), NodeInputType("first", default=Data(1)),
                       NodeInputType("last", default=Data(1))]
        init_outputs = [NodeOutputType("body", type_="exec"), NodeOutputType("index"),
                        NodeOutputType("completed", type_="exec")]
        fresh_data_per_iteration = True

        def update_event(self, inp: int = -1) -> None:
            executor = self.flow.executor
            for index in range(value_of(self, 1), value_of(self, 2) + 1):
                self.set_output_val(1, Data(index))
                if self.fresh_data_per_iteration:
                    # ExecFlowNaive evaluates a data node once per *execution* (its updated_nodes set);
                    # a loop is one execution, so without this the body would reuse iteration 1's values.
                    executor.updated_nodes = {self}
                self.exec_output(0)
            self.exec_output(2)

    class GetVariable(rc.Node):
        init_outputs = [NodeOutputType("value")]

        def update_event(self, inp: int = -1) -> None:
            self.set_output_val(0, Data(store["x"]))

    class Add(rc.Node):
        init_inputs = [NodeInputType("a", default=Data(0)), NodeInputType("b", default=Data(1))]
        init_outputs = [NodeOutputType("result")]

        def update_event(self, inp: int = -1) -> None:
            self.set_output_val(0, Data(value_of(self, 0) + value_of(self, 1)))

    class SetVariable(rc.Node):
        init_inputs = [NodeInputType(type_="exec"), NodeInputType("value", default=Data(0))]
        init_outputs = [NodeOutputType(type_="exec"), NodeOutputType("value")]

        def update_event(self, inp: int = -1) -> None:
            data = self.input(1)
            data = data if data is not None else self.inputs[1].default
            store["x"] = data.payload
            self.set_output_val(1, data)  # the same Data object: no allocation
            self.exec_output(0)

    session = rc.Session()
    session.register_node_types([Start, ForLoop, GetVariable, Add, SetVariable])

    def loop_flow(iterations: int, fresh: bool) -> Any:
        flow = session.create_flow(f"loop {iterations} {fresh}")
        flow.set_algorithm_mode("exec")
        start, loop, get, add, set_ = (flow.create_node(c) for c in (Start, ForLoop, GetVariable, Add, SetVariable))
        loop.inputs[2].default = Data(iterations)
        loop.fresh_data_per_iteration = fresh
        flow.connect_nodes(start.outputs[0], loop.inputs[0])
        flow.connect_nodes(loop.outputs[0], set_.inputs[0])
        flow.connect_nodes(get.outputs[0], add.inputs[0])
        flow.connect_nodes(add.outputs[0], set_.inputs[1])
        return start

    def chain_flow() -> Any:
        flow = session.create_flow("chain")
        flow.set_algorithm_mode("exec")
        start = flow.create_node(Start)
        previous = start
        for i in range(CHAIN):
            node = flow.create_node(SetVariable)
            node.inputs[1].default = Data(i)
            flow.connect_nodes(previous.outputs[0], node.inputs[0])
            previous = node
        return start

    return store, loop_flow, chain_flow


# --- report -------------------------------------------------------------------------------------------
def armed_debugger() -> Debugger:
    """A Debugger that must see every node: a breakpoint on a node that never runs."""
    return Debugger({"no-such-node"})


def _verdict(met: bool) -> str:
    return "met" if met else "MISSED"


def print_section(title: str, rows: list[Row], ours: list[Row], plain_call: Row, ryven: Row | None,
                  target: bool = True) -> None:
    print(title)
    print(f"  {'':<68} {'wall':>10} {'CPU':>10} {'best wall':>10}")
    for row in rows:
        note = ""
        if target and row is ours[-1]:
            note = (f"   target >= {TARGET_RATE / 1e6:.1f} M/s: wall {_verdict(row.rate >= TARGET_RATE)}, "
                    f"CPU {_verdict(row.cpu_rate >= TARGET_RATE)}")
        check = f"  [{row.check}]" if row.check else ""
        print(f"  {row.label:<68} {row.rate / 1e6:6.2f} M/s {row.cpu_rate / 1e6:6.2f} M/s {row.seconds:8.3f} s"
              f"{check}{note}")
    for row in ours:
        parts = [f"{row.rate / plain_call.rate:.2f}x plain-call (CPU {row.cpu_rate / plain_call.cpu_rate:.2f}x)"]
        if ryven is not None:
            wall, cpu = row.rate / ryven.rate, row.cpu_rate / ryven.cpu_rate
            parts.insert(0, f"{wall:.1f}x ryvencore (CPU {cpu:.1f}x; target >= {TARGET_RATIO:.0f}x: "
                            f"wall {_verdict(wall >= TARGET_RATIO)}, CPU {_verdict(cpu >= TARGET_RATIO)})")
        print(f"  ours / others, {row.label[len('Pulse Studio, '):]}: " + ", ".join(parts))
    print()


def bench_loop(iterations: int, ours_repeats: int, repeats: int, ryven: Any) -> None:
    executions = 3 * iterations + 1
    project, send = loop_project(iterations), emitting(("custom", "loop"))
    timing, final = measure_ours(project, send, 1, ours_repeats, 0)
    ours = [Row("Pulse Studio, no trace hook", executions, timing, f"x={final}")]
    timing, final = measure_ours(project, send, 1, ours_repeats, 0, hook=Debugger())
    ours.append(Row("Pulse Studio, Debugger attached but idle", executions, timing, f"x={final}"))
    rows = list(ours)
    small = iterations // 10
    timing, final = measure_ours(loop_project(small), send, 1, 2, 0, hook=armed_debugger())
    rows.append(Row(f"  (for scale: Debugger armed, N={small:,}, best of 2)", 3 * small + 1, timing, f"x={final}"))
    rows.append(Row("plain Python, inline", executions, best_seconds(plain_loop_inline(iterations), repeats)))
    plain_call = Row("plain Python, one call per node", executions, best_seconds(plain_loop_calls(iterations), repeats))
    rows.append(plain_call)
    ryven_row = None
    if ryven is not None:
        store, loop_flow, _ = ryven
        quarter = iterations // 4
        start = loop_flow(quarter, fresh=True)
        timing = best_seconds(start.update, repeats, lambda: store.update(x=0))
        ryven_row = Row(f"ryvencore 0.5 exec mode, data re-pulled per iteration, N={quarter:,}", 3 * quarter + 1,
                        timing, f"x={store['x']}")
        rows.append(ryven_row)
        start = loop_flow(small, fresh=False)
        timing = best_seconds(start.update, 1, lambda: store.update(x=0))
        rows.append(Row(f"  (ryvencore as-is: stale data, not faithful, N={small:,}, 1 run)", 3 * small + 1, timing,
                        f"x={store['x']}"))
    print_section(f"(a) For Loop, {iterations:,} iterations of Set Variable(Add(Get Variable, 1)): "
                  f"{executions:,} node executions (3 per iteration + the loop node)",
                  rows, ours, plain_call, ryven_row)


def bench_chain(triggers: int, ours_repeats: int, repeats: int, ryven: Any) -> None:
    executions = CHAIN * triggers
    project, send = chain_project(), emitting(("custom", "chain"))
    timing, final = measure_ours(project, send, triggers, ours_repeats, -1)
    ours = [Row("Pulse Studio, no trace hook", executions, timing, f"x={final}")]
    timing, final = measure_ours(project, send, triggers, ours_repeats, -1, hook=Debugger())
    ours.append(Row("Pulse Studio, Debugger attached but idle", executions, timing, f"x={final}"))
    rows = list(ours)
    small = triggers // 10
    timing, final = measure_ours(project, send, small, 2, -1, hook=armed_debugger())
    rows.append(Row(f"  (for scale: Debugger armed, {small:,} triggers, best of 2)", CHAIN * small, timing,
                    f"x={final}"))
    rows.append(Row("plain Python, inline", executions, best_seconds(plain_chain(triggers, calls=False), repeats)))
    plain_call = Row("plain Python, one call per node", executions,
                     best_seconds(plain_chain(triggers, calls=True), repeats))
    rows.append(plain_call)
    ryven_row = None
    if ryven is not None:
        store, _, chain_flow = ryven
        start, half = chain_flow(), triggers // 2

        def fire_chain() -> None:
            update = start.update
            for _ in range(half):
                update()

        timing = best_seconds(fire_chain, repeats, lambda: store.update(x=-1))
        ryven_row = Row(f"ryvencore 0.5 exec mode, {half:,} triggers", CHAIN * half, timing, f"x={store['x']}")
        rows.append(ryven_row)
    print_section(f"(b) chain of {CHAIN} Set Variable nodes (constant inputs), {triggers:,} triggers: "
                  f"{executions:,} node executions (50 per trigger; the listener is not counted)",
                  rows, ours, plain_call, ryven_row)


def bench_telemetry(triggers: int, ours_repeats: int, repeats: int) -> None:
    executions = PER_MESSAGE * triggers
    event, receive = telemetry_project(socketio=False), telemetry_project(socketio=True)
    ours = []
    for label, project, send, hook in (
            ("Custom Event (Message), no trace hook", event, emitting_messages, None),
            ("Custom Event (Message), Debugger attached but idle", event, emitting_messages, Debugger()),
            ("On Socket.IO Receive fed at its inbox, Debugger idle", receive, receiving_messages, Debugger())):
        timing, final = measure_ours(project, send, triggers, ours_repeats, False, hook=hook, variable="alarm")
        ours.append(Row(f"Pulse Studio, {label}", executions, timing, f"alarm={final}"))
    rows = list(ours)
    plain = {}
    for variant, label in (("inline", "plain Python, inline (json.loads, dict.get)"),
                           ("calls", "plain Python, one call per node"),
                           ("loads", "  (for scale: json.loads alone)")):
        work, values = plain_telemetry(triggers, variant)
        plain[variant] = Row(label, executions, best_seconds(work, repeats, lambda v=values: v.update(alarm=False)),
                             "" if variant == "loads" else f"alarm={values['alarm']}")
        rows.append(plain[variant])
    print_section(f"(c) telemetry: message -> JSON Parse -> Get Dictionary Element (state, speed) -> Is Greater "
                  f"Equal (speed >= {THRESHOLD}) and Switch (state) -> Set Variable, {triggers:,} messages of "
                  f"{len(MESSAGES[0])} to {max(map(len, MESSAGES))} characters: {executions:,} node executions "
                  f"({PER_MESSAGE} per message,\n  JSON Parse twice: once per action node pulling it; the event "
                  "node is not counted; plain Python: the same count, so ratios are per message)\n"
                  "  The message comes from the bench, not a socket: a socket delivers some 10,000 events/s here "
                  "(bench/socketio.py), so it would\n  measure the socket. The Custom Event carries the text "
                  "as its Message parameter; the real On Socket.IO Receive\n  (Message Type String) gets it "
                  "through its connection's inbox, as the socket handler hands it on (no connection started).",
                  rows, ours, plain["calls"], None, target=False)
    for row in ours:
        print(f"  {row.label[len('Pulse Studio, '):]} / plain inline: {row.rate / plain['inline'].rate:.2f}x "
              f"(CPU {row.cpu_rate / plain['inline'].cpu_rate:.2f}x)")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10x smaller N, for a quick look")
    args = parser.parse_args()
    iterations = 100_000 if args.quick else 1_000_000
    triggers = 2_000 if args.quick else 20_000
    ours_repeats, repeats = 5, 3

    load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    print(f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs, "
          f"load average {load}; best of {ours_repeats} (Pulse Studio) or {repeats} (the others), "
          "gc disabled while timing\n")
    started = time.perf_counter()
    ryven = ryvencore_graphs()
    if ryven is None:
        print("ryvencore is not installed (pip install -e '.[bench]'): its rows are skipped\n")
    bench_loop(iterations, ours_repeats, repeats, ryven)
    bench_chain(triggers, ours_repeats, repeats, ryven)
    bench_telemetry(triggers * 5, ours_repeats, repeats)
    print(f"total {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
