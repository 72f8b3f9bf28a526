"""What the String, Array and Dictionary nodes share: showing a value in an error, checking types.

The sharing rule: an Array or Dictionary on a wire may be read by any number of nodes, so no node
ever changes one in place. A node that "changes" a container (Set, Insert, Remove, Push, Pop,
Clear, Erase, Merge, Concat Arrays) outputs a new one and leaves its input as it was. Copies are
shallow: the elements inside are shared, which is safe because nothing changes them either.
"""

from __future__ import annotations

import json
from typing import Any

from runtime.engine.instance import NodeInstance
from runtime.specs import Attribute, AttrKind
from runtime.types import DataType, is_value_of

#: Longest excerpt of a value an error message shows.
_SHOWN = 80

#: A data-type attribute for a node whose value socket(s) hold any type, or one checked type.
ELEMENT_TYPE = Attribute(
    "Type", AttrKind.DATA_TYPE, DataType.ANY.value, options=tuple(t.value for t in DataType),
    description="The type of the value; Any passes every value, another type is checked at run time.",
)


def shown(value: Any) -> str:
    """`value` as an error message shows it: JSON, cut short when long."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError, RecursionError):  # NaN passes; huge ints and deep nesting do not
        text = f"<{type(value).__name__}>"
    return text if len(text) <= _SHOWN else text[:_SHOWN - 1] + "…"


def _article(data_type: DataType) -> str:
    return "an" if data_type.value[0] in "AEIOU" else "a"


def bind_type(ctx: NodeInstance) -> None:
    """Setup of a node with `ELEMENT_TYPE`: the chosen type, parsed once per run, in ctx.data."""
    ctx.data = DataType.parse(str(ctx.attrs["Type"]))


#: The class of each type's values, for the common case: a value of exactly that class.
_CLASS = {DataType.BOOL: bool, DataType.INT: int, DataType.FLOAT: float, DataType.STRING: str,
          DataType.ARRAY: list, DataType.DICTIONARY: dict}


def typed(value: Any, data_type: DataType, what: str) -> Any:
    """`value` as a value of `data_type` (an Int widened to a Float); TypeError naming `what` otherwise."""
    if data_type is DataType.ANY or value.__class__ is _CLASS[data_type]:
        return value
    if data_type is DataType.FLOAT and value.__class__ is int:
        try:
            return float(value)
        except OverflowError:
            raise TypeError(f"{what} is {shown(value)}, too large for a Float") from None
    if is_value_of(value, data_type):  # a subclass (a plugin's own str): fine as it is
        return value
    raise TypeError(f"{what} is {shown(value)}, not {_article(data_type)} {data_type.value}")


def need_array(value: Any, socket: str = "Array") -> list:
    """`value` when it is an Array (it may come through an Any connection); TypeError otherwise."""
    if value.__class__ is not list:
        raise TypeError(f"{socket} is {shown(value)}, not an Array")
    return value


def need_dictionary(value: Any, socket: str = "Dictionary") -> dict:
    if value.__class__ is not dict:
        raise TypeError(f"{socket} is {shown(value)}, not a Dictionary")
    return value


def position(index: int, length: int, allow_end: bool = False) -> int:
    """The list position of `index` (negative counts from the end); IndexError when outside the Array.

    `allow_end` admits ``length`` itself (inserting after the last element).
    """
    at = index + length if index < 0 and not allow_end else index
    if not 0 <= at < length + allow_end:
        valid = f"0 to {length}" if allow_end else (f"-{length} to {length - 1}" if length else "none, it is empty")
        raise IndexError(f"Index {index} is out of range for an Array of {length} (valid: {valid})")
    return at


def same_value(a: Any, b: Any) -> bool:
    """Equality as a designer means it: true is not 1, but 1 is 1.0 (JSON has one number type)."""
    if a.__class__ is bool or b.__class__ is bool:
        return a.__class__ is b.__class__ and a == b
    return a == b
