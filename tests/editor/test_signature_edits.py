"""Changing a function's or a prefab's inputs and outputs: what hung on the sockets that go goes with
them, in every graph, as one undo step, and the canvases show it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from editor.canvas import GraphCanvas
from editor.canvas.items import LinkItem
from editor.document import Document
from editor.main_window import default_canvas_factory
from runtime import fileformat
from runtime.model import Link, Node, Param, PrefabInstance, Project
from runtime.specs import Scope
from runtime.types import DataType

EXAMPLE = Path(__file__).resolve().parents[2] / "assets" / "examples" / "prefabs"
PREFAB = "prefab-counter"


def _links_on(project: Project, sockets: set[tuple[str, str]]) -> list[Link]:
    """The links of any graph on one of `sockets` (node id, socket name)."""
    return [k for g in project.graphs.values() for k in g.links
            if (k.source, k.output) in sockets or (k.target, k.input) in sockets]


def _quiet(document: Document) -> None:
    document.undo_stack.blockSignals(True)


@pytest.fixture
def prefabs() -> Document:
    document = Document.open(EXAMPLE)
    yield document
    _quiet(document)


def _function_project() -> tuple[Document, dict[str, str]]:
    """A function Scale(x: Int, label: String) -> (y: Int, text: String) called from the project graph.

    The call's x is wired from an Add, its label stored; its y feeds a Console; inside, Function Input.x
    and .label feed a Format String whose result goes to Function Output.text.
    """
    document = Document()
    function = document.add_graph(Scope.FUNCTION, "Scale")
    fid = function.id
    document.set_signature(fid, [Param("x", DataType.INT), Param("label", DataType.STRING)],
                           [Param("y", DataType.INT), Param("text", DataType.STRING)])
    entry = next(n for n in function.nodes.values() if n.type == "logic.function_input")
    exit_ = next(n for n in function.nodes.values() if n.type == "logic.function_output")
    fmt = document.add_node(fid, "logic.format_string", (200, 100), {"Template": "{1} {2}", "Values": 2})
    document.connect(fid, Link(entry.id, "x", fmt.id, "Value 1"))
    document.connect(fid, Link(entry.id, "label", fmt.id, "Value 2"))
    document.connect(fid, Link(fmt.id, "Result", exit_.id, "text"))
    document.connect(fid, Link(entry.id, "x", exit_.id, "y"))
    main = document.project.project_graph.id
    add = document.add_node(main, "logic.add", (0, 200))
    call = document.add_node(main, "logic.function_call", (300, 0), {"Function": fid, "label": "apples", "x": 4})
    show = document.add_node(main, "logic.console", (600, 0))
    document.connect(main, Link(add.id, "Result", call.id, "x"))
    document.connect(main, Link(call.id, "y", show.id, "Value"))
    document.connect(main, Link(call.id, "Out", show.id, "In"))
    return document, {"function": fid, "main": main, "entry": entry.id, "exit": exit_.id, "fmt": fmt.id,
                      "add": add.id, "call": call.id, "show": show.id}


def test_removing_a_prefabs_input_and_output_drops_their_wires_and_values_in_every_graph(prefabs: Document) -> None:
    project = prefabs.project
    gone = {(i, "Step") for i in ("pin", "apples1", "pears", "apples2")} | \
           {(i, "Total") for i in ("pout", "apples1", "pears", "apples2")}
    assert len(_links_on(project, gone)) == 4  # pin.Step, pout.Total, apples2.Total, pears.Total
    prefabs.set_signature(PREFAB, [], [])
    assert _links_on(project, gone) == []
    scene = project.graphs["scene-main"]
    assert all("Step" not in scene.nodes[i].attributes for i in ("apples1", "pears", "apples2"))
    assert scene.nodes["apples1"].attributes == {"Instance": "Apples"}
    fileformat.loads(fileformat.dumps(project))  # the saved project opens again


def test_the_signature_change_and_its_fallout_are_one_undo_step(prefabs: Document) -> None:
    project, stack = prefabs.project, prefabs.undo_stack
    before = fileformat.dumps(project)
    count = stack.count()
    prefabs.set_signature(PREFAB, [Param("Amount", DataType.INT)], [Param("Total", DataType.STRING)])
    after = fileformat.dumps(project)
    assert stack.count() == count + 1
    assert stack.undoText() == "Change 'Counter' inputs and outputs"
    stack.undo()
    assert fileformat.dumps(project) == before  # signature, wires (with their order) and values, exactly
    stack.redo()
    assert fileformat.dumps(project) == after


def test_a_type_change_drops_the_wires_that_no_longer_fit_and_resets_stored_values() -> None:
    document, ids = _function_project()
    project = document.project
    main = project.graphs[ids["main"]]
    document.set_signature(ids["function"], [Param("x", DataType.STRING), Param("label", DataType.STRING)],
                           [Param("y", DataType.INT), Param("text", DataType.STRING)])
    assert Link(ids["add"], "Result", ids["call"], "x") not in main.links  # an Int into a String input
    assert main.nodes[ids["call"]].attributes["x"] == ""  # 4 is no String: the type's default
    assert Link(ids["call"], "y", ids["show"], "Value") in main.links  # untouched sockets keep theirs
    function = project.graphs[ids["function"]]
    assert Link(ids["entry"], "x", ids["exit"], "y") not in function.links  # a String into an Int
    assert Link(ids["entry"], "x", ids["fmt"], "Value 1") in function.links  # Format String takes any
    fileformat.loads(fileformat.dumps(project))
    _quiet(document)


def test_removing_a_functions_parameters_cleans_its_calls_and_its_own_input_and_output_nodes() -> None:
    document, ids = _function_project()
    project = document.project
    before = fileformat.dumps(project)
    document.set_signature(ids["function"], [Param("label", DataType.STRING)], [Param("text", DataType.STRING)])
    main, function = project.graphs[ids["main"]], project.graphs[ids["function"]]
    assert set(main.links) == {Link(ids["call"], "Out", ids["show"], "In")}
    assert main.nodes[ids["call"]].attributes == {"Function": ids["function"], "label": "apples"}
    assert set(function.links) == {Link(ids["entry"], "Out", ids["exit"], "In"),
                                   Link(ids["entry"], "label", ids["fmt"], "Value 2"),
                                   Link(ids["fmt"], "Result", ids["exit"], "text")}
    fileformat.loads(fileformat.dumps(project))
    document.undo_stack.undo()
    assert fileformat.dumps(project) == before
    _quiet(document)


def test_a_rename_is_a_remove_and_an_add() -> None:
    """Parameters have no identity but their name: renamed, an input starts without wires or value."""
    document, ids = _function_project()
    main = document.project.graphs[ids["main"]]
    document.set_signature(ids["function"], [Param("x", DataType.INT), Param("caption", DataType.STRING)],
                           [Param("y", DataType.INT), Param("text", DataType.STRING)])
    call: Node = main.nodes[ids["call"]]
    assert "label" not in call.attributes and call.attributes["x"] == 4
    assert Link(ids["add"], "Result", ids["call"], "x") in main.links
    _quiet(document)


def test_an_unchanged_signature_records_no_undo_step(prefabs: Document) -> None:
    prefab = prefabs.project.graphs[PREFAB]
    count = prefabs.undo_stack.count()
    prefabs.set_signature(PREFAB, list(prefab.inputs), list(prefab.outputs))
    assert prefabs.undo_stack.count() == count


def _drawn(canvas) -> set[Link]:
    return {Link(p.output_port.node.model_id, p.output_port.name, p.input_port.node.model_id, p.input_port.name)
            for p in canvas.viewer().scene().items() if type(p) is LinkItem}


def _sockets(canvas, node_id: str) -> tuple[list[str], list[str]]:
    view = canvas.node_graph().get_node_by_id(node_id).view
    return [p.name for p in view.inputs], [p.name for p in view.outputs]


def test_open_tabs_show_the_wires_gone_and_back_after_ctrl_z(qtbot, make_window) -> None:
    """Removing the prefab's input in its panel: on its tab and the scene's tab, no wire is left on a
    socket that is gone (no stand-in socket is drawn for it); Ctrl+Z brings sockets and wires back."""
    window = make_window(Document.open(EXAMPLE), canvas_factory=default_canvas_factory)
    project = window.document.project
    scene = window.tabs.show_graph("scene-main")
    prefab = window.tabs.show_graph(PREFAB)
    before = fileformat.dumps(project)
    drawn_before = (_drawn(scene), _drawn(prefab))
    assert Link("pin", "Step", "sum", "B") in drawn_before[1]

    inputs = window.explorer.prefab_signature.signature.inputs
    inputs.table.selectRow(0)
    qtbot.mouseClick(inputs.remove_button, Qt.MouseButton.LeftButton)
    assert project.graphs[PREFAB].inputs == []
    for canvas, graph_id in ((scene, "scene-main"), (prefab, PREFAB)):
        assert _drawn(canvas) == set(project.graphs[graph_id].links)
    assert Link("pin", "Step", "sum", "B") not in _drawn(prefab)
    assert _sockets(prefab, "pin") == ([], ["Out"])  # no stand-in socket for the gone input
    assert _sockets(scene, "apples1")[0] == ["In"]

    window.activateWindow()
    prefab.viewer().setFocus()  # back on the canvas, where a designer's keyboard focus is while working
    qtbot.waitUntil(lambda: window.isActiveWindow() and prefab.viewer().hasFocus())
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert fileformat.dumps(project) == before
    assert (_drawn(scene), _drawn(prefab)) == drawn_before
    assert _sockets(prefab, "pin") == ([], ["Out", "Step"])
    assert _sockets(scene, "apples1")[0] == ["In", "Step"]


def test_opening_a_file_with_a_wire_on_a_gone_parameter_says_what_was_left_out(qtbot, make_window, tmp_path,
                                                                                 no_modal_boxes) -> None:
    data = json.loads((EXAMPLE / "project.pulse.json").read_text())
    next(g for g in data["graphs"] if g["id"] == PREFAB)["inputs"] = []  # what older versions saved
    path = tmp_path / "old.pulse.json"
    path.write_text(json.dumps(data))
    shown = no_modal_boxes.expect("warning")
    window = make_window(canvas_factory=default_canvas_factory)
    assert window.open_path(path)
    [(kind, text)] = shown
    assert kind == "warning"
    assert text.startswith("Project repaired on opening: 1 connection on sockets that no longer exist")
    assert "graph 'Counter': dropped the connection Prefab Input (pin).Step -> Add (sum).B" in text
    prefab = window.tabs.show_graph(PREFAB)
    assert _drawn(prefab) == set(window.document.project.graphs[PREFAB].links)
    assert _sockets(prefab, "pin") == ([], ["Out"])
    assert not window.document.dirty and json.loads(path.read_text()) == data  # the file waits for a save


def test_deleting_a_called_function_takes_its_calls_wires_along_in_one_undo_step() -> None:
    document, ids = _function_project()
    project = document.project
    before = fileformat.dumps(project)
    document.remove_graph(ids["function"])
    main = project.graphs[ids["main"]]
    assert set(main.links) == {Link(ids["call"], "Out", ids["show"], "In")}  # the call's pulse stays wired
    assert fileformat.loads(fileformat.dumps(project)).load_warnings == []
    document.undo_stack.undo()
    assert fileformat.dumps(project) == before
    _quiet(document)


def test_removing_an_instance_unwires_its_prefab_nodes_and_a_rename_keeps_them(prefabs: Document) -> None:
    project = prefabs.project
    scene = project.graphs["scene-main"]
    before = fileformat.dumps(project)
    apples, pears = scene.instances
    prefabs.set_instances("scene-main", [PrefabInstance("Red apples", apples.prefab), pears])
    assert scene.nodes["apples2"].attributes == {"Instance": "Red apples", "Step": 3}
    assert Link("apples2", "Total", "report", "Value 1") in scene.links
    prefabs.set_instances("scene-main", [PrefabInstance("Red apples", apples.prefab)])
    assert Link("pears", "Total", "report", "Value 2") not in scene.links
    assert Link("apples1", "Out", "pears", "In") in scene.links  # pulse sockets do not depend on the instance
    assert scene.nodes["pears"].attributes == {"Instance": "Pears"}
    assert fileformat.loads(fileformat.dumps(project)).load_warnings == []
    prefabs.undo_stack.undo()
    prefabs.undo_stack.undo()
    assert fileformat.dumps(project) == before


def test_pointing_a_function_node_at_another_function_unwires_it_on_screen_too(qtbot) -> None:
    document, ids = _function_project()
    project, main_id = document.project, ids["main"]
    other = document.add_graph(Scope.FUNCTION, "Other")
    document.set_signature(other.id, [Param("label", DataType.STRING)], [Param("y", DataType.FLOAT)])
    canvas = GraphCanvas(document, main_id)
    qtbot.addWidget(canvas)
    canvas.show()
    before = fileformat.dumps(project)
    document.set_attribute(main_id, ids["call"], "Function", other.id)
    main = project.graphs[main_id]
    assert set(main.links) == {Link(ids["call"], "Out", ids["show"], "In"),  # Console's Value takes any type
                               Link(ids["call"], "y", ids["show"], "Value")}
    assert main.nodes[ids["call"]].attributes == {"Function": other.id, "label": "apples"}
    assert _drawn(canvas) == set(main.links)
    assert _sockets(canvas, ids["call"]) == (["In", "label"], ["Out", "y"])  # no stand-in for the gone x
    document.undo_stack.undo()
    assert fileformat.dumps(project) == before
    assert _drawn(canvas) == set(main.links)
    assert _sockets(canvas, ids["call"]) == (["In", "x", "label"], ["Out", "y", "text"])
    _quiet(document)


def test_a_smaller_socket_count_takes_the_gone_inputs_values_along() -> None:
    document = Document()
    main = document.project.project_graph.id
    minimum = document.add_node(main, "logic.minimum", (0, 0), {"Inputs": 3, "Input 3": 7})
    document.set_attribute(main, minimum.id, "Inputs", 2)
    assert "Input 3" not in minimum.attributes
    document.undo_stack.undo()
    assert minimum.attributes["Input 3"] == 7 and minimum.attributes["Inputs"] == 3
    _quiet(document)
