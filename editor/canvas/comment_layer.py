"""The comments of one canvas: their items follow the model, their gestures become undoable edits.

`CommentLayer` is to comments what `GroupLayer` is to groups: `load` builds the items, `apply`
follows comment_added / comment_removed / comment_changed idempotently (a gesture's edit comes back
as a change and finds the item already right).
"""

from __future__ import annotations

from collections.abc import Iterable

import shiboken6
from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QGraphicsView

from editor import layout_edits
from editor.canvas.comments import CommentItem, NoteEditor, Rect
from editor.document import Document
from runtime.model import Change, Comment


class CommentLayer:
    """The `CommentItem`s of one canvas, and the `CommentEvents` that turn their gestures into edits."""

    def __init__(self, document: Document, graph_id: str, view: QGraphicsView) -> None:
        self.document = document
        self.graph_id = graph_id
        self.view = view
        self.items: dict[str, CommentItem] = {}
        self._editor: NoteEditor | None = None

    def load(self) -> None:
        for comment in self.document.graph(self.graph_id).comments:
            self._show(comment)

    def apply(self, change: Change) -> None:
        if change.graph != self.graph_id or not change.what.startswith("comment_"):
            return
        comment: Comment = change.detail
        if change.what == "comment_removed":
            if self._editor is not None and self._editor.comment_id == comment.id:
                self._editor.comment_id = None  # nothing left to commit to
                self._editor.hide()
            item = self.items.pop(comment.id, None)
            if item is not None and item.scene() is not None:
                item.scene().removeItem(item)
        else:
            self._show(comment)

    def _show(self, comment: Comment) -> None:
        item = self.items.get(comment.id)
        if item is None:
            item = self.items[comment.id] = CommentItem(comment, self)
            self.view.scene().addItem(item)
        else:
            item.set_comment(comment)

    # --- queries and commands ------------------------------------------------------------------
    def selected_ids(self) -> list[str]:
        return [comment_id for comment_id, item in self.items.items() if item.isSelected()]

    def bounds(self) -> QRectF:
        rect = QRectF()
        for item in self.items.values():
            rect = rect.united(item.area())
        return rect

    def select(self, comment_ids: Iterable[str]) -> None:
        self.view.scene().clearSelection()
        for comment_id in comment_ids:
            if comment_id in self.items:
                self.items[comment_id].setSelected(True)

    def add(self, at: tuple[float, float]) -> NoteEditor | None:
        """A new note at `at` (undoable), opened for typing."""
        comment = layout_edits.add_comment(self.document, self.graph_id, at)
        self.select([comment.id])
        return self.edit(comment.id)

    def edit(self, comment_id: str) -> NoteEditor | None:
        """Opens the in-place text editor on a note."""
        item = self.items.get(comment_id)
        if item is None:
            return None
        if self._editor is None:
            self._editor = NoteEditor(self.view)
            self._editor.committed.connect(self._edited)
        self._editor.open_for(item)
        return self._editor

    def _edited(self, comment_id: str, text: str) -> None:
        # editing also ends when the field loses focus, which can be while the window is closing
        if shiboken6.isValid(self.document) and comment_id in self.items:
            layout_edits.set_comment_text(self.document, self.graph_id, comment_id, text)

    def end_edit(self) -> None:
        """Commits an edit in progress (the view is about to move under it)."""
        if self._editor is not None and self._editor.comment_id is not None:
            self._editor.finish()

    # --- CommentEvents ------------------------------------------------------------------------------
    def comment_moved(self, comment_id: str, rect: Rect) -> None:
        layout_edits.move_layout(self.document, self.graph_id, comment_rects={comment_id: rect})

    def edit_requested(self, item: CommentItem) -> None:
        self.edit(item.comment_id)
