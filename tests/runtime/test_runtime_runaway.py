"""A graph that never waits can always be stopped: by a timeout, by Stop Runtime or stop(), and
other logic (timers) keeps running beside it. The `pulse-run` side is in test_runtime_runaway_cli."""

from __future__ import annotations

import asyncio

import pytest
from graph_builder import lines, pending_tasks, run_project
from runaway_projects import RUNAWAYS, event_fork, for_loop, self_trigger

from runtime.engine import engine as engine_module
from runtime.engine.engine import Engine
from runtime.model import Link, Node, Project
from runtime.registry import default_registry


@pytest.mark.parametrize("name", RUNAWAYS)
async def test_a_runaway_graph_ends_at_its_timeout_and_leaves_no_task(name):
    code, records = await asyncio.wait_for(run_project(RUNAWAYS[name](), timeout=0.3), 30)
    assert code == 0
    assert lines(records) == ["looping"]
    assert lines(records, "error") == []
    assert pending_tasks() == []


@pytest.mark.parametrize("name", RUNAWAYS)
async def test_stop_ends_a_runaway_graph(name):
    engine = Engine(RUNAWAYS[name]())
    await engine.start()
    await asyncio.sleep(0.1)  # the runaway branch has had several turns by now
    assert not engine.stopped
    await asyncio.wait_for(engine.stop(), 5)
    assert pending_tasks() == []


def _add(project: Project, node_id: str, type_id: str, **attributes) -> None:
    values = default_registry().spec(type_id).default_attributes()
    values.update(attributes)
    project.project_graph.add_node(Node(node_id, type_id, node_id, attributes=values))


async def test_timers_and_stop_runtime_stay_live_beside_a_runaway_loop():
    project = for_loop()
    _add(project, "begin", "logic.custom_event_listener", Event="MyEvent")
    _add(project, "trigger", "logic.custom_event_trigger", Event="MyEvent")
    _add(project, "wait", "logic.delay", Seconds=0.2)
    _add(project, "say", "logic.console", Value="timer fired")
    _add(project, "end", "logic.stop_runtime", **{"Exit Code": 7})
    graph = project.project_graph
    # start -> hello -> loop (runs away); the trigger fires first, so the delay is already waiting
    graph.links = [k for k in graph.links if not (k.source == "start" and k.target == "hello")]
    for source, output, target in (("start", "Out", "trigger"), ("trigger", "Out", "hello"),
                                   ("begin", "Out", "wait"), ("wait", "Out", "say"), ("say", "Out", "end")):
        graph.add_link(Link(source, output, target, "In"))
    code, records = await asyncio.wait_for(run_project(project, timeout=20), 30)
    assert (code, lines(records)) == (7, ["looping", "timer fired"])


async def test_an_event_that_triggers_itself_runs_on_without_overflowing_the_stack():
    code, records = await asyncio.wait_for(run_project(self_trigger(), timeout=0.5), 30)
    assert code == 0
    assert lines(records, "error") == []  # no RecursionError reported on a node


async def test_an_event_that_fires_itself_twice_is_stoppable():
    code, _ = await asyncio.wait_for(run_project(event_fork(), timeout=0.5), 30)
    assert code in (0, 1)  # 1 if it already reached the limit below
    assert pending_tasks() == []


async def test_events_waiting_for_their_turn_are_bounded_by_a_clear_error(monkeypatch):
    monkeypatch.setattr(engine_module, "MAX_DEFERRED_FIRES", 50)
    code, records = await asyncio.wait_for(run_project(event_fork(), timeout=5), 30)
    errors = [r for r in records if r.level == "error"]
    assert code == 1 and errors
    assert {r.node_name for r in errors} <= {"again", "twice"}
    assert "50 events fired from inside events are already waiting for their turn" in errors[0].message
    assert pending_tasks() == []


def _pure_chain(length: int) -> Project:
    """On Project Start -> Console, whose value is 1 + 1 + ... through `length` pure Add nodes."""
    project = Project.new("Chain")
    project.set_plugin_active("socketio", False)
    _add(project, "start", "logic.on_project_start")
    _add(project, "show", "logic.console")
    graph = project.project_graph
    graph.add_link(Link("start", "Out", "show", "In"))
    for i in range(length):
        _add(project, f"add{i}", "logic.add", Type="Int", A=0 if i else 1, B=1)
        if i:
            graph.add_link(Link(f"add{i - 1}", "Result", f"add{i}", "A"))
    graph.add_link(Link(f"add{length - 1}", "Result", "show", "Value"))
    return project


@pytest.mark.parametrize("length", [300, 1_000, 3_000])
async def test_a_long_pure_chain_evaluates_or_fails_with_a_clear_node_error(length):
    code, records = await asyncio.wait_for(run_project(_pure_chain(length)), 60)
    if code == 0:
        assert lines(records) == [str(length + 1)]
    else:
        (error,) = [r for r in records if r.level == "error"]
        assert error.node_name == "show" or error.node_name.startswith("add")
        assert "nested too deep to evaluate" in error.message
