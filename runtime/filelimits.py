"""The documented limits of a project file, and reading/parsing that stays within them.

Everything here turns a file that is too big, too deep, not a regular file, or holds numbers or
strings that cannot round-trip into a `LimitError` naming the JSON path (the file format module
wraps it into a ProjectFileError). Limits are listed in docs/file-format.md.
"""

from __future__ import annotations

import json
import math
import os
import stat
from pathlib import Path
from typing import Any

#: A project file above this size is refused before it is read (real ones are a few MB at most).
MAX_FILE_BYTES = 64 * 1024 * 1024
#: Deepest nesting of arrays and objects (the file's own structure uses 6; the rest is for values).
MAX_DEPTH = 64
#: How deep a value typed in the editor (a node attribute, a variable's default) already sits in a file.
VALUE_DEPTH = 6
#: Integers must fit a signed 64-bit integer.
MAX_INT = 2**63 - 1
#: Node positions and group rectangles stay within ±this many scene units.
MAX_COORDINATE = 1e7

_MAX_INT_DIGITS = len(str(MAX_INT)) + 1  # longer literals are out of range whatever their value


class LimitError(Exception):
    """A value or a file beyond a limit: `path` is the JSON path ("" for the whole file)."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(problem)
        self.path, self.problem = path, problem


class _HugeInt:
    """Stands for an integer literal too long to convert (Python refuses beyond 4,300 digits)."""

    def __init__(self, digits: int) -> None:
        self.digits = digits


def _parse_int(text: str) -> int | _HugeInt:
    return int(text) if len(text) <= _MAX_INT_DIGITS else _HugeInt(len(text))


def read_regular_file(path: Path) -> str:
    """The text of `path`, a regular file of at most MAX_FILE_BYTES; LimitError or OSError otherwise.

    Opened non-blocking so that a FIFO never blocks; a device or FIFO is refused before any read.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as handle:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise LimitError("", f"not a regular file ({_file_kind(mode)}); a project is a .json file or a folder")
        data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise LimitError("", f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB; not a project file")
    return data.decode("utf-8")


def _file_kind(mode: int) -> str:
    kinds = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a character device"),
             (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))
    return next((name for test, name in kinds if test(mode)), "not a regular file")


def parse_json(text: str, depth: int = 0) -> Any:
    """`json.loads` within the limits; json.JSONDecodeError for bad syntax, LimitError for the rest.

    `depth` is where the value will sit in a project file (VALUE_DEPTH for one typed in the editor).
    """
    if len(text) > MAX_FILE_BYTES:
        raise LimitError("", f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB; not a project file")
    try:
        data = json.loads(text, parse_int=_parse_int)
    except RecursionError:
        raise LimitError("$", f"nested deeper than {MAX_DEPTH} levels of arrays and objects") from None
    check_value(data, "$", depth)
    return data


def check_value(value: Any, path: str, depth: int = 0) -> None:
    """Raises LimitError at the first value under `path` that is too deep, out of range or not writable.

    A quick pass without paths first (it costs a fraction of the parse); paths are built only to
    name a problem once one is known to be there.
    """
    if not _fits(value, depth):
        _locate(value, path, depth)


def _fits(value: Any, depth: int) -> bool:
    if depth >= MAX_DEPTH:
        return False
    if isinstance(value, dict):
        if not all(key.isascii() for key in value) and any(_text_problem(key) for key in value):
            return False
        items: Any = value.values()
    elif isinstance(value, list):
        items = value
    else:
        return _scalar_problem(value) is None
    for item in items:  # the common scalars inline: this loop sees every value of the file
        kind = type(item)
        if kind is str:
            if not item.isascii() and _text_problem(item):
                return False
        elif kind is int:
            if not -MAX_INT <= item <= MAX_INT:
                return False
        elif kind is float:
            if item - item != 0.0:  # NaN or an infinity
                return False
        elif kind is dict or kind is list:
            if not _fits(item, depth + 1):
                return False
        elif kind is _HugeInt:
            return False
    return True


def _locate(value: Any, path: str, depth: int) -> None:
    if isinstance(value, (dict, list)):
        if depth >= MAX_DEPTH:
            raise LimitError(path, f"nested deeper than {MAX_DEPTH} levels of arrays and objects")
        if isinstance(value, dict):
            for key, item in value.items():
                if _text_problem(key):
                    raise LimitError(path, f"key {_text_problem(key)}")
                _locate(item, f"{path}.{key}", depth + 1)
        else:
            for index, item in enumerate(value):
                _locate(item, f"{path}[{index}]", depth + 1)
        return
    problem = _scalar_problem(value)
    if problem is not None:
        raise LimitError(path, problem)


def _scalar_problem(value: Any) -> str | None:
    if isinstance(value, str):
        problem = _text_problem(value)
        return f"text {problem}" if problem else None
    if isinstance(value, float) and not math.isfinite(value):
        return "number out of range (NaN and infinities are not allowed; numbers must be finite 64-bit floats)"
    if isinstance(value, _HugeInt):
        return f"integer of {value.digits} digits is out of range (±{MAX_INT})"
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_INT:
        return f"integer {value} is out of range (±{MAX_INT})"
    return None


def _text_problem(text: str) -> str | None:
    if text.isascii():
        return None
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "holds an unpaired UTF-16 surrogate (\\ud800-\\udfff), which cannot be saved"
    return None
