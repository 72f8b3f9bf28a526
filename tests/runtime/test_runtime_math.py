"""The Math family (rounding, bounds, powers, trigonometry, relations, Random): values, edges, errors, properties."""

from __future__ import annotations

import math

import pytest
from graph_builder import Builder, evaluate, lines, pure_value, run_project
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from runtime.fileformat import dumps, loads

INF, NAN = math.inf, math.nan

CASES = [
    ("logic.absolute", {"Type": "Int", "Input": -(10**30)}, "Output", str(10**30)),
    ("logic.absolute", {"Type": "Float", "Input": -2.5}, "Output", "2.5"),
    ("logic.absolute", {"Type": "Float", "Input": -INF}, "Output", "inf"),
    ("logic.ceil", {"Input": 2.1}, "Output", "3.0"),
    ("logic.ceil", {"Input": -2.9}, "Output", "-2.0"),
    ("logic.floor", {"Input": -2.1}, "Output", "-3.0"),
    ("logic.floor", {"Input": NAN}, "Output", "nan"),
    ("logic.round", {"Input": 5.45, "Precision": 1}, "Output", "5.5"),
    ("logic.round", {"Input": 0.125, "Precision": 2}, "Output", "0.13"),
    ("logic.round", {"Input": 12.11232, "Precision": 3}, "Output", "12.112"),
    ("logic.round", {"Input": -2.5}, "Output", "-3.0"),
    ("logic.round", {"Input": 1e300, "Precision": 2}, "Output", "1e+300"),
    ("logic.round", {"Input": -INF, "Precision": 2}, "Output", "-inf"),
    ("logic.clamp", {"Type": "Float", "Value": NAN, "From": 0.0, "To": 1.0}, "Result", "nan"),
    ("logic.clamp", {"Type": "Int", "Value": 10**40, "From": 0, "To": 10**30}, "Result", str(10**30)),
    ("logic.clamp", {"Type": "Int", "Value": 120, "From": 0, "To": 100}, "Result", "100"),
    ("logic.clamp", {"Type": "Int", "Value": -270, "From": -180, "To": 180}, "Result", "-180"),
    ("logic.clamp", {"Type": "Float", "Value": 0.5, "From": 0.0, "To": 1.0}, "Result", "0.5"),
    ("logic.minimum", {"Type": "Int", "Inputs": 3, "Input 1": 4, "Input 2": -2, "Input 3": 9}, "Minimum", "-2"),
    ("logic.maximum", {"Type": "Float", "Inputs": 2, "Input 1": 1.5, "Input 2": -INF}, "Maximum", "1.5"),
    ("logic.average", {"Inputs": 3, "Input 1": 1.0, "Input 2": 2.0, "Input 3": 4.5}, "Output", "2.5"),
    ("logic.average", {"Inputs": 1, "Input 1": 7.0}, "Output", "7.0"),
    ("logic.average", {"Inputs": 3, "Input 1": 1e16, "Input 2": 1.0, "Input 3": -1e16}, "Output", repr(1 / 3)),
    ("logic.average", {"Inputs": 2, "Input 1": INF, "Input 2": -INF}, "Output", "nan"),
    ("logic.average", {"Inputs": 2, "Input 1": 1e308, "Input 2": 1e308}, "Output", "inf"),
    ("logic.minimum", {"Type": "Float", "Inputs": 2, "Input 1": 1.0, "Input 2": NAN}, "Minimum", "nan"),
    ("logic.maximum", {"Type": "Float", "Inputs": 2, "Input 1": NAN, "Input 2": 1.0}, "Maximum", "nan"),
    ("logic.maximum", {"Type": "Int", "Inputs": 2, "Input 1": -(10**50), "Input 2": -(10**49)}, "Maximum",
     str(-(10**49))),
    ("logic.power", {"Type": "Int", "Base": 2, "Exponent": 100}, "Power", str(2**100)),
    ("logic.power", {"Type": "Int", "Base": -1, "Exponent": 10**12 + 1}, "Power", "-1"),
    ("logic.power", {"Type": "Float", "Base": 2.0, "Exponent": -1.0}, "Power", "0.5"),
    ("logic.root", {"Base": 13824.0, "Degree": 3.0}, "Output", "24.0"),
    ("logic.root", {"Base": -8.0, "Degree": 3.0}, "Output", "-2.0"),
    ("logic.root", {"Base": 9.0, "Degree": 2.0}, "Output", "3.0"),
    ("logic.logarithm", {"Input": 1000.0}, "Exponent", "3.0"),
    ("logic.logarithm", {"Base": "2", "Input": 1024.0}, "Exponent", "10.0"),
    ("logic.logarithm", {"Base": "Custom", "Base Value": 3.0, "Input": 81.0}, "Exponent", "4.0"),
    ("logic.logarithm", {"Input": INF}, "Exponent", "inf"),
    ("logic.increment", {"Type": "Int", "Input": 41}, "Output", "42"),
    ("logic.increment", {"Type": "Int", "Input": 2**63 - 1}, "Output", str(2**63)),
    ("logic.increment", {"Type": "Float", "Input": 1.7e308, "Step": 1e308}, "Output", "inf"),
    ("logic.increment", {"Type": "Float", "Input": 1.5, "Step": 0.25}, "Output", "1.75"),
    ("logic.decrement", {"Type": "Int", "Input": 0, "Step": 3}, "Output", "-3"),
    ("logic.negate", {"Input": True}, "Output", "false"),
    ("logic.negate", {"Type": "Int", "Input": 5}, "Output", "-5"),
    ("logic.negate", {"Type": "Float", "Input": 0.0}, "Output", "-0.0"),
    ("logic.range_mapper", {"Input": 0.5}, "Output", "50.0"),
    ("logic.range_mapper", {"Input": 20.0, "Input To": 100.0, "Output From": 100.0, "Output To": 0.0}, "Output",
     "80.0"),
    ("logic.range_mapper", {"Input": 1.5, "Output To": 360.0}, "Output", "540.0"),
    ("logic.range_mapper", {"Input": 1.5, "Output To": 360.0, "Clamp": True}, "Output", "360.0"),
    ("logic.math_constant", {}, "Value", repr(math.pi)),
    ("logic.math_constant", {"Type": "Douglas-Adams"}, "Value", "42.0"),
    ("logic.sine", {"Input": 180.0}, "Output", "0.0"),
    ("logic.sine", {"Input": -90.0}, "Output", "-1.0"),
    ("logic.cosine", {"Input": 60.0}, "Output", repr(math.cos(math.radians(60)))),
    ("logic.cosine", {"Input": math.pi, "Is Degree": False}, "Output", "-1.0"),
    ("logic.tangent", {"Input": 45.0}, "Output", repr(math.tan(math.radians(45)))),
    ("logic.tangent", {"Input": 180.0}, "Output", "0.0"),
    ("logic.arc_sine", {"Input": 1.0}, "Output", "90.0"),
    ("logic.arc_cosine", {"Input": -1.0, "Is Degree": False}, "Output", repr(math.pi)),
    ("logic.arc_tangent", {"Input": INF}, "Output", "90.0"),
    ("logic.arc_tangent2", {"y": 1.0, "x": -1.0}, "Output", "135.0"),
    ("logic.arc_tangent2", {"y": 0.0, "x": 0.0}, "Output", "0.0"),
    ("logic.radian_degree_converter", {"Input": 180.0}, "Output", repr(math.pi)),
    ("logic.radian_degree_converter", {"Mode": "Radian_to_Degree", "Input": math.pi}, "Output", "180.0"),
    ("logic.is_equal", {"Type": "Int", "A": 10**40, "B": 10**40}, "C", "true"),
    ("logic.is_equal", {"Type": "Float", "A": NAN, "B": NAN}, "C", "false"),
    ("logic.is_equal", {"Type": "Dictionary", "A": {"a": [1]}, "B": {"a": [1]}}, "C", "true"),
    ("logic.is_equal", {"Type": "String", "Mode": "IsNotEqual", "A": "é", "B": "e"}, "C", "true"),
    ("logic.is_greater_equal", {"Type": "Int", "A": 3, "B": 3}, "C", "true"),
    ("logic.is_greater_equal", {"Type": "Int", "Mode": "IsGreater", "A": 3, "B": 3}, "C", "false"),
    ("logic.is_greater_equal", {"Type": "Float", "A": INF, "B": 1e308}, "C", "true"),
    ("logic.is_less_equal", {"Type": "String", "A": "apple", "B": "banana"}, "C", "true"),
    ("logic.is_less_equal", {"Type": "Float", "Mode": "IsLess", "A": NAN, "B": 1.0}, "C", "false"),
]


