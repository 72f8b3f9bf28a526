"""Length-prefixed pickled messages over a pipe: how the editor and its run process talk.

Both ends are this program, so pickle is safe here; it carries console records as they are and debug
values as `bounded` makes them. A message is a 4-byte big-endian length and the pickle.
"""

from __future__ import annotations

import pickle
import struct
from typing import Any, BinaryIO

_LENGTH = struct.Struct(">I")


def write_frame(stream: BinaryIO, message: Any) -> None:
    """Sends one message and flushes it; raises OSError (BrokenPipeError) when the other end is gone."""
    data = pickle.dumps(message, pickle.HIGHEST_PROTOCOL)
    stream.write(_LENGTH.pack(len(data)) + data)
    stream.flush()


def read_frame(stream: BinaryIO) -> Any | None:
    """The next message, or None once the other end has closed the pipe (or died mid-message)."""
    header = stream.read(_LENGTH.size)
    if len(header) < _LENGTH.size:
        return None
    (length,) = _LENGTH.unpack(header)
    data = stream.read(length)
    if len(data) < length:
        return None
    return pickle.loads(data)


#: The most of a debug value sent to the editor: longer text and longer lists are cut (the editor shows a
#: short form and the whole value on hover; megabytes 30 times a second would only slow both ends).
MAX_TEXT = 10_000
MAX_ITEMS = 1_000


def bounded(value: Any) -> Any:
    """`value` as the editor may be sent it: text longer than MAX_TEXT and lists or dicts longer than
    MAX_ITEMS cut, saying so, and what pickle may refuse (sockets, tasks, other objects) as its repr."""
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, str):
        return value if len(value) <= MAX_TEXT else f"{value[:MAX_TEXT]}… ({len(value):,} characters)"
    if isinstance(value, bytes):
        return value if len(value) <= MAX_TEXT else value[:MAX_TEXT] + f"… ({len(value):,} bytes)".encode()
    if isinstance(value, (list, tuple)):
        items = [bounded(item) for item in value[:MAX_ITEMS]]
        if len(value) > MAX_ITEMS:
            return [*items, f"… ({len(value):,} items)"]
        return items if isinstance(value, list) else tuple(items)
    if isinstance(value, dict):
        shown = {key if isinstance(key, (str, int, float, bool)) else repr(key): bounded(item)
                 for key, item in list(value.items())[:MAX_ITEMS]}
        if len(value) > MAX_ITEMS:
            shown["…"] = f"({len(value):,} entries)"
        return shown
    return repr(value)
