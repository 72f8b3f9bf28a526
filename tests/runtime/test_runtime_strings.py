"""The String family, node by node: normal values, edge values (empty, unicode, huge) and bad input."""

from __future__ import annotations

import hashlib
import math

import pytest
from graph_builder import Builder, lines, run_project
from node_calls import instance, node, node_of, one

EMOJI = "👩‍💻"  # woman, zero-width joiner, laptop: three code points, one character to a reader
ACCENTED = "e\u0301"  # e + combining acute accent


@pytest.mark.parametrize(("type_id", "inputs", "expected"), [
    ("logic.string_length", ("",), 0),
    ("logic.string_length", ("héllo",), 5),
    ("logic.string_length", (EMOJI,), 3),
    ("logic.string_length", ("😀",), 1),
    ("logic.string_contains", ("overheat", "heat"), True),
    ("logic.string_contains", ("overheat", ""), True),
    ("logic.string_contains", ("", "a"), False),
    ("logic.starts_with", ("speed=42", "speed"), True),
    ("logic.starts_with", ("speed", "Speed"), False),
    ("logic.ends_with", ("file.json", ".json"), True),
    ("logic.ends_with", ("", ""), True),
    ("logic.string_index_of", ("abcabc", "c"), 2),
    ("logic.string_index_of", ("abc", "x"), -1),
    ("logic.string_index_of", ("😀a", "a"), 1),
    ("logic.last_index_of", ("abcabc", "c"), 5),
    ("logic.last_index_of", ("abc", ""), 3),
    ("logic.substring", ("Lorem Ipsum", 6, 5), "Ipsum"),
    ("logic.substring", ("Lorem Ipsum", 6, -1), "Ipsum"),
    ("logic.substring", ("Lorem", 2, 100), "rem"),
    ("logic.substring", ("Lorem", 5, 3), ""),
    ("logic.substring", ("", 0, 0), ""),
    ("logic.split", ("a,b,,c", ","), ["a", "b", "", "c"]),
    ("logic.split", ("", ","), [""]),
    ("logic.split", ("a😀b", ""), ["a", "😀", "b"]),
    ("logic.split", ("a--b", "--"), ["a", "b"]),
    ("logic.join", (["uno", "dos", "tres"], ";"), "uno;dos;tres"),
    ("logic.join", ([], ","), ""),
    ("logic.join", ([1, 2.5, True, None, {"a": 1}], ","), '1,2.5,true,null,{"a": 1}'),
    ("logic.replace", ("a-b-c", "-", "+"), "a+b+c"),
    ("logic.replace", ("aaa", "aa", "b"), "ba"),
    ("logic.replace", ("abc", "x", "y"), "abc"),
    ("logic.trim", ("\t a b \n", ), "a b"),
    ("logic.trim", ("\u3000x\u00a0",), "x"),
    ("logic.trim_left", ("  a  ",), "a  "),
    ("logic.trim_right", ("  a  ",), "  a"),
    ("logic.upper", ("straße",), "STRASSE"),
    ("logic.lower", ("ÀB",), "àb"),
    ("logic.capitalize", ("hello World",), "Hello World"),
    ("logic.capitalize", ("",), ""),
    ("logic.capitalize", ("élan",), "Élan"),
    ("logic.is_upper", ("ABC 1",), True),
    ("logic.is_upper", ("AbC",), False),
    ("logic.is_upper", ("123",), False),
    ("logic.is_lower", ("abc",), True),
    ("logic.is_lower", ("",), False),
    ("logic.padding_left", ("7", 3, "0"), "007"),
    ("logic.padding_left", ("1234", 3, "0"), "1234"),
    ("logic.padding_right", ("ab", 4, "."), "ab.."),
    ("logic.padding_right", ("ab", -5, "."), "ab"),
    ("logic.reverse", ("abc",), "cba"),
    ("logic.reverse", ("",), ""),
    ("logic.reverse", (f"a{ACCENTED}b",), f"b{ACCENTED}a"),
    ("logic.reverse", (f"x{EMOJI}y",), f"y{EMOJI}x"),
    ("logic.reverse", ("👍🏽!",), "!👍🏽"),
    ("logic.remove_characters", ("The dogs and the foxes go towards that house", "os"),
     "The dg and the fxe g tward that hue"),
    ("logic.remove_characters", ("abc", ""), "abc"),
    ("logic.char_code_at", ("A😀", 0), 65),
    ("logic.char_code_at", ("A😀", 1), 0x1F600),
    ("logic.char_code_at", ("A", 1), -1),
    ("logic.char_code_at", ("A", -1), -1),
    ("logic.char_code_at", ("", 0), -1),
    ("logic.format_array", ("The current temperature is %.1f °C", [20.34]), "The current temperature is 20.3 °C"),
    ("logic.format_array", ("%s has %d alerts (%5.1f%%)", ["pump", 3, 12.345]), "pump has 3 alerts ( 12.3%)"),
    ("logic.format_array", ("%c%c|%x|%o|%u|%e", ["t", 0x1F600, 255, 8, 9, 25000000000]), "t😀|ff|10|9|2.500000e+10"),
    ("logic.format_array", ("%.3s|%-4d|%04i", ["abcdef", 7, 42]), "abc|7   |0042"),
    ("logic.format_array", ("%s %s", [[1, 2], None, "unused"]), "[1, 2] null"),
    ("logic.format_array", ("100%% plain", []), "100% plain"),
    ("logic.format_array", ("%f", [float("nan")]), "nan"),
    # lone surrogates (JSON can carry "\ud800") are one character each and pass through unharmed
    ("logic.string_length", ("a\ud800",), 2),
    ("logic.reverse", ("a\ud800b",), "b\ud800a"),
    ("logic.upper", ("a\udfff",), "A\udfff"),
    ("logic.split", ("x\ud800y", "\ud800"), ["x", "y"]),
    ("logic.char_code_at", ("\ud800", 0), 0xD800),
    # a combining mark with no letter before it stays where it is
    ("logic.reverse", ("\u0301ab",), "ba\u0301"),
    ("logic.string_length", (ACCENTED,), 2),
    ("logic.string_index_of", (f"{ACCENTED}x", "x"), 2),
])
def test_string_node(type_id, inputs, expected):
    assert one(type_id, *inputs) == expected


