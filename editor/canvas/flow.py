"""Pulses travelling along connections while the project runs.

A lit wire is drawn by its own `LinkItem` in its "flow" colour (it is painted anyway), and one
overlay item paints every travelling dot, so a busy graph costs one Python paint call per
repaint, not one per wire. (Measured with bench/editor_run.py: stroking a glow along 50 wires at
60 frames/s took 0.1x of the engine's pulse rate on a 2-core machine; recolouring costs nothing.)

It is bounded: at most `MAX_FLASHES` at once, only wires in view, and a wire that is
still flashing is not restarted until its dot is well on its way; when more wires ask than there
is room for, each request starts at a different place in the list, so every wire gets its turn.
The animation timer runs only while something is lit.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Container, Iterable

from PySide6.QtCore import QObject, QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QStyleOptionGraphicsItem, QWidget

from editor.canvas import style
from editor.canvas.items import LinkItem, NodeCardItem

DURATION = 0.45  # seconds a flash lasts (the dot's trip)
RESTART_AFTER = 0.6  # a wire flashing again before this share of DURATION keeps its current dot
MAX_FLASHES = 64
FRAME_MS = 33
FLOW_Z = -0.5  # above connections (-1), below nodes
DOT_PX = 3.0

GLOW = style.HIGHLIGHTS["running"]
# The colours of a dot, made once (no allocation per pulse or per frame).
_DOT_HALO = QColor(GLOW.red(), GLOW.green(), GLOW.blue(), 120)
_DOT = QColor(235, 255, 240)
_NO_PEN = QPen(Qt.PenStyle.NoPen)


def pulse_wires_between(cards: Iterable[NodeCardItem], recent: Container[str]) -> list[LinkItem]:
    """The pulse wires joining one of `cards` to a node whose id is in `recent`, in either direction.

    The run report says which nodes ran, not which output each fired: a wire whose both ends ran
    within a moment is the way the pulse went (the taken side of a Branch, say).
    """
    wires = []
    for card in cards:
        for pipe in card.pipes():
            far_end = pipe.input_port if pipe.output_port.node is card else pipe.output_port
            if pipe.pulse and far_end.node.model_id in recent:
                wires.append(pipe)
    return wires


def _ease(t: float) -> float:
    """Quick start, soft arrival: reads as a pulse being sent."""
    return 1.0 - (1.0 - t) ** 2


def _point_along(path: QPainterPath) -> Callable[[float], QPointF]:
    """Where a dot is at `t` (0..1) along `path`. A connection is one cubic curve, evaluated here in
    Python: `QPainterPath.pointAtPercent` measures the curve's length on every call and lets go of the
    GIL, which a busy engine thread then keeps for a while, once per dot per frame."""
    if path.elementCount() != 4:
        return path.pointAtPercent
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = ((e.x, e.y) for e in map(path.elementAt, range(4)))

    def at(t: float) -> QPointF:
        u = 1.0 - t
        a, b, c, d = u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t
        return QPointF(a * x0 + b * x1 + c * x2 + d * x3, a * y0 + b * y1 + c * y2 + d * y3)

    return at


class FlowOverlay(QGraphicsItem):
    """Paints the current flashes; takes no mouse (its shape is empty).

    `compose` (at most ~30 times a second) merges the dots into two paths (halos and cores). A
    repaint then costs a few painter calls however many wires are lit, and a view repainting at
    60 Hz composes nothing.
    """

    def __init__(self) -> None:
        super().__init__()
        self.setZValue(FLOW_Z)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.flashes: dict[LinkItem, tuple[float, QPainterPath, Callable[[float], QPointF]]] = {}
        # wire -> (start time, its path, where its dot is at t)
        self.now = time.monotonic()
        self._bounds = QRectF()
        self._halos = QPainterPath()
        self._dots = QPainterPath()
        self.dots: dict[LinkItem, QPointF] = {}  # where each wire's dot is drawn in this frame

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        return QPainterPath()

    def progress(self, pipe: LinkItem) -> float | None:
        """How far the dot on `pipe` has travelled (0..1), None when it is not lit."""
        flash = self.flashes.get(pipe)
        return None if flash is None else min(max((self.now - flash[0]) / DURATION, 0.0), 1.0)

    def compose(self, now: float) -> None:
        """Builds the paths of the frame at time `now` (dots sized for the view's current zoom)."""
        self.now = now
        views = self.scene().views() if self.scene() is not None else []
        radius = DOT_PX / max(views[0].transform().m11() if views else 1.0, 0.01)
        halos, dots = QPainterPath(), QPainterPath()
        halos.setFillRule(Qt.FillRule.WindingFill)
        dots.setFillRule(Qt.FillRule.WindingFill)
        bounds = QRectF()
        self.dots = {}
        for pipe, (started, path, point_at) in self.flashes.items():
            t = min(max((now - started) / DURATION, 0.0), 1.0)
            self.dots[pipe] = point = point_at(_ease(t))
            halos.addEllipse(point, radius * 1.7, radius * 1.7)
            dots.addEllipse(point, radius, radius)
            bounds = bounds.united(path.boundingRect())
        self._halos, self._dots = halos, dots
        margin = radius * 2.0 + 6.0
        bounds = bounds.adjusted(-margin, -margin, margin, margin) if not bounds.isNull() else bounds
        if bounds != self._bounds:
            self.prepareGeometryChange()
            self._bounds = bounds
        self.update()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(_NO_PEN)
        painter.setBrush(_DOT_HALO)
        painter.drawPath(self._halos)
        painter.setBrush(_DOT)
        painter.drawPath(self._dots)


class FlowDisplay(QObject):
    """Starts flashes on wires and animates them at ~30 Hz while any is lit."""

    def __init__(self, scene: QGraphicsScene, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.overlay = FlowOverlay()
        scene.addItem(self.overlay)
        self._timer = QTimer(self)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self._tick)
        self._turn = 0

    def flash(self, pipes: Iterable[LinkItem], visible: QRectF) -> int:
        """Lights these pulse wires (those in `visible`, up to the cap); returns how many started."""
        overlay = self.overlay
        now = time.monotonic()
        started = 0
        pipes = list(pipes)
        if pipes:
            self._turn = (self._turn + 7) % len(pipes)  # round robin when the cap is reached
            pipes = pipes[self._turn:] + pipes[:self._turn]
        for pipe in pipes:
            if not pipe.pulse or pipe.scene() is None:
                continue
            flash = overlay.flashes.get(pipe)
            if flash is not None and now - flash[0] < DURATION * RESTART_AFTER:
                continue
            if flash is None and (len(overlay.flashes) >= MAX_FLASHES
                                  or not visible.intersects(pipe.sceneBoundingRect())):
                continue
            path = pipe.path()
            overlay.flashes[pipe] = (now, path, _point_along(path))
            pipe.set_flowing(True)
            started += 1
        if started:
            overlay.compose(now)
            if not self._timer.isActive():
                self._timer.start()
        return started

    def lit(self) -> list[LinkItem]:
        """The wires lit now (tests, tools)."""
        return list(self.overlay.flashes)

    def _tick(self) -> None:
        overlay = self.overlay
        now = time.monotonic()
        ended = [p for p, (begun, *_) in overlay.flashes.items() if now - begun >= DURATION or p.scene() is None]
        for pipe in ended:
            del overlay.flashes[pipe]
            pipe.set_flowing(False)
        overlay.compose(now)  # also repaints where the flashes that ended were
        if not overlay.flashes:
            self._timer.stop()
