"""File -> Export Selection / Import Logic on the real window and canvas: the file's contents, a round
trip into another project (scope refusal, missing definitions created on request, one undo step)."""

from __future__ import annotations

import json

import pytest
from canvas_helpers import place, quiet
from PySide6.QtWidgets import QFileDialog, QMessageBox

from editor import layout_edits
from editor.canvas import GraphCanvas
from editor.document import Document
from runtime import fileformat
from runtime.model import CustomEvent, Link, Param, Variable
from runtime.specs import Scope
from runtime.types import DataType

YES, NO, CANCEL = (QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No,
                   QMessageBox.StandardButton.Cancel)


def _source_document(registry) -> tuple[Document, dict]:
    """Project tab: start -> Set Count -> Trigger Ping -> call Double -> Console, Get Count feeding the call,
    plus a stray Console linked to the last one (not exported)."""
    document = Document(registry=registry)
    project = document.project
    project.variables.append(Variable("Count", DataType.INT, 3))
    project.events.append(CustomEvent("Ping", [Param("Value", DataType.INT)]))
    double = document.add_graph(Scope.FUNCTION, "Double")
    document.set_signature(double.id, [Param("X", DataType.INT)], [Param("Y", DataType.INT)])
    graph = project.project_graph
    nodes = {
        "start": place(graph, registry, "logic.on_project_start", (0, 0)),
        "set": place(graph, registry, "logic.set_variable", (250, 0)),
        "trigger": place(graph, registry, "logic.custom_event_trigger", (500, 0)),
        "call": place(graph, registry, "logic.function_call", (750, 0)),
        "show": place(graph, registry, "logic.console", (1000, 0)),
        "get": place(graph, registry, "logic.get_variable", (500, 200)),
        "stray": place(graph, registry, "logic.console", (1300, 300)),
    }
    nodes["set"].attributes["Variable"] = "Count"
    nodes["get"].attributes["Variable"] = "Count"
    nodes["trigger"].attributes["Event"] = "Ping"
    nodes["call"].attributes["Function"] = double.id
    graph.links += [Link(nodes["start"].id, "Out", nodes["set"].id, "In"),
                    Link(nodes["set"].id, "Out", nodes["trigger"].id, "In"),
                    Link(nodes["trigger"].id, "Out", nodes["call"].id, "In"),
                    Link(nodes["call"].id, "Out", nodes["show"].id, "In"),
                    Link(nodes["get"].id, "Value", nodes["call"].id, "X"),
                    Link(nodes["show"].id, "Out", nodes["stray"].id, "In")]
    document.add_group(graph.id, "Setup", (-20, -40, 520, 160))
    layout_edits.add_comment(document, graph.id, (0, -200), "**Start** here")
    graph.bends[graph.links[0]] = ((120.0, -60.0),)  # a reroute point on start -> set
    document.undo_stack.clear()
    return document, nodes


@pytest.fixture
def exported(make_window, registry, tmp_path, monkeypatch):
    """The source project's selection (all but the stray node, and the group) exported through the menu."""
    document, nodes = _source_document(registry)
    window = make_window(document, canvas_factory=GraphCanvas)
    canvas = window.current_canvas()
    canvas.select_nodes([n.id for key, n in nodes.items() if key != "stray"])
    canvas.group_item(document.project.project_graph.groups[0].id).setSelected(True)  # as a rubber band does
    canvas.comment_item(document.project.project_graph.comments[0].id).setSelected(True)
    target = tmp_path / "chain"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.actions["export_logic"].trigger()
    quiet(document)
    return tmp_path / "chain.pulse-logic.json", nodes


