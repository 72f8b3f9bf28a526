"""The common shape of a panel that shows part of the open project and follows its changes."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QToolButton, QWidget

from editor.document import Document
from editor.icons import icon
from runtime.model import Change, Graph
from runtime.specs import Scope


class DocumentPanel(QWidget):
    """Subscribes to the document's model; `rebuild()` on every change whose verb is in `watched`.

    `message` carries a short text for the status bar (a refused edit, say).
    """

    message = Signal(str)
    watched: frozenset[str] = frozenset()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: Document | None = None

    def set_document(self, document: Document) -> None:
        if self.document is not None:
            self.document.project.changed.disconnect(self._on_change)
        self.document = document
        document.project.changed.connect(self._on_change)
        self.rebuild()

    def _on_change(self, change: Change) -> None:
        if change.what in self.watched:
            self.on_change(change)

    def on_change(self, change: Change) -> None:
        self.rebuild()

    def rebuild(self) -> None:
        """Shows the document's current state."""


class TabGraphPanel(DocumentPanel):
    """A panel about the current tab's graph when that graph is of `kind` (a scene's instances, a prefab's
    variables or inputs and outputs): the window calls `set_graph` when the current tab changes."""

    kind: Scope = Scope.PREFAB

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.graph_id: str | None = None

    def set_graph(self, graph_id: str | None) -> None:
        self.graph_id = graph_id
        self.rebuild()

    def tab_graph(self) -> Graph | None:
        """The current tab's graph if it is of `kind`, else None."""
        graph = self.document.project.graphs.get(self.graph_id) if self.document and self.graph_id else None
        return graph if graph is not None and graph.kind is self.kind else None


def tool_button(icon_name: str, tip: str) -> QToolButton:
    """The small icon button panels put above their lists (add, rename, delete…)."""
    button = QToolButton(toolTip=tip, autoRaise=True)
    button.setIcon(icon(icon_name))
    button.setFixedSize(26, 24)
    return button
