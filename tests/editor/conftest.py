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
        qtbot.addWidget(window)
        window.resize(1200, 800)
        window.show()
        windows.append(window)
        return window

    yield make
    for window in windows:  # nothing left to ask about when the test closes the windows
        if window.document is not None:
            window.document.undo_stack.setClean()


@pytest.fixture
def window(make_window) -> MainWindow:
    return make_window()


@pytest.fixture(autouse=True)
def no_modal_boxes(monkeypatch):
    """Any message box a test did not expect fails loudly instead of blocking."""
    shown: list[tuple[str, str]] = []

    def box(kind: str, answer: Any):
        def show(_parent, title, text, *args, **kwargs):
            shown.append((kind, f"{title}: {text}"))
            return answer

        return show

    monkeypatch.setattr(QMessageBox, "critical", box("critical", QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "warning", box("warning", QMessageBox.StandardButton.Cancel))
    monkeypatch.setattr(QMessageBox, "information", box("information", QMessageBox.StandardButton.Ok))
    return shown
