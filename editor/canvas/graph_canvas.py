"""`GraphCanvas`: one logic tab. Shows one model graph and turns gestures into Document edits.

Flow of an edit: a gesture (drag a connection, move, delete, Tab search) -> a Document method
(undoable) -> the model emits a Change -> `GraphMirror` updates the view. The canvas never
changes the view itself, except to repair what NodeGraphQt's gesture code already changed
(`reconcile_links`), so the view cannot drift from the model.
"""

from __future__ import annotations

import sys
import weakref
from collections.abc import Callable, Container, Iterable
from typing import Any

import shiboken6
from PySide6.QtCore import QPoint, QPointF, QRectF, QTimer, Signal
from PySide6.QtGui import QPixmapCache
from PySide6.QtWidgets import QMenu, QVBoxLayout, QWidget

from editor.canvas import style
from editor.canvas.chain import Chain, ChainHighlight
from editor.canvas.comments import CommentItem, NoteEditor
from editor.canvas.flow import FlowDisplay, pulse_wires_between
from editor.canvas.group_layer import GroupLayer, TitleEditor
from editor.canvas.groups import GroupItem
from editor.canvas.items import NodeCardItem, SocketItem
from editor.canvas.layout_tools import LayoutTools
from editor.canvas.look import NodeLook
from editor.canvas.minimap import Block, Minimap
from editor.canvas.node_graph import CanvasGraph
from editor.canvas.open_graph import graph_opened_by
from editor.canvas.sync import GraphMirror
from editor.canvas.tab_search import NodeSearchPopup
from editor.canvas.viewer import CanvasViewer
from editor.document import Document, EditRefused
from runtime.model import Change, Link, Project
from runtime.rules import LinkError, check_link, displaced_links
from runtime.specs import NodeSpec

#: Zoomed-out repaints thrash Qt's default 10 MB pixmap cache (measured: 1.2 s -> 0.2 s at 2,000 nodes).
PIXMAP_CACHE_KB = 512 * 1024

#: Opening shows the whole graph if its text is at least this tall on screen (pixels), else its
#: top-left part at that zoom (Frame All shows everything; the first paint of a big graph stays cheap).
READABLE_TEXT_PX = 10.5

NodeContextAction = Callable[[QMenu, str], None]

#: Edits after which a highlighted chain is worked out again.
_CHAIN_EDITS = frozenset({"node_added", "node_removed", "link_added", "link_removed", "node_changed",
                          "plugin_toggled"})
#: Edits after which the minimap redraws its overview.
_MINIMAP_EDITS = frozenset({"node_added", "node_removed", "node_moved", "node_changed"})


class _ModelListener:
    """Forwards model changes to a canvas without keeping it alive; unsubscribes once it is gone."""

    def __init__(self, canvas: GraphCanvas, project: Project) -> None:
        self._canvas = weakref.ref(canvas)
        self._project = project

    def __call__(self, change: Change) -> None:
        canvas = self._canvas()
        if canvas is None or not shiboken6.isValid(canvas):
            self.detach()
            return
        canvas._on_model_change(change)

    def detach(self) -> None:
        try:
            self._project.changed.disconnect(self)
        except ValueError:
            pass


