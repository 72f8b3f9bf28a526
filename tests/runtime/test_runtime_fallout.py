"""`runtime.fallout`: what a changed declaration leaves on the nodes whose sockets follow it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from graph_builder import lines, run_project

from runtime import fileformat
from runtime.fallout import derived_ports, fallout
from runtime.model import Link, Param
from runtime.registry import default_registry
from runtime.types import DataType

EXAMPLE = Path(__file__).resolve().parents[2] / "assets" / "examples" / "prefabs"


def test_a_removed_prefab_output_and_a_retyped_input_leave_links_and_values_to_remove():
    project, registry = fileformat.load(EXAMPLE), default_registry()
    before = derived_ports(project, registry)
    users = {("scene-main", i) for i in ("apples1", "pears", "apples2")} | \
        {("prefab-counter", "pin"), ("prefab-counter", "pout")}
    assert set(before) >= users  # with the Format Strings (their Values count adds inputs)
    project.graphs["prefab-counter"].set_signature([Param("Step", DataType.STRING)], [])
    found = fallout(project, registry, before)
    assert set(found.changed) == users
    assert found.links == {
        "scene-main": [Link("apples2", "Total", "report", "Value 1"), Link("pears", "Total", "report", "Value 2")],
        "prefab-counter": [Link("pin", "Step", "sum", "B"), Link("set", "Value", "pout", "Total")],
    }
    assert found.values == {}  # Step is still an input (its String value is for the editor to reset)


def test_a_removed_input_leaves_its_stored_values_and_nothing_else_changes():
    project, registry = fileformat.load(EXAMPLE), default_registry()
    before = derived_ports(project, registry)
    project.graphs["prefab-counter"].set_signature([], [Param("Total", DataType.INT)])
    found = fallout(project, registry, before)
    assert found.values == {("scene-main", i): ["Step"] for i in ("apples1", "pears", "apples2")}
    assert found.links == {"prefab-counter": [Link("pin", "Step", "sum", "B")]}
    untouched = fallout(project, registry, derived_ports(project, registry))
    assert (untouched.changed, untouched.links, untouched.values) == ([], {}, {})


def _prefab_file_without_step() -> str:
    """The prefabs example as an older version saved it after removing the prefab's Step input: the
    wire on Prefab Input.Step and the Prefab nodes' Step values stayed in the file."""
    data = json.loads(EXAMPLE.joinpath("project.pulse.json").read_text())
    prefab = next(g for g in data["graphs"] if g["id"] == "prefab-counter")
    prefab["inputs"] = []
    return json.dumps(data)


def test_a_file_with_a_wire_on_a_gone_parameter_loads_without_it_and_says_where():
    project = fileformat.loads(_prefab_file_without_step(), "old.pulse.json")
    assert Link("pin", "Step", "sum", "B") not in project.graphs["prefab-counter"].links
    assert len(project.graphs["prefab-counter"].links) == 9  # the other connections are all there
    [warning] = project.load_warnings
    assert warning == ("old.pulse.json: $.graphs[2].connections[4]: graph 'Counter': dropped the connection "
                       "Prefab Input (pin).Step -> Add (sum).B: 'Prefab Input' has no output 'Step'")
    again = fileformat.loads(fileformat.dumps(project))
    assert again.load_warnings == [] and again == project  # saved, the repair is for good


async def test_a_file_with_a_wire_of_a_retyped_parameter_loads_without_it_and_runs():
    data = json.loads(EXAMPLE.joinpath("project.pulse.json").read_text())
    next(g for g in data["graphs"] if g["id"] == "prefab-counter")["outputs"][0]["type"] = "Bool"
    project = fileformat.loads(json.dumps(data))
    assert project.load_warnings == [
        "<project>: $.graphs[2].connections[6]: graph 'Counter': dropped the connection Set Variable (set).Value "
        "-> Prefab Output (pout).Total: type mismatch: Set Variable.Value is Int, Prefab Output.Total takes Bool"]
    # the scene's Prefab nodes' Total (now Bool) still feeds Format String, which takes any type
    assert Link("apples2", "Total", "report", "Value 1") in project.graphs["scene-main"].links
    code, records = await run_project(project)
    assert code == 0 and "apples false, pears false" in lines(records)  # Prefab Output.Total: Bool's default


def test_a_wire_to_a_socket_a_fixed_node_lacks_is_still_a_load_error():
    data = json.loads(EXAMPLE.joinpath("project.pulse.json").read_text())
    next(g for g in data["graphs"] if g["id"] == "prefab-counter")["connections"][3]["to"] = ["sum", "C"]
    with pytest.raises(fileformat.ProjectFileError, match=r"connections\[3\]: 'Add' has no input 'C'"):
        fileformat.loads(json.dumps(data))
