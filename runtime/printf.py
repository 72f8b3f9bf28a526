"""printf-style formatting for Format Array: ``%[flags][width][.precision]type``, as Incari documents it.

Types: c (a character: a one-character String or an Int code point), d / i (Int), u / o / x / X
(non-negative Int: decimal, octal, hexadecimal), e / E / f / F / g / G (Int or Float), s (any value,
as text; precision cuts it) and ``%%`` for a percent sign. Values are checked, not coerced: a Float
for ``%d`` is an error naming the specifier and the value. Width and precision are bounded so that a
pattern cannot ask for gigabytes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from runtime.types import to_string

_SPECIFIER = re.compile(r"%(?:(?P<flags>[-+ 0#]*)(?P<width>\d+)?(?:\.(?P<precision>\d+))?(?P<type>[cdiuoxXeEfFgGs%])?)")
#: The largest width or precision a specifier may ask for.
MAX_WIDTH = 10_000
_INTEGER = frozenset("diuoxX")
_UNSIGNED = frozenset("uoxX")
_REAL = frozenset("eEfFgG")


def format_printf(pattern: str, values: Sequence[Any]) -> str:
    """`pattern` with each specifier replaced by the next value; ValueError saying which one does not fit.

    Values beyond the specifiers are ignored, as printf does; too few values is an error.
    """
    parts: list[str] = []
    done, used = 0, 0
    for match in _SPECIFIER.finditer(pattern):
        parts.append(pattern[done:match.start()])
        done = match.end()
        kind = match["type"]
        if kind is None:
            raise ValueError(f"'%' at position {match.start()} of the pattern has no type "
                             "(c, d, i, u, o, x, e, f, g or s; %% for a percent sign)")
        if kind == "%":
            parts.append("%")
            continue
        if used == len(values):
            raise ValueError(f"the pattern has more specifiers than the {len(values)} values "
                             f"({match[0]} at position {match.start()} has none)")
        parts.append(_one(match, kind, values[used], used))
        used += 1
    parts.append(pattern[done:])
    return "".join(parts)


def _one(match: re.Match[str], kind: str, value: Any, index: int) -> str:
    for bound in ("width", "precision"):
        if match[bound] is not None and int(match[bound]) > MAX_WIDTH:
            raise ValueError(f"{match[0]}: a {bound} above {MAX_WIDTH} is not supported")
    specifier = f"%{match['flags']}{match['width'] or ''}{'.' + match['precision'] if match['precision'] else ''}"
    problem = _problem(kind, value)
    if problem:
        raise ValueError(f"{match[0]} needs {problem}, but value {index} is {to_string(value)!r}")
    if kind == "s":
        return (specifier + "s") % to_string(value)
    if kind == "u":
        return (specifier + "d") % value
    return (specifier + kind) % value


def _problem(kind: str, value: Any) -> str:
    """What `value` should have been for `kind`, or "" when it fits."""
    is_int = value.__class__ is int
    if kind in _INTEGER:
        if not is_int:
            return "an Int"
        return "an Int that is not negative" if kind in _UNSIGNED and value < 0 else ""
    if kind in _REAL:
        if not (is_int or value.__class__ is float):
            return "an Int or a Float"
        return "a number small enough for a Float" if is_int and abs(value) > 1e308 else ""
    if kind == "c":
        if isinstance(value, str):
            return "" if len(value) == 1 else "one character"
        return "" if is_int and 0 <= value <= 0x10FFFF else "one character or a character code"
    return ""
