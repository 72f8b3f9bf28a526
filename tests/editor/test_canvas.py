"""The logic canvas: the view follows the model, and gestures become undoable Document edits."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import shiboken6
from canvas_helpers import mouse_drag
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QAction, QColor, QImage, QPainter
from PySide6.QtTest import QTest

from editor.canvas import GraphCanvas
from editor.canvas.items import LinkItem, NodeCardItem, SocketItem
from editor.canvas.look import PLUGIN_OFF, UNKNOWN_TYPE, look_of
from editor.document import Document
from runtime.model import Graph, Link, Node, Param
from runtime.nodes import LOGIC_PLUGIN
from runtime.registry import Plugin, Registry, build_registry
from runtime.specs import DataPort, NodeSpec, Scope
from runtime.types import DataType

FAKE_PLUGIN = Plugin(
    "fakeio", "Fake IO", "A test-only plugin.",
    specs=(NodeSpec("fakeio.send", "Fake Send", ("Fake IO",), "Sends.",
                    inputs=(DataPort("Message", DataType.STRING, ""),)),),
)


def _place(graph: Graph, registry: Registry, type_id: str, position: tuple[float, float], **attrs: object) -> Node:
    spec = registry.spec(type_id)
    node = Node(graph.new_node_id(), type_id, spec.name if spec else "Mystery", position,
                attributes=(spec.default_attributes() if spec else {}) | attrs)
    graph.nodes[node.id] = node
    return node


@pytest.fixture
def registry() -> Registry:
    return build_registry([LOGIC_PLUGIN, FAKE_PLUGIN])


@pytest.fixture
def doc(registry: Registry) -> Iterator[Document]:
    """A project graph with an event, a branch, two consoles, a pure Add, a plugin node and an unknown type."""
    document = Document(registry=registry)
    graph = document.project.project_graph
    n = {
        "start": _place(graph, registry, "logic.on_project_start", (0, 0)),
        "branch": _place(graph, registry, "logic.branch", (250, 0)),
        "log1": _place(graph, registry, "logic.console", (500, -80)),
        "log2": _place(graph, registry, "logic.console", (500, 120)),
        "add": _place(graph, registry, "logic.add", (0, 200)),
        "send": _place(graph, registry, "fakeio.send", (750, -80)),
        "mystery": _place(graph, registry, "acme.mystery", (750, 120)),
    }
    graph.links += [
        Link(n["start"].id, "Out", n["branch"].id, "In"),
        Link(n["branch"].id, "True", n["log1"].id, "In"),
        Link(n["add"].id, "Result", n["log2"].id, "Value"),
        Link(n["log1"].id, "Out", n["send"].id, "In"),
        Link(n["log2"].id, "Out", n["mystery"].id, "Trigger"),
        Link(n["mystery"].id, "Done", n["log1"].id, "In"),
    ]
    document.ids = {k: v.id for k, v in n.items()}  # type: ignore[attr-defined]
    yield document
    _quiet(document)


def _quiet(document: Document) -> None:
    """Document's undo stack emits cleanChanged while being destroyed, into a deleted Document: silence it."""
    document.undo_stack.blockSignals(True)


@pytest.fixture
def canvas(qtbot, doc: Document) -> GraphCanvas:
    widget = GraphCanvas(doc, doc.project.project_graph.id)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    qtbot.waitExposed(widget)
    widget.frame_all()
    return widget


def _pipes(canvas: GraphCanvas) -> list[LinkItem]:
    return [i for i in canvas.viewer().scene().items() if type(i) is LinkItem]


def _drawn_links(canvas: GraphCanvas) -> set[Link]:
    return {Link(p.output_port.node.model_id, p.output_port.name, p.input_port.node.model_id, p.input_port.name)
            for p in _pipes(canvas)}


def _assert_pipes_attached(canvas: GraphCanvas) -> None:
    """Every connection starts and ends on its sockets (after moves and socket relayouts)."""
    for pipe in _pipes(canvas):
        path = pipe.path()
        for end, socket in ((path.pointAtPercent(0), pipe.output_port), (path.pointAtPercent(1), pipe.input_port)):
            centre = socket.mapToScene(socket.boundingRect().center())
            assert (end - centre).manhattanLength() < 1, f"{socket.name} of {socket.node.model_id} is detached"


