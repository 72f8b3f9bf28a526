"""Comments on the canvas: sticky notes (`runtime.model.Comment`) and the in-place text editor.

A `CommentItem` is drawn from the model and never changes it: a drag anywhere on the note moves
it, the corner handle resizes it, a double-click opens `NoteEditor` over it; each gesture ends in
one call to its `CommentEvents` owner (the canvas's `CommentLayer`), which makes the undoable
edit. The text is Markdown-lite (`markdown_lite`): ``**bold**``, ``*italics*`` and line breaks,
laid out by a QTextDocument that is rebuilt only when the text or width changes (a repaint only
draws it). Notes lie above group backdrops and below connections and nodes.
"""

from __future__ import annotations

import html
import re
from typing import Protocol

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QKeyEvent, QPainter, QPen, QTextDocument
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsSceneHoverEvent,
    QGraphicsSceneMouseEvent,
    QGraphicsView,
    QPlainTextEdit,
    QStyleOptionGraphicsItem,
    QWidget,
)

from editor.canvas import style
from editor.canvas.item_gestures import corner_cursor, draw_grip, select_on_press
from runtime.model import Comment

Rect = tuple[float, float, float, float]

COMMENT_Z = -5.0  # above backdrops (<= -10), below connections (-1) and nodes
MARGIN = 10.0
HANDLE = 14.0
MIN_SIZE = (80.0, 40.0)
CORNER = 4.0
TEXT_COLOUR = QColor(34, 34, 38)
PLACEHOLDER = "Double-click to write a comment"

_LEFT = Qt.MouseButton.LeftButton
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_ITALIC = re.compile(r"\*(?=\S)(.+?)(?<=\S)\*")


def markdown_lite(text: str) -> str:
    """The HTML a comment shows: ``**bold**``, ``*italics*``, line breaks; everything else as typed."""
    escaped = html.escape(text, quote=False)
    escaped = _BOLD.sub(r"<b>\1</b>", escaped)
    escaped = _ITALIC.sub(r"<i>\1</i>", escaped)
    return escaped.replace("\n", "<br/>")


class CommentEvents(Protocol):
    """What a comment's gestures ask for; implemented by the canvas's `CommentLayer`."""

    def comment_moved(self, comment_id: str, rect: Rect) -> None: ...

    def edit_requested(self, item: CommentItem) -> None: ...


