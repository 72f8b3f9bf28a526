"""Literal values, one node per data type."""

from __future__ import annotations

import copy
from typing import Any

from runtime.engine.instance import NodeInstance
from runtime.specs import DataPort, NodeSpec, value_attribute
from runtime.types import VALUE_TYPES, DataType, default_value


def _value(ctx: NodeInstance) -> Any:
    return ctx.attrs["Value"]


def _container(ctx: NodeInstance) -> Any:
    return copy.deepcopy(ctx.attrs["Value"])  # consumers must never change the attribute itself


def _literal(data_type: DataType) -> NodeSpec:
    """A pure node whose only output is its `Value` attribute (an input without a socket)."""
    attribute = value_attribute("Value", data_type, default_value(data_type))
    return NodeSpec(
        f"logic.literal_{data_type.value.lower()}", f"{data_type.value} Value", ("Values",),
        f"A constant {data_type.value}.", kind="pure", attributes=(attribute,),
        outputs=(DataPort("Value", data_type),),
        run=_container if data_type in (DataType.ARRAY, DataType.DICTIONARY) else _value,
    )


SPECS = tuple(_literal(t) for t in VALUE_TYPES)