@pytest.mark.parametrize(("type_id", "attributes", "output", "expected"), CASES,
                         ids=[f"{c[0][6:]}-{i}" for i, c in enumerate(CASES)])
async def test_math_node(type_id, attributes, output, expected):
    assert await evaluate(type_id, output, **attributes) == ([expected], [])


ERRORS = [
    ("logic.clamp", {"Type": "Int", "From": 5, "To": 1}, "Result", "From (5) is greater than To (1)"),
    ("logic.power", {"Type": "Int", "Base": 2, "Exponent": -1}, "Power", "Exponent of 0 or more, not -1"),
    ("logic.power", {"Type": "Int", "Base": 10, "Exponent": 10**9}, "Power", "too large for an Int"),
    ("logic.power", {"Type": "Float", "Base": 10.0, "Exponent": 400.0}, "Power", "10.0 to the power 400.0 is too"),
    ("logic.power", {"Type": "Float", "Base": -8.0, "Exponent": 0.5}, "Power", "-8.0 to the power 0.5 is not a real"),
    ("logic.power", {"Type": "Float", "Base": 0.0, "Exponent": -1.0}, "Power", "division by zero"),
    ("logic.root", {"Base": -4.0, "Degree": 2.0}, "Output", "negative Base (-4.0) has no real root of Degree 2.0"),
    ("logic.root", {"Base": 4.0, "Degree": 0.0}, "Output", "Degree of a root cannot be 0.0"),
    ("logic.logarithm", {"Input": 0.0}, "Exponent", "greater than 0 for a logarithm, not 0.0"),
    ("logic.logarithm", {"Input": -5.0}, "Exponent", "not -5.0"),
    ("logic.logarithm", {"Base": "Custom", "Base Value": 1.0}, "Exponent", "not 1, not 1.0"),
    ("logic.range_mapper", {"Input From": 2.0, "Input To": 2.0}, "Output", "both 2.0"),
    ("logic.tangent", {"Input": 90.0}, "Output", "tangent of 90.0° is undefined"),
    ("logic.tangent", {"Input": -270.0}, "Output", "tangent of -270.0° is undefined"),
    ("logic.sine", {"Input": INF, "Is Degree": False}, "Output", "Sine of inf is undefined"),
    ("logic.arc_sine", {"Input": 1.5}, "Output", "from -1 to 1, not 1.5"),
    ("logic.arc_cosine", {"Input": -INF}, "Output", "not -inf"),
]


