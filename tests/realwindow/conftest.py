"""The real-window tests: the editor on Qt's xcb platform, on an X server pytest-xvfb starts (Xvfb).

`make test` runs this folder on its own (`QT_QPA_PLATFORM=xcb`) when Xvfb is installed and says so when it
is not; the offscreen run leaves it out (tests/conftest.py). Drags go through the X server with xdotool
(real pointer events: a QDrag on xcb only follows those), clicks and keys through Qt's test events.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from editor.document import Document
from editor.main_window import MainWindow, default_canvas_factory
from editor.platform_check import xcb_problem
from editor.settings_store import SettingsStore

EXAMPLES = Path(__file__).resolve().parents[2] / "assets" / "examples"


def pytest_collection_modifyitems(config, items):
    """Without an X server (no Xvfb) nothing here can run: one clear failure, not a crash inside Qt."""
    if os.environ.get("QT_QPA_PLATFORM") != "xcb":
        raise pytest.UsageError("tests/realwindow runs on the xcb platform: QT_QPA_PLATFORM=xcb (see make test)")
    problem = xcb_problem()
    if problem:
        raise pytest.UsageError(problem)


@pytest.fixture(scope="session", autouse=True)
def _on_xcb(qapp):
    assert QGuiApplication.platformName() == "xcb"


@pytest.fixture
def make_window(qtbot, tmp_path):
    """A main window with the real canvas at the screen's top-left corner (no window manager on Xvfb)."""

    def make(document: Document | None = None) -> MainWindow:
        window = MainWindow(document or Document(), settings=SettingsStore(tmp_path / "settings.ini"),
                            canvas_factory=default_canvas_factory, restore_layout=False)
        qtbot.addWidget(window, before_close_func=lambda w: w.document and w.document.undo_stack.setClean())
        window.setGeometry(0, 0, 1400, 900)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        return window

    return make


@pytest.fixture
def no_modal_boxes(monkeypatch) -> list[str]:
    """Static message boxes answered at once (a real one would block the test), recorded for asserts."""
    shown: list[str] = []

    def box(*args: Any, **_kwargs: Any) -> QMessageBox.StandardButton:
        shown.append(str(args[1]))
        return QMessageBox.StandardButton.Ok

    for kind in ("critical", "warning", "information", "about"):
        monkeypatch.setattr(QMessageBox, kind, box)
    return shown


class RealMouse:
    """The X server's pointer, moved by xdotool (XTEST): the events a user's mouse makes."""

    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot
        self.xdotool = shutil.which("xdotool")
        if self.xdotool is None:
            pytest.fail("xdotool is missing: sudo apt-get install xdotool (see README)")

    def drag(self, start: QPoint, end: QPoint, done=None, holding: tuple[str, ...] = ()) -> None:
        """Press at `start`, move in steps, release at `end` (with the `holding` keys held, e.g. "alt"),
        while Qt keeps processing events."""
        steps = [start + (end - start) * (i / 8) for i in range(1, 9)]
        args = [self.xdotool, "mousemove", "--sync", str(start.x()), str(start.y()), "sleep", "0.2"]
        for key in holding:
            args += ["keydown", key, "sleep", "0.05"]
        args += ["mousedown", "1", "sleep", "0.2"]
        for point in steps:
            args += ["mousemove", "--sync", str(point.x()), str(point.y()), "sleep", "0.05"]
        args += ["sleep", "0.2", "mouseup", "1"]
        for key in reversed(holding):
            args += ["keyup", key]
        process = subprocess.Popen(args)
        deadline = time.monotonic() + 20
        self.qtbot.waitUntil(lambda: process.poll() is not None or time.monotonic() > deadline, timeout=25_000)
        assert process.returncode == 0
        if done is not None:
            self.qtbot.waitUntil(done, timeout=10_000)


@pytest.fixture
def real_mouse(qtbot) -> RealMouse:
    return RealMouse(qtbot)
