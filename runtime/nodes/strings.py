"""The String family: searching, cutting, changing case, padding, hashing and random text.

Lengths and indices count Unicode code points (Python's `str`), so an emoji is one character and
a letter with a combining accent is two; only Reverse keeps such marks with their letter. Every
node here is pure, except Random String: its value is fixed when the pulse passes, so that every
node reading it sees the same text. It draws from the run's one generator (``engine.random``),
which the project's random seed makes repeatable.
"""

from __future__ import annotations

import hashlib
import string
import unicodedata
from typing import Any

from runtime.engine.instance import NodeInstance
from runtime.nodes.values import need_array, shown
from runtime.printf import format_printf
from runtime.specs import Attribute, AttrKind, DataPort, NodeSpec
from runtime.types import DataType, to_string

#: The longest String a node builds from a length the graph chooses (Padding, Random String).
MAX_BUILT = 10_000_000
_CATEGORY = ("String",)
_S = DataType.STRING
_OUTPUT = (DataPort("Output", _S),)


def _built_length(length: int) -> int:
    if length > MAX_BUILT:
        raise ValueError(f"Length {length} is more than the {MAX_BUILT} characters a String may be built with")
    return length


def _length(ctx: NodeInstance, text: str) -> int:
    return len(text)


def _contains(ctx: NodeInstance, text: str, part: str) -> bool:
    return part in text


def _starts_with(ctx: NodeInstance, text: str, prefix: str) -> bool:
    return text.startswith(prefix)


def _ends_with(ctx: NodeInstance, text: str, suffix: str) -> bool:
    return text.endswith(suffix)


def _index_of(ctx: NodeInstance, text: str, part: str) -> int:
    return text.find(part)


def _last_index_of(ctx: NodeInstance, text: str, part: str) -> int:
    return text.rfind(part)


def _substring(ctx: NodeInstance, text: str, start: int, length: int) -> str:
    if not 0 <= start <= len(text):
        raise IndexError(f"Start index {start} is outside {shown(text)} (0 to {len(text)})")
    return text[start:] if length < 0 else text[start:start + length]


def _split(ctx: NodeInstance, text: str, separator: str) -> list[str]:
    return list(text) if separator == "" else text.split(separator)


def _join(ctx: NodeInstance, parts: list, separator: str) -> str:
    return separator.join(to_string(part) for part in need_array(parts, "Array of strings"))


def _replace(ctx: NodeInstance, text: str, search: str, replacement: str) -> str:
    return text.replace(search, replacement)


def _trim(ctx: NodeInstance, text: str) -> str:
    return text.strip()


def _trim_left(ctx: NodeInstance, text: str) -> str:
    return text.lstrip()


def _trim_right(ctx: NodeInstance, text: str) -> str:
    return text.rstrip()


def _upper(ctx: NodeInstance, text: str) -> str:
    return text.upper()


def _lower(ctx: NodeInstance, text: str) -> str:
    return text.lower()


def _capitalize(ctx: NodeInstance, text: str) -> str:
    return text[:1].upper() + text[1:]


def _is_upper(ctx: NodeInstance, text: str) -> bool:
    return text.isupper()


def _is_lower(ctx: NodeInstance, text: str) -> bool:
    return text.islower()


def _pad_character(character: str) -> str:
    if len(character) != 1:
        raise ValueError(f"Character must be exactly one character, not {shown(character)}")
    return character


def _padding_left(ctx: NodeInstance, text: str, length: int, character: str) -> str:
    return text.rjust(_built_length(length), _pad_character(character))


def _padding_right(ctx: NodeInstance, text: str, length: int, character: str) -> str:
    return text.ljust(_built_length(length), _pad_character(character))


def _joins_previous(char: str) -> bool:
    """Whether `char` belongs to the character before it (an accent, a variation selector, a skin tone)."""
    return bool(unicodedata.combining(char)) or "\ufe00" <= char <= "\ufe0f" or "\U0001f3fb" <= char <= "\U0001f3ff"


