"""The groups of one canvas: their items follow the model, their gestures become Document edits.

`GroupLayer` is to groups what `GraphMirror` is to nodes: `load` builds the items, `apply` follows
group_added / group_removed / group_changed (idempotently: a gesture's edit comes back as a change
and finds the item already right). Renaming happens in place, in a line edit over the title bar.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import shiboken6
from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGraphicsView, QLineEdit

from editor import layout_edits
from editor.canvas.groups import GroupItem, Rect, rect_around
from editor.canvas.item_layer import ItemLayer
from editor.canvas.items import LinkItem
from editor.document import Document
from runtime.model import Bends, Group, Link


class TitleEditor(QLineEdit):
    """Edits a group's title over its title bar: Enter or leaving the field commits, Escape cancels."""

    committed = Signal(str, str)  # group id, new title

    def __init__(self, view: QGraphicsView) -> None:
        super().__init__(view.viewport())
        self._view = view
        self.setObjectName("GroupTitleEditor")
        self.hide()
        self.group_id: str | None = None
        self.editingFinished.connect(lambda: self.finish(commit=True))

    def open_for(self, item: GroupItem) -> None:
        box = self._view.mapFromScene(item.mapToScene(item.title_rect())).boundingRect()
        font = self.font()
        font.setPixelSize(max(11, min(22, int(box.height() * 0.5))))
        self.setFont(font)
        self.setGeometry(box.x() + 4, box.y() + 2, max(box.width() - 8, 120), max(box.height() - 4, 24))
        self.group_id = item.group_id
        self.setText(item.title)
        self.selectAll()
        self.show()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.finish(commit=False)
            return
        super().keyPressEvent(event)

    def finish(self, commit: bool) -> None:
        group_id, self.group_id = self.group_id, None
        if group_id is None:
            return  # hiding the field ends editing a second time
        self.hide()
        self._view.setFocus()  # keys go back to the canvas
        title = self.text().strip()
        if commit and title:
            self.committed.emit(group_id, title)


class GroupLayer(ItemLayer[GroupItem]):
    """The `GroupItem`s of one canvas, and the `GroupEvents` that turn their gestures into edits."""

    prefix = "group"

    def __init__(self, document: Document, graph_id: str, view: QGraphicsView) -> None:
        super().__init__(document, graph_id, view)
        self.link_of: Callable[[LinkItem], Link] | None = None  # the canvas's: reroute points move with a group
        self._editor: TitleEditor | None = None

    # --- following the model ---------------------------------------------------------------------
    def model_items(self) -> list[Group]:
        return self.document.graph(self.graph_id).groups

    def make(self, data: Group) -> GroupItem:
        return GroupItem(data, self)

    def refresh(self, item: GroupItem, data: Group) -> None:
        item.set_group(data)

    def forget(self, item_id: str) -> None:
        if self._editor is not None and self._editor.group_id == item_id:
            self._editor.finish(commit=False)

    # --- commands --------------------------------------------------------------------------------
    def group(self, rects: Iterable[QRectF], title: str) -> str:
        """Adds a group around these scene rects (undoable) and selects it alone."""
        group = self.document.add_group(self.graph_id, title, rect_around(list(rects)))
        self.select([group.id])
        return group.id

    def rename(self, group_id: str) -> TitleEditor | None:
        """Opens the in-place title editor on a group."""
        item = self.items.get(group_id)
        if item is None:
            return None
        if self._editor is None:
            self._editor = TitleEditor(self.view)
            self._editor.committed.connect(self._renamed)
        self._editor.open_for(item)
        return self._editor

    def _renamed(self, group_id: str, title: str) -> None:
        # editing also ends when the field loses focus, which can be while the window is closing
        if shiboken6.isValid(self.document) and group_id in self.items:
            self.document.rename_group(self.graph_id, group_id, title)

    def end_rename(self) -> None:
        """Commits a rename in progress (the view is about to move under it)."""
        if self._editor is not None and self._editor.group_id is not None:
            self._editor.finish(commit=True)

    # --- GroupEvents ------------------------------------------------------------------------------
    def group_moved(self, rects: dict[str, Rect],
                    node_moves: dict[str, tuple[tuple[float, float], tuple[float, float]]],
                    comment_rects: dict[str, Rect], bends: dict[LinkItem, Bends]) -> None:
        link_of = self.link_of
        links = {link_of(pipe): points for pipe, points in bends.items()} if link_of is not None else {}
        layout_edits.move_layout(self.document, self.graph_id, rects, comment_rects, node_moves,
                                 f"Move group{'s' if len(rects) > 1 else ''}", links)

    def group_resized(self, group_id: str, rect: Rect) -> None:
        self.document.move_groups(self.graph_id, {group_id: rect}, text="Resize group")

    def rename_requested(self, item: GroupItem) -> None:
        self.rename(item.group_id)