def _socket(canvas: GraphCanvas, node_id: str, name: str, output: bool) -> SocketItem:
    node = canvas.node_graph().get_node_by_id(node_id)
    socket = node.output_socket(name) if output else node.input_socket(name)
    assert socket is not None, f"{node_id} has no {'output' if output else 'input'} {name!r}"
    return socket


def _view_point(canvas: GraphCanvas, item: SocketItem | NodeCardItem, offset: QPointF | None = None) -> QPoint:
    local = offset if offset is not None else item.boundingRect().center()
    return canvas.viewer().mapFromScene(item.mapToScene(local))


def test_canvas_shows_every_node_and_link_of_the_model(canvas: GraphCanvas, doc: Document) -> None:
    graph = doc.project.project_graph
    assert {n.id for n in canvas.node_graph().all_nodes()} == set(graph.nodes)
    assert _drawn_links(canvas) == set(graph.links)
    mystery = canvas.node_look(doc.ids["mystery"])
    assert mystery.status == UNKNOWN_TYPE
    # an unknown type keeps the sockets its links name, with kinds taken from the far ends
    assert [(s.name, s.pulse) for s in mystery.inputs] == [("Trigger", True)]
    assert [(s.name, s.pulse) for s in mystery.outputs] == [("Done", True)]
    branch = canvas.node_look(doc.ids["branch"])
    assert [s.name for s in branch.inputs] == ["In", "Condition"] and branch.inputs[0].pulse
    assert branch.inputs[1].data_type is DataType.BOOL
    assert canvas.node_look(doc.ids["send"]).badge == "Fake IO"
    assert canvas.node_look(doc.ids["add"]).badge == ""


def test_refused_drag_says_why_and_valid_drag_connects_undoably(qtbot, canvas: GraphCanvas, doc: Document) -> None:
    graph = doc.project.project_graph
    messages: list[str] = []
    canvas.status_message.connect(messages.append)
    viewer = canvas.viewer()
    add_result = _socket(canvas, doc.ids["add"], "Result", output=True)
    condition = _socket(canvas, doc.ids["branch"], "Condition", output=False)
    # the check the live drag makes on every hovered socket: Int -> Bool is refused, with the reason
    assert viewer._validate_accept_connection(add_result, condition) is False
    assert messages and "type mismatch" in messages[-1]

    before = len(graph.links)
    mouse_drag(qtbot, canvas, _view_point(canvas, add_result), _view_point(canvas, condition))
    assert len(graph.links) == before and "type mismatch" in messages[-1]
    assert _drawn_links(canvas) == set(graph.links)

    # a valid drag with the real mouse: Branch.False -> second Console's pulse input
    false_out = _socket(canvas, doc.ids["branch"], "False", output=True)
    log2_in = _socket(canvas, doc.ids["log2"], "In", output=False)
    mouse_drag(qtbot, canvas, _view_point(canvas, false_out), _view_point(canvas, log2_in))
    new = Link(doc.ids["branch"], "False", doc.ids["log2"], "In")
    assert new in graph.links and new in _drawn_links(canvas)
    assert doc.undo_stack.undoText() == "Connect"
    doc.undo_stack.undo()
    assert new not in graph.links and new not in _drawn_links(canvas)
    doc.undo_stack.redo()
    assert new in _drawn_links(canvas)


