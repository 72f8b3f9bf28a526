"""Light graphics items for nodes, sockets and connections.

Why not NodeGraphQt's stock items: each stock node makes a text item per port label, an icon
item and a "disabled" overlay, and every port asks for scene-position notifications, which makes
loading and dragging thousands of nodes slow (see the measured pitfalls). Here a node paints its
own title and labels, sockets are tiny painted items (still `PortItem`s, so NodeGraphQt's
connection dragging works), and connections are path items without the direction-arrow child.
Zoomed out, nodes draw as plain blocks.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from NodeGraphQt.constants import Z_VAL_NODE, PortTypeEnum
from NodeGraphQt.qgraphics.node_abstract import AbstractNodeItem
from NodeGraphQt.qgraphics.pipe import PipeItem
from NodeGraphQt.qgraphics.port import PortItem
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from editor.canvas import style
from editor.canvas.chain import DIMMED
from editor.canvas.highlight_ring import HighlightRing
from editor.canvas.look import NodeLook, Socket
from editor.canvas.node_comment import CommentBubble
from editor.canvas.value_tags import ValueTag, place_tags

_IN, _OUT = PortTypeEnum.IN.value, PortTypeEnum.OUT.value
# Enum members looked up once: PySide6 enum attribute access is slow in loops of thousands.
_NO_CONTENTS = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents
_SELECTABLE = QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
_DEVICE_CACHE = QGraphicsItem.CacheMode.DeviceCoordinateCache
_LEFT_BUTTON = Qt.MouseButton.LeftButton
_SOCKET_RECT = QRectF(0.0, 0.0, 16.0, 16.0)
_SOCKET_CENTER = QPointF(8.0, 8.0)
# Pen and brush objects rather than enums: PySide6 converts an enum argument through Python's enum machinery.
_NO_PEN = QPen(Qt.PenStyle.NoPen)
_NO_BRUSH = QBrush()
_ANTIALIAS = QPainter.RenderHint.Antialiasing
_PULSE_PEN = QPen(QColor(255, 255, 255), 2.4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
_DATA_PEN = QPen(QColor(255, 255, 255), 1.9, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)


def _lod(painter: QPainter, option: QStyleOptionGraphicsItem) -> float:
    """The zoom the item is painted at (the canvas never rotates or shears, so m11 is the scale)."""
    return painter.worldTransform().m11()


class SocketItem(PortItem):
    """A socket's hit area (still a `PortItem`, so NodeGraphQt's connection dragging finds it).

    It paints nothing itself: its node draws the triangle or square, so that a zoomed-out repaint
    does not call into Python once per socket.
    """

    SIZE = 16.0  # the clickable square; the painted shape is smaller

    # Skips PortItem's Python itemChange (pipe redraw on every scene move): the viewer redraws pipes.
    itemChange = QGraphicsItem.itemChange

    def __init__(self, parent: QGraphicsItem) -> None:
        QGraphicsItem.__init__(self, parent)  # not PortItem.__init__: its flags and tooltip cost per socket
        self.setFlags(_NO_CONTENTS)
        self.setAcceptHoverEvents(True)
        self._pipes: list[PipeItem] = []
        self._width = self._height = self.SIZE
        self._hovered = False
        self._name = "port"
        self._display_name = False
        self._color = self._border_color = (0, 0, 0, 255)
        self._border_size = 1
        self._port_type: str | None = None
        self._multi_connection = False
        self._locked = False
        self.socket = Socket("", False)

    def boundingRect(self) -> QRectF:
        return _SOCKET_RECT

    def center_offset(self) -> QPointF:
        return _SOCKET_CENTER

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        return

    def hoverEnterEvent(self, event: Any) -> None:
        self._hovered = True
        self.parentItem().update()

    def hoverLeaveEvent(self, event: Any) -> None:
        self._hovered = False
        self.parentItem().update()

    def add_pipe(self, pipe: PipeItem) -> None:
        self._pipes.append(pipe)
        self.parentItem().update()

    def remove_pipe(self, pipe: PipeItem) -> None:
        self._pipes.remove(pipe)
        self.parentItem().update()

    @PortItem.multi_connection.setter
    def multi_connection(self, mode: bool = False) -> None:
        self._multi_connection = mode  # no tooltip per socket: the node's tooltip says enough

    @PortItem.locked.setter
    def locked(self, value: bool = False) -> None:
        self._locked = value


def paint_socket(painter: QPainter, socket: Socket, center: QPointF, connected: bool, hovered: bool) -> None:
    """A white triangle for a pulse socket, a square in its type's colour for a data socket."""
    s = style.SOCKET_SIZE
    cx, cy = center.x(), center.y()
    if socket.pulse:
        colour = QColor(style.PULSE)
        h = s * 0.55
        shape = QPolygonF([QPointF(cx - h * 0.8, cy - h), QPointF(cx + h, cy), QPointF(cx - h * 0.8, cy + h)])
        painter.setPen(QPen(colour.lighter(130) if hovered else colour, 1.4))
        painter.setBrush(colour if connected or hovered else style.NODE_BODY)
        painter.drawPolygon(shape)
        return
    colour = style.data_colour(socket.data_type)
    if hovered:
        colour = colour.lighter(140)
    painter.setPen(QPen(colour, 1.4))
    painter.setBrush(colour if connected or hovered else colour.darker(280))
    half = s * 0.42
    painter.drawRect(QRectF(cx - half, cy - half, 2 * half, 2 * half))


