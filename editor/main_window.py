"""The main window: menus, toolbar, docks and logic tabs around one open `Document`.

The window owns every shortcut and routes it to the current tab's canvas or to the document,
so there is one undo stack (the document's) and no shortcut is defined twice. Panels and
dialogs talk to the document; the window only wires them together. Its commands are rows of
editor/actions/table.py; their handlers are here (view, run, dialogs), in editor/window_edits.py
(Edit) and editor/window_files.py (File).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QShowEvent, QUndoGroup
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QScrollArea,
    QTabWidget,
    QWidget,
)

from editor.actions.build import adopt, build_menus, build_toolbar, canvas_scoped, fill, make_actions, update_enabled
from editor.dialogs.plugins_editor import PluginsEditor
from editor.dialogs.project_settings import ProjectSettingsDialog
from editor.dialogs.shortcuts import ShortcutsDialog
from editor.document import Document, EditRefused
from editor.field_keys import route_undo_keys
from editor.logic_tabs import CanvasFactory, LogicTabs
from editor.panels.attribute_editor import AttributeEditor
from editor.panels.console import ConsolePanel
from editor.panels.events import EventsPanel
from editor.panels.explorer import Explorer
from editor.panels.find import FindPanel
from editor.panels.functions import FunctionsPanel
from editor.panels.toolbox import DropOnCanvas, Toolbox
from editor.panels.variables import VariablesPanel
from editor.run.controller import RunController
from editor.run.rate import format_rate
from editor.settings_store import SettingsStore
from editor.tools.socketio_server import PLUGIN_ID as TEST_SERVER_PLUGIN
from editor.tools.socketio_server import SocketIOServerPanel
from editor.widgets.dock_tabs import keep_tab_bars_tidy
from editor.window_edits import EditCommands
from editor.window_files import FileCommands
from editor.window_navigation import NavigationCommands
from runtime.engine.console import ConsoleRecord
from runtime.fileformat import PROJECT_FILE_NAME
from runtime.model import Change
from runtime.registry import Registry, default_registry

APP_NAME = "Pulse Studio"
BOTTOM_DOCK_HEIGHT = 200  # Console
TEST_SERVER_HEIGHT = 250  # the bottom area while the Test Server (a taller form) is in front
#: A remembered layout leaving the canvas less of the window's height / width than this is repaired.
CANVAS_MIN_SHARE = (0.5, 0.35)


def default_canvas_factory(document: Document, graph_id: str) -> QWidget:
    from editor.canvas import GraphCanvas

    return GraphCanvas(document, graph_id)


def scrolled(widget: QWidget) -> QScrollArea:
    """A panel in a scroll area: its dock can be small without forcing the window's layout."""
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    return area


def file_label(path: Path) -> str:
    """How the title names a project file: its name, with its folder when the name is the default one."""
    return f"{path.parent.name}/{path.name}" if path.name == PROJECT_FILE_NAME and path.parent.name else path.name


