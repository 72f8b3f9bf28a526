"""Strings and the explicit conversions between types."""

from __future__ import annotations

import math
import re
from typing import Any

from runtime.engine.instance import NodeInstance
from runtime.specs import Attribute, AttrKind, DataPort, NodeSpec
from runtime.types import DataType, parse_number, to_string

_PLACEHOLDER = re.compile(r"\{(\d)\}")


def _concat(ctx: NodeInstance, a: str, b: str) -> str:
    return a + b


def _format(ctx: NodeInstance, template: str, *values: Any) -> str:
    def substitute(match: re.Match[str]) -> str:
        index = int(match.group(1))
        if not 1 <= index <= len(values):
            raise ValueError(f"Template refers to {{{index}}}, but there are only values 1 to {len(values)}")
        return to_string(values[index - 1])

    return _PLACEHOLDER.sub(substitute, template)


def _to_string(ctx: NodeInstance, value: Any) -> str:
    return to_string(value)


def _parse_number(ctx: NodeInstance, text: str) -> int | float:
    return parse_number(text, DataType(ctx.attrs["Type"]))


def _to_float(ctx: NodeInstance, value: int) -> float:
    return float(value)


_ROUNDING = {"Truncate": math.trunc, "Round": round, "Floor": math.floor, "Ceiling": math.ceil}


def _to_int(ctx: NodeInstance, value: float) -> int:
    if not math.isfinite(value):
        raise ValueError(f"{value} cannot be converted to an Int")
    return int(_ROUNDING[ctx.attrs["Rounding"]](value))


_RESULT = (DataPort("Result", DataType.STRING),)

SPECS = (
    NodeSpec("logic.concat", "Concat", ("String",), "A followed by B.", kind="pure",
             inputs=(DataPort("A", DataType.STRING, ""), DataPort("B", DataType.STRING, "")), outputs=_RESULT,
             run=_concat),
    NodeSpec("logic.format_string", "Format String", ("String",),
             "Replaces {1}, {2} and {3} in the template by the values, as text.", kind="pure",
             inputs=(DataPort("Template", DataType.STRING, "{1}"), DataPort("Value 1", DataType.ANY, ""),
                     DataPort("Value 2", DataType.ANY, ""), DataPort("Value 3", DataType.ANY, "")),
             outputs=_RESULT, run=_format),
    NodeSpec("logic.to_string", "To String", ("Conversion",), "Any value as text (containers as JSON).",
             kind="pure", inputs=(DataPort("Value", DataType.ANY, ""),), outputs=_RESULT, run=_to_string),
    NodeSpec("logic.parse_number", "Parse Number", ("Conversion",),
             "Reads an Int or a Float from text; text that is not a number is an error.", kind="pure",
             attributes=(Attribute("Type", AttrKind.DATA_TYPE, DataType.FLOAT.value, options=("Int", "Float")),),
             inputs=(DataPort("Text", DataType.STRING, "0"),), outputs=(DataPort("Number", "@Type"),),
             run=_parse_number),
    NodeSpec("logic.to_float", "To Float", ("Conversion",), "An Int as a Float.", kind="pure",
             inputs=(DataPort("Value", DataType.INT, 0),), outputs=(DataPort("Result", DataType.FLOAT),),
             run=_to_float),
    NodeSpec("logic.to_int", "To Int", ("Conversion",), "A Float as an Int, rounded as chosen.", kind="pure",
             attributes=(Attribute("Rounding", AttrKind.CHOICE, "Truncate", options=tuple(_ROUNDING)),),
             inputs=(DataPort("Value", DataType.FLOAT, 0.0),), outputs=(DataPort("Result", DataType.INT),),
             run=_to_int),
)
