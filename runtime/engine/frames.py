"""Length-prefixed pickled messages over a pipe: how the editor and its run process talk.

Both ends are this program, so pickle is safe here; it also carries console records and debug values
as they are. A message is a 4-byte big-endian length and the pickle.
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


def plain(value: Any) -> Any:
    """`value` with everything pickle may refuse (sockets, tasks, custom objects) replaced by its repr."""
    if value is None or isinstance(value, (bool, int, float, str, bytes)):
        return value
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {key if isinstance(key, (str, int, float, bool)) else repr(key): plain(item)
                for key, item in value.items()}
    return repr(value)