class MainWindow(EditCommands, FileCommands, NavigationCommands, QMainWindow):
    def __init__(self, document: Document | None = None, *, registry: Registry | None = None,
                 settings: SettingsStore | None = None, canvas_factory: CanvasFactory | None = None,
                 restore_layout: bool = True) -> None:
        super().__init__()
        self.registry: Registry = document.registry if document else registry or default_registry()
        self.settings = settings or SettingsStore()
        self.document: Document | None = None
        self.actions: dict[str, QAction] = {}
        self.undo_group = QUndoGroup(self)
        self.resize(1440, 900)

        self.tabs = LogicTabs(canvas_factory or default_canvas_factory)
        self.tabs.canvas_created.connect(self._wire_canvas)
        self.tabs.current_canvas_changed.connect(self._on_current_canvas)
        self.setCentralWidget(self.tabs)

        self.explorer = Explorer()
        self.toolbox = Toolbox(self.registry)
        self.events_panel = EventsPanel()
        self.functions_panel = FunctionsPanel()
        self.variables_panel = VariablesPanel()
        self.attribute_editor = AttributeEditor()
        self.console = ConsolePanel()
        self.find_panel = FindPanel()
        self.runner = RunController(lambda: self.document, self._canvas_for_run, self.console.add_record, self)
        self.test_server = SocketIOServerPanel(lambda: self.document, self.settings)
        self.docks: dict[str, QDockWidget] = {}
        left, bottom = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.BottomDockWidgetArea
        for key, title, widget, area in (
            ("explorer", "Explorer", self.explorer, left),
            ("toolbox", "Toolbox", self.toolbox, left),
            ("events", "Events", self.events_panel, left),
            ("functions", "Functions", self.functions_panel, left),
            ("variables", "Variables", self.variables_panel, left),
            ("attributes", "Attribute Editor", self.attribute_editor, Qt.DockWidgetArea.RightDockWidgetArea),
            ("console", "Console", self.console, bottom),
            ("find", "Find", self.find_panel, bottom),
            ("test_server", "Socket.IO Test Server", scrolled(self.test_server), bottom),
        ):
            self._add_dock(key, title, widget, area)
        self.setTabPosition(Qt.DockWidgetArea.AllDockWidgetAreas, QTabWidget.TabPosition.North)
        self.setDockNestingEnabled(True)
        self.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)  # side panels run full
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)  # height; console: centre
        self.splitDockWidget(self.docks["explorer"], self.docks["variables"], Qt.Orientation.Vertical)
        self.tabifyDockWidget(self.docks["explorer"], self.docks["toolbox"])
        self.tabifyDockWidget(self.docks["variables"], self.docks["functions"])
        self.tabifyDockWidget(self.docks["variables"], self.docks["events"])
        self.docks["toolbox"].raise_()
        self.docks["variables"].raise_()
        self.tabifyDockWidget(self.docks["console"], self.docks["test_server"])
        self.tabifyDockWidget(self.docks["console"], self.docks["find"])
        self.docks["console"].raise_()
        self.docks["test_server"].hide()
        self.docks["find"].hide()

        self.explorer.graphs.graph_activated.connect(self.tabs.show_graph)
        self.explorer.nodes.node_activated.connect(self.select_node)
        self.explorer.nodes.entry_activated.connect(self.show_outline_entry)
        self.find_panel.hit_activated.connect(self.show_found)
        self.events_panel.node_activated.connect(self.select_node)
        self.events_panel.place_requested.connect(self.add_node_at_centre)
        self.functions_panel.functions.graph_activated.connect(self.tabs.show_graph)
        self.toolbox.add_requested.connect(self.add_node_at_centre)
        self.console.record_activated.connect(self._on_record)
        self.runner.message.connect(self.show_message)
        self.runner.state_changed.connect(self._on_run_state)
        self.runner.rate_measured.connect(self._on_run_rate)
        self.runner.run_started.connect(self.console.start_run)
        self.runner.breakpoints_changed.connect(self._save_breakpoints)
        for panel in (self.explorer.graphs, self.functions_panel.functions, self.variables_panel, self.find_panel):
            panel.message.connect(self.show_message)

        self._build_actions()
        self.actions["minimap"].setChecked(self.settings.minimap_visible())
        self._build_menus()
        self._build_toolbar()
        self.run_state = QLabel()
        self.run_state.setToolTip("While a project runs: how many nodes it executes per second (the nodes a "
                                  "pulse enters; data-only nodes they read are not counted)")
        self.statusBar().addPermanentWidget(self.run_state)
        self.statusBar().showMessage("Ready", 3000)
        self.set_document(document or Document(registry=self.registry))
        self._default_state = self.saveState()
        self._default_layout_pending = not (restore_layout and self.settings.restore_window(self))
        self._layout_check_pending = True
        keep_tab_bars_tidy(self)  # Qt leaves old dock tab bars visible over the panels

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._default_layout_pending:  # dock sizes only hold once the window has its real size
            self._default_layout_pending = False
            self._default_dock_sizes()
        elif self._layout_check_pending:  # a remembered layout: repaired once laid out, if it starves the canvas
            QTimer.singleShot(0, self, self.repair_layout)
        self._layout_check_pending = False

    def _default_dock_sizes(self) -> None:
        self.resizeDocks([self.docks["explorer"], self.docks["attributes"]], [300, 330], Qt.Orientation.Horizontal)
        self.resizeDocks([self.docks["explorer"], self.docks["variables"]], [560, 300], Qt.Orientation.Vertical)
        self._fit_bottom_docks()

    def _fit_bottom_docks(self, height: int = BOTTOM_DOCK_HEIGHT) -> None:
        """The Console / Test Server area at its usual height, so that the canvas keeps most of the window."""
        self.resizeDocks([self.docks["console"]], [height], Qt.Orientation.Vertical)

    def canvas_starved(self) -> bool:
        """Whether the docks leave the canvas too little of the window (see CANVAS_MIN_SHARE)."""
        canvas, (tall, wide) = self.centralWidget().size(), CANVAS_MIN_SHARE
        return canvas.height() < tall * self.height() or canvas.width() < wide * self.width()

    def repair_layout(self) -> bool:
        """Gives the canvas its room back when a remembered layout starves it; True if it had to."""
        if not self.canvas_starved():
            return False
        self._default_dock_sizes()
        if self.canvas_starved():
            self.reset_layout()
        self.show_message("The remembered panel layout left the canvas too little room: panels were resized")
        return True

    def reset_layout(self) -> None:
        """View → Reset Layout: the panels where a new installation has them."""
        self.restoreState(self._default_state)
        self._update_tools()
        self._default_dock_sizes()

    def show_test_server(self) -> None:
        """Tools → Socket.IO Test Server: its tab in front, at the usual height (never a tall bottom area)."""
        dock = self.docks["test_server"]
        dock.show()
        dock.raise_()
        QTimer.singleShot(0, self, lambda: self._fit_bottom_docks(TEST_SERVER_HEIGHT))  # once laid out

    def _add_dock(self, key: str, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> None:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock_{key}")  # saveState/restoreState find docks by object name
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.addDockWidget(area, dock)
        self.docks[key] = dock

    # --- actions, menus, toolbar (all from editor/actions/table.py) ----------------------------------
    def _build_actions(self) -> None:
        self.actions.update(make_actions(self, "window"))
        self.actions.update(make_actions(self, "canvas", self.current_canvas))
        self.actions.update(self.runner.actions)
        adopt(self, self.actions)
        undo, redo = self.actions["undo"], self.actions["redo"]
        self.undo_group.canUndoChanged.connect(self._update_enabled)
        self.undo_group.canRedoChanged.connect(self._update_enabled)
        self.undo_group.undoTextChanged.connect(lambda text: undo.setText(f"&Undo {text}".strip()))
        self.undo_group.redoTextChanged.connect(lambda text: redo.setText(f"&Redo {text}".strip()))
        self._update_enabled()
        route_undo_keys(self)

    def _build_menus(self) -> None:
        self.menus = build_menus(self, self.actions)
        self.recent_menu = self.menus["recent"]
        self.run_menu = self.menus["run"]
        self.menus["edit"].aboutToShow.connect(self._update_node_actions)

    def _build_toolbar(self) -> None:
        self.toolbar = build_toolbar(self, self.actions)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)

    def _update_enabled(self, *_: object) -> None:
        update_enabled(self, self.actions)

    def fill_panels_menu(self, menu: QMenu) -> None:
        """View → Panels: each dock's show/hide toggle."""
        menu.clear()
        menu.addActions([dock.toggleViewAction() for dock in self.docks.values()])

    # --- the document --------------------------------------------------------------------------
    def set_document(self, document: Document) -> None:
        """Shows `document` in every panel and tab (the previous one is let go)."""
        old = self.document
        if old is not None:
            old.project.changed.disconnect(self._on_model_change)
            old.dirty_changed.disconnect(self._update_title)
            old.path_changed.disconnect(self._update_title)
            self.undo_group.removeStack(old.undo_stack)
        self.document = document
        self.registry = document.registry
        self.toolbox.registry = document.registry
        document.project.changed.connect(self._on_model_change)
        document.dirty_changed.connect(self._update_title)
        document.path_changed.connect(self._update_title)
        self.undo_group.addStack(document.undo_stack)
        self.undo_group.setActiveStack(document.undo_stack)
        for panel in (self.explorer, self.events_panel, self.functions_panel, self.variables_panel,
                      self.attribute_editor, self.find_panel):
            panel.set_document(document)
        self.runner.stop(wait=True)
        kept = self.settings.breakpoints(document.path) if document.path else {}
        self.runner.set_breakpoints({n: g for n, g in kept.items()
                                     if g in document.project.graphs and n in document.project.graphs[g].nodes})
        self.tabs.set_document(document)
        self._update_title()
        self._update_tools()
        if old is not None:
            old.deleteLater()

    def _update_title(self, *_: object) -> None:
        assert self.document is not None
        parts = [f"{self.document.project.name}[*]", APP_NAME]
        if self.document.path is not None:
            parts.insert(0, file_label(self.document.path))
        self.setWindowTitle(" — ".join(parts))
        self.setWindowModified(self.document.dirty)
        self.setWindowFilePath(str(self.document.path) if self.document.path else "")

    def _on_model_change(self, change: Change) -> None:
        if change.what == "plugin_toggled":
            self.toolbox.refresh()
            for canvas in self.tabs.canvases():
                canvas.refresh_types()
            self._update_tools()
        elif change.what == "project_changed":
            self._update_title()

    # --- canvases ------------------------------------------------------------------------------
    def current_canvas(self) -> Any:
        return self.tabs.current_canvas()

    def _wire_canvas(self, canvas: Any) -> None:
        canvas.selection_changed.connect(lambda ids, c=canvas: self._on_selection(c, ids))
        canvas.node_context_actions.append(lambda menu, _node_id: self._fill_node_menu(menu))
        canvas.addActions(canvas_scoped(self.actions))
        for node_id, graph_id in self.runner.breakpoints.items():
            if graph_id == canvas.graph_id:
                canvas.set_node_highlight(node_id, "breakpoint")
        canvas.status_message.connect(self.show_message)
        self.wire_navigation(canvas)
        viewport = canvas.viewer().viewport()
        viewport.setAcceptDrops(True)
        viewport.installEventFilter(DropOnCanvas(canvas, self.show_message))

    def _on_current_canvas(self, canvas: Any) -> None:
        graph_id = self.tabs.current_graph_id()
        graph = self.document.project.graphs.get(graph_id) if self.document and graph_id else None
        self.toolbox.set_context(self.document.project if self.document else None, graph.kind if graph else None)
        self.explorer.set_graph(graph_id)
        self.variables_panel.set_graph(graph_id)
        self._on_selection(canvas, canvas.selected_node_ids() if canvas is not None else [])

    def _on_selection(self, canvas: Any, ids: list[str]) -> None:
        if canvas is not self.current_canvas():
            return
        graph_id = self.tabs.current_graph_id()
        self.attribute_editor.show_node(graph_id, ids[0] if len(ids) == 1 else None)
        self.explorer.nodes.show_selection(ids)

    def select_node(self, graph_id: str, node_id: str) -> None:
        canvas = self.tabs.show_graph(graph_id)
        if canvas is not None:
            canvas.select_nodes([node_id])
            canvas.center_on_node(node_id)

    def _on_record(self, record: ConsoleRecord) -> None:
        if record.graph_id and record.node_id and self.document and record.graph_id in self.document.project.graphs:
            self.select_node(record.graph_id, record.node_id)

    # --- run and debug -------------------------------------------------------------------------
    def _canvas_for_run(self, graph_id: str, bring_to_front: bool) -> Any:
        """The canvas showing `graph_id` (opened and shown when asked), for highlights and pauses."""
        if self.document is None or graph_id not in self.document.project.graphs:
            return None
        return self.tabs.show_graph(graph_id) if bring_to_front else self.tabs.canvas_for(graph_id, create=False)

    def toggle_breakpoints(self) -> None:
        """F9: toggles a breakpoint on each selected node of the current tab."""
        canvas, graph_id = self.current_canvas(), self.tabs.current_graph_id()
        if canvas is None or graph_id is None:
            return
        ids = canvas.selected_node_ids()
        if not ids:
            self.show_message("Select a node to set a breakpoint on it")
        for node_id in ids:
            self.runner.toggle_breakpoint(graph_id, node_id)

    def _fill_node_menu(self, menu: Any) -> None:
        """A node's context menu: the table's "node:" commands (the same actions, so the same shortcuts)."""
        self._update_node_actions()
        fill(menu, "node", self.actions, self.menus)

    def _save_breakpoints(self) -> None:
        """Breakpoints are kept per project file in the user's settings (not in the shared project)."""
        if self.document is not None and self.document.path is not None:
            self.settings.set_breakpoints(self.document.path, self.runner.breakpoints)

    def _on_run_state(self, state: str) -> None:
        paused = f"❚❚ Paused at {self.runner.paused_description()}"
        self.run_state.setText({"running": "● Running", "paused": paused, "stopping": "■ Stopping…"}.get(state, ""))

    def _on_run_rate(self, rate: float) -> None:
        if self.runner.state == "running":
            self.run_state.setText(f"● Running · {format_rate(rate)}")

    def _update_tools(self) -> None:
        """Plugin tools follow their plugin: the test server hides (and stops) with Socket.IO."""
        active = self.document is not None and self.registry.is_active(TEST_SERVER_PLUGIN, self.document.project)
        self.actions["test_server"].setVisible(active)
        if not active:
            self.test_server.stop()
            self.docks["test_server"].hide()

    def add_node_at_centre(self, type_id: str, attributes: dict[str, Any] | None = None) -> str | None:
        canvas = self.current_canvas()
        if canvas is None:
            return None
        try:
            return canvas.add_node(type_id, None, attributes)
        except EditRefused as exc:
            self.show_message(str(exc))
            return None

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        self.runner.stop(wait=True)
        self.test_server.shutdown()
        self.settings.save_window(self)
        event.accept()

    # --- dialogs and messages ------------------------------------------------------------------
    def show_plugins_editor(self) -> PluginsEditor:
        assert self.document is not None
        dialog = PluginsEditor(self.document, self)
        dialog.open()
        return dialog

    def show_project_settings(self) -> ProjectSettingsDialog:
        assert self.document is not None
        dialog = ProjectSettingsDialog(self.document, self)
        dialog.open()
        return dialog

    def show_shortcuts(self) -> None:
        ShortcutsDialog(self.menuBar(), self).open()

    def show_about(self) -> None:
        QMessageBox.about(self, f"About {APP_NAME}",
                          f"<h3>{APP_NAME}</h3><p>A visual logic editor: build event-driven logic from nodes, "
                          "with plugins such as Socket.IO, and run it with <code>pulse-run</code>.</p>")

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 6000)

    def report_error(self, message: str) -> None:
        """Unexpected errors (from the exception hooks) go to the console and the status bar."""
        self.console.add_record(ConsoleRecord("error", message, graph="editor"))
        self.show_message(message.splitlines()[0] if message else "error")