@pytest.mark.parametrize(("type_id", "inputs", "message"), [
    ("logic.substring", ("abc", 4, 1), "Start index 4 is outside \"abc\" (0 to 3)"),
    ("logic.substring", ("abc", -1, 1), "Start index -1 is outside"),
    ("logic.padding_left", ("a", 3, "ab"), 'Character must be exactly one character, not "ab"'),
    ("logic.padding_right", ("a", 3, ""), "Character must be exactly one character"),
    ("logic.padding_left", ("a", 10**12, " "), "Length 1000000000000 is more than"),
    ("logic.join", ("not an array", ","), 'Array of strings is "not an array", not an Array'),
    ("logic.format_array", ("%d", [2.5]), "%d needs an Int, but value 0 is '2.5'"),
    ("logic.format_array", ("%d", [True]), "%d needs an Int"),
    ("logic.format_array", ("%x", [-1]), "%x needs an Int that is not negative"),
    ("logic.format_array", ("%f", ["1"]), "%f needs an Int or a Float"),
    ("logic.format_array", ("%c", ["ab"]), "%c needs one character"),
    ("logic.format_array", ("%d %d", [1]), "more specifiers than the 1 values (%d at position 3 has none)"),
    ("logic.format_array", ("50%!", []), "'%' at position 2 of the pattern has no type"),
    ("logic.format_array", ("%99999d", [1]), "a width above 10000 is not supported"),
    ("logic.format_array", ("%f", [10**400]), "a number small enough for a Float"),
    ("logic.create_hash", ("a\ud800b",), "lone surrogate (U+D800) at index 1"),
])
def test_string_node_error(type_id, inputs, message):
    with pytest.raises((ValueError, IndexError, TypeError)) as error:
        one(type_id, *inputs)
    assert message in str(error.value)


@pytest.mark.parametrize("algorithm", ["MD5", "SHA-1", "SHA-256"])
@pytest.mark.parametrize("text", ["", "hello", "😀 ünïcode"])
def test_create_hash_matches_hashlib(algorithm, text):
    name = {"MD5": "md5", "SHA-1": "sha1", "SHA-256": "sha256"}[algorithm]
    assert one("logic.create_hash", text, Algorithm=algorithm) == hashlib.new(name, text.encode()).hexdigest()


