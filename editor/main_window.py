"""The main window: menus, toolbar, docks and logic tabs around one open `Document`.

The window owns every shortcut and routes it to the current tab's canvas or to the document,
so there is one undo stack (the document's) and no shortcut is defined twice. Panels and
dialogs talk to the document; the window only wires them together and handles files.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent, QUndoGroup
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QTabWidget,
    QToolBar,
    QWidget,
)

from editor import arrange, clipboard
from editor.dialogs.plugins_editor import PluginsEditor
from editor.dialogs.project_settings import ProjectSettingsDialog
from editor.dialogs.shortcuts import ShortcutsDialog
from editor.document import Document, EditRefused
from editor.field_keys import commit_focused_field, redo_shortcuts, route_undo_keys
from editor.icons import icon
from editor.logic_tabs import CanvasFactory, LogicTabs
from editor.panels.attribute_editor import AttributeEditor
from editor.panels.console import ConsolePanel
from editor.panels.events import EventsPanel
from editor.panels.explorer import Explorer
from editor.panels.functions import FunctionsPanel
from editor.panels.toolbox import DropOnCanvas, Toolbox
from editor.panels.variables import VariablesPanel
from editor.run.controller import RunController
from editor.settings_store import SettingsStore
from editor.tools.socketio_server import PLUGIN_ID as TEST_SERVER_PLUGIN
from editor.tools.socketio_server import SocketIOServerPanel
from editor.widgets.dock_tabs import keep_tab_bars_tidy
from runtime.engine.console import ConsoleRecord
from runtime.fileformat import PROJECT_FILE_NAME, ProjectFileError
from runtime.model import Change
from runtime.registry import Registry, default_registry

APP_NAME = "Pulse Studio"
BOTTOM_DOCK_HEIGHT = 200  # Console
TEST_SERVER_HEIGHT = 250  # the bottom area while the Test Server (a taller form) is in front
#: A remembered layout leaving the canvas less of the window's height / width than this is repaired.
CANVAS_MIN_SHARE = (0.5, 0.35)
FILE_FILTER = "Pulse Studio projects (*.pulse.json);;All files (*)"


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


def tooltip_with_shortcut(action: QAction) -> str:
    """"Run (F5)": the action's description (or name) and its key, as a toolbar button's tooltip."""
    tip = action.statusTip() or action.text().replace("&", "")
    key = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    return f"{tip} ({key})" if key else tip


class MainWindow(QMainWindow):
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
        self.docks["console"].raise_()
        self.docks["test_server"].hide()

        self.explorer.graphs.graph_activated.connect(self.tabs.show_graph)
        self.explorer.nodes.node_activated.connect(self.select_node)
        self.events_panel.node_activated.connect(self.select_node)
        self.events_panel.place_requested.connect(self.add_node_at_centre)
        self.functions_panel.functions.graph_activated.connect(self.tabs.show_graph)
        self.toolbox.add_requested.connect(self.add_node_at_centre)
        self.console.record_activated.connect(self._on_record)
        self.runner.message.connect(self.show_message)
        self.runner.state_changed.connect(self._on_run_state)
        self.runner.run_started.connect(self.console.start_run)
        self.runner.breakpoints_changed.connect(self._save_breakpoints)
        for panel in (self.explorer.graphs, self.functions_panel.functions, self.variables_panel):
            panel.message.connect(self.show_message)

        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self.run_state = QLabel()
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

    # --- actions, menus, toolbar --------------------------------------------------------------
    def _action(self, key: str, text: str, slot: Callable[[], Any] | None, shortcut: Any = None,
                icon_name: str = "", tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if icon_name:
            action.setIcon(icon(icon_name))
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        if slot is not None:
            action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        self.actions[key] = action
        return action

    def _build_actions(self) -> None:
        keys = QKeySequence.StandardKey
        a = self._action
        a("new", "&New", self.new_project, keys.New, "new", "Start a new, empty project")
        a("open", "&Open…", self.open_project, keys.Open, "open", "Open a project file or folder")
        a("save", "&Save", self.save, keys.Save, "save", "Save the project")
        a("save_as", "Save &As…", self.save_as, keys.SaveAs)
        a("project_settings", "Project &Settings…", self.show_project_settings, None, "settings")
        a("quit", "&Quit", self.close, keys.Quit)
        undo = a("undo", "&Undo", self.undo, keys.Undo, "undo")
        redo = a("redo", "&Redo", self.redo, None, "redo")
        redo.setShortcuts(redo_shortcuts())
        self.undo_group.canUndoChanged.connect(undo.setEnabled)
        self.undo_group.canRedoChanged.connect(redo.setEnabled)
        self.undo_group.undoTextChanged.connect(lambda text: undo.setText(f"&Undo {text}".strip()))
        self.undo_group.redoTextChanged.connect(lambda text: redo.setText(f"&Redo {text}".strip()))
        undo.setEnabled(False)
        redo.setEnabled(False)
        route_undo_keys(self)
        a("cut", "Cu&t", self.cut, keys.Cut)
        a("copy", "&Copy", self.copy, keys.Copy)
        a("paste", "&Paste", self.paste, keys.Paste)
        a("duplicate", "D&uplicate", self.duplicate, "Ctrl+D", "duplicate")
        a("delete", "&Delete", self.delete, keys.Delete, "delete")
        a("select_all", "Select &All", self.select_all, keys.SelectAll)
        a("frame_all", "Frame &All", lambda: self._on_canvas("frame_all"), "F", "frame", "Show every node")
        self.actions["frame_all"].setShortcuts([QKeySequence("F"), QKeySequence("Home")])
        a("frame_selection", "Frame &Selection", lambda: self._on_canvas("frame_selection"), "Shift+F")
        a("zoom_in", "Zoom &In", lambda: self._on_canvas("zoom_in"), keys.ZoomIn)
        a("zoom_out", "Zoom &Out", lambda: self._on_canvas("zoom_out"), keys.ZoomOut)
        a("zoom_reset", "&Reset Zoom", lambda: self._on_canvas("reset_zoom"), "Ctrl+0")
        for key, action in self.runner.actions.items():
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.addAction(action)
            self.actions[key] = action
        self.actions["run"].setIcon(icon("run"))
        self.actions["stop"].setIcon(icon("stop"))
        self.actions["step"].setIcon(icon("step"))
        self.actions["breakpoint"].triggered.connect(self.toggle_breakpoints)
        a("test_server", "Socket.IO &Test Server", self.show_test_server, None, "",
          "Open the local Socket.IO test server (its tab comes to the front)")
        a("reset_layout", "Reset &Layout", self.reset_layout, None, "", "Put every panel back where it started")
        a("plugins", "&Plugins Editor…", self.show_plugins_editor, None, "plugins", "Activate or deactivate plugins")
        a("shortcuts", "&Keyboard Shortcuts", self.show_shortcuts, keys.HelpContents)
        a("about", f"&About {APP_NAME}", self.show_about)
        a("rename", "&Rename Node", self.rename_selected, "F2", "", "Rename the selected node")
        self.actions["rename"].setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.removeAction(self.actions["rename"])  # F2 on a canvas only: the Explorer renames graphs with it
        a("toggle_enabled", "Disa&ble", self.toggle_enabled, "Ctrl+Shift+E", "",
          "Disable the selected nodes (a disabled node does not run), or enable them again")
        a("pass_through", "Pulse &Pass Through", self.toggle_pass_through, "Ctrl+Shift+P", "",
          "The selected nodes pass their pulse on without running")
        self.actions["pass_through"].setCheckable(True)
        a("group", "Group Nodes", self.group_selection, "Ctrl+G", "group", "Group the selected nodes")
        a("highlight_connected", "Highlight Connected Nodes", self.highlight_connected, "Ctrl+L", "connected",
          "Select every node connected to the selection")
        a("align_left", "Align Left", lambda: self.arrange(arrange.align_left), None, "align_left",
          "Align the selected nodes on their left edges")
        a("align_center", "Align Centres Vertically", lambda: self.arrange(arrange.align_center_vertical), None,
          "align_center", "Centre the selected nodes on one vertical line")
        a("align_top", "Align Top", lambda: self.arrange(arrange.align_top), None, "align_top",
          "Align the selected nodes on their top edges")
        a("distribute_h", "Distribute Horizontally", lambda: self.arrange(arrange.distribute_horizontally), None,
          "distribute_h", "Equal horizontal gaps between the selected nodes")
        a("distribute_v", "Distribute Vertically", lambda: self.arrange(arrange.distribute_vertically), None,
          "distribute_v", "Equal vertical gaps between the selected nodes")

    def _build_menus(self) -> None:
        bar = self.menuBar()
        act = self.actions
        file_menu = bar.addMenu("&File")
        file_menu.addActions([act["new"], act["open"]])
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        file_menu.addActions([act["save"], act["save_as"]])
        file_menu.addSeparator()
        file_menu.addAction(act["project_settings"])
        file_menu.addSeparator()
        file_menu.addAction(act["quit"])
        edit = bar.addMenu("&Edit")
        edit.addActions([act["undo"], act["redo"]])
        edit.addSeparator()
        edit.addActions([act[k] for k in ("cut", "copy", "paste", "duplicate", "delete")])
        edit.addSeparator()
        edit.addActions([act["rename"], act["toggle_enabled"], act["pass_through"]])
        edit.addSeparator()
        edit.addActions([act["select_all"], act["highlight_connected"], act["group"]])
        edit.aboutToShow.connect(self._update_node_actions)
        arrange_menu = edit.addMenu("Arrange")
        arrange_menu.addActions([act[k] for k in ("align_left", "align_center", "align_top", "distribute_h",
                                                  "distribute_v")])
        view = bar.addMenu("&View")
        view.addActions([act[k] for k in ("frame_all", "frame_selection")])
        view.addSeparator()
        view.addActions([act[k] for k in ("zoom_in", "zoom_out", "zoom_reset")])
        view.addSeparator()
        panels = view.addMenu("&Panels")
        for dock in self.docks.values():
            panels.addAction(dock.toggleViewAction())
        view.addAction(act["reset_layout"])
        self.run_menu = bar.addMenu("&Run")
        self.run_menu.addActions([act["run"], act["debug"], act["stop"]])
        self.run_menu.addSeparator()
        self.run_menu.addActions([act[k] for k in ("pause", "step", "step_into", "step_out")])
        self.run_menu.addSeparator()
        self.run_menu.addActions([act["breakpoint"], act["focus_error"]])
        self.run_menu.addSeparator()
        self.run_menu.addAction(act["keep_values"])
        tools = bar.addMenu("&Tools")
        tools.addActions([act["plugins"], act["project_settings"]])
        tools.addSeparator()
        tools.addAction(act["test_server"])
        help_menu = bar.addMenu("&Help")
        help_menu.addActions([act["shortcuts"], act["about"]])

    def _build_toolbar(self) -> None:
        toolbar = QToolBar("Main toolbar", self)
        toolbar.setObjectName("toolbar_main")
        toolbar.setMovable(False)
        for key in ("save", None, "undo", "redo", None, "group", "highlight_connected", None, "align_left",
                    "align_center", "align_top", "distribute_h", "distribute_v", None, "frame_all", None, "run",
                    "stop", "step"):
            if key is None:
                toolbar.addSeparator()
            else:
                action = self.actions[key]
                toolbar.addAction(action)
                action.setToolTip(tooltip_with_shortcut(action))
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        self.toolbar = toolbar

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
                      self.attribute_editor):
            panel.set_document(document)
        self.runner.stop()
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
        canvas.addAction(self.actions["rename"])
        for node_id, graph_id in self.runner.breakpoints.items():
            if graph_id == canvas.graph_id:
                canvas.set_node_highlight(node_id, "breakpoint")
        canvas.status_message.connect(self.show_message)
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

    def _on_canvas(self, method: str) -> None:
        canvas = self.current_canvas()
        if canvas is not None:
            getattr(canvas, method)()

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
        """A node's context menu: the Edit menu's node commands (the same actions, so the same shortcuts)."""
        self._update_node_actions()
        act = self.actions
        for group in (("rename",), ("cut", "copy", "duplicate"), ("toggle_enabled", "pass_through", "breakpoint"),
                      ("highlight_connected", "group"), ("delete",)):
            if menu.actions():
                menu.addSeparator()
            menu.addActions([act[k] for k in group])

    def _save_breakpoints(self) -> None:
        """Breakpoints are kept per project file in the user's settings (not in the shared project)."""
        if self.document is not None and self.document.path is not None:
            self.settings.set_breakpoints(self.document.path, self.runner.breakpoints)

    def _on_run_state(self, state: str) -> None:
        paused = f"❚❚ Paused at {self.runner.paused_description()}"
        self.run_state.setText({"running": "● Running", "paused": paused}.get(state, ""))

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

    # --- edit commands -------------------------------------------------------------------------
    def undo(self) -> None:
        """The document's undo, wherever the focus is: a field's pending text is committed first."""
        commit_focused_field(self)
        self.undo_group.undo()

    def redo(self) -> None:
        commit_focused_field(self)
        self.undo_group.redo()

    def _selection(self) -> tuple[str | None, list[str]]:
        canvas = self.current_canvas()
        return self.tabs.current_graph_id(), canvas.selected_node_ids() if canvas is not None else []

    def copy(self) -> bool:
        graph_id, ids = self._selection()
        if not graph_id or not ids or self.document is None:
            return False
        clipboard.put(self.document.copy_payload(graph_id, ids))
        self.show_message(f"Copied {len(ids)} node{'s' if len(ids) > 1 else ''}")
        return True

    def cut(self) -> None:
        if self.copy():
            self._delete_nodes()

    def paste(self) -> None:
        payload = clipboard.get()
        canvas = self.current_canvas()
        if payload is None or canvas is None:
            self.show_message("The clipboard holds no nodes")
            return
        self._paste(payload, canvas.view_center())

    def duplicate(self) -> None:
        graph_id, ids = self._selection()
        if graph_id and ids and self.document is not None:
            self._paste(self.document.copy_payload(graph_id, ids), None)

    def _paste(self, payload: str, at: tuple[float, float] | None) -> None:
        graph_id = self.tabs.current_graph_id()
        assert self.document is not None and graph_id is not None
        try:
            new_ids = self.document.paste(graph_id, payload, at)
        except EditRefused as exc:
            QMessageBox.warning(self, "Cannot paste", f"These nodes cannot be pasted here:\n{exc}")
            return
        self.current_canvas().select_nodes(new_ids)

    def delete(self) -> None:
        """Delete: the canvas's selection (nodes, groups, else connections) as one undo step."""
        delete_selected = getattr(self.current_canvas(), "delete_selected", None)
        if callable(delete_selected):
            delete_selected()
        else:
            self._delete_nodes()

    def _delete_nodes(self) -> None:
        graph_id, ids = self._selection()
        if graph_id and ids and self.document is not None:
            self.document.remove_nodes(graph_id, ids)

    def rename_selected(self) -> None:
        """F2: the Attribute Editor's Name field, focused with its text selected (Enter renames, undoably)."""
        graph_id, ids = self._selection()
        if len(ids) != 1:
            self.show_message("Select one node to rename it")
            return
        self.docks["attributes"].show()
        self.docks["attributes"].raise_()
        self.attribute_editor.show_node(graph_id, ids[0])
        QTimer.singleShot(0, self, self._focus_name_field)  # after a context menu has given the focus back

    def _focus_name_field(self) -> None:
        self.attribute_editor.name_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.attribute_editor.name_field.selectAll()

    def _selected_nodes(self) -> tuple[str | None, list[Any]]:
        graph_id, ids = self._selection()
        if not graph_id or self.document is None:
            return None, []
        nodes = self.document.graph(graph_id).nodes
        return graph_id, [nodes[i] for i in ids if i in nodes]

    def _update_node_actions(self) -> None:
        """Disable/Enable and Pass Through say what they will do to the selection."""
        _graph_id, nodes = self._selected_nodes()
        self.actions["toggle_enabled"].setText("&Enable" if nodes and not any(n.enabled for n in nodes)
                                               else "Disa&ble")
        self.actions["pass_through"].setChecked(bool(nodes) and all(n.pass_through for n in nodes))

    def toggle_enabled(self) -> None:
        """Disables the selected nodes, or enables them all when none is enabled (one undo step)."""
        graph_id, nodes = self._selected_nodes()
        if graph_id and nodes and self.document is not None:
            enable = not any(n.enabled for n in nodes)
            self.document.set_nodes_field(graph_id, [n.id for n in nodes], "enabled", enable)
            self._update_node_actions()

    def toggle_pass_through(self) -> None:
        graph_id, nodes = self._selected_nodes()
        if graph_id and nodes and self.document is not None:
            on = not all(n.pass_through for n in nodes)
            self.document.set_nodes_field(graph_id, [n.id for n in nodes], "pass_through", on)
            self._update_node_actions()

    def select_all(self) -> None:
        graph_id = self.tabs.current_graph_id()
        if graph_id and self.document is not None:
            self.current_canvas().select_nodes(list(self.document.graph(graph_id).nodes))

    def highlight_connected(self) -> None:
        graph_id, ids = self._selection()
        if not graph_id or not ids or self.document is None:
            return
        links = [(k.source, k.target) for k in self.document.graph(graph_id).links]
        self.current_canvas().select_nodes(sorted(arrange.connected_nodes(links, ids)))

    def group_selection(self) -> None:
        """Ctrl+G: a titled backdrop around the selected nodes (undoable, saved with the project)."""
        group = getattr(self.current_canvas(), "group_selected", None)
        if callable(group):
            group()

    def arrange(self, how: arrange.Arrangement) -> None:
        """Moves the selected nodes as `how` says, as one undo step."""
        graph_id, ids = self._selection()
        if not graph_id or len(ids) < 2 or self.document is None:
            return
        graph = self.document.graph(graph_id)
        positions = {i: graph.nodes[i].position for i in ids if i in graph.nodes}
        sizer = getattr(self.current_canvas(), "node_size", None)
        sizes = {i: sizer(i) for i in positions} if callable(sizer) else None
        moved = how(positions, sizes)
        self.document.move_nodes(graph_id, {i: (positions[i], moved[i]) for i in positions})

    # --- files ---------------------------------------------------------------------------------
    def new_project(self) -> None:
        if self.maybe_save():
            self.set_document(Document(registry=self.registry))

    def open_project(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open Project", self._dialog_dir(), FILE_FILTER)
        if path:
            self.open_path(path)

    def open_path(self, path: str | Path) -> bool:
        """Opens a project (file or folder); a broken file is reported and the current project kept."""
        try:
            document = Document.open(path, self.registry)
        except ProjectFileError as exc:
            where = f"\n\nWhere: {exc.path}" if exc.path else ""
            QMessageBox.critical(self, "Cannot open project",
                                 f"The project could not be opened.\n\nFile: {exc.file}{where}\n"
                                 f"Problem: {exc.problem}")
            return False
        if not self.maybe_save():
            return False
        self.set_document(document)
        self.settings.add_recent(document.path or path)
        self.show_message(f"Opened {document.path}")
        return True

    def save(self) -> bool:
        assert self.document is not None
        if self.document.path is None:
            return self.save_as()
        return self._save_to(self.document.path)

    def save_as(self) -> bool:
        assert self.document is not None
        suggested = str(self.document.path or Path(self._dialog_dir()) / f"{self.document.project.name}.pulse.json")
        path, _ = QFileDialog.getSaveFileName(self, "Save Project As", suggested, FILE_FILTER)
        if not path:
            return False
        if not path.endswith(".json"):
            path += ".pulse.json"
        return self._save_to(Path(path))

    def _save_to(self, path: Path) -> bool:
        assert self.document is not None
        try:
            self.document.save(path)
        except OSError as exc:
            QMessageBox.critical(self, "Cannot save project", f"{path}\n\n{exc}")
            return False
        self.settings.add_recent(path)
        self._save_breakpoints()
        self.show_message(f"Saved {path}")
        return True

    def maybe_save(self) -> bool:
        """True when it is fine to let the current project go (saved, discarded or unchanged)."""
        if self.document is None or not self.document.dirty:
            return True
        answer = QMessageBox.warning(
            self, "Unsaved changes", f"Save the changes to {self.document.project.name!r} before closing it?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def _dialog_dir(self) -> str:
        if self.document is not None and self.document.path is not None:
            return str(self.document.path.parent)
        recent = self.settings.recent_files()
        return str(Path(recent[0]).parent) if recent else str(Path.home())

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = self.settings.recent_files()
        for path in files:
            self.recent_menu.addAction(path, lambda p=path: self.open_path(p))
        if files:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction("Clear Recent Files", self.settings.clear_recent)
        else:
            self.recent_menu.addAction("No recent files").setEnabled(False)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        self.runner.stop()
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
