"""String, Array and Dictionary nodes in running graphs: errors end only their branch, values on wires
are never changed behind a reader's back, and changing nodes keep the value of their pulse."""

from __future__ import annotations

import pytest
from graph_builder import Builder, lines, run_project

from runtime.fileformat import dumps, loads
from runtime.model import Variable
from runtime.ports import node_ports
from runtime.registry import default_registry
from runtime.types import DataType

TELEMETRY = '{"speed": 42, "alerts": ["overheat"], "state": "driving"}'


async def test_the_issue_example_first_alert_and_slow_down():
    """"when the server sends {"speed": 42, "alerts": ["overheat"]}, show the first alert and send
    slow-down when speed >= 40": JSON Parse, Get Nested Element and Get Dictionary Element do it."""
    b = Builder()
    b.node("s", "logic.on_project_start")
    b.node("parse", "logic.json_parse", Type="Dictionary", Input=TELEMETRY)
    b.node("alert", "logic.get_nested_element", Type="String", Path="alerts/0")
    b.node("speed", "logic.get_dictionary_element", Type="Int", Key="speed")
    b.node("fast", "logic.compare", Type="Int", Operator=">=", B=40)
    b.node("show", "logic.console")
    b.node("if", "logic.branch")
    b.node("send", "logic.console", Value="slow-down")
    b.chain("s", "show", "if")
    b.link("if.True", "send.In")
    b.link("parse.Output", "alert.Data")
    b.link("parse.Output", "speed.Dictionary")
    b.link("alert.Value", "show.Value")
    b.link("speed.Value", "fast.A")
    b.link("fast.Result", "if.Condition")
    code, records = await run_project(b.project)
    assert (code, lines(records)) == (0, ["overheat", "slow-down"])


@pytest.mark.parametrize(("type_id", "attributes", "output", "message"), [
    ("logic.json_parse", {"Input": '{"speed" 42}'}, "Output",
     "JSON syntax error at line 1, column 10 (position 9): Expecting ':' delimiter"),
    ("logic.get_array_element", {"Index": 3}, "Value", "Index 3 is out of range for an Array of 0"),
    ("logic.format_array", {"Pattern": "%d"}, "Formatted", "more specifiers than the 0 values"),
    ("logic.substring", {"Source": "abc", "Start index": 9}, "Substring", 'Start index 9 is outside "abc"'),
    ("logic.replace_regex", {"Regex": "(("}, "Output", 'Regex "((" is not a valid regular expression'),
])
async def test_a_bad_input_is_an_error_on_its_node_and_the_run_goes_on(type_id, attributes, output, message):
    b = Builder()
    b.node("s", "logic.on_project_start")
    b.node("bad", type_id, "Faulty node", **attributes)
    b.node("show", "logic.console")
    b.node("after", "logic.console", Value="not reached")
    b.chain("s", "show", "after")
    b.link(f"bad.{output}", "show.Value")
    b.node("s2", "logic.on_project_start")
    b.node("other", "logic.console", Value="other branch ran")
    b.chain("s2", "other")
    code, records = await run_project(b.project)
    errors = [r for r in records if r.level == "error"]
    assert len(errors) == 1 and message in errors[0].message
    assert (errors[0].node_id, errors[0].node_name) == ("bad", "Faulty node")
    assert lines(records) == ["other branch ran"]  # the failing branch ended; the other one ran
    assert code == 1


async def test_an_action_error_ends_its_branch():
    b = Builder()
    b.node("s", "logic.on_project_start")
    b.node("pop", "logic.pop_array_element", "Pop queue")
    b.node("after", "logic.console", Value="not reached")
    b.chain("s", "pop", "after")
    _, records = await run_project(b.project)
    assert lines(records) == []
    error = next(r for r in records if r.level == "error")
    assert error.node_name == "Pop queue" and "Array is empty" in error.message


