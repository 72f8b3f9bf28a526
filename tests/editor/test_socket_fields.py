"""The + / x socket-list editing of the Attribute Editor, driven with the mouse on real widgets."""

from __future__ import annotations

from PySide6.QtCore import Qt

from editor.panels.socket_fields import SocketCountField, StringListField
from runtime.model import Link
from runtime.ports import node_ports


def _select_new(window, type_id):
    node_id = window.add_node_at_centre(type_id)
    window.current_canvas().select_nodes([node_id])
    return node_id


def _ports(window, node_id):
    document = window.document
    graph = document.project.graphs["project"]
    node = graph.nodes[node_id]
    return node_ports(node, document.registry.spec(node.type), document.project, graph)


def _click(qtbot, button):
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_sequential_plus_and_x_add_and_remove_pulse_outputs_with_undo(qtbot, window):
    node_id = _select_new(window, "logic.sequential")
    field = window.attribute_editor.fields["Outputs"]
    assert isinstance(field, SocketCountField)
    _click(qtbot, field.add_button)
    assert _ports(window, node_id).pulse_out == ("Then 1", "Then 2", "Then 3")
    console = window.add_node_at_centre("logic.console")
    link = Link(node_id, "Then 3", console, "In")
    window.document.connect("project", link)

    field = window.attribute_editor.fields["Outputs"]
    _click(qtbot, field.remove_button)
    graph = window.document.project.graphs["project"]
    assert graph.nodes[node_id].attributes["Outputs"] == 2
    assert _ports(window, node_id).pulse_out == ("Then 1", "Then 2")
    assert link not in graph.links  # a removed socket takes its connection with it...

    window.actions["undo"].trigger()  # ...and one Undo brings both back
    assert graph.nodes[node_id].attributes["Outputs"] == 3 and link in graph.links
    assert window.attribute_editor.fields["Outputs"].value() == 3


def test_socket_count_stays_within_its_bounds(qtbot, window):
    node_id = _select_new(window, "logic.sequential")
    field = window.attribute_editor.fields["Outputs"]
    _click(qtbot, field.remove_button)
    field = window.attribute_editor.fields["Outputs"]
    assert field.value() == 1 and not field.remove_button.isEnabled()
    window.document.set_attribute("project", node_id, "Outputs", 64)
    field = window.attribute_editor.fields["Outputs"]
    assert field.value() == 64 and not field.add_button.isEnabled() and field.remove_button.isEnabled()


def test_minimum_inputs_count_adds_data_inputs(qtbot, window):
    node_id = _select_new(window, "logic.minimum")
    _click(qtbot, window.attribute_editor.fields["Inputs"].add_button)
    assert [name for name, _ in _ports(window, node_id).inputs] == ["Input 1", "Input 2", "Input 3"]


def test_string_list_adds_renames_and_removes_entries_each_one_undo_step(qtbot, window):
    node_id = _select_new(window, "fakeio.route")
    node = window.document.project.graphs["project"].nodes[node_id]
    field = window.attribute_editor.fields["Cases"]
    assert isinstance(field, StringListField) and field.texts() == ["a", "b"]

    _click(qtbot, field.add_button)
    assert node.attributes["Cases"] == ["a", "b", "Case 3"]
    field = window.attribute_editor.fields["Cases"]
    edit = field.rows[2][0]
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "c")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert node.attributes["Cases"] == ["a", "b", "c"]
    assert _ports(window, node_id).pulse_out == ("a", "b", "c")

    console = window.add_node_at_centre("logic.console")
    window.document.connect("project", Link(node_id, "c", console, "In"))
    field = window.attribute_editor.fields["Cases"]
    _click(qtbot, field.rows[0][1])  # x on "a"
    assert node.attributes["Cases"] == ["b", "c"]
    assert [k.output for k in window.document.project.graphs["project"].links] == ["c"]  # others keep theirs

    undo = window.actions["undo"].trigger
    undo()
    assert node.attributes["Cases"] == ["a", "b", "c"] and len(window.document.project.graphs["project"].links) == 1
    undo(), undo()  # the connection and the console node made in between
    undo()
    assert node.attributes["Cases"] == ["a", "b", "Case 3"]
    undo()
    assert node.attributes["Cases"] == ["a", "b"]


def test_string_list_refuses_duplicates_and_keeps_the_model(qtbot, window):
    node_id = _select_new(window, "fakeio.route")
    node = window.document.project.graphs["project"].nodes[node_id]
    field = window.attribute_editor.fields["Cases"]
    edit = field.rows[1][0]
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "a")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert node.attributes["Cases"] == ["a", "b"]
    assert field.problem.isVisibleTo(field) and "unique" in field.problem.text()
    assert edit.property("invalid") is True
    assert not window.document.undo_stack.canRedo() and window.document.undo_stack.count() == 1  # only the add
