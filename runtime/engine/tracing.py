"""`pulse-run --trace`: a trace hook that prints each node as it runs, with its values."""

from __future__ import annotations

from typing import Any, TextIO

from runtime.engine.instance import NodeInstance
from runtime.types import to_string


def describe(inst: NodeInstance) -> str:
    return f"{inst.run.label}: {inst.name} ({inst.id})"


def _values(names: list[str], values: list[Any]) -> str:
    return ", ".join(f"{n}={to_string(v)}" for n, v in zip(names, values, strict=False))


class TracePrinter:
    """Prints `enter`, `exit`, `value` and `error` lines; never pauses."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def node_entered(self, inst: NodeInstance, inputs: list[Any]) -> None:
        names = [n for n, _ in inst.ports.inputs]
        print(f"TRACE enter {describe(inst)} [{_values(names, inputs)}]", file=self.stream)

    def node_finished(self, inst: NodeInstance, pulse_out: str | None) -> None:
        outputs = _values(list(inst.out), list(inst.out.values()))
        print(f"TRACE exit  {describe(inst)} -> {pulse_out or 'default'} [{outputs}]", file=self.stream)

    def node_evaluated(self, inst: NodeInstance, value: Any) -> None:
        print(f"TRACE value {describe(inst)} = {to_string(value)}", file=self.stream)

    def node_failed(self, inst: NodeInstance, error: Exception) -> None:
        print(f"TRACE error {describe(inst)}: {error}", file=self.stream)
