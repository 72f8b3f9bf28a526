"""The Array and Dictionary families, Get Nested Element and JSON Parse / Stringify, node by node."""

from __future__ import annotations

import math

import pytest
from node_calls import instance, node, one

# --- Array --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("index", "expected"), [(0, "a"), (2, "c"), (-1, "c"), (-3, "a")])
def test_get_array_element(index, expected):
    assert one("logic.get_array_element", ["a", "b", "c"], index) == expected


@pytest.mark.parametrize(("array", "index", "message"), [
    (["a"], 1, "Index 1 is out of range for an Array of 1 (valid: -1 to 0)"),
    (["a"], -2, "Index -2 is out of range"),
    ([], 0, "Index 0 is out of range for an Array of 0 (valid: none, it is empty)"),
])
def test_get_array_element_out_of_range(array, index, message):
    with pytest.raises(IndexError) as error:
        one("logic.get_array_element", array, index)
    assert message in str(error.value)


def test_get_array_element_checks_the_chosen_type():
    assert one("logic.get_array_element", [3], 0, Type="Float") == 3.0
    assert isinstance(one("logic.get_array_element", [3], 0, Type="Float"), float)
    assert one("logic.get_array_element", [{"a": 1}], 0, Type="Dictionary") == {"a": 1}
    with pytest.raises(TypeError, match=r'Element 0 is "3", not an Int'):
        one("logic.get_array_element", ["3"], 0, Type="Int")
    with pytest.raises(TypeError, match="Element 0 is true, not an Int"):
        one("logic.get_array_element", [True], 0, Type="Int")
    with pytest.raises(TypeError, match="too large for a Float"):
        one("logic.get_array_element", [10**400], 0, Type="Float")
    with pytest.raises(TypeError, match=r'Array is \{"a": 1\}, not an Array'):
        one("logic.get_array_element", {"a": 1}, 0)


def test_reading_array_nodes():
    assert one("logic.length_of_array", []) == 0
    assert one("logic.length_of_array", [None, [1, 2]]) == 2
    assert one("logic.array_contains", [1, "a"], "a") is True
    assert one("logic.array_contains", [1], True) is False  # true is not 1
    assert one("logic.array_contains", [True], 1) is False
    assert one("logic.array_contains", [1], 1.0) is True  # JSON has one number type
    assert one("logic.array_contains", [math.nan], math.nan) is False  # NaN equals nothing
    assert one("logic.array_contains", [[1, 2]], [1, 2]) is True
    assert one("logic.array_index_of", ["a", "b", "a"], "a") == 0
    assert one("logic.array_index_of", [], "a") == -1


@pytest.mark.parametrize(("index", "expected"), [
    (0, ["x", "b", "c"]), (-1, ["a", "b", "x"]), (3, ["a", "b", "c", "x"]), (5, ["a", "b", "c", None, None, "x"]),
])
def test_set_array_element(index, expected):
    source = ["a", "b", "c"]
    assert node("logic.set_array_element")(source, index, "x") == (expected,)
    assert source == ["a", "b", "c"]  # the input Array is never changed


def test_set_array_element_errors():
    with pytest.raises(IndexError, match="Index -4 is out of range"):
        node("logic.set_array_element")(["a", "b", "c"], -4, "x")
    with pytest.raises(IndexError, match="more than 1000000 past the end"):
        node("logic.set_array_element")([], 10**12, "x")
    with pytest.raises(TypeError, match='Value is "x", not an Int'):
        node("logic.set_array_element", Type="Int")([1], 0, "x")


@pytest.mark.parametrize(("index", "expected"), [(0, ["x", "a", "b"]), (1, ["a", "x", "b"]), (2, ["a", "b", "x"])])
def test_insert_array_element(index, expected):
    source = ["a", "b"]
    assert node("logic.insert_array_element")(source, index, "x") == (expected,)
    assert source == ["a", "b"]


@pytest.mark.parametrize("index", [3, -1])
def test_insert_array_element_out_of_range(index):
    with pytest.raises(IndexError, match=f"Index {index} is out of range for an Array of 2 \\(valid: 0 to 2\\)"):
        node("logic.insert_array_element")(["a", "b"], index, "x")


def test_remove_push_pop_clear():
    source = [1, 2, 3]
    assert node("logic.remove_array_element")(source, 1) == ([1, 3], 2)
    assert node("logic.remove_array_element")(source, -1) == ([1, 2], 3)
    with pytest.raises(IndexError, match="Index 3 is out of range"):
        node("logic.remove_array_element")(source, 3)
    assert node("logic.push_array_element")(source, 4) == ([1, 2, 3, 4],)
    assert node("logic.push_array_element", **{"Push End": False})(source, 0) == ([0, 1, 2, 3],)
    assert node("logic.push_array_element")([], []) == ([[]],)
    assert node("logic.pop_array_element")(source) == ([1, 2], 3)
    assert node("logic.pop_array_element", **{"Pop End": False})(source) == ([2, 3], 1)
    assert node("logic.pop_array_element")(["😀"]) == ([], "😀")
    with pytest.raises(IndexError, match="Array is empty: there is nothing to pop"):
        node("logic.pop_array_element")([])
    with pytest.raises(TypeError, match='The popped element is "3", not an Int'):
        node("logic.pop_array_element", Type="Int")(["3"])
    assert node("logic.clear_array")(source) == ([],)
    assert source == [1, 2, 3]


