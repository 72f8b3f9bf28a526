"""Nodes on the system clipboard: our JSON under our own mime type, and as text for other programs."""

from __future__ import annotations

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication

from editor.document import CLIPBOARD_MIME


def put(payload: str) -> None:
    mime = QMimeData()
    mime.setData(CLIPBOARD_MIME, payload.encode("utf-8"))
    mime.setText(payload)
    QGuiApplication.clipboard().setMimeData(mime)


def get() -> str | None:
    """The clipboard's nodes payload: our mime type first, else text that looks like our JSON."""
    mime = QGuiApplication.clipboard().mimeData()
    if mime is None:
        return None
    if mime.hasFormat(CLIPBOARD_MIME):
        return bytes(mime.data(CLIPBOARD_MIME).data()).decode("utf-8")
    text = mime.text() if mime.hasText() else ""
    return text if '"pulse-studio"' in text else None


def release() -> None:
    """Clears the clipboard if it holds our data, before the application object goes.

    Qt's offscreen clipboard (and others) crash at exit when they still own mime data that
    Python created; a designer's nodes cannot be pasted into another program anyway.
    """
    clipboard = QGuiApplication.clipboard()
    mime = clipboard.mimeData()
    if mime is not None and mime.hasFormat(CLIPBOARD_MIME):
        clipboard.clear()