class GraphCanvas(QWidget):
    """See editor/canvas/__init__.py for the public API."""

    selection_changed = Signal(list)
    status_message = Signal(str)
    graph_requested = Signal(str)  # a double-clicked Function or Prefab node: show that graph's tab

    def __init__(self, document: Document, graph_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if QPixmapCache.cacheLimit() < PIXMAP_CACHE_KB:
            QPixmapCache.setCacheLimit(PIXMAP_CACHE_KB)
        self.document = document
        self.graph_id = graph_id
        self.node_context_actions: list[NodeContextAction] = []
        self._viewer = CanvasViewer(self)
        self._graph = CanvasGraph(self._viewer)
        self._mirror = GraphMirror(self._graph, document.project, graph_id, document.registry)
        self._viewer.cards = lambda: (n.card for n in self._mirror.nodes.values())
        self._groups = GroupLayer(document, graph_id, self._viewer)
        self._layout = LayoutTools(document, graph_id, self._viewer, self._mirror, self)
        self._groups.link_of = self._layout.link_of
        self._flow = FlowDisplay(self._viewer.scene(), self)
        self._chain = ChainHighlight(self._mirror, self)
        self._minimap: Minimap | None = None  # made when first shown
        self._search: NodeSearchPopup | None = None
        self._search_at = QPointF()
        self._selection_pending = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._viewer)
        self._wire()
        self._mirror.load()
        self._groups.load()
        self._layout.load()
        self._initial_view()
        self._viewer.keep_framed(self._initial_view)  # until the window's layout has settled
        self._listener = _ModelListener(self, document.project)
        document.project.changed.connect(self._listener)
        self.destroyed.connect(self._listener.detach)

    def _wire(self) -> None:
        viewer = self._viewer
        viewer.link_check = self._check_drag
        viewer.connection_refused.connect(self.status_message)
        viewer.connection_changed.connect(self._on_connection_changed)
        viewer.connection_sliced.connect(self._on_connection_sliced)
        viewer.moved_nodes.connect(self._on_nodes_moved)
        viewer.delete_requested.connect(self.delete_selected)
        viewer.tab_requested.connect(self.open_node_search)
        viewer.context_requested.connect(self._show_context_menu)
        viewer.group_context_requested.connect(self._show_group_menu)
        viewer.view_touched.connect(self._groups.end_rename)
        viewer.escape_pressed.connect(self.clear_highlight)
        viewer.node_double_clicked.connect(self._open_referenced_graph)
        viewer.node_type_dropped.connect(lambda type_id, pos: self._add_node_gesture(type_id, (pos.x(), pos.y())))
        viewer.scene().selectionChanged.connect(self._selection_changed_soon)

    # --- the public API -----------------------------------------------------------------------
    def viewer(self) -> CanvasViewer:
        return self._viewer

    def node_graph(self) -> CanvasGraph:
        """The NodeGraphQt graph (a view; edit through the Document, never through it)."""
        return self._graph

    def selected_node_ids(self) -> list[str]:
        return [i.model_id for i in self._viewer.scene().selectedItems() if isinstance(i, NodeCardItem)]

    def select_nodes(self, ids: Iterable[str], reveal: bool = True) -> None:
        """Selects exactly these nodes (one selection_changed) and, with `reveal`, scrolls them into view."""
        cards = [self._mirror.nodes[i].card for i in ids if i in self._mirror.nodes]
        scene = self._viewer.scene()
        scene.blockSignals(True)
        try:
            scene.clearSelection()
            for card in cards:
                card.setSelected(True)
        finally:
            scene.blockSignals(False)
        self._viewer.restyle_selection()
        self._emit_selection()
        if cards and reveal:
            rect = self._union(cards)
            if not self._visible_rect().contains(rect):
                self._center_on(rect.center())

    def center_on_node(self, node_id: str) -> None:
        node = self._mirror.nodes.get(node_id)
        if node is not None:
            self._center_on(node.view.sceneBoundingRect().center())

    def zoom_to_read(self) -> None:
        """Zooms in, around the view's centre, until socket labels are readable (a found node is seen)."""
        if self._viewer.scale_factor() < readable_scale():
            self._zoom(readable_scale())

    def frame_all(self) -> None:
        """Shows every node and group (F)."""
        self._viewer.frame_rect(self._content_rect())
        self._viewer.keep_framed(None)

    def frame_selection(self) -> None:
        items = [i for i in self._viewer.scene().selectedItems()
                 if isinstance(i, NodeCardItem | GroupItem | CommentItem)]
        if items:
            self._viewer.frame_rect(self._union(items))
            self._viewer.keep_framed(None)
        else:
            self.frame_all()

    def zoom_in(self) -> None:
        self._zoom(min(self._viewer.scale_factor() * 1.2, 3.0))

    def zoom_out(self) -> None:
        self._zoom(max(self._viewer.scale_factor() / 1.2, 0.05))

    def reset_zoom(self) -> None:
        self._zoom(1.0)

    def _zoom(self, scale: float) -> None:
        self._viewer.set_scale(scale)
        self._viewer.keep_framed(None)

    def view_center(self) -> tuple[float, float]:
        point = self._viewer.mapToScene(self._viewer.viewport().rect().center())
        return point.x(), point.y()

    def map_from_global(self, point: QPoint) -> tuple[float, float]:
        scene = self._viewer.mapToScene(self._viewer.viewport().mapFromGlobal(point))
        return scene.x(), scene.y()

    def add_node(self, type_id: str, position: tuple[float, float] | None = None,
                 attributes: dict[str, Any] | None = None) -> str:
        """Adds a node through the Document (undoable) and selects it, where the user is looking (the view
        does not move); raises EditRefused if not allowed here."""
        x, y = position if position is not None else self.view_center()
        node = self.document.add_node(self.graph_id, type_id, (x, y), attributes)
        self.select_nodes([node.id], reveal=False)
        return node.id

    def set_node_highlight(self, node_id: str, kind: str | None) -> None:
        node = self._mirror.nodes.get(node_id)
        if node is not None:
            node.card.set_highlight(kind)

    def node_size(self, node_id: str) -> tuple[float, float]:
        """Width and height of a node as drawn (align and distribute use them); (0, 0) if not shown."""
        node = self._mirror.nodes.get(node_id)
        return (node.card.width, node.card.height) if node is not None else (0.0, 0.0)

    def highlight_pulse_chain(self) -> Chain | None:
        """Colours what the selected nodes' pulses come from and go to (never selects), dims the rest."""
        return self.highlight_chain(self.selected_node_ids(), pulse=True)

    def highlight_data_chain(self) -> Chain | None:
        """The same along data wires: what feeds the selected nodes' inputs, and what uses their outputs."""
        return self.highlight_chain(self.selected_node_ids(), pulse=False)

    def highlight_chain(self, node_ids: Iterable[str], pulse: bool) -> Chain | None:
        ids = list(node_ids)
        if not ids:
            self.status_message.emit("Select a node to highlight its chain")
            return None
        chain = self._chain.show(ids, pulse)
        self.status_message.emit(f"{'Pulse' if pulse else 'Data'} chain: {len(chain.upstream)} node(s) before "
                                 f"(blue), {len(chain.downstream)} after (pink). Esc removes the highlight")
        return chain

    def clear_highlight(self) -> None:
        """Esc on the canvas, Edit → Remove Highlight."""
        self._chain.clear()

    def chain_highlight(self) -> Chain | None:
        """The chain highlighted now (None: none)."""
        return self._chain.chain

    def set_minimap_visible(self, on: bool) -> None:
        """View → Minimap (Ctrl+M): the overview in the bottom-right corner."""
        if on and self._minimap is None:
            self._minimap = Minimap(self, self._minimap_blocks, self._visible_rect)
            self._minimap.moved_to.connect(self._center_on)
            self._viewer.view_changed.connect(self._minimap.update)
        if self._minimap is not None:
            self._minimap.setVisible(on)

    def minimap(self) -> Minimap | None:
        return self._minimap

    def _minimap_blocks(self) -> list[Block]:
        """Each node as a block: its model position, its card's size, its header colour."""
        views = self._mirror.nodes
        cards = [(node.position, views[i].card) for i, node in self._mirror.graph.nodes.items() if i in views]
        return [(x, y, c._width, c._height, c.header_rgba, c.header) for (x, y), c in cards]

    def flash_links(self, links: Iterable[Link]) -> int:
        """Sends a pulse along each of these connections (data connections are ignored); returns how many."""
        pipes = (p for p in map(self._mirror.pipe_of, links) if p is not None)
        return self._flow.flash(pipes, self._visible_rect())

    def flash_flow(self, ran: Iterable[str], recent: Container[str]) -> int:
        """Shows pulses flowing from nodes that just ran: each pulse connection between a node of `ran`
        and a node of `recent` (nodes that ran a moment ago, `ran` included) lights up, in either order."""
        visible = self._visible_rect()
        cards = (n.card for n in map(self._mirror.nodes.get, ran)
                 if n is not None and visible.intersects(n.card.sceneBoundingRect()))
        return self._flow.flash(pulse_wires_between(cards, recent), visible)

    def flow_display(self) -> FlowDisplay:
        """The pulse animation (tests, tools)."""
        return self._flow

    def selected_group_ids(self) -> list[str]:
        return self._groups.selected_ids()

    def select_groups(self, group_ids: Iterable[str]) -> None:
        self._groups.select(group_ids)

    def group_selected(self, title: str = "Group") -> str | None:
        """Puts a titled backdrop around the selected nodes (undoable); returns its id (None: no selection)."""
        cards = [i for i in self._viewer.scene().selectedItems() if isinstance(i, NodeCardItem)]
        if not cards:
            self.status_message.emit("Select the nodes to group first")
            return None
        group_id = self._groups.group([c.sceneBoundingRect() for c in cards], title)
        self.status_message.emit(f"Grouped {len(cards)} node{'s' if len(cards) > 1 else ''}: "
                                 "double-click the title to rename, drag it to move the group")
        return group_id

    def rename_group(self, group_id: str) -> TitleEditor | None:
        """Opens the in-place title editor of a group (Enter renames, undoably; Escape cancels)."""
        return self._groups.rename(group_id)

    def group_item(self, group_id: str) -> GroupItem | None:
        return self._groups.items.get(group_id)

    def selected_layout_ids(self) -> tuple[list[str], list[str]]:
        """The selected groups and comments (a copy takes them along with the nodes)."""
        return self.selected_group_ids(), self.selected_comment_ids()

    def selected_comment_ids(self) -> list[str]:
        return self._layout.comments.selected_ids()

    def select_comments(self, comment_ids: Iterable[str]) -> None:
        self._layout.comments.select(comment_ids)

    def add_comment(self, at: tuple[float, float] | None = None) -> NoteEditor | None:
        """A sticky note at `at` (default: the view centre), undoable, opened for typing."""
        return self._layout.comments.add(at if at is not None else self.view_center())

    def edit_comment(self, comment_id: str) -> NoteEditor | None:
        return self._layout.comments.edit(comment_id)

    def comment_item(self, comment_id: str) -> CommentItem | None:
        return self._layout.comments.items.get(comment_id)

    def edit_node_comment(self) -> None:
        """Asks for the comment of the selected node (one node: the bubble above it; empty removes it)."""
        ids = self.selected_node_ids()
        if len(ids) == 1:
            self._layout.edit_node_comment(ids[0])
        else:
            self.status_message.emit("Select one node to edit its comment")

    def layout_tools(self) -> LayoutTools:
        """Comments, colours, node comments and reroute points (tests, tools)."""
        return self._layout

    def set_node_values(self, node_id: str, values: dict | None) -> None:
        """Debugger: tags each data socket of the node with its last value ({"in"/"out": {name: value}})."""
        node = self._mirror.nodes.get(node_id)
        if node is not None:
            node.card.set_values(values)

    def refresh_types(self) -> None:
        """After a plugin toggle: placeholders <-> live nodes, and the Tab search's list."""
        self._mirror.refresh_all()
        if self._search is not None:
            self._search.set_specs(self.placeable_specs())

    def delete_selected(self) -> None:
        """Deletes the selected nodes, groups, comments and reroute points (a group's nodes and a
        point's connection stay), or else the selected connections. One undo step either way."""
        ids, groups = self.selected_node_ids(), self.selected_group_ids()
        comments, points = self.selected_comment_ids(), self._layout.selected_reroutes()
        kinds = sum(map(bool, (ids, groups, comments, points)))
        if kinds:
            stack = self.document.undo_stack
            if kinds > 1:  # one undo step; a single kind keeps its own name ("Delete 2 nodes")
                stack.beginMacro("Delete")
            try:
                self._layout.delete_selected()  # first: a point's indices are those of the links as they are
                self.document.remove_nodes(self.graph_id, ids)
                self.document.remove_groups(self.graph_id, groups)
            finally:
                if kinds > 1:
                    stack.endMacro()
            return
        links = [self._mirror.link_of(p.output_port, p.input_port) for p in self._viewer.selected_pipes()]
        if links:
            self.document.disconnect(self.graph_id, links)

    def open_node_search(self, view_pos: QPoint | None = None) -> NodeSearchPopup:
        """Opens the Tab search at `view_pos` (viewport coordinates; default: the view centre)."""
        viewport = self._viewer.viewport()
        view_pos = view_pos if view_pos is not None and viewport.rect().contains(view_pos) \
            else viewport.rect().center()
        self._search_at = self._viewer.mapToScene(view_pos)
        popup = self.node_search()
        popup.set_specs(self.placeable_specs())
        popup.open_at(viewport.mapToGlobal(view_pos))
        return popup

    def node_search(self) -> NodeSearchPopup:
        if self._search is None:
            self._search = NodeSearchPopup(self)
            self._search.chosen.connect(lambda t: self._add_node_gesture(t, (self._search_at.x(), self._search_at.y())))
        return self._search

    def placeable_specs(self) -> list[NodeSpec]:
        graph = self.document.graph(self.graph_id)
        return self.document.registry.placeable(graph.kind, self.document.project)

    def node_look(self, node_id: str) -> NodeLook | None:
        """What the canvas shows for a node (for tests and tools)."""
        node = self._mirror.nodes.get(node_id)
        return node.card.look if node is not None else None

    # --- gestures -> Document edits -------------------------------------------------------------
    def _add_node_gesture(self, type_id: str, position: tuple[float, float]) -> None:
        try:
            self.add_node(type_id, position)
        except EditRefused as exc:
            self.status_message.emit(str(exc))

    def _ends(self, a: SocketItem, b: SocketItem) -> Link | None:
        if a.port_type == b.port_type:
            return None
        out, into = (a, b) if a.port_type == "out" else (b, a)
        return self._mirror.link_of(out, into)

    def _check_drag(self, a: SocketItem, b: SocketItem) -> str | None:
        """Why the drag from `a` may not end on `b` (None: it may). The same rules as every edit."""
        link = self._ends(a, b)
        if link is None:
            return "connect an output to an input"
        for card in (a.node, b.node):
            if card.look is not None and card.look.status:
                return f"{card.look.title!r} is a placeholder ({card.look.status}): its connections cannot change"
        return self.document.check_link(self.graph_id, link)

    def _on_connection_changed(self, disconnected: list, connected: list) -> None:
        links_off = [k for k in (self._ends(a, b) for a, b in disconnected) if k is not None]
        links_on = [k for k in (self._ends(a, b) for a, b in connected) if k is not None]
        involved = {n for k in links_off + links_on for n in (k.source, k.target)}
        try:
            if links_on:
                self._connect(links_on[0], links_off)
            elif links_off:
                self.document.disconnect(self.graph_id, links_off)
        finally:
            self._mirror.reconcile_links(involved)

    def _connect(self, link: Link, links_off: list[Link]) -> None:
        """Connects; a link lifted off another socket by the same drag is removed in the same undo step."""
        project, graph = self.document.project, self.document.graph(self.graph_id)
        try:
            info = check_link(project, graph, link, self.document.registry)
        except LinkError as exc:
            self.status_message.emit(str(exc))
            return
        lifted = [k for k in links_off if k not in displaced_links(graph, link, info.kind) and k in graph.links]
        stack = self.document.undo_stack
        if lifted:
            stack.beginMacro("Reconnect")
        try:
            if lifted:
                self.document.disconnect(self.graph_id, lifted)
            self.document.connect(self.graph_id, link)
            self.status_message.emit("")  # an earlier refusal no longer applies
        except EditRefused as exc:
            self.status_message.emit(str(exc))
        finally:
            if lifted:
                stack.endMacro()

    def _on_connection_sliced(self, pairs: list) -> None:
        links = [k for k in (self._ends(a, b) for a, b in pairs) if k is not None]
        self.document.disconnect(self.graph_id, links)
        self._mirror.reconcile_links({n for k in links for n in (k.source, k.target)})

    def _on_nodes_moved(self, previous: dict) -> None:
        moves = {item.model_id: ((float(old[0]), float(old[1])), (item.x(), item.y()))
                 for item, old in previous.items() if isinstance(item, NodeCardItem)}
        self.document.move_nodes(self.graph_id, moves)

    def _show_group_menu(self, group_id: str, global_pos: QPoint) -> None:
        if group_id not in self.selected_group_ids():
            self._groups.select([group_id])
        menu = QMenu(self)
        menu.addAction("Rename Group…", lambda: self.rename_group(group_id))
        menu.addAction("Delete Group (keep its nodes)",
                       lambda: self.document.remove_groups(self.graph_id, [group_id]))
        self._layout.fill_group_menu(menu, group_id)
        menu.exec(global_pos)

    def _show_context_menu(self, node_id: str | None, global_pos: QPoint) -> None:
        menu = QMenu(self)
        if node_id is not None:
            if node_id not in self.selected_node_ids():
                self.select_nodes([node_id])
            for add_actions in self.node_context_actions:  # the window adds its node commands
                add_actions(menu, node_id)
            if not menu.actions():
                menu.addAction("Delete", self.delete_selected)
        else:
            view_pos = self._viewer.mapFromGlobal(global_pos)
            menu.addAction("Add Node…", lambda: self.open_node_search(view_pos))
            at = self._viewer.mapToScene(self._viewer.viewport().mapFromGlobal(global_pos))
            self._layout.fill_background_menu(menu, at)
            menu.addAction("Frame All", self.frame_all)
            if self._chain.chain is not None:
                menu.addAction("Remove Highlight", self.clear_highlight)
        menu.exec(global_pos)

    # --- model -> view ----------------------------------------------------------------------------
    def _on_model_change(self, change: Change) -> None:
        try:
            self._mirror.apply(change)
            self._groups.apply(change)
            if change.what in _CHAIN_EDITS and change.graph in (self.graph_id, None):
                self._chain.follow_edit()
            if self._minimap is not None and change.what in _MINIMAP_EDITS and change.graph == self.graph_id:
                self._minimap.graph_changed()
            self._layout.apply(change)
            if change.what == "plugin_toggled" and self._search is not None:
                self._search.set_specs(self.placeable_specs())
        except Exception:  # a view must never break a model edit: report it and go on
            sys.excepthook(*sys.exc_info())

    def _selection_changed_soon(self) -> None:
        """Coalesces the scene's per-item selection signals into one selection_changed."""
        if not self._selection_pending:
            self._selection_pending = True
            QTimer.singleShot(0, self._emit_selection)

    def _emit_selection(self) -> None:
        self._selection_pending = False
        if shiboken6.isValid(self):
            self.selection_changed.emit(self.selected_node_ids())

    # --- view helpers -------------------------------------------------------------------------------
    @staticmethod
    def _union(items: Iterable[NodeCardItem | GroupItem | CommentItem]) -> QRectF:
        """Bounding rect of items (a union of rects: NodeGraphQt's item-group way takes a minute at 2,000)."""
        rect = QRectF()
        for item in items:
            rect = rect.united(item.sceneBoundingRect() if isinstance(item, NodeCardItem) else item.area())
        return rect

    def _content_rect(self) -> QRectF:
        return self._union(n.card for n in self._mirror.nodes.values()).united(self._groups.bounds()) \
            .united(self._layout.comments.bounds())

    def _visible_rect(self) -> QRectF:
        return self._viewer.mapToScene(self._viewer.viewport().rect()).boundingRect()

    def _open_referenced_graph(self, node_id: str) -> None:
        graph = self.document.project.graphs[self.graph_id]
        node = graph.nodes.get(node_id)
        target = graph_opened_by(node, graph, self.document.project, self.document.registry) if node else None
        if target is not None:  # once the click is over, so that its release still reaches this canvas
            QTimer.singleShot(0, lambda: self.graph_requested.emit(target))

    def _center_on(self, point: QPointF) -> None:
        self._viewer.set_scale(self._viewer.scale_factor(), point)
        self._viewer.keep_framed(None)

    def _initial_view(self) -> None:
        """Frames the graph, but not below a legible zoom: a big graph opens on its top-left part."""
        if not shiboken6.isValid(self):
            return
        rect = self._content_rect()
        if rect.isNull():
            self._viewer.set_scale(1.0)
            return
        self._viewer.frame_rect(rect)
        readable = readable_scale()
        if self._viewer.scale_factor() < readable:
            viewport = self._viewer.viewport().rect()
            half = QPointF(viewport.width(), viewport.height()) / (2 * readable)
            self._viewer.set_scale(readable, rect.topLeft() + half - QPointF(40, 40))


def readable_scale() -> float:
    """The zoom at which a socket label is READABLE_TEXT_PX tall on screen (never beyond 100 %)."""
    return min(1.0, READABLE_TEXT_PX / style.label_pixel_size())