def test_concat_arrays_takes_count_arrays():
    assert node("logic.concat_arrays")([1], [2, 3]) == ([1, 2, 3],)
    assert node("logic.concat_arrays", Count=3)([], [], []) == ([],)
    assert node("logic.concat_arrays", Count=1)([1]) == ([1],)
    with pytest.raises(TypeError, match='Array 2 is "x", not an Array'):
        node("logic.concat_arrays")([1], "x")


# --- Dictionary ---------------------------------------------------------------------------------

def test_get_dictionary_element_found_or_default():
    get = node("logic.get_dictionary_element")
    assert get({"speed": 42}, "speed", None) == (42, True)
    assert get({"speed": 42}, "missing", None) == (None, False)
    assert get({}, "", "fallback") == ("fallback", False)
    assert get({"": 1}, "", None) == (1, True)
    assert get({"ключ 😀": [1]}, "ключ 😀", None) == ([1], True)
    typed = node("logic.get_dictionary_element", Type="Float")
    assert typed({"t": 20}, "t", 0.0) == (20.0, True)
    assert typed({}, "t", 1.5) == (1.5, False)
    with pytest.raises(TypeError, match="The value of 'state' is 3, not a String"):
        node("logic.get_dictionary_element", Type="String")({"state": 3}, "state", "")
    with pytest.raises(TypeError, match=r"Dictionary is \[1\], not a Dictionary"):
        get([1], "a", None)


def test_get_dictionary_element_default_comes_from_its_type():
    assert instance("logic.get_dictionary_element", Type="Int").call() == (0, False)
    assert instance("logic.get_dictionary_element", Type="String", Default="n/a").call() == ("n/a", False)


def test_reading_dictionary_nodes():
    d = {"b": 1, "a": [2], "c": None}
    assert one("logic.get_dictionary_keys", d) == ["b", "a", "c"]
    assert one("logic.get_dictionary_values", d) == [1, [2], None]
    assert one("logic.size_of_dictionary", d) == 3
    assert one("logic.get_dictionary_keys", {}) == []
    assert one("logic.size_of_dictionary", {}) == 0


def test_changing_dictionary_nodes_output_new_dictionaries():
    source = {"a": 1}
    assert node("logic.set_dictionary_element")(source, "b", 2) == ({"a": 1, "b": 2},)
    assert node("logic.set_dictionary_element")(source, "a", None) == ({"a": None},)
    assert node("logic.erase_dictionary_element")(source, "a") == ({}, True)
    assert node("logic.erase_dictionary_element")(source, "zz") == ({"a": 1}, False)
    assert node("logic.clear_dictionary")(source) == ({},)
    assert source == {"a": 1}
    with pytest.raises(TypeError, match='Value is "x", not a Bool'):
        node("logic.set_dictionary_element", Type="Bool")({}, "k", "x")


def test_merge_dictionaries_first_wins():
    assert node("logic.merge_dictionaries")({"a": 1}, {"a": 2, "b": 3}) == ({"a": 1, "b": 3},)
    assert node("logic.merge_dictionaries", Count=3)({}, {"x": 1}, {"x": 2, "y": 2}) == ({"x": 1, "y": 2},)
    with pytest.raises(TypeError, match=r"Dictionary 1 is \[\], not a Dictionary"):
        node("logic.merge_dictionaries")([], {})


# --- Get Nested Element -------------------------------------------------------------------------

TELEMETRY = {"speed": 42, "alerts": ["overheat", "low oil"], "a": {"b": {"c": "deep"}},
             "items": [{"name": "x"}, {"name": "y"}], "version.major": 2, "0": "zero"}


@pytest.mark.parametrize(("path", "expected"), [
    ("alerts/0", "overheat"), ("alerts.1", "low oil"), ("alerts/-1", "low oil"), ("a.b.c", "deep"),
    ("a/b/c", "deep"), ("/a/b/c", "deep"), ("items[1].name", "y"), ("items[-2]/name", "x"),
    (r"version\.major", 2), ("0", "zero"), ("", TELEMETRY), ("speed", 42),
])
def test_get_nested_element_finds(path, expected):
    assert node("logic.get_nested_element")(TELEMETRY, path, None) == (expected, True)


@pytest.mark.parametrize("path", ["alerts/2", "alerts/-3", "alerts/x", "speed/0", "a.b.c.d", "missing",
                                  "a.b.x", "items[9].name", "alerts/99999999999999999999"])
