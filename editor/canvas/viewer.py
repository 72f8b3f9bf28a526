"""The canvas's QGraphicsView: NodeGraphQt's viewer with our rules, keys and speed-ups.

- Connections are validated while dragging by `link_check` (the Document's rules); a refusal's
  reason is emitted once per hovered socket.
- NodeGraphQt's menus, shortcuts and undo actions are not created (several canvases must not
  fight over Ctrl+Z; the main window owns shortcuts). Delete, Tab, Esc and the context menu
  are signals for the canvas.
- While nodes are dragged, their connections are redrawn once per mouse move (sockets do not
  send scene-position changes: that costs seconds per move at 2,000 nodes).
- A press on a group's title bar or corner handle, a comment or a reroute dot (items with
  `own_mouse`) goes straight to that item (NodeGraphQt's press handling would record the selected
  nodes and report their moves a second time).
- A double-click on a connection, or an Alt+click (press and release in place: Alt+drag still pans),
  asks for a reroute point there (`wire_clicked`).
- A resize keeps the zoom and the centre the user chose (NodeGraphQt zooms with the window).
  `keep_framed(refit)` redoes the opening framing when the viewport is resized while the window is
  still laying itself out (`SETTLE_SECONDS` after the canvas is first shown), unless the user has
  zoomed, panned or clicked by then.
- Zoomed out (below `style.DETAIL_LOD`) node cards and connections are painted directly instead of
  through a device-coordinate pixmap cache: a block costs two rectangles, while filling 2,000 fresh
  pixmaps made the first repaint after a zoom change take twice as long. Every zoom change re-renders
  device caches anyway, so nothing is lost; close up the cache keeps panning and dragging cheap, and
  a repaint during a run (pulses travelling over the wires) copies pixmaps instead of calling each
  wire's Python `paint`, which would take the GIL from the engine's thread once per wire per frame.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import Any

from NodeGraphQt.constants import Z_VAL_NODE
from NodeGraphQt.qgraphics.port import PortItem
from NodeGraphQt.widgets.viewer import NodeViewer
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QContextMenuEvent, QDragEnterEvent, QDropEvent, QKeyEvent, QMouseEvent, QPainter
from PySide6.QtWidgets import QGraphicsItem, QGraphicsView, QToolTip, QWidget

from editor.canvas import style
from editor.canvas.groups import GroupItem
from editor.canvas.items import LinkItem, NodeCardItem
from editor.canvas.reroutes import RerouteDot, wire_at

#: How long after a canvas is first shown its opening framing follows the window's layout.
SETTLE_SECONDS = 1.0

#: Mime type a Toolbox drag carries: the node type id as UTF-8 text.
NODE_TYPE_MIME = "application/x-pulse-studio-node-type"

LinkCheck = Callable[[PortItem, PortItem], "str | None"]

_NO_CACHE = QGraphicsItem.CacheMode.NoCache
_FIT_MARGIN = 2  # QGraphicsView.fitInView's margin on each side, in pixels
_DEVICE_CACHE = QGraphicsItem.CacheMode.DeviceCoordinateCache


class CanvasViewer(NodeViewer):
    """See the module docstring."""

    connection_refused = Signal(str)
    delete_requested = Signal()
    tab_requested = Signal(QPoint)
    context_requested = Signal(object, QPoint)  # node id or None, global position
    node_type_dropped = Signal(str, QPointF)
    group_context_requested = Signal(str, QPoint)  # group id, global position
    escape_pressed = Signal()
    view_changed = Signal()  # every zoom and pan (the minimap follows it)
    view_touched = Signal()  # the user pressed, scrolled or typed on the view
    wire_clicked = Signal(object, QPointF)  # a LinkItem double-clicked (or Alt+clicked), scene point
    reroute_moved = Signal(object, int, object, object)  # LinkItem, point index, old (x, y), new (x, y)
    item_context_requested = Signal(object, QPoint)  # a comment or reroute dot, global position

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, undo_stack=None)  # no undo actions, hence no Ctrl+Z shortcuts here
        self.link_check: LinkCheck = lambda a, b: None
        self.acyclic = False  # our rules decide; NodeGraphQt's check is exponential on diamonds
        self.pipe_collision = False
        self.pipe_slicing = True
        self._last_refusal: str | None = None
        self.drag_refusal: str | None = None  # why the wire being dragged may not end where it is (red)
        self._drag_pipes: list[LinkItem] | None = None
        self._drag_probe: tuple[NodeCardItem, QPointF] | None = None
        self._alt_press: QPoint | None = None
        scene = self.scene()
        scene.background_color = style.BACKGROUND
        scene.grid_color = style.GRID
        scene.setBackgroundBrush(QColor(*style.BACKGROUND))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.cards: Callable[[], Iterable[NodeCardItem]] = lambda: ()
        self._far = False
        self._refit: Callable[[], None] | None = None
        self._shown_at: float | None = None
        self._refit_timer = QTimer(self)
        self._refit_timer.setSingleShot(True)
        self._refit_timer.setInterval(0)
        self._refit_timer.timeout.connect(self._do_refit)
        self._lit_pipes: set[LinkItem] = set()
        self._raised: list[NodeCardItem] = []
        scene.selectionChanged.connect(self.restyle_selection)

    def light_pipe(self, pipe: LinkItem) -> None:
        """Highlights a connection added next to a selected node."""
        self._lit_pipes.add(pipe)
        pipe.highlight()

    def restyle_selection(self) -> None:
        """Highlights the connections of selected nodes and raises them (once per selection change)."""
        selected = [i for i in self.scene().selectedItems() if isinstance(i, NodeCardItem)]
        lit = {p for n in selected for p in n.pipes()}
        for pipe in self._lit_pipes - lit:
            pipe.reset()
        for pipe in lit - self._lit_pipes:
            pipe.highlight()
        self._lit_pipes = lit
        for node in self._raised:
            if node.scene() is not None:
                node.setZValue(Z_VAL_NODE)
        for node in selected:
            node.setZValue(Z_VAL_NODE + 1)
        self._raised = selected

    # --- connection rules --------------------------------------------------------------------
    def _validate_accept_connection(self, from_port: PortItem, to_port: PortItem) -> bool:
        reason = self.link_check(from_port, to_port)
        if reason is not None and reason != self._last_refusal:
            self.connection_refused.emit(reason)
        self._last_refusal = reason
        return reason is None

    def _validate_reject_connection(self, from_port: PortItem, to_port: PortItem) -> bool:
        return False

    def start_live_connection(self, selected_port: PortItem) -> None:
        self._last_refusal = None
        super().start_live_connection(selected_port)
        self._show_refusal(None, None)

    def end_live_connection(self) -> None:
        super().end_live_connection()
        self._show_refusal(None, None)

    def sceneMouseMoveEvent(self, event: Any) -> None:
        """While a wire is dragged over a socket that refuses it: the wire turns red and says why at the cursor."""
        super().sceneMouseMoveEvent(event)
        if self._LIVE_PIPE.isVisible() and self._start_port is not None:
            socket = next((i for i in self.scene().items(event.scenePos()) if isinstance(i, PortItem)), None)
            target = socket if socket is not None and socket is not self._start_port else None
            self._show_refusal(self.link_check(self._start_port, target) if target is not None else None,
                               event.screenPos())

    def _show_refusal(self, reason: str | None, screen_pos: QPoint | None) -> None:
        self.drag_refusal = reason
        colour = style.REFUSED if reason else self._LIVE_PIPE.color
        self._LIVE_PIPE.set_pipe_styling(color=colour, width=3, style=self._LIVE_PIPE.style)
        if reason and screen_pos is not None:
            QToolTip.showText(screen_pos + QPoint(16, 12), f"Cannot connect: {reason}", self)
        elif QToolTip.isVisible():
            QToolTip.hideText()

    def establish_connection(self, start_port: PortItem, end_port: PortItem) -> None:
        """Puts back a connection the drag had lifted (the model still has it): our link item."""
        pipe = LinkItem()
        pipe.setCacheMode(self.card_cache_mode())
        self.scene().addItem(pipe)
        pipe.set_connections(start_port, end_port)
        pipe.set_kind(pipe.output_port.socket)
        pipe.draw_path()
        if start_port.node.isSelected() or end_port.node.isSelected():
            self.light_pipe(pipe)

    # --- dragging nodes and groups -------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._touched()
        self._drag_pipes = None
        self._drag_probe = None
        # NodeGraphQt tracks Alt/Shift from key events, but Qt 6 leaves a modifier key's own flag out of its
        # press event: holding Alt then Shift reads as Alt alone, so Alt+Shift+drag never sliced. The mouse
        # event knows every key held.
        modifiers = event.modifiers()
        self.ALT_state = bool(modifiers & Qt.KeyboardModifier.AltModifier)
        self.SHIFT_state = bool(modifiers & Qt.KeyboardModifier.ShiftModifier)
        alt_click = event.button() == Qt.MouseButton.LeftButton and self.ALT_state and not self.SHIFT_state
        self._alt_press = event.position().toPoint() if alt_click else None  # a click, unless it pans
        if event.button() == Qt.MouseButton.LeftButton and not self._LIVE_PIPE.isVisible() \
                and not self.ALT_state and getattr(self.itemAt(event.position().toPoint()), "own_mouse", False):
            QGraphicsView.mousePressEvent(self, event)  # see the module docstring
            return
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self._wire_gesture(event):
            return
        super().mouseDoubleClickEvent(event)

    def _wire_gesture(self, event: QMouseEvent) -> bool:
        """Reports a click on a connection (not on a node, socket or reroute dot over it)."""
        pos = event.position().toPoint()
        item = self.itemAt(pos)
        while item is not None:
            if isinstance(item, NodeCardItem | RerouteDot):
                return False
            item = item.parentItem()
        point = self.mapToScene(pos)
        pipe = wire_at(self.scene(), point)
        if pipe is None:
            return False
        self.wire_clicked.emit(pipe, point)
        return True

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        dragging = self.LMB_state and not self.ALT_state and not self._rubber_band.isActive \
            and not self._LIVE_PIPE.isVisible()
        if dragging and self._drag_probe is None:
            selected = [i for i in self.scene().selectedItems() if isinstance(i, NodeCardItem)]
            if selected:
                self._drag_probe = (selected[0], selected[0].pos())
                self._drag_pipes = list({id(p): p for n in selected for p in n.pipes()}.values())
        super().mouseMoveEvent(event)
        if dragging and self._drag_probe is not None:
            node, before = self._drag_probe
            if node.pos() != before:
                self._drag_probe = (node, node.pos())
                for pipe in self._drag_pipes or ():
                    pipe.draw_path()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        press, self._alt_press = self._alt_press, None
        if press is not None and (event.position().toPoint() - press).manhattanLength() < 4:
            self._wire_gesture(event)  # Alt+click (Alt+drag pans)
        self._drag_pipes = None
        self._drag_probe = None

    # --- keys, menus, drops --------------------------------------------------------------------
    def focusNextPrevChild(self, next: bool) -> bool:
        return False  # Tab opens the node search instead of moving the focus

    def wheelEvent(self, event: Any) -> None:
        self._touched()
        super().wheelEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self._touched()
        key = event.key()
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not self._LIVE_PIPE.isVisible():
            self.delete_requested.emit()
            return
        if key == Qt.Key.Key_Tab and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self.tab_requested.emit(self.mapFromGlobal(self.cursor().pos()))
            return
        if key == Qt.Key.Key_Escape and not self._LIVE_PIPE.isVisible():
            self.escape_pressed.emit()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        self.RMB_state = False
        item = self.itemAt(event.pos())
        if isinstance(item, GroupItem):
            self.group_context_requested.emit(item.group_id, event.globalPos())
            return
        if getattr(item, "own_mouse", False):
            self.item_context_requested.emit(item, event.globalPos())
            return
        while item is not None and not isinstance(item, NodeCardItem):
            item = item.parentItem()
        self.context_requested.emit(item.model_id if item is not None else None, event.globalPos())

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(NODE_TYPE_MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: Any) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        mime = event.mimeData()
        if not mime.hasFormat(NODE_TYPE_MIME):
            event.ignore()
            return
        type_id = bytes(mime.data(NODE_TYPE_MIME).data()).decode("utf-8")
        event.acceptProposedAction()
        self.node_type_dropped.emit(type_id, self.mapToScene(event.position().toPoint()))

    # --- framing and zoom ----------------------------------------------------------------------
    def _update_scene(self) -> None:
        """Every zoom and pan of NodeGraphQt's viewer ends here: switch the cards' caching at the threshold."""
        super()._update_scene()
        self.view_changed.emit()
        far = self.transform().m11() < style.DETAIL_LOD
        if far != self.__dict__.get("_far", far):  # NodeViewer.__init__ calls this before ours has run
            self._far = far
            self.setRenderHint(QPainter.RenderHint.Antialiasing, not far)  # items switch it on close up
            mode = self.card_cache_mode()
            for card in self.cards():
                card.setCacheMode(mode)  # NoCache <-> DeviceCoordinateCache schedules no repaint of its own
                for pipe in card.outgoing_pipes():  # each connection once, not from both of its ends
                    pipe.setCacheMode(mode)

    def keep_framed(self, refit: Callable[[], None] | None) -> None:
        """Redoes `refit` after viewport resizes while the window settles (None: stop now)."""
        self._refit = refit

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._shown_at is None:
            self._shown_at = time.monotonic()

    def resizeEvent(self, event: Any) -> None:
        scale, centre = self.scale_factor(), self._scene_range.center()
        QGraphicsView.resizeEvent(self, event)
        self._last_size = self.size()
        if scale > 0 and not self.viewport().rect().isEmpty():
            self.set_scale(scale, centre)  # the view the user chose stays put
        settling = self._shown_at is None or time.monotonic() - self._shown_at < SETTLE_SECONDS
        if self._refit is not None and settling:
            self._refit_timer.start()  # once the layout has settled: resizes come in bursts

    def _do_refit(self) -> None:
        if self._refit is not None:
            self._refit()

    def _touched(self) -> None:
        self._refit = None
        self.view_touched.emit()

    def card_cache_mode(self) -> QGraphicsItem.CacheMode:
        """How node cards and connections are cached at the current zoom (see the module docstring)."""
        return _NO_CACHE if self._far else _DEVICE_CACHE

    def frame_rect(self, rect: QRectF, max_scale: float = 1.0) -> None:
        """Shows `rect` whole (with a margin), never zoomed in beyond `max_scale`."""
        if rect.isNull():
            return
        rect = rect.adjusted(-60, -60, 60, 60)
        self._scene_range = rect
        self._update_scene()
        if self.transform().m11() > max_scale:
            self.set_scale(max_scale, rect.center())

    def set_scale(self, scale: float, center: QPointF | None = None) -> None:
        """Sets an absolute zoom factor (1.0 = 100 %) around `center` (default: the view centre)."""
        center = center or self._scene_range.center()
        margin = 2 * _FIT_MARGIN  # fitInView keeps this many pixels free: leave it out, or the zoom drifts
        width, height = (self.viewport().width() - margin) / scale, (self.viewport().height() - margin) / scale
        self._scene_range = QRectF(center.x() - width / 2, center.y() - height / 2, width, height)
        self._update_scene()

    def scale_factor(self) -> float:
        return self.transform().m11()
