"""Scene switches that overlap: with each other, with Stop, and with a stopping run.

One scene is active at a time, the last one asked for; the scenes left never keep a run that listens
or waits; Stop during a switch ends everything within On Destruction's grace.
"""

from __future__ import annotations

import asyncio
import time

from graph_builder import Builder, lines, pending_tasks
from waiting import eventually

from runtime.engine.console import ConsoleRecord
from runtime.engine.engine import DESTRUCTION_SECONDS, Engine
from runtime.model import Graph, PrefabInstance, Project
from runtime.specs import Scope

#: How long the scenes switched to wait before their last line: long enough for any switch to be over.
SETTLE_SECONDS = 0.2


def _project(*scenes: str) -> tuple[Project, Builder]:
    """Scene Main (returned as a Builder) and `scenes`, each of which prints "<name> started" on scene start,
    waits SETTLE_SECONDS and prints "<name> still running"."""
    project = Project.new("Switches")
    project.set_plugin_active("socketio", False)
    for name in scenes:
        scene = Builder(project, Graph(f"scene-{name}", Scope.SCENE, name))
        project.add_graph(scene.graph)
        scene.node("start", "logic.on_scene_start")
        scene.node("hello", "logic.console", Value=f"{name} started")
        scene.node("wait", "logic.delay", Seconds=SETTLE_SECONDS)
        scene.node("still", "logic.console", Value=f"{name} still running")
        scene.chain("start", "hello", "wait", "still")
    return project, Builder(project, project.graphs["scene-main"])


def _prefab_in_main(project: Project, main: Builder) -> Builder:
    """A prefab "Leaver" whose On Destruction prints "X destroyed", with one instance X in scene Main.
    Returns the prefab's Builder, with the On Destruction branch ending at node "bye"."""
    prefab = Builder(project, Graph("prefab-leaver", Scope.PREFAB, "Leaver"))
    project.add_graph(prefab.graph)
    main.graph.instances = [PrefabInstance("X", prefab.graph.id)]
    prefab.node("gone", "logic.on_destruction")
    prefab.node("bye", "logic.console", Value="X destroyed")
    prefab.chain("gone", "bye")
    return prefab


def _switch_on_start(main: Builder, *scenes: str) -> None:
    """Scene Main asks for `scenes` in turn, in one step, as soon as it starts."""
    main.node("start", "logic.on_scene_start")
    for name in scenes:
        main.node(f"to-{name.lower()}", "logic.switch_scene", Scene=f"scene-{name}")
    main.chain("start", *(f"to-{name.lower()}" for name in scenes))


async def _run(project: Project) -> tuple[Engine, list[ConsoleRecord], int, list[list[str]]]:
    """Runs `project` to its end; also returns, for each console record, the scene runs active as it came."""
    engine = Engine(project)
    records: list[ConsoleRecord] = []
    active: list[list[str]] = []
    engine.console.connect(records.append)
    engine.console.connect(lambda _: active.append(sorted(
        run.label for run in engine.graph_runs if run.active and run.graph.kind is Scope.SCENE)))
    await engine.start()
    code = await engine.finished(10)
    return engine, records, code, active


def _still_active(engine: Engine) -> list[str]:
    """The graph runs that still listen or wait: after the run, none may."""
    return sorted(run.label for run in engine.graph_runs if run.active or run.listeners or run.tasks)


async def test_two_switches_in_one_step_leave_only_the_last_scene_active():
    project, main = _project("A", "B")
    _switch_on_start(main, "A", "B")
    engine, records, code, active = await _run(project)
    assert code == 0, lines(records, "error")
    assert lines(records) == ["B started", "B still running"]  # A is never started: B replaced it at once
    assert active == [["B"], ["B"]]
    assert engine.scene.name == "B"
    assert _still_active(engine) == []
    assert pending_tasks() == []