_LINK_PENS: dict[tuple[int, bool, str, bool], QPen] = {}


def link_pen(base: QColor, pulse: bool, state: str, far: bool) -> QPen:
    """The pen of a link of colour `base` in `state` (normal, faded, hover, lit, flow, chain, selected), shared by all.

    Links of one look share one pen object: a cold repaint of 2,000 links then makes no pens.
    Zoomed out (`far`) the pen is a cosmetic 1 px line.
    """
    key = (base.rgba(), pulse, state, far)
    pen = _LINK_PENS.get(key)
    if pen is None:
        pen = QPen(_PULSE_PEN if pulse else _DATA_PEN)
        colour = QColor(base)
        if state == "faded":
            colour.setAlpha(60)
        elif state == "flow":  # a pulse just went along it (editor/canvas/flow.py draws the dot)
            colour = QColor(style.HIGHLIGHTS["running"])
            pen.setWidthF(pen.widthF() + 1.0)
        elif state == "chain":  # on a highlighted chain: `base` is the chain's colour
            pen.setWidthF(pen.widthF() + 0.8)
        elif state in ("hover", "lit", "selected"):
            colour = QColor(255, 255, 255) if state == "hover" else QColor(style.NODE_SELECTED)
            pen.setWidthF(pen.widthF() + (0.8 if state != "selected" else 0.0))
        pen.setColor(colour)
        if far:
            pen.setCosmetic(True)
            pen.setWidthF(1.0)
        _LINK_PENS[key] = pen
    return pen


