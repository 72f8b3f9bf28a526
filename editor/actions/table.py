"""Every command of the main window, one row each: the one place to add a command.

A row says what a command is called, which key runs it, what it calls, when it is enabled, its
icon and tip, and where it shows. `editor.actions.build` makes the window's QActions, menu bar,
toolbar, node context menu (and so the Keyboard Shortcuts dialog, read from the menu bar) from it.

Adding a canvas tool: write the tool in its own module with a method on the canvas (or the
window), then add ONE row here, e.g.::

    A("highlight_pulse_chain", "Highlight P&ulse Chain", "highlight_pulse_chain", "Ctrl+Shift+L", on="canvas",
      places=("edit:highlight", "node:highlight")),

`places` are "menu:section" names from `LAYOUT` ("toolbar:…" is the toolbar, "node:…" a node's
context menu); a section keeps the table's order and a line separates two sections.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QKeySequence

from editor import arrange, auto_layout, logic_transfer
from editor.field_keys import redo_shortcuts

Keys = QKeySequence.StandardKey
#: A key: text ("Ctrl+D"), a platform binding (Keys.Copy), several of them (the first is shown),
#: or a function giving the list (Redo's platform bindings plus Ctrl+Y).
Shortcut = str | Keys | tuple[str | Keys, ...] | Callable[[], list[QKeySequence]] | None


@dataclass(frozen=True)
class A:
    """One command. `handler` is a method name of what `on` names, or a function given that object.

    on: "window" (the main window), "canvas" (the current tab's canvas; nothing without one) or
        "runner" (the RunController, which owns the Run menu's commands and their enabled state).
    when: a name in `WHEN`: the command is enabled only while it holds (kept up to date by the window).
    scope: "window" (the key works anywhere in the window) or "canvas" (only while a canvas has the
        focus: F2 renames nodes there, the Explorer renames graphs with it).
    submenu: the row is a submenu named `key`; `handler` (if any) fills it each time it opens.
    """

    key: str
    text: str
    handler: str | Callable[[Any], object] | None
    shortcut: Shortcut = None
    on: str = "window"
    places: tuple[str, ...] = ()
    icon: str = ""
    tip: str = ""
    when: str = ""
    scope: str = "window"
    checkable: bool = False
    submenu: bool = False


#: Each menu's sections, top to bottom; the menu bar shows the menus of `MENU_BAR` in its order.
LAYOUT: dict[str, tuple[str, ...]] = {
    "file": ("project", "save", "logic", "settings", "quit"),
    "edit": ("undo", "clipboard", "find", "node", "select", "highlight", "arrange"),
    "arrange": ("align", "layout"),
    "view": ("frame", "zoom", "overview", "layout"),
    "run": ("run", "step", "debug", "values"),
    "tools": ("project", "plugins"),
    "help": ("help",),
    "node": ("name", "clipboard", "flags", "chain", "highlight", "delete"),  # a node's context menu on the canvas
    "toolbar": ("file", "undo", "chain", "align", "view", "run"),
}
MENU_BAR: dict[str, str] = {"file": "&File", "edit": "&Edit", "view": "&View", "run": "&Run", "tools": "&Tools",
                            "help": "&Help"}

#: Enabled-when conditions, each read from the window.
WHEN: dict[str, Callable[[Any], bool]] = {
    "can_undo": lambda window: window.undo_group.canUndo(),
    "can_redo": lambda window: window.undo_group.canRedo(),
}

ACTIONS: tuple[A, ...] = (
    # --- File -----------------------------------------------------------------------------------------------
    A("new", "&New", "new_project", Keys.New, places=("file:project",), icon="new", tip="Start a new, empty project"),
    A("open", "&Open…", "open_project", Keys.Open, places=("file:project",), icon="open",
      tip="Open a project file or folder"),
    A("recent", "Open &Recent", "fill_recent_menu", places=("file:project",), submenu=True),
    A("save", "&Save", "save", Keys.Save, places=("file:save", "toolbar:file"), icon="save", tip="Save the project"),
    A("save_as", "Save &As…", "save_as", Keys.SaveAs, places=("file:save",)),
    A("export_logic", "&Export Selection…", logic_transfer.export_selection, "Ctrl+Alt+E",
      places=("file:logic",),
      tip="Write the selected nodes, their connections and groups to a .pulse-logic.json file"),
    A("import_logic", "&Import Logic…", logic_transfer.import_logic, "Ctrl+I", places=("file:logic",),
      tip="Place the nodes of a .pulse-logic.json file on this tab, at the centre of the view"),
    A("project_settings", "Project &Settings…", "show_project_settings", places=("file:settings", "tools:project"),
      icon="settings"),
    A("quit", "&Quit", "close", Keys.Quit, places=("file:quit",)),
    # --- Edit -----------------------------------------------------------------------------------------------
    A("undo", "&Undo", "undo", Keys.Undo, places=("edit:undo", "toolbar:undo"), icon="undo", when="can_undo"),
    A("redo", "&Redo", "redo", redo_shortcuts, places=("edit:undo", "toolbar:undo"), icon="redo", when="can_redo"),
    A("cut", "Cu&t", "cut", Keys.Cut, places=("edit:clipboard", "node:clipboard")),
    A("copy", "&Copy", "copy", Keys.Copy, places=("edit:clipboard", "node:clipboard")),
    A("paste", "&Paste", "paste", Keys.Paste, places=("edit:clipboard",)),
    A("duplicate", "D&uplicate", "duplicate", "Ctrl+D", places=("edit:clipboard", "node:clipboard"), icon="duplicate"),
    A("delete", "&Delete", "delete", Keys.Delete, places=("edit:clipboard", "node:delete"), icon="delete"),
    A("find", "&Find…", "show_find", Keys.Find, places=("edit:find",),
      tip="Find nodes in every graph by name, type, value or variable"),
    A("find_next", "Find &Next", "find_next", "F3", places=("edit:find",)),
    A("find_previous", "Find Pre&vious", "find_previous", "Shift+F3", places=("edit:find",)),
    A("rename", "&Rename Node", "rename_selected", "F2", places=("edit:node", "node:name"), scope="canvas",
      tip="Rename the selected node"),
    A("toggle_enabled", "Disa&ble", "toggle_enabled", "Ctrl+Shift+E", places=("edit:node", "node:flags"),
      tip="Disable the selected nodes (a disabled node does not run), or enable them again"),
    A("pass_through", "Pulse &Pass Through", "toggle_pass_through", "Ctrl+Shift+P", places=("edit:node", "node:flags"),
      tip="The selected nodes pass their pulse on without running", checkable=True),
    A("select_all", "Select &All", "select_all", Keys.SelectAll, places=("edit:select",)),
    A("highlight_connected", "Select &Connected", "highlight_connected", "Ctrl+L",
      places=("edit:select", "node:chain", "toolbar:chain"), icon="connected",
      tip="Select every node connected to the selection"),
    A("group", "Group Nodes", "group_selection", "Ctrl+G", places=("edit:select", "node:chain", "toolbar:chain"),
      icon="group", tip="Group the selected nodes"),
    A("highlight_pulse_chain", "Highlight P&ulse Chain", "highlight_pulse_chain", "Ctrl+Shift+L", on="canvas",
      places=("edit:highlight", "node:highlight"),
      tip="Colour what leads to the selected nodes and what follows them by pulse wires"),
    A("highlight_data_chain", "Highlight Data C&hain", "highlight_data_chain", "Ctrl+Shift+D", on="canvas",
      places=("edit:highlight", "node:highlight"),
      tip="Colour what feeds the selected nodes and what uses their values by data wires"),
    A("clear_highlight", "Remove &Highlight", "clear_highlight", on="canvas", places=("edit:highlight",),
      tip="Remove the chain highlight (Esc on the canvas)"),
    A("node_comment", "Edit Node &Comment…", "edit_node_comment", on="canvas", places=("edit:node", "node:name"),
      tip="The note shown in a bubble above the selected node"),
    A("add_comment", "Add Co&mment", "add_comment", "Ctrl+Alt+M", on="canvas", places=("edit:select",),
      tip="A sticky note at the view centre (double-click it to edit, right-click for its colour)"),
    A("arrange", "Arrange", None, places=("edit:arrange",), submenu=True),
    A("align_left", "Align Left", lambda w: w.arrange(arrange.align_left), places=("arrange:align", "toolbar:align"),
      icon="align_left", tip="Align the selected nodes on their left edges"),
    A("align_center", "Align Centres Vertically", lambda w: w.arrange(arrange.align_center_vertical),
      places=("arrange:align", "toolbar:align"), icon="align_center",
      tip="Centre the selected nodes on one vertical line"),
    A("align_top", "Align Top", lambda w: w.arrange(arrange.align_top), places=("arrange:align", "toolbar:align"),
      icon="align_top", tip="Align the selected nodes on their top edges"),
    A("distribute_h", "Distribute Horizontally", lambda w: w.arrange(arrange.distribute_horizontally),
      places=("arrange:align", "toolbar:align"), icon="distribute_h",
      tip="Equal horizontal gaps between the selected nodes"),
    A("distribute_v", "Distribute Vertically", lambda w: w.arrange(arrange.distribute_vertically),
      places=("arrange:align", "toolbar:align"), icon="distribute_v",
      tip="Equal vertical gaps between the selected nodes"),
    A("layout_selection", "Layout Selection", lambda w: auto_layout.lay_out(w, True), "Ctrl+Alt+L",
      places=("arrange:layout",),
      tip="Lay the selected nodes out left to right by pulse flow, data inputs beside their consumers"),
    A("layout_graph", "Layout Graph", lambda w: auto_layout.lay_out(w, False), "Ctrl+Alt+Shift+L",
      places=("arrange:layout",),
      tip="Lay out every node of this tab left to right by pulse flow"),
    # --- View -----------------------------------------------------------------------------------------------
    A("frame_all", "Frame &All", "frame_all", ("F", "Home"), on="canvas", places=("view:frame", "toolbar:view"),
      icon="frame", tip="Show every node"),
    A("frame_selection", "Frame &Selection", "frame_selection", "Shift+F", on="canvas", places=("view:frame",)),
    A("zoom_in", "Zoom &In", "zoom_in", Keys.ZoomIn, on="canvas", places=("view:zoom",)),
    A("zoom_out", "Zoom &Out", "zoom_out", Keys.ZoomOut, on="canvas", places=("view:zoom",)),
    A("zoom_reset", "&Reset Zoom", "reset_zoom", "Ctrl+0", on="canvas", places=("view:zoom",)),
    A("minimap", "&Minimap", "toggle_minimap", "Ctrl+M", places=("view:overview",), checkable=True,
      tip="An overview of the graph in the canvas corner"),
    A("panels", "&Panels", "fill_panels_menu", places=("view:layout",), submenu=True),
    A("reset_layout", "Reset &Layout", "reset_layout", places=("view:layout",),
      tip="Put every panel back where it started"),
    # --- Run (the RunController's commands) ------------------------------------------------------------------
    A("run", "Run / Continue", "run_or_continue", "F5", on="runner", places=("run:run", "toolbar:run"), icon="run"),
    A("debug", "Debug", "debug", "Ctrl+F5", on="runner", places=("run:run",)),
    A("stop", "Stop", "stop", "Shift+F5", on="runner", places=("run:run", "toolbar:run"), icon="stop"),
    A("pause", "Pause", "pause", "F6", on="runner", places=("run:step",)),
    A("step", "Step (Call Next Node)", "step", "F10", on="runner", places=("run:step", "toolbar:run"), icon="step"),
    A("step_into", "Step Into (Function or Prefab)", "step_into", "F11", on="runner", places=("run:step",)),
    A("step_out", "Step Out (of Function or Prefab)", "step_out", "Shift+F11", on="runner", places=("run:step",)),
    A("breakpoint", "Toggle Breakpoint", "toggle_breakpoints", "F9", places=("run:debug", "node:flags")),
    A("focus_error", "Focus on Error", "focus_last_error", "Ctrl+E", on="runner", places=("run:debug",)),
    A("keep_values", "Keep Debug Values After the Run", "keep_values_toggled", on="runner", places=("run:values",),
      checkable=True),
    # --- Tools and Help -------------------------------------------------------------------------------------
    A("plugins", "&Plugins Editor…", "show_plugins_editor", places=("tools:project",), icon="plugins",
      tip="Activate or deactivate plugins"),
    A("test_server", "Socket.IO &Test Server", "show_test_server", places=("tools:plugins",),
      tip="Open the local Socket.IO test server (its tab comes to the front)"),
    A("shortcuts", "&Keyboard Shortcuts", "show_shortcuts", Keys.HelpContents, places=("help:help",)),
    A("about", "&About Pulse Studio", "show_about", places=("help:help",)),
)


def rows(on: str) -> list[A]:
    """The commands (not submenus) whose handler lives on `on`."""
    return [row for row in ACTIONS if row.on == on and not row.submenu]


def placed(menu: str) -> list[list[A]]:
    """The rows shown in `menu`, section by section (`LAYOUT`'s order), each section in the table's order."""
    sections: dict[str, list[A]] = {name: [] for name in LAYOUT.get(menu, ())}
    for row in ACTIONS:
        for place in row.places:
            name, _, section = place.partition(":")
            if name == menu:
                sections[section].append(row)
    return [section for section in sections.values() if section]


def problems() -> list[str]:
    """What is wrong with the table (a place no layout has, a key used twice, an unknown condition)."""
    found, keys = [], set()
    for row in ACTIONS:
        if row.key in keys:
            found.append(f"{row.key}: the key is used twice")
        keys.add(row.key)
        for place in row.places:
            name, _, section = place.partition(":")
            if section not in LAYOUT.get(name, ()):
                found.append(f"{row.key}: no menu section {place!r} in LAYOUT")
        if row.when and row.when not in WHEN:
            found.append(f"{row.key}: no condition {row.when!r} in WHEN")
        if row.on not in ("window", "canvas", "runner") or row.scope not in ("window", "canvas"):
            found.append(f"{row.key}: on={row.on!r} scope={row.scope!r}")
    return found