def test_a_wire_over_a_refusing_socket_turns_red_and_says_why(qtbot, canvas: GraphCanvas, doc: Document) -> None:
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QToolTip

    from editor.canvas import style

    messages: list[str] = []
    canvas.status_message.connect(messages.append)
    viewer, viewport = canvas.viewer(), canvas.viewer().viewport()
    live = viewer._LIVE_PIPE
    start = _view_point(canvas, _socket(canvas, doc.ids["add"], "Result", output=True))
    condition = _view_point(canvas, _socket(canvas, doc.ids["branch"], "Condition", output=False))
    free = start + QPoint(80, 90)
    QTest.mouseMove(viewport, start)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(viewport, free)
    assert live.isVisible() and viewer.drag_refusal is None and live.pen().color() != QColor(*style.REFUSED)
    QTest.mouseMove(viewport, condition)
    assert "type mismatch" in (viewer.drag_refusal or "")
    assert live.pen().color() == QColor(*style.REFUSED)
    qtbot.waitUntil(QToolTip.isVisible, timeout=2000)
    assert QToolTip.text().startswith("Cannot connect: ") and "type mismatch" in QToolTip.text()
    QTest.mouseMove(viewport, free)  # off the socket: the wire is its normal colour again
    assert viewer.drag_refusal is None and live.pen().color() != QColor(*style.REFUSED)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, free)
    assert not live.isVisible() and not QToolTip.isVisible()
    # a later valid connection clears the refusal from the status bar
    false_out = _socket(canvas, doc.ids["branch"], "False", output=True)
    log2_in = _socket(canvas, doc.ids["log2"], "In", output=False)
    mouse_drag(qtbot, canvas, _view_point(canvas, false_out), _view_point(canvas, log2_in))
    assert "type mismatch" in " ".join(messages) and messages[-1] == ""


def test_dragging_a_connection_off_its_socket_disconnects(qtbot, canvas: GraphCanvas, doc: Document) -> None:
    graph = doc.project.project_graph
    link = Link(doc.ids["add"], "Result", doc.ids["log2"], "Value")
    value_in = _socket(canvas, doc.ids["log2"], "Value", output=False)
    start = _view_point(canvas, value_in)
    mouse_drag(qtbot, canvas, start, start + QPoint(-60, 140))
    assert link not in graph.links and link not in _drawn_links(canvas)
    doc.undo_stack.undo()
    assert link in graph.links and link in _drawn_links(canvas)


def test_model_edits_and_undo_redo_update_the_canvas(canvas: GraphCanvas, doc: Document) -> None:
    graph_id = doc.project.project_graph.id
    node = doc.add_node(graph_id, "logic.delay", (100, 400))
    assert canvas.node_graph().get_node_by_id(node.id) is not None
    doc.undo_stack.undo()
    assert canvas.node_graph().get_node_by_id(node.id) is None
    doc.undo_stack.redo()
    view_node = canvas.node_graph().get_node_by_id(node.id)
    assert (view_node.view.x(), view_node.view.y()) == (100, 400)

    doc.set_node_field(graph_id, node.id, "name", "Wait a bit")
    assert canvas.node_look(node.id).title == "Wait a bit"
    doc.set_node_field(graph_id, node.id, "enabled", False)
    assert not canvas.node_look(node.id).enabled and view_node.view.opacity() < 1
    doc.undo_stack.undo()
    assert view_node.view.opacity() == 1


def test_attribute_that_types_sockets_rebuilds_them(canvas: GraphCanvas, doc: Document) -> None:
    graph = doc.project.project_graph
    compare = doc.add_node(graph.id, "logic.compare", (300, 400))
    doc.connect(graph.id, Link(doc.ids["add"], "Result", compare.id, "A"))
    assert canvas.node_look(compare.id).inputs[0].data_type is DataType.INT
    doc.set_attribute(graph.id, compare.id, "Type", "String")
    assert canvas.node_look(compare.id).inputs[0].data_type is DataType.STRING
    assert _socket(canvas, compare.id, "A", output=False).socket.data_type is DataType.STRING
    assert _drawn_links(canvas) == set(graph.links)  # the Int link no longer fits and is gone
    doc.undo_stack.undo()
    assert canvas.node_look(compare.id).inputs[0].data_type is DataType.INT
    assert Link(doc.ids["add"], "Result", compare.id, "A") in _drawn_links(canvas)
    assert _drawn_links(canvas) == set(graph.links)


