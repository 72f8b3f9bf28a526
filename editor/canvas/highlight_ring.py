"""The outline a run puts around a node card (running, paused, error, breakpoint), drawn by a child item.

A run relights nodes up to 30 times a second. Drawn by the card itself, each change threw away the
card's cached picture and repainted it whole: hundreds of painter calls from Python on the window's
thread, each of which lets go of the GIL while the engine thread holds on to it. The ring repaints
itself alone (two or three calls) and the card's cache stays valid.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from editor.canvas import style

STRONG = frozenset({"paused", "error"})  # highlight kinds drawn with a glow that reads from afar
GLOW = 10.0  # how far the glow reaches outside the card
_NO_BRUSH = Qt.BrushStyle.NoBrush


class HighlightRing(QGraphicsItem):
    """An outline (with a glow for STRONG kinds) around `rect` of its parent card; takes no mouse."""

    def __init__(self, parent: QGraphicsItem) -> None:
        super().__init__(parent)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(False)
        self.kind: str | None = None
        self._rect = QRectF()
        self._bounds = QRectF()
        self.setVisible(False)

    def show_kind(self, kind: str | None, rect: QRectF) -> None:
        """Outlines `rect` for highlight `kind` ("running", "paused", …); None hides the ring."""
        self.kind = kind
        if kind is None:
            self.setVisible(False)
            return
        if rect != self._rect:
            self.prepareGeometryChange()
            self._rect = QRectF(rect)
            self._bounds = rect.adjusted(-GLOW, -GLOW, GLOW, GLOW)
        self.setVisible(True)
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        return QPainterPath()  # never what a click or itemAt() finds: the card under it is

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        colour = style.HIGHLIGHTS.get(self.kind or "")
        if colour is None:
            return
        strong = self.kind in STRONG
        rect = self._rect
        painter.setBrush(_NO_BRUSH)
        if painter.worldTransform().m11() < style.DETAIL_LOD:  # zoomed out: a plain thick frame
            pen = QPen(colour, 6.0 if strong else 3.0)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.drawRect(rect)
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        if strong:
            glow = QColor(colour)
            glow.setAlpha(90)
            painter.setPen(QPen(glow, 9.0))
            painter.drawRoundedRect(rect.adjusted(-4, -4, 4, 4), style.CORNER + 4, style.CORNER + 4)
        painter.setPen(QPen(colour, 3.5 if strong else 2.6))
        painter.drawRoundedRect(rect.adjusted(-1.5, -1.5, 1.5, 1.5), style.CORNER + 1, style.CORNER + 1)
