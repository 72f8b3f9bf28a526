"""Run and Debug inside the editor, driven as a user: F5, F9, F10, Shift+F5, console clicks."""

from __future__ import annotations

import os
import re
import signal
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from editor.document import Document
from editor.main_window import default_canvas_factory
from editor.run import controller
from runtime.engine.host import RunHost
from runtime.model import Link, Node

EXAMPLES = Path(__file__).resolve().parents[2] / "assets" / "examples"


@pytest.fixture
def open_window(qtbot, make_window):
    def make(document: Document):
        window = make_window(document, canvas_factory=default_canvas_factory)
        window.activateWindow()
        window.current_canvas().setFocus()  # where a designer's keyboard focus is while working
        qtbot.waitUntil(lambda: window.isActiveWindow() and window.current_canvas().hasFocus())
        return window

    return make


def messages(window, level: str = "info") -> list[str]:
    return [r.message for r in window.console.records() if r.level == level]


def spy(canvas, method: str) -> list[tuple]:
    calls: list[tuple] = []
    original = getattr(canvas, method)

    def record(*args):
        calls.append(args)
        return original(*args)

    setattr(canvas, method, record)
    return calls


def test_f5_runs_the_hello_example_and_its_line_appears_in_the_console(qtbot, open_window):
    window = open_window(Document.open(EXAMPLES / "hello"))
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: messages(window) == ["Hello, world!"], timeout=10_000)
    qtbot.waitUntil(lambda: window.runner.state == "idle", timeout=10_000)
    assert window.actions["stop"].isEnabled() is False


def test_the_last_console_line_survives_a_slow_drain(qtbot, open_window, monkeypatch):
    """The run may end while the editor's drain is half way through: the last line still arrives."""
    original = RunHost.drain

    def drain_slowly(host):
        time.sleep(0.05)  # what a busy machine does to the window between two looks at the run
        return original(host)

    monkeypatch.setattr(RunHost, "drain", drain_slowly)
    document = Document()
    graph = document.project.project_graph
    for node in (Node("start", "logic.on_project_start", "Start"),
                 Node("wait", "logic.delay", "Wait", (200, 0), attributes={"Seconds": 0.1}),
                 Node("say", "logic.console", "Say", (400, 0), attributes={"Value": "last words"})):
        graph.add_node(node)
    graph.add_link(Link("start", "Out", "wait", "In"))
    graph.add_link(Link("wait", "Out", "say", "In"))
    window = open_window(document)
    for run in range(1, 6):  # the line is written while a drain sleeps on an empty queue, most runs
        window.actions["run"].trigger()
        qtbot.waitUntil(lambda: window.runner.state == "idle", timeout=10_000)
        assert messages(window) == ["last words"] * run


def test_an_error_lights_its_node_and_clicking_the_console_line_selects_it(qtbot, open_window):
    document = Document()
    graph = document.project.project_graph
    for node in (Node("start", "logic.on_project_start", "Start"),
                 Node("div", "logic.divide", "Risky Divide", (200, 200), attributes={"Type": "Int", "A": 1, "B": 0}),
                 Node("show", "logic.console", "Show", (300, 0))):
        graph.add_node(node)
    graph.add_link(Link("start", "Out", "show", "In"))
    graph.add_link(Link("div", "Result", "show", "Value"))
    window = open_window(document)
    canvas = window.current_canvas()
    highlights = spy(canvas, "set_node_highlight")
    window.actions["run"].trigger()
    qtbot.waitUntil(lambda: bool(messages(window, "error")), timeout=10_000)
    (error,) = [r for r in window.console.records() if r.level == "error"]
    assert (error.node_id, error.node_name) == ("div", "Risky Divide")
    qtbot.waitUntil(lambda: ("div", "error") in highlights, timeout=5_000)
    canvas.select_nodes([])
    item = window.console.view.topLevelItem(window.console.view.topLevelItemCount() - 1)
    window.console.view.itemActivated.emit(item, 0)
    assert canvas.selected_node_ids() == ["div"]


