"""Auto-arrange: new node positions from the graph's connections (pure geometry, no Qt).

Layering, crossing reduction and coordinates are grandalf's Sugiyama layout (the "dot" style
of Graphviz). grandalf draws layers top to bottom; we hand it each node with width and height
swapped and swap the answer back, so layers run left to right: every connection, pulse or
data, goes from a layer to a later one (loops aside), so pulse flow reads left to right and a
data node sits left of the node that uses it. grandalf's rank optimisation pulls a node whose
outputs all go right next to its consumers, so a data input lands beside its consumer rather
than at the far left. Unconnected parts are laid out one under the other.

Positions are node top-left corners, as in `editor.arrange`; the result keeps the top-left
corner of the nodes' old bounding box, so a layout does not throw the nodes across the canvas.
`lay_out` is the window's command (no Qt here: it reads the window's tab, canvas and document).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from grandalf.graphs import Edge, Vertex, graph_core
from grandalf.layouts import SugiyamaLayout

from editor.arrange import DEFAULT_SIZE, Point, Size, connected_parts

#: Space between layers (left to right) and between nodes of one layer, in canvas units.
LAYER_GAP = 80.0
NODE_GAP = 40.0
#: Space between unconnected parts stacked one under the other.
PART_GAP = 80.0


class _View:
    """What grandalf reads and writes for a vertex: its size and (after drawing) its centre."""

    def __init__(self, w: float, h: float) -> None:
        self.w, self.h = w, h
        self.xy = (0.0, 0.0)


def layout(positions: dict[str, Point], links: list[tuple[str, str]],
           sizes: dict[str, Size] | None = None) -> dict[str, Point]:
    """New top-left corners for the nodes in `positions`, laid out by the `links` among them.

    `links` are (source node id, target node id) of pulse and data connections alike; links to
    nodes outside `positions` are ignored, as are links of a node to itself.
    """
    if not positions:
        return {}
    size = {i: (sizes or {}).get(i, DEFAULT_SIZE) for i in positions}
    # grandalf lays layers along y: a node's width is its extent across layers, so it is `h` there
    vertices = {i: Vertex(i) for i in positions}
    for node_id, vertex in vertices.items():
        vertex.view = _View(size[node_id][1], size[node_id][0])
    pairs = sorted({(a, b) for a, b in links if a != b and a in vertices and b in vertices},
                   key=lambda pair: (_order(positions, pair[0]), _order(positions, pair[1])))
    left = min(x for x, _ in positions.values())
    top = min(y for _, y in positions.values())
    result: dict[str, Point] = {}
    for part in _parts(positions, pairs):
        members = set(part)
        edges = [Edge(vertices[a], vertices[b]) for a, b in pairs if a in members]
        placed = _layout_part(graph_core([vertices[i] for i in part], edges), size,
                              lambda v: _order(positions, v.data))
        part_top = min(y for _, y in placed.values())
        part_left = min(x for x, _ in placed.values())
        for node_id, (x, y) in placed.items():
            result[node_id] = (left + x - part_left, top + y - part_top)
        top = max(result[i][1] + size[i][1] for i in placed) + PART_GAP
    return result


def lay_out(window: Any, selection_only: bool) -> None:
    """Arrange -> Layout Selection / Layout Graph on the window's current tab, as one undo step."""
    graph_id, canvas, document = window.tabs.current_graph_id(), window.current_canvas(), window.document
    if graph_id is None or canvas is None or document is None:
        return
    graph = document.graph(graph_id)
    ids = canvas.selected_node_ids() if selection_only else list(graph.nodes)
    positions = {i: graph.nodes[i].position for i in ids if i in graph.nodes}
    if len(positions) < 2:
        window.show_message("Select two or more nodes to lay them out" if selection_only else "Nothing to lay out")
        return
    sizer = getattr(canvas, "node_size", None)
    sizes = {i: sizer(i) for i in positions} if callable(sizer) else None
    moved = layout(positions, [(k.source, k.target) for k in graph.links], sizes)
    document.move_nodes(graph_id, {i: (positions[i], moved[i]) for i in positions}, f"Layout {len(positions)} nodes")


def _parts(positions: dict[str, Point], pairs: list[tuple[str, str]]) -> list[list[str]]:
    """The connected parts, each in reading order, the parts in the order of their first node.

    Computed here rather than by grandalf's `Graph`, whose merging of parts compares sets
    over and over (quadratic: seconds at 1,000 nodes).
    """
    reading = sorted(positions, key=lambda i: _order(positions, i))
    return [sorted(part, key=lambda i: _order(positions, i)) for part in connected_parts(pairs, reading)]


def _order(positions: dict[str, Point], node_id: str) -> tuple[float, float, str]:
    """Reading order of the old positions (top to bottom, then left to right): layouts stay stable."""
    x, y = positions[node_id]
    return (y, x, node_id)


def _layout_part(part: object, size: dict[str, Size], order: Callable[[Vertex], tuple]) -> dict[str, Point]:
    """Top-left corners (any origin) of one connected part's nodes.

    Roots (nodes nothing leads into) are given in reading order: grandalf's search for loops
    starts from them, so a loop's edge back to an earlier node is the one drawn backwards.
    """
    vertices = sorted(part.sV, key=order)  # type: ignore[attr-defined]
    if len(vertices) == 1:
        return {vertices[0].data: (0.0, 0.0)}
    sugiyama = SugiyamaLayout(part)
    sugiyama.xspace, sugiyama.yspace = NODE_GAP, LAYER_GAP
    roots = [v for v in vertices if not v.e_in()]
    sugiyama.init_all(roots=roots or None, optimize=True)
    sugiyama.draw()
    layers: list[list[str]] = []
    for layer in sugiyama.layers:
        layers.append([v.data for v in layer if isinstance(v, Vertex)])
    centres = {v.data: v.view.xy for v in vertices}  # (across layers, along the layer) after the swap below
    return _separate(layers, centres, size)


def _separate(layers: list[list[str]], centres: dict[str, tuple[float, float]],
              size: dict[str, Size]) -> dict[str, Point]:
    """Top-left corners from grandalf's centres, pushed apart where a layer's nodes would overlap.

    grandalf's x (along a layer) becomes our y; its y (the layer) our x. Its final coordinates
    average four alignments, which can bring two nodes of a layer closer than their sizes
    allow; a sweep down each layer restores the gap.
    """
    result: dict[str, Point] = {}
    for layer in layers:
        if not layer:
            continue
        column_left = min(centres[i][1] - size[i][0] / 2 for i in layer)
        bottom = float("-inf")
        for node_id in sorted(layer, key=lambda i: centres[i][0]):
            top = max(centres[node_id][0] - size[node_id][1] / 2, bottom)
            result[node_id] = (column_left, top)
            bottom = top + size[node_id][1] + NODE_GAP
    return result
