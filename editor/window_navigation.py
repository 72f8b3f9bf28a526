"""The window's navigation commands: Find (Ctrl+F, F3 / Shift+F3), the minimap (Ctrl+M) and showing what the
Explorer's outline lists.

A mixin of `MainWindow`: the actions table (editor/actions/table.py) names these methods as handlers.
The tools themselves live in editor/panels/find.py, editor/canvas/minimap.py and editor/canvas/chain.py.
"""

from __future__ import annotations

from typing import Any

#: How the canvas selects an Explorer outline row of each kind other than nodes.
_SELECT_ENTRY = {"group": "select_groups", "comment": "select_comments"}


def _call(canvas: Any, method: str, *args: Any) -> None:
    """Calls a canvas tool if this canvas has it (the window's tests run on a stand-in canvas)."""
    tool = getattr(type(canvas), method, None)
    if callable(tool):
        tool(canvas, *args)


class NavigationCommands:
    """The window provides `find_panel`, `docks`, `tabs`, `actions`, `settings`, `select_node`, `current_canvas`."""

    def show_find(self) -> None:
        """Ctrl+F: the Find panel in front, its field focused."""
        self.docks["find"].show()
        self.docks["find"].raise_()
        self.find_panel.focus_search()

    def find_next(self) -> None:
        self.find_panel.step(1)

    def find_previous(self) -> None:
        self.find_panel.step(-1)

    def show_found(self, graph_id: str, node_id: str) -> None:
        """A Find hit: its node selected and centred, at a zoom where it can be read."""
        self.select_node(graph_id, node_id)
        _call(self.current_canvas(), "zoom_to_read")

    def toggle_minimap(self) -> None:
        """Ctrl+M: the minimap on every canvas, remembered in the user's settings."""
        on = self.actions["minimap"].isChecked()
        self.settings.set_minimap_visible(on)
        for canvas in self.tabs.canvases():
            _call(canvas, "set_minimap_visible", on)

    def wire_navigation(self, canvas: Any) -> None:
        """A new canvas shows the minimap if the user has it on."""
        _call(canvas, "set_minimap_visible", self.actions["minimap"].isChecked())

    def show_outline_entry(self, kind: str, graph_id: str, entry_id: str) -> None:
        """An Explorer row other than a node (nodes go through select_node): a group or comment is selected
        and framed."""
        canvas = self.tabs.show_graph(graph_id)
        select = _SELECT_ENTRY.get(kind)
        if select is not None:
            _call(canvas, select, [entry_id])
            _call(canvas, "frame_selection")
