"""The canvas's layout tools: comments, colours, node comments and reroute points.

`LayoutTools` is the part of a `GraphCanvas` that turns these gestures into undoable edits
(`editor.layout_edits`): a double-click or Alt+click on a wire adds a reroute point, a dragged
dot moves it, Delete removes selected dots (their wires stay) and comments, and the context menus
of comments, groups, dots and nodes offer text and colour. It owns the `CommentLayer`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, QPointF
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QInputDialog, QMenu, QWidget

from editor import layout_edits
from editor.canvas.comment_layer import CommentLayer
from editor.canvas.comments import CommentItem
from editor.canvas.items import LinkItem
from editor.canvas.reroutes import RerouteDot, dots_of, insertion_index
from editor.canvas.sync import GraphMirror
from editor.canvas.viewer import CanvasViewer
from editor.document import Document
from runtime.model import Change, Link


def colour_menu(parent: QMenu, current: str, apply: Callable[[str], None], theme_default: bool) -> QMenu:
    """A "Colour" submenu of the palette (and the theme's own colour, for groups)."""
    menu = parent.addMenu("Colour")
    if theme_default:
        action = menu.addAction("Default", lambda: apply(""))
        action.setCheckable(True)
        action.setChecked(current == "")
    for name, colour in layout_edits.PALETTE:
        swatch = QPixmap(14, 14)
        swatch.fill(QColor(colour))
        action = menu.addAction(QIcon(swatch), name, lambda c=colour: apply(c))
        action.setCheckable(True)
        action.setChecked(current.lower() == colour)
    return menu


class LayoutTools:
    """See the module docstring; `parent` is the canvas widget (owner of dialogs and menus)."""

    def __init__(self, document: Document, graph_id: str, viewer: CanvasViewer, mirror: GraphMirror,
                 parent: QWidget) -> None:
        self.document = document
        self.graph_id = graph_id
        self.viewer = viewer
        self.mirror = mirror
        self.parent = parent
        self.comments = CommentLayer(document, graph_id, viewer)
        viewer.wire_clicked.connect(self.add_reroute)
        viewer.reroute_moved.connect(self._reroute_moved)
        viewer.item_context_requested.connect(self._item_menu)
        viewer.view_touched.connect(self.comments.end_edit)

    def load(self) -> None:
        self.comments.load()

    def apply(self, change: Change) -> None:
        self.comments.apply(change)

    # --- reroute points ---------------------------------------------------------------------------
    def link_of(self, pipe: LinkItem) -> Link:
        return self.mirror.link_of(pipe.output_port, pipe.input_port)

    def add_reroute(self, pipe: LinkItem, point: QPointF) -> None:
        """A reroute point on `pipe` at `point` (undoable), selected alone."""
        link = self.link_of(pipe)
        bends = list(self.document.graph(self.graph_id).bends.get(link, ()))
        index = insertion_index(pipe.anchors(), point)
        bends.insert(index, (point.x(), point.y()))
        layout_edits.set_bends(self.document, self.graph_id, {link: tuple(bends)}, "Add reroute point")
        dots = dots_of(pipe)
        if index < len(dots):
            self.viewer.scene().clearSelection()
            dots[index].setSelected(True)

    def _reroute_moved(self, pipe: LinkItem, index: int, _old: tuple[float, float],
                       new: tuple[float, float]) -> None:
        link = self.link_of(pipe)
        bends = list(self.document.graph(self.graph_id).bends.get(link, ()))
        if index < len(bends):
            bends[index] = new
            layout_edits.set_bends(self.document, self.graph_id, {link: tuple(bends)}, "Move reroute point")

    def selected_reroutes(self) -> dict[Link, list[int]]:
        points: dict[Link, list[int]] = {}
        for item in self.viewer.scene().selectedItems():
            if isinstance(item, RerouteDot):
                points.setdefault(self.link_of(item.pipe), []).append(item.index)
        return points

    def delete_selected(self) -> bool:
        """Deletes the selected comments and reroute points (wires kept); whether there were any."""
        comments, points = self.comments.selected_ids(), self.selected_reroutes()
        layout_edits.remove_layout(self.document, self.graph_id, comment_ids=comments)
        if points:
            layout_edits.remove_bends(self.document, self.graph_id, points)
        return bool(comments or points)

    # --- menus ----------------------------------------------------------------------------------------
    def fill_background_menu(self, menu: QMenu, at: QPointF) -> None:
        menu.addAction("Add Comment", lambda: self.comments.add((at.x(), at.y())))

    def fill_group_menu(self, menu: QMenu, group_id: str) -> None:
        group = next((g for g in self.document.graph(self.graph_id).groups if g.id == group_id), None)
        if group is not None:
            colour_menu(menu, group.colour, lambda c: layout_edits.set_colour(
                self.document, self.graph_id, c, group_ids=[group_id]), theme_default=True)

    def edit_node_comment(self, node_id: str) -> None:
        """Asks for the node's comment (empty removes the bubble)."""
        node = self.document.graph(self.graph_id).nodes.get(node_id)
        if node is None:
            return
        text, ok = QInputDialog.getText(self.parent, "Node Comment", f"Comment shown above {node.name!r}:",
                                        text=node.comment)
        if ok:
            layout_edits.set_node_comment(self.document, self.graph_id, node_id, text)

    def _item_menu(self, item: object, global_pos: QPoint) -> None:
        menu = QMenu(self.parent)
        if isinstance(item, CommentItem):
            if not item.isSelected():
                self.comments.select([item.comment_id])
            selected = self.comments.selected_ids()
            menu.addAction("Edit Comment", lambda: self.comments.edit(item.comment_id))
            colour_menu(menu, item.colour.name(), lambda c: layout_edits.set_colour(
                self.document, self.graph_id, c, comment_ids=selected), theme_default=False)
            menu.addAction("Delete Comment", lambda: layout_edits.remove_layout(
                self.document, self.graph_id, comment_ids=selected))
        elif isinstance(item, RerouteDot):
            link, index = self.link_of(item.pipe), item.index
            menu.addAction("Delete Reroute Point", lambda: layout_edits.remove_bends(
                self.document, self.graph_id, {link: [index]}))
        if menu.actions():
            menu.exec(global_pos)
