"""Panels driven like a user would: Toolbox, Attribute Editor, Explorer, Variables, Functions, Events, Console."""

from __future__ import annotations

import html

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QCheckBox, QLineEdit, QSpinBox

from editor.panels.socket_fields import StringListField
from editor.panels.toolbox import NODE_TYPE_MIME
from editor.widgets.json_edit import JsonEdit
from editor.widgets.ref_combo import RefCombo
from runtime.engine.console import ConsoleRecord
from runtime.model import CustomEvent, Variable
from runtime.ports import node_ports
from runtime.specs import Scope
from runtime.types import DataType


def _graph(window, graph_id="project"):
    return window.document.project.graphs[graph_id]


def _double_click_toolbox(qtbot, window, type_id):
    tree = window.toolbox.tree
    item = window.toolbox.item_for(type_id)
    assert item is not None, f"{type_id} not in the toolbox"
    tree.scrollToItem(item)
    rect = tree.visualItemRect(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


# --- Toolbox -----------------------------------------------------------------------------------

def test_toolbox_double_click_adds_at_view_centre_and_undo_removes(qtbot, window):
    _double_click_toolbox(qtbot, window, "logic.branch")
    nodes = list(_graph(window).nodes.values())
    assert [n.type for n in nodes] == ["logic.branch"]
    assert nodes[0].position == window.current_canvas().view_center()
    window.actions["undo"].trigger()
    assert not _graph(window).nodes
    window.actions["redo"].trigger()
    assert len(_graph(window).nodes) == 1


def test_toolbox_drop_on_canvas_adds_where_dropped(qtbot, window):
    canvas = window.current_canvas()
    viewport = canvas.viewer().viewport()
    mime = QMimeData()
    mime.setData(NODE_TYPE_MIME, b"logic.console")
    buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(60, 40), Qt.DropAction.CopyAction, mime, buttons, modifiers)
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(viewport, QDragMoveEvent(QPoint(60, 40), Qt.DropAction.CopyAction, mime, buttons, modifiers))
    QApplication.sendEvent(viewport, QDropEvent(QPointF(60, 40), Qt.DropAction.CopyAction, mime, buttons, modifiers))
    node = next(iter(_graph(window).nodes.values()))
    expected = canvas.map_from_global(viewport.mapToGlobal(QPoint(60, 40)))
    assert node.type == "logic.console"
    assert node.position == expected


def test_toolbox_search_filters_as_you_type(qtbot, window):
    everything = window.toolbox.visible_type_ids()
    qtbot.keyClicks(window.toolbox.search, "bran")
    found = window.toolbox.visible_type_ids()
    assert "logic.branch" in found and len(found) < len(everything) / 4
    qtbot.keyClicks(window.toolbox.search, "ch condition")  # every word must match
    assert window.toolbox.visible_type_ids() == ["logic.branch"]
    window.toolbox.search.clear()
    assert window.toolbox.visible_type_ids() == everything


def test_toolbox_follows_the_tab_scope(qtbot, window):
    assert "fakeio.start" in window.toolbox.visible_type_ids()  # Project and Scene only
    function_id = window.explorer.graphs.add_graph(Scope.FUNCTION)
    window.tabs.show_graph(function_id)
    visible = window.toolbox.visible_type_ids()
    assert "fakeio.start" not in visible and "fakeio.send" in visible
    assert "logic.function_output" in visible


# --- Attribute Editor ----------------------------------------------------------------------------

def _select_new(window, type_id):
    node_id = window.add_node_at_centre(type_id)
    window.current_canvas().select_nodes([node_id])
    return node_id