def test_function_signature_change_rebuilds_call_nodes(canvas: GraphCanvas, doc: Document) -> None:
    graph = doc.project.project_graph
    function = doc.add_graph(Scope.FUNCTION, "Double")
    call = doc.add_node(graph.id, "logic.function_call", (300, 500))
    doc.set_attribute(graph.id, call.id, "Function", function.id)
    assert [s.name for s in canvas.node_look(call.id).inputs] == ["In"]
    doc.set_signature(function.id, [Param("x", DataType.INT)], [Param("y", DataType.INT)])
    look = canvas.node_look(call.id)
    assert [(s.name, s.data_type) for s in look.inputs] == [("In", None), ("x", DataType.INT)]
    assert _socket(canvas, call.id, "y", output=True).socket.data_type is DataType.INT
    doc.undo_stack.undo()
    assert [s.name for s in canvas.node_look(call.id).inputs] == ["In"]


def test_delete_key_removes_selected_nodes_from_the_model(qtbot, canvas: GraphCanvas, doc: Document) -> None:
    graph = doc.project.project_graph
    selections: list[list[str]] = []
    canvas.selection_changed.connect(selections.append)
    canvas.select_nodes([doc.ids["branch"]])
    assert selections[-1] == [doc.ids["branch"]]
    canvas.viewer().setFocus()
    QTest.keyClick(canvas.viewer(), Qt.Key.Key_Delete)
    assert doc.ids["branch"] not in graph.nodes
    assert canvas.node_graph().get_node_by_id(doc.ids["branch"]) is None
    assert _drawn_links(canvas) == set(graph.links)
    doc.undo_stack.undo()
    assert doc.ids["branch"] in graph.nodes and _drawn_links(canvas) == set(graph.links)


def test_moving_nodes_records_one_undo_step(qtbot, canvas: GraphCanvas, doc: Document) -> None:
    graph = doc.project.project_graph
    canvas.select_nodes([doc.ids["branch"], doc.ids["log1"]])
    card = canvas.node_graph().get_node_by_id(doc.ids["branch"]).view
    before = {i: graph.nodes[i].position for i in (doc.ids["branch"], doc.ids["log1"])}
    count = doc.undo_stack.count()
    start = _view_point(canvas, card, QPointF(card.width / 2, 10))
    mouse_drag(qtbot, canvas, start, start + QPoint(80, 40))
    assert doc.undo_stack.count() == count + 1
    assert doc.undo_stack.undoText() == "Move 2 nodes"
    moved = graph.nodes[doc.ids["branch"]].position
    assert moved != before[doc.ids["branch"]] and moved == (card.x(), card.y())
    _assert_pipes_attached(canvas)  # connections followed the drag
    doc.undo_stack.undo()
    assert (card.x(), card.y()) == before[doc.ids["branch"]]
    _assert_pipes_attached(canvas)


def test_plugin_toggle_turns_nodes_into_placeholders_and_back(canvas: GraphCanvas, doc: Document) -> None:
    graph = doc.project.project_graph
    send = doc.ids["send"]
    popup = canvas.node_search()
    canvas.refresh_types()
    assert "fakeio.send" in popup.type_ids()
    doc.set_plugin_active("fakeio", False)
    look = canvas.node_look(send)
    assert look.status == PLUGIN_OFF and look.badge == "Fake IO"
    assert send in graph.nodes and canvas.node_graph().get_node_by_id(send) is not None
    assert _drawn_links(canvas) == set(graph.links)  # kept
    _assert_pipes_attached(canvas)  # the "plugin off" strip moved the sockets down: links followed
    assert "fakeio.send" not in popup.type_ids()
    doc.undo_stack.undo()
    assert canvas.node_look(send).status == ""
    assert "fakeio.send" in popup.type_ids()
    assert _drawn_links(canvas) == set(graph.links)
    _assert_pipes_attached(canvas)


