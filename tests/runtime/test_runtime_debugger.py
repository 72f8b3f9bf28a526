"""Breakpoints, stepping and the trace hook."""

from __future__ import annotations

import asyncio

from graph_builder import Builder, lines

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
    await asyncio.sleep(0.01)
    assert paused == [("c", ["two"])]
    assert lines(records) == ["one"]
    debugger.step()
    await asyncio.sleep(0.01)
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