def _clusters(text: str) -> list[str]:
    """`text` cut into what a reader sees as characters: marks stay with their letter, and a zero-width
    joiner (U+200D) glues emoji such as 👩‍💻 together."""
    clusters: list[str] = []
    glue = False
    for char in text:
        if clusters and (glue or _joins_previous(char) or char == "\u200d"):
            clusters[-1] += char
        else:
            clusters.append(char)
        glue = char == "\u200d"
    return clusters


def _reverse(ctx: NodeInstance, text: str) -> str:
    return "".join(reversed(_clusters(text)))


def _remove_characters(ctx: NodeInstance, text: str, characters: str) -> str:
    return text.translate(dict.fromkeys(map(ord, characters)))


def _char_code_at(ctx: NodeInstance, text: str, at: int) -> int:
    return ord(text[at]) if 0 <= at < len(text) else -1


def _compare_setup(ctx: NodeInstance) -> None:
    ctx.data = str.casefold if ctx.attrs["Ignore Case"] else None


def _compare(ctx: NodeInstance, first: str, second: str) -> tuple[int, bool]:
    if ctx.data is not None:
        first, second = ctx.data(first), ctx.data(second)
    order = (first > second) - (first < second)
    return order, order == 0


def _format_array(ctx: NodeInstance, pattern: str, values: list) -> str:
    return format_printf(pattern, need_array(values, "Values"))


_HASHES = {"MD5": "md5", "SHA-1": "sha1", "SHA-256": "sha256"}


def _create_hash(ctx: NodeInstance, text: str) -> str:
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        code = f"U+{ord(text[exc.start]):04X}"
        raise ValueError(f"String has a lone surrogate ({code}) at index {exc.start}: it is not valid Unicode "
                         "and has no UTF-8 bytes to hash") from None
    return hashlib.new(_HASHES[ctx.attrs["Algorithm"]], data, usedforsecurity=False).hexdigest()


def _random_string(ctx: NodeInstance, length: int, characters: str) -> None:
    if length < 0:
        raise ValueError(f"Length must not be negative (got {length})")
    if not characters:
        raise ValueError("Characters is empty: there is nothing to pick from")
    ctx.out["Random string"] = "".join(ctx.engine.random.choices(characters, k=_built_length(length)))


def _pure(type_id: str, name: str, description: str, run: Any, inputs: tuple[DataPort, ...],
          outputs: tuple[DataPort, ...] = _OUTPUT, **more: Any) -> NodeSpec:
    return NodeSpec(f"logic.{type_id}", name, _CATEGORY, description, kind="pure", inputs=inputs, outputs=outputs,
                    run=run, **more)


def _text(name: str = "String", default: str = "") -> DataPort:
    return DataPort(name, _S, default)


_STRING = (_text(),)
_BOOL = DataType.BOOL

