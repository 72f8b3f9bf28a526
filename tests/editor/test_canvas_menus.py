"""Right-click menus on a node, a group and the empty canvas, and slicing connections (Alt+Shift+drag):
driven through the real viewer's events; the menu's choice is picked where a user would click it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from canvas_helpers import card_rect, framed_project_canvas, place, quiet, scene_point, view_point
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QContextMenuEvent, QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu

from editor.canvas import GraphCanvas, graph_canvas, layout_tools
from editor.canvas.comments import NoteEditor
from editor.canvas.groups import TITLE_HEIGHT
from editor.document import Document
from editor.main_window import default_canvas_factory
from runtime.model import Link
from runtime.registry import Registry

ALT_SHIFT = Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def doc(registry: Registry) -> Iterator[Document]:
    document = Document(registry=registry)
    graph = document.project.project_graph
    a = place(graph, registry, "logic.on_project_start", (0, 0))
    b = place(graph, registry, "logic.console", (300, 40))
    graph.links.append(Link(a.id, "Out", b.id, "In"))
    document.ids = {"a": a.id, "b": b.id}  # type: ignore[attr-defined]
    yield document
    quiet(document)


class MenuChoice:
    """Stands in for the user at a context menu: records what it offers, then picks `choose` (or nothing).
    The canvas's QMenu becomes one whose exec() does that instead of blocking."""

    def __init__(self, monkeypatch, choose: str | None) -> None:
        self.offered: list[str] = []
        self.choose = choose
        choice = self

        class ChosenMenu(QMenu):
            def exec(self, *_args):
                choice.offered = [a.text().replace("&", "") for a in self.actions() if not a.isSeparator()]
                picked = next((a for a in self.actions() if a.text().replace("&", "") == choice.choose), None)
                if picked is not None:
                    picked.trigger()
                return picked

        monkeypatch.setattr(graph_canvas, "QMenu", ChosenMenu)
        monkeypatch.setattr(layout_tools, "QMenu", ChosenMenu)


def right_click(canvas: GraphCanvas, point: QPoint) -> None:
    viewport = canvas.viewer().viewport()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, viewport.mapToGlobal(point))
    QApplication.sendEvent(viewport, event)


def test_a_nodes_menu_offers_its_commands_and_delete_removes_it_undoably(qtbot, make_window, doc, monkeypatch):
    window = make_window(doc, canvas_factory=default_canvas_factory)
    canvas = window.current_canvas()
    canvas.frame_all()
    menu = MenuChoice(monkeypatch, "Delete")
    right_click(canvas, scene_point(canvas, card_rect(canvas, doc.ids["b"]).center()))
    assert {"Toggle Breakpoint", "Delete"} <= set(menu.offered)
    graph = doc.project.project_graph
    assert doc.ids["b"] not in graph.nodes and graph.links == []
    doc.undo_stack.undo()
    assert doc.ids["b"] in graph.nodes and len(graph.links) == 1


def test_a_nodes_menu_toggles_a_breakpoint(qtbot, make_window, doc, monkeypatch):
    window = make_window(doc, canvas_factory=default_canvas_factory)
    canvas = window.current_canvas()
    canvas.frame_all()
    MenuChoice(monkeypatch, "Toggle Breakpoint")
    right_click(canvas, scene_point(canvas, card_rect(canvas, doc.ids["a"]).center()))
    assert window.runner.breakpoints == {doc.ids["a"]: "project"}
    right_click(canvas, scene_point(canvas, card_rect(canvas, doc.ids["a"]).center()))
    assert window.runner.breakpoints == {}


def test_the_empty_canvas_menu_adds_a_node_or_frames_all(qtbot, doc, monkeypatch):
    canvas = framed_project_canvas(qtbot, doc)
    menu = MenuChoice(monkeypatch, "Add Node…")
    right_click(canvas, QPoint(5, 5))
    assert menu.offered == ["Add Node…", "Add Comment", "Frame All"]
    assert canvas._search is not None and canvas._search.isVisible()


