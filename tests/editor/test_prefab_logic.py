"""Prefab logic in the editor: a prefab's inputs and outputs, the Prefab node's instance, Step Into an instance."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from editor.document import Document
from editor.main_window import default_canvas_factory
from runtime.model import Param, PrefabInstance
from runtime.specs import Scope
from runtime.types import DataType

EXAMPLE = Path(__file__).resolve().parents[2] / "assets" / "examples" / "prefabs"


def _socket_names(card, side: str) -> list[str]:
    return [p.name for p in getattr(card, side)]


def test_step_into_a_prefab_node_opens_the_prefabs_tab_at_its_prefab_input(qtbot, make_window):
    window = make_window(Document.open(EXAMPLE), canvas_factory=default_canvas_factory)
    scene = window.tabs.show_graph("scene-main")
    qtbot.waitUntil(scene.isVisible)
    window.activateWindow()
    scene.setFocus()  # where a designer's keyboard focus is while working
    qtbot.waitUntil(lambda: window.isActiveWindow() and scene.hasFocus())
    scene.select_nodes(["apples2"])
    qtbot.keyClick(window, Qt.Key.Key_F9)
    qtbot.keyClick(window, Qt.Key.Key_F5)  # with a breakpoint set, F5 debugs
    qtbot.waitUntil(lambda: window.runner.state == "paused", timeout=10_000)
    assert window.runner._paused_at == ("apples2", "scene-main")
    assert window.run_state.text() == "❚❚ Paused at 'Apples +3' in Main"

    qtbot.keyClick(window, Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: window.runner._paused_at == ("pin", "prefab-counter"), timeout=10_000)
    assert window.tabs.current_graph_id() == "prefab-counter"  # the prefab's tab came to the front...
    prefab = window.current_canvas()
    card = prefab.node_graph().get_node_by_id("pin").view
    assert card.highlight_kind == "paused"  # ...marked where the instance's branch waits...
    qtbot.waitUntil(lambda: prefab._visible_rect().contains(card.sceneBoundingRect()))  # ...and in view, once
    # the new tab's layout has settled
    assert window.run_state.text() == "❚❚ Paused at 'Prefab Input' in Counter"

    qtbot.keyClick(window, Qt.Key.Key_F11, Qt.KeyboardModifier.ShiftModifier)  # Step Out: back in the scene
    qtbot.waitUntil(lambda: window.runner._paused_at == ("say", "scene-main"), timeout=10_000)
    assert window.tabs.current_graph_id() == "scene-main"
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.runner.state == "idle", timeout=10_000)
    said = [r.message for r in window.console.records() if r.level == "info"]
    assert "apples 5, pears 10" in said and said[-1] == "a Counter is destroyed with total 10"


def test_a_prefabs_inputs_and_outputs_are_edited_on_its_tab_and_shape_its_nodes(qtbot, make_window):
    window = make_window(Document.open(EXAMPLE), canvas_factory=default_canvas_factory)
    panel = window.explorer.prefab_signature
    window.tabs.show_graph("scene-main")
    assert not panel.isVisibleTo(window.explorer)  # a scene shows its instances instead
    window.tabs.show_graph("prefab-counter")
    assert panel.isVisibleTo(window.explorer) and panel.signature.inputs.heading.text() == "Counter inputs"
    assert panel.signature.inputs.table.rowCount() == 1

    qtbot.mouseClick(panel.signature.outputs.add_button, Qt.MouseButton.LeftButton)
    panel.signature.outputs.table.cellWidget(1, 1).setCurrentText("String")
    prefab = window.document.graph("prefab-counter")
    assert prefab.outputs == [Param("Total", DataType.INT), Param("value2", DataType.STRING)]
    exit_card = window.current_canvas().node_graph().get_node_by_id("pout").view
    assert _socket_names(exit_card, "inputs") == ["In", "Total", "value2"]
    scene = window.tabs.show_graph("scene-main")
    call_card = scene.node_graph().get_node_by_id("apples1").view
    assert _socket_names(call_card, "outputs") == ["Out", "Total", "value2"]  # every Prefab node follows

    stack = window.document.undo_stack
    stack.undo()
    stack.undo()
    assert prefab.outputs == [Param("Total", DataType.INT)]
    assert _socket_names(scene.node_graph().get_node_by_id("apples1").view, "outputs") == ["Out", "Total"]


def test_prefab_node_offers_this_scenes_instances_and_new_prefabs_start_with_input_and_output(make_window):
    from editor.panels.attribute_fields import describe

    document = Document.open(EXAMPLE)
    make_window(document)
    scene = document.graph("scene-main")
    node = scene.nodes["apples1"]
    spec = document.registry.spec("logic.prefab")
    shape = describe(spec.attribute("Instance"), node, spec, document.project, scene, document.registry)
    assert shape.options == (("Apples  (Counter)", "Apples"), ("Pears  (Counter)", "Pears"))

    placed = document.add_node("scene-main", "logic.prefab", (0.0, 600.0))
    assert placed.attributes["Instance"] == "Apples"  # a new Prefab node runs the scene's first instance
    prefab = document.add_graph(Scope.PREFAB, "Door")
    assert sorted(n.type for n in prefab.nodes.values()) == ["logic.prefab_input", "logic.prefab_output"]


def test_renaming_an_instance_keeps_the_scenes_prefab_nodes_on_it_in_one_undo_step(make_window):
    document = Document.open(EXAMPLE)
    make_window(document)
    scene = document.graph("scene-main")
    document.set_instances("scene-main", [PrefabInstance("Green apples", "prefab-counter"),
                                          PrefabInstance("Pears", "prefab-counter")])
    assert [scene.nodes[n].attributes["Instance"] for n in ("apples1", "pears", "apples2")] == [
        "Green apples", "Pears", "Green apples"]
    document.undo_stack.undo()
    assert [i.name for i in scene.instances] == ["Apples", "Pears"]
    assert scene.nodes["apples1"].attributes["Instance"] == "Apples"


def test_double_clicking_a_prefab_node_opens_the_prefabs_tab_and_a_function_node_its_function(qtbot, make_window):
    from canvas_helpers import card_rect, scene_point
    from PySide6.QtTest import QTest

    document = Document.open(EXAMPLE)
    function = document.add_graph(Scope.FUNCTION, "Helper")
    call = document.add_node("scene-main", "logic.function_call", (0.0, 400.0))
    document.set_attribute("scene-main", call.id, "Function", function.id)
    window = make_window(document, canvas_factory=default_canvas_factory)

    def double_click(node_id: str) -> None:
        scene = window.tabs.show_graph("scene-main")
        scene.center_on_node(node_id)
        qtbot.waitUntil(lambda: scene._visible_rect().contains(card_rect(scene, node_id).center()))
        point = scene_point(scene, card_rect(scene, node_id).center())
        viewport, left, plain = scene.viewer().viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
        QTest.mouseClick(viewport, left, plain, point)  # a mouse's double-click: press, release, double-click,
        QTest.mouseDClick(viewport, left, plain, point)
        QTest.mouseRelease(viewport, left, plain, point)  # release (QTest's double-click stops before it)

    double_click("pears")
    qtbot.waitUntil(lambda: window.tabs.current_graph_id() == "prefab-counter")
    double_click(call.id)
    qtbot.waitUntil(lambda: window.tabs.current_graph_id() == function.id)
    double_click("report")  # a node that refers to no graph: nothing happens
    qtbot.wait(50)
    assert window.tabs.current_graph_id() == "scene-main"