@pytest.mark.parametrize(("type_id", "attributes", "output", "message"), ERRORS,
                         ids=[f"{c[0][6:]}-{i}" for i, c in enumerate(ERRORS)])
async def test_math_error_names_node_and_value(type_id, attributes, output, message):
    b = Builder()
    b.node("s", "logic.on_project_start")
    b.node("x", type_id, name="My Node", **attributes)
    b.node("show", "logic.console")
    b.node("after", "logic.console", Value="still running")
    b.chain("s", "show")
    b.link(f"x.{output}", "show.Value")
    b.node("s2", "logic.on_project_start")
    b.chain("s2", "after")
    code, records = await run_project(b.project)
    errors = [r for r in records if r.level == "error"]
    assert len(errors) == 1 and message in errors[0].message, errors
    assert errors[0].node_name == "My Node"  # the consumer's pulse pulled it, the error is on the math node
    assert lines(records) == ["still running"] and code == 1


# --- properties, with Python's math as the oracle ------------------------------------------------

finite = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12)
ints = st.integers(min_value=-(10**30), max_value=10**30)


@given(ints, ints, ints)
def test_clamp_int_matches_min_max(value, a, b):
    low, high = min(a, b), max(a, b)
    assert pure_value("logic.clamp", "Result", Type="Int", Value=value, From=low, To=high) == min(max(value, low), high)


@given(st.lists(finite, min_size=1, max_size=8))
def test_minimum_maximum_average(values):
    inputs = {f"Input {i}": v for i, v in enumerate(values, 1)}
    assert pure_value("logic.minimum", "Minimum", Type="Float", Inputs=len(values), **inputs) == min(values)
    assert pure_value("logic.maximum", "Maximum", Type="Float", Inputs=len(values), **inputs) == max(values)
    average = pure_value("logic.average", "Output", Inputs=len(values), **inputs)
    assert math.isclose(average, math.fsum(values) / len(values), rel_tol=1e-12, abs_tol=1e-9)


@given(st.integers(min_value=-(2**64), max_value=2**64), st.integers(min_value=0, max_value=64))
def test_int_power_is_exact(base, exponent):
    assert pure_value("logic.power", "Power", Type="Int", Base=base, Exponent=exponent) == base**exponent


@given(st.floats(min_value=1e-300, max_value=1e300), st.sampled_from(["2", "e", "10"]))
def test_logarithm_inverts_power(value, base):
    exponent = pure_value("logic.logarithm", "Exponent", Base=base, Input=value)
    number = {"2": 2.0, "e": math.e, "10": 10.0}[base]
    assert math.isclose(number**exponent, value, rel_tol=1e-9)


@given(st.floats(min_value=1e-100, max_value=1e100), st.integers(min_value=1, max_value=9))
def test_root_inverts_power(value, degree):
    root = pure_value("logic.root", "Output", Base=value, Degree=float(degree))
    assert math.isclose(root**degree, value, rel_tol=1e-9)


