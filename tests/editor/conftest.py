"""Fixtures for the window, panel and dialog tests: a window on a stand-in canvas, temp settings."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox
from stub_canvas import StubCanvas

from editor.document import Document
from editor.main_window import MainWindow
from editor.settings_store import SettingsStore
from runtime.registry import Plugin, SettingField, SettingProblem, SettingsSection, build_registry
from runtime.specs import PROJECT_AND_SCENE, Attribute, AttrKind, NodeSpec, Ports, data_ports
from runtime.types import DataType

EXAMPLES = Path(__file__).resolve().parents[2] / "assets" / "examples"


def _validate(entries: list[dict[str, Any]]) -> list[SettingProblem]:
    problems, seen = [], set()
    for entry in entries:
        name = entry.get("name", "")
        if name in seen:
            problems.append(SettingProblem(name, "Name", "is used by another connection"))
        seen.add(name)
        if not re.match(r"^(https?|wss?)://[^/\s]+", str(entry.get("url", ""))):
            problems.append(SettingProblem(name, "URL", "must be an http, https, ws or wss URL"))
        port = entry.get("port")
        if port is not None and not 1 <= port <= 65535:
            problems.append(SettingProblem(name, "Port", "must be between 1 and 65535"))
    return problems


FAKE_SECTION = SettingsSection(
    "fakeio", "Fake IO",
    (SettingField("name", "Name", "string", "conn"), SettingField("url", "URL", "string", "http://127.0.0.1"),
     SettingField("port", "Port", "int", None, minimum=1, maximum=65535),
     SettingField("auth", "Auth", "secret", {})),
    _validate,
)
_CONFIG = Attribute("Configuration", AttrKind.SETTING, "", source="fakeio")
FAKE_PLUGIN = Plugin(
    "fakeio", "Fake IO", "A test-only plugin with settings.",
    specs=(
        NodeSpec("fakeio.start", "Fake Start", ("Fake IO",), "Starts.", scopes=PROJECT_AND_SCENE,
                 attributes=(_CONFIG,)),
        NodeSpec("fakeio.send", "Fake Send", ("Fake IO",), "Sends.", attributes=(_CONFIG,),
                 inputs=data_ports(("Message", DataType.STRING, "hi"), ("Count", DataType.INT, 1))),
        NodeSpec("fakeio.route", "Fake Route", ("Fake IO",), "One pulse output per case.", pulse_out=(),
                 attributes=(Attribute("Cases", AttrKind.STRING_LIST, ["a", "b"], minimum=1, maximum=4,
                                       sockets=True),),
                 extra_ports=lambda node, env: Ports(pulse_out=tuple(node.attributes.get("Cases", ())))),
    ),
    settings=FAKE_SECTION,
)


@pytest.fixture
def registry():
    from runtime.nodes import LOGIC_PLUGIN

    return build_registry([LOGIC_PLUGIN, FAKE_PLUGIN])


@pytest.fixture
def settings_store(tmp_path: Path) -> SettingsStore:
    return SettingsStore(tmp_path / "settings.ini")


@pytest.fixture
def make_window(qtbot, registry, settings_store):
    """Builds a MainWindow on the stub canvas; with `document=None` a new project of the test registry."""

    windows: list[MainWindow] = []

    def make(document: Document | None = None, **kwargs: Any) -> MainWindow:
        document = document or Document(registry=registry)
        kwargs.setdefault("settings", settings_store)
        kwargs.setdefault("canvas_factory", StubCanvas)
        window = MainWindow(document, **kwargs)
        qtbot.addWidget(window, before_close_func=_mark_clean)  # pytest-qt closes it after the test
        window.resize(1200, 800)
        window.show()
        windows.append(window)
        return window

    yield make
    refused = [w.windowTitle() for w in windows if w.isVisible()]
    assert not refused, f"windows refused to close: {refused}"


def _mark_clean(window: MainWindow) -> None:
    """Nothing left to ask about, so closing runs the real close path (runner stopped, test server down)."""
    if window.document is not None:
        window.document.undo_stack.setClean()


@pytest.fixture
def window(make_window) -> MainWindow:
    return make_window()


class ModalBoxes:
    """Every message box a test shows. One the test did not `expect` fails the test (after answering it,
    so nothing blocks): an unexpected error box is a bug, not noise."""

    DEFAULTS = {"critical": QMessageBox.StandardButton.Ok, "warning": QMessageBox.StandardButton.Cancel,
                "information": QMessageBox.StandardButton.Ok, "question": QMessageBox.StandardButton.No}

    def __init__(self) -> None:
        self.shown: list[tuple[str, str]] = []
        self.unexpected: list[tuple[str, str]] = []
        self._answers: dict[str, Any] = {}

    def expect(self, kind: str, answer: Any = None) -> list[tuple[str, str]]:
        """Allows boxes of `kind` ("critical", "warning", ...), answered with `answer` [the safe button]."""
        self._answers[kind] = answer if answer is not None else self.DEFAULTS[kind]
        return self.shown

    def __getitem__(self, index: int) -> tuple[str, str]:
        return self.shown[index]

    def show(self, kind: str, title: str, text: str) -> Any:
        self.shown.append((kind, f"{title}: {text}"))
        if kind not in self._answers:
            self.unexpected.append(self.shown[-1])
        return self._answers.get(kind, self.DEFAULTS[kind])


@pytest.fixture(autouse=True)
def no_modal_boxes(monkeypatch):
    """Message boxes never block a test; one it did not expect fails it."""
    boxes = ModalBoxes()
    for kind in ModalBoxes.DEFAULTS:
        monkeypatch.setattr(QMessageBox, kind, lambda _parent, title, text, *_a, _kind=kind, **_k:
                            boxes.show(_kind, title, text))
    monkeypatch.setattr(QMessageBox, "about", lambda _parent, title, text: boxes.show("information", title, text))
    yield boxes
    assert not boxes.unexpected, f"unexpected message boxes: {boxes.unexpected}"