SPECS = (
    _pure("string_length", "Length", "The number of characters in the String.", _length, _STRING,
          (DataPort("Length", DataType.INT),)),
    _pure("string_contains", "Contains", "Whether Substring occurs in the String (an empty one always does).",
          _contains, (_text(), _text("Substring")), (DataPort("Result", _BOOL),)),
    _pure("starts_with", "Starts With", "Whether the String begins with Prefix.", _starts_with,
          (_text(), _text("Prefix")), (DataPort("Result", _BOOL),)),
    _pure("ends_with", "Ends With", "Whether the String ends with Suffix.", _ends_with,
          (_text(), _text("Suffix")), (DataPort("Result", _BOOL),)),
    _pure("string_index_of", "Index Of", "Where Substring first occurs in the String, or -1.", _index_of,
          (_text(), _text("Substring")), (DataPort("Index", DataType.INT),)),
    _pure("last_index_of", "Last Index Of", "Where Substring last occurs in the String, or -1.", _last_index_of,
          (_text(), _text("Substring")), (DataPort("Index", DataType.INT),)),
    _pure("substring", "Substring",
          "Length characters of Source from Start index (0 = first); a negative Length takes the rest.",
          _substring, (_text("Source"), DataPort("Start index", DataType.INT, 0), DataPort("Length", DataType.INT, -1)),
          (DataPort("Substring", _S),)),
    _pure("split", "Split",
          "The parts of the String between Separators, as an Array of Strings (an empty Separator: "
          "each character).", _split, (_text(), _text("Separator", ",")), (DataPort("Array", DataType.ARRAY),)),
    _pure("join", "Join",
          "The elements of the Array joined into one String with Separator between them (non-Strings as "
          "To String shows them).", _join,
          (DataPort("Array of strings", DataType.ARRAY), _text("Separator", ",")),
          (DataPort("Joined string", _S),)),
    _pure("replace", "Replace", "The String with every occurrence of Search replaced by Replacement.", _replace,
          (_text(), _text("Search"), _text("Replacement"))),
    _pure("trim", "Trim", "The String without whitespace at either end.", _trim, _STRING),
    _pure("trim_left", "Trim Left", "The String without whitespace at its start.", _trim_left, _STRING),
    _pure("trim_right", "Trim Right", "The String without whitespace at its end.", _trim_right, _STRING),
    _pure("upper", "Upper", "The String in upper case (ß becomes SS).", _upper, _STRING),
    _pure("lower", "Lower", "The String in lower case.", _lower, _STRING),
    _pure("capitalize", "Capitalize", "The String with its first character in upper case, the rest unchanged.",
          _capitalize, _STRING),
    _pure("is_upper", "Is Upper",
          "Whether the String has letters and all of them are upper case (digits and spaces do not count).",
          _is_upper, _STRING, (DataPort("Result", _BOOL),)),
    _pure("is_lower", "Is Lower",
          "Whether the String has letters and all of them are lower case (digits and spaces do not count).",
          _is_lower, _STRING, (DataPort("Result", _BOOL),)),
    _pure("padding_left", "Padding Left",
          "The String with Character added in front until it is Length long (a longer String is kept).",
          _padding_left, (_text(), DataPort("Length", DataType.INT, 0), _text("Character", " "))),
    _pure("padding_right", "Padding Right",
          "The String with Character added at the end until it is Length long (a longer String is kept).",
          _padding_right, (_text(), DataPort("Length", DataType.INT, 0), _text("Character", " "))),
    _pure("reverse", "Reverse", "The String backwards; accents and joined emoji stay whole.", _reverse, _STRING),
    _pure("remove_characters", "Remove Characters", "The String without any of the characters in Characters.",
          _remove_characters, (_text(), _text("Characters"))),
    _pure("char_code_at", "Char Code At",
          "The Unicode code of the character at index At (0 = first), or -1 when there is none.", _char_code_at,
          (_text(), DataPort("At", DataType.INT, 0)), (DataPort("Char code", DataType.INT),)),
    _pure("compare_strings", "Compare Strings",
          "Result is 0 when the Strings are equal, -1 when String 1 sorts first, 1 when it sorts after.",
          _compare, (_text("String 1"), _text("String 2")),
          (DataPort("Result", DataType.INT), DataPort("Equal", _BOOL)),
          attributes=(Attribute("Ignore Case", AttrKind.BOOL, False,
                                description="Compare as if both were lower case (Unicode case folding)."),),
          setup=_compare_setup),
    _pure("format_array", "Format Array",
          "Pattern with each printf specifier (%d, %.2f, %s, %x, ...) replaced by the next element of Values.",
          _format_array, (_text("Pattern", "%s"), DataPort("Values", DataType.ARRAY)),
          (DataPort("Formatted", _S),)),
    _pure("create_hash", "Create Hash", "The hash of the String's UTF-8 bytes, as lower-case hex digits.",
          _create_hash, _STRING, (DataPort("Hash", _S),),
          attributes=(Attribute("Algorithm", AttrKind.CHOICE, "SHA-256", options=tuple(_HASHES)),)),
    NodeSpec("logic.random_string", "Random String", _CATEGORY,
             "A String of Length characters picked at random from Characters, made when the pulse passes; "
             "the same on every run when Project Settings give a random seed.",
             inputs=(DataPort("Length", DataType.INT, 8), _text("Characters", string.ascii_letters + string.digits)),
             outputs=(DataPort("Random string", _S),), run=_random_string),
)