def test_export_selection_writes_nodes_internal_links_groups_and_definitions(exported):
    path, nodes = exported
    data = json.loads(path.read_text())
    assert (data["kind"], data["format_version"], data["scope"]) == ("pulse-studio-logic", 1, "project")
    assert data["project_format_version"] == fileformat.FORMAT_VERSION
    assert sorted(n["id"] for n in data["nodes"]) == sorted(n.id for k, n in nodes.items() if k != "stray")
    assert len(data["connections"]) == 5  # the one to the stray node stays behind
    assert all(nodes["stray"].id not in c["from"] + c["to"] for c in data["connections"])
    assert [(g["title"], g["rect"]) for g in data["groups"]] == [("Setup", [-20, -40, 520, 160])]
    assert [c["text"] for c in data["comments"]] == ["**Start** here"]
    assert [c.get("points") for c in data["connections"] if c["from"] == [nodes["start"].id, "Out"]] == [[[120, -60]]]
    assert data["variables"] == [{"name": "Count", "type": "Int", "default": 3}]
    assert data["events"] == [{"name": "Ping", "parameters": [{"name": "Value", "type": "Int"}]}]
    assert data["functions"] == [{"id": nodes["call"].attributes["Function"], "name": "Double",
                                  "inputs": [{"name": "X", "type": "Int"}], "outputs": [{"name": "Y", "type": "Int"}]}]


def _import(window, path, monkeypatch) -> list[str]:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    before = set(window.document.graph(window.tabs.current_graph_id()).nodes)
    window.actions["import_logic"].trigger()
    return sorted(set(window.document.graph(window.tabs.current_graph_id()).nodes) - before)


def test_import_into_another_project_creates_what_is_missing_and_undoes_in_one_step(
        exported, make_window, registry, monkeypatch, no_modal_boxes):
    path, _nodes = exported
    document = Document(registry=registry)
    window = make_window(document, canvas_factory=GraphCanvas)
    graph = document.project.project_graph
    shown = no_modal_boxes.expect("question", YES)
    centre = window.current_canvas().view_center()

    new_ids = _import(window, path, monkeypatch)

    assert "variable 'Count' (Int)" in shown[0][1] and "event 'Ping'" in shown[0][1]
    assert "function 'Double'" in shown[0][1]
    assert len(new_ids) == 6 and len(graph.links) == 5 and [g.title for g in graph.groups] == ["Setup"]
    assert [c.text for c in graph.comments] == ["**Start** here"] and len(graph.bends) == 1
    assert document.project.variables == [Variable("Count", DataType.INT, 3)]
    assert document.project.events == [CustomEvent("Ping", [Param("Value", DataType.INT)])]
    double = document.project.graph_named(Scope.FUNCTION, "Double")
    assert (double.inputs, double.outputs) == ([Param("X", DataType.INT)], [Param("Y", DataType.INT)])
    call = next(n for n in graph.nodes.values() if n.type == "logic.function_call")
    assert call.attributes["Function"] == double.id  # pointed at this project's function
    corner = (graph.groups[0].rect[0], graph.comments[0].rect[1])  # the leftmost and the topmost item
    assert corner == pytest.approx(centre)  # at the view centre, as paste places things
    assert sorted(window.current_canvas().selected_node_ids()) == new_ids
    # the project saves and loads again: nothing imported breaks the file
    assert fileformat.loads(fileformat.dumps(document.project), registry=registry) == document.project

    assert document.undo_stack.count() == 1
    window.actions["undo"].trigger()
    assert not graph.nodes and not graph.links and not graph.groups and not graph.comments and not graph.bends
    assert not document.project.variables and not document.project.events
    assert document.project.graph_named(Scope.FUNCTION, "Double") is None
    window.actions["redo"].trigger()
    assert len(graph.nodes) == 6 and document.project.graph_named(Scope.FUNCTION, "Double") is not None
    quiet(document)


def test_import_without_creating_keeps_the_names_and_calls_no_function(
        exported, make_window, registry, monkeypatch, no_modal_boxes):
    path, _nodes = exported
    document = Document(registry=registry)
    window = make_window(document, canvas_factory=GraphCanvas)
    no_modal_boxes.expect("question", NO)
    new_ids = _import(window, path, monkeypatch)
    graph = document.project.project_graph
    assert len(new_ids) == 6 and not document.project.variables and not document.project.events
    setter = next(n for n in graph.nodes.values() if n.type == "logic.set_variable")
    call = next(n for n in graph.nodes.values() if n.type == "logic.function_call")
    assert setter.attributes["Variable"] == "Count" and call.attributes["Function"] == ""
    quiet(document)


