"""Reroute points: dots a connection passes through, to lead wires around nodes.

A reroute is a bend of one connection (`Graph.bends`), never a node: the interpreter follows
`Graph.links` and never sees them. On the canvas each point is a `RerouteDot`, a child of the
connection's `LinkItem` (the link sits at the scene origin, so a child's position is a scene
position, and the dots go when their link goes). A dot takes the wire's colour (pulse white or
the data type's colour). Dragging a dot bends the wire live; the release is reported to the
viewer's `reroute_moved` signal and becomes one undoable edit.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPainterPathStroker, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from editor.canvas import style
from editor.canvas.item_gestures import select_on_press
from editor.canvas.items import LinkItem
from runtime.model import Bends

RADIUS = 6.0
PICK_WIDTH = 12.0  # how close (scene units) a double-click must be to a wire to add a point on it


class RerouteDot(QGraphicsItem):
    """One reroute point of its parent `LinkItem`: `index` is its place along the connection."""

    own_mouse = True  # the viewer hands presses on it straight to it (see CanvasViewer.mousePressEvent)

    def __init__(self, pipe: LinkItem, index: int) -> None:
        super().__init__(pipe)
        self.index = index
        self._press: tuple[QPointF, QPointF] | None = None  # scene point and position at the press
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.SizeAllCursor)
        self.setToolTip("Reroute point: drag to move it; Delete removes it and keeps the connection")

    @property
    def pipe(self) -> LinkItem:
        return self.parentItem()  # type: ignore[return-value]

    def boundingRect(self) -> QRectF:
        return QRectF(-RADIUS - 2, -RADIUS - 2, 2 * RADIUS + 4, 2 * RADIUS + 4)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addEllipse(QPointF(0.0, 0.0), RADIUS + 2, RADIUS + 2)
        return path

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        selected = self.isSelected()
        pen = QPen(style.NODE_SELECTED if selected else style.NODE_BORDER, 2.0 if selected else 1.2)
        painter.setPen(pen)
        painter.setBrush(self.pipe.base_colour())
        painter.drawEllipse(QPointF(0.0, 0.0), RADIUS, RADIUS)

    # --- gestures --------------------------------------------------------------------------------
    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if not select_on_press(self, event):
            return
        self._press = (event.scenePos(), self.pos())
        event.accept()

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._press is None:
            return
        start, origin = self._press
        self.setPos(origin + event.scenePos() - start)
        follow_dots(self.pipe)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        press, self._press = self._press, None
        if press is None or self.pos() == press[1]:
            return
        views = self.scene().views() if self.scene() is not None else []
        for view in views:
            signal = getattr(view, "reroute_moved", None)
            if signal is not None:
                signal.emit(self.pipe, self.index, (press[1].x(), press[1].y()), (self.x(), self.y()))


def show_bends(pipe: LinkItem, bends: Bends) -> None:
    """Makes the connection pass through `bends`, with one dot on each."""
    dots = dots_of(pipe)
    if pipe.bends == tuple(bends) and len(dots) == len(bends):
        return
    pipe.bends = tuple(bends)
    for dot in dots[len(bends):]:
        if dot.scene() is not None:
            dot.scene().removeItem(dot)
        dot.setParentItem(None)
    dots = dots[:len(bends)] + [RerouteDot(pipe, index) for index in range(len(dots), len(bends))]
    for dot, (x, y) in zip(dots, bends, strict=True):
        dot.setPos(x, y)
    pipe.draw_path()


def follow_dots(pipe: LinkItem) -> None:
    """Makes the connection pass through its dots where they are now (while they are dragged)."""
    pipe.bends = tuple((dot.x(), dot.y()) for dot in dots_of(pipe))
    pipe.draw_path()


def dots_of(pipe: LinkItem) -> list[RerouteDot]:
    return sorted((c for c in pipe.childItems() if isinstance(c, RerouteDot)), key=lambda d: d.index)


def wire_at(scene: QGraphicsScene, point: QPointF) -> LinkItem | None:
    """The connection drawn within PICK_WIDTH / 2 of `point` (the nearest one's stroke), if any."""
    half = PICK_WIDTH / 2
    area = QRectF(point.x() - half, point.y() - half, PICK_WIDTH, PICK_WIDTH)
    stroker = QPainterPathStroker()
    stroker.setWidth(PICK_WIDTH)
    for item in scene.items(area):
        if isinstance(item, LinkItem) and item.isVisible() and item.input_port is not None \
                and stroker.createStroke(item.path()).contains(point):
            return item
    return None


def insertion_index(anchors: list[QPointF], point: QPointF) -> int:
    """Where a new point at `point` goes among the bends: on the stretch between anchors it adds the
    least length to (anchors are the two ends with the bends between them)."""
    def detour(a: QPointF, b: QPointF) -> float:
        return math.dist((a.x(), a.y()), (point.x(), point.y())) + math.dist((point.x(), point.y()), (b.x(), b.y())) \
            - math.dist((a.x(), a.y()), (b.x(), b.y()))

    stretches = range(len(anchors) - 1)
    return min(stretches, key=lambda i: detour(anchors[i], anchors[i + 1]), default=0)
