"""Line icons drawn with QPainter, so the editor ships no image files and icons follow the theme.

Each icon is a function painting into a 24×24 box with the current pen; `icon(name)` caches the
result. Shapes stay simple on purpose: they must read well at 16-20 px.

`node_icon()` makes the Toolbox's marks from what a spec says, never from a list of node types:
a tile in the category's header colour (the canvas's), a glyph for the node's kind and, for a
plugin's nodes, the plug badge.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

from editor.colors import COLORS

Painter = Callable[[QPainter], None]
_ICONS: dict[str, Painter] = {}


def _register(name: str) -> Callable[[Painter], Painter]:
    def wrap(func: Painter) -> Painter:
        _ICONS[name] = func
        return func

    return wrap


def _lines(p: QPainter, *points: tuple[float, float]) -> None:
    path = QPainterPath(QPointF(*points[0]))
    for point in points[1:]:
        path.lineTo(QPointF(*point))
    p.drawPath(path)


@_register("new")
def _new(p: QPainter) -> None:
    _lines(p, (14, 3), (6, 3), (6, 21), (18, 21), (18, 7), (14, 3), (14, 7), (18, 7))


@_register("open")
def _open(p: QPainter) -> None:
    _lines(p, (3, 19), (3, 5), (9, 5), (11, 7), (19, 7), (19, 10))
    _lines(p, (3, 19), (6, 10), (22, 10), (19, 19), (3, 19))


@_register("save")
def _save(p: QPainter) -> None:
    _lines(p, (4, 4), (17, 4), (20, 7), (20, 20), (4, 20), (4, 4))
    p.drawRect(QRectF(8, 4, 7, 5))
    p.drawRect(QRectF(7, 13, 10, 7))


@_register("undo")
def _undo(p: QPainter) -> None:
    path = QPainterPath(QPointF(5, 10))
    path.cubicTo(QPointF(10, 5), QPointF(20, 6), QPointF(19, 16))
    p.drawPath(path)
    _lines(p, (5, 4), (5, 10), (11, 10))


@_register("redo")
def _redo(p: QPainter) -> None:
    path = QPainterPath(QPointF(19, 10))
    path.cubicTo(QPointF(14, 5), QPointF(4, 6), QPointF(5, 16))
    p.drawPath(path)
    _lines(p, (19, 4), (19, 10), (13, 10))


@_register("group")
def _group(p: QPainter) -> None:
    p.drawRoundedRect(QRectF(3, 3, 18, 18), 2, 2)
    _lines(p, (3, 8), (21, 8))
    p.drawRect(QRectF(6, 11, 5, 4))
    p.drawRect(QRectF(13, 14, 5, 4))


@_register("connected")
def _connected(p: QPainter) -> None:
    p.drawEllipse(QRectF(2, 9, 6, 6))
    p.drawEllipse(QRectF(16, 3, 6, 6))
    p.drawEllipse(QRectF(16, 15, 6, 6))
    _lines(p, (8, 12), (12, 12), (16, 6))
    _lines(p, (12, 12), (16, 18))


@_register("align_left")
def _align_left(p: QPainter) -> None:
    _lines(p, (4, 3), (4, 21))
    p.drawRect(QRectF(7, 6, 13, 4))
    p.drawRect(QRectF(7, 14, 8, 4))


@_register("align_center")
def _align_center(p: QPainter) -> None:
    _lines(p, (12, 3), (12, 21))
    p.drawRect(QRectF(5, 6, 14, 4))
    p.drawRect(QRectF(8, 14, 8, 4))


@_register("align_top")
def _align_top(p: QPainter) -> None:
    _lines(p, (3, 4), (21, 4))
    p.drawRect(QRectF(6, 7, 4, 13))
    p.drawRect(QRectF(14, 7, 4, 8))


@_register("distribute_h")
def _distribute_h(p: QPainter) -> None:
    _lines(p, (3, 3), (3, 21))
    _lines(p, (21, 3), (21, 21))
    p.drawRect(QRectF(6, 8, 4, 8))
    p.drawRect(QRectF(14, 8, 4, 8))


@_register("distribute_v")
def _distribute_v(p: QPainter) -> None:
    _lines(p, (3, 3), (21, 3))
    _lines(p, (3, 21), (21, 21))
    p.drawRect(QRectF(8, 6, 8, 4))
    p.drawRect(QRectF(8, 14, 8, 4))


@_register("frame")
def _frame(p: QPainter) -> None:
    for a, b, c in (((3, 8), (3, 3), (8, 3)), ((16, 3), (21, 3), (21, 8)),
                    ((21, 16), (21, 21), (16, 21)), ((8, 21), (3, 21), (3, 16))):
        _lines(p, a, b, c)
    p.drawRect(QRectF(8, 8, 8, 8))


@_register("add")
def _add(p: QPainter) -> None:
    _lines(p, (12, 5), (12, 19))
    _lines(p, (5, 12), (19, 12))


@_register("remove")
def _remove(p: QPainter) -> None:
    _lines(p, (6, 6), (18, 18))
    _lines(p, (18, 6), (6, 18))


@_register("rename")
def _rename(p: QPainter) -> None:
    _lines(p, (5, 19), (6, 15), (16, 5), (19, 8), (9, 18), (5, 19))


@_register("delete")
def _delete(p: QPainter) -> None:
    _lines(p, (4, 6), (20, 6))
    _lines(p, (9, 6), (10, 3), (14, 3), (15, 6))
    _lines(p, (6, 6), (7, 21), (17, 21), (18, 6))


@_register("duplicate")
def _duplicate(p: QPainter) -> None:
    p.drawRect(QRectF(4, 4, 11, 11))
    p.drawRect(QRectF(9, 9, 11, 11))


@_register("run")
def _run(p: QPainter) -> None:
    _lines(p, (7, 4), (19, 12), (7, 20), (7, 4))


@_register("stop")
def _stop(p: QPainter) -> None:
    p.drawRect(QRectF(6, 6, 12, 12))


@_register("settings")
def _settings(p: QPainter) -> None:
    p.drawEllipse(QRectF(8, 8, 8, 8))
    for a, b in (((12, 2), (12, 6)), ((12, 18), (12, 22)), ((2, 12), (6, 12)), ((18, 12), (22, 12)),
                 ((5, 5), (8, 8)), ((16, 16), (19, 19)), ((5, 19), (8, 16)), ((16, 8), (19, 5))):
        _lines(p, a, b)


@_register("plugins")
def _plugins(p: QPainter) -> None:
    _lines(p, (9, 3), (9, 8))
    _lines(p, (15, 3), (15, 8))
    p.drawRoundedRect(QRectF(6, 8, 12, 7), 2, 2)
    _lines(p, (12, 15), (12, 21))


@_register("check")
def _check(p: QPainter) -> None:
    _lines(p, (5, 12.5), (10, 17.5), (19, 7))


@_register("chevron_down")
def _chevron_down(p: QPainter) -> None:
    _lines(p, (6, 9), (12, 15), (18, 9))


@_register("chevron_up")
def _chevron_up(p: QPainter) -> None:
    _lines(p, (6, 15), (12, 9), (18, 15))


@_register("step")
def _step(p: QPainter) -> None:
    _lines(p, (5, 5), (13, 12), (5, 19), (5, 5))
    _lines(p, (17, 5), (17, 19))


#: Node kinds -> filled glyphs: an event starts a pulse (bolt), an action passes it on (the pulse
#: triangle of its sockets), a pure node only gives values (the data socket's square).
_KIND_GLYPHS: dict[str, list[tuple[float, float]]] = {
    "event": [(13.5, 3), (6, 13.5), (11.5, 13.5), (10, 21), (18, 10), (12.5, 10), (13.5, 3)],
    "action": [(8, 6), (18, 12), (8, 18)],
    "pure": [(8, 8), (16, 8), (16, 16), (8, 16)],
}


def has_icon(name: str) -> bool:
    return name in _ICONS


@cache
def node_icon(colour: str, kind: str = "", plugin: bool = False, glyph: str = "") -> QIcon:
    """A Toolbox mark: a tile in `colour` with the glyph of the node `kind` (or the line icon `glyph`)
    and, for plugin nodes, the plug badge in its corner. No kind and no glyph: a category's tile."""
    result = QIcon()
    for size in (16, 20, 32):
        result.addPixmap(_paint_tile(size, colour, kind, plugin, glyph))
    return result


