"""The Events panel: declaring custom events and their typed parameters, with undo, and placing them."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from editor.panels.events import LISTENER, TRIGGER, place_mime
from editor.panels.socket_fields import SocketCountField
from runtime.fileformat import dumps, loads
from runtime.model import CustomEvent, Link, Param
from runtime.types import DataType


def _project_graph(window):
    return window.document.project.graphs["project"]


def _add_event_with_parameters(qtbot, window, *types):
    panel = window.events_panel
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    for index, type_name in enumerate(types):
        panel.parameters.add_row()
        panel.parameters.table.cellWidget(index, 1).setCurrentText(type_name)
    return window.document.project.events[-1]


def _place_row(panel, event, type_id):
    top = panel.event_item(event)
    return next(top.child(i) for i in range(top.childCount()) if top.child(i).data(0, Qt.ItemDataRole.UserRole + 3)
                == type_id)


def test_add_event_and_parameters_each_one_undo_step(qtbot, window):
    event = _add_event_with_parameters(qtbot, window, "Int", "String")
    assert event == CustomEvent("Event 1", [Param("param1", DataType.INT), Param("param2", DataType.STRING)])
    assert window.events_panel.event_names() == ["Event 1"]
    stack = window.document.undo_stack
    for expected in ([Param("param1", DataType.INT), Param("param2", DataType.INT)], [Param("param1", DataType.INT)],
                     []):
        stack.undo()
        assert window.document.project.events == [CustomEvent("Event 1", expected)]
    stack.undo()
    assert window.document.project.events == [] and window.events_panel.event_names() == []


def test_drag_listener_and_double_click_trigger_onto_the_canvas(qtbot, window):
    _add_event_with_parameters(qtbot, window, "Float")
    panel = window.events_panel
    mime = place_mime(_place_row(panel, "Event 1", LISTENER))
    viewport = window.current_canvas().viewer().viewport()
    buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, mime, buttons, modifiers)
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(viewport, QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime, buttons, modifiers))
    graph = _project_graph(window)
    (listener,) = graph.nodes.values()
    assert listener.type == LISTENER and listener.attributes["Event"] == "Event 1"
    assert window.document.undo_stack.undoText() == "Add Custom Event Listener"  # one step

    panel.tree.itemDoubleClicked.emit(_place_row(window.events_panel, "Event 1", TRIGGER), 0)
    trigger = next(n for n in graph.nodes.values() if n.type == TRIGGER)
    assert trigger.attributes["Event"] == "Event 1"
    users = window.events_panel.event_item("Event 1")
    assert [users.child(i).text(0) for i in range(users.childCount())][2:] == [
        "Custom Event Listener (Custom Event Listener)", "Custom Event Trigger (Custom Event Trigger)"]

    window.current_canvas().select_nodes([trigger.id])
    field = window.attribute_editor.fields["param1"]  # the parameter's value when not connected
    field.setValue(2.5)
    assert trigger.attributes["param1"] == 2.5


def test_renaming_a_parameter_keeps_connections_and_values_retyping_drops_them(qtbot, window):
    _add_event_with_parameters(qtbot, window, "Int")
    document = window.document
    trigger = window.add_node_at_centre(TRIGGER)
    listener = window.add_node_at_centre(LISTENER)
    literal = window.add_node_at_centre("logic.literal_int")
    console = window.add_node_at_centre("logic.console")
    document.set_attribute("project", trigger, "param1", 9)
    into, out_of = Link(literal, "Value", trigger, "param1"), Link(listener, "param1", console, "Value")
    document.connect("project", into)
    document.connect("project", out_of)
    graph = _project_graph(window)

    table = window.events_panel.parameters.table
    table.item(0, 0).setText("level")
    assert document.project.events[0].parameters == [Param("level", DataType.INT)]
    assert set(graph.links) == {Link(literal, "Value", trigger, "level"), Link(listener, "level", console, "Value")}
    assert graph.nodes[trigger].attributes.get("level") == 9 and "param1" not in graph.nodes[trigger].attributes
    loads(dumps(document.project))  # the file stays loadable

    window.events_panel.parameters.table.cellWidget(0, 1).setCurrentText("String")
    assert graph.links == [Link(listener, "level", console, "Value")]  # Console takes Any: only Int -> String broke
    assert graph.nodes[trigger].attributes["level"] == ""
    document.undo_stack.undo()
    assert graph.nodes[trigger].attributes["level"] == 9 and len(graph.links) == 2
    document.undo_stack.undo()
    assert set(graph.links) == {into, out_of} and graph.nodes[trigger].attributes["param1"] == 9


def test_rename_and_delete_an_event_with_undo(qtbot, window):
    _add_event_with_parameters(qtbot, window)
    document, panel = window.document, window.events_panel
    trigger = window.add_node_at_centre(TRIGGER)
    panel.tree.setCurrentItem(panel.event_item("Event 1"))
    qtbot.mouseClick(panel.rename_button, Qt.MouseButton.LeftButton)
    editor = panel.tree.focusWidget() if panel.tree.state() == panel.tree.State.EditingState else None
    assert editor is not None
    editor.selectAll()
    qtbot.keyClicks(editor, "overheat")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: [e.name for e in document.project.events] == ["overheat"])  # Qt commits next turn
    assert _project_graph(window).nodes[trigger].attributes["Event"] == "overheat"

    panel.tree.setCurrentItem(panel.event_item("overheat"))
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert document.project.events == []
    assert panel.event_names() == ["overheat"]  # still named by the Trigger: listed as not declared
    assert not panel.event_item("overheat").data(0, Qt.ItemDataRole.UserRole + 4)
    window.current_canvas().select_nodes([trigger])
    assert window.attribute_editor.fields["Event"].missing
    document.undo_stack.undo()
    assert [e.name for e in document.project.events] == ["overheat"]
    document.undo_stack.undo()
    assert [e.name for e in document.project.events] == ["Event 1"]
    assert _project_graph(window).nodes[trigger].attributes["Event"] == "Event 1"


def test_duplicate_names_are_refused_with_a_message(qtbot, window):
    _add_event_with_parameters(qtbot, window, "Int", "Int")
    messages = []
    window.events_panel.message.connect(messages.append)
    window.events_panel.parameters.table.item(1, 0).setText("param1")
    assert window.document.project.events[0].parameters[1].name == "param2"  # the table shows the problem
    assert window.events_panel.parameters.problem.isVisibleTo(window.events_panel)
    window.document.set_events([CustomEvent("a"), CustomEvent("b")])
    item = window.events_panel.event_item("b")
    item.setText(0, "a")
    assert [e.name for e in window.document.project.events] == ["a", "b"]
    assert messages and "used twice" in messages[-1]


def test_undeclared_event_can_be_declared_from_the_panel(qtbot, window):
    trigger = window.add_node_at_centre(TRIGGER)
    window.document.set_attribute("project", trigger, "Event", "legacy")
    panel = window.events_panel
    assert panel.event_names() == ["legacy"]
    panel.tree.setCurrentItem(panel.event_item("legacy"))
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert [e.name for e in window.document.project.events] == ["legacy"]


def test_new_trigger_takes_the_first_event_and_sequential_field_is_a_socket_counter(qtbot, window):
    window.document.set_events([CustomEvent("first"), CustomEvent("second")])
    trigger = window.add_node_at_centre(TRIGGER)
    assert _project_graph(window).nodes[trigger].attributes["Event"] == "first"
    window.current_canvas().select_nodes([window.add_node_at_centre("logic.sequential")])
    assert isinstance(window.attribute_editor.fields["Outputs"], SocketCountField)


def test_keyboard_f2_renames_the_bare_name_and_delete_removes(qtbot, window):
    window.document.set_events([CustomEvent("tick", [Param("n", DataType.INT)])])
    panel, tree = window.events_panel, window.events_panel.tree
    item = panel.event_item("tick")
    assert (item.text(0), item.text(1)) == ("tick", "Int")
    tree.setCurrentItem(item)
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_F2)
    editor = tree.indexWidget(tree.indexFromItem(item))
    assert editor is not None and editor.text() == "tick"
    editor.selectAll()
    qtbot.keyClicks(editor, "tock")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: [e.name for e in window.document.project.events] == ["tock"])
    console = window.add_node_at_centre("logic.console")
    window.current_canvas().select_nodes([console])
    tree.setCurrentItem(panel.event_item("tock"))
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Delete)
    assert window.document.project.events == []
    assert console in _project_graph(window).nodes  # the canvas selection is not what Delete meant here
