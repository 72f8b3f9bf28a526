"""Arrange -> Layout Selection / Layout Graph on the real canvas: pulse flow left to right, data
inputs left of their consumers, no overlaps, one undo step."""

from __future__ import annotations

import itertools

from canvas_helpers import place, quiet

from editor import auto_layout
from editor.canvas import GraphCanvas
from editor.document import Document
from runtime.model import Link


def _scrambled_chain(document: Document, registry):
    """start -> console -> branch -> console, a Not feeding the branch, and a stray console: placed badly."""
    graph = document.project.project_graph
    start = place(graph, registry, "logic.on_project_start", (900, 600))
    first = place(graph, registry, "logic.console", (100, 500))
    branch = place(graph, registry, "logic.branch", (500, 0))
    second = place(graph, registry, "logic.console", (0, 0))
    feeder = place(graph, registry, "logic.not", (1200, 100))
    stray = place(graph, registry, "logic.console", (40, 20))  # overlaps `second` before the layout
    graph.links += [Link(start.id, "Out", first.id, "In"), Link(first.id, "Out", branch.id, "In"),
                    Link(branch.id, "True", second.id, "In"), Link(feeder.id, "Result", branch.id, "Condition")]
    return graph, (start, first, branch, second), feeder, stray


def _overlaps(canvas: GraphCanvas, nodes) -> list[tuple[str, str]]:
    def rect(node):
        w, h = canvas.node_size(node.id)
        return node.position[0], node.position[1], node.position[0] + w, node.position[1] + h

    return [(a.id, b.id) for a, b in itertools.combinations(nodes, 2)
            if rect(a)[0] < rect(b)[2] and rect(b)[0] < rect(a)[2]
            and rect(a)[1] < rect(b)[3] and rect(b)[1] < rect(a)[3]]


def test_layout_graph_orders_pulse_flow_left_to_right_without_overlaps_and_undoes(make_window, registry):
    document = Document(registry=registry)
    graph, chain, feeder, stray = _scrambled_chain(document, registry)
    window = make_window(document, canvas_factory=GraphCanvas)
    canvas = window.current_canvas()
    nodes = list(graph.nodes.values())
    before = {n.id: n.position for n in nodes}
    assert _overlaps(canvas, nodes)

    window.actions["layout_graph"].trigger()

    assert not _overlaps(canvas, nodes)
    xs = [n.position[0] for n in chain]
    assert xs == sorted(xs) and len(set(xs)) == len(xs)  # each step of the pulse flow right of the last
    for left, right in itertools.pairwise(chain):  # ...by more than the left one is wide
        assert right.position[0] >= left.position[0] + canvas.node_size(left.id)[0]
    branch = chain[2]
    assert feeder.position[0] + canvas.node_size(feeder.id)[0] <= branch.position[0]  # left of its consumer
    assert feeder.position[0] > chain[0].position[0]  # ...and beside it, not at the far left
    assert stray.position[1] > max(n.position[1] for n in chain)  # an unconnected node goes underneath
    # the canvas shows the model
    for node in nodes:
        card = canvas.node_graph().get_node_by_id(node.id).view
        assert (card.pos().x(), card.pos().y()) == node.position

    assert document.undo_stack.count() == 1 and document.undo_stack.undoText() == "Layout 6 nodes"
    window.actions["undo"].trigger()
    assert {n.id: n.position for n in nodes} == before
    quiet(document)


def test_layout_selection_moves_only_the_selection_and_keeps_its_corner(make_window, registry):
    document = Document(registry=registry)
    _graph, chain, feeder, stray = _scrambled_chain(document, registry)
    window = make_window(document, canvas_factory=GraphCanvas)
    canvas = window.current_canvas()
    selected = chain[1:]
    corner = (min(n.position[0] for n in selected), min(n.position[1] for n in selected))
    untouched = {n.id: n.position for n in (chain[0], feeder, stray)}
    canvas.select_nodes([n.id for n in selected])

    window.actions["layout_selection"].trigger()

    assert {n.id: n.position for n in (chain[0], feeder, stray)} == untouched
    assert not _overlaps(canvas, selected)
    xs = [n.position[0] for n in selected]
    assert xs == sorted(xs)
    assert (min(xs), min(n.position[1] for n in selected)) == corner
    window.actions["undo"].trigger()
    window.actions["redo"].trigger()
    assert [n.position[0] for n in selected] == xs
    quiet(document)


def test_layout_selection_of_one_node_says_why_nothing_moves(make_window, registry):
    document = Document(registry=registry)
    _graph, chain, _feeder, _stray = _scrambled_chain(document, registry)
    window = make_window(document, canvas_factory=GraphCanvas)
    window.current_canvas().select_nodes([chain[0].id])
    window.actions["layout_selection"].trigger()
    assert document.undo_stack.count() == 0
    assert "two or more" in window.statusBar().currentMessage()
    quiet(document)


def test_layout_handles_loops_and_keeps_layers_apart():
    """A pulse loop back to an earlier node (a retry) still lays out; nodes of one layer never overlap."""
    positions = {i: (0.0, 0.0) for i in "abcdef"}
    sizes = {i: (200.0, 120.0) for i in positions}
    links = [("a", "b"), ("b", "c"), ("c", "b"), ("a", "d"), ("a", "e"), ("f", "c")]
    placed = auto_layout.layout(positions, links, sizes)
    assert set(placed) == set(positions)
    assert placed["a"][0] < placed["b"][0] < placed["c"][0]
    for p, q in itertools.combinations(placed, 2):
        (px, py), (qx, qy) = placed[p], placed[q]
        assert px + 200 <= qx or qx + 200 <= px or py + 120 <= qy or qy + 120 <= py
