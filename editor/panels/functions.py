"""The Functions panel: the project's functions (add, rename, delete) and the selected one's inputs/outputs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from editor.document import Document
from editor.panels.base import DocumentPanel
from editor.panels.graph_list import GraphList
from editor.panels.typed_list import Row, TypedListEditor
from runtime.model import Param
from runtime.specs import Scope


class FunctionsPanel(DocumentPanel):
    watched = frozenset({"graph_signature", "graph_removed", "graph_added"})

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.functions = GraphList((Scope.FUNCTION,))
        self.functions.current_graph_changed.connect(lambda _id: self.rebuild())
        self.inputs = TypedListEditor("Inputs", with_default=False)
        self.outputs = TypedListEditor("Outputs", with_default=False)
        self.inputs.edited.connect(self._apply)
        self.outputs.edited.connect(self._apply)
        signature = QWidget()
        sig_layout = QVBoxLayout(signature)
        sig_layout.setContentsMargins(0, 0, 0, 0)
        sig_layout.addWidget(self.inputs)
        sig_layout.addWidget(self.outputs)
        self.signature = signature
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.functions)
        splitter.addWidget(signature)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.addWidget(splitter)

    def set_document(self, document: Document) -> None:
        self.functions.set_document(document)
        super().set_document(document)

    def rebuild(self) -> None:
        graph_id = self.functions.selected_graph_id()
        graph = self.document.project.graphs.get(graph_id) if self.document and graph_id else None
        self.signature.setEnabled(graph is not None)
        self.inputs.set_rows([(p.name, p.type, None) for p in graph.inputs] if graph else [])
        self.outputs.set_rows([(p.name, p.type, None) for p in graph.outputs] if graph else [])

    def _apply(self, _rows: list[Row]) -> None:
        graph_id = self.functions.selected_graph_id()
        inputs, problems_in = self.inputs.rows()
        outputs, problems_out = self.outputs.rows()
        if self.document is None or graph_id is None or problems_in or problems_out:
            return
        self.document.set_signature(graph_id, [Param(n, t) for n, t, _ in inputs],
                                    [Param(n, t) for n, t, _ in outputs])
