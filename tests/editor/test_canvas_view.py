"""The canvas's view: exact node sizes for align/distribute, the first frame, zoomed-out drawing."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from canvas_helpers import place, quiet, show_canvas
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QGraphicsItem

from editor.canvas import GraphCanvas, style
from editor.document import Document
from runtime.registry import default_registry

EXAMPLES = Path(__file__).resolve().parents[2] / "assets" / "examples"


def _content_centre_offset(canvas: GraphCanvas) -> QPointF:
    """How far the graph's centre is from the viewport's centre, in pixels."""
    viewer = canvas.viewer()
    centre = viewer.mapFromScene(canvas._content_rect().center())
    return QPointF(centre - viewer.viewport().rect().center())


def test_node_size_is_the_drawn_card_and_centre_align_is_exact(qtbot, make_window, registry):
    document = Document(registry=registry)
    graph = document.project.project_graph
    short = place(graph, registry, "logic.console", (0, 0))
    long = place(graph, registry, "logic.console", (300, 200))
    long.name = "A console node with a much longer title"
    third = place(graph, registry, "logic.branch", (900, 400))
    window = make_window(document, canvas_factory=GraphCanvas)
    canvas = window.current_canvas()
    card = canvas.node_graph().get_node_by_id(long.id).view
    assert canvas.node_size(long.id) == (card._width, card._height)
    assert canvas.node_size(long.id)[0] > canvas.node_size(short.id)[0]
    assert canvas.node_size("no such node") == (0.0, 0.0)

    canvas.select_nodes([short.id, long.id])
    window.actions["align_center"].trigger()
    centres = [n.position[0] + canvas.node_size(n.id)[0] / 2 for n in (short, long)]
    assert centres[0] == pytest.approx(centres[1])

    canvas.select_nodes([short.id, long.id, third.id])
    window.actions["distribute_h"].trigger()
    spans = sorted((n.position[0], n.position[0] + canvas.node_size(n.id)[0]) for n in (short, long, third))
    gaps = [b[0] - a[1] for a, b in itertools.pairwise(spans)]
    assert gaps[0] == pytest.approx(gaps[1])
    quiet(document)


def _text_px(canvas: GraphCanvas) -> float:
    """How tall a socket label's letters are on screen now."""
    return style.label_pixel_size() * canvas.viewer().scale_factor()


