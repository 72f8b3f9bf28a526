"""Prefab logic: the Prefab node, Prefab Input / Output, On Creation / On Destruction, stepping into an instance."""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from graph_builder import Builder, lines, pending_tasks, run_project
from runaway_projects import stubborn_destruction
from waiting import eventually

from runtime import fileformat
from runtime.engine.debugger import Debugger
from runtime.engine.engine import DESTRUCTION_SECONDS, Engine
from runtime.model import Graph, Param, PrefabInstance, Project, Variable
from runtime.specs import Scope
from runtime.types import DataType

ROOT = Path(__file__).resolve().parents[2]


def _adder_project(instances: tuple[str, ...] = ("Acc",)) -> tuple[Project, Builder, Builder]:
    """A prefab "Accumulator" (input Add: Int, output Total: Int, a variable total) and a scene holding
    `instances` of it. Its logic: Prefab Input -> total += Add -> Prefab Output(Total = total)."""
    project = Project.new("Prefabs")
    prefab = Graph("prefab-acc", Scope.PREFAB, "Accumulator", inputs=[Param("Add", DataType.INT)],
                   outputs=[Param("Total", DataType.INT)], variables=[Variable("total", DataType.INT, 0)])
    project.add_graph(prefab)
    scene = project.graphs["scene-main"]
    scene.instances = [PrefabInstance(name, prefab.id) for name in instances]
    p = Builder(project, prefab)
    p.node("pin", "logic.prefab_input")
    p.node("get", "logic.get_variable", Variable="total")
    p.node("sum", "logic.add", Type="Int")
    p.node("set", "logic.set_variable", Variable="total")
    p.node("pout", "logic.prefab_output")
    p.chain("pin", "set", "pout")
    p.link("get.Value", "sum.A")
    p.link("pin.Add", "sum.B")
    p.link("sum.Result", "set.Value")
    p.link("set.Value", "pout.Total")
    return project, p, Builder(project, scene)


def _calls_on_scene_start(s: Builder, *calls: tuple[str, str, int]) -> None:
    """On Scene Start, then for each (node id, instance, add) a Prefab node running that instance with Add
    = add and a Console "<id>-say" printing its Total."""
    s.node("start", "logic.on_scene_start")
    previous = "start"
    for node_id, instance, add in calls:
        s.node(node_id, "logic.prefab", Instance=instance, Add=add)
        s.node(f"{node_id}-say", "logic.console")
        s.link(f"{node_id}.Total", f"{node_id}-say.Value")
        s.chain(previous, node_id, f"{node_id}-say")
        previous = f"{node_id}-say"


async def test_prefab_node_passes_inputs_in_and_returns_the_prefab_outputs():
    project, _, s = _adder_project()
    _calls_on_scene_start(s, ("c1", "Acc", 5), ("c2", "Acc", 10))
    code, records = await run_project(project)
    assert code == 0, lines(records, "error")
    assert lines(records) == ["5", "15"]  # the instance keeps its own variable from one run to the next


async def test_each_instance_is_its_own_object():
    project, _, s = _adder_project(("A", "B"))
    _calls_on_scene_start(s, ("a1", "A", 1), ("b1", "B", 100), ("a2", "A", 2))
    code, records = await run_project(project)
    assert code == 0 and lines(records) == ["1", "100", "3"]


async def test_prefab_node_waits_for_a_branch_that_waits_inside_the_instance():
    project, p, s = _adder_project()
    p.graph.remove_link(next(k for k in p.graph.links if k.source == "set" and k.output == "Out"))
    p.node("pause", "logic.delay", Seconds=0.05)
    p.chain("set", "pause", "pout")
    _calls_on_scene_start(s, ("c1", "Acc", 7))
    code, records = await run_project(project)
    assert code == 0 and lines(records) == ["7"]


async def test_a_prefab_node_naming_no_instance_fails_on_that_node_only():
    project, _, s = _adder_project()
    s.node("start", "logic.on_scene_start")
    s.node("bad", "logic.prefab", Instance="Nobody")
    s.node("other", "logic.on_scene_start")
    s.node("still", "logic.console", Value="still running")
    s.chain("start", "bad")
    s.chain("other", "still")
    code, records = await run_project(project)
    assert code == 1
    assert lines(records) == ["still running"]
    [error] = [r for r in records if r.level == "error"]
    assert error.node_id == "bad" and "no prefab instance named 'Nobody'" in error.message


async def test_prefab_without_prefab_input_is_a_clear_error():
    project, p, s = _adder_project()
    p.graph.remove_node("pin")
    s.node("start", "logic.on_scene_start")
    s.node("call", "logic.prefab", Instance="Acc")
    s.chain("start", "call")
    _, records = await run_project(project)
    [error] = [r.message for r in records if r.level == "error"]
    assert "has no Prefab Input node" in error


def _lifecycle_project() -> Project:
    """Scenes One (instances X, Y of prefab Life) and Two (instance Z). Life prints on creation, scene start
    and destruction; scene One switches to Two on start, after printing."""
    project = Project.new("Lifecycle")
    one = project.graphs["scene-main"]
    one.rename("One")
    two = Graph("scene-two", Scope.SCENE, "Two")
    project.add_graph(two)
    life = Graph("prefab-life", Scope.PREFAB, "Life")
    project.add_graph(life)
    one.instances = [PrefabInstance("X", life.id), PrefabInstance("Y", life.id)]
    two.instances = [PrefabInstance("Z", life.id)]
    p = Builder(project, life)
    for event, text in [("on_creation", "created"), ("on_scene_start", "scene start"),
                        ("on_destruction", "destroyed")]:
        p.node(event, f"logic.{event}")
        p.node(f"say-{event}", "logic.console", Value=text)
        p.chain(event, f"say-{event}")
    s = Builder(project, one)
    s.node("start", "logic.on_scene_start")
    s.node("say", "logic.console", Value="one starts")
    s.node("go", "logic.switch_scene", Scene="scene-two")
    s.chain("start", "say", "go")
    return project


