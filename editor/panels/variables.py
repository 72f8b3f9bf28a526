"""The Variables panel: the project's variables and, on a prefab's tab, that prefab's own ones.

Both lists are edited the same way (name, type, default), each change one undoable step. A row
renamed in place also renames the variable in the nodes that use it; which nodes that is
(every graph, or only the prefab) is the document's business.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from editor.document import EditRefused
from editor.panels.base import TabGraphPanel
from editor.panels.typed_list import Row, TypedListEditor
from runtime.model import Variable

_PREFAB_TIP = ("Each instance of this prefab gets its own copy of these variables. "
               "A prefab variable hides a project variable of the same name.")


class VariablesPanel(TabGraphPanel):
    watched = frozenset({"variables_changed", "graph_renamed", "graph_removed"})

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = TypedListEditor("Project variables", with_default=True)
        self.editor.set_title("Project variables", "Variables every graph of the project can use.")
        self.editor.edited.connect(lambda rows: self._apply(None, rows))
        self.prefab_editor = TypedListEditor("Prefab variables", with_default=True)
        self.prefab_editor.edited.connect(lambda rows: self._apply(self.graph_id, rows))
        self.prefab_editor.hide()
        splitter = QSplitter(Qt.Orientation.Vertical, childrenCollapsible=False)
        splitter.addWidget(self.editor)
        splitter.addWidget(self.prefab_editor)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.addWidget(splitter)

    def rebuild(self) -> None:
        assert self.document is not None
        self.editor.set_rows(_rows(self.document.project.variables))
        prefab = self.tab_graph()  # a prefab's own variables are shown while its tab is current
        self.prefab_editor.setVisible(prefab is not None)
        if prefab is not None:
            self.prefab_editor.set_title(f"{prefab.name} variables", _PREFAB_TIP)
            self.prefab_editor.set_rows(_rows(prefab.variables))

    def _apply(self, graph_id: str | None, rows: list[Row]) -> None:
        """Applies an edited list; same-length lists whose names differ in place are renames."""
        assert self.document is not None
        current = self.document.graph(graph_id).variables if graph_id else self.document.project.variables
        old, new = [v.name for v in current], [name for name, _, _ in rows]
        renamed = {a: b for a, b in zip(old, new, strict=True) if a != b} if len(old) == len(new) else {}
        variables = [Variable(n, t, d) for n, t, d in rows]
        try:
            if graph_id is None:
                self.document.set_variables(variables, renamed=renamed)
            else:
                self.document.set_prefab_variables(graph_id, variables, renamed=renamed)
        except EditRefused as exc:
            self.message.emit(str(exc))
            self.rebuild()


def _rows(variables: list[Variable]) -> list[Row]:
    return [(v.name, v.type, v.default) for v in variables]