async def test_a_switch_asked_for_while_the_old_scene_is_destroyed_wins_and_only_it_starts():
    project, main = _project("A", "B")
    prefab = _prefab_in_main(project, main)
    prefab.node("elsewhere", "logic.switch_scene", Scene="scene-B")  # asked while Main is being torn down
    prefab.chain("bye", "elsewhere")
    _switch_on_start(main, "A")
    engine, records, code, active = await _run(project)
    assert code == 0, lines(records, "error")
    assert lines(records) == ["X destroyed", "B started", "B still running"]
    assert active[1:] == [["B"], ["B"]]
    assert engine.scene.name == "B"
    assert _still_active(engine) == []
    assert pending_tasks() == []


async def test_a_switch_from_the_new_scenes_start_runs_after_it_and_ends_it():
    project, main = _project("A", "B")
    a = Builder(project, project.graphs["scene-A"])
    a.node("on", "logic.on_scene_start")
    a.node("on-to-b", "logic.switch_scene", Scene="scene-B")
    a.chain("on", "on-to-b")
    _switch_on_start(main, "A")
    engine, records, code, active = await _run(project)
    assert code == 0, lines(records, "error")
    assert lines(records) == ["A started", "B started", "B still running"]  # A's wait was cut by its switch
    assert active == [["A"], ["B"], ["B"]]
    assert _still_active(engine) == []


async def test_stop_during_a_switch_whose_on_destruction_waits_ends_every_run_in_bounded_time():
    project, main = _project("Two")
    prefab = _prefab_in_main(project, main)
    prefab.node("nap", "logic.delay", Seconds=3600.0)  # waits: Stop's check between nodes does not end it
    prefab.node("woke", "logic.console", Value="X woke")
    prefab.chain("bye", "nap", "woke")
    main.node("start", "logic.on_scene_start")
    main.node("seq", "logic.sequential", Outputs=2)
    main.node("long", "logic.delay", Seconds=3600.0)  # the old scene has a branch waiting too
    main.node("go", "logic.switch_scene", Scene="scene-Two")
    main.chain("start", "seq")
    main.link("seq.Then 1", "long.In")
    main.link("seq.Then 2", "go.In")
    engine = Engine(project)
    records: list[ConsoleRecord] = []
    engine.console.connect(records.append)
    await engine.start()
    await eventually(lambda: "X destroyed" in lines(records), what="On Destruction runs (the switch has begun)")
    started = time.monotonic()
    await asyncio.wait_for(engine.stop(), DESTRUCTION_SECONDS + 5)
    took = time.monotonic() - started
    assert took < DESTRUCTION_SECONDS + 2
    assert lines(records) == ["X destroyed"]  # Two never starts, and X's nap was cut
    [warning] = lines(records, "warning")
    assert "still running" in warning
    assert _still_active(engine) == []
    assert pending_tasks() == []


async def test_a_switch_asked_for_while_stopping_does_nothing():
    project, main = _project("Two")
    prefab = _prefab_in_main(project, main)
    prefab.node("elsewhere", "logic.switch_scene", Scene="scene-Two")  # runs while the run stops
    prefab.chain("bye", "elsewhere")
    main.node("start", "logic.on_scene_start")
    main.node("ready", "logic.console", Value="Main started")
    main.node("long", "logic.delay", Seconds=3600.0)
    main.chain("start", "ready", "long")
    engine = Engine(project)
    records: list[ConsoleRecord] = []
    engine.console.connect(records.append)
    await engine.start()
    await eventually(lambda: "Main started" in lines(records))
    await asyncio.wait_for(engine.stop(), DESTRUCTION_SECONDS + 5)
    assert lines(records) == ["Main started", "X destroyed"]  # destroyed once; Two never starts
    assert lines(records, "error") == []
    assert engine.scene.name == "Main"
    assert _still_active(engine) == []
    assert pending_tasks() == []
    engine.request_scene("scene-Two")  # after the run, too: nothing starts
    assert pending_tasks() == [] and lines(records) == ["Main started", "X destroyed"]
