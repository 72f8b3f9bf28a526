"""What goes on the wire for a Send, and what text an On Socket.IO Receive or Error shows."""

from __future__ import annotations

import json
from typing import Any

from runtime.types import DataType, default_value, to_string

#: The types a Send's Message may have (its "Message Type" attribute).
MESSAGE_TYPES = (DataType.STRING.value, DataType.ARRAY.value, DataType.DICTIONARY.value)


def outgoing(message: Any, message_type: str) -> Any:
    """A String is sent as a string; an Array or Dictionary as JSON data (a list or an object).

    An unset value (None) is the type's empty value; ValueError when the value is not of the type.
    """
    data_type = DataType(message_type) if message_type in MESSAGE_TYPES else DataType.STRING
    if message is None:
        return default_value(data_type)
    if data_type is DataType.STRING:
        return message if isinstance(message, str) else to_string(message)
    expected = list if data_type is DataType.ARRAY else dict
    if not isinstance(message, expected):
        raise ValueError(f"Message Type is {data_type.value} but the Message is {to_string(message)!r}")
    return message


def incoming_text(args: tuple[Any, ...]) -> str:
    """One argument as text (a string as is, anything else as JSON); none is ""; several, a JSON array."""
    if len(args) == 1:
        value = args[0]
        kind = value.__class__
        if kind is str:
            return value
        if kind is int:  # JSON writes an integer as Python does: skip the encoder (floods of counters)
            return str(value)
        return value if isinstance(value, str) else _json(value)
    return _json(list(args)) if args else ""


def error_text(data: Any) -> str:
    """The message of an error payload: its ``message`` field when it has one, else its text."""
    if isinstance(data, dict) and isinstance(data.get("message"), str):
        return data["message"]
    if isinstance(data, (list, tuple)):
        return incoming_text(tuple(data))
    return data if isinstance(data, str) else _json(data)


def _json(value: Any) -> str:
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    try:
        return json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        return repr(value)
