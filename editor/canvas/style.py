"""Colours, sizes and fonts of the canvas, in one place so that every item draws alike.

Category colours are derived from the registry (order of first appearance), so that a new
plugin's categories get colours without anyone listing them here.
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtGui import QColor, QFont, QFontInfo, QFontMetricsF

from runtime.registry import Registry
from runtime.types import DataType

BACKGROUND = (30, 31, 34)
GRID = (40, 42, 46)
NODE_BODY = QColor(44, 46, 52, 245)
NODE_BORDER = QColor(20, 21, 24)
NODE_SELECTED = QColor(255, 196, 64)
TEXT = QColor(226, 228, 232)
TEXT_DIM = QColor(150, 154, 162)
PLACEHOLDER_HEADER = QColor(88, 90, 96)
PLACEHOLDER_MARK = QColor(255, 170, 60)
PULSE = QColor(245, 245, 245)

#: One colour per data type: the socket squares and the data connections.
DATA_TYPE_COLOURS: dict[DataType, QColor] = {
    DataType.BOOL: QColor(220, 70, 70),
    DataType.INT: QColor(64, 200, 170),
    DataType.FLOAT: QColor(120, 200, 80),
    DataType.STRING: QColor(236, 110, 200),
    DataType.ARRAY: QColor(250, 170, 50),
    DataType.DICTIONARY: QColor(90, 150, 255),
    DataType.ANY: QColor(170, 170, 180),
}

#: A wire dragged over a socket that refuses it (r, g, b).
REFUSED = (235, 70, 70)

#: Debugger highlight kinds -> outline colour.
HIGHLIGHTS: dict[str, QColor] = {
    "running": QColor(80, 220, 120),
    "paused": QColor(255, 210, 60),
    "error": QColor(255, 70, 70),
    "breakpoint": QColor(230, 60, 90),
}

_HEADER_PALETTE = (
    (196, 84, 60), (62, 128, 196), (90, 160, 90), (150, 96, 190), (200, 150, 50), (60, 160, 170),
    (190, 80, 130), (110, 120, 200), (150, 120, 80), (80, 150, 130), (170, 110, 60), (120, 90, 150),
)

HEADER_HEIGHT = 24.0
ROW_HEIGHT = 20.0
SOCKET_SIZE = 11.0
MIN_WIDTH = 140.0
PADDING = 12.0
CORNER = 5.0
STATUS_HEIGHT = 16.0
#: Below this zoom level nodes are drawn as plain blocks (no text): fast zoomed-out repaints.
DETAIL_LOD = 0.33


def data_colour(data_type: DataType | None) -> QColor:
    return DATA_TYPE_COLOURS.get(data_type or DataType.ANY, DATA_TYPE_COLOURS[DataType.ANY])


@lru_cache(maxsize=8)
def _category_colours(registry_id: int, categories: tuple[str, ...]) -> dict[str, QColor]:
    return {c: QColor(*_HEADER_PALETTE[i % len(_HEADER_PALETTE)]) for i, c in enumerate(categories)}


_CATEGORIES: dict[tuple[int, int], tuple[str, ...]] = {}


def category_colour(registry: Registry, category: str) -> QColor:
    """The header colour of a top-level category: distinct per category, stable for a registry."""
    key = (id(registry), len(registry.specs))
    categories = _CATEGORIES.get(key)
    if categories is None:
        categories = tuple(dict.fromkeys(s.category[0] for s in registry.specs.values() if s.category))
        _CATEGORIES[key] = categories
    return _category_colours(id(registry), categories).get(category, PLACEHOLDER_HEADER)


@lru_cache(maxsize=8)
def _font(points: float, bold: bool) -> QFont:
    font = QFont()
    font.setPointSizeF(points)
    font.setBold(bold)
    return font


def title_font() -> QFont:
    return _font(9.5, True)


def label_font() -> QFont:
    return _font(8.5, False)


def label_pixel_size() -> float:
    """How tall a socket label's letters are at 100 % zoom, in pixels (its em size on this screen)."""
    return QFontInfo(label_font()).pixelSize() or label_font().pointSizeF() * 96 / 72


def small_font() -> QFont:
    return _font(7.5, True)


@lru_cache(maxsize=4)
def _metrics(which: str) -> QFontMetricsF:
    return QFontMetricsF({"title": title_font, "label": label_font, "small": small_font}[which]())


@lru_cache(maxsize=8192)
def text_width(text: str, which: str) -> float:
    """Width of `text` in one of the canvas fonts ("title", "label", "small"), cached: labels repeat."""
    return _metrics(which).horizontalAdvance(text)
