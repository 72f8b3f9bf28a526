"""While the project runs, the pulse wires a node fires light up and carry a travelling dot."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest
from canvas_helpers import framed_project_canvas, place, quiet, show_canvas
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QGraphicsItem

from editor.canvas import GraphCanvas
from editor.canvas.flow import DURATION, MAX_FLASHES
from editor.canvas.highlight_ring import HighlightRing
from editor.document import Document
from editor.run.controller import RunController
from runtime.model import Link
from runtime.registry import Registry


@pytest.fixture
def doc(registry: Registry) -> Iterator[Document]:
    """start -> branch; branch True -> yes, False -> no; add.Result -> yes.Value (a data wire)."""
    document = Document(registry=registry)
    graph = document.project.project_graph
    n = {"start": place(graph, registry, "logic.on_project_start", (0, 0)),
         "branch": place(graph, registry, "logic.branch", (250, 0)),
         "yes": place(graph, registry, "logic.console", (520, -90)),
         "no": place(graph, registry, "logic.console", (520, 110)),
         "add": place(graph, registry, "logic.add", (250, 200))}
    ids = {k: v.id for k, v in n.items()}
    document.links = {  # type: ignore[attr-defined]
        "start": Link(ids["start"], "Out", ids["branch"], "In"),
        "true": Link(ids["branch"], "True", ids["yes"], "In"),
        "false": Link(ids["branch"], "False", ids["no"], "In"),
        "data": Link(ids["add"], "Result", ids["yes"], "Value"),
    }
    graph.links += list(document.links.values())  # type: ignore[attr-defined]
    document.ids = ids  # type: ignore[attr-defined]
    yield document
    quiet(document)


@pytest.fixture
def canvas(qtbot, doc: Document) -> GraphCanvas:
    return framed_project_canvas(qtbot, doc)


def _lit(canvas: GraphCanvas, doc: Document) -> set[str]:
    pipes = set(canvas.flow_display().lit())
    return {name for name, link in doc.links.items() if canvas._mirror.pipe_of(link) in pipes}


def test_a_flashed_pulse_wire_lights_up_and_its_dot_travels_then_it_goes_dark(qtbot, canvas, doc):
    pipe = canvas._mirror.pipe_of(doc.links["true"])
    assert canvas.flash_links([doc.links["true"], doc.links["data"]]) == 1  # data wires carry no pulses
    assert _lit(canvas, doc) == {"true"} and pipe._state() == "flow"
    overlay = canvas.flow_display().overlay
    first = overlay.progress(pipe)
    qtbot.waitUntil(lambda: overlay.progress(pipe) > first, timeout=int(DURATION * 1000))
    # the dot is drawn where the overlay says: render the view and look at that pixel
    point = canvas.viewer().mapFromScene(overlay.dots[pipe])
    image = QImage(canvas.viewer().viewport().size(), QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    canvas.viewer().render(painter)
    painter.end()
    assert QColor(image.pixel(point)).lightness() > 200
    qtbot.waitUntil(lambda: not canvas.flow_display().lit(), timeout=int(DURATION * 4000))
    assert pipe._state() == "normal"


def test_flow_between_nodes_that_ran_lights_only_the_branch_taken(canvas, doc):
    ids = doc.ids
    recent = {ids["start"], ids["branch"], ids["yes"]}
    canvas.flash_flow([ids["branch"]], recent)
    assert _lit(canvas, doc) == {"start", "true"}  # the False wire's end did not run


def test_flashes_are_capped(qtbot, registry):
    document = Document(registry=registry)
    graph = document.project.project_graph
    nodes = [place(graph, registry, "logic.console", (i % 10 * 60.0, i // 10 * 40.0)) for i in range(120)]
    links = [Link(a.id, "Out", b.id, "In") for a, b in itertools.pairwise(nodes)]
    graph.links += links
    canvas = show_canvas(qtbot, document, graph.id)
    canvas.frame_all()
    assert canvas.flash_links(links) == MAX_FLASHES
    assert len(canvas.flow_display().lit()) == MAX_FLASHES
    assert canvas.flash_links(links) == 0  # the lit ones are still on their way: nothing restarts
    quiet(document)


def test_a_running_project_shows_its_pulses_on_the_canvas(qtbot, registry):
    """The run controller's 30 Hz drain lights the wires between nodes that ran."""
    document = Document(registry=registry)
    graph = document.project.project_graph
    nodes = {"start": place(graph, registry, "logic.on_project_start", (0, 0)),
             "kick": place(graph, registry, "logic.custom_event_trigger", (250, 0)),
             "tick": place(graph, registry, "logic.custom_event_listener", (0, 200)),
             "wait": place(graph, registry, "logic.delay", (250, 200)),
             "again": place(graph, registry, "logic.custom_event_trigger", (500, 200))}
    for key in ("kick", "tick", "again"):
        nodes[key].attributes["Event"] = "tick"
    nodes["wait"].attributes["Seconds"] = 0.02
    graph.links += [Link(nodes["start"].id, "Out", nodes["kick"].id, "In"),
                    Link(nodes["tick"].id, "Out", nodes["wait"].id, "In"),
                    Link(nodes["wait"].id, "Out", nodes["again"].id, "In")]
    canvas = show_canvas(qtbot, document, graph.id)
    canvas.frame_all()
    records: list = []
    runner = RunController(lambda: document, lambda graph_id, front: canvas, records.append)
    runner.start()
    try:
        wait_wire = canvas._mirror.pipe_of(graph.links[2])
        qtbot.waitUntil(lambda: wait_wire in canvas.flow_display().lit(), timeout=3000)
        assert all(p.pulse for p in canvas.flow_display().lit())
    finally:
        runner.stop(wait=True)
    assert runner.state == "idle"
    quiet(document)


