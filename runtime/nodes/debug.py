"""Console output."""

from __future__ import annotations

from runtime.engine.instance import NodeInstance
from runtime.specs import DataPort, NodeSpec
from runtime.types import DataType, to_string


def _console(ctx: NodeInstance, value: object) -> None:
    ctx.log(to_string(value))


SPECS = (
    NodeSpec(
        "logic.console", "Console", ("Debug",),
        "Prints a value to the console (containers as JSON).",
        inputs=(DataPort("Value", DataType.ANY, "", "The value to print; its attribute is printed when unconnected."),),
        run=_console,
    ),
)
