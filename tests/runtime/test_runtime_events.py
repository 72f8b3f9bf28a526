"""Custom events with typed parameters (declared in the project's Events list) and On Variable Set."""

from __future__ import annotations

import json

import pytest
from graph_builder import Builder, lines, run_project

from runtime.fileformat import ProjectFileError, dumps, loads
from runtime.model import CustomEvent, Param, Variable
from runtime.ports import node_ports
from runtime.registry import default_registry
from runtime.types import DataType


def _alarm_project():
    """A Trigger of "alarm" (Level Int, Where String, Data Dictionary) fed by literals and defaults;
    two Listeners print what arrives."""
    b = Builder()
    b.project.events = [CustomEvent("alarm", [Param("Level", DataType.INT), Param("Where", DataType.STRING),
                                              Param("Data", DataType.DICTIONARY)])]
    b.node("s", "logic.on_project_start")
    b.node("level", "logic.literal_int", Value=3)
    b.node("t", "logic.custom_event_trigger", Event="alarm", Where="hall", Data={"t": 21.5})
    b.link("level.Value", "t.Level")
    b.chain("s", "t")
    b.node("l", "logic.custom_event_listener", Event="alarm")
    b.node("fmt", "logic.format_string", Template="{1} in {2}: {3}")
    b.link("l.Level", "fmt.Value 1")
    b.link("l.Where", "fmt.Value 2")
    b.link("l.Data", "fmt.Value 3")
    b.node("show", "logic.console")
    b.link("l.Out", "show.In")
    b.link("fmt.Result", "show.Value")
    b.node("l2", "logic.custom_event_listener", Event="alarm")
    b.node("show2", "logic.console")
    b.link("l2.Out", "show2.In")
    b.link("l2.Level", "show2.Value")
    return b.project


def test_trigger_and_listener_sockets_follow_the_declaration():
    project = _alarm_project()
    graph, registry = project.project_graph, default_registry()
    trigger, listener = graph.nodes["t"], graph.nodes["l"]
    expected = (("Level", DataType.INT), ("Where", DataType.STRING), ("Data", DataType.DICTIONARY))
    assert node_ports(trigger, registry.spec(trigger.type), project, graph).inputs == expected
    assert node_ports(listener, registry.spec(listener.type), project, graph).outputs == expected


async def test_parameters_travel_typed_and_survive_a_file_round_trip():
    project = loads(dumps(_alarm_project()))
    assert project.events == _alarm_project().events
    assert json.loads(dumps(project))["events"][0] == {
        "name": "alarm", "parameters": [{"name": "Level", "type": "Int"}, {"name": "Where", "type": "String"},
                                        {"name": "Data", "type": "Dictionary"}]}
    code, records = await run_project(project)
    assert sorted(lines(records)) == sorted(['3 in hall: {"t": 21.5}', "3"]) and code == 0


def test_a_connection_to_an_undeclared_parameter_is_dropped_with_a_warning():
    data = json.loads(dumps(_alarm_project()))
    data["events"][0]["parameters"].pop(0)  # Level goes, its connections stay in the file
    project = loads(json.dumps(data))
    assert not any("Level" in (k.input, k.output) for k in project.project_graph.links)
    assert len(project.load_warnings) == 3 and all("Level" in w for w in project.load_warnings)
    assert "has no input 'Level'" in "".join(project.load_warnings)


def test_duplicate_event_or_parameter_names_are_load_errors():
    data = json.loads(dumps(_alarm_project()))
    data["events"].append({"name": "alarm", "parameters": []})
    with pytest.raises(ProjectFileError, match=r"\$\.events\[1\]\.name: duplicate event name 'alarm'"):
        loads(json.dumps(data))
    data["events"] = [{"name": "x", "parameters": [{"name": "a", "type": "Int"}, {"name": "a", "type": "Int"}]}]
    with pytest.raises(ProjectFileError, match="duplicate parameter name 'a'"):
        loads(json.dumps(data))


async def test_files_from_before_parameters_keep_their_payload():
    """A file written when custom events had one `Payload` typed by `Payload Type` loads and runs as before."""
    b = Builder()
    b.node("s", "logic.on_project_start")
    b.node("t", "logic.custom_event_trigger", Event="ping", Payload=7)
    b.node("l", "logic.custom_event_listener", Event="ping")
    b.node("show", "logic.console")
    b.chain("s", "t")
    b.link("l.Out", "show.In")
    data = json.loads(dumps(b.project))
    for node in data["graphs"][0]["nodes"]:
        if node["type"].startswith("logic.custom_event"):
            node["attributes"]["Payload Type"] = "Int"
    data["graphs"][0]["connections"].append({"from": ["l", "Payload"], "to": ["show", "Value"]})
    project = loads(json.dumps(data))
    assert project.events == [CustomEvent("ping", [Param("Payload", DataType.INT)])]
    assert "Payload Type" not in project.project_graph.nodes["t"].attributes
    _, records = await run_project(project)
    assert lines(records) == ["7"]


async def test_undeclared_event_still_fires_without_values():
    b = Builder()
    b.node("s", "logic.on_project_start")
    b.node("t", "logic.custom_event_trigger", Event="go")
    b.node("l", "logic.custom_event_listener", Event="go")
    b.node("show", "logic.console", Value="heard")
    b.chain("s", "t")
    b.link("l.Out", "show.In")
    _, records = await run_project(b.project)
    assert lines(records) == ["heard"]


async def test_on_variable_set_fires_on_every_set_and_change_only_on_a_change():
    b = Builder()
    b.project.variables.append(Variable("speed", DataType.INT, 0))
    b.node("s", "logic.on_project_start")
    b.node("set1", "logic.set_variable", Variable="speed", Value=5)
    b.node("set2", "logic.set_variable", Variable="speed", Value=5)
    b.chain("s", "set1", "set2")
    for kind in ("set", "change"):
        b.node(kind, f"logic.on_variable_{kind}", Variable="speed")
        b.node(f"fmt_{kind}", "logic.format_string", Template=f"{kind} {{1}} (was {{2}})")
        b.link(f"{kind}.Value", f"fmt_{kind}.Value 1")
        b.link(f"{kind}.Old Value", f"fmt_{kind}.Value 2")
        b.node(f"show_{kind}", "logic.console")
        b.link(f"{kind}.Out", f"show_{kind}.In")
        b.link(f"fmt_{kind}.Result", f"show_{kind}.Value")
    _, records = await run_project(b.project)
    assert lines(records) == ["change 5 (was 0)", "set 5 (was 0)", "set 5 (was 5)"]


@pytest.mark.parametrize(("attributes", "problem"), [
    ({"Outputs": 0}, "the value must be at least 1 and at most 64, found 0"),
    ({"Outputs": 65}, "the value must be at least 1 and at most 64, found 65"),
])
def test_socket_counts_are_checked_at_load(attributes, problem):
    b = Builder()
    b.node("seq", "logic.sequential", **attributes)
    with pytest.raises(ProjectFileError, match=r"\$\.graphs\[0\]\.nodes\[0\]\.attributes\.Outputs: " + problem):
        loads(dumps(b.project))
