"""The connection rules as a designer meets them: a drag on the canvas that breaks one is refused and
says why, the same edit made programmatically is refused the same way, and nothing changes."""

from __future__ import annotations

import pytest
from canvas_helpers import framed_project_canvas, mouse_drag, quiet, view_point

from editor.document import Document, EditRefused
from runtime.model import Link, Node


@pytest.fixture
def doc() -> Document:
    document = Document()
    graph = document.project.project_graph
    for node_id, x in (("first", 0), ("second", 300)):
        graph.add_node(Node(node_id, "logic.add", node_id.title(), (x, 0), attributes={"Type": "Int"}))
    graph.add_link(Link("first", "Result", "second", "A"))
    yield document
    quiet(document)


def _drag(qtbot, canvas, source: tuple[str, str], target: tuple[str, str]) -> list[str]:
    """Drags from an output socket to an input socket with the mouse; returns the refusals shown."""
    refusals: list[str] = []
    canvas.status_message.connect(refusals.append)
    out = canvas.node_graph().get_node_by_id(source[0]).output_socket(source[1])
    into = canvas.node_graph().get_node_by_id(target[0]).input_socket(target[1])
    mouse_drag(qtbot, canvas, view_point(canvas, out, out.boundingRect().center()),
               view_point(canvas, into, into.boundingRect().center()))
    return refusals


def test_a_drag_that_would_make_a_data_loop_is_refused(qtbot, doc):
    canvas = framed_project_canvas(qtbot, doc)
    links = set(doc.project.project_graph.links)
    refusals = _drag(qtbot, canvas, ("second", "Result"), ("first", "B"))
    assert any("would make a data loop" in r for r in refusals), refusals
    assert set(doc.project.project_graph.links) == links and not doc.undo_stack.canUndo()


def test_a_node_cannot_be_connected_to_itself(qtbot, doc):
    canvas = framed_project_canvas(qtbot, doc)
    links = set(doc.project.project_graph.links)
    refusals = _drag(qtbot, canvas, ("first", "Result"), ("first", "B"))
    assert any("cannot be connected to itself" in r for r in refusals), refusals
    assert set(doc.project.project_graph.links) == links and not doc.undo_stack.canUndo()


@pytest.mark.parametrize(("link", "reason"), [
    (Link("second", "Result", "first", "B"), "connecting 'Second' to 'First' would make a data loop"),
    (Link("first", "Result", "first", "B"), "'First' cannot be connected to itself"),
    (Link("first", "Total", "second", "B"), "'First' has no output 'Total'"),
    (Link("first", "Result", "second", "C"), "'Second' has no input 'C'"),
])
def test_the_same_rules_refuse_programmatic_edits(doc, link, reason):
    assert doc.check_link("project", link) == reason
    with pytest.raises(EditRefused, match=reason):
        doc.connect("project", link)
    assert link not in doc.project.project_graph.links and not doc.undo_stack.canUndo()