def test_the_first_frame_is_readable_and_follows_the_settling_layout(qtbot, doc_with_tour):
    canvas = show_canvas(qtbot, doc_with_tour, doc_with_tour.project.project_graph.id, size=(260, 180))
    canvas.resize(1100, 700)  # the window lays itself out after the canvas has framed the graph
    content = canvas._content_rect()
    qtbot.waitUntil(lambda: canvas._visible_rect().contains(content.topLeft()) and _text_px(canvas) >= 10,
                    timeout=2000)
    assert canvas._visible_rect().width() > 1000  # framed for the settled size, not the first one

    # once the user has moved the view, a resize leaves it alone
    viewport = canvas.viewer().viewport()
    scale = canvas.viewer().scale_factor()
    wheel = QWheelEvent(QPointF(200, 200), QPointF(viewport.mapToGlobal(QPoint(200, 200))), QPoint(0, 0),
                        QPoint(0, 120), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(viewport, wheel)
    assert canvas.viewer().scale_factor() != pytest.approx(scale)
    zoomed, centre = canvas.viewer().scale_factor(), canvas._visible_rect().center()
    canvas.resize(900, 600)
    qtbot.wait(30)
    assert canvas.viewer().scale_factor() == pytest.approx(zoomed)  # no zoom with the window
    assert (canvas._visible_rect().center() - centre).manhattanLength() < 2


def test_the_socketio_example_opens_readable_and_f_frames_it_all(qtbot, make_window):
    window = make_window(Document.open(EXAMPLES / "socketio-echo", default_registry()), canvas_factory=GraphCanvas)
    window.resize(1440, 900)
    canvas = window.current_canvas()
    qtbot.waitUntil(lambda: canvas._visible_rect().contains(canvas._content_rect().topLeft()), timeout=2000)
    assert _text_px(canvas) >= 10
    canvas.viewer().setFocus()
    qtbot.waitUntil(canvas.viewer().hasFocus, timeout=2000)
    qtbot.keyClick(canvas.viewer(), Qt.Key.Key_F)
    assert canvas._visible_rect().contains(canvas._content_rect())


def test_a_window_resize_after_opening_keeps_the_zoom(qtbot, make_window):
    from editor.canvas.viewer import SETTLE_SECONDS

    window = make_window(Document.open(EXAMPLES / "logic-tour", default_registry()), canvas_factory=GraphCanvas)
    canvas = window.current_canvas()
    qtbot.wait(int(SETTLE_SECONDS * 1000) + 100)
    scale, corner = canvas.viewer().scale_factor(), canvas._visible_rect().center()
    window.resize(1600, 1000)
    qtbot.waitUntil(lambda: canvas.viewer().viewport().width() > 900, timeout=2000)
    qtbot.wait(30)
    assert canvas.viewer().scale_factor() == pytest.approx(scale)
    assert (canvas._visible_rect().center() - corner).manhattanLength() < 2


def test_a_tab_search_add_leaves_the_view_where_it_is(qtbot, doc_with_tour):
    canvas = show_canvas(qtbot, doc_with_tour, doc_with_tour.project.project_graph.id)
    canvas.viewer().set_scale(1.0, QPointF(0, 0))
    before = canvas._visible_rect()
    viewport = canvas.viewer().viewport().rect()
    popup = canvas.open_node_search(QPoint(viewport.right() - 20, viewport.bottom() - 20))  # near the corner
    qtbot.keyClicks(popup.search, "console")
    qtbot.keyClick(popup.search, Qt.Key.Key_Return)
    (new_id,) = canvas.selected_node_ids()
    assert doc_with_tour.project.project_graph.nodes[new_id].type == "logic.console"
    assert canvas._visible_rect() == before


def test_the_tab_search_says_when_nothing_matches_and_shows_whole_entries(qtbot, doc_with_tour):
    canvas = show_canvas(qtbot, doc_with_tour, doc_with_tour.project.project_graph.id)
    popup = canvas.open_node_search()
    metrics = popup.list.fontMetrics()
    inner = popup.list.viewport().width()
    assert all(metrics.horizontalAdvance(popup.list.item(i).text()) < inner for i in range(popup.list.count()))
    qtbot.keyClicks(popup.search, "xyz")
    assert not popup.list.isVisible() and popup.empty.isVisible()
    assert popup.empty.text() == "No node matches 'xyz'"
    popup.search.clear()
    assert popup.list.isVisible() and not popup.empty.isVisible()
    popup.hide()


def test_zoomed_out_cards_are_drawn_without_pixmap_caches(qtbot, doc_with_tour):
    canvas = show_canvas(qtbot, doc_with_tour, doc_with_tour.project.project_graph.id)
    cards = [canvas.node_graph().get_node_by_id(i).view for i in doc_with_tour.project.project_graph.nodes]
    canvas.reset_zoom()
    assert {c.cacheMode() for c in cards} == {QGraphicsItem.CacheMode.DeviceCoordinateCache}
    canvas.viewer().set_scale(style.DETAIL_LOD / 2)
    assert {c.cacheMode() for c in cards} == {QGraphicsItem.CacheMode.NoCache}
    node = doc_with_tour.add_node(doc_with_tour.project.project_graph.id, "logic.console", (0, 900))
    assert canvas.node_graph().get_node_by_id(node.id).view.cacheMode() == QGraphicsItem.CacheMode.NoCache
    canvas.reset_zoom()
    assert canvas.node_graph().get_node_by_id(node.id).view.cacheMode() == \
        QGraphicsItem.CacheMode.DeviceCoordinateCache


@pytest.fixture
def doc_with_tour():
    document = Document.open(EXAMPLES / "logic-tour", default_registry())
    yield document
    quiet(document)
