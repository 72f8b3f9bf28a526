"""Prefabs from the editor: a prefab's own variables, a scene's prefab instances, deleting a used prefab."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QDoubleSpinBox, QLineEdit, QMessageBox, QTableWidget

from editor.document import Document, EditRefused
from runtime import fileformat
from runtime.model import Link, PrefabInstance, Variable
from runtime.specs import Scope
from runtime.types import DataType


def type_in_cell(qtbot, table: QTableWidget, row: int, column: int, text: str) -> None:
    """Edits a cell as a user does: open its editor, replace the text, press Enter."""
    item = table.item(row, column)
    table.setCurrentItem(item)
    table.editItem(item)
    editor = table.indexWidget(table.indexFromItem(item))
    assert isinstance(editor, QLineEdit), "the cell did not open an editor"
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState)  # Qt commits on the next turn


def choose(combo, text: str) -> None:
    """Picks an entry of a drop-down by its text, as a click on it would."""
    index = combo.findText(text)
    assert index >= 0, f"{text!r} is not offered"
    combo.setCurrentIndex(index)


def open_prefab(window, name: str = "Enemy") -> str:
    graphs = window.explorer.graphs
    prefab_id = graphs.add_graph(Scope.PREFAB)
    graphs.rename(prefab_id, name)
    window.tabs.show_graph(prefab_id)
    return prefab_id


# --- a prefab's own variables -------------------------------------------------------------------

def test_prefab_variables_show_on_the_prefab_tab_and_edit_undoably(qtbot, window):
    panel = window.variables_panel
    assert not panel.prefab_editor.isVisibleTo(panel)
    prefab_id = open_prefab(window)
    editor = panel.prefab_editor
    assert editor.isVisibleTo(panel) and editor.heading.text() == "Enemy variables"

    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    type_in_cell(qtbot, editor.table, 0, 0, "health")
    type_in_cell(qtbot, editor.table, 0, 2, "100")
    choose(editor.table.cellWidget(0, 1), "Float")
    prefab = window.document.graph(prefab_id)
    assert prefab.variables == [Variable("health", DataType.FLOAT, 100.0)]
    assert window.document.project.variables == []  # the project's own list is untouched

    stack = window.document.undo_stack
    stack.undo()
    assert prefab.variables == [Variable("health", DataType.INT, 100)]
    assert editor.table.cellWidget(0, 1).currentText() == "Int"
    stack.undo()
    stack.undo()
    stack.undo()
    assert prefab.variables == [] and editor.table.rowCount() == 0
    stack.redo()
    assert [v.name for v in prefab.variables] == ["value1"]

    window.tabs.show_graph("project")
    assert not editor.isVisibleTo(panel)


def _speed_in_project_and_in_a_prefab(window) -> tuple:
    """A project variable `speed` and a prefab with its own `speed`, read by a node on the prefab's tab."""
    document = window.document
    document.set_variables([Variable("speed", DataType.INT, 1)])
    prefab_id = open_prefab(window)
    document.set_prefab_variables(prefab_id, [Variable("speed", DataType.FLOAT, 2.5)])
    own = document.add_node(prefab_id, "logic.get_variable", (0, 0)).id
    document.set_attribute(prefab_id, own, "Variable", "speed")
    return document, prefab_id, own


def test_renaming_a_prefab_variable_renames_it_in_that_prefab_only_in_one_step(qtbot, window):
    document, prefab_id, own = _speed_in_project_and_in_a_prefab(window)
    global_user = document.add_node("project", "logic.get_variable", (0, 0)).id
    document.set_attribute("project", global_user, "Variable", "speed")

    type_in_cell(qtbot, window.variables_panel.prefab_editor.table, 0, 0, "velocity")
    assert [v.name for v in document.graph(prefab_id).variables] == ["velocity"]
    assert document.graph(prefab_id).nodes[own].attributes["Variable"] == "velocity"
    assert document.graph("project").nodes[global_user].attributes["Variable"] == "speed"
    document.undo_stack.undo()  # the list and the node together
    assert [v.name for v in document.graph(prefab_id).variables] == ["speed"]
    assert document.graph(prefab_id).nodes[own].attributes["Variable"] == "speed"


