"""Start / Cancel Timeout and Start / Reset Interval: handles, errors, drift, and how long they live."""

from __future__ import annotations

import asyncio
import statistics
import time

import pytest
from graph_builder import Builder, lines, pending_tasks, run_project

from runtime.engine.engine import Engine
from runtime.model import Node, Variable
from runtime.nodes import LOGIC_PLUGIN
from runtime.registry import Plugin, build_registry
from runtime.specs import DataPort, NodeSpec, Scope
from runtime.types import DataType


def _start_timeout(b: Builder, node_id: str, seconds: float, word: str) -> None:
    b.node(node_id, "logic.start_timeout", Seconds=seconds)
    b.node(f"{node_id}_fired", "logic.console", Value=word)
    b.link(f"{node_id}.Out", f"{node_id}_fired.In")


async def test_a_timeout_fires_on_start_at_once_and_out_later():
    b = Builder()
    b.node("s", "logic.on_project_start")
    _start_timeout(b, "t", 0.05, "fired")
    b.node("started", "logic.console")
    b.node("after", "logic.console", Value="after start")
    b.link("s.Out", "t.In")
    b.link("t.OnStart", "started.In")
    b.link("t.Instance ID", "started.Value")
    b.chain("started", "after")
    started = time.perf_counter()
    code, records = await run_project(b.project)
    assert code == 0
    assert lines(records) == ["1", "after start", "fired"]
    assert time.perf_counter() - started >= 0.05


async def test_cancel_timeout_stops_only_the_timeout_with_that_handle_and_fires_on_end():
    b = Builder()
    b.node("s", "logic.on_project_start")
    b.node("seq", "logic.sequential", Outputs=2)
    _start_timeout(b, "a", 0.05, "A fired")
    _start_timeout(b, "b", 0.05, "B fired")
    b.node("ended", "logic.console")
    b.node("cancel", "logic.cancel_timeout")
    b.node("after", "logic.console", Value="after cancel")
    b.link("s.Out", "seq.In")
    b.link("seq.Then 1", "a.In")
    b.link("a.OnStart", "b.In")
    b.link("b.OnStart", "cancel.In")
    b.link("a.Instance ID", "cancel.Instance ID")
    b.chain("cancel", "after")
    b.link("a.OnEnd", "ended.In")
    b.link("a.Instance ID", "ended.Value")
    code, records = await run_project(b.project)
    assert code == 0
    assert lines(records) == ["1", "after cancel", "B fired"]


async def test_one_node_started_twice_gives_two_handles_and_cancelling_one_leaves_the_other():
    b = Builder()
    b.node("s", "logic.on_project_start")
    b.node("loop", "logic.for_loop", **{"First Index": 1, "Last Index": 2})
    _start_timeout(b, "t", 0.05, "fired")
    b.node("cancel", "logic.cancel_timeout")
    b.node("again", "logic.cancel_timeout")
    b.link("s.Out", "loop.In")
    b.link("loop.Loop Body", "t.In")
    b.link("loop.Completed", "cancel.In")  # Instance ID holds the second handle now
    b.link("t.Instance ID", "cancel.Instance ID")
    b.chain("cancel", "again")  # cancelling a handle twice is harmless
    b.link("t.Instance ID", "again.Instance ID")
    code, records = await run_project(b.project)
    assert (code, lines(records)) == (0, ["fired"])


async def test_cancelling_an_unknown_or_finished_handle_passes_the_pulse_on():
    b = Builder()
    b.node("s", "logic.on_project_start")
    b.node("cancel", "logic.cancel_timeout", **{"Instance ID": 99})
    b.node("reset", "logic.reset_interval", **{"Instance ID": -1})
    b.node("after", "logic.console", Value="went on")
    b.chain("s", "cancel", "reset", "after")
    code, records = await run_project(b.project)
    assert (code, lines(records)) == (0, ["went on"])