def test_attribute_editor_edits_are_undoable(qtbot, window):
    node_id = _select_new(window, "fakeio.send")
    editor = window.attribute_editor
    node = _graph(window).nodes[node_id]
    assert editor.type_field.text() == "Fake Send" and editor.type_field.isReadOnly()

    editor.name_field.setFocus()
    editor.name_field.selectAll()
    qtbot.keyClicks(editor.name_field, "Sender")
    qtbot.keyClick(editor.name_field, Qt.Key.Key_Return)
    assert node.name == "Sender"

    qtbot.mouseClick(editor.enabled_field, Qt.MouseButton.LeftButton)
    assert node.enabled is False
    message = editor.fields["Message"]
    assert isinstance(message, QLineEdit)
    message.selectAll()
    qtbot.keyClicks(message, "hello")
    qtbot.keyClick(message, Qt.Key.Key_Return)
    assert node.attributes["Message"] == "hello"
    count = editor.fields["Count"]
    assert isinstance(count, QSpinBox)
    count.setValue(7)
    assert node.attributes["Count"] == 7

    stack = window.document.undo_stack
    stack.undo()
    assert node.attributes["Count"] == 1 and count.value() == 1
    stack.undo()
    assert node.attributes["Message"] == "hi" and message.text() == "hi"
    stack.undo()
    assert node.enabled is True and editor.enabled_field.isChecked()
    stack.undo()
    assert node.name == "Fake Send" and editor.name_field.text() == "Fake Send"
    stack.redo()
    assert node.name == "Sender" and editor.title.text() == "Sender"


def test_setting_attribute_lists_entries_follows_changes_and_flags_missing(qtbot, window):
    document = window.document
    document.set_settings("fakeio", {"entries": [{"name": "local", "url": "http://127.0.0.1", "port": 5000}]})
    node_id = _select_new(window, "fakeio.send")
    combo = window.attribute_editor.fields["Configuration"]
    assert isinstance(combo, RefCombo)
    assert [combo.itemText(i) for i in range(combo.count())] == ["local"]
    combo.setCurrentIndex(0)
    combo.activated.emit(0)
    assert _graph(window).nodes[node_id].attributes["Configuration"] == "local"

    document.set_settings("fakeio", {"entries": [{"name": "local"}, {"name": "remote"}]})
    combo = window.attribute_editor.fields["Configuration"]
    assert [combo.itemText(i) for i in range(combo.count())] == ["local", "remote"]
    document.set_settings("fakeio", {"entries": [{"name": "remote"}]})
    combo = window.attribute_editor.fields["Configuration"]
    assert combo.missing and "local" in combo.currentText()
    assert window.attribute_editor.problems.isVisibleTo(window.attribute_editor)


def test_value_attribute_follows_its_type_and_resets_in_one_step(qtbot, window):
    node_id = _select_new(window, "logic.is_equal")
    editor = window.attribute_editor
    assert isinstance(editor.fields["A"], QSpinBox)
    type_combo = editor.fields["Type"]
    index = type_combo.findText("Dictionary")
    type_combo.setCurrentIndex(index)
    type_combo.activated.emit(index)
    node = _graph(window).nodes[node_id]
    assert node.attributes["Type"] == "Dictionary" and node.attributes["A"] == {}
    value = editor.fields["A"]
    assert isinstance(value, JsonEdit)
    value.setPlainText('{"a": ')
    assert value.property("invalid") is True
    value.setPlainText('{"a": 1}')
    value.committed.emit(value.parse()[0])
    assert node.attributes["A"] == {"a": 1}
    window.document.undo_stack.undo()
    window.document.undo_stack.undo()  # the type change and the reset are one step
    assert node.attributes["Type"] == "Int" and node.attributes["A"] == 0
    assert isinstance(editor.fields["A"], QSpinBox)


def test_attribute_editor_function_and_variable_dropdowns(qtbot, window):
    document = window.document
    function_id = window.explorer.graphs.add_graph(Scope.FUNCTION)
    document.set_variables([Variable("count", DataType.INT, 0)])
    window.tabs.show_graph("project")
    _select_new(window, "logic.function_call")
    combo = window.attribute_editor.fields["Function"]
    assert combo.findData(function_id) >= 0
    _select_new(window, "logic.get_variable")
    combo = window.attribute_editor.fields["Variable"]
    assert combo.findData("count") >= 0