def test_project_variable_rename_leaves_prefab_nodes_that_see_their_own(qtbot, window):
    document, prefab_id, own = _speed_in_project_and_in_a_prefab(window)
    type_in_cell(qtbot, window.variables_panel.editor.table, 0, 0, "pace")
    assert document.project.variables[0].name == "pace"
    assert document.graph(prefab_id).nodes[own].attributes["Variable"] == "speed"


def test_variable_dropdown_offers_the_prefabs_own_variables_on_its_tab(qtbot, window):
    document = window.document
    document.set_variables([Variable("score", DataType.INT, 0), Variable("speed", DataType.INT, 1)])
    prefab_id = open_prefab(window)
    document.set_prefab_variables(prefab_id, [Variable("speed", DataType.FLOAT, 2.5),
                                              Variable("health", DataType.INT, 3)])
    node_id = window.add_node_at_centre("logic.set_variable")
    window.current_canvas().select_nodes([node_id])
    combo = window.attribute_editor.fields["Variable"]
    labels = [combo.itemText(i) for i in range(combo.count())]
    assert labels == ["speed  (Float · Enemy)", "health  (Int · Enemy)", "score  (Int)"]
    combo.setCurrentIndex(0)
    combo.activated.emit(0)
    assert document.graph(prefab_id).nodes[node_id].attributes["Variable"] == "speed"
    assert isinstance(window.attribute_editor.fields["Value"], QDoubleSpinBox)  # typed by the prefab's own

    window.tabs.show_graph("project")
    project_node = window.add_node_at_centre("logic.get_variable")
    window.current_canvas().select_nodes([project_node])
    combo = window.attribute_editor.fields["Variable"]
    assert [combo.itemData(i) for i in range(combo.count())] == ["score", "speed"]


def test_a_variable_type_change_drops_connections_it_breaks_and_the_file_still_loads(qtbot, window, registry):
    document = window.document
    prefab_id = open_prefab(window)
    document.set_prefab_variables(prefab_id, [Variable("hp", DataType.INT, 3)])
    literal = document.add_node(prefab_id, "logic.literal_int", (0, 0)).id
    setter = document.add_node(prefab_id, "logic.set_variable", (200, 0)).id
    document.set_attribute(prefab_id, setter, "Variable", "hp")
    document.set_attribute(prefab_id, setter, "Value", 7)
    link = Link(literal, "Value", setter, "Value")
    document.connect(prefab_id, link)

    choose(window.variables_panel.prefab_editor.table.cellWidget(0, 1), "String")
    prefab = document.graph(prefab_id)
    assert link not in prefab.links and prefab.nodes[setter].attributes["Value"] == ""
    fileformat.loads(fileformat.dumps(document.project), registry=registry)  # would fail on a mismatched link
    document.undo_stack.undo()
    assert link in prefab.links and prefab.variables[0].type is DataType.INT
    assert prefab.nodes[setter].attributes["Value"] == 7


def test_set_prefab_variables_refuses_other_graphs(window):
    with pytest.raises(EditRefused, match="not a prefab"):
        window.document.set_prefab_variables("scene-main", [Variable("x", DataType.INT, 0)])


# --- a scene's prefab instances ----------------------------------------------------------------------

def test_instances_section_follows_the_scene_tab_and_says_when_there_is_no_prefab(qtbot, window):
    panel = window.explorer.instances
    assert not panel.isVisibleTo(window.explorer)  # the Project tab has no instances
    window.tabs.show_graph("scene-main")
    assert panel.isVisibleTo(window.explorer)
    assert panel.editor.heading.text() == "Prefab instances in Main"
    assert panel.empty.isVisibleTo(panel) and not panel.editor.add_button.isEnabled()
    window.explorer.graphs.add_graph(Scope.PREFAB)
    window.tabs.show_graph("scene-main")
    assert not panel.empty.isVisibleTo(panel) and panel.editor.add_button.isEnabled()


