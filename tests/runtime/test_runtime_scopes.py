"""Functions, scenes, prefab instances, variable watching and Stop Runtime."""

from __future__ import annotations

from graph_builder import Builder, lines, run_project

from runtime.model import Graph, Param, PrefabInstance, Variable
from runtime.specs import Scope
from runtime.types import DataType


def _square_function(project) -> Graph:
    fn = Graph("fn-square", Scope.FUNCTION, "Square", inputs=[Param("x", DataType.INT)],
               outputs=[Param("y", DataType.INT)])
    project.add_graph(fn)
    f = Builder(project, fn)
    f.node("in", "logic.function_input")
    f.node("mul", "logic.multiply", Type="Int")
    f.node("wait", "logic.delay", Seconds=0.01)
    f.node("out", "logic.function_output")
    f.chain("in", "wait", "out")
    f.link("in.x", "mul.A")
    f.link("in.x", "mul.B")
    f.link("mul.Result", "out.y")
    return fn


async def test_function_call_returns_its_outputs_even_across_a_delay():
    b = Builder()
    _square_function(b.project)
    b.node("s", "logic.on_project_start")
    b.node("call", "logic.function_call", Function="fn-square", x=6)
    b.node("show", "logic.console")
    b.chain("s", "call", "show")
    b.link("call.y", "show.Value")
    code, records = await run_project(b.project)
    assert (code, lines(records)) == (0, ["36"])


async def test_concurrent_calls_of_one_function_do_not_share_state():
    b = Builder()
    _square_function(b.project)
    b.node("s", "logic.on_project_start")
    b.node("seq", "logic.sequential", Outputs=1)
    b.node("t", "logic.custom_event_trigger", Event="go")
    b.node("l1", "logic.custom_event_listener", Event="go")
    b.node("l2", "logic.custom_event_listener", Event="go")
    for i, x in ((1, 3), (2, 4)):
        b.node(f"call{i}", "logic.function_call", Function="fn-square", x=x)
        b.node(f"show{i}", "logic.console")
        b.chain(f"l{i}", f"call{i}", f"show{i}")
        b.link(f"call{i}.y", f"show{i}.Value")
    b.chain("s", "t")
    _, records = await run_project(b.project)
    assert sorted(lines(records)) == ["16", "9"]


async def test_switch_scene_stops_old_scene_logic_and_starts_the_new_one():
    b = Builder()
    project = b.project
    second = Graph("scene-two", Scope.SCENE, "Two")
    project.add_graph(second)
    main = Builder(project, project.graphs["scene-main"])
    main.node("start", "logic.on_scene_start")
    main.node("hello", "logic.console", Value="main started")
    main.node("switch", "logic.switch_scene", Scene="scene-two")
    main.node("wait", "logic.delay", Seconds=0.05)
    main.node("never", "logic.console", Value="main still running")
    main.node("fork", "logic.custom_event_trigger", Event="fork")
    main.node("forked", "logic.custom_event_listener", Event="fork")
    main.chain("start", "hello", "fork", "switch")
    main.chain("forked", "wait", "never")
    two = Builder(project, second)
    two.node("start", "logic.on_scene_start")
    two.node("hi", "logic.console", Value="two started")
    two.chain("start", "hi")
    code, records = await run_project(project)
    assert code == 0
    assert lines(records) == ["main started", "two started"]


async def test_each_prefab_instance_has_its_own_variables():
    b = Builder()
    project = b.project
    prefab = Graph("prefab-counter", Scope.PREFAB, "Counter", variables=[Variable("hits", DataType.INT, 0)])
    project.add_graph(prefab)
    project.graphs["scene-main"].instances = [PrefabInstance("A", prefab.id), PrefabInstance("B", prefab.id)]
    p = Builder(project, prefab)
    p.node("start", "logic.on_scene_start")
    p.node("get", "logic.get_variable", Variable="hits")
    p.node("add", "logic.add", Type="Int", B=1)
    p.node("set", "logic.set_variable", Variable="hits")
    p.node("show", "logic.console")
    p.chain("start", "set", "show")
    p.link("get.Value", "add.A")
    p.link("add.Result", "set.Value")
    p.link("get.Value", "show.Value")
    _, records = await run_project(project)
    assert lines(records) == ["1", "1"]
    assert [r.graph for r in records] == ["Main/A", "Main/B"]


async def test_on_variable_change_fires_only_on_a_real_change():
    b = Builder()
    b.project.variables.append(Variable("mode", DataType.STRING, "idle"))
    b.node("s", "logic.on_project_start")
    b.node("set1", "logic.set_variable", Variable="mode", Value="busy")
    b.node("set2", "logic.set_variable", Variable="mode", Value="busy")
    b.node("watch", "logic.on_variable_change", Variable="mode")
    b.node("fmt", "logic.format_string", Template="{1} -> {2}")
    b.node("show", "logic.console")
    b.chain("s", "set1", "set2")
    b.link("watch.Out", "show.In")
    b.link("watch.Old Value", "fmt.Value 1")
    b.link("watch.Value", "fmt.Value 2")
    b.link("fmt.Result", "show.Value")
    _, records = await run_project(b.project)
    assert lines(records) == ["idle -> busy"]


async def test_stop_runtime_ends_the_run_with_its_exit_code():
    b = Builder()
    b.node("s", "logic.on_project_start")
    b.node("stop", "logic.stop_runtime", **{"Exit Code": 3})
    b.node("wait", "logic.delay", Seconds=30.0)
    b.node("seq", "logic.sequential", Outputs=2)
    b.link("s.Out", "seq.In")
    b.link("seq.Then 1", "stop.In")
    b.link("seq.Then 2", "wait.In")
    code, _ = await run_project(b.project, timeout=5)
    assert code == 3
