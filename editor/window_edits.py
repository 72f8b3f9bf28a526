"""The window's Edit commands (undo, clipboard, rename, disable, group, arrange) on the current tab.

A mixin of `MainWindow`: the actions table (editor/actions/table.py) names these methods as handlers.
Each works on the current canvas's selection and changes the model only through the document.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QMessageBox

from editor import arrange, clipboard
from editor.document import EditRefused
from editor.field_keys import commit_focused_field
from editor.focus_delete import delete_in_focus


class EditCommands:
    """Edit menu handlers; the window provides `document`, `tabs`, `actions`, `docks`, `attribute_editor`."""

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
        layout = getattr(self.current_canvas(), "selected_layout_ids", lambda: ([], []))()  # groups, comments
        if not graph_id or not (ids or any(layout)) or self.document is None:
            return False
        clipboard.put(self.document.copy_payload(graph_id, ids, *layout))
        counts = ((len(ids), "node"), (len(layout[0]), "group"), (len(layout[1]), "comment"))
        self.show_message("Copied " + ", ".join(f"{n} {what}{'s' if n > 1 else ''}" for n, what in counts if n))
        return True

    def cut(self) -> None:
        if self.copy():
            self.delete()  # what was copied: nodes, groups and comments

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
        """Delete: in the widget with the keyboard focus (editor/focus_delete.py); on the canvas, below."""
        delete_in_focus(self, self.tabs, self._delete_on_canvas)

    def _delete_on_canvas(self) -> None:
        """The canvas's selection (nodes, groups, else connections) as one undo step."""
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
