"""The editor's icons: glyphs of Material Design Icons (QtAwesome's "mdi6" font) in the theme's colours.

A font draws crisp at any size and scale, and the set has a glyph for everything an editor shows,
so the editor ships no image files. `icon(name)` gives the editor's own names (`GLYPHS`) or any
QtAwesome name ("mdi6.…", "ph.…" for Phosphor) in the theme's text colour, muted when disabled.

`node_icon()` makes the Toolbox's marks from what a spec says, never from a list of node types:
a tile in the category's header colour (the canvas's), the glyph of the node's kind or of the
spec's own `icon` and, for an optional plugin's nodes, the plug badge.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from editor import qt_binding
from editor.colors import COLORS

#: The editor's icon names -> a glyph, and the palette colour it is drawn in (default: "text").
GLYPHS: dict[str, tuple[str, str]] = {
    "new": ("mdi6.file-outline", "text"),
    "open": ("mdi6.folder-open-outline", "text"),
    "save": ("mdi6.content-save-outline", "text"),
    "undo": ("mdi6.undo", "text"),
    "redo": ("mdi6.redo", "text"),
    "group": ("mdi6.group", "text"),
    "connected": ("mdi6.graph-outline", "text"),
    "align_left": ("mdi6.align-horizontal-left", "text"),
    "align_center": ("mdi6.align-horizontal-center", "text"),
    "align_top": ("mdi6.align-vertical-top", "text"),
    "distribute_h": ("mdi6.distribute-horizontal-center", "text"),
    "distribute_v": ("mdi6.distribute-vertical-center", "text"),
    "frame": ("mdi6.fit-to-screen-outline", "text"),
    "add": ("mdi6.plus", "text"),
    "remove": ("mdi6.close", "text"),
    "rename": ("mdi6.pencil-outline", "text"),
    "delete": ("mdi6.trash-can-outline", "text"),
    "duplicate": ("mdi6.content-duplicate", "text"),
    "run": ("mdi6.play", "ok"),
    "stop": ("mdi6.stop", "error"),
    "step": ("mdi6.step-forward", "accent"),
    "settings": ("mdi6.cog-outline", "text"),
    "plugins": ("mdi6.power-plug-outline", "text"),
    "check": ("mdi6.check-bold", "text"),
    "chevron_down": ("mdi6.chevron-down", "text"),
    "chevron_up": ("mdi6.chevron-up", "text"),
    # the logic tabs' kinds of graph
    "project": ("mdi6.cog-outline", "text"),
    "scene": ("mdi6.image-filter-hdr", "text"),
    "function": ("mdi6.function-variant", "text"),
    "prefab": ("mdi6.cube-outline", "text"),
}

#: Node kinds -> glyphs: an event starts a pulse (bolt), an action passes it on (the pulse
#: triangle of its sockets), a pure node only gives values (the data socket's square).
KIND_GLYPHS: dict[str, str] = {"event": "mdi6.lightning-bolt", "action": "mdi6.play", "pure": "mdi6.square-medium"}
PLUG_GLYPH = "mdi6.power-plug"
_FONTS = ("mdi6", "ph")  # the QtAwesome fonts loaded (loading all of its twelve costs start-up time)


@cache
def _font() -> object:
    """QtAwesome's glyph painter with only our fonts, made on first use (a QApplication must exist)."""
    qt_binding.install_qtpy()
    import qtawesome
    from qtawesome.iconic_font import IconicFont

    return IconicFont(*[font for font in qtawesome._BUNDLED_FONTS if font[0] in _FONTS])


def glyph_name(name: str) -> str:
    """The QtAwesome name of an editor icon name, or `name` itself when it is one ("" if neither)."""
    if name in GLYPHS:
        return GLYPHS[name][0]
    prefix, _, glyph = name.partition(".")
    return name if prefix in _FONTS and glyph in _font().charmap.get(prefix, {}) else ""


def has_icon(name: str) -> bool:
    return bool(name) and bool(glyph_name(name))


@cache
def icon(name: str, color: str = "") -> QIcon:
    """The named icon in `color` (by default the icon's palette colour), with a muted disabled state."""
    glyph = glyph_name(name)
    if not glyph:
        raise KeyError(f"no icon named {name!r} (see editor.icons.GLYPHS)")
    role = GLYPHS[name][1] if name in GLYPHS else "text"
    return _font().icon(glyph, color=color or COLORS[role], color_disabled=COLORS["border"])


def save_png(name: str, path: str, size: int, color: str) -> bool:
    """Writes an icon as a PNG (style sheets can only point at files)."""
    return icon(name, color).pixmap(QSize(size, size)).save(path, "PNG")


@cache
def node_icon(colour: str, kind: str = "", plugin: bool = False, glyph: str = "") -> QIcon:
    """A Toolbox mark: a tile in `colour` with the glyph of the node `kind` (or the icon `glyph`)
    and, for plugin nodes, the plug badge in its corner. No kind and no glyph: a category's tile."""
    result = QIcon()
    for size in (16, 20, 32, 48):
        result.addPixmap(_paint_tile(size, colour, kind, plugin, glyph))
    return result


def _paint_tile(size: int, colour: str, kind: str, plugin: bool, glyph: str) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    unit = size / 24
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    inset = 2.0 if kind or glyph else 5.0  # a category's tile is smaller than its nodes'
    painter.drawRoundedRect(QRectF(inset * unit, inset * unit, (24 - 2 * inset) * unit, (24 - 2 * inset) * unit),
                            5 * unit, 5 * unit)
    name = glyph_name(glyph) if glyph else KIND_GLYPHS.get(kind, "")
    if name:
        shift = -2.0 if plugin else 0.0  # leave the badge's corner to the badge
        _draw_glyph(painter, name, QRectF((3 + shift) * unit, (3 + shift) * unit, 18 * unit, 18 * unit),
                    QColor(255, 255, 255, 235))
    if plugin:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(COLORS["base"]))
        painter.drawEllipse(QPointF(18 * unit, 18 * unit), 6.5 * unit, 6.5 * unit)
        _draw_glyph(painter, PLUG_GLYPH, QRectF(12.5 * unit, 12.5 * unit, 11 * unit, 11 * unit), QColor(255, 235, 180))
    painter.end()
    return pixmap


def _draw_glyph(painter: QPainter, name: str, rect: QRectF, color: QColor) -> None:
    side = max(1, round(rect.width()))
    painter.drawPixmap(rect.topLeft(), _font().icon(name, color=color).pixmap(QSize(side, side)))
