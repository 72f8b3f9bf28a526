"""Data types that flow on data connections, and the explicit conversions between them.

Values are plain Python objects (bool, int, float, str, list, dict). The checks here are strict
on purpose: an Int is never silently a Float, a String is never silently a number. Conversions
happen only where the user placed a conversion node.
"""

from __future__ import annotations

import json
import math
from enum import StrEnum
from typing import Any


class DataType(StrEnum):
    """The type of a data socket. `ANY` is only for sockets that accept every type (Console)."""

    BOOL = "Bool"
    INT = "Int"
    FLOAT = "Float"
    STRING = "String"
    ARRAY = "Array"
    DICTIONARY = "Dictionary"
    ANY = "Any"

    @classmethod
    def parse(cls, text: str) -> DataType:
        """The type named `text` (as written in files); ValueError names the valid ones."""
        try:
            return cls(text)
        except ValueError:
            valid = ", ".join(t.value for t in cls)
            raise ValueError(f"unknown data type {text!r} (expected one of: {valid})") from None


#: Types a user can give a variable, a function parameter or a typed node.
VALUE_TYPES: tuple[DataType, ...] = tuple(t for t in DataType if t is not DataType.ANY)
NUMBER_TYPES: tuple[DataType, ...] = (DataType.INT, DataType.FLOAT)

_DEFAULTS: dict[DataType, Any] = {
    DataType.BOOL: False,
    DataType.INT: 0,
    DataType.FLOAT: 0.0,
    DataType.STRING: "",
    DataType.ARRAY: [],
    DataType.DICTIONARY: {},
    DataType.ANY: None,
}


def default_value(data_type: DataType) -> Any:
    """A fresh default value (fresh, so that lists and dicts are never shared)."""
    value = _DEFAULTS[data_type]
    return value.copy() if isinstance(value, (list, dict)) else value


def is_value_of(value: Any, data_type: DataType) -> bool:
    """Whether `value` is a valid value of `data_type` (bool is not an Int here)."""
    if data_type is DataType.ANY:
        return True
    if data_type is DataType.BOOL:
        return isinstance(value, bool)
    if data_type is DataType.INT:
        return isinstance(value, int) and not isinstance(value, bool)
    if data_type is DataType.FLOAT:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if data_type is DataType.STRING:
        return isinstance(value, str)
    if data_type is DataType.ARRAY:
        return isinstance(value, list)
    return isinstance(value, dict)


def coerce_literal(value: Any, data_type: DataType) -> Any:
    """A literal from a file or an editor field as `data_type`; ValueError says why it does not fit.

    The only widening is an integral JSON number for a Float (JSON writes 1.0 as 1.0, but
    hand-written files often say 1).
    """
    if not is_value_of(value, data_type):
        article = "an" if data_type.value[0] in "AEIOU" else "a"
        raise ValueError(f"{json.dumps(value)} is not {article} {data_type.value}")
    if data_type is DataType.FLOAT:
        return float(value)
    return value


def compatible(source: DataType, target: DataType) -> bool:
    """Whether a data output of type `source` may feed an input of type `target`."""
    return source is target or DataType.ANY in (source, target)


def to_string(value: Any) -> str:
    """The text a user expects to see for a value: JSON for containers, `true`/`false` for Bools."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or value is None or isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return repr(value)
    return str(value)


def parse_number(text: str, data_type: DataType) -> int | float:
    """`text` as an Int or a Float; ValueError with the offending text when it is not one."""
    stripped = text.strip()
    try:
        return int(stripped) if data_type is DataType.INT else float(stripped)
    except ValueError:
        raise ValueError(f"{text!r} is not a valid {data_type.value}") from None