def test_breakpoint_stops_the_run_and_step_advances_one_node_showing_values(qtbot, open_window):
    window = open_window(Document.open(EXAMPLES / "logic-tour"))
    canvas = window.current_canvas()
    values = spy(canvas, "set_node_values")
    canvas.select_nodes(["big"])
    qtbot.keyClick(window, Qt.Key.Key_F9)
    assert window.runner.breakpoints == {"big": "project"}
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.runner.state == "paused", timeout=10_000)
    assert messages(window) == ["Adding 1 to 5..."]
    assert ("big", {"in": {"Value": "the square of 15 is 225, which is big"}}) in values
    assert window.actions["step"].isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: window.runner.state == "paused" and window.runner._paused_at[0] == "wait",
                    timeout=10_000)
    assert messages(window) == ["Adding 1 to 5...", "the square of 15 is 225, which is big"]
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.runner.state == "idle", timeout=10_000)
    assert messages(window)[-1] == "done, after a short delay"


def test_shift_f5_stops_a_long_run_and_leaves_no_thread(qtbot, open_window):
    threads_before = threading.active_count()
    window = open_window(_wait_a_minute())
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.runner.state == "running", timeout=5_000)
    qtbot.keyClick(window, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.runner.state == "idle", timeout=10_000)
    assert window.runner.host is None
    assert threading.active_count() == threads_before


def _wait_a_minute() -> Document:
    document = Document()
    graph = document.project.project_graph
    graph.add_node(Node("start", "logic.on_project_start", "Start"))
    graph.add_node(Node("wait", "logic.delay", "Wait a minute", (200, 0), attributes={"Seconds": 60.0}))
    graph.add_link(Link("start", "Out", "wait", "In"))
    return document


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals to kill a process")
def test_a_run_process_that_dies_ends_the_run_with_an_error_and_the_window_goes_on(qtbot, open_window):
    window = open_window(_wait_a_minute())
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.runner.state == "running", timeout=5_000)
    os.kill(window.runner.host.pid, signal.SIGKILL)
    qtbot.waitUntil(lambda: window.runner.state == "idle", timeout=10_000)
    assert any("ended unexpectedly (exit code -9)" in m for m in messages(window, "error"))
    qtbot.keyClick(window, Qt.Key.Key_F5)  # and the next run works
    qtbot.waitUntil(lambda: window.runner.state == "running", timeout=5_000)
    window.actions["stop"].trigger()
    qtbot.waitUntil(lambda: window.runner.state == "idle", timeout=10_000)


@pytest.mark.skipif(not hasattr(signal, "SIGSTOP"), reason="needs POSIX signals to freeze a process")
def test_stop_leaves_the_window_usable_while_a_frozen_run_ends_then_kills_it_and_says_so(qtbot, open_window,
                                                                                        monkeypatch):
    monkeypatch.setattr(controller, "STOP_TIMEOUT_SECONDS", 1.5)  # the editor gives a run 10 s; this test 1.5 s
    window = open_window(_wait_a_minute())
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.runner.state == "running", timeout=5_000)
    pid = window.runner.host.pid
    os.kill(pid, signal.SIGSTOP)  # it cannot obey "stop"
    started = time.monotonic()
    qtbot.keyClick(window, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)
    assert time.monotonic() - started < 1.0  # the window was held a moment, not until the run ended
    assert window.runner.state == "stopping" and window.run_state.text() == "■ Stopping…"
    assert not window.actions["stop"].isEnabled() and not window.actions["run"].isEnabled()
    qtbot.waitUntil(lambda: window.runner.state == "idle", timeout=10_000)
    assert time.monotonic() - started >= 1.5
    assert any("did not stop within 1.5 s" in m for m in messages(window, "error"))
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_edits_during_a_run_apply_to_the_next_run(qtbot, open_window):
    window = open_window(Document.open(EXAMPLES / "hello"))
    document = window.document
    window.runner.breakpoints["hello"] = "project"
    window.actions["run"].trigger()
    qtbot.waitUntil(lambda: window.runner.state == "paused", timeout=10_000)
    document.set_attribute("project", "hello", "Value", "edited")
    assert "next run" in window.statusBar().currentMessage()
    window.actions["run"].trigger()
    qtbot.waitUntil(lambda: window.runner.state == "idle", timeout=10_000)
    window.runner.breakpoints.clear()
    window.actions["run"].trigger()
    qtbot.waitUntil(lambda: window.runner.state == "idle" and len(messages(window)) == 2, timeout=10_000)
    assert messages(window) == ["Hello, world!", "edited"]


