"""Groups on the canvas: a titled, translucent backdrop behind some nodes (`runtime.model.Group`).

A `GroupItem` is drawn from the model and never changes it: its gestures (drag the title bar,
drag the corner handle, double-click the title) are reported to a `GroupEvents` owner, which
turns them into Document edits. Only the title bar and the corner handle take the mouse (its
`shape`), so a rubber band can still start on a backdrop's body to select the nodes on it.

Dragging the title moves the backdrop and everything lying wholly inside it (nodes, smaller
groups) as one gesture; the nodes are moved with plain `setPos` (no Python `itemChange` on
node items) and their connections redrawn once per mouse move.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsSceneHoverEvent,
    QGraphicsSceneMouseEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from editor.canvas import style
from editor.canvas.comments import CommentItem
from editor.canvas.item_gestures import corner_cursor, draw_grip, select_on_press
from editor.canvas.items import LinkItem, NodeCardItem
from editor.canvas.reroutes import RerouteDot, follow_dots
from runtime.model import Group

Rect = tuple[float, float, float, float]

#: Backdrops lie below connections (-1) and nodes (>= 1); a bigger one lies below a smaller one.
GROUP_Z = -10.0
TITLE_HEIGHT = 30.0
PADDING = 24.0  # around the grouped nodes, when a group is made from a selection
HANDLE = 16.0  # the resize corner
FAR_TITLE_PX = 18.0  # zoomed out, the title bar grows upwards to stay this tall on screen...
FAR_REACH = FAR_TITLE_PX / 0.05  # ... down to the smallest zoom (the paint area includes it)
MIN_SIZE = (160.0, TITLE_HEIGHT + 40.0)
CORNER = 8.0

BODY = QColor(86, 118, 168, 38)
BORDER = QColor(120, 152, 205, 120)
TITLE_BAR = QColor(74, 104, 150, 175)
TITLE_TEXT = QColor(236, 240, 248)
GRIP = QColor(190, 205, 230, 150)

_LEFT = Qt.MouseButton.LeftButton
_NO_BRUSH = Qt.BrushStyle.NoBrush
_INTERSECTS = Qt.ItemSelectionMode.IntersectsItemBoundingRect


class GroupEvents(Protocol):
    """What a group's gestures ask for; implemented by the canvas's `GroupLayer`."""

    def group_moved(self, rects: dict[str, Rect], node_moves: dict[str, tuple[tuple[float, float],
                                                                               tuple[float, float]]],
                    comment_rects: dict[str, Rect], bends: dict[LinkItem, tuple[tuple[float, float], ...]]) -> None: ...

    def group_resized(self, group_id: str, rect: Rect) -> None: ...

    def rename_requested(self, item: GroupItem) -> None: ...


def rect_around(rects: list[QRectF]) -> Rect:
    """A group rect around these scene rects: padding on every side and room for the title bar."""
    union = QRectF()
    for rect in rects:
        union = union.united(rect)
    area = union.adjusted(-PADDING, -PADDING - TITLE_HEIGHT, PADDING, PADDING)
    width, height = max(area.width(), MIN_SIZE[0]), max(area.height(), MIN_SIZE[1])
    return (area.x(), area.y(), width, height)


def _title_font() -> QFont:
    font = QFont(style.title_font())
    font.setPointSizeF(10.5)
    return font


@dataclass
class _Drag:
    """One title-bar drag or corner resize in progress."""

    resize: bool
    start: QPointF  # scene position of the press
    rect: QRectF  # the group's scene rect at the press
    nodes: dict[NodeCardItem, QPointF] = field(default_factory=dict)  # what lies inside -> position at the press
    groups: dict[GroupItem, QPointF] = field(default_factory=dict)
    comments: dict[CommentItem, QPointF] = field(default_factory=dict)
    dots: dict[RerouteDot, QPointF] = field(default_factory=dict)
    pipes: list[LinkItem] = field(default_factory=list)
    moved: bool = False


def group_colours(colour: str) -> tuple[QColor, QColor, QColor]:
    """Body, border and title bar of a backdrop of `colour` (#rrggbb; "" for the theme's blue)."""
    if not colour:
        return BODY, BORDER, TITLE_BAR
    base = QColor(colour)
    body, border, bar = QColor(base), QColor(base.lighter(115)), QColor(base.darker(135))
    body.setAlpha(BODY.alpha() + 12)
    border.setAlpha(BORDER.alpha())
    bar.setAlpha(TITLE_BAR.alpha() + 30)
    return body, border, bar


class GroupItem(QGraphicsItem):
    """One backdrop. Its position is the group's top-left corner; `set_group` shows the model's state."""

    own_mouse = True  # the viewer hands presses on it straight to it (see CanvasViewer.mousePressEvent)

    def __init__(self, group: Group, events: GroupEvents) -> None:
        super().__init__()
        self.group_id = group.id
        self.title = ""
        self._events = events
        self._size = (0.0, 0.0)
        self._drag: _Drag | None = None
        self._font = _title_font()
        self.colour = ""
        self._colours = group_colours("")
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        self.setAcceptHoverEvents(True)
        self.set_group(group)

    # --- the model's state --------------------------------------------------------------------
    def set_group(self, group: Group) -> None:
        """Shows `group`'s title and rect (a no-op when they are already shown)."""
        x, y, width, height = group.rect
        if (width, height) != self._size:
            self.prepareGeometryChange()
            self._size = (width, height)
        self.setZValue(GROUP_Z - min(width * height, 1e8) / 1e8)
        if (self.x(), self.y()) != (x, y):
            self.setPos(x, y)
        if group.colour != self.colour:
            self.colour = group.colour
            self._colours = group_colours(group.colour)
            self.update()
        if group.title != self.title:
            self.title = group.title
            self.setToolTip(f"{group.title} — drag the title to move the group and its nodes; double-click to rename")
            self.update()

    def scene_rect(self) -> Rect:
        return (self.x(), self.y(), *self._size)

    def area(self) -> QRectF:
        """The group's rect in the scene (its bounding rect also holds room for a zoomed-out title)."""
        return QRectF(self.x(), self.y(), *self._size)

    def title_rect(self) -> QRectF:
        """The title bar, in item coordinates."""
        return QRectF(0.0, 0.0, self._size[0], TITLE_HEIGHT)

    def handle_rect(self) -> QRectF:
        width, height = self._size
        return QRectF(width - HANDLE, height - HANDLE, HANDLE, HANDLE)

    # --- geometry ------------------------------------------------------------------------------
    def boundingRect(self) -> QRectF:
        return QRectF(-2.0, -FAR_REACH - 2.0, self._size[0] + 4.0, self._size[1] + FAR_REACH + 4.0)

    def shape(self) -> QPainterPath:
        """Only the title bar and the corner handle take clicks (and rubber-band selection)."""
        path = QPainterPath()
        path.addRect(self.title_rect())
        path.addRect(self.handle_rect())
        return path

    # --- painting ------------------------------------------------------------------------------
    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        width, height = self._size
        lod = painter.worldTransform().m11()
        far = lod < style.DETAIL_LOD
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, not far)
        body = QRectF(0.0, 0.0, width, height)
        body_colour, border_colour, bar_colour = self._colours
        border = QPen(style.NODE_SELECTED if self.isSelected() else border_colour, 2.0 if self.isSelected() else 1.2)
        border.setCosmetic(far)
        painter.setPen(border)
        painter.setBrush(body_colour)
        painter.drawRoundedRect(body, CORNER, CORNER)
        bar = self.title_rect()
        if far:  # the bar grows upwards, out of the nodes' way, so that the title stays readable
            bar.setTop(TITLE_HEIGHT - max(TITLE_HEIGHT, FAR_TITLE_PX / lod))
        title_bar = QPainterPath()
        title_bar.addRoundedRect(bar, CORNER, CORNER)
        square = QPainterPath()
        square.addRect(QRectF(0.0, TITLE_HEIGHT - CORNER, width, CORNER))  # square bottom corners
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(bar_colour)
        painter.drawPath(title_bar.united(square))
        font = self._font
        if far:
            font = QFont(self._font)
            font.setPixelSize(max(1, round(FAR_TITLE_PX * 0.62 / lod)))
        painter.setFont(font)
        painter.setPen(TITLE_TEXT)
        margin = 12.0 if not far else 6.0 / lod
        text_box = bar.adjusted(margin, 0.0, -margin, 0.0)
        title = QFontMetricsF(font).elidedText(self.title, Qt.TextElideMode.ElideRight, text_box.width())
        painter.drawText(text_box, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, title)
        if not far:
            painter.setPen(QPen(GRIP, 1.3))
            draw_grip(painter, width, height, (4.0, 8.0, 12.0))

    # --- gestures --------------------------------------------------------------------------------
    def hoverMoveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        corner_cursor(self, self.handle_rect(), event)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if not select_on_press(self, event):
            return
        scene = self.scene()
        resize = self.handle_rect().contains(event.pos())
        rect = self.area()
        drag = _Drag(resize, event.scenePos(), rect)
        if not resize:
            for item in scene.items(rect, _INTERSECTS):
                if isinstance(item, NodeCardItem) and rect.contains(item.sceneBoundingRect()):
                    drag.nodes[item] = item.pos()
                elif isinstance(item, GroupItem) and item is not self and rect.contains(item.area()):
                    drag.groups[item] = item.pos()
                elif isinstance(item, CommentItem) and rect.contains(item.area()):
                    drag.comments[item] = item.pos()
                elif isinstance(item, RerouteDot) and rect.contains(item.scenePos()):
                    drag.dots[item] = item.pos()
            pipes = [p for node in drag.nodes for p in node.pipes()] + [d.pipe for d in drag.dots]
            drag.pipes = list({id(p): p for p in pipes}.values())
        self._drag = drag
        event.accept()

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        drag = self._drag
        if drag is None:
            return
        delta = event.scenePos() - drag.start
        if not drag.moved and delta.manhattanLength() < 2:
            return
        drag.moved = True
        if drag.resize:
            width = max(drag.rect.width() + delta.x(), MIN_SIZE[0])
            height = max(drag.rect.height() + delta.y(), MIN_SIZE[1])
            self.prepareGeometryChange()
            self._size = (width, height)
            return
        self.setPos(drag.rect.topLeft() + delta)
        for item, origin in (*drag.nodes.items(), *drag.groups.items(), *drag.comments.items(),
                             *drag.dots.items()):
            item.setPos(origin + delta)
        for pipe in drag.pipes:
            if pipe.bends:
                follow_dots(pipe)
            else:
                pipe.draw_path()

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        drag, self._drag = self._drag, None
        if drag is None or not drag.moved:
            return
        if drag.resize:
            self._events.group_resized(self.group_id, self.scene_rect())
            return
        rects = {self.group_id: self.scene_rect()} | {g.group_id: g.scene_rect() for g in drag.groups}
        moves = {node.model_id: ((origin.x(), origin.y()), (node.x(), node.y())) for node, origin in drag.nodes.items()}
        self._events.group_moved(rects, moves, {c.comment_id: c.scene_rect() for c in drag.comments},
                                 {d.pipe: d.pipe.bends for d in drag.dots})

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if event.button() == _LEFT and self.title_rect().contains(event.pos()):
            self._events.rename_requested(self)
            event.accept()