@given(st.floats(min_value=-1e6, max_value=1e6))
def test_trigonometry_matches_python_in_both_units(angle):
    for name, fn in (("sine", math.sin), ("cosine", math.cos)):
        radians = pure_value(f"logic.{name}", "Output", **{"Is Degree": False, "Input": angle})
        assert radians == fn(angle)
        degrees = pure_value(f"logic.{name}", "Output", Input=angle)
        assert math.isclose(degrees, fn(math.radians(angle)), abs_tol=1e-9)


@given(st.floats(min_value=-1.0, max_value=1.0))
def test_arc_functions_invert(value):
    asin = pure_value("logic.arc_sine", "Output", Input=value)
    assert math.isclose(math.sin(math.radians(asin)), value, abs_tol=1e-12)
    acos = pure_value("logic.arc_cosine", "Output", **{"Is Degree": False, "Input": value})
    assert acos == math.acos(value)


@given(finite, finite)
def test_arc_tangent2_matches_python(y, x):
    assert pure_value("logic.arc_tangent2", "Output", y=y, x=x) == math.degrees(math.atan2(y, x))


@given(st.floats(allow_nan=False, allow_infinity=False), st.integers(0, 15))
def test_round_is_within_half_a_unit(value, precision):
    rounded = pure_value("logic.round", "Output", Input=value, Precision=precision)
    assert abs(rounded - value) <= 0.5 * 10**-precision * (1 + 1e-9) + abs(value) * 1e-15
    assert round(rounded, precision) == rounded


@given(finite, finite, finite, finite, finite)
def test_range_mapper_is_linear(value, in_from, in_to, out_from, out_to):
    assume(abs(in_to - in_from) > 1e-6)
    mapped = pure_value("logic.range_mapper", "Output", Input=value, **{
        "Input From": in_from, "Input To": in_to, "Output From": out_from, "Output To": out_to})
    expected = out_from + (value - in_from) / (in_to - in_from) * (out_to - out_from)
    assert math.isclose(mapped, expected, rel_tol=1e-9, abs_tol=1e-6 * (1 + abs(expected)))


@given(ints, ints, st.sampled_from(["IsEqual", "IsNotEqual"]))
@settings(max_examples=50)
def test_relations_match_operators(a, b, mode):
    greater = pure_value("logic.is_greater_equal", "C", Type="Int", A=a, B=b, Mode="IsGreater")
    less_equal = pure_value("logic.is_less_equal", "C", Type="Int", A=a, B=b)
    equal = pure_value("logic.is_equal", "C", Type="Int", A=a, B=b, Mode=mode)
    assert (greater, less_equal, equal) == (a > b, a <= b, (a == b) == (mode == "IsEqual"))


# --- Random ------------------------------------------------------------------------------------------

def _random_project(seed: int | None, count: int = 5, type_: str = "Int", low=0, high=10**12):
    b = Builder()
    b.project.random_seed = seed
    b.node("s", "logic.on_project_start")
    b.node("loop", "logic.for_loop", **{"First Index": 1, "Last Index": count})
    b.node("rand", "logic.random", Type=type_, Minimum=low, Maximum=high)
    b.node("show", "logic.console")
    b.link("s.Out", "loop.In")
    b.link("loop.Loop Body", "rand.In")
    b.chain("rand", "show")
    b.link("rand.Output", "show.Value")
    return b.project


async def _draws(project) -> list[str]:
    code, records = await run_project(project)
    assert code == 0, lines(records, "error")
    return lines(records)


async def test_seeded_random_repeats_across_runs_and_file_round_trips():
    project = _random_project(1234)
    first = await _draws(project)
    reloaded = loads(dumps(project))
    assert reloaded.random_seed == 1234
    assert await _draws(reloaded) == first and len(set(first)) == 5
    assert await _draws(_random_project(1235)) != first


async def test_unseeded_random_differs_between_runs():
    assert await _draws(_random_project(None)) != await _draws(_random_project(None))


async def test_random_ranges_and_types():
    ints = [int(v) for v in await _draws(_random_project(7, 200, "Int", -2, 2))]
    assert set(ints) == {-2, -1, 0, 1, 2}
    floats = [float(v) for v in await _draws(_random_project(7, 50, "Float", 0.5, 0.75))]
    assert all(0.5 <= v < 0.75 for v in floats)
    assert await _draws(_random_project(7, 3, "Int", 4, 4)) == ["4", "4", "4"]


async def test_random_rejects_an_empty_range():
    code, records = await run_project(_random_project(1, 1, "Int", 5, 1))
    assert code == 1 and "Minimum (5) is greater than Maximum (1)" in lines(records, "error")[0]
