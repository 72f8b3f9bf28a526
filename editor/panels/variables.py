"""The Variables panel: the project's variables (name, type, default), edited as one undoable step each."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from editor.panels.base import DocumentPanel
from editor.panels.typed_list import Row, TypedListEditor
from runtime.model import Variable


class VariablesPanel(DocumentPanel):
    watched = frozenset({"variables_changed"})

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = TypedListEditor("Project variables", with_default=True)
        self.editor.edited.connect(self._apply)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.addWidget(self.editor)

    def rebuild(self) -> None:
        assert self.document is not None
        self.editor.set_rows([(v.name, v.type, v.default) for v in self.document.project.variables])

    def _apply(self, rows: list[Row]) -> None:
        assert self.document is not None
        old = [v.name for v in self.document.project.variables]
        new = [name for name, _, _ in rows]
        renamed = {a: b for a, b in zip(old, new, strict=False) if a != b} if len(old) == len(new) else {}
        self.document.set_variables([Variable(n, t, d) for n, t, d in rows], renamed=renamed)
