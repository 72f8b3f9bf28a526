"""Property tests: the String, Array, Dictionary and JSON nodes against Python itself as the oracle."""

from __future__ import annotations

import json
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st
from node_calls import node

from runtime.types import to_string

#: Node calls are quick, but this machine is shared: no per-example deadline.
relaxed = settings(deadline=None)

text = st.text()  # all of Unicode, lone surrogates included
small_text = st.text(max_size=4)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4),
    max_leaves=20,
)
arrays = st.lists(st.integers(-3, 3) | st.text(max_size=2) | st.booleans(), max_size=8)

LENGTH, CONTAINS, INDEX_OF, LAST = (node(t) for t in ("logic.string_length", "logic.string_contains",
                                                     "logic.string_index_of", "logic.last_index_of"))
STARTS, ENDS, SPLIT, JOIN, REPLACE = (node(t) for t in ("logic.starts_with", "logic.ends_with", "logic.split",
                                                        "logic.join", "logic.replace"))
UPPER, LOWER, TRIM, SUBSTRING = (node(t) for t in ("logic.upper", "logic.lower", "logic.trim", "logic.substring"))
REVERSE, REMOVE, PAD_LEFT = node("logic.reverse"), node("logic.remove_characters"), node("logic.padding_left")
CHAR_CODE, COMPARE = node("logic.char_code_at"), node("logic.compare_strings")


@relaxed
@given(text, small_text)
def test_searching_matches_python(s, part):
    assert LENGTH(s) == (len(s),)
    assert CONTAINS(s, part) == (part in s,)
    assert INDEX_OF(s, part) == (s.find(part),)
    assert LAST(s, part) == (s.rfind(part),)
    assert STARTS(s, part) == (s.startswith(part),)
    assert ENDS(s, part) == (s.endswith(part),)


@relaxed
@given(text, small_text, small_text)
def test_changing_text_matches_python(s, old, new):
    assert REPLACE(s, old, new) == (s.replace(old, new),)
    assert UPPER(s) == (s.upper(),)
    assert LOWER(s) == (s.lower(),)
    assert TRIM(s) == (s.strip(),)
    assert REMOVE(s, old) == ("".join(c for c in s if c not in old),)


@relaxed
@given(text, st.text(min_size=1, max_size=3))
def test_split_then_join_gives_the_text_back(s, separator):
    (parts,) = SPLIT(s, separator)
    assert parts == s.split(separator)
    assert JOIN(parts, separator) == (s,)


@relaxed
@given(st.lists(st.text() | st.integers() | st.booleans() | st.none(), max_size=6), small_text)
def test_join_matches_python_with_to_string(items, separator):
    assert JOIN(items, separator) == (separator.join(to_string(i) for i in items),)


@relaxed
@given(text, st.integers(-2, 30), st.integers(-2, 30))
def test_substring_matches_slicing(s, start, length):
    if 0 <= start <= len(s):
        assert SUBSTRING(s, start, length) == ((s[start:] if length < 0 else s[start:start + length]),)
    else:
        try:
            SUBSTRING(s, start, length)
        except IndexError as error:
            assert f"Start index {start} is outside" in str(error)
        else:
            raise AssertionError("an out-of-range start must be an error")


def _joins(char: str) -> bool:
    return bool(unicodedata.combining(char)) or char == "\u200d" or "\ufe00" <= char <= "\ufe0f" or (
        "\U0001f3fb" <= char <= "\U0001f3ff")


@relaxed
@given(text)
def test_reverse_keeps_every_character_and_is_slicing_for_plain_text(s):
    (once,) = REVERSE(s)
    assert sorted(once) == sorted(s)
    if not any(_joins(c) for c in s):
        assert once == s[::-1]


@relaxed
@given(text, st.integers(-5, 40), st.characters())
def test_padding_matches_rjust(s, length, char):
    assert PAD_LEFT(s, length, char) == (s.rjust(length, char),)


@relaxed
@given(text, st.integers(-3, 12))
def test_char_code_at(s, at):
    assert CHAR_CODE(s, at) == ((ord(s[at]) if 0 <= at < len(s) else -1),)


@relaxed
@given(text, text)
def test_compare_is_an_order(a, b):
    order, equal = COMPARE(a, b)
    assert order == (a > b) - (a < b) and equal == (a == b)
    assert COMPARE(b, a)[0] == -order


