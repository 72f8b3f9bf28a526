"""Edit ▸ Delete (the Delete key) acts on what has the keyboard focus, as in any desktop tool.

A text field deletes text; a panel that can delete its selected row (a `delete_selected` or
`remove_selected` method on the focused widget or on a parent of it inside the window: the Variables
list, the Explorer, the Events list) deletes that; the canvas deletes its selection. With the focus
on the canvas's tabs (where it rests when the window opens) or nowhere in particular (the window
itself), the canvas is meant. Anything else ignores the key:
Delete typed in the Attribute Editor never takes nodes off the canvas.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from editor.field_keys import is_field

_DELETERS = ("delete_selected", "remove_selected")
_NO_MODIFIER = Qt.KeyboardModifier.NoModifier


def delete_in_focus(window: QWidget, canvas_area: QWidget, delete_on_canvas: Callable[[], None]) -> None:
    """Deletes in the focused widget of `window`; `delete_on_canvas` when the focus is in `canvas_area`
    (the canvases' tabs) or nowhere."""
    focus = QApplication.focusWidget()
    if focus is None or focus is window or focus.window() is not window \
            or focus is canvas_area or canvas_area.isAncestorOf(focus):
        delete_on_canvas()
        return
    if is_field(focus):  # the shortcut took the key from the field: give the field its key back
        QApplication.sendEvent(focus, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Delete, _NO_MODIFIER))
        return
    widget: QWidget | None = focus
    while widget is not None and widget is not window:
        for name in _DELETERS:
            deleter = getattr(widget, name, None)
            if callable(deleter):
                deleter()
                return
        widget = widget.parentWidget()