def test_real_socketio_nodes_become_placeholders(qtbot) -> None:
    document = Document()
    specs = [s for s in document.registry.specs.values() if s.plugin == "socketio"]
    assert specs, "the Socket.IO plugin declares node types"
    graph = document.project.project_graph
    node = _place(graph, document.registry, specs[0].type_id, (0, 0))
    canvas = GraphCanvas(document, graph.id)
    qtbot.addWidget(canvas)
    document.set_plugin_active("socketio", False)
    assert canvas.node_look(node.id).status == PLUGIN_OFF
    document.undo_stack.undo()
    assert canvas.node_look(node.id).status == ""
    _quiet(document)


def test_tab_search_lists_only_placeable_types_and_adds_at_the_cursor(qtbot, canvas: GraphCanvas,
                                                                      doc: Document) -> None:
    graph = doc.project.project_graph
    viewer = canvas.viewer()
    at = QPoint(300, 200)
    QTest.mouseMove(viewer.viewport(), at)
    viewer.setFocus()
    popup = canvas.open_node_search(at)
    expected = [s.type_id for s in doc.registry.placeable(graph.kind, doc.project)]
    assert popup.isVisible() and popup.type_ids() == expected
    assert "logic.function_input" not in expected  # function-only nodes are not placeable on the Project tab
    QTest.keyClicks(popup.search, "branch")
    assert popup.type_ids(visible_only=True) == ["logic.branch"]
    count = len(graph.nodes)
    QTest.keyClick(popup.search, Qt.Key.Key_Return)
    assert len(graph.nodes) == count + 1
    added = next(n for n in graph.nodes.values() if n.type == "logic.branch" and n.id != doc.ids["branch"])
    scene_at = viewer.mapToScene(at)
    assert added.position == pytest.approx((scene_at.x(), scene_at.y()))
    assert canvas.selected_node_ids() == [added.id]


def test_tab_key_opens_the_search(qtbot, canvas: GraphCanvas) -> None:
    canvas.viewer().setFocus()
    QTest.keyClick(canvas.viewer(), Qt.Key.Key_Tab)
    assert canvas.node_search().isVisible()


def test_debugger_highlight_and_values(canvas: GraphCanvas, doc: Document) -> None:
    card = canvas.node_graph().get_node_by_id(doc.ids["branch"]).view
    canvas.set_node_highlight(doc.ids["branch"], "running")
    canvas.set_node_values(doc.ids["branch"], {"in": {"Condition": True}})
    assert card.highlight_kind == "running" and [t.text for t in card.value_tags().values()] == ["Condition = true"]
    tag = card.value_tags()[("in", "Condition")]
    scale = canvas.viewer().scale_factor()
    canvas.zoom_out()
    canvas.zoom_out()
    assert canvas.viewer().scale_factor() < scale
    on_screen = canvas.viewer().mapFromScene(tag.mapToScene(tag.boundingRect())).boundingRect()
    assert on_screen.height() >= 14  # readable whatever the zoom: the tag keeps its size on screen
    canvas.set_node_highlight(doc.ids["branch"], None)
    canvas.set_node_values(doc.ids["branch"], None)
    assert card.highlight_kind is None and not card.value_tags()
    canvas.set_node_highlight("no-such-node", "error")  # ignored


def test_two_canvases_follow_one_model_without_shortcut_clashes(qtbot, doc: Document) -> None:
    graph = doc.project.project_graph
    first, second = GraphCanvas(doc, graph.id), GraphCanvas(doc, graph.id)
    qtbot.addWidget(first)  # `second` is deleted by the test itself
    node = doc.add_node(graph.id, "logic.delay", (0, 500))
    assert first.node_graph().get_node_by_id(node.id) and second.node_graph().get_node_by_id(node.id)
    for canvas in (first, second):
        shortcuts = [a for a in canvas.viewer().findChildren(QAction) if not a.shortcut().isEmpty()]
        assert shortcuts == []
        assert canvas.node_graph().undo_stack().count() == 0  # NodeGraphQt records nothing
    second.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(second))
    doc.undo_stack.undo()  # the deleted canvas is no longer called
    assert first.node_graph().get_node_by_id(node.id) is None