class LinkItem(PipeItem):
    """A connection: white for pulses, the data type's colour for data; no arrow child item.

    Its state (hovered, lit, next to a disabled node) is worked out when first painted after a
    change and kept as a shared pen, so that no Python `itemChange` runs for every state change of
    thousands of links and a repaint does little per link.
    """

    itemChange = QGraphicsPathItem.itemChange

    def __init__(self, socket: Socket | None = None) -> None:
        QGraphicsPathItem.__init__(self)  # not PipeItem.__init__: it adds an arrow child item per link
        self.setZValue(-1.0)
        self.setAcceptHoverEvents(True)
        self.setFlags(_SELECTABLE)
        self._color = (200, 200, 200, 255)
        self._style = 0
        self._active = False
        self._highlight = False
        self._flowing = False
        self._input_port: Any = None
        self._output_port: Any = None
        self._base = QColor(style.PULSE)
        self.pulse = True
        self._pen: QPen | None = None
        self._far: QPen | None = None
        self._chain: QColor | None = None
        self.bends: tuple[tuple[float, float], ...] = ()  # reroute points it passes through (reroutes.py)
        if socket is not None:
            self.set_kind(socket)

    def set_kind(self, socket: Socket) -> None:
        self.pulse = socket.pulse
        self._base = QColor(style.PULSE) if socket.pulse else style.data_colour(socket.data_type)
        self._base.setAlpha(215)
        self.setPen(_PULSE_PEN if socket.pulse else _DATA_PEN)
        self._pen = self._far = None

    def base_colour(self) -> QColor:
        """Its colour before any state (pulse white, or the data type's colour)."""
        return self._base

    def restyle(self) -> None:
        """Forgets the kept pens (its state or an end node's Enabled changed) and repaints."""
        self._pen = self._far = None
        self.update()

    def _state(self) -> str:
        if self._active:
            return "hover"
        if self._flowing:
            return "flow"
        if self._chain is not None:
            return "chain"
        if self._highlight:
            return "lit"
        return "faded" if self._end_disabled() else "normal"

    def set_flowing(self, on: bool) -> None:
        """Shows (or stops showing) that a pulse is travelling along this connection."""
        if on != self._flowing:
            self._flowing = on
            self.restyle()

    def set_chain(self, colour: QColor | None, dimmed: bool) -> None:
        """On a highlighted chain (its colour), dimmed outside one, or neither (None, False)."""
        self.setOpacity(DIMMED if dimmed else 1.0)
        if colour != self._chain:
            self._chain = colour
            self.restyle()

    def _state_pen(self, far: bool) -> QPen:
        state = self._state()
        return link_pen(self._chain if state == "chain" else self._base, self.pulse, state, far)

    def _paint_pen(self) -> QPen:
        if self._pen is None:
            self._pen = self._state_pen(False)
        return self._pen

    def _end_disabled(self) -> bool:
        """PipeItem.disabled() without its property lookups (called for every link on a cold repaint)."""
        for port in (self._input_port, self._output_port):
            if port is not None and port.parentItem()._properties["disabled"]:
                return True
        return False

    # PipeItem's styling methods all go through set_pipe_styling/_dir_pointer: replace them.
    def set_pipe_styling(self, color: Any = None, width: int = 2, style: int = 0) -> None:
        self.restyle()

    def _draw_direction_pointer(self) -> None:
        return

    def activate(self) -> None:
        self._active = True
        self.restyle()

    def highlight(self) -> None:
        self._highlight = True
        self.restyle()

    def reset(self) -> None:
        self._active = self._highlight = False
        self.restyle()

    def hoverLeaveEvent(self, event: Any) -> None:
        self._active = False
        self.restyle()

    def draw_path(self, start_port: Any = None, end_port: Any = None, cursor_pos: Any = None) -> None:
        out_port, in_port = self._output_port, self._input_port
        if out_port is None or in_port is None:
            return
        p1 = out_port.scenePos() + _SOCKET_CENTER
        p2 = in_port.scenePos() + _SOCKET_CENTER
        path = QPainterPath(p1)
        if self.bends:  # through each reroute point, leaving it rightwards as it leaves a socket
            points = [p1, *(QPointF(x, y) for x, y in self.bends), p2]
            for a, b in pairwise(points):
                _curve(path, a, b, 20.0)
        else:
            _curve(path, p1, p2, 40.0)
        self.setPath(path)

    def anchors(self) -> list[QPointF]:
        """Its ends and reroute points, in order (where a new reroute point goes)."""
        ends = [p.scenePos() + _SOCKET_CENTER for p in (self._output_port, self._input_port) if p is not None]
        if len(ends) < 2:
            return []
        return [ends[0], *(QPointF(x, y) for x, y in self.bends), ends[1]]

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        far = _lod(painter, option) < style.DETAIL_LOD
        if not far:  # zoomed out the viewer has switched antialiasing off for everything
            painter.setRenderHint(_ANTIALIAS, True)
        if self.isSelected():
            pen = link_pen(self._base, self.pulse, "selected", far)
        elif far:
            if self._far is None:
                self._far = self._state_pen(True)
            pen = self._far
        else:
            pen = self._paint_pen()
        painter.setPen(pen)
        painter.setBrush(_NO_BRUSH)
        painter.drawPath(self.path())


