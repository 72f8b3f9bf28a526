"""Find in graph (Ctrl+F, Enter, F3 / Shift+F3) across every tab, and the Explorer's outline (groups and nodes)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from editor import layout_edits
from editor.canvas.graph_canvas import readable_scale
from editor.document import Document
from editor.find import find_in_project, match
from editor.main_window import default_canvas_factory
from runtime.registry import default_registry


def _project(make_window):
    """Nodes in the Project graph and in the start scene; the window on real canvases, Project tab in front."""
    document = Document(registry=default_registry())
    scene = document.project.start_scene
    ids = {
        "logger": document.add_node("project", "logic.console", (0, 0)).id,
        "branch": document.add_node("project", "logic.branch", (0, 300)).id,
        "greet": document.add_node(scene, "logic.console", (400, 100), {"Value": "Login ok"}).id,
        "score": document.add_node(scene, "logic.get_variable", (0, 500), {"Variable": "score"}).id,
    }
    document.set_node_field("project", ids["logger"], "name", "Login logger")
    window = make_window(document, canvas_factory=default_canvas_factory)
    window.activateWindow()
    return window, ids, scene


def _press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.waitUntil(window.isActiveWindow)  # window shortcuts need an active window
    QTest.keyClick(window.focusWidget() or window, key, modifier)


def test_matching_by_name_type_value_and_variable():
    document = Document(registry=default_registry())
    registry = document.registry
    node = document.add_node(document.project.start_scene, "logic.get_variable", (0, 0), {"Variable": "score"})
    spec = registry.spec(node.type)
    assert match(node, spec, "get var") == "name"
    assert match(node, spec, "logic.get_") == "type id: logic.get_variable"
    assert match(node, spec, "scor") == "variable: score"
    assert match(node, spec, "nothing") is None
    hits = find_in_project(document.project, registry, "SCORE")
    assert [(h.graph_id, h.node_id, h.matched) for h in hits] == [(node_graph := document.project.start_scene,
                                                                   node.id, "variable: score")]
    assert hits[0].graph_name == document.project.graphs[node_graph].name


def test_ctrl_f_finds_across_tabs_and_enter_switches_tab_and_selects(qtbot, make_window):
    window, ids, scene = _project(make_window)
    assert window.tabs.current_graph_id() == "project"
    window.current_canvas().viewer().setFocus()
    _press(qtbot, window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    panel = window.find_panel
    assert window.docks["find"].isVisible() and panel.search.hasFocus()
    QTest.keyClicks(panel.search, "login")
    qtbot.waitUntil(lambda: len(panel.hits) == 2)  # the search runs after a short pause
    assert [(h.graph_id, h.node_id) for h in panel.hits] == [("project", ids["logger"]), (scene, ids["greet"])]
    assert panel.results.topLevelItem(1).text(2) == "Value = Login ok"
    panel.results.setCurrentItem(panel.results.topLevelItem(1))
    QTest.keyClick(panel.search, Qt.Key.Key_Return)
    assert window.tabs.current_graph_id() == scene
    canvas = window.current_canvas()
    assert canvas.selected_node_ids() == [ids["greet"]]
    centre = canvas.node_graph().get_node_by_id(ids["greet"]).view.sceneBoundingRect().center()

    def centred() -> bool:  # once the new tab's canvas has its size
        x, y = canvas.view_center()
        return abs(x - centre.x()) < 5 and abs(y - centre.y()) < 5

    qtbot.waitUntil(centred)


def test_f3_and_shift_f3_cycle_through_the_hits(qtbot, make_window):
    window, _ids, _scene = _project(make_window)
    window.show_find()
    QTest.keyClicks(window.find_panel.search, "o")  # every node has an "o" somewhere
    qtbot.waitUntil(lambda: len(window.find_panel.hits) == 4)
    order = [h.node_id for h in window.find_panel.hits]
    seen = []
    for _ in range(5):
        _press(qtbot, window, Qt.Key.Key_F3)
        seen.append(window.current_canvas().selected_node_ids()[0])
    assert seen == order + order[:1]  # wraps around
    _press(qtbot, window, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert window.current_canvas().selected_node_ids() == [order[-1]]
    assert window.tabs.current_graph_id() == window.find_panel.hits[-1].graph_id
    assert window.statusBar().currentMessage().startswith("Found 4 of 4: ")


def test_a_found_node_is_shown_at_a_readable_zoom_and_down_goes_to_the_results(qtbot, make_window):
    window, ids, _scene = _project(make_window)
    canvas = window.current_canvas()
    canvas.viewer().set_scale(0.1)
    window.show_find()
    QTest.keyClicks(window.find_panel.search, "logger")
    QTest.keyClick(window.find_panel.search, Qt.Key.Key_Return)
    assert canvas.selected_node_ids() == [ids["logger"]]
    assert canvas.viewer().scale_factor() == pytest.approx(readable_scale())
    canvas.select_nodes([])
    QTest.keyClicks(window.find_panel.search, "x")  # "loggerx": nothing
    qtbot.waitUntil(lambda: window.find_panel.summary.text() == "No node matches 'loggerx'")
    QTest.keyClick(window.find_panel.search, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: len(window.find_panel.hits) == 1)
    qtbot.waitUntil(window.isActiveWindow)  # focus moves only in the active window
    QTest.keyClick(window.find_panel.search, Qt.Key.Key_Down)
    assert window.find_panel.results.hasFocus()
    QTest.keyClick(window.find_panel.results, Qt.Key.Key_Return)
    assert canvas.selected_node_ids() == [ids["logger"]]


def test_the_find_list_follows_edits(qtbot, make_window):
    window, ids, scene = _project(make_window)
    window.show_find()
    QTest.keyClicks(window.find_panel.search, "login")
    qtbot.waitUntil(lambda: len(window.find_panel.hits) == 2)
    window.document.remove_nodes(scene, [ids["greet"]])
    qtbot.waitUntil(lambda: len(window.find_panel.hits) == 1)


def test_the_explorer_lists_groups_beside_nodes_and_filters_like_find(qtbot, make_window):
    window, ids, _scene = _project(make_window)
    canvas = window.current_canvas()
    canvas.select_nodes([ids["branch"]])
    group_id = canvas.group_selected("Login checks")
    outline = window.explorer.nodes
    labels = [outline.list.item(i).text() for i in range(outline.list.count())]
    assert labels[0] == "▣ Login checks" and len(labels) == 3
    outline.filter.setText("logic.bran")  # a type id, as Find matches
    shown = [outline.list.item(i).text() for i in range(outline.list.count()) if not outline.list.item(i).isHidden()]
    assert shown == ["Branch"]
    outline.filter.setText("login")
    shown = [outline.list.item(i).text() for i in range(outline.list.count()) if not outline.list.item(i).isHidden()]
    assert shown == ["▣ Login checks", "Login logger  ·  Console"]
    canvas.select_nodes([])
    item = outline.item_for(group_id)
    qtbot.mouseClick(outline.list.viewport(), Qt.MouseButton.LeftButton, pos=outline.list.visualItemRect(item).center())
    assert canvas.selected_group_ids() == [group_id]


def test_the_explorer_lists_comments_and_a_click_selects_one(qtbot, make_window):
    window, _ids, _scene = _project(make_window)
    canvas = window.current_canvas()
    editor = canvas.add_comment((400.0, 300.0))
    assert editor is not None
    (comment,) = window.document.project.project_graph.comments
    layout_edits.set_comment_text(window.document, "project", comment.id, "**Retry** policy\nsee docs")
    outline = window.explorer.nodes
    outline.filter.setText("retry")
    shown = [outline.list.item(i).text() for i in range(outline.list.count()) if not outline.list.item(i).isHidden()]
    assert shown == ["✎ Retry policy"]
    canvas.select_nodes([])
    item = outline.item_for(comment.id)
    qtbot.mouseClick(outline.list.viewport(), Qt.MouseButton.LeftButton, pos=outline.list.visualItemRect(item).center())
    assert canvas.selected_comment_ids() == [comment.id]
