"""What every kind of document edit stands on: the undo command, the refusal, one `push`.

`Document` (editor/document.py) is made of the edit mixins in this package, one per concern:
`GraphEdits` (nodes, groups, connections on one graph), `ProjectEdits` (variables, events,
functions/scenes/prefabs, settings, plugins) and `ClipboardEdits` (copy, paste, import, export).
Each edit is a `ModelEdit` whose redo/undo call model methods; views never change the model.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack

from runtime.model import Graph, Project
from runtime.registry import Registry


class EditRefused(Exception):
    """An edit that breaks a rule (a connection type mismatch, a node not allowed on this tab)."""


class ModelEdit(QUndoCommand):
    """One undoable edit, as a pair of functions over the model."""

    def __init__(self, text: str, redo: Callable[[], None], undo: Callable[[], None]) -> None:
        super().__init__(text)
        self._redo, self._undo = redo, undo

    def redo(self) -> None:
        self._redo()

    def undo(self) -> None:
        self._undo()


class EditsBase:
    """The document's parts every edit mixin uses (set by `Document.__init__`)."""

    project: Project
    registry: Registry
    undo_stack: QUndoStack

    # --- the one way to change the model ------------------------------------------------------
    def push(self, text: str, redo: Callable[[], None], undo: Callable[[], None]) -> None:
        self.undo_stack.push(ModelEdit(text, redo, undo))

    def graph(self, graph_id: str) -> Graph:
        return self.project.graphs[graph_id]