class CommentItem(QGraphicsItem):
    """One sticky note; its position is the note's top-left corner; `set_comment` shows the model's state."""

    own_mouse = True  # the viewer hands presses on it straight to it (see CanvasViewer.mousePressEvent)

    def __init__(self, comment: Comment, events: CommentEvents) -> None:
        super().__init__()
        self.comment_id = comment.id
        self.text = ""
        self.colour = QColor()
        self._events = events
        self._size = (0.0, 0.0)
        self._document = QTextDocument()
        self._document.setDefaultFont(style.label_font())
        self._document.setDocumentMargin(0.0)
        self._drag: tuple[bool, QPointF, QRectF] | None = None  # (resize, press point, rect at the press)
        self._moved = False
        self.setZValue(COMMENT_Z)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        self.setAcceptHoverEvents(True)
        self.setToolTip("Drag to move, the corner to resize; double-click to edit; right-click for its colour")
        self.set_comment(comment)

    # --- the model's state ------------------------------------------------------------------------
    def set_comment(self, comment: Comment) -> None:
        x, y, width, height = comment.rect
        if (width, height) != self._size:
            self.prepareGeometryChange()
            self._size = (width, height)
            self._document.setTextWidth(max(width - 2 * MARGIN, 1.0))
        if (self.x(), self.y()) != (x, y):
            self.setPos(x, y)
        if comment.text != self.text:
            self.text = comment.text
            body = markdown_lite(comment.text) if comment.text else f"<i style='color:#66666a'>{PLACEHOLDER}</i>"
            self._document.setHtml(f"<div style='color:{TEXT_COLOUR.name()}'>{body}</div>")
        if QColor(comment.colour) != self.colour:
            self.colour = QColor(comment.colour)
        self.update()

    def scene_rect(self) -> Rect:
        return (self.x(), self.y(), *self._size)

    def area(self) -> QRectF:
        return QRectF(self.x(), self.y(), *self._size)

    def handle_rect(self) -> QRectF:
        width, height = self._size
        return QRectF(width - HANDLE, height - HANDLE, HANDLE, HANDLE)

    def html(self) -> str:
        """What the note shows, as the text layout holds it (tests)."""
        return self._document.toHtml()

    # --- painting --------------------------------------------------------------------------------
    def boundingRect(self) -> QRectF:
        return QRectF(-2.0, -2.0, self._size[0] + 4.0, self._size[1] + 4.0)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        width, height = self._size
        far = painter.worldTransform().m11() < style.DETAIL_LOD
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, not far)
        selected = self.isSelected()
        pen = QPen(style.NODE_SELECTED if selected else self.colour.darker(160), 2.0 if selected else 1.0)
        pen.setCosmetic(far)
        painter.setPen(pen)
        painter.setBrush(self.colour)
        painter.drawRoundedRect(QRectF(0.0, 0.0, width, height), CORNER, CORNER)
        if far:
            return
        painter.save()
        painter.translate(MARGIN, MARGIN)
        clip = QRectF(0.0, 0.0, width - 2 * MARGIN, height - 2 * MARGIN)
        painter.setClipRect(clip)
        self._document.drawContents(painter, clip)
        painter.restore()
        painter.setPen(QPen(self.colour.darker(170), 1.2))
        draw_grip(painter, width, height, (4.0, 8.0))

    # --- gestures --------------------------------------------------------------------------------
    def hoverMoveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        corner_cursor(self, self.handle_rect(), event)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if not select_on_press(self, event):
            return
        self._drag = (self.handle_rect().contains(event.pos()), event.scenePos(), self.area())
        self._moved = False
        event.accept()

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._drag is None:
            return
        resize, start, rect = self._drag
        delta = event.scenePos() - start
        if not self._moved and delta.manhattanLength() < 2:
            return
        self._moved = True
        if resize:
            self.prepareGeometryChange()
            self._size = (max(rect.width() + delta.x(), MIN_SIZE[0]), max(rect.height() + delta.y(), MIN_SIZE[1]))
            self._document.setTextWidth(max(self._size[0] - 2 * MARGIN, 1.0))
        else:
            self.setPos(rect.topLeft() + delta)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        drag, self._drag = self._drag, None
        if drag is not None and self._moved:
            self._events.comment_moved(self.comment_id, self.scene_rect())

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if event.button() == _LEFT:
            self._events.edit_requested(self)
            event.accept()


class NoteEditor(QPlainTextEdit):
    """Edits a comment's text in place, over the note: Escape or clicking away commits (as a sticky
    note does); Enter is a line break."""

    committed = Signal(str, str)  # comment id, new text

    def __init__(self, view: QGraphicsView) -> None:
        super().__init__(view.viewport())
        self._view = view
        self.setObjectName("CommentEditor")
        self.setTabChangesFocus(True)
        self.hide()
        self.comment_id: str | None = None

    def open_for(self, item: CommentItem) -> None:
        box = self._view.mapFromScene(item.mapToScene(QRectF(0.0, 0.0, *item.scene_rect()[2:]))).boundingRect()
        self.setGeometry(box.x(), box.y(), max(box.width(), 180), max(box.height(), 80))
        colour = item.colour.name()
        self.setStyleSheet(f"QPlainTextEdit#CommentEditor {{ background: {colour}; color: #222226; }}")
        self.comment_id = item.comment_id
        self.setPlainText(item.text)
        self.selectAll()
        self.show()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and event.key() == Qt.Key.Key_Escape:
            event.accept()  # Escape ends the edit here, before any window shortcut on Escape sees it
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.finish()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.finish()

    def finish(self) -> None:
        comment_id, self.comment_id = self.comment_id, None
        if comment_id is None:
            return  # hiding the field takes its focus away a second time
        text = self.toPlainText()
        self.hide()
        self._view.setFocus()
        self.committed.emit(comment_id, text)
