"""A node that waits affects only its own branch: Incari's Sequential "Execution Order" examples,
For Loop and For Each Loop bodies that wait, and loops long enough to need stopping."""

from __future__ import annotations

import asyncio
import time

import pytest
from graph_builder import Builder, lines, pending_tasks, run_project
from hypothesis import given, settings
from hypothesis import strategies as st

from runtime.engine.engine import Engine
from runtime.model import Variable
from runtime.specs import Scope
from runtime.types import DataType


def _sequential(b: Builder, outputs: int = 3) -> None:
    b.node("s", "logic.on_project_start")
    b.node("seq", "logic.sequential", Outputs=outputs)
    b.link("s.Out", "seq.In")
    for word in ("One", "Two", "Three")[:outputs]:
        b.node(word, "logic.console", Value=word)


async def test_sequential_example_1_fires_its_outputs_top_to_bottom():
    b = Builder()
    _sequential(b)
    for number, word in enumerate(("One", "Two", "Three"), 1):
        b.link(f"seq.Then {number}", f"{word}.In")
    _, records = await run_project(b.project)
    assert lines(records) == ["One", "Two", "Three"]


async def test_sequential_example_2_a_timeout_after_the_console_changes_nothing():
    b = Builder()
    _sequential(b)
    b.node("timeout", "logic.start_timeout", Seconds=0.05)
    b.link("seq.Then 1", "One.In")
    b.chain("One", "timeout")
    b.link("seq.Then 2", "Two.In")
    b.link("seq.Then 3", "Three.In")
    _, records = await run_project(b.project)
    assert lines(records) == ["One", "Two", "Three"]


@pytest.mark.parametrize("waiter", [("logic.start_timeout", "Out"), ("logic.delay", "Out")])
async def test_sequential_example_3_a_waiting_branch_waits_alone(waiter):
    type_id, output = waiter
    b = Builder()
    _sequential(b)
    b.node("wait", type_id, Seconds=0.05)
    b.link("seq.Then 1", "wait.In")
    b.link(f"wait.{output}", "One.In")
    b.link("seq.Then 2", "Two.In")
    b.link("seq.Then 3", "Three.In")
    started = time.perf_counter()
    code, records = await run_project(b.project)
    assert code == 0
    assert lines(records) == ["Two", "Three", "One"]
    assert time.perf_counter() - started >= 0.05  # the run lived until the waiting branch was done


async def test_for_loop_fires_each_body_without_waiting_then_completed():
    b = Builder()
    b.node("s", "logic.on_project_start")
    b.node("loop", "logic.for_loop", **{"First Index": 1, "Last Index": 3})
    b.node("start", "logic.console")
    b.node("wait", "logic.delay", Seconds=0.05)
    b.node("end", "logic.console", Value="end")
    b.node("done", "logic.console", Value="completed")
    b.link("s.Out", "loop.In")
    b.link("loop.Loop Body", "start.In")
    b.link("loop.Index", "start.Value")
    b.chain("start", "wait", "end")
    b.link("loop.Completed", "done.In")
    code, records = await run_project(b.project)
    assert code == 0
    assert lines(records) == ["1", "2", "3", "completed", "end", "end", "end"]


async def test_a_sequential_in_a_function_keeps_its_waiting_branch_and_the_run_alive():
    b = Builder()
    f = b.add_graph("fn", Scope.FUNCTION, "Work")
    f.node("in", "logic.function_input")
    f.node("seq", "logic.sequential", Outputs=2)
    f.node("wait", "logic.delay", Seconds=0.05)
    f.node("late", "logic.console", Value="late, inside the function")
    f.node("out", "logic.function_output")
    f.link("in.Out", "seq.In")
    f.link("seq.Then 1", "wait.In")
    f.chain("wait", "late")
    f.link("seq.Then 2", "out.In")
    b.call_on_start("fn")
    code, records = await run_project(b.project)
    assert code == 0
    assert lines(records) == ["returned", "late, inside the function"]


def _for_each(b: Builder, collection, **attributes) -> None:
    kind = "Dictionary" if isinstance(collection, dict) else "Array"
    b.node("s", "logic.on_project_start")
    b.node("each", "logic.for_each", Collection=kind, **{kind: collection}, **attributes)
    b.node("key", "logic.console")
    b.node("element", "logic.console")
    b.node("index", "logic.console")
    b.node("end", "logic.console", Value="end")
    b.link("s.Out", "each.In")
    b.link("each.Loop Body", "key.In")
    b.chain("key", "index", "element")
    b.link("each.Key", "key.Value")
    b.link("each.Index", "index.Value")
    b.link("each.Element", "element.Value")
    b.link("each.OnEnd", "end.In")


async def test_for_each_walks_an_array_with_index_and_element():
    b = Builder()
    _for_each(b, [10, "x", [1]])
    code, records = await run_project(b.project)
    assert code == 0
    assert lines(records) == ["", "0", "10", "", "1", "x", "", "2", "[1]", "end"]


async def test_for_each_walks_a_dictionary_with_key_index_and_element():
    b = Builder()
    _for_each(b, {"speed": 42, "état": "ok"})
    code, records = await run_project(b.project)
    assert code == 0
    assert lines(records) == ["speed", "0", "42", "état", "1", "ok", "end"]


@pytest.mark.parametrize("empty", [[], {}])
async def test_for_each_over_nothing_goes_straight_to_on_end(empty):
    b = Builder()
    _for_each(b, empty)
    code, records = await run_project(b.project)
    assert (code, lines(records)) == (0, ["end"])


