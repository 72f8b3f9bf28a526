"""Switch, Index Switch and Select Data: the chosen output or value, Default, edges and errors."""

from __future__ import annotations

import pytest
from graph_builder import Builder, lines, run_project

from runtime.fileformat import ProjectFileError, dumps, loads
from runtime.model import Project
from runtime.ports import node_ports
from runtime.registry import default_registry


def _switch_on(value, cases: list[str], data_type: str = "String") -> Builder:
    b = Builder()
    b.node("s", "logic.on_project_start")
    b.node("switch", "logic.switch", "State", Cases=cases, Input=value, **{"Data Type": data_type})
    b.link("s.Out", "switch.In")
    for output in [*dict.fromkeys(f"Case: {c}" for c in cases), "Default"]:
        name = output.replace(":", "")
        b.node(name, "logic.console", Value=output)
        b.link(f"switch.{output}", f"{name}.In")
    return b


@pytest.mark.parametrize(("value", "fired"), [
    ("running", "Case: running"), ("idle", "Case: idle"), ("", "Case: "), ("Running", "Default"),
    ("stopped", "Default"), ("état", "Case: état"),
])
async def test_switch_on_a_string_fires_the_matching_case_or_default(value, fired):
    b = _switch_on(value, ["idle", "running", "", "état"])
    code, records = await run_project(b.project)
    assert (code, lines(records)) == (0, [fired])


@pytest.mark.parametrize(("value", "fired"), [(20, "Case: 20"), (-3, "Case: -3"), (10**30, "Case: 1" + "0" * 30),
                                              (7, "Default"), (0, "Default")])
async def test_switch_on_an_int_compares_numbers(value, fired):
    b = _switch_on(value, ["20", "-3", "1" + "0" * 30], "Int")
    code, records = await run_project(b.project)
    assert (code, lines(records)) == (0, [fired])


async def test_a_repeated_case_has_one_output_and_the_first_wins():
    b = _switch_on("a", ["a", "b", "a"])
    ports = node_ports(b.graph.nodes["switch"], default_registry().spec("logic.switch"), b.project, b.graph)
    assert ports.pulse_out == ("Case: a", "Case: b", "Default")
    code, records = await run_project(b.project)
    assert (code, lines(records)) == (0, ["Case: a"])


async def test_an_int_switch_with_a_case_that_is_no_int_is_a_clear_node_error():
    b = _switch_on(3, ["1", "three"], "Int")
    code, records = await run_project(b.project)
    assert (code, lines(records)) == (1, [])
    (error,) = [r for r in records if r.level == "error"]
    assert (error.node_name, error.message) == ("State", "case 'three' is not an Int (Data Type is Int)")


@pytest.mark.parametrize(("index", "fired"), [(0, "Index 0"), (2, "Index 2"), (3, "Default"), (-1, "Default"),
                                              (2**70, "Default")])
async def test_index_switch_fires_the_output_of_the_index_or_default(index, fired):
    b = Builder()
    b.node("s", "logic.on_project_start")
    b.node("switch", "logic.index_switch", Outputs=3, Index=index)
    b.link("s.Out", "switch.In")
    for output in ("Index: 0", "Index: 1", "Index: 2", "Default"):
        name = output.replace(":", "")
        b.node(name, "logic.console", Value=name)
        b.link(f"switch.{output}", f"{name}.In")
    code, records = await run_project(b.project)
    assert (code, lines(records)) == (0, [fired])


async def test_select_data_outputs_the_input_of_the_pulse_that_fired_it():
    b = Builder()
    b.node("s", "logic.on_project_start")
    b.node("seq", "logic.sequential", Outputs=3)
    b.node("select", "logic.select_data", Count=3, **{"Data Type": "String", "Input 1": "first",
                                                      "Input 2": "second", "Input 3": "third"})
    b.node("show", "logic.console")
    b.link("s.Out", "seq.In")
    b.link("seq.Then 1", "select.Pulse 2")
    b.link("seq.Then 2", "select.Pulse 1")
    b.link("seq.Then 3", "select.Pulse 3")
    b.link("select.Out", "show.In")
    b.link("select.Output", "show.Value")
    code, records = await run_project(b.project)
    assert (code, lines(records)) == (0, ["second", "first", "third"])


def test_select_data_sockets_follow_count_and_data_type():
    b = Builder()
    node = b.node("select", "logic.select_data", Count=2, **{"Data Type": "Dictionary"})
    ports = node_ports(node, default_registry().spec("logic.select_data"), b.project, b.graph)
    assert ports.pulse_in == ("Pulse 1", "Pulse 2")
    assert [(n, t.value) for n, t in ports.inputs] == [("Input 1", "Dictionary"), ("Input 2", "Dictionary")]
    assert [(n, t.value) for n, t in ports.outputs] == [("Output", "Dictionary")]


def _switch_file(cases) -> str:
    b = Builder()
    b.node("switch", "logic.switch", Cases=["idle", "run"])
    text = dumps(b.project)
    return text.replace('["idle", "run"]', cases) if cases is not None else text


def test_switch_cases_save_and_load_as_a_json_list_of_strings():
    text = _switch_file(None)
    assert '"Cases": ["idle", "run"]' in text
    project: Project = loads(text)
    assert project.project_graph.nodes["switch"].attributes["Cases"] == ["idle", "run"]


@pytest.mark.parametrize(("cases", "problem"), [
    ('["idle", 3]', "Cases: expected an array of strings"),
    ('"idle"', "Cases: expected an array, found a string"),
    ('["idle", "idle"]', "Cases: each entry names a socket: entries must be unique"),
    ("[]", "Cases: the number of entries must be at least 1 and at most 64, found 0"),
    (str([str(i) for i in range(65)]).replace("'", '"'), "at most 64, found 65"),
])
def test_bad_switch_cases_are_a_clear_load_error(cases, problem):
    with pytest.raises(ProjectFileError) as error:
        loads(_switch_file(cases))
    assert problem in str(error.value)
