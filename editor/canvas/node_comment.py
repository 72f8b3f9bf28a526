"""A node comment: the short note shown in a bubble above a node card (Unreal's node comment).

A child item of the card, made for the first node that has a comment, so that 2,000 nodes
without one cost nothing; the card's own bounds stay the card (groups and framing measure it).
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from editor.canvas import style

MAX_WIDTH = 260.0
GAP = 8.0  # between the bubble's tail and the card
PAD = 6.0
FILL = QColor(250, 246, 214, 235)
BORDER = QColor(120, 112, 70)
TEXT = QColor(40, 38, 30)
_WRAP = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft) | int(Qt.AlignmentFlag.AlignTop)


class CommentBubble(QGraphicsItem):
    """The bubble; hidden while its node has no comment."""

    def __init__(self, card: QGraphicsItem) -> None:
        super().__init__(card)
        self.text = ""
        self._box = QRectF()
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.hide()

    def set_text(self, text: str) -> None:
        if text == self.text:
            return
        self.prepareGeometryChange()
        self.text = text
        self.setVisible(bool(text))
        metrics = QFontMetricsF(style.small_font())
        needed = metrics.boundingRect(QRectF(0, 0, MAX_WIDTH - 2 * PAD, 1e4), _WRAP, text)
        width, height = needed.width() + 2 * PAD, needed.height() + 2 * PAD
        self._box = QRectF(0.0, -GAP - height, max(width, 24.0), height)
        self.update()

    def boundingRect(self) -> QRectF:
        return self._box.adjusted(-1.0, -1.0, 1.0, GAP)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        if painter.worldTransform().m11() < style.DETAIL_LOD:
            return  # zoomed out a bubble's text is unreadable: the block view stays calm
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        box = self._box
        path = QPainterPath()
        path.addRoundedRect(box, 5.0, 5.0)
        tail = QPainterPath(QPointF(14.0, box.bottom()))
        tail.lineTo(QPointF(20.0, box.bottom() + GAP - 1.0))
        tail.lineTo(QPointF(26.0, box.bottom()))
        tail.closeSubpath()
        painter.setPen(QPen(BORDER, 1.0))
        painter.setBrush(FILL)
        painter.drawPath(path.united(tail))
        painter.setFont(style.small_font())
        painter.setPen(TEXT)
        painter.drawText(box.adjusted(PAD, PAD, -PAD, -PAD), _WRAP, self.text)