def test_cancel_imports_nothing(exported, make_window, registry, monkeypatch, no_modal_boxes):
    path, _nodes = exported
    document = Document(registry=registry)
    window = make_window(document, canvas_factory=GraphCanvas)
    no_modal_boxes.expect("question", CANCEL)
    assert _import(window, path, monkeypatch) == []
    assert document.undo_stack.count() == 0
    quiet(document)


def test_import_refuses_node_types_the_tab_does_not_allow_naming_them(
        exported, make_window, registry, monkeypatch, no_modal_boxes):
    path, _nodes = exported
    document = Document(registry=registry)
    window = make_window(document, canvas_factory=GraphCanvas)
    scene = document.graph(document.project.start_scene)
    window.tabs.show_graph(scene.id)
    shown = no_modal_boxes.expect("warning")
    assert _import(window, path, monkeypatch) == []
    assert f"On Project Start nodes cannot be placed on the scene tab {scene.name!r}" in shown[0][1]
    assert document.undo_stack.count() == 0 and not document.project.variables
    quiet(document)


def test_import_refuses_a_variable_of_another_type(exported, make_window, registry, monkeypatch, no_modal_boxes):
    path, _nodes = exported
    document = Document(registry=registry)
    document.project.variables.append(Variable("Count", DataType.STRING, ""))
    window = make_window(document, canvas_factory=GraphCanvas)
    shown = no_modal_boxes.expect("warning")
    assert _import(window, path, monkeypatch) == []
    assert "variable 'Count' is String in this project but Int in the file" in shown[0][1]
    quiet(document)


def test_a_bad_file_gives_an_error_naming_it_and_the_place(make_window, tmp_path, monkeypatch, no_modal_boxes):
    path = tmp_path / "broken.pulse-logic.json"
    path.write_text(json.dumps({"kind": "pulse-studio-logic", "format_version": 1, "scope": "scene",
                                "nodes": [{"id": "n1", "name": "x"}]}))
    window = make_window()
    shown = no_modal_boxes.expect("critical")
    assert _import(window, path, monkeypatch) == []
    assert str(path) in shown[0][1] and "$.nodes[0]" in shown[0][1] and "'type'" in shown[0][1]
    quiet(window.document)


def test_export_with_nothing_selected_says_so(make_window, monkeypatch):
    window = make_window(canvas_factory=GraphCanvas)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: pytest.fail("no dialog without a selection"))
    window.actions["export_logic"].trigger()
    assert "Select the nodes" in window.statusBar().currentMessage()
    quiet(window.document)


def test_a_paste_refusal_after_creating_definitions_leaves_nothing_behind(
        exported, make_window, registry, monkeypatch, no_modal_boxes):
    """The file reads, but one node breaks a rule only a paste checks: the created definitions go too,
    and there is nothing to redo."""
    path, nodes = exported
    data = json.loads(path.read_text())
    show = next(n for n in data["nodes"] if n["id"] == nodes["show"].id)
    show["type"], show["attributes"] = "logic.sequential", {"Outputs": 999}
    path.write_text(json.dumps(data))
    document = Document(registry=registry)
    window = make_window(document, canvas_factory=GraphCanvas)
    no_modal_boxes.expect("question", YES)
    shown = no_modal_boxes.expect("warning")
    assert _import(window, path, monkeypatch) == []
    assert "chain.pulse-logic.json" in shown[-1][1] and "at most 64" in shown[-1][1]
    assert not document.project.variables and not document.project.events
    assert document.project.graph_named(Scope.FUNCTION, "Double") is None
    assert document.undo_stack.count() == 0 and not document.undo_stack.canRedo()
    quiet(document)