def test_adding_naming_and_retargeting_instances_is_undoable(qtbot, window):
    document = window.document
    enemy = open_prefab(window, "Enemy")
    boss = open_prefab(window, "Boss")
    window.tabs.show_graph("scene-main")
    editor = window.explorer.instances.editor
    scene = document.graph("scene-main")

    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    assert scene.instances == [PrefabInstance("Enemy 1", enemy), PrefabInstance("Enemy 2", enemy)]
    type_in_cell(qtbot, editor.table, 1, 0, "Big One")
    choose(editor.table.cellWidget(1, 1), "Boss")
    assert scene.instances == [PrefabInstance("Enemy 1", enemy), PrefabInstance("Big One", boss)]

    type_in_cell(qtbot, editor.table, 1, 0, "Enemy 1")  # a duplicate: said, not applied
    assert "used twice" in editor.problem.text() and editor.problem.isVisibleTo(editor)
    assert scene.instances[1].name == "Big One"
    type_in_cell(qtbot, editor.table, 1, 0, "  ")
    assert "a name is needed" in editor.problem.text()

    document.undo_stack.undo()
    assert scene.instances[1] == PrefabInstance("Big One", enemy)
    assert editor.table.cellWidget(1, 1).currentText() == "Enemy"
    editor.table.selectRow(0)
    qtbot.mouseClick(editor.remove_button, Qt.MouseButton.LeftButton)
    assert [i.name for i in scene.instances] == ["Big One"]
    document.undo_stack.undo()
    assert [i.name for i in scene.instances] == ["Enemy 1", "Big One"]


def test_set_instances_refuses_bad_lists(window):
    document = window.document
    prefab = document.add_graph(Scope.PREFAB, "Enemy").id
    for instances, problem in (([PrefabInstance("", prefab)], "a name is needed"),
                               ([PrefabInstance("a", prefab), PrefabInstance("a", prefab)], "used twice"),
                               ([PrefabInstance("a", "scene-main")], "no prefab")):
        with pytest.raises(EditRefused, match=problem):
            document.set_instances("scene-main", instances)
    with pytest.raises(EditRefused, match="not a scene"):
        document.set_instances(prefab, [PrefabInstance("a", prefab)])
    assert document.graph("scene-main").instances == []


def _answer_delete(monkeypatch, button) -> list[str]:
    asked: list[str] = []

    def warning(_parent, title, text, *args, **kwargs):
        asked.append(text)
        return button

    monkeypatch.setattr(QMessageBox, "warning", warning)
    return asked


def test_deleting_a_prefab_with_instances_asks_and_takes_them_in_one_step(qtbot, window, monkeypatch):
    document = window.document
    prefab = document.add_graph(Scope.PREFAB, "Enemy").id
    menu = document.add_graph(Scope.SCENE, "Menu").id
    document.set_instances("scene-main", [PrefabInstance("e1", prefab)])
    document.set_instances(menu, [PrefabInstance("e2", prefab)])
    graphs = window.explorer.graphs
    graphs.select(prefab)

    asked = _answer_delete(monkeypatch, QMessageBox.StandardButton.Cancel)
    graphs.delete_selected()
    assert "'Main', 'Menu'" in asked[0] and prefab in document.project.graphs

    _answer_delete(monkeypatch, QMessageBox.StandardButton.Yes)
    graphs.select(prefab)
    graphs.delete_selected()
    assert prefab not in document.project.graphs and prefab not in window.tabs.graph_ids()
    assert document.graph("scene-main").instances == [] and document.graph(menu).instances == []
    document.undo_stack.undo()
    assert prefab in document.project.graphs
    assert document.graph(menu).instances == [PrefabInstance("e2", prefab)]


def test_remove_graph_refuses_a_used_prefab_naming_the_scenes(window):
    document = window.document
    prefab = document.add_graph(Scope.PREFAB, "Enemy").id
    document.set_instances("scene-main", [PrefabInstance("e1", prefab)])
    with pytest.raises(EditRefused, match="instances in 'Main'"):
        document.remove_graph(prefab)


def test_prefab_variables_and_instances_survive_save_and_reopen(qtbot, window, tmp_path, registry):
    document = window.document
    prefab = open_prefab(window)
    document.set_prefab_variables(prefab, [Variable("hp", DataType.INT, 3)])
    document.set_instances("scene-main", [PrefabInstance("e1", prefab)])
    document.save(tmp_path / "p.pulse.json")
    reopened = Document.open(tmp_path / "p.pulse.json", registry)
    assert reopened.project == document.project
