"""Highlight the chain (Edit → Highlight Pulse Chain / Data Chain, Esc): colours, never selects, on real canvases."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from editor.canvas.chain import BOTH, DIMMED, DOWNSTREAM, UPSTREAM, chain_of
from editor.document import Document
from editor.main_window import default_canvas_factory
from runtime.model import Link
from runtime.registry import default_registry


def _chain_window(make_window):
    """a -> b -> c by pulses; add2 -> add1 -> b.Value by data; a lone console."""
    document = Document(registry=default_registry())
    window = make_window(document, canvas_factory=default_canvas_factory)
    add = lambda t, x, y: document.add_node("project", t, (x, y)).id  # noqa: E731
    ids = {"a": add("logic.console", 0, 0), "b": add("logic.console", 300, 0), "c": add("logic.console", 600, 0),
           "add1": add("logic.add", 0, 200), "add2": add("logic.add", -300, 200), "lone": add("logic.console", 0, 500)}
    for link in (Link(ids["a"], "Out", ids["b"], "In"), Link(ids["b"], "Out", ids["c"], "In"),
                 Link(ids["add1"], "Result", ids["b"], "Value"), Link(ids["add2"], "Result", ids["add1"], "A")):
        document.connect("project", link)
    return window, window.current_canvas(), ids


def _cards(canvas):
    return {n: canvas.node_graph().get_node_by_id(n).view for n in canvas.document.graph("project").nodes}


def _pipes(canvas):
    cards = _cards(canvas)
    return {(p.output_port.node.model_id, p.input_port.node.model_id): p
            for card in cards.values() for s in card.outputs for p in s.connected_pipes}


def test_pulse_chain_colours_exactly_what_comes_before_and_after_and_esc_clears(qtbot, make_window):
    window, canvas, ids = _chain_window(make_window)
    canvas.select_nodes([ids["b"]])
    window.actions["highlight_pulse_chain"].trigger()
    chain = canvas.chain_highlight()
    assert chain.upstream == {ids["a"]} and chain.downstream == {ids["c"]}
    assert canvas.selected_node_ids() == [ids["b"]]  # coloured, not selected
    cards, pipes = _cards(canvas), _pipes(canvas)
    assert cards[ids["a"]].chain_colour == UPSTREAM and cards[ids["c"]].chain_colour == DOWNSTREAM
    assert cards[ids["b"]].chain_colour == BOTH and cards[ids["b"]].opacity() == 1.0
    for other in ("add1", "add2", "lone"):
        assert cards[ids[other]].chain_colour is None and cards[ids[other]].opacity() == DIMMED
    assert pipes[ids["a"], ids["b"]]._chain == UPSTREAM and pipes[ids["b"], ids["c"]]._chain == DOWNSTREAM
    assert pipes[ids["add1"], ids["b"]].opacity() == DIMMED

    canvas.viewer().setFocus()
    QTest.keyClick(canvas.viewer(), Qt.Key.Key_Escape)
    assert canvas.chain_highlight() is None
    assert all(c.chain_colour is None and c.opacity() == 1.0 for c in _cards(canvas).values())
    assert all(p._chain is None and p.opacity() == 1.0 for p in _pipes(canvas).values())


def test_data_chain_follows_data_wires_only_and_follows_edits(qtbot, make_window):
    window, canvas, ids = _chain_window(make_window)
    canvas.select_nodes([ids["b"]])
    window.actions["highlight_data_chain"].trigger()
    chain = canvas.chain_highlight()
    assert chain.upstream == {ids["add1"], ids["add2"]} and chain.downstream == set()
    assert _cards(canvas)[ids["a"]].opacity() == DIMMED
    canvas.select_nodes([ids["add2"]])  # the highlight stays put whatever is selected
    assert canvas.chain_highlight() is chain
    new = window.document.add_node("project", "logic.add", (-300, 400)).id
    qtbot.waitUntil(lambda: _cards(canvas)[new].opacity() == DIMMED)  # a node added meanwhile is outside it
    window.document.connect("project", Link(new, "Result", ids["add1"], "B"))
    qtbot.waitUntil(lambda: canvas.chain_highlight().upstream == {ids["add1"], ids["add2"], new})
    assert _cards(canvas)[new].chain_colour == UPSTREAM
    window.actions["clear_highlight"].trigger()
    assert canvas.chain_highlight() is None


def test_chain_of_walks_loops_once_and_keeps_the_direction():
    links = [Link("a", "Out", "b", "In"), Link("b", "Out", "c", "In"), Link("c", "Out", "a", "In"),
             Link("x", "R", "b", "V")]
    chain = chain_of(links, ["b"], lambda k: k.output == "Out")
    assert chain.upstream == {"a", "c"} and chain.downstream == {"a", "c"}
    assert chain.colour_of("a") == BOTH and chain.colour_of("x") is None
    assert Link("x", "R", "b", "V") not in chain.links


def test_the_chain_keys_and_the_context_menu_reach_the_canvas(qtbot, make_window):
    window, canvas, ids = _chain_window(make_window)
    canvas.select_nodes([ids["c"]])
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # window shortcuts need an active window
    canvas.viewer().setFocus()
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    QTest.keyClick(canvas.viewer(), Qt.Key.Key_L, ctrl_shift)
    assert canvas.chain_highlight().upstream == {ids["a"], ids["b"]}
    QTest.keyClick(canvas.viewer(), Qt.Key.Key_D, ctrl_shift)
    assert canvas.chain_highlight().upstream == set()  # c's Value is not connected
    assert not canvas.chain_highlight().links
