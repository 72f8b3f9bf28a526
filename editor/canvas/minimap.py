"""The minimap: an overview of one graph in the canvas's bottom-right corner (View → Minimap, Ctrl+M).

It costs nothing measurable on a 2,000-node graph because it never renders the scene: nodes are
drawn as blocks from the model's positions (and the cards' sizes) into a pixmap that is rebuilt
only after the graph changed (coalesced by a timer) or the widget was resized. A pan or zoom
repaints the small widget: the pixmap and one rectangle, the part of the graph in view. Dragging
nodes changes no model position until the drop, so it rebuilds nothing. Hidden, it does nothing.

Click or drag in it to move the view there.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import QWidget

#: A node as a scene rectangle (x, y, width, height) with its fill colour (as rgba, the key, and as a QColor).
Block = tuple[float, float, float, float, int, QColor]

SIZE = QSize(240, 160)
MARGIN = 12  # from the canvas's edges
REBUILD_MS = 120  # edits in a burst rebuild the overview once
_PAD = 6  # pixels kept free around the graph inside the widget
_BACK = QColor(20, 21, 24, 215)
_BORDER = QColor(90, 94, 102)
_VIEW_FILL = QColor(255, 196, 64, 38)
_VIEW_PEN = QPen(QColor(255, 196, 64), 1.5)


class Minimap(QWidget):
    """Overlays its parent (the canvas) in the bottom-right corner; `moved_to` is a scene point to centre on."""

    moved_to = Signal(QPointF)

    def __init__(self, parent: QWidget, blocks: Callable[[], list[Block]], visible_rect: Callable[[], QRectF]) -> None:
        super().__init__(parent)
        self.setObjectName("Minimap")
        self.setFixedSize(SIZE)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip("Minimap: click or drag to move the view (View → Minimap, Ctrl+M)")
        self._blocks = blocks
        self._visible_rect = visible_rect
        self._world = QRectF()  # the scene rectangle the widget shows
        self._pixmap: QPixmap | None = None  # None: rebuild before the next paint
        self.rebuilds = 0  # (tests, bench)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REBUILD_MS)
        self._timer.timeout.connect(self._invalidate)
        parent.installEventFilter(self)
        self.hide()

    # --- keeping up ----------------------------------------------------------------------------
    def graph_changed(self) -> None:
        """Nodes were added, removed or moved: rebuild soon (once per burst), and only if shown."""
        if self.isVisible():
            self._timer.start()
        else:
            self._pixmap = None

    def _invalidate(self) -> None:
        self._pixmap = None
        self.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parent() and event.type() == QEvent.Type.Resize:
            self._place()
        return False

    def _place(self) -> None:
        parent = self.parentWidget()
        self.move(parent.width() - self.width() - MARGIN, parent.height() - self.height() - MARGIN)
        self.raise_()

    def showEvent(self, event: object) -> None:
        self._place()
        super().showEvent(event)  # type: ignore[arg-type]

    # --- drawing -------------------------------------------------------------------------------
    def _scale(self) -> float:
        inner_w, inner_h = self.width() - 2 * _PAD, self.height() - 2 * _PAD
        return min(inner_w / max(self._world.width(), 1.0), inner_h / max(self._world.height(), 1.0))

    def _offset(self, scale: float) -> QPointF:
        return QPointF(self.width() - self._world.width() * scale, self.height() - self._world.height() * scale) / 2

    def to_widget(self, point: QPointF) -> QPointF:
        scale = self._scale()
        return (point - self._world.topLeft()) * scale + self._offset(scale)

    def to_scene(self, point: QPointF) -> QPointF:
        scale = self._scale()
        return (point - self._offset(scale)) / scale + self._world.topLeft()

    def _rebuild(self, view: QRectF) -> None:
        """Draws every block once, one painter call per colour (2,000 nodes: a few ms)."""
        blocks = self._blocks()
        if blocks:
            left = min(b[0] for b in blocks)
            top = min(b[1] for b in blocks)
            content = QRectF(left, top, max(b[0] + b[2] for b in blocks) - left, max(b[1] + b[3] for b in blocks) - top)
            view = content.united(view)
        self._world = view.adjusted(-40, -40, 40, 40)
        scale = self._scale()
        least = 1.5 / scale  # a block stays visible however far the overview is zoomed out
        by_colour: dict[int, tuple[QColor, list[QRectF]]] = {}
        for x, y, w, h, key, colour in blocks:
            by_colour.setdefault(key, (colour, []))[1].append(QRectF(x, y, max(w, least), max(h, least)))
        pixmap = QPixmap(self.size() * self.devicePixelRatioF())
        pixmap.setDevicePixelRatio(self.devicePixelRatioF())
        pixmap.fill(_BACK)
        painter = QPainter(pixmap)
        painter.setPen(Qt.PenStyle.NoPen)
        offset = self._offset(scale)
        painter.translate(offset.x() - self._world.left() * scale, offset.y() - self._world.top() * scale)
        painter.scale(scale, scale)  # blocks in scene coordinates: no arithmetic per node in Python
        for colour, rects in by_colour.values():
            painter.setBrush(colour)
            painter.drawRects(rects)
        painter.resetTransform()
        painter.setPen(_BORDER)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(QRectF(0.5, 0.5, self.width() - 1, self.height() - 1))
        painter.end()
        self._pixmap = pixmap
        self.rebuilds += 1

    def view_rect(self) -> QRectF:
        """Where the part of the graph in view is drawn (widget coordinates)."""
        view = self._visible_rect()
        return QRectF(self.to_widget(view.topLeft()), self.to_widget(view.bottomRight()))

    def paintEvent(self, event: QPaintEvent) -> None:
        view = self._visible_rect()
        if self._pixmap is None or not self._world.contains(view.center()):
            self._rebuild(view)  # also when the view went beyond what the overview shows
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._pixmap)
        painter.setClipRect(self.rect().adjusted(1, 1, -1, -1))
        painter.setPen(_VIEW_PEN)
        painter.setBrush(_VIEW_FILL)
        painter.drawRect(self.view_rect())

    # --- moving the view -----------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.moved_to.emit(self.to_scene(event.position()))
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self.moved_to.emit(self.to_scene(event.position()))
        event.accept()

    def wheelEvent(self, event: object) -> None:
        return  # the wheel over the overview must not zoom the canvas underneath
