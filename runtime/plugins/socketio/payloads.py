"""What goes on the wire for a Send, and what text an On Socket.IO Receive or Error shows."""

from __future__ import annotations

import json
from typing import Any

from runtime.types import DataType, default_value, to_string

#: The types a Send's Message may have (its "Message Type" attribute).
MESSAGE_TYPES = (DataType.STRING.value, DataType.ARRAY.value, DataType.DICTIONARY.value)
#: The types an On Socket.IO Receive's Message may have: String (the text, as before), or data.
RECEIVE_TYPES = (DataType.STRING.value, DataType.DICTIONARY.value, DataType.ARRAY.value, DataType.ANY.value)

SHOWN_CHARS = 80  # of a payload quoted in an error message


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


def incoming(args: tuple[Any, ...], message_type: str) -> Any:
    """The Message of an On Socket.IO Receive whose Message Type is `message_type`.

    String: `incoming_text`. Dictionary, Array, Any: the payload as data. Servers often send JSON
    as text (``JSON.stringify``), so a string payload is parsed as JSON; an object or array
    arrives as is. Several arguments make an Array; none an empty Array (Any: null).
    ValueError, saying what arrived, when the payload is not JSON or not of the type.
    """
    if message_type == "String":
        return incoming_text(args)
    if len(args) == 1:
        value = _parsed(args[0], message_type)
    elif args or message_type != "Dictionary":
        value = list(args) if args else ([] if message_type == "Array" else None)
    else:
        raise ValueError("Message Type is Dictionary but the event carries no payload")
    expected = {"Dictionary": dict, "Array": list}.get(message_type)
    if expected is not None and not isinstance(value, expected):
        raise ValueError(f"Message Type is {message_type} but the payload is {_kind(value)}: {_shown(value)}")
    return value


def _parsed(value: Any, message_type: str) -> Any:
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError as exc:
            raise ValueError(f"Message Type is {message_type} but the payload is not JSON ({exc}): "
                             f"{_shown(value)}") from None
    if isinstance(value, bytes):
        raise ValueError(f"Message Type is {message_type} but the payload is binary ({len(value)} bytes), not JSON")
    return value


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "a Dictionary"
    if isinstance(value, list):
        return "an Array"
    if isinstance(value, str):
        return "a String"
    if isinstance(value, bool):
        return "a Bool"
    if isinstance(value, (int, float)):
        return "a number"
    return "null" if value is None else type(value).__name__


def _shown(value: Any) -> str:
    """A payload quoted in an error: its JSON (a string in quotes), cut after `SHOWN_CHARS` characters."""
    text = _json(value)
    return text if len(text) <= SHOWN_CHARS else f"{text[:SHOWN_CHARS]}... ({len(text)} characters)"


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