def test_compare_strings_orders_and_can_ignore_case():
    compare = node("logic.compare_strings")
    assert compare("a", "a") == (0, True)
    assert compare("a", "b") == (-1, False)
    assert compare("b", "a") == (1, False)
    assert compare("", "") == (0, True)
    assert compare("Straße", "STRASSE") == (1, False)
    assert node("logic.compare_strings", **{"Ignore Case": True})("Straße", "STRASSE") == (0, True)


def test_concat_strings_and_format_string_take_any_number_of_values():
    assert one("logic.concat", "a", "b", "c", Inputs=3) == "abc"
    assert one("logic.concat", "😀", Inputs=1) == "😀"
    assert one("logic.format_string", "{10}/{1}", *range(1, 11), Values=10) == "10/1"
    assert one("logic.format_string", "{1}", math.nan, Values=1) == "nan"
    with pytest.raises(ValueError, match="only values 1 to 2"):
        one("logic.format_string", "{3}", 1, 2, Values=2)


def _seeded_random_string(seed: int | None):
    inst = instance("logic.random_string")
    inst.engine.random.seed(seed)  # what Engine does with the project's random seed at the start of a run
    return node_of(inst)


def test_random_string_uses_only_the_characters_and_the_project_seed_repeats_it():
    first, again = _seeded_random_string(7), _seeded_random_string(7)
    texts = [first(12, "abc")[0] for _ in range(3)]
    assert texts == [again(12, "abc")[0] for _ in range(3)]
    assert all(len(t) == 12 and set(t) <= set("abc") for t in texts)
    assert len(set(texts)) > 1  # a sequence, not one String repeated
    assert node("logic.random_string")(0, "xyz") == ("",)
    assert set(node("logic.random_string")(50, "😀é")[0]) <= {"😀", "é"}


async def test_random_string_follows_the_project_random_seed():
    async def run_once() -> list[str]:
        b = Builder()
        b.project.random_seed = 42
        b.node("s", "logic.on_project_start")
        b.node("r", "logic.random_string", Length=16)
        b.node("show", "logic.console")
        b.chain("s", "r", "show")
        b.link("r.Random string", "show.Value")
        _, records = await run_project(b.project)
        return lines(records)

    first = await run_once()
    assert len(first) == 1 and len(first[0]) == 16 and first == await run_once()


@pytest.mark.parametrize(("inputs", "message"), [((-1, "ab"), "must not be negative"),
                                                 ((3, ""), "Characters is empty"),
                                                 ((10**9, "a"), "more than the 10000000 characters")])
def test_random_string_errors(inputs, message):
    with pytest.raises(ValueError, match=message):
        node("logic.random_string")(*inputs)


def test_regex_replace_and_match():
    assert one("logic.replace_regex", "a1b22c", r"\d+", "#") == "a#b#c"
    assert one("logic.replace_regex", "2024-01-31", r"(\d+)-(\d+)-(\d+)", r"\3.\2.\1") == "31.01.2024"
    assert one("logic.replace_regex", "", "x*", "-") == "-"
    match = node("logic.match_regex")
    assert match("speed=42 temp=7", r"(?P<key>\w+)=(\d+)", 0, -1, True) == (
        True, 0, 2, "speed=42", ["speed", "42"], {"key": "speed"})
    assert match("speed=42 temp=7", r"(\w+)=(\d+)", 1, -1, False) == (True, 1, 1, "peed=42", ["peed", "42"], {})
    assert match("abc", "x", 0, -1, True) == (False, -1, 0, "", [], {})
    assert match("abcabc", "c", 0, 3, True)[2] == 1
    assert match("a", "(b)?a", 0, -1, False)[4] == [""]
    assert match("", "", 0, -1, False)[:3] == (True, 0, 1)


@pytest.mark.parametrize(("type_id", "inputs", "message"), [
    ("logic.replace_regex", ("a", "(", "x"), 'Regex "(" is not a valid regular expression: missing ), '
                                             "unterminated subpattern at position 0"),
    ("logic.replace_regex", ("a", "a", r"\9"), r'Replacement "\\9" is not valid: invalid group reference 9'),
    ("logic.match_regex", ("a", "[", 0, -1, False), "unterminated character set at position 0"),
    ("logic.match_regex", ("a", "a", 5, -1, False), "From 5 is outside the String (0 to 1)"),
])
def test_regex_errors(type_id, inputs, message):
    with pytest.raises((ValueError, IndexError)) as error:
        one(type_id, *inputs)
    assert message in str(error.value)
