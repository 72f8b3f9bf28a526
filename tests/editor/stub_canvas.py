"""A stand-in for editor.canvas.GraphCanvas with the documented API, for window/panel tests.

It keeps tests of the window independent of the canvas internals (developed separately):
selection is a list, the view is a plain QGraphicsView, node adds go through the document.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, Signal
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView, QVBoxLayout, QWidget

from editor.document import Document


class StubCanvas(QWidget):
    selection_changed = Signal(list)
    status_message = Signal(str)

    def __init__(self, document: Document, graph_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document, self.graph_id = document, graph_id
        self._scene = QGraphicsScene(-5000, -5000, 10000, 10000)
        self._view = QGraphicsView(self._scene)
        self._selected: list[str] = []
        self.calls: list[str] = []
        self.node_context_actions: list = []
        self.highlights: dict[str, str | None] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(self._view)

    def viewer(self) -> QGraphicsView:
        return self._view

    def selected_node_ids(self) -> list[str]:
        graph = self.document.project.graphs.get(self.graph_id)
        return [i for i in self._selected if graph and i in graph.nodes]

    def select_nodes(self, ids: list[str]) -> None:
        self._selected = list(ids)
        self.selection_changed.emit(list(ids))

    def center_on_node(self, node_id: str) -> None:
        self.calls.append(f"center_on_node:{node_id}")

    def view_center(self) -> tuple[float, float]:
        return (100.0, 50.0)

    def map_from_global(self, point: QPoint) -> tuple[float, float]:
        scene = self._view.mapToScene(self._view.viewport().mapFromGlobal(point))
        return (scene.x(), scene.y())

    def add_node(self, type_id: str, position: tuple[float, float] | None = None,
                 attributes: dict[str, Any] | None = None) -> str:
        node = self.document.add_node(self.graph_id, type_id, position or self.view_center(), attributes)
        return node.id

    def set_node_highlight(self, node_id: str, kind: str | None) -> None:
        self.highlights[node_id] = kind

    def set_node_values(self, node_id: str, values: dict | None) -> None:
        self.calls.append(f"values:{node_id}")

    def refresh_types(self) -> None:
        self.calls.append("refresh_types")

    def __getattr__(self, name: str):  # frame_all, zoom_in… are recorded
        if name in ("frame_all", "frame_selection", "zoom_in", "zoom_out", "reset_zoom"):
            return lambda: self.calls.append(name)
        raise AttributeError(name)
