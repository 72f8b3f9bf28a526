"""The String, Array and Dictionary nodes in the editor: found by name in the Toolbox, and the inputs a
count adds get value fields in the Attribute Editor, like the spec's own inputs."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLineEdit

from editor.canvas.tab_search import NodeSearchPopup
from runtime.specs import Scope


@pytest.mark.parametrize(("typed", "expected"), [
    ("json", {"logic.json_parse", "logic.json_stringify"}),
    ("nested", {"logic.get_nested_element"}),
    ("dictionary element", {"logic.get_dictionary_element", "logic.set_dictionary_element",
                            "logic.erase_dictionary_element"}),
    ("pop", {"logic.pop_array_element"}),
    ("regex", {"logic.replace_regex", "logic.match_regex"}),
])
def test_toolbox_search_finds_the_nodes_by_their_names(qtbot, window, typed, expected):
    qtbot.keyClicks(window.toolbox.search, typed)
    assert expected <= set(window.toolbox.visible_type_ids())


def test_counted_inputs_get_value_fields_that_follow_the_count(qtbot, window):
    node_id = window.add_node_at_centre("logic.format_string")
    window.current_canvas().select_nodes([node_id])
    editor, document = window.attribute_editor, window.document
    assert {"Value 1", "Value 2", "Value 3"} <= set(editor.fields) and "Value 4" not in editor.fields
    document.set_attribute("project", node_id, "Values", 4)
    field = editor.fields["Value 4"]
    assert isinstance(field, QLineEdit)
    field.selectAll()
    qtbot.keyClicks(field, "km/h")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    node = document.project.graphs["project"].nodes[node_id]
    assert node.attributes["Value 4"] == "km/h"
    document.undo_stack.undo()
    assert "Value 4" not in node.attributes
    document.undo_stack.undo()
    assert "Value 4" not in editor.fields


@pytest.mark.parametrize(("typed", "expected"), [
    ("json parse", "logic.json_parse"), ("get nested", "logic.get_nested_element"),
    ("pop array", "logic.pop_array_element"), ("format array", "logic.format_array"),
])
def test_tab_search_finds_the_nodes_by_their_names(qtbot, window, typed, expected):
    popup = NodeSearchPopup()
    qtbot.addWidget(popup)
    document = window.document
    popup.set_specs(document.registry.placeable(Scope.PROJECT, document.project))
    popup.open_at(QPoint(0, 0))
    qtbot.keyClicks(popup.search, typed)
    assert popup.type_ids(visible_only=True)[0] == expected
