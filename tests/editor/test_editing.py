"""Editing as a designer does it, on the real canvas: undo from a field, Ctrl+Y, the node context menu,
Duplicate's offset, toolbar tooltips."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu

from editor.document import Document
from editor.main_window import MainWindow, default_canvas_factory
from runtime.registry import default_registry

CTRL = Qt.KeyboardModifier.ControlModifier


def _window(make_window) -> MainWindow:
    window = make_window(Document(registry=default_registry()), canvas_factory=default_canvas_factory)
    window.activateWindow()
    return window


def _add(window: MainWindow, type_id: str, position: tuple[float, float]) -> str:
    node_id = window.document.add_node("project", type_id, position).id
    window.current_canvas().select_nodes([node_id])
    return node_id


def _focus(qtbot, widget) -> None:
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus, timeout=2000)


def test_ctrl_z_in_a_field_undoes_the_documents_edit(qtbot, make_window):
    window = _window(make_window)
    node_id = _add(window, "logic.delay", (0, 0))
    node = window.document.graph("project").nodes[node_id]
    name = window.attribute_editor.name_field
    qtbot.waitUntil(lambda: window.attribute_editor.node_id == node_id, timeout=2000)
    _focus(qtbot, name)
    name.selectAll()
    qtbot.keyClicks(name, "Wait a bit")
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert node.name == "Wait a bit"
    qtbot.keyClick(name, Qt.Key.Key_Z, CTRL)  # focus still in the field: the document's undo
    assert node.name == "Delay" and name.text() == "Delay"
    qtbot.keyClick(name, Qt.Key.Key_Y, CTRL)
    assert node.name == "Wait a bit" and name.text() == "Wait a bit"
    name.selectAll()
    qtbot.keyClicks(name, "Half typed")  # not committed yet: Ctrl+Z commits it, then undoes it
    qtbot.keyClick(name, Qt.Key.Key_Z, CTRL)
    assert node.name == "Wait a bit" and name.text() == "Wait a bit"
    assert name.hasFocus()
    qtbot.keyClick(name, Qt.Key.Key_Y, CTRL)
    assert node.name == "Half typed"
    name.clearFocus()  # leaving the field commits nothing more: it shows the model
    assert node.name == "Half typed"
    assert window.document.undo_stack.count() == 3  # add, rename, rename


def test_ctrl_z_in_a_number_field_undoes_the_value(qtbot, make_window):
    window = _window(make_window)
    node_id = _add(window, "logic.delay", (0, 0))
    node = window.document.graph("project").nodes[node_id]
    qtbot.waitUntil(lambda: window.attribute_editor.node_id == node_id, timeout=2000)
    field = next(iter(window.attribute_editor.fields.values()))
    before = dict(node.attributes)
    _focus(qtbot, field)
    field.lineEdit().selectAll()
    qtbot.keyClicks(field, "7")  # keys go to the focused spin box, as a user's do
    qtbot.keyClick(field, Qt.Key.Key_Z, CTRL)
    assert node.attributes == before
    qtbot.keyClick(field, Qt.Key.Key_Y, CTRL)
    assert node.attributes != before and 7 in node.attributes.values()


def test_ctrl_y_redoes_on_the_canvas(qtbot, make_window):
    window = _window(make_window)
    assert "Ctrl+Y" in [k.toString() for k in window.actions["redo"].shortcuts()]
    assert not window.actions["undo"].isEnabled() and not window.actions["redo"].isEnabled()
    window.add_node_at_centre("logic.console")
    assert window.actions["undo"].isEnabled() and window.actions["undo"].text().startswith("&Undo ")
    canvas = window.current_canvas()
    _focus(qtbot, canvas.viewer())
    qtbot.keyClick(canvas.viewer(), Qt.Key.Key_Z, CTRL)
    assert not window.document.graph("project").nodes
    assert window.actions["redo"].isEnabled()
    qtbot.keyClick(canvas.viewer(), Qt.Key.Key_Y, CTRL)
    assert len(window.document.graph("project").nodes) == 1
    assert not window.actions["redo"].isEnabled()


def _context_menu(qtbot, window: MainWindow, node_id: str, choose: str | None) -> list[tuple[str, str]]:
    """Right-clicks the node on the canvas; returns the menu's (text, shortcut) rows and picks `choose`."""
    canvas = window.current_canvas()
    viewer = canvas.viewer()
    card = canvas.node_graph().get_node_by_id(node_id).view
    pos = viewer.mapFromScene(card.sceneBoundingRect().center())
    rows: list[tuple[str, str]] = []

    def read_menu() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(20, read_menu)
            return
        actions = [a for a in menu.actions() if not a.isSeparator()]
        rows.extend((a.text().replace("&", ""), a.shortcut().toString()) for a in actions)
        picked = next((a for a in actions if a.text().replace("&", "") == choose), None)
        menu.close()
        if picked is not None:
            picked.trigger()

    QTimer.singleShot(0, read_menu)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, viewer.viewport().mapToGlobal(pos))
    QApplication.sendEvent(viewer.viewport(), event)
    qtbot.waitUntil(lambda: bool(rows), timeout=3000)
    window.activateWindow()  # the offscreen platform leaves the closed menu as the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    return rows