def test_a_groups_menu_deletes_the_group_but_keeps_its_nodes(qtbot, doc, monkeypatch):
    canvas = framed_project_canvas(qtbot, doc)
    canvas.select_nodes([doc.ids["a"], doc.ids["b"]])
    group_id = canvas.group_selected()
    item = canvas.group_item(group_id)
    menu = MenuChoice(monkeypatch, "Delete Group (keep its nodes)")
    right_click(canvas, view_point(canvas, item, QPointF(70.0, TITLE_HEIGHT / 2)))
    assert menu.offered == ["Rename Group…", "Delete Group (keep its nodes)", "Colour"]
    graph = doc.project.project_graph
    assert graph.groups == [] or group_id not in {g.id for g in graph.groups}
    assert set(graph.nodes) == {doc.ids["a"], doc.ids["b"]}
    doc.undo_stack.undo()
    assert group_id in {g.id for g in graph.groups}


def test_alt_shift_drag_slices_the_connections_it_crosses(qtbot, doc):
    canvas = framed_project_canvas(qtbot, doc)
    viewer = canvas.viewer()
    viewport = viewer.viewport()
    a, b = card_rect(canvas, doc.ids["a"]), card_rect(canvas, doc.ids["b"])
    x = (a.right() + b.left()) / 2  # between the two cards: across the wire only
    top, bottom = scene_point(canvas, QPointF(x, a.top() - 80)), scene_point(canvas, QPointF(x, b.bottom() + 80))
    viewer.setFocus()
    QApplication.sendEvent(viewer, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Shift, ALT_SHIFT))  # Alt held, then Shift
    QTest.mouseMove(viewport, top)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, ALT_SHIFT, top)
    for step in range(1, 5):
        QTest.mouseMove(viewport, top + (bottom - top) * (step / 4))
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, ALT_SHIFT, bottom)
    QApplication.sendEvent(viewer, QKeyEvent(QEvent.Type.KeyRelease, Qt.Key.Key_Shift, Qt.KeyboardModifier.AltModifier))
    graph = doc.project.project_graph
    assert graph.links == [] and doc.undo_stack.undoText() == "Disconnect"
    doc.undo_stack.undo()
    assert len(graph.links) == 1


def test_the_empty_canvas_menu_adds_a_comment_where_it_was_opened(qtbot, doc, monkeypatch):
    canvas = framed_project_canvas(qtbot, doc)
    MenuChoice(monkeypatch, "Add Comment")
    point = QPoint(30, 400)
    right_click(canvas, point)
    (comment,) = doc.project.project_graph.comments
    at = canvas.viewer().mapToScene(point)
    assert comment.rect[:2] == (at.x(), at.y())
    assert canvas.findChild(NoteEditor).isVisible()  # open for typing


def test_a_comments_menu_deletes_it_and_a_dots_menu_removes_the_point_not_the_wire(qtbot, doc, monkeypatch):
    from editor import layout_edits
    from editor.canvas.reroutes import dots_of

    canvas = framed_project_canvas(qtbot, doc)
    graph = doc.project.project_graph
    comment = layout_edits.add_comment(doc, graph.id, (0.0, 300.0), "bye")
    menu = MenuChoice(monkeypatch, "Delete Comment")
    right_click(canvas, view_point(canvas, canvas.comment_item(comment.id), QPointF(30, 30)))
    assert menu.offered == ["Edit Comment", "Colour", "Delete Comment"]
    assert graph.comments == []
    (link,) = graph.links
    layout_edits.set_bends(doc, graph.id, {link: ((150.0, 200.0),)}, "Add reroute point")
    (dot,) = dots_of(canvas._mirror.pipe_of(link))
    MenuChoice(monkeypatch, "Delete Reroute Point")
    right_click(canvas, view_point(canvas, dot, QPointF(0, 0)))
    assert graph.links == [link] and graph.bends == {}
