"""A new Socket.IO node takes the only connection as its Configuration; an empty one is flagged on the node."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from editor.canvas import GraphCanvas
from editor.document import Document
from runtime.plugins.socketio.settings import SECTION


def _connections(*names: str) -> dict:
    return {"entries": [SECTION.new_entry(name) for name in names]}


@pytest.fixture
def setup(qtbot) -> Iterator[tuple[Document, GraphCanvas]]:
    document = Document()
    canvas = GraphCanvas(document, document.project.project_graph.id)
    qtbot.addWidget(canvas)
    yield document, canvas
    document.undo_stack.blockSignals(True)  # it emits while being destroyed, into a deleted Document


def _add(document: Document, type_id: str = "socketio.send") -> str:
    return document.add_node(document.project.project_graph.id, type_id, (0.0, 0.0)).id


def test_a_new_node_takes_the_only_connection(setup) -> None:
    document, canvas = setup
    document.set_settings("socketio", _connections("main"))
    for type_id in ("socketio.send", "socketio.on_receive", "socketio.start"):
        node_id = _add(document, type_id)
        assert document.project.project_graph.nodes[node_id].attributes["Configuration"] == "main"
        assert canvas.node_look(node_id).strip == ""
    assert document.project.project_graph.nodes[_add(document, "logic.console")].attributes.get(
        "Configuration") is None  # other nodes are untouched


@pytest.mark.parametrize("names", [(), ("one", "two")])
def test_with_no_or_several_connections_the_node_is_flagged_until_one_is_chosen(setup, names) -> None:
    document, canvas = setup
    if names:
        document.set_settings("socketio", _connections(*names))
    node_id = _add(document)
    node = document.project.project_graph.nodes[node_id]
    assert node.attributes["Configuration"] == ""
    look = canvas.node_look(node_id)
    assert look.problem == "no Configuration" and look.strip == "no Configuration" and look.status == ""
    assert ("choose one of Project Settings > Socket.IO" if names else
            "add a connection in Project Settings > Socket.IO") in look.description
    card = canvas._mirror.nodes[node_id].card
    flagged_height = card.boundingRect().height()
    if not names:
        document.set_settings("socketio", _connections("main"))
        assert canvas.node_look(node_id).problem == "no Configuration"  # placed nodes keep what they have
    document.set_attribute(document.project.project_graph.id, node_id, "Configuration", names[0] if names else "main")
    assert canvas.node_look(node_id).problem == ""
    assert card.boundingRect().height() < flagged_height  # the warning strip is gone
    document.undo_stack.undo()
    assert canvas.node_look(node_id).problem == "no Configuration"


def test_a_configuration_naming_a_deleted_connection_is_flagged(setup) -> None:
    document, canvas = setup
    document.set_settings("socketio", _connections("main", "spare"))
    node_id = _add(document)
    document.set_attribute(document.project.project_graph.id, node_id, "Configuration", "spare")
    assert canvas.node_look(node_id).problem == ""
    document.set_settings("socketio", _connections("main"))
    look = canvas.node_look(node_id)
    assert look.problem == "Configuration missing"
    assert "Configuration 'spare' is not in Project Settings > Socket.IO" in look.description
    document.undo_stack.undo()
    assert canvas.node_look(node_id).problem == ""
