"""Breakpoints, stepping and the trace hook."""

from __future__ import annotations

import asyncio

from graph_builder import Builder, lines
from waiting import eventually

from runtime.engine.debugger import Debugger
from runtime.engine.engine import Engine


async def test_breakpoint_pauses_and_step_advances_one_node_with_values():
    b = Builder()
    b.node("s", "logic.on_project_start")
    b.node("a", "logic.console", Value="one")
    b.node("c", "logic.console", Value="two")
    b.node("d", "logic.console", Value="three")
    b.chain("s", "a", "c", "d")
    debugger = Debugger({"c"})
    paused: list[tuple[str, list]] = []
    debugger.paused.connect(lambda inst, inputs: paused.append((inst.id, inputs)))
    records = []
    engine = Engine(b.project, hook=debugger)
    engine.console.connect(records.append)
    await engine.start()
    await eventually(lambda: paused, what="the pause at c")
    assert paused == [("c", ["two"])]
    assert lines(records) == ["one"]
    debugger.step()
    await eventually(lambda: len(paused) == 2, what="the pause at d")
    assert [p[0] for p in paused] == ["c", "d"]
    assert lines(records) == ["one", "two"]
    debugger.resume()
    assert await engine.finished(2) == 0
    assert lines(records) == ["one", "two", "three"]


async def test_trace_hook_sees_pure_values_and_errors():
    b = Builder()
    b.node("s", "logic.on_project_start")
    b.node("add", "logic.add", Type="Int", A=2, B=3)
    b.node("show", "logic.console")
    b.chain("s", "show")
    b.link("add.Result", "show.Value")
    debugger = Debugger()
    values, entered = [], []
    debugger.evaluated.connect(lambda inst, value: values.append((inst.id, value)))
    debugger.entered.connect(lambda inst, inputs: entered.append(inst.id))
    engine = Engine(b.project, hook=debugger)
    await engine.start()
    await engine.finished(2)
    assert values == [("add", 5)]
    assert entered == ["s", "show"]


def _console_project(event="logic.custom_event_listener"):
    b = Builder()
    attributes = {"Event": "go"} if event == "logic.custom_event_listener" else {}
    b.node("go", event, **attributes)
    b.node("add", "logic.add", Type="Int", A=2, B=3)
    b.node("show", "logic.console")
    b.chain("go", "show")
    b.link("add.Result", "show.Value")
    return b.project


def test_idle_debugger_leaves_the_engine_hook_off_until_something_needs_it():
    debugger = Debugger()
    engine = Engine(_console_project(), hook=debugger)
    assert engine.hook is None and not debugger.armed
    assert debugger.toggle_breakpoint("show") and engine.hook is debugger
    assert not debugger.toggle_breakpoint("show") and engine.hook is None
    debugger.set_breakpoints({"show"})
    assert engine.hook is debugger and debugger.breakpoints == {"show"}
    debugger.set_breakpoints(set())
    assert engine.hook is None

    def observer(inst, value):
        return None

    debugger.evaluated.connect(observer)
    assert engine.hook is debugger
    debugger.evaluated.disconnect(observer)
    assert engine.hook is None
    debugger.pause()
    assert engine.hook is debugger
    debugger.resume()
    assert engine.hook is None
    debugger.paused.connect(observer)  # pauses and resumes are not per-node events
    assert engine.hook is None


async def test_observer_connected_during_a_run_sees_the_next_pulses_pure_values_included():
    debugger = Debugger()
    engine = Engine(_console_project(), hook=debugger)
    records = []
    engine.console.connect(records.append)
    await engine.start()
    engine.emit(("custom", "go"))
    values, entered = [], []
    debugger.evaluated.connect(lambda inst, value: values.append((inst.id, value)))
    debugger.entered.connect(lambda inst, inputs: entered.append((inst.id, inputs)))
    engine.emit(("custom", "go"))
    await engine.stop()
    assert lines(records) == ["5", "5"]
    assert values == [("add", 5)]
    assert entered == [("go", []), ("show", [5])]


async def test_node_paused_at_a_breakpoint_runs_with_the_inputs_it_showed():
    debugger = Debugger({"show"})
    evaluated = []
    debugger.evaluated.connect(lambda inst, value: evaluated.append(inst.id))
    debugger.paused.connect(lambda inst, inputs: asyncio.get_running_loop().call_soon(debugger.resume))
    engine = Engine(_console_project("logic.on_project_start"), hook=debugger)
    records = []
    engine.console.connect(records.append)
    await engine.start()
    assert await engine.finished(2) == 0
    assert lines(records) == ["5"]
    assert evaluated == ["add"]  # once per pulse, breakpoint or not


def test_subclass_that_records_every_node_keeps_the_hook_armed():
    class Recorder(Debugger):
        def node_entered(self, inst, inputs):
            return super().node_entered(inst, inputs)

    recorder = Recorder()
    engine = Engine(_console_project(), hook=recorder)
    assert recorder.armed and engine.hook is recorder


async def test_step_over_a_function_call_step_into_it_and_step_out():
    from runtime.model import Graph, Param
    from runtime.specs import Scope
    from runtime.types import DataType

    b = Builder()
    fn = Graph("fn-twice", Scope.FUNCTION, "Twice", inputs=[Param("x", DataType.INT)],
               outputs=[Param("y", DataType.INT)])
    b.project.add_graph(fn)
    f = Builder(b.project, fn)
    f.node("fin", "logic.function_input")
    f.node("inner", "logic.console", Value="inside")
    f.node("double", "logic.add", Type="Int")
    f.node("fout", "logic.function_output")
    f.chain("fin", "inner", "fout")
    f.link("fin.x", "double.A")
    f.link("fin.x", "double.B")
    f.link("double.Result", "fout.y")
    b.node("s", "logic.on_project_start")
    b.node("call1", "logic.function_call", Function="fn-twice", x=1)
    b.node("call2", "logic.function_call", Function="fn-twice", x=2)
    b.node("end", "logic.console", Value="end")
    b.chain("s", "call1", "call2", "end")
    debugger = Debugger({"call1"})
    stops: list[str] = []
    debugger.paused.connect(lambda inst, inputs: stops.append(inst.id))
    engine = Engine(b.project, hook=debugger)
    await engine.start()

    async def settle() -> None:
        for _ in range(5):
            await asyncio.sleep(0)

    await settle()
    assert stops == ["call1"]
    debugger.step()  # over the call: the function's nodes run without stopping
    await settle()
    assert stops == ["call1", "call2"]
    debugger.step_into()
    await settle()
    assert stops[-1] == "fin"
    debugger.step()
    await settle()
    assert stops[-1] == "inner"
    debugger.step_out()  # back in the caller, at the node after the call
    await settle()
    assert stops[-1] == "end"
    debugger.resume()
    assert await engine.finished(2) == 0