async def test_changing_nodes_never_change_the_array_another_node_reads():
    """A variable's Array feeds Push and Set Array Element; the variable and the other reader still
    see the original value."""
    b = Builder()
    b.project.variables.append(Variable("queue", DataType.ARRAY, ["a"]))
    b.node("s", "logic.on_project_start")
    b.node("get", "logic.get_variable", Variable="queue")
    b.node("push", "logic.push_array_element", Value="b")
    b.node("set", "logic.set_array_element", Index=0, Value="z")
    b.node("show_push", "logic.console")
    b.node("show_set", "logic.console")
    b.node("show_var", "logic.console")
    b.chain("s", "push", "set", "show_push", "show_set", "show_var")
    b.link("get.Value", "push.Array")
    b.link("get.Value", "set.Array")
    b.link("push.Array", "show_push.Value")
    b.link("set.Array", "show_set.Value")
    b.link("get.Value", "show_var.Value")
    _, records = await run_project(b.project)
    assert lines(records) == ['["a", "b"]', '["z"]', '["a"]']


async def test_a_changing_node_keeps_the_value_of_its_pulse():
    """Push → Set Variable(queue = Push.Array) → Console(Push.Array): the Console shows what Push made
    when the pulse passed, not a second push onto the new value."""
    b = Builder()
    b.project.variables.append(Variable("queue", DataType.ARRAY, []))
    b.node("s", "logic.on_project_start")
    b.node("loop", "logic.for_loop", **{"First Index": 1, "Last Index": 3})
    b.node("get", "logic.get_variable", Variable="queue")
    b.node("push", "logic.push_array_element")
    b.node("set", "logic.set_variable", Variable="queue")
    b.node("show", "logic.console")
    b.link("s.Out", "loop.In")
    b.link("loop.Loop Body", "push.In")
    b.chain("push", "set", "show")
    b.link("get.Value", "push.Array")
    b.link("loop.Index", "push.Value")
    b.link("push.Array", "set.Value")
    b.link("push.Array", "show.Value")
    _, records = await run_project(b.project)
    assert lines(records) == ["[1]", "[1, 2]", "[1, 2, 3]"]


async def test_a_literal_array_is_not_changed_by_a_run():
    b = Builder()
    b.node("s", "logic.on_project_start")
    b.node("lit", "logic.literal_array", Value=[1])
    b.node("push", "logic.push_array_element", Value=2)
    b.chain("s", "push")
    b.link("lit.Value", "push.Array")
    await run_project(b.project)
    assert b.graph.nodes["lit"].attributes["Value"] == [1]


@pytest.mark.parametrize(("type_id", "count", "prefix", "data_type"), [
    ("logic.concat", "Inputs", "Input", DataType.STRING),
    ("logic.format_string", "Values", "Value", DataType.ANY),
    ("logic.concat_arrays", "Count", "Array", DataType.ARRAY),
    ("logic.merge_dictionaries", "Count", "Dictionary", DataType.DICTIONARY),
])
def test_counted_nodes_have_the_sockets_their_count_asks_for(type_id, count, prefix, data_type):
    spec = default_registry().spec(type_id)
    attribute = spec.attribute(count)
    assert (attribute.sockets, attribute.minimum, attribute.maximum) == (True, 1, 64)
    b = Builder()
    for value, expected in ((1, 1), (5, 5), (0, 1), (1000, 64), ("bad", attribute.default)):
        node = b.node(f"n{value}", type_id, **{count: value})
        inputs = [(n, t) for n, t in node_ports(node, spec, b.project, b.graph).inputs if n.startswith(prefix)]
        assert inputs == [(f"{prefix} {i}", data_type) for i in range(1, expected + 1)]


async def test_format_string_old_files_keep_their_three_values():
    """A Format String saved before it had a Values count still has Value 1 to 3, with their values."""
    b = Builder()
    b.node("s", "logic.on_project_start")
    node = b.node("fmt", "logic.format_string", Template="{1}{2}{3}")
    del node.attributes["Values"]
    node.attributes.update({"Value 1": "a", "Value 2": 2, "Value 3": True})
    b.node("show", "logic.console")
    b.chain("s", "show")
    b.link("fmt.Result", "show.Value")
    _, records = await run_project(b.project)
    assert lines(records) == ["a2true"]


def test_values_of_counted_inputs_survive_a_save_and_a_misfit_falls_back_to_the_default():
    b = Builder()
    b.node("c", "logic.concat", Inputs=3, **{"Input 3": "tail"})
    text = dumps(b.project)
    assert loads(text).project_graph.nodes["c"].attributes["Input 3"] == "tail"
    assert "Input 3" not in loads(text.replace('"tail"', "3")).project_graph.nodes["c"].attributes