async def test_on_creation_fires_before_scene_start_and_on_destruction_when_the_scene_is_left_or_the_run_ends():
    code, records = await run_project(_lifecycle_project())
    assert code == 0, lines(records, "error")
    said = [(r.graph, r.message) for r in records if r.level == "info"]
    assert said == [
        ("One/X", "created"), ("One/Y", "created"),
        ("One", "one starts"), ("One/X", "scene start"), ("One/Y", "scene start"),
        ("One/X", "destroyed"), ("One/Y", "destroyed"),  # Switch Scene leaves One
        ("Two/Z", "created"), ("Two/Z", "scene start"),
        ("Two/Z", "destroyed"),  # nothing is left to do: the run ends
    ]


async def test_a_runaway_on_destruction_cannot_hang_stop():
    records = []
    engine = Engine(stubborn_destruction())
    engine.console.connect(records.append)
    await engine.start()
    await asyncio.sleep(0.05)
    started = time.monotonic()
    await asyncio.wait_for(engine.stop(), 10)
    took = time.monotonic() - started
    assert DESTRUCTION_SECONDS * 0.9 <= took < DESTRUCTION_SECONDS + 2
    assert lines(records) == ["looping", "destroying"]
    [warning] = [r for r in records if r.level == "warning"]
    assert warning.node_id == "bye" and "still running" in warning.message
    assert pending_tasks() == []


async def test_a_runaway_on_destruction_cannot_hang_a_timeout():
    code, records = await asyncio.wait_for(run_project(stubborn_destruction(), timeout=0.2), 10)
    assert code == 0 and lines(records) == ["looping", "destroying"]
    assert pending_tasks() == []


def _pulse_run(tmp_path: Path, *args: str) -> subprocess.Popen[str]:
    path = tmp_path / "stubborn.json"
    fileformat.save(stubborn_destruction(), path)
    process = subprocess.Popen([sys.executable, "-m", "runtime.cli", str(path), *args], cwd=ROOT, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stdout.readline() == "looping\n"
    return process


def _ends_bounded(process: subprocess.Popen[str], after: float) -> str:
    try:
        process.wait(timeout=after + DESTRUCTION_SECONDS + 10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        pytest.fail("the run did not end")
    assert process.returncode == 0
    assert process.stdout is not None
    return process.stdout.read()


def test_pulse_run_timeout_ends_a_run_whose_on_destruction_runs_away(tmp_path):
    assert "destroying" in _ends_bounded(_pulse_run(tmp_path, "--timeout", "0.3"), 0.3)


def test_sigterm_ends_a_run_whose_on_destruction_runs_away(tmp_path):
    process = _pulse_run(tmp_path)
    process.send_signal(signal.SIGTERM)
    assert "destroying" in _ends_bounded(process, 0)


async def test_step_over_a_prefab_node_and_step_into_the_instance():
    project, _, s = _adder_project()
    _calls_on_scene_start(s, ("c1", "Acc", 1), ("c2", "Acc", 2))
    debugger = Debugger({"c1"})
    stops: list[str] = []
    debugger.paused.connect(lambda inst, inputs: stops.append(inst.id))
    engine = Engine(project, hook=debugger)
    await engine.start()

    async def settle() -> None:
        for _ in range(5):
            await asyncio.sleep(0)

    await settle()
    assert stops == ["c1"]
    debugger.step()  # over the Prefab node: the instance's nodes run without stopping
    await settle()
    assert stops == ["c1", "c1-say"]
    debugger.step()
    await settle()
    assert stops[-1] == "c2"
    debugger.step_into()
    await settle()
    assert stops[-1] == "pin" and debugger.paused_at.run.graph.id == "prefab-acc"
    debugger.step()
    await settle()
    assert stops[-1] == "set"
    debugger.step_out()  # back in the scene, after the Prefab node
    await settle()
    assert stops[-1] == "c2-say"
    debugger.resume()
    assert await engine.finished(2) == 0


def test_prefab_inputs_and_outputs_survive_a_save_and_load(tmp_path):
    project, _, s = _adder_project()
    s.node("call", "logic.prefab", Instance="Acc", Add=3)
    path = tmp_path / "p.json"
    fileformat.save(project, path)
    loaded = fileformat.load(path)
    prefab = loaded.graphs["prefab-acc"]
    assert prefab.inputs == [Param("Add", DataType.INT)] and prefab.outputs == [Param("Total", DataType.INT)]
    assert loaded.graphs["scene-main"].nodes["call"].attributes["Instance"] == "Acc"
    assert loaded == project


async def test_stop_during_a_scene_switch_leaves_no_destruction_handler_behind():
    project = stubborn_destruction()
    prefab = Builder(project, project.graphs["prefab-stubborn"])
    prefab.graph.remove_node("ping")
    prefab.node("nap", "logic.delay", Seconds=3600.0)  # a handler that waits: Stop's check does not end it
    prefab.chain("say", "nap")
    project.add_graph(Graph("scene-two", Scope.SCENE, "Two"))
    engine = Engine(project)
    said: list[str] = []
    engine.console.connect(lambda record: said.append(record.message))
    await engine.start()
    switching = asyncio.ensure_future(engine.switch_scene("Two"))
    await eventually(lambda: "destroying" in said)  # On Destruction is waiting, in its second of grace
    await asyncio.wait_for(engine.stop(), 5)
    switching.cancel()
    await asyncio.gather(switching, return_exceptions=True)
    assert pending_tasks() == []
