"""The main window: files, title, unsaved-changes prompt, clipboard, arrange, layout memory, screenshot."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox
from stub_canvas import StubCanvas

from editor.document import Document
from editor.main_window import MainWindow
from editor.settings_store import SettingsStore
from runtime import fileformat
from runtime.model import Link
from runtime.registry import default_registry
from runtime.specs import Scope

ROOT = Path(__file__).resolve().parents[2]
HELLO = ROOT / "assets" / "examples" / "hello"


def _answer(monkeypatch, button):
    asked = []

    def warning(_parent, title, text, *args, **kwargs):
        asked.append(text)
        return button

    monkeypatch.setattr(QMessageBox, "warning", warning)
    return asked


# --- title and files ------------------------------------------------------------------------------

def test_title_shows_name_and_star_when_dirty(qtbot, window):
    assert window.windowTitle() == "Untitled[*] — Pulse Studio"
    assert not window.isWindowModified()
    window.add_node_at_centre("logic.console")
    assert window.isWindowModified()
    window.actions["undo"].trigger()
    assert not window.isWindowModified()


def test_save_reopen_and_compare(qtbot, window, tmp_path, monkeypatch, registry):
    document = window.document
    node_id = window.add_node_at_centre("fakeio.send")
    document.set_attribute("project", node_id, "Message", "hello")
    window.explorer.graphs.add_graph(Scope.PREFAB)
    document.set_settings("fakeio", {"entries": [{"name": "a", "url": "http://x", "port": 1, "auth": {}}]})
    target = tmp_path / "demo.pulse.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "demo"), ""))
    window.actions["save"].trigger()
    assert target.exists() and not window.isWindowModified()
    assert window.settings.recent_files()[0] == str(target.resolve())
    reopened = Document.open(target, registry)
    assert reopened.project == document.project

    window.new_project()
    assert window.document.path is None
    assert window.open_path(target)
    assert window.document.project == reopened.project


def test_open_broken_file_reports_and_keeps_current_project(qtbot, window, tmp_path, no_modal_boxes):
    window.add_node_at_centre("logic.console")
    current = window.document
    broken = tmp_path / "broken.pulse.json"
    broken.write_text('{"format_version": 1, "name": 3}')
    no_modal_boxes.expect("critical")
    assert not window.open_path(broken)
    assert window.document is current
    kind, text = no_modal_boxes[-1]
    assert kind == "critical" and str(broken) in text and "name" in text


def test_unsaved_changes_prompt_cancel_discard_save(qtbot, window, tmp_path, monkeypatch):
    window.add_node_at_centre("logic.console")
    first = window.document
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    window.actions["new"].trigger()
    assert asked and window.document is first
    window.close()
    assert window.isVisible()  # close refused too

    _answer(monkeypatch, QMessageBox.StandardButton.Discard)
    window.actions["new"].trigger()
    assert window.document is not first and not window.document.graph("project").nodes

    window.add_node_at_centre("logic.console")
    _answer(monkeypatch, QMessageBox.StandardButton.Save)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "p.pulse.json"), ""))
    window.close()
    assert (tmp_path / "p.pulse.json").exists() and not window.isVisible()


def test_a_failed_save_says_so_keeps_the_changes_and_the_window_open(qtbot, window, tmp_path, monkeypatch,
                                                                     no_modal_boxes):
    window.add_node_at_centre("logic.console")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    target = blocker / "p.pulse.json"  # its "folder" is a file: the disk refuses
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    shown = no_modal_boxes.expect("critical")
    assert window.save() is False
    (kind, text), = shown
    assert kind == "critical" and text.startswith("Cannot save project:") and str(target) in text
    assert window.document.dirty and window.document.path is None and not target.exists()
    assert window.isWindowModified()


def test_opens_the_hello_example_folder(qtbot, make_window):
    window = make_window(Document(registry=default_registry()))
    assert window.open_path(HELLO)
    assert window.document.path == HELLO / "project.pulse.json"
    assert window.windowTitle() == f"hello/project.pulse.json — {window.document.project.name}[*] — Pulse Studio"
    assert window.explorer.nodes.list.count() == len(window.document.graph("project").nodes)


# --- clipboard and edit commands ----------------------------------------------------------------------

def test_copy_paste_between_tabs_and_refused_paste(qtbot, window, no_modal_boxes):
    no_modal_boxes.expect("warning")
    document = window.document
    start = window.add_node_at_centre("fakeio.start")
    send = window.add_node_at_centre("fakeio.send")
    canvas = window.current_canvas()
    canvas.select_nodes([send])
    window.actions["copy"].trigger()
    scene = window.tabs.show_graph("scene-main")
    window.actions["paste"].trigger()
    pasted = document.graph("scene-main").nodes
    assert [n.type for n in pasted.values()] == ["fakeio.send"]
    assert scene.selected_node_ids() == list(pasted)

    window.tabs.show_graph("project")
    canvas.select_nodes([start, send])
    window.actions["cut"].trigger()
    assert not document.graph("project").nodes
    function_id = window.explorer.graphs.add_graph(Scope.FUNCTION)
    window.tabs.show_graph(function_id)
    before = set(document.graph(function_id).nodes)
    window.actions["paste"].trigger()
    assert set(document.graph(function_id).nodes) == before
    assert no_modal_boxes[-1][0] == "warning" and "Fake Start" in no_modal_boxes[-1][1]


def test_duplicate_delete_select_all_undo(qtbot, window):
    document = window.document
    a = window.add_node_at_centre("logic.console")
    canvas = window.current_canvas()
    canvas.select_nodes([a])
    window.actions["duplicate"].trigger()
    assert len(document.graph("project").nodes) == 2
    window.actions["select_all"].trigger()
    assert set(canvas.selected_node_ids()) == set(document.graph("project").nodes)
    window.actions["delete"].trigger()
    assert not document.graph("project").nodes
    window.actions["undo"].trigger()
    assert len(document.graph("project").nodes) == 2


def test_align_and_distribute_are_one_undo_step(qtbot, window):
    document = window.document
    ids = [document.add_node("project", "logic.console", pos).id for pos in ((0, 0), (50, 300), (400, 90))]
    window.current_canvas().select_nodes(ids)
    nodes = document.graph("project").nodes
    window.actions["align_left"].trigger()
    assert {nodes[i].position[0] for i in ids} == {0.0}
    window.actions["undo"].trigger()
    assert nodes[ids[1]].position == (50.0, 300.0)
    window.actions["align_top"].trigger()
    assert {nodes[i].position[1] for i in ids} == {0.0}
    window.actions["distribute_h"].trigger()
    xs = sorted(nodes[i].position[0] for i in ids)
    assert xs[0] == 0 and xs[2] == 400 and xs[1] == pytest.approx(200)
    window.actions["align_center"].trigger()
    assert len({nodes[i].position[0] for i in ids}) == 1


def test_highlight_connected_selects_the_linked_chain(qtbot, window):
    document = window.document
    a, b, c, _lone = (document.add_node("project", "logic.console", (i * 200, 0)).id for i in range(4))
    document.connect("project", Link(a, "Out", b, "In"))
    document.connect("project", Link(b, "Out", c, "In"))
    canvas = window.current_canvas()
    canvas.select_nodes([b])
    window.actions["highlight_connected"].trigger()
    assert set(canvas.selected_node_ids()) == {a, b, c}


def test_view_actions_reach_the_current_canvas(qtbot, window):
    for key in ("frame_all", "frame_selection", "zoom_in", "zoom_out", "zoom_reset"):
        window.actions[key].trigger()
    assert window.current_canvas().calls[-5:] == ["frame_all", "frame_selection", "zoom_in", "zoom_out",
                                                  "reset_zoom"]


# --- shortcuts, layout memory -------------------------------------------------------------------------

def test_shortcuts_are_unique_and_undo_is_the_documents(qtbot, window):
    seen: dict[str, str] = {}
    for key, action in window.actions.items():
        for sequence in action.shortcuts():
            text = sequence.toString()
            assert text not in seen, f"{text} is used by {seen[text]} and {key}"
            seen[text] = key
    assert window.actions["undo"].shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    assert window.undo_group.activeStack() is window.document.undo_stack
    window.add_node_at_centre("logic.console")
    window.current_canvas().setFocus()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not window.document.graph("project").nodes
    assert [a.isEnabled() for a in (window.actions["run"], window.actions["stop"])] == [True, False]


def test_dock_layout_is_remembered(qtbot, tmp_path, registry):
    store = SettingsStore(tmp_path / "layout.ini")
    first = MainWindow(Document(registry=registry), settings=store, canvas_factory=StubCanvas)
    qtbot.addWidget(first)
    first.show()
    first.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, first.docks["toolbox"])
    first.docks["console"].hide()
    first.close()
    second = MainWindow(Document(registry=registry), settings=SettingsStore(tmp_path / "layout.ini"),
                        canvas_factory=StubCanvas)
    qtbot.addWidget(second)
    second.show()
    assert second.dockWidgetArea(second.docks["toolbox"]) == Qt.DockWidgetArea.RightDockWidgetArea
    assert not second.docks["console"].isVisible()


# --- the real canvas and the command line ------------------------------------------------------------------

def test_window_with_the_real_canvas(qtbot, make_window):
    from editor.main_window import default_canvas_factory

    window = make_window(Document(registry=default_registry()), canvas_factory=default_canvas_factory)
    assert window.open_path(HELLO)
    before = len(window.document.graph("project").nodes)
    window.toolbox.add_requested.emit("logic.branch")
    assert len(window.document.graph("project").nodes) == before + 1
    new_id = next(i for i, n in window.document.graph("project").nodes.items() if n.type == "logic.branch")
    window.select_node("project", new_id)
    qtbot.waitUntil(lambda: window.attribute_editor.node_id == new_id, timeout=2000)
    window.actions["undo"].trigger()
    assert len(window.document.graph("project").nodes) == before


def test_screenshot_command_writes_a_png(tmp_path):
    out = tmp_path / "shot.png"
    result = pulse_studio("--screenshot", str(out), str(HELLO))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    image = QImage(str(out))
    assert not image.isNull() and image.width() >= 800 and image.height() >= 600


def pulse_studio(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "editor.app", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=timeout)


@pytest.mark.parametrize("problem", ["missing", "broken"])
def test_screenshot_of_a_bad_project_fails_at_once_on_stderr(tmp_path, problem):
    """No modal box nobody can see: the error on stderr, a non-zero exit, no PNG."""
    project = tmp_path / "p.pulse.json"
    if problem == "broken":
        project.write_text('{"format_version": 1, "name": 3}')
    out = tmp_path / "shot.png"
    result = pulse_studio("--screenshot", str(out), str(project), timeout=30)
    assert result.returncode == 2
    assert result.stderr.startswith(f"pulse-studio: {project}: ")
    assert not out.exists()


def test_a_bad_project_on_the_command_line_is_reported_and_an_empty_project_opens(qtbot, tmp_path, settings_store,
                                                                                  no_modal_boxes):
    from editor.app import build_window

    shown = no_modal_boxes.expect("critical")
    window = build_window(str(tmp_path / "missing.pulse.json"), settings=settings_store, canvas_factory=StubCanvas)
    qtbot.addWidget(window)
    assert shown and "Cannot open project" in shown[-1][1] and "missing.pulse.json" in shown[-1][1]
    assert window.document is not None and window.document.path is None
    window.close()


def test_open_recent_menu_opens_a_recent_project(qtbot, window, tmp_path):
    path = tmp_path / "recent.pulse.json"
    fileformat.save(Document(registry=window.registry).project, path)
    window.settings.add_recent(path)
    window.recent_menu.aboutToShow.emit()
    action = next(a for a in window.recent_menu.actions() if a.text() == str(path.resolve()))
    action.trigger()
    assert window.document.path == path.resolve()


def test_error_hooks_route_slot_and_task_errors_to_the_console(qtbot, window, monkeypatch):
    import asyncio

    from editor.app import install_error_hooks

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    loop = asyncio.new_event_loop()
    try:
        install_error_hooks(loop, window.report_error)
        try:
            raise ValueError("from a slot")
        except ValueError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
        loop.call_exception_handler({"message": "Task exception was never retrieved",
                                     "exception": RuntimeError("from a task")})
    finally:
        loop.close()
    messages = [r.message for r in window.console.records()]
    assert messages[0].startswith("ValueError: from a slot")
    assert messages[1].startswith("RuntimeError: from a task")


@pytest.mark.parametrize("make", ["fifo", "device", "too long", "empty folder"])
def test_file_open_refuses_what_is_not_a_project_without_blocking(qtbot, window, tmp_path, monkeypatch,
                                                                  no_modal_boxes, make):
    no_modal_boxes.expect("critical")
    path, problem = {
        "fifo": (tmp_path / "pipe.json", "named pipe"),
        "device": (Path("/dev/zero"), "character device"),
        "too long": (tmp_path / ("x" * 5000), "File name too long"),
        "empty folder": (tmp_path, "no project.pulse.json in this folder"),
    }[make]
    if make == "fifo":
        os.mkfifo(path)
    current = window.document
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(path), ""))
    window.actions["open"].trigger()
    assert window.document is current
    kind, text = no_modal_boxes[-1]
    assert kind == "critical" and problem in text


def test_pulse_studio_path_of_a_fifo_reports_and_opens_an_empty_project(qtbot, tmp_path, settings_store,
                                                                        no_modal_boxes):
    from editor.app import build_window

    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    no_modal_boxes.expect("critical")
    window = build_window(str(fifo), settings=settings_store)
    qtbot.addWidget(window)
    assert window.document is not None and window.document.path is None
    assert "named pipe" in no_modal_boxes[-1][1]


def test_screenshot_command_refuses_a_device_with_one_line_and_exit_2(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-m", "editor.app", "--screenshot", str(tmp_path / "x.png"),
                             "/dev/zero"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "pulse-studio: /dev/zero: not a regular file (a character device)" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "x.png").exists()


def test_paste_refuses_nodes_a_saved_file_could_not_load_and_keeps_good_ones(qtbot, window, tmp_path):
    from editor.document import EditRefused

    document = window.document
    source = document.new_node("project", "logic.compare", (0, 0))
    good = json.loads(document.copy_payload("project", []))
    good["nodes"] = [fileformat.node_data(source)]
    bad = json.loads(json.dumps(good))
    bad["nodes"][0]["attributes"]["Operator"] = "<>"
    with pytest.raises(EditRefused, match=r"\$\.nodes\[0\]\.attributes\.Operator: '<>' is not one of"):
        document.paste("project", json.dumps(bad), None)
    assert document.paste("project", json.dumps(good), None)
    fileformat.save(document.project, tmp_path / "p.pulse.json")
    assert fileformat.load(tmp_path / "p.pulse.json") == document.project
