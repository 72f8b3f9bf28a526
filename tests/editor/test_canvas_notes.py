"""Comments, group colours, node comments and reroute points, driven on the real canvas: each edit one
undo step, everything saved, copied and pasted with the nodes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from canvas_helpers import framed_project_canvas, mouse_drag, place, quiet, scene_point, show_canvas, view_point
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu

from editor import layout_edits
from editor.canvas import GraphCanvas
from editor.canvas.comments import NoteEditor, markdown_lite
from editor.canvas.items import LinkItem
from editor.canvas.reroutes import dots_of
from editor.canvas.style import PULSE, data_colour
from editor.document import Document
from runtime.model import Link
from runtime.registry import Registry
from runtime.types import DataType

LEFT = Qt.MouseButton.LeftButton
ALT = Qt.KeyboardModifier.AltModifier
NONE = Qt.KeyboardModifier.NoModifier


@pytest.fixture
def doc(registry: Registry) -> Iterator[Document]:
    """Start -> Console (a pulse wire) and Format's text -> the Console's Value (a data wire)."""
    document = Document(registry=registry)
    graph = document.project.project_graph
    start = place(graph, registry, "logic.on_project_start", (0, 0))
    console = place(graph, registry, "logic.console", (520, 0))
    fmt = place(graph, registry, "logic.format_string", (0, 260))
    graph.links += [Link(start.id, "Out", console.id, "In"), Link(fmt.id, "Result", console.id, "Value")]
    document.ids = {"start": start.id, "console": console.id, "fmt": fmt.id}  # type: ignore[attr-defined]
    yield document
    quiet(document)


@pytest.fixture
def canvas(qtbot, doc: Document) -> GraphCanvas:
    return framed_project_canvas(qtbot, doc)


def _pipe(canvas: GraphCanvas, link: Link) -> LinkItem:
    pipe = canvas._mirror.pipe_of(link)
    assert pipe is not None
    return pipe


def _links(doc: Document) -> tuple[Link, Link]:
    pulse, data = doc.project.project_graph.links
    return pulse, data


def _double_click_wire(canvas: GraphCanvas, pipe: LinkItem, at: float = 0.5) -> QPointF:
    point = pipe.path().pointAtPercent(at)
    pos = scene_point(canvas, point)
    viewport = canvas.viewer().viewport()
    QTest.mouseMove(viewport, pos)
    QTest.mouseDClick(viewport, LEFT, NONE, pos)
    QApplication.processEvents()
    return point


def test_double_click_on_a_wire_adds_a_reroute_dot_of_its_type_undoably(canvas, doc):
    graph = doc.project.project_graph
    pulse, data = _links(doc)
    for link, colour in ((pulse, PULSE), (data, data_colour(DataType.STRING))):
        pipe = _pipe(canvas, link)
        point = _double_click_wire(canvas, pipe)
        assert len(graph.bends[link]) == 1
        bx, by = graph.bends[link][0]
        assert abs(bx - point.x()) < 2 and abs(by - point.y()) < 2
        (dot,) = dots_of(pipe)
        assert dot.isSelected() and dot.pos() == QPointF(bx, by)
        assert pipe.base_colour().rgb() == colour.rgb()  # the wire keeps its type and colour
        assert pipe.path().contains(QPointF(bx, by)) or pipe.path().elementAt(3).x == bx  # it passes through
    assert doc.undo_stack.undoText() == "Add reroute point"
    doc.undo_stack.undo()
    assert data not in graph.bends and not dots_of(_pipe(canvas, data))
    doc.undo_stack.redo()
    assert len(dots_of(_pipe(canvas, data))) == 1
    assert graph.links == [pulse, data]  # still the same two connections: a reroute is no node
    assert len(graph.nodes) == 3


def test_alt_click_adds_a_point_and_a_second_one_goes_in_order(canvas, doc):
    graph = doc.project.project_graph
    pulse, _ = _links(doc)
    pipe = _pipe(canvas, pulse)
    first = pipe.path().pointAtPercent(0.7)
    QTest.mouseClick(canvas.viewer().viewport(), LEFT, ALT, scene_point(canvas, first))
    second = pipe.path().pointAtPercent(0.25)
    QTest.mouseClick(canvas.viewer().viewport(), LEFT, ALT, scene_point(canvas, second))
    xs = [x for x, _ in graph.bends[pulse]]
    assert len(xs) == 2 and xs == sorted(xs)  # from the output to the input


def test_delete_removes_the_dot_and_keeps_the_wire(canvas, doc):
    graph = doc.project.project_graph
    pulse, _ = _links(doc)
    _double_click_wire(canvas, _pipe(canvas, pulse))
    assert canvas.selected_node_ids() == []
    QTest.keyClick(canvas.viewer(), Qt.Key.Key_Delete)
    assert pulse in graph.links and pulse not in graph.bends
    assert not dots_of(_pipe(canvas, pulse)) and len(graph.nodes) == 3
    doc.undo_stack.undo()
    assert len(graph.bends[pulse]) == 1 and len(dots_of(_pipe(canvas, pulse))) == 1


def test_dragging_a_dot_bends_the_wire_in_one_undo_step(qtbot, canvas, doc):
    graph = doc.project.project_graph
    pulse, _ = _links(doc)
    pipe = _pipe(canvas, pulse)
    _double_click_wire(canvas, pipe)
    (dot,) = dots_of(pipe)
    before = graph.bends[pulse][0]
    start = view_point(canvas, dot, QPointF(0, 0))
    mouse_drag(qtbot, canvas, start, start + scene_point(canvas, QPointF(0, 120)) - scene_point(canvas, QPointF(0, 0)))
    after = graph.bends[pulse][0]
    assert after[1] > before[1] + 60 and dot.pos() == QPointF(*after)
    assert doc.undo_stack.undoText() == "Move reroute point"
    doc.undo_stack.undo()
    assert graph.bends[pulse][0] == before and dot.pos() == QPointF(*before)


def test_moving_a_node_keeps_the_points_and_removing_it_then_undo_brings_them_back(canvas, doc):
    graph = doc.project.project_graph
    pulse, _ = _links(doc)
    layout_edits.set_bends(doc, graph.id, {pulse: ((300.0, 150.0),)}, "Add reroute point")
    doc.remove_nodes(graph.id, [doc.ids["console"]])
    assert pulse not in graph.bends
    doc.undo_stack.undo()
    assert graph.bends[pulse] == ((300.0, 150.0),)
    assert [d.pos() for d in dots_of(_pipe(canvas, pulse))] == [QPointF(300, 150)]


def test_markdown_lite_bold_italics_line_breaks_and_nothing_else():
    assert markdown_lite("**Boot** *then* wait\nline 2 <b>x</b> 2*3*4") == \
        "<b>Boot</b> <i>then</i> wait<br/>line 2 &lt;b&gt;x&lt;/b&gt; 2<i>3</i>4"
    assert markdown_lite("a * b * c") == "a * b * c"  # lone stars stay stars


def test_a_comment_is_added_edited_in_place_and_escape_commits(qtbot, canvas, doc):
    graph = doc.project.project_graph
    editor = canvas.add_comment((100.0, 400.0))
    assert isinstance(editor, NoteEditor) and editor.isVisible()
    (comment,) = graph.comments
    QTest.keyClicks(editor, "**Boot** sequence")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    QTest.keyClicks(editor, "*waits* for the server")
    QTest.keyClick(editor, Qt.Key.Key_Escape)
    assert not editor.isVisible()
    assert comment.text == "**Boot** sequence\n*waits* for the server"
    html = canvas.comment_item(comment.id).html()
    assert "font-weight:700" in html and "font-style:italic" in html and "Boot" in html
    assert doc.undo_stack.undoText() == "Edit comment"
    doc.undo_stack.undo()
    assert comment.text == ""
    doc.undo_stack.undo()
    assert graph.comments == [] and canvas.comment_item(comment.id) is None


def test_double_click_opens_the_editor_and_clicking_away_commits(qtbot, canvas, doc):
    graph = doc.project.project_graph
    layout_edits.add_comment(doc, graph.id, (100.0, 400.0), "old")
    item = canvas.comment_item(graph.comments[0].id)
    viewport = canvas.viewer().viewport()
    QTest.mouseDClick(viewport, LEFT, NONE, view_point(canvas, item, QPointF(60, 40)))
    editor = canvas.findChild(NoteEditor)
    qtbot.waitUntil(editor.isVisible)
    editor.setPlainText("new")
    canvas.viewer().setFocus()  # focus leaves the field, as a click on the canvas takes it
    qtbot.waitUntil(lambda: graph.comments[0].text == "new")
    assert not editor.isVisible()


def test_a_comment_moves_resizes_and_rides_along_with_its_group(qtbot, canvas, doc):
    graph = doc.project.project_graph
    comment = layout_edits.add_comment(doc, graph.id, (100.0, 420.0), "note")
    item = canvas.comment_item(comment.id)
    start = view_point(canvas, item, QPointF(50, 50))
    mouse_drag(qtbot, canvas, start, start + (scene_point(canvas, QPointF(80, 0)) - scene_point(canvas, QPointF())))
    x, y, w, h = graph.comments[0].rect
    assert 70 < x - 100 < 90 and y == 420 and (w, h) == layout_edits.COMMENT_SIZE
    assert doc.undo_stack.undoText() == "Move comment"
    corner = view_point(canvas, item, QPointF(w - 4, h - 4))
    mouse_drag(qtbot, canvas, corner, corner + (scene_point(canvas, QPointF(60, 40)) - scene_point(canvas, QPointF())))
    assert graph.comments[0].rect[2] > w + 40 and graph.comments[0].rect[3] > h + 20
    group = doc.add_group(graph.id, "Notes", (0.0, 300.0, 900.0, 600.0))
    old = graph.comments[0].rect
    title = view_point(canvas, canvas.group_item(group.id), QPointF(700, 15))  # clear of the nodes
    mouse_drag(qtbot, canvas, title, title + (scene_point(canvas, QPointF(0, 100)) - scene_point(canvas, QPointF())))
    assert graph.groups[0].rect[1] > 380, canvas.viewer().itemAt(title)
    assert graph.comments[0].rect[1] > old[1] + 80
    doc.undo_stack.undo()  # one step takes both back
    assert graph.comments[0].rect == old and graph.groups[0].rect == (0.0, 300.0, 900.0, 600.0)


def _trigger(menu: QMenu, *path: str) -> None:
    for name in path[:-1]:
        menu = next(a.menu() for a in menu.actions() if a.text() == name)
    next(a for a in menu.actions() if a.text().replace("&", "") == path[-1]).trigger()


def test_colours_of_groups_and_comments_from_their_menus(canvas, doc):
    graph = doc.project.project_graph
    group = doc.add_group(graph.id, "Boot", (0.0, 0.0, 400.0, 200.0))
    comment = layout_edits.add_comment(doc, graph.id, (0.0, 400.0), "x")
    tools = canvas.layout_tools()
    menu = QMenu()
    tools.fill_group_menu(menu, group.id)
    _trigger(menu, "Colour", "Green")
    assert graph.groups[0].colour == "#a9d98e"
    assert canvas.group_item(group.id)._colours[0].red() == 0xa9
    canvas.select_comments([comment.id])
    tools.comments.select([comment.id])
    layout_edits.set_colour(doc, graph.id, "#8fb8ef", comment_ids=canvas.selected_comment_ids())
    assert canvas.comment_item(comment.id).colour.name() == "#8fb8ef"
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert graph.groups[0].colour == "" and graph.comments[0].colour == "#f5e08a"


def test_node_comment_bubble_from_the_node_menu_is_undoable(monkeypatch, make_window, doc):
    window = make_window(doc, canvas_factory=GraphCanvas)
    canvas = window.current_canvas()
    graph = doc.project.project_graph
    node_id = doc.ids["console"]
    card = canvas._mirror.nodes[node_id].card
    assert card.comment_bubble() is None
    from PySide6.QtWidgets import QInputDialog
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: ("Says hello", True))
    canvas.select_nodes([node_id])
    menu = QMenu()
    window._fill_node_menu(menu)  # what a right-click on the node shows
    _trigger(menu, "Edit Node Comment…")
    assert graph.nodes[node_id].comment == "Says hello"
    bubble = card.comment_bubble()
    assert bubble is not None and bubble.text == "Says hello"
    assert bubble.sceneBoundingRect().bottom() <= card.sceneBoundingRect().top() + 1  # above the card
    doc.undo_stack.undo()
    assert card.comment_bubble() is None


def test_save_and_open_keep_comments_colours_node_comments_and_reroutes(qtbot, canvas, doc, tmp_path, registry):
    graph = doc.project.project_graph
    _, data = _links(doc)
    _double_click_wire(canvas, _pipe(canvas, data))
    layout_edits.add_comment(doc, graph.id, (10.0, 500.0), "**Read** me", "#86d3c6")
    group = doc.add_group(graph.id, "Boot", (-40.0, -60.0, 300.0, 200.0))
    layout_edits.set_colour(doc, graph.id, "#e88b8b", group_ids=[group.id])
    layout_edits.set_node_comment(doc, graph.id, doc.ids["start"], "first")
    path = tmp_path / "p.pulse.json"
    doc.save(path)
    again = Document.open(path, registry)
    assert again.project == doc.project
    reopened = show_canvas(qtbot, again, graph.id)
    comment = again.project.project_graph.comments[0]
    assert reopened.comment_item(comment.id).colour.name() == "#86d3c6"
    assert reopened.group_item(group.id).colour == "#e88b8b"
    assert len(dots_of(reopened._mirror.pipe_of(data))) == 1
    assert reopened._mirror.nodes[doc.ids["start"]].card.comment_bubble().text == "first"
    quiet(again)


def test_copy_paste_brings_the_selected_group_comment_and_reroute_points(qtbot, make_window, doc):
    window = make_window(doc, canvas_factory=GraphCanvas)
    canvas = window.current_canvas()
    graph = doc.project.project_graph
    pulse, data = _links(doc)
    layout_edits.set_bends(doc, graph.id, {pulse: ((260.0, 120.0),)}, "Add reroute point")
    group = doc.add_group(graph.id, "Boot", (-40.0, -60.0, 900.0, 200.0))
    layout_edits.set_colour(doc, graph.id, "#b9a3e8", group_ids=[group.id])
    comment = layout_edits.add_comment(doc, graph.id, (0.0, 160.0), "*why*")
    canvas.select_nodes([doc.ids["start"], doc.ids["console"]])
    canvas.group_item(group.id).setSelected(True)
    canvas.comment_item(comment.id).setSelected(True)
    assert window.copy()
    depth = doc.undo_stack.index()
    window.paste()
    assert doc.undo_stack.index() == depth + 1  # one undo step
    assert len(graph.nodes) == 5 and len(graph.groups) == 2 and len(graph.comments) == 2
    new_group, new_comment = graph.groups[1], graph.comments[1]
    assert new_group.id != group.id and new_group.colour == "#b9a3e8" and new_group.title == "Boot"
    assert new_comment.text == "*why*" and new_comment.id != comment.id
    dx = new_group.rect[0] - group.rect[0]
    dy = new_group.rect[1] - group.rect[1]
    assert (new_comment.rect[0] - comment.rect[0], new_comment.rect[1] - comment.rect[1]) == (dx, dy)
    (pasted_link,) = [k for k in graph.links if k not in (pulse, data)]
    assert graph.bends[pasted_link] == ((260.0 + dx, 120.0 + dy),)
    assert canvas.comment_item(new_comment.id) is not None and canvas.group_item(new_group.id) is not None
    doc.undo_stack.undo()
    assert len(graph.nodes) == 3 and len(graph.groups) == 1 and len(graph.comments) == 1


def test_the_attribute_editor_edits_the_node_comment_shown_above_the_node(qtbot, make_window, doc):
    window = make_window(doc, canvas_factory=GraphCanvas)
    canvas = window.current_canvas()
    node_id = doc.ids["start"]
    canvas.select_nodes([node_id])
    field = window.attribute_editor.comment_field
    qtbot.waitUntil(field.isEnabled)
    field.setFocus()
    qtbot.keyClicks(field, "Boots everything")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert doc.project.project_graph.nodes[node_id].comment == "Boots everything"
    assert canvas._mirror.nodes[node_id].card.comment_bubble().text == "Boots everything"
    window.undo()
    assert doc.project.project_graph.nodes[node_id].comment == "" and field.text() == ""


def test_a_group_drag_takes_the_reroute_points_inside_it_in_the_same_step(qtbot, canvas, doc):
    graph = doc.project.project_graph
    pulse, data = _links(doc)
    layout_edits.set_bends(doc, graph.id, {pulse: ((300.0, 150.0),), data: ((2000.0, 150.0),)}, "Add")
    group = doc.add_group(graph.id, "Around", (200.0, 100.0, 250.0, 120.0))
    title = view_point(canvas, canvas.group_item(group.id), QPointF(200, 15))
    mouse_drag(qtbot, canvas, title, title + (scene_point(canvas, QPointF(0, 100)) - scene_point(canvas, QPointF())))
    (x, y), = graph.bends[pulse]
    assert x == 300.0 and 180 < y < 260 and graph.bends[data] == ((2000.0, 150.0),)  # only the one inside
    assert dots_of(_pipe(canvas, pulse))[0].pos() == QPointF(x, y)
    doc.undo_stack.undo()
    assert graph.bends[pulse] == ((300.0, 150.0),) and graph.groups[0].rect[1] == 100.0
    assert dots_of(_pipe(canvas, pulse))[0].pos() == QPointF(300, 150)


def test_the_windows_add_comment_key_opens_a_note_and_ctrl_z_in_it_commits_then_undoes(qtbot, make_window, doc):
    window = make_window(doc, canvas_factory=GraphCanvas)
    canvas = window.current_canvas()
    graph = doc.project.project_graph
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # window shortcuts need an active window
    canvas.viewer().setFocus()
    QTest.keyClick(canvas.viewer(), Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier | ALT)
    (comment,) = graph.comments
    editor = canvas.findChild(NoteEditor)
    qtbot.waitUntil(editor.hasFocus)
    QTest.keyClicks(editor, "todo")
    QTest.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert comment.text == ""  # typed text committed (one step), then that step undone
    assert doc.undo_stack.undoText() == "Add comment"
    QTest.keyClick(canvas.viewer(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert graph.comments == []


def test_cut_takes_a_selected_comment_with_the_nodes_and_paste_brings_it_back(qtbot, make_window, doc):
    window = make_window(doc, canvas_factory=GraphCanvas)
    canvas = window.current_canvas()
    graph = doc.project.project_graph
    comment = layout_edits.add_comment(doc, graph.id, (0.0, 500.0), "moving")
    canvas.select_nodes([doc.ids["fmt"]])
    canvas.comment_item(comment.id).setSelected(True)
    window.cut()
    assert graph.comments == [] and doc.ids["fmt"] not in graph.nodes
    window.paste()
    assert [c.text for c in graph.comments] == ["moving"] and len(graph.nodes) == 3


def test_alt_drag_still_pans_and_adds_no_point(qtbot, canvas, doc):
    pulse, _ = _links(doc)
    start = scene_point(canvas, _pipe(canvas, pulse).path().pointAtPercent(0.5))
    viewport = canvas.viewer().viewport()
    before = canvas.view_center()
    QTest.mousePress(viewport, LEFT, ALT, start)
    for step in range(1, 5):
        QTest.mouseMove(viewport, start + QPoint(40 * step, 0))
    QTest.mouseRelease(viewport, LEFT, ALT, start + QPoint(160, 0))
    assert doc.project.project_graph.bends == {}
    assert canvas.view_center()[0] < before[0] - 50  # the view followed the drag
