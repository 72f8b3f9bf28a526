"""Undo and Redo keys typed in a field of the main window mean the document's undo.

Qt's text fields claim Ctrl+Z / Ctrl+Y for their own text undo, so a field would undo keystrokes
the document never saw while the node keeps its value. This filter lets those keys through to the
window's Undo/Redo actions instead; they first commit the field's pending text (one undoable step,
as Enter or leaving the field would), so Ctrl+Z in a field undoes exactly what the field changed.
Fields in dialogs (other windows) keep their own text undo.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

_FIELDS = (QLineEdit, QAbstractSpinBox, QPlainTextEdit, QTextEdit, QComboBox)
_KEYS = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)


def is_field(widget: QWidget | None) -> bool:
    return isinstance(widget, _FIELDS)


def is_undo_key(event: QKeyEvent) -> bool:
    return any(event.matches(key) for key in _KEYS) or redo_shortcuts_match(event)


def redo_shortcuts() -> list[QKeySequence]:
    """Every platform binding of Redo, with Ctrl+Y and Ctrl+Shift+Z always among them (X11's
    scheme leaves Ctrl+Y out, yet designers on Linux and Windows press it)."""
    keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
    for extra in ("Ctrl+Y", "Ctrl+Shift+Z"):
        if QKeySequence(extra) not in keys:
            keys.append(QKeySequence(extra))
    return keys


def redo_shortcuts_match(event: QKeyEvent) -> bool:
    pressed = QKeySequence(event.keyCombination())
    return any(pressed.matches(k) == QKeySequence.SequenceMatch.ExactMatch for k in redo_shortcuts())


_ROUTED = "pulse_document_undo_keys"  # the dynamic property that marks a window whose fields route the keys


class _UndoKeyFilter(QObject):
    """Put on a field of a routed window when it takes the focus (an application-wide filter would
    run Python for every event of the application)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != _SHORTCUT_OVERRIDE:
            return False
        assert isinstance(watched, QWidget) and isinstance(event, QKeyEvent)
        # Not accepting the override (and eating it) hands the key to the window's shortcut.
        return bool(watched.window().property(_ROUTED)) and is_undo_key(event)


_SHORTCUT_OVERRIDE = QEvent.Type.ShortcutOverride
_filter: _UndoKeyFilter | None = None


def route_undo_keys(window: QWidget) -> None:
    """Undo/Redo keys typed in `window`'s fields go to the window's Undo/Redo actions."""
    global _filter
    window.setProperty(_ROUTED, True)
    if _filter is None:
        _filter = _UndoKeyFilter()
        QApplication.instance().focusChanged.connect(_on_focus)


def _on_focus(_old: QWidget | None, new: QWidget | None) -> None:
    if _filter is not None and is_field(new) and new.window().property(_ROUTED):  # type: ignore[union-attr]
        new.installEventFilter(_filter)  # type: ignore[union-attr]  # again is harmless: it stays one filter


def commit_focused_field(window: QWidget) -> None:
    """Makes the focused field of `window` commit what it holds (as leaving it would), keeping the focus."""
    focus = QApplication.focusWidget()
    if focus is None or focus.window() is not window or not is_field(focus):
        return
    focus.clearFocus()  # focus-out: the field's editingFinished / commit runs now
    focus.setFocus()
