"""Choosing among many: Switch (on a String or Int value), Index Switch, Select Data."""

from __future__ import annotations

from typing import Any

from runtime.engine.instance import NodeInstance
from runtime.model import Node
from runtime.specs import MAX_SOCKETS, Attribute, AttrKind, DataPort, NodeSpec, PortEnv, Ports
from runtime.types import VALUE_TYPES, DataType

DEFAULT = "Default"


def _case_names(node: Node) -> list[str]:
    """The Switch's distinct cases, in order (a repeated case gets no second output)."""
    return list(dict.fromkeys(str(case) for case in node.attributes.get("Cases", ())))


def _switch_ports(node: Node, env: PortEnv) -> Ports:
    return Ports(pulse_out=(*(f"Case: {case}" for case in _case_names(node)), DEFAULT))


def _case_table(ctx: NodeInstance) -> dict[Any, str]:
    """Case value -> output name, built on the first pulse (an Int case that is no Int is a node error)."""
    as_int = ctx.attrs["Data Type"] == DataType.INT.value
    table: dict[Any, str] = {}
    for case in _case_names(ctx.node):
        key: Any = case
        if as_int:
            try:
                key = int(case.strip())
            except ValueError:
                raise ValueError(f"case {case!r} is not an Int (Data Type is Int)") from None
        table.setdefault(key, f"Case: {case}")
    return table


def _switch(ctx: NodeInstance, value: Any) -> str:
    if ctx.data is None:
        ctx.data = _case_table(ctx)
    return ctx.data.get(value, DEFAULT)


def _index_switch_ports(node: Node, env: PortEnv) -> Ports:
    count = max(1, int(node.attributes.get("Outputs", 2)))
    return Ports(pulse_out=(*(f"Index: {i}" for i in range(count)), DEFAULT))


def _index_switch(ctx: NodeInstance, index: int) -> str:
    outputs = ctx.ports.pulse_out
    return outputs[index] if 0 <= index < len(outputs) - 1 else DEFAULT


def _select_data_ports(node: Node, env: PortEnv) -> Ports:
    count = max(1, int(node.attributes.get("Count", 2)))
    try:
        data_type = DataType.parse(str(node.attributes.get("Data Type", DataType.ANY.value)))
    except ValueError:
        data_type = DataType.ANY
    return Ports(pulse_in=tuple(f"Pulse {i}" for i in range(1, count + 1)),
                 inputs=tuple((f"Input {i}", data_type) for i in range(1, count + 1)))


def _select_data(ctx: NodeInstance, *values: Any) -> None:
    ctx.out["Output"] = values[ctx.ports.pulse_in.index(ctx.entered)]


_TYPE_NAMES = tuple(t.value for t in VALUE_TYPES)

SPECS = (
    NodeSpec(
        "logic.switch", "Switch", ("Flow",),
        "Fires the output of the case equal to Input, or Default when no case matches.",
        pulse_out=(),
        attributes=(
            Attribute("Data Type", AttrKind.DATA_TYPE, DataType.STRING.value, options=("String", "Int"),
                      description="Whether Input and the cases are Strings or Ints."),
            Attribute("Cases", AttrKind.STRING_LIST, ["A", "B"], minimum=1, maximum=MAX_SOCKETS, sockets=True,
                      description="The values to compare Input with, one output each (Ints written in digits)."),
        ),
        inputs=(DataPort("Input", "@Data Type"),), extra_ports=_switch_ports, run=_switch,
    ),
    NodeSpec(
        "logic.index_switch", "Index Switch", ("Flow",),
        "Fires output Index: n for Index n (counting from 0), or Default when Index is out of range.",
        pulse_out=(),
        attributes=(Attribute("Outputs", AttrKind.INT, 2, minimum=1, maximum=MAX_SOCKETS, sockets=True,
                              description="How many Index outputs the node has."),),
        inputs=(DataPort("Index", DataType.INT, 0),), extra_ports=_index_switch_ports, run=_index_switch,
    ),
    NodeSpec(
        "logic.select_data", "Select Data", ("Flow",),
        "Merges branches: Output is the Input whose number matches the Pulse input that fired the node.",
        pulse_in=(),
        attributes=(
            Attribute("Data Type", AttrKind.DATA_TYPE, DataType.ANY.value, options=("Any", *_TYPE_NAMES),
                      description="The type of the inputs and of Output."),
            Attribute("Count", AttrKind.INT, 2, minimum=1, maximum=MAX_SOCKETS, sockets=True,
                      description="How many Pulse / Input pairs the node has."),
        ),
        outputs=(DataPort("Output", "@Data Type"),), extra_ports=_select_data_ports, run=_select_data,
    ),
)