@pytest.mark.parametrize(("type_id", "seconds", "message"), [
    ("logic.start_timeout", -1.0, "Seconds must not be negative (got -1.0)"),
    ("logic.start_timeout", float("inf"), "Seconds must be a finite number (got inf)"),
    ("logic.start_interval", 0.0, "an interval's Seconds must be greater than 0 (got 0.0)"),
    ("logic.start_interval", -0.5, "an interval's Seconds must be greater than 0 (got -0.5)"),
    ("logic.start_interval", float("nan"), "Seconds must be a finite number (got nan)"),
])
async def test_a_bad_period_is_a_clear_node_error_and_other_logic_goes_on(type_id, seconds, message):
    b = Builder()
    b.node("s", "logic.on_project_start")
    b.node("seq", "logic.sequential", Outputs=2)
    b.node("timer", type_id, "Bad timer", Seconds=seconds)
    b.node("never", "logic.console", Value="never")
    b.node("other", "logic.console", Value="other branch")
    b.link("s.Out", "seq.In")
    b.link("seq.Then 1", "timer.In")
    b.link("timer.OnStart", "never.In")
    b.link("seq.Then 2", "other.In")
    code, records = await run_project(b.project)
    assert (code, lines(records)) == (1, ["other branch"])
    (error,) = [r for r in records if r.level == "error"]
    assert (error.node_name, error.message) == ("Bad timer", message)


async def test_a_handle_of_the_other_kind_is_a_node_error():
    b = Builder()
    b.node("s", "logic.on_project_start")
    b.node("interval", "logic.start_interval", Seconds=10.0)
    b.node("cancel", "logic.cancel_timeout")
    b.node("reset", "logic.reset_interval")
    b.link("s.Out", "interval.In")
    b.link("interval.OnStart", "cancel.In")
    b.link("interval.Instance ID", "cancel.Instance ID")
    b.link("interval.Instance ID", "reset.Instance ID")
    engine = Engine(b.project)
    records = []
    engine.console.connect(records.append)
    await engine.start()
    (error,) = [r for r in records if r.level == "error"]
    assert error.node_id == "cancel"
    assert error.message == "Instance ID 1 is an interval, not a timeout: use Reset Interval"
    assert 1 in engine.timers.active  # the interval runs on
    await engine.stop()


def _interval_counting_to(b: Builder, count: int, seconds: float) -> None:
    """An interval whose ticks count in variable n and which resets itself at `count`."""
    b.project.variables.append(Variable("n", DataType.INT, 0))
    b.node("s", "logic.on_project_start")
    b.node("interval", "logic.start_interval", Seconds=seconds)
    b.node("get", "logic.get_variable", Variable="n")
    b.node("inc", "logic.add", Type="Int", B=1)
    b.node("set", "logic.set_variable", Variable="n")
    b.node("enough", "logic.compare", Type="Int", Operator=">=", B=count)
    b.node("branch", "logic.branch")
    b.node("reset", "logic.reset_interval")
    b.node("on_reset", "logic.console")
    b.link("s.Out", "interval.In")
    b.link("interval.Out", "set.In")
    b.link("get.Value", "inc.A")
    b.link("inc.Result", "set.Value")
    b.chain("set", "branch")
    b.link("set.Value", "enough.A")
    b.link("enough.Result", "branch.Condition")
    b.link("branch.True", "reset.In")
    b.link("interval.Instance ID", "reset.Instance ID")
    b.link("interval.OnReset", "on_reset.In")
    b.link("get.Value", "on_reset.Value")


async def test_an_interval_that_resets_itself_ends_and_the_run_ends_with_it():
    b = Builder()
    _interval_counting_to(b, 3, 0.01)
    code, records = await run_project(b.project, timeout=10)
    assert code == 0
    assert lines(records) == ["3"]  # OnReset fired once, after the third tick
    assert pending_tasks() == []


async def test_a_running_interval_keeps_the_run_alive_until_stop_and_stop_ends_every_timer():
    b = Builder()
    _interval_counting_to(b, 10**9, 0.005)
    _start_timeout(b, "late", 60.0, "never")
    b.link("interval.OnStart", "late.In")
    engine = Engine(b.project)
    await engine.start()
    while engine.variables.values["n"] < 3:  # ticks come while the run lives
        await asyncio.sleep(0.005)
    assert not engine.stopped and len(engine.timers.active) == 2
    await engine.stop()
    ticks = engine.variables.values["n"]
    await asyncio.sleep(0.05)
    assert engine.variables.values["n"] == ticks
    assert engine.timers.active == {}
    assert pending_tasks() == []