# --- Explorer ------------------------------------------------------------------------------------

def test_explorer_lists_nodes_and_click_selects(qtbot, window):
    node_id = window.add_node_at_centre("logic.console")
    nodes = window.explorer.nodes
    item = nodes.item_for(node_id)
    assert item is not None
    rect = nodes.list.visualItemRect(item)
    qtbot.mouseClick(nodes.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_canvas().selected_node_ids() == [node_id]
    assert window.attribute_editor.node_id == node_id


def test_explorer_adds_renames_and_deletes_scenes_with_tabs_following(qtbot, window):
    graphs = window.explorer.graphs
    scene_id = graphs.add_graph(Scope.SCENE)
    assert scene_id in window.tabs.graph_ids()
    graphs.rename(scene_id, "Menu")
    assert window.tabs.tabText(window.tabs.graph_ids().index(scene_id)) == "Menu"
    assert not graphs.rename(scene_id, "Main")  # taken
    prefab_id = graphs.add_graph(Scope.PREFAB)
    assert window.tabs.graph_ids()[-1] == prefab_id
    graphs.select(scene_id)
    graphs.delete_selected()
    assert scene_id not in window.tabs.graph_ids()
    window.document.undo_stack.undo()
    assert scene_id in window.tabs.graph_ids()
    graphs.select("project")
    graphs.delete_selected()  # refused with a message
    assert "project" in window.document.project.graphs


# --- Variables, Functions, Events -------------------------------------------------------------------

def test_variables_panel_add_type_default_and_rename_updates_nodes(qtbot, window):
    panel = window.variables_panel.editor
    panel.add_button.click()
    project = window.document.project
    assert [v.name for v in project.variables] == ["value1"]
    panel.table.item(0, 2).setText("42")
    assert project.variables[0].default == 42
    panel.table.cellWidget(0, 1).setCurrentText("String")
    assert project.variables[0].type is DataType.STRING
    panel.table.item(0, 2).setText("hi")
    node_id = window.add_node_at_centre("logic.get_variable")
    window.document.set_attribute("project", node_id, "Variable", "value1")
    panel.table.item(0, 0).setText("greeting")
    assert project.variables[0].name == "greeting"
    assert _graph(window).nodes[node_id].attributes["Variable"] == "greeting"
    panel.table.item(0, 2).setText("")
    panel.table.cellWidget(0, 1).setCurrentText("Int")  # "" is no Int: the default becomes 0
    assert project.variables[0].default == 0
    window.document.undo_stack.undo()
    assert project.variables[0].type is DataType.STRING


def test_variables_panel_refuses_duplicates(qtbot, window):
    panel = window.variables_panel.editor
    panel.add_button.click()
    panel.add_button.click()
    panel.table.item(1, 0).setText("value1")
    assert "used twice" in panel.problem.text()
    assert [v.name for v in window.document.project.variables] == ["value1", "value2"]


def test_functions_panel_edits_signature(qtbot, window):
    panel = window.functions_panel
    function_id = panel.functions.add_graph(Scope.FUNCTION)
    panel.functions.select(function_id)
    panel.inputs.add_button.click()
    panel.outputs.add_button.click()
    panel.outputs.table.cellWidget(0, 1).setCurrentText("String")
    graph = window.document.graph(function_id)
    assert [(p.name, p.type) for p in graph.inputs] == [("value1", DataType.INT)]
    assert [(p.name, p.type) for p in graph.outputs] == [("value1", DataType.STRING)]
    assert function_id in window.tabs.graph_ids()


def test_events_panel_lists_custom_events(qtbot, window):
    window.document.set_events([CustomEvent("Ping")])
    trigger = window.add_node_at_centre("logic.custom_event_trigger")
    listener = window.add_node_at_centre("logic.custom_event_listener")
    window.document.set_attribute("project", listener, "Event", "Other")
    assert window.events_panel.event_names() == ["Ping", "Other"]  # declared first, then names only nodes use
    top = window.events_panel.tree.topLevelItem(0)
    window.events_panel.tree.itemClicked.emit(top.child(2), 0)  # after the Trigger and Listener rows
    assert window.current_canvas().selected_node_ids() == [trigger]


# --- Console -----------------------------------------------------------------------------------------

def test_console_filters_clears_and_activates(qtbot, window):
    console = window.console
    node_id = window.add_node_at_centre("logic.console")
    console.add_record(ConsoleRecord("info", "hello", "Project", "project", node_id, "Console"))
    console.add_record(ConsoleRecord("warning", "careful"))
    console.add_record(ConsoleRecord("error", "boom", "Project", "project", node_id, "Console"))
    assert len(console.records(visible_only=True)) == 3
    console.level.setCurrentIndex(2)
    assert [r.message for r in console.records(visible_only=True)] == ["boom"]
    console.view.itemActivated.emit(console.view.topLevelItem(2), 0)
    assert window.current_canvas().selected_node_ids() == [node_id]
    console.clear()
    assert console.records() == []


def test_a_connected_input_shows_the_wire_that_provides_it(qtbot, window):
    document = window.document
    literal = document.add_node("project", "logic.literal_string", (0, 0))
    send = _select_new(window, "fakeio.send")
    from runtime.model import Link

    editor = window.attribute_editor
    document.connect("project", Link(literal.id, "Value", send, "Message"))
    assert editor.fields["Message"].isHidden() and not editor.wired["Message"].isHidden()
    assert editor.wired["Message"].text() == f"⟵ {literal.name} › Value"
    assert not editor.fields["Count"].isHidden() and editor.wired["Count"].isHidden()
    document.set_node_field("project", literal.id, "name", "Greeting")
    assert editor.wired["Message"].text() == "⟵ Greeting › Value"
    document.undo_stack.undo()
    document.undo_stack.undo()  # the connection goes: the value is editable again
    assert not editor.fields["Message"].isHidden() and editor.wired["Message"].isHidden()
    assert isinstance(window.attribute_editor.enabled_field, QCheckBox)


# --- Explorer: renaming in place ------------------------------------------------------------------

def _rename_in_place(qtbot, graphs, graph_id, text, how="double-click"):
    """Opens the in-place editor on a graph (double-click or F2), types `text` and presses Enter."""
    tree = graphs.tree
    item = graphs.item_for(graph_id)
    rect = tree.visualItemRect(item)
    if how == "double-click":  # QTest sends the double-click alone: a user's first click comes before it
        qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    else:
        tree.setCurrentItem(item)
        tree.setFocus()
        qtbot.keyClick(tree, Qt.Key.Key_F2)
    editor = tree.indexWidget(tree.indexFromItem(item))
    assert isinstance(editor, QLineEdit), "no in-place editor opened"
    shown = editor.text()
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    return shown


def test_explorer_renames_a_graph_by_double_click_undoably(qtbot, window):
    graphs = window.explorer.graphs
    function_id = graphs.add_graph(Scope.FUNCTION)
    graph = window.document.graph(function_id)
    shown = _rename_in_place(qtbot, graphs, function_id, "Clamp")
    assert shown == "Function 1"
    qtbot.waitUntil(lambda: graph.name == "Clamp")
    assert window.tabs.tabText(window.tabs.graph_ids().index(function_id)) == "Clamp"
    assert graphs.item_for(function_id).text(0) == "Clamp"
    window.actions["undo"].trigger()
    assert graph.name == "Function 1" and graphs.item_for(function_id).text(0) == "Function 1"


def test_f2_edits_the_name_not_the_label_of_the_start_scene(qtbot, window):
    graphs = window.explorer.graphs
    assert graphs.item_for("scene-main").text(0) == "Main  (start)"
    shown = _rename_in_place(qtbot, graphs, "scene-main", "Level 1", how="F2")
    assert shown == "Main"
    qtbot.waitUntil(lambda: window.document.graph("scene-main").name == "Level 1")
    assert graphs.item_for("scene-main").text(0) == "Level 1  (start)"


def test_in_place_rename_refuses_empty_and_taken_names_with_a_message(qtbot, window):
    graphs = window.explorer.graphs
    scene_id = graphs.add_graph(Scope.SCENE)
    _rename_in_place(qtbot, graphs, scene_id, "Main")
    qtbot.waitUntil(lambda: "another scene has that name" in window.statusBar().currentMessage())
    assert window.document.graph(scene_id).name == "Scene 2"
    assert graphs.item_for(scene_id).text(0) == "Scene 2"
    _rename_in_place(qtbot, graphs, scene_id, "   ")
    qtbot.waitUntil(lambda: "cannot be empty" in window.statusBar().currentMessage())
    assert window.document.graph(scene_id).name == "Scene 2"
    assert not window.document.undo_stack.canUndo() or window.document.undo_stack.undoText().startswith("Add")


# --- Toolbox marks ---------------------------------------------------------------------------------

def test_toolbox_items_carry_description_kind_and_plugin_badge(qtbot, window):
    from editor.canvas.style import category_colour
    from editor.icons import node_icon

    toolbox, registry = window.toolbox, window.registry
    send = toolbox.item_for("fakeio.send")
    assert "Sends." in send.toolTip(0) and "Fake IO plugin" in send.toolTip(0)
    colour = category_colour(registry, "Fake IO").name()
    assert _same_picture(send.icon(0), node_icon(colour, "action", True))
    assert not _same_picture(send.icon(0), node_icon(colour, "action", False))
    branch = toolbox.item_for("logic.branch")
    assert "Continues on True or False" in branch.toolTip(0) and "plugin" not in branch.toolTip(0)
    assert _same_picture(branch.icon(0), node_icon(category_colour(registry, "Flow").name(), "action"))
    folder = branch.parent()
    assert folder.text(0) == "Flow" and not folder.icon(0).isNull()
    for type_id in window.toolbox.visible_type_ids():  # every node has a tip and a mark, none listed by hand
        item = toolbox.item_for(type_id)
        assert html.escape(registry.spec(type_id).description) in item.toolTip(0)
        assert not item.icon(0).isNull()


def _same_picture(a, b) -> bool:
    return a.pixmap(16, 16).toImage() == b.pixmap(16, 16).toImage()


# --- the window's panels ----------------------------------------------------------------------------

def test_no_stale_dock_tab_bars_are_left_over_the_panels(qtbot, window):
    from editor.widgets.dock_tabs import live_groups, shown_tab_bars

    qtbot.waitUntil(lambda: len(shown_tab_bars(window)) == len(live_groups(window)))  # one bar per tab group
    window.docks["events"].close()  # a group changes: its old bar must not stay behind

    def titles() -> list[list[str]]:
        return sorted(sorted(bar.tabText(i) for i in range(bar.count()) if bar.isTabVisible(i))
                      for bar in shown_tab_bars(window))

    qtbot.waitUntil(lambda: titles() == [["Explorer", "Toolbox"], ["Functions", "Variables"]])


def test_attribute_editor_fields_start_on_one_line(qtbot, window):
    node_id = window.add_node_at_centre("fakeio.send")
    window.current_canvas().select_nodes([node_id])
    editor = window.attribute_editor
    fields = (editor.name_field, editor.type_field, *editor.fields.values())
    qtbot.waitUntil(lambda: len({field.mapTo(editor, field.rect().topLeft()).x() for field in fields}) == 1)


def test_switch_cases_edit_in_the_string_list_and_give_the_node_its_outputs(qtbot, window):
    node_id = _select_new(window, "logic.switch")
    node = _graph(window).nodes[node_id]
    field = window.attribute_editor.fields["Cases"]
    assert isinstance(field, StringListField) and field.texts() == ["A", "B"]
    field.committed.emit(["idle", "running"])
    assert node.attributes["Cases"] == ["idle", "running"]
    ports = node_ports(node, window.document.registry.spec("logic.switch"), window.document.project, _graph(window))
    assert ports.pulse_out == ("Case: idle", "Case: running", "Default")
    window.document.undo_stack.undo()
    assert node.attributes["Cases"] == ["A", "B"] and window.attribute_editor.fields["Cases"].texts() == ["A", "B"]


def test_count_and_exit_code_spin_boxes_honour_the_spec_bounds(qtbot, window):
    from runtime.specs import MAX_SOCKETS

    node_id = _select_new(window, "logic.sequential")
    outputs = window.attribute_editor.fields["Outputs"].count
    assert isinstance(outputs, QSpinBox) and (outputs.minimum(), outputs.maximum()) == (1, MAX_SOCKETS)
    outputs.setValue(MAX_SOCKETS)
    outputs.stepUp()
    assert _graph(window).nodes[node_id].attributes["Outputs"] == MAX_SOCKETS

    _select_new(window, "logic.stop_runtime")
    code = window.attribute_editor.fields["Exit Code"]
    assert isinstance(code, QSpinBox) and (code.minimum(), code.maximum()) == (0, 255)


def test_values_a_file_could_not_hold_are_refused_where_they_are_typed(qtbot, window, tmp_path):
    from editor.document import EditRefused
    from runtime import fileformat
    from runtime.filelimits import MAX_DEPTH

    panel = window.variables_panel.editor
    panel.add_button.click()
    project = window.document.project
    for type_name, text in (("Int", "1" + "0" * 30), ("Float", "1e400"), ("Float", "-inf")):
        panel.table.item(0, 2).setText("1")
        panel.table.cellWidget(0, 1).setCurrentText(type_name)
        panel.table.item(0, 2).setText(text)
        assert project.variables[0].default == 1, (type_name, text)  # refused: the last valid value stays
    panel.table.item(0, 2).setText("1e300")
    assert project.variables[0].default == 1e300
    panel.table.cellWidget(0, 1).setCurrentText("Array")
    panel.table.item(0, 2).setText("[" * MAX_DEPTH + "]" * MAX_DEPTH)
    assert project.variables[0].default == []
    panel.table.item(0, 2).setText("[[1]]")
    assert project.variables[0].default == [[1]]

    deep = JsonEdit(list)
    qtbot.addWidget(deep)
    deep.setPlainText("[" * 2000 + "]" * 2000)
    assert "nested deeper than" in deep.problem()

    with_deep_value = '{"nodes": [{"id": "a", "type": "x.y", "name": "A", "attributes": {"v": ' + "[" * 2000 + \
        "]" * 2000 + "}}]}"
    try:
        window.document.paste("project", with_deep_value, None)
    except EditRefused as refused:
        assert "nested deeper than" in str(refused)
    else:
        raise AssertionError("a payload too deep for a file was pasted")
    path = tmp_path / "p.pulse.json"
    fileformat.save(project, path)
    assert fileformat.load(path).variables == project.variables


def test_the_attribute_editor_fits_a_delay_in_a_narrow_panel(qtbot, window):
    from PySide6.QtWidgets import QScrollArea

    _select_new(window, "logic.delay")
    field = next(iter(window.attribute_editor.fields.values()))
    qtbot.waitUntil(field.isVisible, timeout=2000)
    window.resizeDocks([window.docks["attributes"]], [240], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: window.docks["attributes"].width() <= 250, timeout=2000)  # numbers do not force it wide
    scroll = window.attribute_editor.findChild(QScrollArea)
    assert not scroll.horizontalScrollBar().isVisible()
    assert field.mapTo(scroll.viewport(), field.rect().topRight()).x() <= scroll.viewport().width()
