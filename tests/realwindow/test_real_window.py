"""The editor in a real X11 window (xcb on Xvfb), used as a designer does: what offscreen cannot show."""

from __future__ import annotations

import threading

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QDialog

from editor.document import Document
from runtime.model import Link, Node

from .conftest import EXAMPLES


def _canvas_point(canvas, item) -> QPoint:
    """Screen coordinates of an item's centre on the canvas."""
    viewer = canvas.viewer()
    return viewer.viewport().mapToGlobal(viewer.mapFromScene(item.mapToScene(item.boundingRect().center())))


def _settled(qtbot, where):
    """`where()` once it stops moving: the window lays its docks out in steps after it is shown."""
    seen: list = []

    def still() -> bool:
        seen.append(where())
        qtbot.wait(100)
        return where() == seen[-1]

    qtbot.waitUntil(still, timeout=10_000)
    return seen[-1]


def test_the_example_opens_in_a_real_window_with_every_node_drawn(qtbot, make_window):
    window = make_window(Document.open(EXAMPLES / "socketio-echo"))
    canvas = window.current_canvas()
    assert {n.id for n in canvas.node_graph().all_nodes()} == set(window.document.project.project_graph.nodes)
    image = window.grab().toImage()
    assert image.width() >= 1000 and image.pixelColor(700, 400) != image.pixelColor(5, 5)  # something drawn


def test_dragging_a_node_from_the_toolbox_onto_the_canvas_adds_it(qtbot, make_window, real_mouse):
    window = make_window()
    window.docks["toolbox"].raise_()
    toolbox = window.toolbox
    item = toolbox.item_for("logic.branch")
    toolbox.tree.scrollToItem(item)
    start = _settled(qtbot, lambda: toolbox.tree.viewport().mapToGlobal(toolbox.tree.visualItemRect(item).center()))
    canvas = window.current_canvas()
    end = canvas.mapToGlobal(canvas.rect().center())
    graph = window.document.project.project_graph
    before = len(graph.nodes)
    real_mouse.drag(start, end, done=lambda: len(graph.nodes) == before + 1)
    (added,) = [n for n in graph.nodes.values() if n.type == "logic.branch"]
    assert window.document.undo_stack.undoText().startswith("Add")
    assert canvas.node_graph().get_node_by_id(added.id) is not None


def test_connecting_two_sockets_with_the_mouse(qtbot, make_window, real_mouse):
    document = Document()
    graph = document.project.project_graph
    graph.add_node(Node("start", "logic.on_project_start", "Start", (0, 0)))
    graph.add_node(Node("say", "logic.console", "Say", (350, 60)))
    window = make_window(document)
    canvas = window.current_canvas()
    canvas.frame_all()
    qtbot.wait(50)
    out = canvas.node_graph().get_node_by_id("start").output_socket("Out")
    into = canvas.node_graph().get_node_by_id("say").input_socket("In")
    link = Link("start", "Out", "say", "In")
    real_mouse.drag(_canvas_point(canvas, out), _canvas_point(canvas, into), done=lambda: link in graph.links)
    assert document.undo_stack.undoText() == "Connect"


def test_alt_shift_drag_across_a_connection_slices_it(qtbot, make_window, real_mouse):
    document = Document()
    graph = document.project.project_graph
    graph.add_node(Node("start", "logic.on_project_start", "Start", (0, 0)))
    graph.add_node(Node("say", "logic.console", "Say", (350, 60)))
    graph.add_link(Link("start", "Out", "say", "In"))
    window = make_window(document)
    canvas = window.current_canvas()
    canvas.frame_all()
    qtbot.wait(50)
    out = _canvas_point(canvas, canvas.node_graph().get_node_by_id("start").output_socket("Out"))
    into = _canvas_point(canvas, canvas.node_graph().get_node_by_id("say").input_socket("In"))
    middle = (out + into) / 2
    real_mouse.drag(middle + QPoint(0, -120), middle + QPoint(0, 120), holding=("alt", "shift"),
                    done=lambda: graph.links == [])
    assert document.undo_stack.undoText() == "Disconnect"


def test_toggling_the_socketio_plugin_updates_the_toolbox(qtbot, make_window):
    window = make_window(Document.open(EXAMPLES / "socketio-echo"))
    dialog = window.show_plugins_editor()
    qtbot.waitExposed(dialog)
    check = dialog.checks["socketio"]
    qtbot.mouseClick(check, Qt.MouseButton.LeftButton, pos=QPoint(8, check.height() // 2))
    qtbot.waitUntil(lambda: "socketio.send" not in window.toolbox.visible_type_ids())
    qtbot.mouseClick(check, Qt.MouseButton.LeftButton, pos=QPoint(8, check.height() // 2))
    qtbot.waitUntil(lambda: "socketio.send" in window.toolbox.visible_type_ids())
    dialog.close()


def test_every_dialog_and_dock_opens(qtbot, make_window, no_modal_boxes):
    window = make_window(Document.open(EXAMPLES / "socketio-echo"))
    for key in ("plugins", "project_settings", "shortcuts"):
        window.actions[key].trigger()
        dialog = QApplication.activeModalWidget() or next(
            d for d in window.findChildren(QDialog) if d.isVisible())
        qtbot.waitExposed(dialog)
        assert dialog.isVisible() and dialog.width() > 100, key
        dialog.reject()
        qtbot.waitUntil(lambda d=dialog: not d.isVisible())
    window.actions["about"].trigger()
    assert no_modal_boxes == ["About Pulse Studio"]
    for key, dock in window.docks.items():
        dock.show()
        dock.raise_()
        qtbot.waitUntil(lambda d=dock: d.isVisible() and d.widget().isVisible(), timeout=5_000)
        assert dock.widget().width() > 50 and dock.widget().height() > 30, key
    window.test_server.shutdown()


def test_run_and_stop_with_the_keyboard(qtbot, make_window):
    document = Document()
    graph = document.project.project_graph
    graph.add_node(Node("start", "logic.on_project_start", "Start"))
    graph.add_node(Node("wait", "logic.delay", "Wait a minute", (200, 0), attributes={"Seconds": 60.0}))
    graph.add_link(Link("start", "Out", "wait", "In"))
    threads_before = threading.active_count()
    window = make_window(document)
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.runner.state == "running", timeout=10_000)
    qtbot.keyClick(window, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.runner.state == "idle", timeout=10_000)
    assert threading.active_count() == threads_before
