"""Per-node behaviour of the core pack, each node run in a real engine."""

from __future__ import annotations

import pytest
from graph_builder import Builder, evaluate, lines, run_project

from runtime.model import Variable
from runtime.types import DataType

PURE_CASES = [
    ("logic.add", {"Type": "Int", "A": 2, "B": 3}, "Result", "5"),
    ("logic.add", {"Type": "Float", "A": 0.5, "B": 0.25}, "Result", "0.75"),
    ("logic.subtract", {"Type": "Int", "A": 2, "B": 5}, "Result", "-3"),
    ("logic.multiply", {"Type": "Float", "A": 1.5, "B": 2.0}, "Result", "3.0"),
    ("logic.divide", {"Type": "Int", "A": -7, "B": 2}, "Result", "-3"),
    ("logic.divide", {"Type": "Float", "A": 1.0, "B": 4.0}, "Result", "0.25"),
    ("logic.modulo", {"Type": "Int", "A": -7, "B": 3}, "Result", "-1"),
    ("logic.compare", {"Type": "Int", "Operator": "<=", "A": 3, "B": 3}, "Result", "true"),
    ("logic.compare", {"Type": "String", "Operator": "!=", "A": "a", "B": "b"}, "Result", "true"),
    ("logic.and", {"A": True, "B": False}, "Result", "false"),
    ("logic.or", {"A": True, "B": False}, "Result", "true"),
    ("logic.not", {"Value": False}, "Result", "true"),
    ("logic.concat", {"A": "pulse ", "B": "studio"}, "Result", "pulse studio"),
    ("logic.format_string", {"Template": "{2}-{1}", "Value 1": "a", "Value 2": [1, 2]}, "Result", "[1, 2]-a"),
    ("logic.to_string", {"Value": {"k": True}}, "Result", '{"k": true}'),
    ("logic.parse_number", {"Type": "Int", "Text": " 42 "}, "Number", "42"),
    ("logic.to_float", {"Value": 3}, "Result", "3.0"),
    ("logic.to_int", {"Rounding": "Round", "Value": 2.6}, "Result", "3"),
    ("logic.to_int", {"Rounding": "Floor", "Value": -2.5}, "Result", "-3"),
    ("logic.literal_bool", {"Value": True}, "Value", "true"),
    ("logic.literal_int", {"Value": 7}, "Value", "7"),
    ("logic.literal_float", {"Value": 7.5}, "Value", "7.5"),
    ("logic.literal_string", {"Value": "hi"}, "Value", "hi"),
    ("logic.literal_array", {"Value": [1, "a"]}, "Value", '[1, "a"]'),
    ("logic.literal_dictionary", {"Value": {"a": 1}}, "Value", '{"a": 1}'),
]


@pytest.mark.parametrize(("type_id", "attributes", "output", "expected"), PURE_CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(PURE_CASES)])
async def test_pure_node(type_id, attributes, output, expected):
    printed, errors = await evaluate(type_id, output, **attributes)
    assert (printed, errors) == ([expected], [])


ERROR_CASES = [
    ("logic.divide", {"Type": "Int", "A": 1, "B": 0}, "Result", "division by zero"),
    ("logic.modulo", {"Type": "Float", "A": 1.0, "B": 0.0}, "Result", "modulo by zero"),
    ("logic.parse_number", {"Type": "Float", "Text": "abc"}, "Number", "'abc' is not a valid Float"),
    ("logic.compare", {"Type": "Bool", "Operator": "<"}, "Result", "Bool values can only be compared"),
    ("logic.format_string", {"Template": "{4}"}, "Result", "only values 1 to 3"),
]


@pytest.mark.parametrize(("type_id", "attributes", "output", "message"), ERROR_CASES,
                         ids=[c[0] for c in ERROR_CASES])
async def test_node_error_is_reported_not_raised(type_id, attributes, output, message):
    printed, errors = await evaluate(type_id, output, **attributes)
    assert printed == []
    assert len(errors) == 1 and message in errors[0]


async def test_branch_and_toggle():
    b = Builder()
    b.node("s", "logic.on_project_start")
    b.node("loop", "logic.for_loop", **{"First Index": 1, "Last Index": 3})
    b.node("toggle", "logic.toggle")
    b.node("on", "logic.console", Value="on")
    b.node("off", "logic.console", Value="off")
    b.node("branch", "logic.branch", Condition=True)
    b.node("yes", "logic.console", Value="yes")
    b.link("s.Out", "loop.In")
    b.link("loop.Loop Body", "toggle.In")
    b.link("toggle.On", "on.In")
    b.link("toggle.Off", "off.In")
    b.link("loop.Completed", "branch.In")
    b.link("branch.True", "yes.In")
    _, records = await run_project(b.project)
    assert lines(records) == ["on", "off", "on", "yes"]


async def test_set_variable_outputs_the_value_and_unknown_variable_is_an_error():
    b = Builder()
    b.project.variables.append(Variable("name", DataType.STRING, ""))
    b.node("s", "logic.on_project_start")
    b.node("set", "logic.set_variable", Variable="name", Value="Ada")
    b.node("show", "logic.console")
    b.node("bad", "logic.set_variable", Variable="missing", Value="x")
    b.chain("s", "set", "show", "bad")
    b.link("set.Value", "show.Value")
    code, records = await run_project(b.project)
    assert lines(records) == ["Ada"]
    assert code == 1 and "there is no variable 'missing'" in lines(records, "error")[0]


async def test_delay_rejects_negative_seconds():
    b = Builder()
    b.node("s", "logic.on_project_start")
    b.node("wait", "logic.delay", Seconds=-1.0)
    b.chain("s", "wait")
    code, records = await run_project(b.project)
    assert code == 1 and "must not be negative" in lines(records, "error")[0]
