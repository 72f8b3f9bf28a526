"""Delete acts on the widget with the keyboard focus: a field deletes text, a list its row, the canvas
its nodes; Delete typed anywhere else never takes nodes off the canvas."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


def _focus(qtbot, window, widget) -> None:
    window.activateWindow()
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)


def _graph(window):
    return window.document.project.graphs[window.tabs.current_graph_id()]


def test_delete_in_an_attribute_editor_field_deletes_text_not_the_node(qtbot, window):
    node = window.add_node_at_centre("logic.console")
    window.current_canvas().select_nodes([node])
    field = window.attribute_editor.name_field
    qtbot.waitUntil(lambda: field.text() == "Console")
    _focus(qtbot, window, field)
    field.setCursorPosition(0)
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    assert node in _graph(window).nodes
    assert field.text() == "onsole"


def test_delete_in_the_variables_list_removes_the_variable_not_the_node(qtbot, window):
    node = window.add_node_at_centre("logic.console")
    window.current_canvas().select_nodes([node])
    editor = window.variables_panel.editor
    editor.add_row()
    qtbot.waitUntil(lambda: len(window.document.project.variables) == 1)
    _focus(qtbot, window, editor.table)
    editor.table.selectRow(0)
    qtbot.keyClick(editor.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: window.document.project.variables == [])
    assert node in _graph(window).nodes


def test_delete_on_the_canvas_deletes_its_selected_nodes(qtbot, window):
    node = window.add_node_at_centre("logic.console")
    canvas = window.current_canvas()
    canvas.select_nodes([node])
    _focus(qtbot, window, canvas.viewer())
    qtbot.keyClick(canvas.viewer(), Qt.Key.Key_Delete)
    assert node not in _graph(window).nodes


def test_delete_on_a_widget_that_deletes_nothing_leaves_the_canvas_alone(qtbot, window):
    node = window.add_node_at_centre("logic.console")
    window.current_canvas().select_nodes([node])
    console = window.console
    _focus(qtbot, window, console.focusProxy() or console)
    window.actions["delete"].trigger()
    assert node in _graph(window).nodes


def test_delete_with_the_focus_on_the_canvas_tabs_deletes_on_the_canvas(qtbot, window):
    """Where the focus rests when the window opens: the tab bar above the canvases."""
    node = window.add_node_at_centre("logic.console")
    window.current_canvas().select_nodes([node])
    _focus(qtbot, window, window.tabs.tabBar())
    window.actions["delete"].trigger()
    assert node not in _graph(window).nodes
