"""JSON text to values and back, with errors a designer can act on.

`parse_json` names the line, column and position of a syntax error and shows the text around it;
nesting deeper than the interpreter can follow is an error, never a crash. NaN and Infinity (which
Python servers send) are read as Floats, but `stringify_json` refuses to write them: JSON has no
such numbers and a JavaScript peer could not read them.
"""

from __future__ import annotations

import json
import sys
from typing import Any

#: Characters of the text shown each side of a syntax error.
_CONTEXT = 20
#: The most digits Python converts between an int and text (sys.get_int_max_str_digits()).
_MAX_DIGITS = sys.get_int_max_str_digits()


def _around(text: str, pos: int) -> str:
    """The text each side of `pos`, on one line, with the spot marked."""
    start, end = max(0, pos - _CONTEXT), min(len(text), pos + _CONTEXT)
    excerpt = ("…" if start else "") + text[start:pos] + "⟨here⟩" + text[pos:end] + ("…" if end < len(text) else "")
    return excerpt.replace("\r", "\\r").replace("\n", "\\n")


def parse_json(text: str) -> Any:
    """The value `text` holds; ValueError saying where and why when it is not JSON."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno} (position {exc.pos})"
        raise ValueError(f"JSON syntax error at {where}: {exc.msg}, at {_around(text, exc.pos)}") from None
    except RecursionError:
        raise ValueError("JSON is nested too deeply to read (arrays or objects inside each other "
                         "more than about a thousand levels)") from None
    except ValueError:  # the only other ValueError: an integer longer than Python converts
        raise ValueError(f"JSON holds an integer longer than {_MAX_DIGITS} digits") from None


def stringify_json(value: Any, indent: int | None = None) -> str:
    """`value` as JSON text (unicode kept as is); ValueError for NaN, Infinity or too deep nesting."""
    try:
        return json.dumps(value, ensure_ascii=False, allow_nan=False, indent=indent)
    except RecursionError:
        raise ValueError("the value is nested too deeply to write as JSON") from None
    except ValueError as exc:
        if "float" in str(exc):
            raise ValueError("NaN and Infinity cannot be written as JSON (JSON has no such numbers)") from None
        raise ValueError(f"the value holds an Int longer than {_MAX_DIGITS} digits") from None
