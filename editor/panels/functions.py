"""The Functions panel: the project's functions (add, rename, delete) and the selected one's inputs/outputs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from editor.document import Document
from editor.panels.base import DocumentPanel
from editor.panels.graph_list import GraphList
from editor.panels.signature import SignatureEditor
from runtime.model import Param
from runtime.specs import Scope


class FunctionsPanel(DocumentPanel):
    watched = frozenset({"graph_signature", "graph_removed", "graph_added"})

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.functions = GraphList((Scope.FUNCTION,))
        self.functions.current_graph_changed.connect(lambda _id: self.rebuild())
        self.signature = SignatureEditor()
        self.inputs, self.outputs = self.signature.inputs, self.signature.outputs
        self.signature.edited.connect(self._apply)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.functions)
        splitter.addWidget(self.signature)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.addWidget(splitter)

    def set_document(self, document: Document) -> None:
        self.functions.set_document(document)
        super().set_document(document)

    def rebuild(self) -> None:
        graph_id = self.functions.selected_graph_id()
        self.signature.set_graph(self.document.project.graphs.get(graph_id) if self.document and graph_id else None)

    def _apply(self, inputs: list[Param], outputs: list[Param]) -> None:
        graph_id = self.functions.selected_graph_id()
        if self.document is not None and graph_id is not None:
            self.document.set_signature(graph_id, inputs, outputs)
