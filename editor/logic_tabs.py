"""The centre of the window: one tab per logic graph (Project, scenes, functions, prefabs), in that order.

Tabs follow the model (graph added, removed, renamed). A tab's canvas is created the first
time the tab is shown, so a project with many graphs opens as fast as one with a single graph;
`canvas_created` lets the window wire each canvas (selection, drops) exactly once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from editor.document import Document
from editor.icons import icon
from runtime.model import Change
from runtime.specs import Scope

CanvasFactory = Callable[[Document, str], Any]
KIND_ORDER = (Scope.PROJECT, Scope.SCENE, Scope.FUNCTION, Scope.PREFAB)
_KIND_ICONS = {Scope.PROJECT: "project", Scope.SCENE: "scene", Scope.FUNCTION: "function", Scope.PREFAB: "prefab"}


class _Page(QWidget):
    """A tab's page: holds the canvas once it exists."""

    def __init__(self, graph_id: str) -> None:
        super().__init__()
        self.graph_id = graph_id
        self.canvas: Any = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)


class LogicTabs(QTabWidget):
    canvas_created = Signal(object)
    current_canvas_changed = Signal(object)

    def __init__(self, canvas_factory: CanvasFactory, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("LogicTabs")
        self.setDocumentMode(False)
        self.setMovable(False)
        self.canvas_factory = canvas_factory
        self.document: Document | None = None
        self.currentChanged.connect(self._on_current)

    # --- document ---------------------------------------------------------------------------
    def set_document(self, document: Document) -> None:
        if self.document is not None:
            self.document.project.changed.disconnect(self._on_change)
        self._clear()
        self.document = document
        document.project.changed.connect(self._on_change)
        self.blockSignals(True)
        for graph_id in document.project.graphs:
            self._insert(graph_id)
        self.blockSignals(False)
        self.setCurrentIndex(0)
        self._on_current(0)

    def _clear(self) -> None:
        while self.count():
            page = self.widget(0)
            self.removeTab(0)
            _dispose(page)

    # --- queries ------------------------------------------------------------------------------
    def pages(self) -> list[_Page]:
        return [self.widget(i) for i in range(self.count())]  # type: ignore[misc]

    def graph_ids(self) -> list[str]:
        return [p.graph_id for p in self.pages()]

    def current_graph_id(self) -> str | None:
        page = self.currentWidget()
        return page.graph_id if isinstance(page, _Page) else None

    def current_canvas(self) -> Any:
        page = self.currentWidget()
        return self._ensure_canvas(page) if isinstance(page, _Page) else None

    def canvas_for(self, graph_id: str, create: bool = True) -> Any:
        page = self._page(graph_id)
        if page is None:
            return None
        return self._ensure_canvas(page) if create else page.canvas

    def canvases(self) -> list[Any]:
        """The canvases created so far."""
        return [p.canvas for p in self.pages() if p.canvas is not None]

    def show_graph(self, graph_id: str) -> Any:
        page = self._page(graph_id)
        if page is not None:
            self.setCurrentWidget(page)
        return self.current_canvas()

    # --- following the model ------------------------------------------------------------------
    def _on_change(self, change: Change) -> None:
        if change.what == "graph_added" and change.graph:
            self._insert(change.graph)
        elif change.what == "graph_removed" and change.graph:
            page = self._page(change.graph)
            if page is not None:
                self.removeTab(self.indexOf(page))
                _dispose(page)
        elif change.what == "graph_renamed" and change.graph:
            page = self._page(change.graph)
            if page is not None:
                self.setTabText(self.indexOf(page), change.detail.name)

    def _insert(self, graph_id: str) -> None:
        assert self.document is not None
        graph = self.document.project.graphs[graph_id]
        order = list(self.document.project.graphs)

        def key(gid: str) -> tuple[int, int]:
            return KIND_ORDER.index(self.document.project.graphs[gid].kind), order.index(gid)  # type: ignore[union-attr]

        index = sum(1 for p in self.pages() if p.graph_id in self.document.project.graphs
                    and key(p.graph_id) < key(graph_id))
        page = _Page(graph_id)
        self.insertTab(index, page, icon(_KIND_ICONS[graph.kind]), graph.name)
        self.setTabToolTip(index, f"{graph.kind.value}: {graph.name}")

    def _page(self, graph_id: str) -> _Page | None:
        return next((p for p in self.pages() if p.graph_id == graph_id), None)

    def _ensure_canvas(self, page: _Page) -> Any:
        if page.canvas is None and self.document is not None:
            page.canvas = self.canvas_factory(self.document, page.graph_id)
            page.layout().addWidget(page.canvas)
            opens = getattr(page.canvas, "graph_requested", None)  # double-click on a Function or Prefab node
            if opens is not None:
                opens.connect(self.show_graph)
            self.canvas_created.emit(page.canvas)
        return page.canvas

    def _on_current(self, _index: int) -> None:
        self.current_canvas_changed.emit(self.current_canvas())


def _dispose(page: QWidget) -> None:
    canvas = getattr(page, "canvas", None)
    detach = getattr(canvas, "detach", None)
    if callable(detach):
        detach()
    page.deleteLater()