def test_node_context_menu_offers_the_edit_commands_with_their_keys(qtbot, make_window):
    window = _window(make_window)
    a = _add(window, "logic.console", (0, 0))
    b = _add(window, "logic.console", (300, 0))
    window.current_canvas().select_nodes([b])
    rows = dict(_context_menu(qtbot, window, a, None))
    assert window.current_canvas().selected_node_ids() == [a]  # right-click selects the node under it
    assert list(rows) == ["Rename Node", "Edit Node Comment…", "Cut", "Copy", "Duplicate", "Disable",
                          "Pulse Pass Through", "Toggle Breakpoint", "Select Connected", "Group Nodes",
                          "Highlight Pulse Chain", "Highlight Data Chain", "Delete"]
    assert rows["Rename Node"] == "F2" and rows["Duplicate"] == "Ctrl+D" and rows["Toggle Breakpoint"] == "F9"
    assert rows["Delete"] == "Del" and rows["Group Nodes"] == "Ctrl+G" and rows["Disable"] == "Ctrl+Shift+E"
    node = window.document.graph("project").nodes[a]
    _context_menu(qtbot, window, a, "Disable")
    assert not node.enabled
    assert ("Enable", "Ctrl+Shift+E") in _context_menu(qtbot, window, a, "Enable")
    assert node.enabled
    _context_menu(qtbot, window, a, "Pulse Pass Through")
    assert node.pass_through
    _context_menu(qtbot, window, a, "Toggle Breakpoint")
    assert a in window.runner.breakpoints
    _context_menu(qtbot, window, a, "Duplicate")
    assert len(window.document.graph("project").nodes) == 3
    _context_menu(qtbot, window, a, "Rename Node")
    qtbot.waitUntil(window.attribute_editor.name_field.hasFocus, timeout=2000)
    window.document.undo_stack.undo()  # the duplicate
    window.document.undo_stack.undo()  # pass through
    assert not node.pass_through and len(window.document.graph("project").nodes) == 2


def test_disable_and_pass_through_keys_act_on_the_selection_as_one_step(qtbot, make_window):
    window = _window(make_window)
    ids = [_add(window, "logic.console", (x, 0)) for x in (0, 300)]
    window.current_canvas().select_nodes(ids)
    nodes = window.document.graph("project").nodes
    _focus(qtbot, window.current_canvas().viewer())
    qtbot.keyClick(window.current_canvas().viewer(), Qt.Key.Key_E, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert not any(nodes[i].enabled for i in ids)
    window.actions["pass_through"].trigger()
    assert all(nodes[i].pass_through for i in ids)
    window.document.undo_stack.undo()
    window.document.undo_stack.undo()
    assert all(nodes[i].enabled and not nodes[i].pass_through for i in ids)


def test_duplicate_is_offset_beside_the_original(qtbot, make_window):
    window = _window(make_window)
    a = _add(window, "logic.console", (100, 100))
    _focus(qtbot, window.current_canvas().viewer())
    qtbot.keyClick(window.current_canvas().viewer(), Qt.Key.Key_D, CTRL)
    graph = window.document.graph("project")
    (copy_id,) = [i for i in graph.nodes if i != a]
    assert graph.nodes[copy_id].name == graph.nodes[a].name
    canvas = window.current_canvas()
    original, copy = (canvas.node_graph().get_node_by_id(i).view.sceneBoundingRect() for i in (a, copy_id))
    assert copy.left() >= original.left() + 30 and copy.top() >= original.top() + 30
    assert canvas.selected_node_ids() == [copy_id]


def test_toolbar_buttons_name_their_shortcut(qtbot, make_window):
    window = _window(make_window)
    tips = {window.toolbar.widgetForAction(window.actions[k]).toolTip() for k in ("run", "stop", "save", "undo")}
    assert {"Run (F5)", "Stop (Shift+F5)", "Save the project (Ctrl+S)", "Undo (Ctrl+Z)"} == tips


def test_rename_key_works_on_the_canvas_not_in_the_explorer(qtbot, make_window):
    window = _window(make_window)
    _add(window, "logic.console", (0, 0))
    _focus(qtbot, window.current_canvas().viewer())
    qtbot.keyClick(window.current_canvas().viewer(), Qt.Key.Key_F2)
    qtbot.waitUntil(window.attribute_editor.name_field.hasFocus, timeout=2000)
    assert window.attribute_editor.name_field.selectedText() == "Console"
