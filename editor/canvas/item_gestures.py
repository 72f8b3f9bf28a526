"""What the canvas's own-mouse items (groups, comments, reroute dots) do alike on a press, a hover
over their resize corner, and in drawing that corner."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsItem, QGraphicsSceneHoverEvent, QGraphicsSceneMouseEvent

_LEFT = Qt.MouseButton.LeftButton
_CTRL = Qt.KeyboardModifier.ControlModifier


def select_on_press(item: QGraphicsItem, event: QGraphicsSceneMouseEvent) -> bool:
    """A left press selects `item` alone (Ctrl+press toggles it); other buttons are ignored (False)."""
    if event.button() != _LEFT:
        event.ignore()
        return False
    if event.modifiers() & _CTRL:
        item.setSelected(not item.isSelected())
    elif not item.isSelected():
        item.scene().clearSelection()
        item.setSelected(True)
    return True


def corner_cursor(item: QGraphicsItem, handle: QRectF, event: QGraphicsSceneHoverEvent) -> None:
    """The resize cursor over the corner `handle`, the move cursor elsewhere."""
    on_handle = handle.contains(event.pos())
    item.setCursor(Qt.CursorShape.SizeFDiagCursor if on_handle else Qt.CursorShape.SizeAllCursor)


def draw_grip(painter: QPainter, width: float, height: float, steps: tuple[float, ...]) -> None:
    """Short diagonals in the bottom-right corner (the pen is the caller's)."""
    for step in steps:
        painter.drawLine(QPointF(width - step, height - 3.0), QPointF(width - 3.0, height - step))