def test_rendering_gives_a_picture(canvas: GraphCanvas, tmp_path) -> None:
    image = QImage(800, 500, QImage.Format.Format_ARGB32)
    image.fill(QColor(0, 0, 0))
    painter = QPainter(image)
    canvas.viewer().render(painter)
    painter.end()
    colours = {image.pixelColor(x, y).rgb() for x in range(0, 800, 7) for y in range(0, 500, 7)}
    assert len(colours) > 10
    assert image.save(str(tmp_path / "canvas.png"))


def test_socket_count_and_event_parameters_redraw_the_node(canvas: GraphCanvas, doc: Document) -> None:
    from runtime.model import CustomEvent

    graph = doc.project.project_graph
    sequence = doc.add_node(graph.id, "logic.sequential", (300, 400))
    doc.connect(graph.id, Link(sequence.id, "Then 2", doc.ids["log2"], "In"))
    doc.set_attribute(graph.id, sequence.id, "Outputs", 3)
    assert [s.name for s in canvas.node_look(sequence.id).outputs] == ["Then 1", "Then 2", "Then 3"]
    doc.set_attribute(graph.id, sequence.id, "Outputs", 1)
    _socket(canvas, sequence.id, "Then 1", output=True)
    assert _drawn_links(canvas) == set(graph.links) and not graph.links_from(sequence.id, "Then 2")
    doc.undo_stack.undo()
    assert Link(sequence.id, "Then 2", doc.ids["log2"], "In") in _drawn_links(canvas)

    listener = doc.add_node(graph.id, "logic.custom_event_listener", (300, 600), {"Event": "tick"})
    doc.set_events([CustomEvent("tick", [Param("Count", DataType.INT)])])
    assert _socket(canvas, listener.id, "Count", output=True).socket.data_type is DataType.INT
    doc.undo_stack.undo()
    assert [s.name for s in canvas.node_look(listener.id).outputs] == ["Out"]


def _socket_names(canvas: GraphCanvas, node_id: str) -> tuple[list[str], list[str]]:
    """The sockets drawn on a node's card, after checking that the look it shows is the model's."""
    graph = canvas.document.graph(canvas.graph_id)
    registry = canvas.document.registry
    assert canvas.node_look(node_id) == look_of(graph.nodes[node_id], graph, canvas.document.project, registry)
    node = canvas.node_graph().get_node_by_id(node_id)
    return [p.name() for p in node.input_ports()], [p.name() for p in node.output_ports()]


def test_a_stand_in_socket_goes_with_its_last_wire_and_comes_back_on_undo(qtbot, canvas: GraphCanvas,
                                                                           doc: Document) -> None:
    """An unknown node's sockets exist only for its wires: deleting the node at the far end of one
    (Delete key) takes that socket off the card; Ctrl+Z brings the socket back with its wire, in its row."""
    graph, mystery = doc.project.project_graph, doc.ids["mystery"]
    third = doc.add_node(graph.id, "logic.console", (500, 300))
    graph.add_link(Link(third.id, "Out", mystery, "Again"))  # as a file may hold it (no edit makes it)
    links = list(graph.links)
    assert _socket_names(canvas, mystery) == (["Trigger", "Again"], ["Done"])
    canvas.select_nodes([doc.ids["log2"]])  # its Out feeds the unknown node's Trigger
    canvas.viewer().setFocus()
    QTest.keyClick(canvas.viewer(), Qt.Key.Key_Delete)
    assert doc.ids["log2"] not in graph.nodes
    assert _socket_names(canvas, mystery) == (["Again"], ["Done"])
    assert _drawn_links(canvas) == set(graph.links)
    _assert_pipes_attached(canvas)  # the sockets moved up a row: the wires left follow
    doc.undo_stack.undo()
    assert _socket_names(canvas, mystery) == (["Trigger", "Again"], ["Done"])  # not swapped
    assert graph.links == links  # the file's order too
    assert _drawn_links(canvas) == set(graph.links)
    _assert_pipes_attached(canvas)
    doc.undo_stack.redo()
    assert _socket_names(canvas, mystery) == (["Again"], ["Done"])