async def test_timers_started_in_a_function_belong_to_the_caller_and_keep_the_run_alive():
    b = Builder()
    f = b.add_graph("fn", Scope.FUNCTION, "Later")
    f.node("in", "logic.function_input")
    _start_timeout(f, "t", 0.02, "fired from the function")
    f.node("out", "logic.function_output")
    f.link("in.Out", "t.In")
    f.link("t.OnStart", "out.In")
    b.call_on_start("fn")
    code, records = await run_project(b.project)
    assert (code, lines(records)) == (0, ["returned", "fired from the function"])


async def test_an_interval_does_not_drift_even_when_each_tick_takes_time():
    """Each tick's branch blocks the loop for 40% of the period. An interval that slept a period after
    each tick would slip 40% of a period per tick, so its ticks would fall anywhere within a period;
    ours stay on start + k * period, late only by the loop's jitter. A busy machine may make ticks
    late, or skip some (by design), but never shifts most of them off the grid: the test looks at the
    median offset from the grid, not at the count of ticks."""
    period, busy, count = 0.05, 0.02, 30
    stamps: list[float] = []

    def stamp(ctx, unused: int) -> None:
        stamps.append(asyncio.get_running_loop().time())
        end = time.monotonic() + busy
        while time.monotonic() < end:
            pass

    stamper = NodeSpec("test.stamp", "Stamp", ("Test",), "Notes the loop time, then keeps the loop busy.",
                       inputs=(DataPort("Unused", DataType.INT, 0),), run=stamp)
    registry = build_registry([LOGIC_PLUGIN, Plugin("test", "Test", "", (stamper,))])
    b = Builder()
    b.node("s", "logic.on_project_start")
    b.node("interval", "logic.start_interval", Seconds=period)
    b.graph.add_node(Node("stamp", "test.stamp", "stamp"))
    b.node("begin", "logic.console", Value="begin")
    b.link("s.Out", "interval.In")
    b.link("interval.Out", "stamp.In")
    b.link("interval.OnStart", "begin.In")
    engine = Engine(b.project, registry=registry)
    records = []
    engine.console.connect(lambda record: (records.append(record), stamps.append(asyncio.get_running_loop().time())))
    before = asyncio.get_running_loop().time()  # surely before the interval's start, however busy the machine
    await engine.start()
    while len(stamps) < count + 1:
        await asyncio.sleep(period / 2)
    await engine.stop()
    assert lines(records) == ["begin"] and len(records) == 1
    ticks = stamps[1:count + 1]
    for k, at in enumerate(ticks, 1):
        assert at >= before + k * period, f"tick {k} came early"
    # On the grid, ticks are only ever late: their phases (time modulo the period) cluster just after the
    # grid's phase. Measured from the best-fitting tick phase, so no stamp of the start (which a busy
    # machine delays) is needed. A drifting interval spreads the phases over the whole period (median ~ 1/2).
    phases = [at % period for at in ticks]
    median = min(statistics.median((phase - origin) % period for phase in phases) for origin in phases)
    assert median < period / 4, f"ticks left the grid: median offset {median:.4f} s, period {period}"


async def test_a_scene_switch_ends_the_old_scenes_timers_and_the_new_scene_runs_on():
    b = Builder()
    project = b.project
    two = b.add_graph("scene-two", Scope.SCENE, "Two")
    main = Builder(project, project.graphs["scene-main"])
    main.node("start", "logic.on_scene_start")
    main.node("interval", "logic.start_interval", Seconds=0.01)
    _start_timeout(main, "timeout", 0.05, "main's timeout fired")
    main.node("tick", "logic.console", Value="main tick")
    main.node("switch", "logic.switch_scene", Scene="scene-two")
    main.chain("start", "interval")
    main.link("interval.OnStart", "timeout.In")
    main.link("interval.Out", "tick.In")
    main.chain("tick", "switch")  # the first tick switches scenes
    two.node("start", "logic.on_scene_start")
    _start_timeout(two, "later", 0.1, "two's timeout fired")
    two.chain("start", "later")
    code, records = await run_project(project)
    assert (code, lines(records)) == (0, ["main tick", "two's timeout fired"])
