"""Paths into JSON data for Get Nested Element: ``alerts/0``, ``a.b.c``, ``items[2].name``, ``/a/b``.

A path is parts separated by ``/`` or ``.``; ``[n]`` is another way to write ``.n``. A backslash
takes the next character literally (``version\\.major`` is the key "version.major"). On a
Dictionary a part is a key; on an Array it must be an integer index (negative from the end).
Walking is a loop, so any depth is safe; parsed paths are cached.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

_INDEX = re.compile(r"-?\d{1,18}")
_SEPARATORS = "./["


#: One part of a path: the key, and the index it means on an Array (None: it is not an integer).
Step = tuple[str, int | None]


@lru_cache(maxsize=512)
def parse_path(path: str) -> tuple[Step, ...]:
    """The steps of `path`, parsed once per distinct path (a graph reads the same few paths all day)."""
    return tuple((part, int(part) if _INDEX.fullmatch(part) else None) for part in _split(path))


def _split(path: str) -> list[str]:
    """The parts of `path`; ValueError naming the path and the position of an empty part."""
    text = path[1:] if path.startswith("/") else path
    if not text:
        return []
    parts: list[str] = []
    current: list[str] = []
    closed = False  # the last part ended with "]": the separator that may follow adds no empty part
    i = 0
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text):
            current.append(text[i + 1])
            i += 2
            continue
        if char in _SEPARATORS or char == "]":
            if char == "]" and not current:
                raise ValueError(f"Path {path!r} has an empty [] at position {i}")
            if current or not (closed or (char == "[" and i == 0)):
                if not current:
                    raise ValueError(f"Path {path!r} has an empty part before position {i}")
                parts.append("".join(current))
                current = []
            closed = char == "]"
        else:
            current.append(char)
            closed = False
        i += 1
    if current or not closed:
        if not current:
            raise ValueError(f"Path {path!r} ends with a separator")
        parts.append("".join(current))
    return parts


def walk(data: Any, steps: tuple[Step, ...]) -> tuple[bool, Any]:
    """(True, the value at `steps` inside `data`), or (False, None) when there is nothing there."""
    for key, index in steps:
        kind = data.__class__
        if kind is dict:
            if key not in data:
                return False, None
            data = data[key]
        elif kind is list and index is not None and -len(data) <= index < len(data):
            data = data[index]
        else:
            return False, None
    return True, data
