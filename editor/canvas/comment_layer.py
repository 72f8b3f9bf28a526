"""The comments of one canvas: their items follow the model, their gestures become undoable edits.

`CommentLayer` is to comments what `GroupLayer` is to groups: `load` builds the items, `apply`
follows comment_added / comment_removed / comment_changed idempotently (a gesture's edit comes back
as a change and finds the item already right).
"""

from __future__ import annotations

import shiboken6
from PySide6.QtWidgets import QGraphicsView

from editor import layout_edits
from editor.canvas.comments import CommentItem, NoteEditor, Rect
from editor.canvas.item_layer import ItemLayer
from editor.document import Document
from runtime.model import Comment


class CommentLayer(ItemLayer[CommentItem]):
    """The `CommentItem`s of one canvas, and the `CommentEvents` that turn their gestures into edits."""

    prefix = "comment"

    def __init__(self, document: Document, graph_id: str, view: QGraphicsView) -> None:
        super().__init__(document, graph_id, view)
        self._editor: NoteEditor | None = None

    def model_items(self) -> list[Comment]:
        return self.document.graph(self.graph_id).comments

    def make(self, data: Comment) -> CommentItem:
        return CommentItem(data, self)

    def refresh(self, item: CommentItem, data: Comment) -> None:
        item.set_comment(data)

    def forget(self, item_id: str) -> None:
        if self._editor is not None and self._editor.comment_id == item_id:
            self._editor.comment_id = None  # nothing left to commit to
            self._editor.hide()

    # --- commands ---------------------------------------------------------------------------------
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