@relaxed
@given(st.lists(st.integers() | st.floats(allow_nan=False, allow_infinity=False), max_size=5),
       st.sampled_from(["%d", "%5d", "%-3i", "%x", "%o", "%.2f", "%e", "%g", "%s"]))
def test_format_array_matches_python_percent_for_the_values_it_accepts(values, specifier):
    pattern = " ".join([specifier] * len(values))
    fmt = node("logic.format_array")
    accepts = all(
        (isinstance(v, int) and not (specifier in ("%x", "%o") and v < 0)) if specifier[-1] in "dixo"
        else not (isinstance(v, int) and abs(v) > 1e308)
        for v in values
    )
    if not accepts:
        return
    expected = pattern % tuple(to_string(v) for v in values) if specifier == "%s" else pattern % tuple(values)
    assert fmt(pattern, values) == (expected,)


# --- Arrays -------------------------------------------------------------------------------------

GET, SET, INSERT, REMOVE_AT = (node(t) for t in ("logic.get_array_element", "logic.set_array_element",
                                                 "logic.insert_array_element", "logic.remove_array_element"))
PUSH, POP, CONCAT, INDEX = (node(t) for t in ("logic.push_array_element", "logic.pop_array_element",
                                              "logic.concat_arrays", "logic.array_index_of"))


@relaxed
@given(arrays, st.integers(-10, 10), st.integers())
def test_array_nodes_match_python_lists_and_leave_the_input_alone(array, index, value):
    before = list(array)
    in_range = -len(array) <= index < len(array)
    if in_range:
        assert GET(array, index) == (array[index],)
        expected = list(array)
        expected[index] = value
        assert SET(array, index, value) == (expected,)
        expected = list(array)
        removed = expected.pop(index)
        assert REMOVE_AT(array, index) == (expected, removed)
    if 0 <= index <= len(array):
        expected = list(array)
        expected.insert(index, value)
        assert INSERT(array, index, value) == (expected,)
    assert PUSH(array, value) == ([*array, value],)
    if array:
        assert POP(array) == (array[:-1], array[-1])
    assert CONCAT(array, [value]) == ([*array, value],)
    assert array == before


@relaxed
@given(arrays, st.integers(-3, 3) | st.text(max_size=2) | st.booleans())
def test_array_index_of_is_the_first_equal_element(array, value):
    (found,) = INDEX(array, value)
    same = [i for i, v in enumerate(array) if v == value and isinstance(v, bool) == isinstance(value, bool)]
    assert found == (same[0] if same else -1)


# --- Dictionaries, paths and JSON ---------------------------------------------------------------

MERGE, NESTED, PARSE, STRINGIFY = (node(t) for t in ("logic.merge_dictionaries", "logic.get_nested_element",
                                                     "logic.json_parse", "logic.json_stringify"))


@relaxed
@given(st.dictionaries(small_text, st.integers()), st.dictionaries(small_text, st.integers()))
def test_merge_keeps_the_first_value_of_a_key(a, b):
    assert MERGE(a, b) == ({**b, **a},)


@relaxed
@given(json_values)
def test_json_round_trip(value):
    (text_out,) = STRINGIFY(value)
    assert json.loads(text_out) == value
    assert PARSE(text_out)[0] == value


@relaxed
@given(st.text())
def test_json_parse_is_json_loads_or_a_clear_error(s):
    try:
        expected = json.loads(s)
    except (ValueError, RecursionError):
        try:
            PARSE(s)
        except ValueError as error:
            assert str(error).startswith(("JSON syntax error at line", "JSON holds", "JSON is nested"))
            return
        raise AssertionError(f"{s!r} should not parse") from None
    assert repr(PARSE(s)[0]) == repr(expected)


@st.composite
def nested_with_path(draw):
    """A value, a path into it, and what is there."""
    value = draw(json_values)
    parts, here = [], value
    while isinstance(here, (dict, list)) and here and draw(st.booleans()):
        if isinstance(here, dict):
            key = draw(st.sampled_from(sorted(here)))
            if any(c in key for c in "./[]\\") or not key:
                break
            parts.append(key)
            here = here[key]
        else:
            index = draw(st.integers(-len(here), len(here) - 1))
            parts.append(str(index))
            here = here[index]
    return value, "/".join(parts), here


@relaxed
@given(nested_with_path())
def test_get_nested_element_finds_what_is_there(case):
    value, path, expected = case
    assert NESTED(value, path, None) == (expected, True)