def _paint_tile(size: int, colour: str, kind: str, plugin: bool, glyph: str) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(size / 24, size / 24)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    inset = 2.0 if kind or glyph else 5.0  # a category's tile is smaller than its nodes'
    painter.drawRoundedRect(QRectF(inset, inset, 24 - 2 * inset, 24 - 2 * inset), 5, 5)
    painter.setBrush(QColor(255, 255, 255, 235))
    if glyph and glyph in _ICONS:
        pen = QPen(QColor(255, 255, 255), 2.2)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        _ICONS[glyph](painter)
    elif kind in _KIND_GLYPHS:
        shift = -2.0 if plugin else 0.0  # leave the badge's corner to the badge
        painter.drawPolygon([QPointF(x + shift, y + shift) for x, y in _KIND_GLYPHS[kind]])
    if plugin:
        _paint_plug_badge(painter)
    painter.end()
    return pixmap


def _paint_plug_badge(p: QPainter) -> None:
    """The plug of the Plugins Editor, filled (strokes blur at 16 px), on a dark disc in the corner."""
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor(COLORS["base"]))
    p.drawEllipse(QPointF(18, 18), 6.5, 6.5)
    p.setBrush(QColor(255, 235, 180))
    for rect in ((14.5, 15.5, 7, 4.5), (15.2, 12.5, 1.6, 3.5), (19.2, 12.5, 1.6, 3.5), (17.2, 19.5, 1.6, 3.5)):
        p.drawRect(QRectF(*rect))


@cache
def icon(name: str, color: str = "") -> QIcon:
    """The named icon in `color` (the theme's text colour by default), with a muted disabled state."""
    result = QIcon()
    for mode, key in ((QIcon.Mode.Normal, color or COLORS["text"]), (QIcon.Mode.Disabled, COLORS["border"])):
        for size in (16, 24, 32):
            result.addPixmap(_paint(name, size, key), mode)
    return result


def save_png(name: str, path: str, size: int, color: str, width: float = 1.6) -> bool:
    """Writes an icon as a PNG (style sheets can only point at files)."""
    return _paint(name, size, color, width).save(path, "PNG")


def _paint(name: str, size: int, color: str, width: float = 1.6) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(size / 24, size / 24)
    pen = QPen(QColor(color), width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    _ICONS[name](painter)
    painter.end()
    return pixmap
