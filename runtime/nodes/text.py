"""Strings and the explicit conversions between types."""

from __future__ import annotations

import math
import re
from typing import Any

from runtime.engine.instance import NodeInstance
from runtime.specs import Attribute, AttrKind, DataPort, NodeSpec, count_attribute, numbered_inputs
from runtime.types import DataType, parse_number, to_string

_PLACEHOLDER = re.compile(r"\{(\d+)\}")
_INPUTS = count_attribute("Inputs", 2, "How many Strings to join, in order.")
_VALUES = count_attribute("Values", 3, "How many values the template can refer to: {1} to {n}.")


def _concat(ctx: NodeInstance, *parts: str) -> str:
    return "".join(parts)


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
    NodeSpec("logic.concat", "Concat Strings", ("String",), "Input 1, Input 2, ... joined into one String.",
             kind="pure", attributes=(_INPUTS,), outputs=(DataPort("Output", DataType.STRING),),
             extra_ports=numbered_inputs(_INPUTS, "Input", DataType.STRING), run=_concat),
    NodeSpec("logic.format_string", "Format String", ("String",),
             "Replaces {1}, {2}, ... in the template by Value 1, Value 2, ..., as text.", kind="pure",
             attributes=(_VALUES,), inputs=(DataPort("Template", DataType.STRING, "{1}"),), outputs=_RESULT,
             extra_ports=numbered_inputs(_VALUES, "Value", DataType.ANY), run=_format),
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
