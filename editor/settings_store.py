"""What the editor remembers between runs (dock layout, window geometry, recent files).

Stored with QSettings; `PULSE_STUDIO_SETTINGS` (an .ini path) points it elsewhere, which tests
and screenshots use so that they never touch, nor depend on, the user's own layout.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow

MAX_RECENT = 10
_LAYOUT_VERSION = 1  # bump when dock object names change, so that old layouts are ignored


class SettingsStore:
    """A thin, typed front of QSettings for the few things the window keeps."""

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        path = path or os.environ.get("PULSE_STUDIO_SETTINGS")
        if path:
            self._qs = QSettings(str(path), QSettings.Format.IniFormat)
        else:
            self._qs = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "Pulse Studio", "Pulse Studio")

    # --- recent files -----------------------------------------------------------------------
    def recent_files(self) -> list[str]:
        value = self._qs.value("recent_files", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in value or []]

    def add_recent(self, path: str | os.PathLike[str]) -> list[str]:
        text = str(Path(path).resolve())
        files = [text, *[f for f in self.recent_files() if f != text]][:MAX_RECENT]
        self._qs.setValue("recent_files", files)
        return files

    def clear_recent(self) -> None:
        self._qs.setValue("recent_files", [])

    # --- window layout ----------------------------------------------------------------------
    def save_window(self, window: QMainWindow) -> None:
        self._qs.setValue("window/geometry", window.saveGeometry())
        self._qs.setValue("window/state", window.saveState(_LAYOUT_VERSION))
        self._qs.sync()

    def restore_window(self, window: QMainWindow) -> bool:
        """Restores geometry and docks; False when nothing (usable) was stored."""
        geometry, state = self._qs.value("window/geometry"), self._qs.value("window/state")
        if isinstance(geometry, QByteArray):
            window.restoreGeometry(geometry)
        return isinstance(state, QByteArray) and window.restoreState(state, _LAYOUT_VERSION)

    def sync(self) -> None:
        self._qs.sync()