def _curve(path: QPainterPath, a: QPointF, b: QPointF, least: float) -> None:
    """A connection's S-curve from `a` to `b`: it leaves `a` and reaches `b` horizontally."""
    tangent = min(max(abs(b.x() - a.x()) * 0.5, least), 160.0)
    path.cubicTo(QPointF(a.x() + tangent, a.y()), QPointF(b.x() - tangent, b.y()), b)


class NodeCardItem(AbstractNodeItem):
    """A node: header in its category colour, title, socket labels, plugin badge, status strip.

    Implements the parts of NodeGraphQt's `NodeItem` interface that the viewer and `BaseNode`
    use (add_input/add_output, inputs/outputs, widgets, draw_node, post_init).
    """

    # Selection styling is done by the viewer once per selection change, not per item here.
    itemChange = QGraphicsItem.itemChange

    def mouseDoubleClickEvent(self, event: Any) -> None:
        """Tells the viewer, as NodeGraphQt's own nodes do (the canvas opens a function's or prefab's tab)."""
        viewer = self.viewer()
        if viewer is not None and event.button() == Qt.MouseButton.LeftButton:
            viewer.node_double_clicked.emit(self.id)
        super().mouseDoubleClickEvent(event)

    def __init__(self, name: str = "node", parent: QGraphicsItem | None = None) -> None:
        super().__init__(name, parent)
        self.setCacheMode(_DEVICE_CACHE)
        self.setAcceptHoverEvents(True)
        self._tooltip = ""
        self._input_items: dict[SocketItem, None] = {}
        self._output_items: dict[SocketItem, None] = {}
        self._widgets: dict[str, Any] = {}
        self._properties["icon"] = None
        self.look: NodeLook | None = None
        self.header = QColor(style.PLACEHOLDER_HEADER)
        self.header_rgba = self.header.rgba()  # the minimap groups blocks by colour without a call per node
        self.highlight_kind: str | None = None
        self._ring: HighlightRing | None = None  # made for the first highlight only
        self.chain_colour: QColor | None = None  # see editor/canvas/chain.py
        self._dimmed = False
        self._value_tags: dict[tuple[str, str], ValueTag] = {}
        self.model_id = ""
        self._bubble: CommentBubble | None = None  # made for the first node comment only
        self._bounds = self._shape_rect = QRectF(0.0, 0.0, self._width, self._height)

    # --- the NodeItem interface NodeGraphQt relies on -----------------------------------------
    @property
    def inputs(self) -> list[SocketItem]:
        return list(self._input_items)

    @property
    def outputs(self) -> list[SocketItem]:
        return list(self._output_items)

    @property
    def widgets(self) -> dict[str, Any]:
        return {}

    @property
    def icon(self) -> None:
        return None

    @icon.setter
    def icon(self, path: str | None = None) -> None:
        return

    def add_input(self, name: str = "input", multi_port: bool = False, display_name: bool = True,
                  locked: bool = False, painter_func: Any = None) -> SocketItem:
        return self._add_socket(name, _IN, multi_port)

    def add_output(self, name: str = "output", multi_port: bool = False, display_name: bool = True,
                   locked: bool = False, painter_func: Any = None) -> SocketItem:
        return self._add_socket(name, _OUT, multi_port)

    def _add_socket(self, name: str, port_type: str, multi: bool) -> SocketItem:
        item = SocketItem(self)
        item._name = name
        item._port_type = port_type
        item._multi_connection = multi
        (self._input_items if port_type == _IN else self._output_items)[item] = None
        return item

    def delete_input(self, port: SocketItem) -> None:
        self._input_items.pop(port, None)
        self._drop_socket(port)

    def delete_output(self, port: SocketItem) -> None:
        self._output_items.pop(port, None)
        self._drop_socket(port)

    def _drop_socket(self, port: SocketItem) -> None:
        for pipe in list(port.connected_pipes):
            pipe.delete()
        if port.scene() is not None:
            port.scene().removeItem(port)
        port.setParentItem(None)

    def draw_node(self) -> None:
        self.layout()

    def post_init(self, viewer: Any = None, pos: Any = None) -> None:
        if pos:
            self.setPos(pos[0], pos[1])

    def pipes(self) -> list[PipeItem]:
        return [pipe for port in (*self._input_items, *self._output_items) for pipe in port.connected_pipes]

    def outgoing_pipes(self) -> list[PipeItem]:
        """The connections leaving this node: over all nodes, each connection once."""
        return [pipe for port in self._output_items for pipe in port.connected_pipes]

    # --- look ---------------------------------------------------------------------------------
    def apply_look(self, look: NodeLook, header: QColor) -> None:
        """Shows `look` (sockets must already match it); one repaint of this node only."""
        self.look = look
        self.header = QColor(header if not look.status else style.PLACEHOLDER_HEADER)
        self.header_rgba = self.header.rgba()
        self._properties["name"] = look.title
        if self._properties["disabled"] == look.enabled:  # Enabled changed: its connections fade or not
            self._properties["disabled"] = not look.enabled
            for pipe in self.pipes():
                pipe.restyle()
        self._apply_opacity()
        if look.comment or self._bubble is not None:
            self._show_comment(look.comment)
        self._tooltip = ""  # made when first hovered: thousands of rich-text tooltips cost at load
        self.layout()

    def _show_comment(self, text: str) -> None:
        if self._bubble is None:
            self._bubble = CommentBubble(self)
        self._bubble.set_text(text)

    def comment_bubble(self) -> CommentBubble | None:
        """The node comment shown above the card, if any (tests)."""
        return self._bubble if self._bubble is not None and self._bubble.isVisible() else None

    def hoverEnterEvent(self, event: Any) -> None:
        look = self.look
        if not self._tooltip and look is not None:
            status = f" <i>({look.status})</i>" if look.status else ""
            self._tooltip = f"<b>{look.title}</b> — {look.type_name}{status}<br/>{look.description}"
            self.setToolTip(self._tooltip)
        super().hoverEnterEvent(event)

    def boundingRect(self) -> QRectF:
        return self._bounds  # kept by layout(): Qt asks several times per node and repaint

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRect(self._shape_rect)
        return path

    def layout(self) -> None:
        """Sizes the card from its labels and places the sockets on its edges."""
        look = self.look
        if look is None:
            return
        left = [style.text_width(s.name, "label") for s in look.inputs]
        right = [style.text_width(s.name, "label") for s in look.outputs]
        title = style.text_width(look.title, "title") + 2 * style.PADDING
        if look.badge:
            title += style.text_width(look.badge, "small") + 14
        rows = max(len(left), len(right))
        body = max(left, default=0.0) + max(right, default=0.0) + 3 * style.PADDING + 8
        self.prepareGeometryChange()
        self._width = max(style.MIN_WIDTH, title, body)
        top = style.HEADER_HEIGHT + (style.STATUS_HEIGHT if look.strip else 0.0) + 4
        self._height = top + max(rows, 1) * style.ROW_HEIGHT + 4
        half = SocketItem.SIZE / 2  # sockets are painted by the node, half outside its edges
        self._shape_rect = QRectF(-half, 0.0, self._width + 2 * half, self._height)
        self._fit_bounds()
        if self._ring is not None:
            self._ring.show_kind(self.highlight_kind, QRectF(0.0, 0.0, self._width, self._height))
        for i, port in enumerate(self._input_items):
            port.setPos(-half, top + i * style.ROW_HEIGHT + style.ROW_HEIGHT / 2 - half)
        for i, port in enumerate(self._output_items):
            port.setPos(self._width - half, top + i * style.ROW_HEIGHT + style.ROW_HEIGHT / 2 - half)
        if self._value_tags:
            place_tags(self.value_tags(), self._socket_centres())
        for pipe in self.pipes():  # sockets may have moved (a status strip appeared or went)
            pipe.draw_path()
        self.update()

    def _apply_opacity(self) -> None:
        enabled = self.look is None or self.look.enabled
        self.setOpacity((1.0 if enabled else 0.45) * (DIMMED if self._dimmed else 1.0))

    def set_chain(self, colour: QColor | None, dimmed: bool) -> None:
        """Outlined in a highlighted chain's colour, dimmed outside one, or neither (None, False)."""
        if colour != self.chain_colour or dimmed != self._dimmed:
            self.chain_colour, self._dimmed = colour, dimmed
            self._apply_opacity()
            self.update()

    def set_highlight(self, kind: str | None) -> None:
        """A run's outline (see highlight_ring.py): the card's cached picture is kept."""
        if kind != self.highlight_kind:
            self.highlight_kind = kind
            if self._ring is None:
                if kind is None:
                    return
                self._ring = HighlightRing(self)
            self._ring.show_kind(kind, QRectF(0.0, 0.0, self._width, self._height))

    def _fit_bounds(self) -> None:
        bounds = QRectF(self._shape_rect)
        if bounds != self._bounds:
            self.prepareGeometryChange()
            self._bounds = bounds

    def set_values(self, values: dict[str, dict[str, Any]] | None) -> None:
        """Debugger: the last value of each data socket, tagged beside it ({"in": {name: value}, "out": ...});
        None clears them."""
        for tag in self._value_tags.values():
            tag.setVisible(False)
        for side, by_name in (values or {}).items():
            for name, value in by_name.items():
                tag = self._value_tags.get((side, name))
                if tag is None:
                    tag = self._value_tags[(side, name)] = ValueTag(side, self)
                tag.set_value(name, value)
                tag.setVisible(True)
        shown = self.value_tags()
        place_tags(shown, self._socket_centres())
        self.setZValue(Z_VAL_NODE + (0.5 if shown else 0.0))  # its tags reach over the neighbouring cards

    def value_tags(self) -> dict[tuple[str, str], ValueTag]:
        """The value tags shown now, by (side, socket name)."""
        return {k: t for k, t in self._value_tags.items() if t.isVisible()}

    def _socket_centres(self) -> dict[tuple[str, str], QPointF]:
        centres = {("in", p.name): p.pos() + _SOCKET_CENTER for p in self._input_items}
        centres.update({("out", p.name): p.pos() + _SOCKET_CENTER for p in self._output_items})
        return centres

    # --- events -------------------------------------------------------------------------------
    def mousePressEvent(self, event: Any) -> None:
        """Lets a press on a socket start a connection instead of moving the node."""
        if event.button() == _LEFT_BUTTON and any(
                p.hovered or p.sceneBoundingRect().contains(event.scenePos())
                for p in (*self._input_items, *self._output_items)):
            event.ignore()
            return
        super().mousePressEvent(event)

    # --- painting -----------------------------------------------------------------------------
    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        look = self.look
        rect = QRectF(0.0, 0.0, self._width, self._height)
        selected = self.isSelected()
        outline = self.chain_colour
        if _lod(painter, option) < style.DETAIL_LOD or look is None:
            painter.setPen(_NO_PEN)
            painter.setBrush(style.NODE_BODY)
            painter.drawRect(rect)
            painter.setBrush(self.header)
            painter.drawRect(0.0, 0.0, self._width, style.HEADER_HEIGHT)
            if selected or outline is not None:
                pen = QPen(outline or style.NODE_SELECTED, 3.0)
                pen.setCosmetic(True)
                painter.setPen(pen)
                painter.setBrush(_NO_BRUSH)
                painter.drawRect(rect)
            return
        painter.setRenderHint(_ANTIALIAS, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        self._paint_body(painter, rect, look)
        self._paint_header(painter, look)
        self._paint_labels(painter, look)
        if outline is not None or selected:
            pen = QPen(outline or style.NODE_SELECTED, 2.6 if outline is not None else 1.6)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(-1.5, -1.5, 1.5, 1.5), style.CORNER + 1, style.CORNER + 1)

    def _paint_body(self, painter: QPainter, rect: QRectF, look: NodeLook) -> None:
        pen = QPen(style.PLACEHOLDER_MARK if look.status else style.NODE_BORDER, 1.2)
        if look.status:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(style.NODE_BODY)
        painter.drawRoundedRect(rect, style.CORNER, style.CORNER)

    def _paint_header(self, painter: QPainter, look: NodeLook) -> None:
        w, h = self._width, style.HEADER_HEIGHT
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.header)
        painter.drawRoundedRect(QRectF(0.5, 0.5, w - 1, h), style.CORNER, style.CORNER)
        painter.drawRect(QRectF(0.5, h - style.CORNER, w - 1, style.CORNER))  # square bottom corners
        painter.setFont(style.title_font())
        painter.setPen(style.TEXT if not look.status else style.TEXT_DIM)
        painter.drawText(QRectF(style.PADDING, 0, w - 2 * style.PADDING, h),
                         Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, look.title)
        if look.badge:
            self._paint_badge(painter, look.badge)
        if look.pass_through:
            painter.setPen(QPen(style.TEXT_DIM, 1.2, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(4, h - 2), QPointF(w - 4, h - 2))
        if look.strip:
            painter.setBrush(QColor(70, 50, 20))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawRect(QRectF(0.5, h, w - 1, style.STATUS_HEIGHT))
            painter.setFont(style.small_font())
            painter.setPen(style.PLACEHOLDER_MARK)
            painter.drawText(QRectF(0, h, w, style.STATUS_HEIGHT), Qt.AlignmentFlag.AlignCenter,
                             f"⚠ {look.strip.upper()}")

    def _paint_badge(self, painter: QPainter, badge: str) -> None:
        """A small plug-shaped tag naming the plugin, in the header's right corner."""
        width = style.text_width(badge, "small") + 10
        box = QRectF(self._width - width - 6, 5, width, style.HEADER_HEIGHT - 10)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(0, 0, 0, 110))
        painter.drawRoundedRect(box, 3, 3)
        painter.setFont(style.small_font())
        painter.setPen(QColor(255, 235, 180))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, badge)

    def _paint_labels(self, painter: QPainter, look: NodeLook) -> None:
        for port in (*self._input_items, *self._output_items):
            paint_socket(painter, port.socket, port.pos() + _SOCKET_CENTER, bool(port._pipes), port._hovered)
        painter.setFont(style.label_font())
        painter.setPen(style.TEXT)
        top = style.HEADER_HEIGHT + (style.STATUS_HEIGHT if look.strip else 0.0) + 4
        inner = self._width - 2 * style.PADDING  # layout() made room for the widest label on each side
        for i, socket in enumerate(look.inputs):
            row = QRectF(style.PADDING, top + i * style.ROW_HEIGHT, inner, style.ROW_HEIGHT)
            painter.drawText(row, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, socket.name)
        for i, socket in enumerate(look.outputs):
            row = QRectF(style.PADDING, top + i * style.ROW_HEIGHT, inner, style.ROW_HEIGHT)
            painter.drawText(row, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, socket.name)
