"""The logic canvas: one NodeGraphQt graph showing one graph of the model.

Public API (used by the main window, panels and the run/debug layer):

    canvas = GraphCanvas(document, graph_id, parent=None)   # a QWidget
    canvas.graph_id                       # the model graph it shows
    canvas.selection_changed              # Signal(list[str]): selected node ids
    canvas.status_message                 # Signal(str): e.g. why a connection was refused
    canvas.selected_node_ids() -> list[str]
    canvas.select_nodes(ids: list[str])   # and scroll so that they are visible
    canvas.center_on_node(node_id)
    canvas.frame_all(); canvas.frame_selection(); canvas.zoom_in(); canvas.zoom_out(); canvas.reset_zoom()
    canvas.zoom_to_read()                 # zoom in (around the centre) until labels are readable
    canvas.view_center() -> tuple[float, float]              # scene coordinates of the view centre
    canvas.map_from_global(QPoint) -> tuple[float, float]    # scene coordinates under a screen point
    canvas.add_node(type_id, position=None) -> str           # via the document (undoable); None = view centre
    canvas.set_node_highlight(node_id, kind: str | None)     # "running", "error", "breakpoint", "paused", None
    canvas.set_node_values(node_id, values: dict | None)     # debugger: last values tagged beside the sockets
    canvas.node_context_actions                              # list of callables(menu, node_id) adding actions
    canvas.refresh_types()                # after a plugin toggle: placeholders <-> live nodes, tab search
    canvas.viewer()                       # the QGraphicsView (for screenshots and tests)
    canvas.node_size(node_id) -> tuple[float, float]         # width, height as drawn (align, distribute)
    canvas.flash_flow(ran: Iterable[str], recent: Container[str]) -> int
                                          # run display: pulse wires between nodes that just ran and
                                          # nodes that ran a moment ago light up, a dot travelling along
    canvas.flash_links(links: Iterable[Link]) -> int         # the same for given connections (pulse ones)
    canvas.group_selected(title="Group") -> str | None      # Ctrl+G: a backdrop around the selected nodes
    canvas.selected_group_ids() -> list[str]; canvas.select_groups(ids)
    canvas.rename_group(group_id) -> TitleEditor | None     # opens the in-place title editor
    canvas.highlight_pulse_chain(); canvas.highlight_data_chain()   # colour the selection's chain, dim the rest
    canvas.highlight_chain(node_ids, pulse: bool) -> Chain | None; canvas.clear_highlight()   # Esc
    canvas.chain_highlight() -> Chain | None                 # what is highlighted now
    canvas.set_minimap_visible(on: bool); canvas.minimap() -> Minimap | None   # View → Minimap
    canvas.add_comment(at=None) -> NoteEditor | None          # a sticky note (undoable), opened for typing
    canvas.edit_comment(comment_id) -> NoteEditor | None     # the in-place text editor of a note
    canvas.selected_comment_ids() -> list[str]; canvas.select_comments(ids)
    canvas.selected_layout_ids() -> (group ids, comment ids) # what a copy takes along with the nodes

Also available (beyond the API above):

    canvas.delete_selected()              # selected nodes, groups, comments and reroute points (else
                                          # connections), one undo step
    canvas.open_node_search(view_pos=None) -> NodeSearchPopup   # the Tab popup (view_pos in viewport coords)
    canvas.node_graph()                   # the NodeGraphQt graph (a view: never edit through it)
    canvas.node_look(node_id) -> NodeLook | None                # what a node shows (tests, tools)
    canvas.group_item(group_id) -> GroupItem | None; canvas.flow_display() -> FlowDisplay   # (tests, tools)
    canvas.comment_item(comment_id) -> CommentItem | None; canvas.layout_tools() -> LayoutTools  # (tests, tools)
    NODE_TYPE_MIME                        # drag a node type id (UTF-8) with this mime type onto a canvas

Everything the canvas shows comes from the model (nodes, connections and their reroute points,
groups, comments, node comments); every user gesture
becomes a Document edit. Dragging a group's title moves the group and what lies inside it as one edit.
"""

from editor import qt_binding

qt_binding.install()  # before NodeGraphQt is first imported: see editor/qt_binding.py

from editor.canvas.graph_canvas import GraphCanvas  # noqa: E402
from editor.canvas.viewer import NODE_TYPE_MIME  # noqa: E402

__all__ = ["NODE_TYPE_MIME", "GraphCanvas"]
