"""Driving a real GraphCanvas with the mouse: shared by the canvas test modules."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QGraphicsItem

from editor.canvas import GraphCanvas
from editor.document import Document
from runtime.model import Graph, Node
from runtime.registry import Registry

LEFT = Qt.MouseButton.LeftButton
NO_MODIFIER = Qt.KeyboardModifier.NoModifier


def place(graph: Graph, registry: Registry, type_id: str, position: tuple[float, float]) -> Node:
    """Puts a node with default attributes straight into the model (before any canvas exists)."""
    spec = registry.spec(type_id)
    node = Node(graph.new_node_id(), type_id, spec.name, position, attributes=spec.default_attributes())
    graph.nodes[node.id] = node
    return node


def view_point(canvas: GraphCanvas, item: QGraphicsItem, local: QPointF) -> QPoint:
    """The viewport point over `local` (item coordinates) of `item`."""
    return canvas.viewer().mapFromScene(item.mapToScene(local))


def scene_point(canvas: GraphCanvas, point: QPointF) -> QPoint:
    return canvas.viewer().mapFromScene(point)


def mouse_drag(qtbot, canvas: GraphCanvas, start: QPoint, end: QPoint, steps: int = 4) -> None:
    """Press, move in a few steps, release: the way a user drags (events through the real viewer)."""
    viewport = canvas.viewer().viewport()
    QTest.mouseMove(viewport, start)
    QTest.mousePress(viewport, LEFT, NO_MODIFIER, start)
    for step in range(1, steps + 1):
        QTest.mouseMove(viewport, start + (end - start) * (step / steps))
    QTest.mouseRelease(viewport, LEFT, NO_MODIFIER, end)
    QApplication.processEvents()  # the zero-time timers a release schedules (selection signals)


def click(canvas: GraphCanvas, point: QPoint) -> None:
    viewport = canvas.viewer().viewport()
    QTest.mouseMove(viewport, point)
    QTest.mouseClick(viewport, LEFT, NO_MODIFIER, point)


def card_rect(canvas: GraphCanvas, node_id: str) -> QRectF:
    return canvas.node_graph().get_node_by_id(node_id).view.sceneBoundingRect()


def show_canvas(qtbot, document: Document, graph_id: str, size: tuple[int, int] = (1200, 700)) -> GraphCanvas:
    canvas = GraphCanvas(document, graph_id)
    qtbot.addWidget(canvas)
    canvas.resize(*size)
    canvas.show()
    qtbot.waitExposed(canvas)
    return canvas


def quiet(document: Document) -> None:
    """Document's undo stack emits cleanChanged while being destroyed, into a deleted Document: silence it."""
    document.undo_stack.blockSignals(True)


def framed_project_canvas(qtbot, document: Document) -> GraphCanvas:
    """The Project graph's canvas, shown and framed (the usual starting point of a canvas test)."""
    widget = show_canvas(qtbot, document, document.project.project_graph.id)
    widget.frame_all()
    return widget