def test_the_dot_is_on_its_wire_at_the_start_middle_and_end(canvas, doc):
    from editor.canvas.flow import _point_along

    path = canvas._mirror.pipe_of(doc.links["true"]).path()
    at = _point_along(path)
    for t in (0.0, 0.5, 1.0):
        point = at(t)
        assert path.intersects(QRectF(point.x() - 1.5, point.y() - 1.5, 3.0, 3.0))
    assert at(0.0) == path.pointAtPercent(0.0) and at(1.0) == path.pointAtPercent(1.0)


def test_wires_are_cached_as_pixmaps_close_up_and_painted_directly_zoomed_out(qtbot, canvas, doc):
    """A repaint during a run then copies pixmaps instead of calling each wire's Python paint."""
    pipe = canvas._mirror.pipe_of(doc.links["true"])
    viewer = canvas.viewer()
    viewer.set_scale(1.0)
    assert not viewer._far
    assert pipe.cacheMode() == QGraphicsItem.CacheMode.DeviceCoordinateCache
    viewer.set_scale(0.2)
    assert viewer._far
    assert pipe.cacheMode() == QGraphicsItem.CacheMode.NoCache


def test_a_run_highlight_is_a_ring_over_the_card_that_keeps_its_cached_picture(qtbot, canvas, doc):
    card = canvas._mirror.nodes[doc.ids["branch"]].card
    bounds = card.boundingRect()
    canvas.set_node_highlight(doc.ids["branch"], "paused")
    (ring,) = [item for item in card.childItems() if isinstance(item, HighlightRing)]
    assert ring.isVisible() and ring.kind == "paused"
    glow = ring.boundingRect()
    assert glow.top() < bounds.top() - 5 and glow.bottom() > bounds.bottom() + 5  # reaching outside the card
    assert card.boundingRect() == bounds  # the card itself (and its cached picture) is unchanged
    centre = canvas.viewer().mapFromScene(card.sceneBoundingRect().center())
    assert canvas.viewer().itemAt(centre) is not ring  # clicks still find the card, not its outline
    canvas.set_node_highlight(doc.ids["branch"], None)
    assert not ring.isVisible()