def test_get_nested_element_missing_gives_default(path):
    assert node("logic.get_nested_element")(TELEMETRY, path, "none") == ("none", False)


def test_get_nested_element_on_an_array_and_typed():
    assert node("logic.get_nested_element")([[1, [2]]], "0/1/0", None) == (2, True)
    assert node("logic.get_nested_element", Type="Int")(TELEMETRY, "speed", 0) == (42, True)
    assert node("logic.get_nested_element", Type="Int")(TELEMETRY, "nope", 7) == (7, False)
    with pytest.raises(TypeError, match="The value at 'alerts/0' is \"overheat\", not an Int"):
        node("logic.get_nested_element", Type="Int")(TELEMETRY, "alerts/0", 0)


def test_get_nested_element_walks_any_depth():
    deep: object = "bottom"
    for _ in range(5000):
        deep = [deep]
    assert node("logic.get_nested_element")(deep, "/".join(["0"] * 5000), None) == ("bottom", True)


@pytest.mark.parametrize(("path", "message"), [
    ("a..b", "Path 'a..b' has an empty part before position 2"), ("a/", "Path 'a/' ends with a separator"),
    ("a[]", "Path 'a[]' has an empty [] at position 2"),
])
def test_get_nested_element_bad_path(path, message):
    with pytest.raises(ValueError) as error:
        node("logic.get_nested_element")(TELEMETRY, path, None)
    assert message in str(error.value)


# --- JSON ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ('{"speed": 42, "alerts": ["overheat"]}', {"speed": 42, "alerts": ["overheat"]}),
    ("[1, 2.5, null, true]", [1, 2.5, None, True]),
    ('"😀\\ud83d\\ude00"', "😀😀"),
    ('"\\ud800"', "\ud800"),  # a lone surrogate escape is kept, not an error
    ("  7 ", 7),
    ("123456789012345678901234567890", 123456789012345678901234567890),
    ('{"a": 1, "a": 2}', {"a": 2}),
    ("{}", {}), ("[]", []),
])
def test_json_parse(text, expected):
    assert node("logic.json_parse")(text) == (expected, isinstance(expected, list))


def test_json_parse_nan_and_typed_output():
    value, is_array = node("logic.json_parse")("[NaN, Infinity]")
    assert math.isnan(value[0]) and value[1] == math.inf and is_array
    assert node("logic.json_parse", Type="Array")("[1]") == ([1], True)
    assert node("logic.json_parse", Type="Dictionary")('{"k": "v"}') == ({"k": "v"}, False)
    with pytest.raises(TypeError, match=r"The JSON is \[1\], not a Dictionary"):
        node("logic.json_parse", Type="Dictionary")("[1]")
    with pytest.raises(TypeError, match='The JSON is "text", not an Array'):
        node("logic.json_parse", Type="Array")('"text"')


@pytest.mark.parametrize(("text", "message"), [
    ('{"a" 1}', "JSON syntax error at line 1, column 6 (position 5): Expecting ':' delimiter, at {\"a\" ⟨here⟩1}"),
    ("", "JSON syntax error at line 1, column 1 (position 0): Expecting value"),
    ('{"speed": 42,\n "alerts": ["overheat",]}', "line 2, column 24 (position 37): Expecting value"),
    ("[1] x", "line 1, column 5 (position 4): Extra data"),
    ('"abc', "Unterminated string starting at"),
    ("[" * 100_000, "JSON is nested too deeply to read"),
    ("9" * 5000, "JSON holds an integer longer than 4300 digits"),
])
def test_json_parse_errors(text, message):
    with pytest.raises(ValueError) as error:
        node("logic.json_parse")(text)
    assert message in str(error.value)


def test_json_parse_accepts_deep_but_bounded_nesting():
    assert node("logic.json_parse")("[" * 200 + "]" * 200)[1] is True


def test_json_stringify():
    stringify = node("logic.json_stringify")
    assert stringify({"a": [1, "é", None, True]}) == ('{"a": [1, "é", null, true]}',)
    assert stringify("😀") == ('"😀"',)
    assert stringify(None) == ("null",)
    assert stringify(["\ud800"]) == ('["\ud800"]',)
    assert stringify({}) == ("{}",)
    assert stringify(10**30) == (str(10**30),)
    assert node("logic.json_stringify", Beautified=True)({"a": [1]}) == ('{\n  "a": [\n    1\n  ]\n}',)
    with pytest.raises(ValueError, match="NaN and Infinity cannot be written as JSON"):
        stringify([math.nan])
    with pytest.raises(ValueError, match="Int longer than 4300 digits"):
        stringify(10**5000)
    deep: object = 1
    for _ in range(100_000):
        deep = [deep]
    with pytest.raises(ValueError, match="nested too deeply to write as JSON"):
        stringify(deep)