async def test_for_each_element_of_the_wrong_type_is_a_clear_node_error():
    b = Builder()
    _for_each(b, [1, 2.5, 3], **{"Data Type": "Int"})
    code, records = await run_project(b.project)
    assert code == 1
    assert lines(records) == ["", "0", "1"]  # the loop stops at the bad element, OnEnd does not fire
    (error,) = [r for r in records if r.level == "error"]
    assert error.node_id == "each"
    assert "index 1 is Float, not Int" in error.message


async def test_for_each_of_floats_gives_integral_json_numbers_as_floats():
    b = Builder()
    _for_each(b, [2, 2.5], **{"Data Type": "Float"})
    code, records = await run_project(b.project)
    assert (code, lines(records)) == (0, ["", "0", "2.0", "", "1", "2.5", "end"])


async def test_for_each_walks_a_snapshot_so_the_body_may_change_the_array():
    b = Builder()
    b.project.variables.append(Variable("items", DataType.ARRAY, [1, 2]))
    b.node("s", "logic.on_project_start")
    b.node("get", "logic.get_variable", Variable="items")
    b.node("each", "logic.for_each")
    b.node("set", "logic.set_variable", Variable="items", Value=[])
    b.node("show", "logic.console")
    b.link("s.Out", "each.In")
    b.link("get.Value", "each.Array")
    b.link("each.Loop Body", "set.In")
    b.chain("set", "show")
    b.link("each.Element", "show.Value")
    code, records = await run_project(b.project)
    assert (code, lines(records)) == (0, ["1", "2"])


async def test_a_for_each_over_a_huge_array_gives_way_and_stops_at_once():
    b = Builder()
    b.node("s", "logic.on_project_start")
    b.node("get", "logic.get_variable", Variable="huge")
    b.node("each", "logic.for_each")
    b.node("index", "logic.set_variable", Variable="seen")
    b.node("end", "logic.console", Value="end")
    b.project.variables.append(Variable("seen", DataType.INT, 0))
    b.project.variables.append(Variable("huge", DataType.ARRAY, []))
    b.link("s.Out", "each.In")
    b.link("get.Value", "each.Array")
    b.link("each.Loop Body", "index.In")
    b.link("each.Index", "index.Value")
    b.link("each.OnEnd", "end.In")
    records = []
    engine = Engine(b.project)
    engine.console.connect(records.append)
    engine.variables.values["huge"] = list(range(2_000_000))
    await engine.start()  # returns: the loop carries on in a task, a slice at a time
    ticks = 0
    while engine.variables.values["seen"] == 0 or ticks < 3:
        await asyncio.sleep(0)  # the event loop turns while the loop runs
        ticks += 1
    await engine.stop()
    seen = engine.variables.values["seen"]
    assert 0 < seen < 1_999_999
    await asyncio.sleep(0)
    assert engine.variables.values["seen"] == seen
    assert lines(records) == []
    assert pending_tasks() == []


@pytest.mark.parametrize(("first", "last", "step", "included", "indexes"), [
    (1, 3, 1, True, [1, 2, 3]), (1, 3, 1, False, [1, 2]), (0, 9, 3, True, [0, 3, 6, 9]), (0, 9, 3, False, [0, 3, 6]),
    (3, 1, -1, True, [3, 2, 1]), (3, 1, -1, False, [3, 2]), (3, 1, 1, True, []), (5, 5, 1, True, [5]),
    (5, 5, 1, False, []), (-2, 2, 2, True, [-2, 0, 2]), (2**64, 2**64 + 1, 1, True, [2**64, 2**64 + 1]),
])
async def test_for_loop_counts_by_step_with_or_without_the_last_index(first, last, step, included, indexes):
    b = Builder()
    b.node("s", "logic.on_project_start")
    b.node("loop", "logic.for_loop", **{"First Index": first, "Last Index": last, "Step": step,
                                        "Is Last Index Included": included})
    b.node("show", "logic.console")
    b.node("done", "logic.console", Value="completed")
    b.link("s.Out", "loop.In")
    b.link("loop.Loop Body", "show.In")
    b.link("loop.Index", "show.Value")
    b.link("loop.Completed", "done.In")
    code, records = await run_project(b.project)
    assert (code, lines(records)) == (0, [*map(str, indexes), "completed"])


def _counted(first: int, last: int, step: int, included: bool) -> list[int]:
    """The indexes a For Loop should give, counted one by one (the oracle)."""
    indexes, index = [], first
    before_last = (lambda i: i < last) if step > 0 else (lambda i: i > last)
    while before_last(index) or (included and index == last):
        indexes.append(index)
        index += step
    return indexes


@settings(max_examples=40, deadline=None)
@given(st.integers(-20, 20), st.integers(-20, 20), st.integers(-7, 7).filter(bool), st.booleans())
def test_for_loop_indexes_match_counting_by_hand(first, last, step, included):
    b = Builder()
    b.node("s", "logic.on_project_start")
    b.node("loop", "logic.for_loop", **{"First Index": first, "Last Index": last, "Step": step,
                                        "Is Last Index Included": included})
    b.node("show", "logic.console")
    b.link("s.Out", "loop.In")
    b.link("loop.Loop Body", "show.In")
    b.link("loop.Index", "show.Value")
    _, records = asyncio.run(run_project(b.project))
    assert lines(records) == [str(i) for i in _counted(first, last, step, included)]


async def test_for_loop_with_step_0_is_a_clear_node_error():
    b = Builder()
    b.node("s", "logic.on_project_start")
    b.node("loop", "logic.for_loop", "Loop", Step=0)
    b.node("done", "logic.console", Value="completed")
    b.link("s.Out", "loop.In")
    b.link("loop.Completed", "done.In")
    code, records = await run_project(b.project)
    assert (code, lines(records)) == (1, [])
    (error,) = [r for r in records if r.level == "error"]
    assert (error.node_name, error.message) == ("Loop", "Step must not be 0 (the loop would never end)")