def test_undoing_a_connect_that_displaced_a_stand_in_wire_brings_its_socket_back(canvas: GraphCanvas,
                                                                                 doc: Document) -> None:
    """A connection that displaces the only wire of a stand-in socket takes the socket too; undo restores both."""
    graph, mystery, log2 = doc.project.project_graph, doc.ids["mystery"], doc.ids["log2"]
    graph.add_link(Link(mystery, "Text", doc.ids["log1"], "Value"))  # as a file may hold it (no edit makes it)
    graph.add_link(Link(doc.ids["start"], "Out", doc.ids["log2"], "In"))  # after it in the file
    before = list(graph.links)
    assert _socket_names(canvas, mystery) == (["Trigger"], ["Done", "Text"])
    assert not _socket(canvas, mystery, "Text", output=True).socket.pulse  # its kind is the far end's
    doc.connect(graph.id, Link(doc.ids["add"], "Result", doc.ids["log1"], "Value"))  # displaces Text's wire
    assert _socket_names(canvas, mystery) == (["Trigger"], ["Done"])
    assert _drawn_links(canvas) == set(graph.links)
    links = list(graph.links)
    doc.undo_stack.undo()
    assert _socket_names(canvas, mystery) == (["Trigger"], ["Done", "Text"])
    assert graph.links == before  # the displaced connection is back where it was in the file
    assert _drawn_links(canvas) == set(graph.links)
    _assert_pipes_attached(canvas)
    doc.undo_stack.redo()
    assert graph.links == links
    assert _socket_names(canvas, mystery) == (["Trigger"], ["Done"])
    assert Link(log2, "Out", mystery, "Trigger") in _drawn_links(canvas)


def test_a_stand_in_socket_stays_while_another_wire_names_it(canvas: GraphCanvas, doc: Document) -> None:
    graph, mystery = doc.project.project_graph, doc.ids["mystery"]
    second = Link(mystery, "Done", doc.ids["log2"], "In")
    doc.disconnect(graph.id, [Link(doc.ids["log2"], "Out", mystery, "Trigger")])  # no loop through log2
    graph.add_link(second)
    doc.disconnect(graph.id, [Link(mystery, "Done", doc.ids["log1"], "In")])
    assert _socket_names(canvas, mystery) == ([], ["Done"])
    assert _drawn_links(canvas) == set(graph.links) and second in graph.links


def test_a_live_node_loses_a_stand_in_socket_but_ordinary_wires_rebuild_nothing(canvas: GraphCanvas,
                                                                                doc: Document) -> None:
    """A connection from an unknown node is kept as the file wrote it, even to an input the live node at
    its other end lacks: both ends show a stand-in socket while it lasts. Removing an ordinary wire
    rebuilds no socket; removing that one takes only the two stand-ins off."""
    graph, log1, mystery = doc.project.project_graph, doc.ids["log1"], doc.ids["mystery"]
    ghost = Link(mystery, "Text", log1, "Ghost")
    graph.add_link(ghost)
    inputs, outputs = _socket_names(canvas, log1)
    assert inputs[-1] == "Ghost" and _socket_names(canvas, mystery) == (["Trigger"], ["Done", "Text"])
    sockets = [_socket(canvas, log1, name, output=False) for name in inputs[:-1]]
    doc.disconnect(graph.id, [Link(doc.ids["branch"], "True", log1, "In")])  # an ordinary wire
    assert [_socket(canvas, log1, name, output=False) for name in inputs[:-1]] == sockets  # the same items
    doc.disconnect(graph.id, [ghost])
    assert _socket_names(canvas, log1) == (inputs[:-1], outputs)
    assert [_socket(canvas, log1, name, output=False) for name in inputs[:-1]] == sockets  # only Ghost went
    assert _socket_names(canvas, mystery) == (["Trigger"], ["Done"])
    assert _drawn_links(canvas) == set(graph.links)
    _assert_pipes_attached(canvas)
    doc.undo_stack.undo()
    assert _socket_names(canvas, log1) == (inputs, outputs)
    assert _socket_names(canvas, mystery) == (["Trigger"], ["Done", "Text"])
    assert ghost in _drawn_links(canvas)
    _assert_pipes_attached(canvas)
