"""What the editor remembers between runs (dock layout, window geometry, recent files, breakpoints).

Stored with QSettings; `PULSE_STUDIO_SETTINGS` (an .ini path) points it elsewhere, which tests
and screenshots use so that they never touch, nor depend on, the user's own layout.
"""

from __future__ import annotations

import hashlib
import json
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

    # --- breakpoints, per project file (a designer's own debugging aid: never in the project file) ------
    def breakpoints(self, project: str | os.PathLike[str]) -> dict[str, str]:
        """The breakpoints kept for this project file: node id -> graph id."""
        try:
            value = json.loads(str(self._qs.value(_breakpoint_key(project), "{}")))
        except ValueError:
            return {}
        return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}

    def set_breakpoints(self, project: str | os.PathLike[str], breakpoints: dict[str, str]) -> None:
        key = _breakpoint_key(project)
        if breakpoints:
            self._qs.setValue(key, json.dumps(breakpoints, sort_keys=True))
        else:
            self._qs.remove(key)

    # --- the Socket.IO Test Server panel ----------------------------------------------------
    def test_server_redis(self) -> str:
        """The Redis URL the Test Server last joined a cluster through ("" for none)."""
        return str(self._qs.value("test_server/redis", "") or "")

    def set_test_server_redis(self, url: str) -> None:
        self._qs.setValue("test_server/redis", url)

    # --- view options -----------------------------------------------------------------------
    def minimap_visible(self) -> bool:
        """View → Minimap, remembered between runs (off until chosen)."""
        return str(self._qs.value("view/minimap", "false")).lower() == "true"

    def set_minimap_visible(self, on: bool) -> None:
        self._qs.setValue("view/minimap", "true" if on else "false")

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


def _breakpoint_key(project: str | os.PathLike[str]) -> str:
    return "breakpoints/" + hashlib.sha1(str(Path(project).resolve()).encode()).hexdigest()[:16]