def _delayed_line_document(seconds: float) -> Document:
    document = Document()
    graph = document.project.project_graph
    for node in (Node("start", "logic.on_project_start", "Start"),
                 Node("wait", "logic.delay", "Wait", (200, 0), attributes={"Seconds": seconds}),
                 Node("say", "logic.console", "Say", (400, 0), attributes={"Value": "after the wait"})):
        graph.add_node(node)
    graph.add_link(Link("start", "Out", "wait", "In"))
    graph.add_link(Link("wait", "Out", "say", "In"))
    return document


def test_pause_stops_a_debug_run_at_the_next_node_and_f5_continues(qtbot, open_window):
    window = open_window(_delayed_line_document(1.0))
    highlights = spy(window.current_canvas(), "set_node_highlight")
    assert not window.actions["pause"].isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_F5, Qt.KeyboardModifier.ControlModifier)  # Debug
    qtbot.waitUntil(lambda: ("wait", "running") in highlights, timeout=5_000)  # the Delay is counting
    assert window.actions["pause"].isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: window.runner.state == "paused", timeout=10_000)
    assert window.runner._paused_at == ("say", "project") and messages(window) == []
    assert window.actions["step"].isEnabled() and window.actions["run"].text() == "Continue"
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.runner.state == "idle", timeout=10_000)
    assert messages(window) == ["after the wait"]


def test_pause_is_only_offered_in_a_debug_run(qtbot, open_window):
    window = open_window(_delayed_line_document(30.0))
    window.actions["run"].trigger()  # no breakpoints: a plain run
    qtbot.waitUntil(lambda: window.runner.state == "running", timeout=5_000)
    assert not window.actions["pause"].isEnabled()
    window.actions["stop"].trigger()
    qtbot.waitUntil(lambda: window.runner.state == "idle", timeout=10_000)


def test_focus_on_error_selects_and_centres_the_failing_node(qtbot, open_window):
    document = Document()
    graph = document.project.project_graph
    for node in (Node("start", "logic.on_project_start", "Start"),
                 Node("div", "logic.divide", "Risky Divide", (1500, 900), attributes={"Type": "Int", "A": 1, "B": 0}),
                 Node("show", "logic.console", "Show", (300, 0))):
        graph.add_node(node)
    graph.add_link(Link("start", "Out", "show", "In"))
    graph.add_link(Link("div", "Result", "show", "Value"))
    window = open_window(document)
    canvas = window.current_canvas()
    window.actions["run"].trigger()
    qtbot.waitUntil(lambda: window.runner.state == "idle" and bool(messages(window, "error")), timeout=10_000)
    canvas.select_nodes(["start"])
    centred = spy(canvas, "center_on_node")
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert canvas.selected_node_ids() == ["div"] and centred == [("div",)]


def test_a_project_with_invalid_settings_cannot_run_and_says_why(qtbot, open_window):
    document = Document.open(EXAMPLES / "socketio-echo")
    settings = dict(document.project.settings["socketio"])
    settings["entries"] = [dict(settings["entries"][0], url="ftp://nowhere")]
    document.project.settings["socketio"] = settings
    window = open_window(document)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert window.runner.state == "idle" and window.runner.host is None
    (error,) = messages(window, "error")
    assert error.startswith("cannot run:") and "URL" in error
    assert window.statusBar().currentMessage().startswith("Cannot run:")


def test_a_pause_is_named_highlighted_and_its_values_tagged_until_the_run_stops(qtbot, open_window, settings_store):
    window = open_window(Document.open(EXAMPLES / "logic-tour"))
    canvas = window.current_canvas()
    card = canvas.node_graph().get_node_by_id("big").view
    canvas.select_nodes(["big"])
    qtbot.keyClick(window, Qt.Key.Key_F9)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.runner.state == "paused", timeout=10_000)
    assert window.run_state.text() == "❚❚ Paused at 'Console' in Project"
    assert "Paused at 'Console' in Project" in window.statusBar().currentMessage()
    assert card.highlight_kind == "paused"
    assert canvas._visible_rect().contains(card.sceneBoundingRect())  # brought into view
    tag = card.value_tags()[("in", "Value")]
    assert tag.text == "Value = the square of 15 is 225, wh…"  # short on the canvas...
    assert tag.toolTip().endswith("the square of 15 is 225, which is big")  # ...whole on hover
    assert tag.flags() & tag.GraphicsItemFlag.ItemIgnoresTransformations  # same size on screen at any zoom
    socket = next(p for p in card.inputs if p.name == "Value")
    assert tag.pos() == socket.pos() + socket.boundingRect().center()  # beside its socket
    qtbot.keyClick(window, Qt.Key.Key_F10)  # the step position is named the same way
    qtbot.waitUntil(lambda: window.run_state.text() == "❚❚ Paused at 'Delay' in Project", timeout=10_000)
    qtbot.keyClick(window, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.runner.state == "idle", timeout=10_000)
    assert not card.value_tags() and window.run_state.text() == ""
    window.runner.actions["keep_values"].setChecked(True)  # the explicit toggle keeps them after the run
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.runner.state == "paused", timeout=10_000)
    qtbot.keyClick(window, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.runner.state == "idle", timeout=10_000)
    assert card.value_tags()
    window.runner.actions["keep_values"].trigger()
    assert not card.value_tags()


