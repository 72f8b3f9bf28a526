"""Interpolate: timed steps from From to To, modes, Reset, errors, and the run it keeps alive."""

from __future__ import annotations

import time

from graph_builder import Builder, lines, run_project

from runtime.model import Graph
from runtime.specs import Scope


def _project(**attributes):
    """Start -> Interpolate; OnStart, Out (with Value), OnReset and OnEnd print what happens."""
    b = Builder()
    b.node("s", "logic.on_project_start")
    b.node("i", "logic.interpolate", **{"Interval Time (s)": 0.02, "Duration (s)": 0.1, **attributes})
    b.link("s.Out", "i.Start")
    b.node("started", "logic.console", Value="started")
    b.node("step", "logic.console")
    b.node("reset", "logic.console", Value="reset")
    b.node("ended", "logic.console")
    b.link("i.OnStart", "started.In")
    b.link("i.Out", "step.In")
    b.link("i.Value", "step.Value")
    b.link("i.OnReset", "reset.In")
    b.link("i.OnEnd", "ended.In")
    b.link("i.Value", "ended.Value")
    return b


def _values(records) -> list[float]:
    return [round(float(v), 9) for v in lines(records)[1:]]


def _assert_steps(values: list[float], steps: list[float]) -> None:
    """`values` are the steps in order (a step may be skipped when the machine is busy: never fired
    late), always the last one, then OnEnd's Value, the same."""
    remaining = iter(steps)
    assert all(any(v == s for s in remaining) for v in values[:-1]), (values, steps)
    assert values[-2:] == [steps[-1], steps[-1]]


async def test_once_steps_evenly_then_ends_on_the_exact_end_value():
    began = time.monotonic()
    code, records = await run_project(_project(From=10.0, To=20.0).project)
    assert code == 0 and lines(records)[0] == "started"
    _assert_steps(_values(records), [12.0, 14.0, 16.0, 18.0, 20.0])  # five steps, then OnEnd with Value
    assert 0.09 <= time.monotonic() - began < 2  # it took its Duration, and the run ended by itself


async def test_easing_and_ping_pong_legs():
    _, records = await run_project(_project(Type="Ease In", Mode="Ping Pong", Count=2,
                                            **{"Duration (s)": 0.04}).project)
    _assert_steps(_values(records), [0.25, 1.0, 0.75, 0.0])  # up (eased), back down, OnEnd at From


async def test_repeat_counts_cycles():
    _, records = await run_project(_project(Mode="Repeat", Count=3, **{"Duration (s)": 0.04}).project)
    values = _values(records)
    _assert_steps(values, [0.5, 1.0] * 3)
    assert values.count(0.5) + values.count(1.0) >= 4  # not one cycle only


async def test_reset_stops_without_on_end_and_infinite_runs_until_then():
    b = _project(Mode="Repeat", Infinite=True)
    b.node("later", "logic.delay", Seconds=0.15)
    b.node("s2", "logic.on_project_start")
    b.chain("s2", "later")
    b.link("later.Out", "i.Reset")
    code, records = await run_project(b.project)
    printed = lines(records)
    assert code == 0 and printed[0] == "started" and printed[-1] == "reset"
    assert len(printed) >= 5 and "1.0" in printed  # it went through at least one whole cycle


async def test_bad_duration_is_a_node_error():
    code, records = await run_project(_project(**{"Duration (s)": 0.0}).project)
    assert code == 1 and "Duration (s) must be greater than 0, not 0.0" in lines(records, "error")[0]


async def test_inside_a_function_it_outlives_the_call_and_keeps_the_run_going():
    b = Builder()
    fn = Graph("fn-fade", Scope.FUNCTION, "Fade")
    b.project.add_graph(fn)
    f = Builder(b.project, fn)
    f.node("in", "logic.function_input")
    f.node("i", "logic.interpolate", **{"Interval Time (s)": 0.02, "Duration (s)": 0.06})
    f.node("out", "logic.function_output")
    f.node("ended", "logic.console")
    f.link("in.Out", "i.Start")
    f.link("i.OnStart", "out.In")
    f.link("i.OnEnd", "ended.In")
    f.link("i.Value", "ended.Value")
    b.node("s", "logic.on_project_start")
    b.node("call", "logic.function_call", Function="fn-fade")
    b.node("returned", "logic.console", Value="returned")
    b.chain("s", "call", "returned")
    code, records = await run_project(b.project)
    assert (code, lines(records)) == (0, ["returned", "1.0"])


async def test_switching_scene_cancels_an_infinite_interpolation():
    b = Builder()
    other = Graph("scene-other", Scope.SCENE, "Other")
    b.project.add_graph(other)
    scene = Builder(b.project, b.project.graphs["scene-main"])
    scene.node("start", "logic.on_scene_start")
    scene.node("i", "logic.interpolate", Mode="Repeat", Infinite=True, **{"Interval Time (s)": 0.02,
                                                                         "Duration (s)": 0.04})
    scene.node("step", "logic.console", Value="step")
    scene.link("start.Out", "i.Start")
    scene.link("i.Out", "step.In")
    b.node("s", "logic.on_project_start")
    b.node("wait", "logic.delay", Seconds=0.1)
    b.node("switch", "logic.switch_scene", Scene="scene-other")
    b.chain("s", "wait", "switch")
    began = time.monotonic()
    code, records = await run_project(b.project, timeout=10)
    assert code == 0 and "step" in lines(records)
    assert time.monotonic() - began < 5  # nothing kept running after the switch: the run ended by itself
