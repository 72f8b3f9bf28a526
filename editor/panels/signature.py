"""A graph's typed inputs and outputs, as two tables: a function's, or a prefab's (Prefab Input / Output)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from editor.panels.typed_list import Row, TypedListEditor
from runtime.model import Graph, Param


class SignatureEditor(QWidget):
    """Inputs above outputs; `edited(inputs, outputs)` (lists of Param) only once both tables are valid."""

    edited = Signal(list, list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.inputs = TypedListEditor("Inputs", with_default=False)
        self.outputs = TypedListEditor("Outputs", with_default=False)
        self.inputs.edited.connect(self._apply)
        self.outputs.edited.connect(self._apply)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.inputs)
        layout.addWidget(self.outputs)

    def set_graph(self, graph: Graph | None) -> None:
        self.setEnabled(graph is not None)
        self.inputs.set_rows([(p.name, p.type, None) for p in graph.inputs] if graph else [])
        self.outputs.set_rows([(p.name, p.type, None) for p in graph.outputs] if graph else [])

    def _apply(self, _rows: list[Row]) -> None:
        inputs, problems_in = self.inputs.rows()
        outputs, problems_out = self.outputs.rows()
        if not (problems_in or problems_out):
            self.edited.emit([Param(n, t) for n, t, _ in inputs], [Param(n, t) for n, t, _ in outputs])