def test_each_run_has_a_header_line_and_the_console_can_clear_on_run(qtbot, open_window):
    window = open_window(Document.open(EXAMPLES / "hello"))
    for _ in range(2):
        qtbot.keyClick(window, Qt.Key.Key_F5)
        qtbot.waitUntil(lambda: window.runner.state == "idle", timeout=10_000)
    qtbot.waitUntil(lambda: messages(window) == ["Hello, world!"] * 2, timeout=10_000)
    headers = window.console.run_headers()
    assert [h.split(" started")[0] for h in headers] == ["▶ Run 1 (run)", "▶ Run 2 (run)"]
    assert window.console.count_label.text() == "2 messages"
    window.console.clear_on_run.setChecked(True)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: messages(window) == ["Hello, world!"], timeout=10_000)
    assert [h.split(" started")[0] for h in window.console.run_headers()] == ["▶ Run 3 (run)"]


def test_breakpoints_are_kept_per_project_in_the_users_settings(qtbot, open_window, tmp_path):
    import shutil

    folder = tmp_path / "tour"
    shutil.copytree(EXAMPLES / "logic-tour", folder)
    before = (folder / "project.pulse.json").read_text()
    window = open_window(Document.open(folder))
    window.current_canvas().select_nodes(["big"])
    qtbot.keyClick(window, Qt.Key.Key_F9)
    window.open_path(EXAMPLES / "hello")
    assert window.runner.breakpoints == {}
    window.open_path(folder)
    assert window.runner.breakpoints == {"big": "project"}
    card = window.current_canvas().node_graph().get_node_by_id("big").view
    assert card.highlight_kind == "breakpoint"
    assert (folder / "project.pulse.json").read_text() == before  # never in the project file


def test_the_status_bar_says_how_many_nodes_a_second_a_busy_run_executes(qtbot, open_window):
    document = Document()
    graph = document.project.project_graph
    graph.add_node(Node("start", "logic.on_project_start", "Start"))
    graph.add_node(Node("kick", "logic.custom_event_trigger", "Kick", (200, 0), attributes={"Event": "tick"}))
    graph.add_node(Node("tick", "logic.custom_event_listener", "Tick", (0, 200), attributes={"Event": "tick"}))
    graph.add_node(Node("again", "logic.custom_event_trigger", "Again", (200, 200), attributes={"Event": "tick"}))
    graph.add_link(Link("start", "Out", "kick", "In"))
    graph.add_link(Link("tick", "Out", "again", "In"))
    window = open_window(document)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    busy = re.compile(r"● Running · [1-9][0-9.]*[kM]? nodes/s")  # the first second may be the process starting
    qtbot.waitUntil(lambda: busy.fullmatch(window.run_state.text()) is not None, timeout=10_000)
    window.actions["stop"].trigger()
    qtbot.waitUntil(lambda: window.runner.state == "idle", timeout=10_000)
    assert window.run_state.text() == ""


def test_rates_read_in_three_figures_at_most():
    from editor.run.rate import RateMeter, format_rate

    assert [format_rate(r) for r in (0, 840.4, 73_400, 1_234_567)] == ["0 nodes/s", "840 nodes/s", "73k nodes/s",
                                                                       "1.2M nodes/s"]
    meter = RateMeter(now=10.0)
    assert meter.add(500, now=10.5) is None  # not a second yet
    assert meter.add(700, now=11.0) == 1200.0
    assert meter.add(10, now=11.5) is None  # a fresh second
