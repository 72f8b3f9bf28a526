"""Interpreter semantics: order, Enabled, pass-through, error isolation, concurrency, stopping."""

from __future__ import annotations

import asyncio
import time

from graph_builder import Builder, lines, pending_tasks, run_project
from waiting import eventually

from runtime.engine.engine import Engine
from runtime.model import CustomEvent, Node, Param, Variable
from runtime.types import DataType


async def test_pulse_order_follows_links():
    b = Builder()
    b.node("s", "logic.on_project_start")
    for i in range(3):
        b.node(f"c{i}", "logic.console", Value=f"line {i}")
    b.chain("s", "c0", "c1", "c2")
    code, records = await run_project(b.project)
    assert code == 0
    assert lines(records) == ["line 0", "line 1", "line 2"]


async def test_disabled_node_stops_its_path_and_pass_through_skips_only_itself():
    b = Builder()
    b.node("s", "logic.on_project_start")
    b.node("seq", "logic.sequential", Outputs=2)
    b.node("off", "logic.console", Value="disabled").enabled = False
    b.node("after_off", "logic.console", Value="after disabled")
    b.node("skip", "logic.console", Value="skipped").pass_through = True
    b.node("after_skip", "logic.console", Value="after skipped")
    b.link("s.Out", "seq.In")
    b.link("seq.Then 1", "off.In")
    b.chain("off", "after_off")
    b.link("seq.Then 2", "skip.In")
    b.chain("skip", "after_skip")
    _, records = await run_project(b.project)
    assert lines(records) == ["after skipped"]


async def test_error_is_reported_on_its_node_and_other_branches_go_on():
    b = Builder()
    b.node("s", "logic.on_project_start")
    b.node("seq", "logic.sequential", Outputs=2)
    b.node("div", "logic.divide", "Divide by zero", Type="Int", A=1, B=0)
    b.node("bad", "logic.console")
    b.node("never", "logic.console", Value="never")
    b.node("good", "logic.console", Value="still running")
    b.link("s.Out", "seq.In")
    b.link("seq.Then 1", "bad.In")
    b.link("div.Result", "bad.Value")
    b.chain("bad", "never")
    b.link("seq.Then 2", "good.In")
    code, records = await run_project(b.project)
    assert code == 1
    assert lines(records) == ["still running"]
    (error,) = [r for r in records if r.level == "error"]
    assert (error.node_id, error.node_name, error.graph) == ("div", "Divide by zero", "Project")
    assert "division by zero" in error.message
    assert "Divide by zero" in str(error) and "div" in str(error)


async def test_delay_does_not_block_another_branch():
    b = Builder()
    b.node("s", "logic.on_project_start")
    b.node("seq", "logic.sequential", Outputs=2)
    b.node("wait", "logic.delay", Seconds=0.2)
    b.node("late", "logic.console", Value="late")
    b.node("early", "logic.console", Value="early")
    b.node("trigger", "logic.custom_event_trigger", Event="go")
    b.node("listen", "logic.custom_event_listener", Event="go")
    b.node("heard", "logic.console", Value="heard")
    b.link("s.Out", "trigger.In")
    b.link("listen.Out", "wait.In")
    b.chain("wait", "late")
    b.link("trigger.Out", "early.In")
    b.chain("listen")
    started = time.perf_counter()
    code, records = await run_project(b.project)
    assert code == 0
    assert lines(records) == ["early", "late"]
    assert time.perf_counter() - started >= 0.2


async def test_stop_cancels_timers_and_leaves_no_task():
    b = Builder()
    b.node("s", "logic.on_project_start")
    b.node("wait", "logic.delay", Seconds=30.0)
    b.node("never", "logic.console", Value="never")
    b.chain("s", "wait", "never")
    engine = Engine(b.project)
    await engine.start()
    await eventually(pending_tasks, what="the delay to be pending")
    await engine.stop()
    await asyncio.sleep(0)
    assert pending_tasks() == []


async def test_for_loop_with_variables_and_loop_body_order():
    b = Builder()
    b.project.variables.append(Variable("total", DataType.INT, 0))
    b.node("s", "logic.on_project_start")
    b.node("loop", "logic.for_loop", **{"First Index": 1, "Last Index": 4})
    b.node("get", "logic.get_variable", Variable="total")
    b.node("add", "logic.add", Type="Int")
    b.node("set", "logic.set_variable", Variable="total")
    b.node("show", "logic.console")
    b.link("s.Out", "loop.In")
    b.link("loop.Loop Body", "set.In")
    b.link("get.Value", "add.A")
    b.link("loop.Index", "add.B")
    b.link("add.Result", "set.Value")
    b.link("loop.Completed", "show.In")
    b.link("get.Value", "show.Value")
    _, records = await run_project(b.project)
    assert lines(records) == ["10"]


async def test_nested_event_fires_synchronously_inside_its_trigger():
    b = Builder()
    b.project.events = [CustomEvent("ping", [Param("Payload", DataType.INT)])]
    b.node("s", "logic.on_project_start")
    b.node("t", "logic.custom_event_trigger", Event="ping", Payload=7)
    b.node("after", "logic.console", Value="after trigger")
    b.node("l", "logic.custom_event_listener", Event="ping")
    b.node("show", "logic.console")
    b.chain("s", "t", "after")
    b.link("l.Out", "show.In")
    b.link("l.Payload", "show.Value")
    _, records = await run_project(b.project)
    assert lines(records) == ["7", "after trigger"]


async def test_placeholder_node_is_skipped_with_a_warning():
    b = Builder()
    b.node("s", "logic.on_project_start")
    b.node("x", "someplugin.frobnicate")
    b.node("c", "logic.console", Value="not reached")
    b.link("s.Out", "x.In")
    b.link("x.Out", "c.In")
    code, records = await run_project(b.project)
    assert code == 0
    assert lines(records) == []
    assert any("unknown" in r.message for r in records if r.level == "warning")


async def test_a_shared_pure_node_is_evaluated_once_per_pulse():
    from runtime.nodes import LOGIC_PLUGIN
    from runtime.registry import Plugin, build_registry
    from runtime.specs import DataPort, NodeSpec

    calls = []

    def counted(ctx):
        calls.append(1)
        return len(calls)

    counter = NodeSpec("test.counter", "Counter", ("Test",), "Counts its evaluations.", kind="pure",
                       outputs=(DataPort("Value", DataType.INT),), run=counted)
    registry = build_registry([LOGIC_PLUGIN, Plugin("test", "Test", "", (counter,))])
    b = Builder()
    b.node("s", "logic.on_project_start")
    b.node("loop", "logic.for_loop", **{"First Index": 1, "Last Index": 3})
    b.graph.add_node(Node("count", "test.counter", "count"))
    b.node("sum", "logic.add", Type="Int")
    b.node("show", "logic.console")
    b.link("s.Out", "loop.In")
    b.link("loop.Loop Body", "show.In")
    b.link("count.Value", "sum.A")
    b.link("count.Value", "sum.B")
    b.link("sum.Result", "show.Value")
    _, records = await run_project(b.project, registry=registry)
    assert lines(records) == ["2", "4", "6"]  # each pulse: one evaluation, used twice
    assert len(calls) == 3
