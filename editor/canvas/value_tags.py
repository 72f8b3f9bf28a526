"""Debug value tags: the last value of each data socket, in a small box beside the socket.

Tags ignore the view's zoom (always the same size on screen, so they stay readable zoomed out),
sit level with their socket (inputs to the left, outputs to the right), show a short form of the
value and the whole value on hover. A card showing tags is drawn above its neighbours.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from runtime.types import to_string

MAX_CHARS = 28  # what a tag shows; the tooltip has the rest
MAX_TOOLTIP_CHARS = 2000
GAP = 6.0  # screen pixels between the socket and its tag
_BACKGROUND = QColor(20, 22, 26, 230)
_BORDER = QColor(255, 210, 60)
_TEXT = QColor(255, 230, 150)


def tag_font() -> QFont:
    font = QFont()
    font.setPointSizeF(9.0)
    return font


def short(value: Any, limit: int = MAX_CHARS) -> str:
    text = to_string(value).replace("\n", "⏎")
    return text if len(text) <= limit else text[: limit - 1] + "…"


class ValueTag(QGraphicsItem):
    """One socket's value; `side` is "in" (the tag goes left of the socket) or "out" (right)."""

    def __init__(self, side: str, parent: QGraphicsItem) -> None:
        super().__init__(parent)
        self.side = side
        self.text = ""
        self._rect = QRectF()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
        self.setAcceptHoverEvents(True)
        self.setZValue(10)

    def set_value(self, name: str, value: Any) -> None:
        self.prepareGeometryChange()
        self.text = f"{name} = {short(value)}"
        full = to_string(value)
        if len(full) > MAX_TOOLTIP_CHARS:
            full = full[:MAX_TOOLTIP_CHARS] + "…"
        self.setToolTip(f"{'Input' if self.side == 'in' else 'Output'} {name}:\n{full}")
        metrics = QFontMetricsF(tag_font())
        width, height = metrics.horizontalAdvance(self.text) + 10, metrics.height() + 4
        left = -GAP - width if self.side == "in" else GAP
        self._rect = QRectF(left, -height / 2, width, height)  # level with its socket: no doubt whose it is
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-1, -1, 1, 1)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(_BORDER, 1.0))
        painter.setBrush(_BACKGROUND)
        painter.drawRoundedRect(self._rect, 3, 3)
        painter.setFont(tag_font())
        painter.setPen(_TEXT)
        painter.drawText(self._rect, Qt.AlignmentFlag.AlignCenter, self.text)


def place_tags(tags: dict[tuple[str, str], ValueTag], sockets: dict[tuple[str, str], QPointF]) -> None:
    """Moves each tag onto its socket's centre (card coordinates); tags of sockets that went are hidden."""
    for key, tag in tags.items():
        centre = sockets.get(key)
        tag.setVisible(centre is not None)
        if centre is not None:
            tag.setPos(centre)
