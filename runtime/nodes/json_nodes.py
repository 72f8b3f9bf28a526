"""JSON Parse and JSON Stringify: text from a server to data and back (see runtime.jsontext)."""

from __future__ import annotations

from typing import Any

from runtime.engine.instance import NodeInstance
from runtime.jsontext import parse_json, stringify_json
from runtime.nodes.values import bind_type, typed
from runtime.specs import Attribute, AttrKind, DataPort, NodeSpec
from runtime.types import DataType


def _parse(ctx: NodeInstance, text: str) -> tuple[Any, bool]:
    value = typed(parse_json(text), ctx.data, "The JSON")
    return value, value.__class__ is list


def _stringify(ctx: NodeInstance, value: Any) -> str:
    return stringify_json(value, 2 if ctx.attrs["Beautified"] else None)


SPECS = (
    NodeSpec(
        "logic.json_parse", "JSON Parse", ("String",),
        "Reads JSON text into data: a Dictionary, an Array or any value, as Type says; a syntax error names "
        "its line, column and position.",
        kind="pure",
        attributes=(Attribute("Type", AttrKind.DATA_TYPE, DataType.ANY.value,
                              options=(DataType.ANY.value, DataType.DICTIONARY.value, DataType.ARRAY.value),
                              description="What the JSON must hold: Any value, or only a Dictionary or an Array."),),
        inputs=(DataPort("Input", DataType.STRING, "{}", "The JSON text."),),
        outputs=(DataPort("Output", "@Type"), DataPort("IsArray", DataType.BOOL)),
        setup=bind_type, run=_parse,
    ),
    NodeSpec(
        "logic.json_stringify", "JSON Stringify", ("String",),
        "Writes any value as JSON text: compact, or indented over several lines when Beautified.",
        kind="pure",
        attributes=(Attribute("Beautified", AttrKind.BOOL, False, description="Indent, one element per line."),),
        inputs=(DataPort("Input", DataType.ANY),), outputs=(DataPort("Output", DataType.STRING),), run=_stringify,
    ),
)
