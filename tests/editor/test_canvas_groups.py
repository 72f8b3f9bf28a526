"""Groups (titled backdrops): made with Ctrl+G, moved by their title bar with what lies on them,
resized from the corner, renamed in place, deleted without their nodes — each one undo step."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from canvas_helpers import (
    card_rect,
    click,
    framed_project_canvas,
    mouse_drag,
    place,
    quiet,
    scene_point,
    show_canvas,
    view_point,
)
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit

from editor.canvas import GraphCanvas
from editor.canvas.groups import PADDING, TITLE_HEIGHT, GroupItem
from editor.document import Document
from runtime.model import Link
from runtime.registry import Registry

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def doc(registry: Registry) -> Iterator[Document]:
    """Two linked nodes to group (a, b) and one that stays outside (c)."""
    document = Document(registry=registry)
    graph = document.project.project_graph
    a = place(graph, registry, "logic.on_project_start", (0, 0))
    b = place(graph, registry, "logic.console", (260, 40))
    c = place(graph, registry, "logic.console", (700, 0))
    graph.links += [Link(a.id, "Out", b.id, "In"), Link(b.id, "Out", c.id, "In")]
    document.ids = {"a": a.id, "b": b.id, "c": c.id}  # type: ignore[attr-defined]
    yield document
    quiet(document)


@pytest.fixture
def canvas(qtbot, doc: Document) -> GraphCanvas:
    return framed_project_canvas(qtbot, doc)


def _grouped(canvas: GraphCanvas, doc: Document) -> tuple[str, GroupItem]:
    canvas.select_nodes([doc.ids["a"], doc.ids["b"]])
    group_id = canvas.group_selected()
    assert group_id is not None
    return group_id, canvas.group_item(group_id)


def _title_point(canvas: GraphCanvas, item: GroupItem) -> QPoint:
    return view_point(canvas, item, QPointF(70.0, TITLE_HEIGHT / 2))


def _positions(doc: Document) -> dict[str, tuple[float, float]]:
    return {key: doc.project.project_graph.nodes[node_id].position for key, node_id in doc.ids.items()}


def test_ctrl_g_in_the_window_groups_the_selection_and_delete_removes_only_the_group(qtbot, make_window, doc):
    window = make_window(doc, canvas_factory=GraphCanvas)
    canvas = window.current_canvas()
    graph = doc.project.project_graph
    canvas.select_nodes([doc.ids["a"], doc.ids["b"]])
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # window shortcuts need an active window
    canvas.viewer().setFocus()
    QTest.keyClick(canvas.viewer(), Qt.Key.Key_G, CTRL)
    assert len(graph.groups) == 1
    group = graph.groups[0]
    x, y, w, h = group.rect
    for key in ("a", "b"):  # around the selection, with padding and room for the title
        rect = card_rect(canvas, doc.ids[key])
        assert x + PADDING - 1 <= rect.left() and rect.right() <= x + w - PADDING + 1
        assert y + TITLE_HEIGHT + PADDING - 1 <= rect.top() and rect.bottom() <= y + h - PADDING + 1
    assert not card_rect(canvas, doc.ids["c"]).intersects(canvas.group_item(group.id).area())
    assert canvas.selected_group_ids() == [group.id] and canvas.group_item(group.id).title == "Group"

    QTest.keyClick(canvas.viewer(), Qt.Key.Key_Delete)  # the window's Delete: the group, not its nodes
    assert graph.groups == [] and canvas.group_item(group.id) is None
    assert set(doc.ids.values()) <= set(graph.nodes)
    QTest.keyClick(canvas.viewer(), Qt.Key.Key_Z, CTRL)
    assert [g.id for g in graph.groups] == [group.id] and canvas.group_item(group.id) is not None
    QTest.keyClick(canvas.viewer(), Qt.Key.Key_Z, CTRL)  # undoes the grouping itself
    assert graph.groups == [] and canvas.group_item(group.id) is None
    window.actions["redo"].trigger()
    assert canvas.group_item(group.id).area().getRect() == group.rect


def test_ctrl_g_without_a_selection_says_what_to_do(qtbot, canvas, doc):
    messages: list[str] = []
    canvas.status_message.connect(messages.append)
    canvas.select_nodes([])
    assert canvas.group_selected() is None
    assert doc.project.project_graph.groups == [] and "Select" in messages[-1]


def test_dragging_the_title_bar_moves_the_group_and_its_nodes_in_one_undo_step(qtbot, canvas, doc):
    _group_id, item = _grouped(canvas, doc)
    graph = doc.project.project_graph
    before, rect_before, steps = _positions(doc), graph.groups[0].rect, doc.undo_stack.count()
    start = _title_point(canvas, item)
    mouse_drag(qtbot, canvas, start, start + QPoint(150, 90))

    x, y, w, h = graph.groups[0].rect
    dx, dy = x - rect_before[0], y - rect_before[1]
    assert dx > 50 and dy > 30 and (w, h) == rect_before[2:]
    after = _positions(doc)
    for key in ("a", "b"):
        assert after[key] == pytest.approx((before[key][0] + dx, before[key][1] + dy))
    assert after["c"] == before["c"]  # outside the group: stays
    assert doc.undo_stack.count() == steps + 1 and doc.undo_stack.undoText() == "Move group"
    # the view shows the model, and the connections still end on their sockets
    assert canvas.node_graph().get_node_by_id(doc.ids["b"]).view.pos() == QPointF(*after["b"])
    pipe = canvas._mirror.pipe_of(graph.links[0])
    socket = pipe.input_port
    assert (pipe.path().pointAtPercent(1) - socket.mapToScene(socket.boundingRect().center())).manhattanLength() < 1

    doc.undo_stack.undo()
    assert _positions(doc) == before and graph.groups[0].rect == rect_before
    assert item.area().getRect() == rect_before
    assert canvas.node_graph().get_node_by_id(doc.ids["a"]).view.pos() == QPointF(*before["a"])
    doc.undo_stack.redo()
    assert _positions(doc) == after and item.area().getRect() == (x, y, w, h)


def test_pressing_a_group_title_with_nodes_selected_records_one_step(qtbot, canvas, doc):
    """NodeGraphQt would also report the previously selected nodes' moves: only the group's step counts."""
    group_id, item = _grouped(canvas, doc)
    canvas.select_nodes([doc.ids["a"], doc.ids["c"]])
    steps = doc.undo_stack.count()
    start = _title_point(canvas, item)
    mouse_drag(qtbot, canvas, start, start + QPoint(60, 0))
    assert doc.undo_stack.count() == steps + 1
    assert canvas.selected_group_ids() == [group_id] and canvas.selected_node_ids() == []


def test_resizing_from_the_corner_handle_is_undoable(qtbot, canvas, doc):
    _group_id, item = _grouped(canvas, doc)
    graph = doc.project.project_graph
    x, y, w, h = graph.groups[0].rect
    before = _positions(doc)
    start = view_point(canvas, item, QPointF(w - 5, h - 5))
    mouse_drag(qtbot, canvas, start, start + QPoint(80, 50))
    nx, ny, nw, nh = graph.groups[0].rect
    assert (nx, ny) == (x, y) and nw > w + 40 and nh > h + 20
    assert _positions(doc) == before and doc.undo_stack.undoText() == "Resize group"
    doc.undo_stack.undo()
    assert graph.groups[0].rect == (x, y, w, h) and item.area().getRect() == (x, y, w, h)


def test_double_click_on_the_title_renames_in_place_and_escape_cancels(qtbot, canvas, doc):
    group_id, item = _grouped(canvas, doc)
    graph = doc.project.project_graph
    viewport = canvas.viewer().viewport()
    QTest.mouseDClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, _title_point(canvas, item))
    editor = viewport.findChild(QLineEdit, "GroupTitleEditor")
    assert editor is not None and editor.isVisible() and editor.text() == "Group"
    QTest.keyClicks(editor, "Login flow")  # replaces the selected old title
    QTest.keyClick(editor, Qt.Key.Key_Return)
    assert graph.groups[0].title == "Login flow" and item.title == "Login flow" and not editor.isVisible()
    doc.undo_stack.undo()
    assert item.title == "Group"
    doc.undo_stack.redo()
    assert item.title == "Login flow"

    steps = doc.undo_stack.count()
    editor = canvas.rename_group(group_id)
    QTest.keyClicks(editor, "Nope")
    QTest.keyClick(editor, Qt.Key.Key_Escape)
    assert item.title == "Login flow" and doc.undo_stack.count() == steps and not editor.isVisible()


def test_a_rubber_band_started_on_the_body_selects_the_nodes_on_it(qtbot, canvas, doc):
    _group_id, item = _grouped(canvas, doc)
    canvas.select_nodes([])
    a, b = card_rect(canvas, doc.ids["a"]), card_rect(canvas, doc.ids["b"])
    start = scene_point(canvas, QPointF(item.x() + 6, a.top() + 4))  # the body's margin: no item there
    end = scene_point(canvas, QPointF(b.right() + 6, b.bottom() + 6))
    mouse_drag(qtbot, canvas, start, end)
    assert set(canvas.selected_node_ids()) == {doc.ids["a"], doc.ids["b"]}
    assert canvas.selected_group_ids() == []


def test_clicking_the_title_selects_the_group_alone(qtbot, canvas, doc):
    group_id, item = _grouped(canvas, doc)
    canvas.select_nodes([doc.ids["c"]])
    click(canvas, _title_point(canvas, item))
    assert canvas.selected_group_ids() == [group_id] and canvas.selected_node_ids() == []


def test_groups_follow_the_model_and_are_saved(qtbot, canvas, doc, registry, tmp_path):
    graph_id = doc.project.project_graph.id
    group = doc.add_group(graph_id, "Far away", (3000.0, 2000.0, 400.0, 300.0))
    item = canvas.group_item(group.id)
    assert item.area().getRect() == group.rect and item.zValue() < -1  # below connections and nodes
    doc.rename_group(graph_id, group.id, "Very far")
    doc.move_groups(graph_id, {group.id: (3100.0, 2000.0, 500.0, 300.0)})
    assert item.title == "Very far" and item.area().getRect() == (3100.0, 2000.0, 500.0, 300.0)
    canvas.frame_all()
    visible = canvas.viewer().mapToScene(canvas.viewer().viewport().rect()).boundingRect()
    assert visible.contains(item.area())

    doc.save(tmp_path / "p.pulse.json")
    reopened = Document.open(tmp_path / "p.pulse.json", registry)
    assert reopened.project.project_graph.groups == doc.project.project_graph.groups
    again = show_canvas(qtbot, reopened, graph_id)
    assert again.group_item(group.id).title == "Very far"
    quiet(reopened)
