"""Undoable edits of what only the canvas shows: comments, group colours, node comments, reroute points.

None of these reach the interpreter: comments and groups are separate lists of a graph, a node
comment is a field the runtime never reads, and reroute points are bends kept beside a
connection (`Graph.bends`), never nodes, so a run's speed and meaning stay the same. Each
function here is ONE undo step on the document's stack (`GraphEdits.push`); the model's change
signal redraws the canvas.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from runtime.model import Bends, Comment, Group, Link

if TYPE_CHECKING:  # the document's clipboard edits call in here for copy and paste
    from editor.edits.graph import GraphEdits

Rect = tuple[float, float, float, float]  # x, y, width, height

#: The colours offered for comments and groups (name, #rrggbb); a comment starts as the first.
PALETTE: tuple[tuple[str, str], ...] = (
    ("Yellow", "#f5e08a"), ("Orange", "#f2b27a"), ("Red", "#e88b8b"), ("Pink", "#e7a3d0"),
    ("Purple", "#b9a3e8"), ("Blue", "#8fb8ef"), ("Teal", "#86d3c6"), ("Green", "#a9d98e"), ("Grey", "#b8bec8"),
)
COMMENT_SIZE = (240.0, 110.0)
NodeMoves = dict[str, tuple[tuple[float, float], tuple[float, float]]]


# --- comments ---------------------------------------------------------------------------------
def add_comment(document: GraphEdits, graph_id: str, at: tuple[float, float], text: str = "",
                colour: str = PALETTE[0][1], size: tuple[float, float] = COMMENT_SIZE) -> Comment:
    """A new sticky note with its top-left corner at `at`."""
    graph = document.graph(graph_id)
    comment = Comment(graph.new_comment_id(), text, (float(at[0]), float(at[1]), *size), colour)
    document.push("Add comment", lambda: graph.add_comment(comment), lambda: graph.remove_comment(comment.id))
    return comment


def set_comment_text(document: GraphEdits, graph_id: str, comment_id: str, text: str) -> None:
    graph = document.graph(graph_id)
    comment = next((c for c in graph.comments if c.id == comment_id), None)
    old = comment.text if comment is not None else text  # deleted while it was being edited: nothing to do
    if text != old:
        document.push("Edit comment", lambda: graph.update_comment(comment_id, text=text),
                      lambda: graph.update_comment(comment_id, text=old))


def set_colour(document: GraphEdits, graph_id: str, colour: str, group_ids: Iterable[str] = (),
               comment_ids: Iterable[str] = ()) -> None:
    """Gives groups and comments one colour ("" gives a group the theme's colour back)."""
    graph = document.graph(graph_id)
    groups = {g.id: g.colour for g in graph.groups if g.id in set(group_ids) and g.colour != colour}
    comments = {c.id: c.colour for c in graph.comments if c.id in set(comment_ids) and c.colour != colour}
    if not groups and not comments:
        return

    def apply(new: bool) -> Callable[[], None]:
        def run() -> None:
            for group_id, old in groups.items():
                graph.update_group(group_id, colour=colour if new else old)
            for comment_id, old in comments.items():
                graph.update_comment(comment_id, colour=colour if new else old)

        return run

    document.push("Change colour", apply(True), apply(False))


def move_layout(document: GraphEdits, graph_id: str, group_rects: dict[str, Rect] | None = None,
                comment_rects: dict[str, Rect] | None = None, node_moves: NodeMoves | None = None,
                text: str = "", bends: dict[Link, Bends] | None = None) -> None:
    """New rects for groups and comments, new node positions and reroute points, as ONE undo step (a
    group dragged with what lies on it, a comment moved or resized). The canvas may already show it."""
    graph = document.graph(graph_id)
    groups = {g.id: (g.rect, _rect(group_rects[g.id])) for g in graph.groups if g.id in (group_rects or {})}
    comments = {c.id: (c.rect, _rect(comment_rects[c.id])) for c in graph.comments if c.id in (comment_rects or {})}
    groups = {i: r for i, r in groups.items() if r[0] != r[1]}
    comments = {i: r for i, r in comments.items() if r[0] != r[1]}
    moves = {i: m for i, m in (node_moves or {}).items() if i in graph.nodes and m[0] != m[1]}
    points = {k: (graph.bends.get(k, ()), tuple(b)) for k, b in (bends or {}).items() if k in graph.links}
    points = {k: p for k, p in points.items() if p[0] != p[1]}
    if not groups and not comments and not moves and not points:
        return

    def apply(which: int) -> Callable[[], None]:
        def run() -> None:
            for group_id, rects in groups.items():
                graph.update_group(group_id, rect=rects[which])
            for comment_id, rects in comments.items():
                graph.update_comment(comment_id, rect=rects[which])
            for node_id, positions in moves.items():
                graph.move_node(node_id, positions[which])
            for link, pair in points.items():
                graph.set_bends(link, pair[which])

        return run

    default = "Move group" if groups else "Move comment" if comments else "Move nodes"
    document.push(text or default, apply(1), apply(0))


def remove_layout(document: GraphEdits, graph_id: str, group_ids: Iterable[str] = (),
                  comment_ids: Iterable[str] = ()) -> None:
    """Deletes groups and comments (never the nodes on them) as one undo step."""
    graph = document.graph(graph_id)
    wanted_groups, wanted_comments = set(group_ids), set(comment_ids)
    groups = [(i, g) for i, g in enumerate(graph.groups) if g.id in wanted_groups]
    comments = [(i, c) for i, c in enumerate(graph.comments) if c.id in wanted_comments]
    if not groups and not comments:
        return

    def redo() -> None:
        for _index, group in groups:
            graph.remove_group(group.id)
        for _index, comment in comments:
            graph.remove_comment(comment.id)

    def undo() -> None:
        for index, group in groups:  # ascending: each goes back where it was
            graph.add_group(group, index)
        for index, comment in comments:
            graph.add_comment(comment, index)

    count = len(groups) + len(comments)
    what = "comment" if not groups else "group" if not comments else "item"
    document.push(f"Delete {count} {what}{'s' if count > 1 else ''}", redo, undo)


# --- node comments ----------------------------------------------------------------------------
def set_node_comment(document: GraphEdits, graph_id: str, node_id: str, text: str) -> None:
    """The bubble above a node ("" removes it)."""
    document.set_node_field(graph_id, node_id, "comment", text.strip())


# --- reroute points ---------------------------------------------------------------------------
def set_bends(document: GraphEdits, graph_id: str, bends: dict[Link, Bends], text: str) -> None:
    """Gives connections new reroute points (an empty tuple: none) as one undo step."""
    graph = document.graph(graph_id)
    changes = {link: (graph.bends.get(link, ()), tuple(points)) for link, points in bends.items()
               if link in graph.links and graph.bends.get(link, ()) != tuple(points)}
    if not changes:
        return

    def apply(which: int) -> Callable[[], None]:
        def run() -> None:
            for link, pair in changes.items():
                graph.set_bends(link, pair[which])

        return run

    document.push(text, apply(1), apply(0))


def remove_bends(document: GraphEdits, graph_id: str, points: dict[Link, Iterable[int]]) -> None:
    """Deletes reroute points (by index on their connection); the connections stay."""
    graph = document.graph(graph_id)
    new: dict[Link, Bends] = {}
    count = 0
    for link, indices in points.items():
        drop = set(indices)
        old = graph.bends.get(link, ())
        new[link] = tuple(p for i, p in enumerate(old) if i not in drop)
        count += len(old) - len(new[link])
    set_bends(document, graph_id, new, f"Delete {count} reroute point{'s' if count != 1 else ''}")


# --- the clipboard ----------------------------------------------------------------------------
def layout_corners(groups: list[Group], comments: list[Comment]) -> list[tuple[float, float]]:
    """Top-left corners of pasted groups and comments (a paste places the whole selection)."""
    return [(item.rect[0], item.rect[1]) for item in (*groups, *comments)]


def paste_layout(document: GraphEdits, graph_id: str, groups: list[Group], comments: list[Comment],
                 offset: tuple[float, float], bends: dict[Link, Bends]) -> None:
    """Adds copies of pasted groups and comments (new ids, moved by `offset`) and the pasted
    connections' reroute points; the caller's undo macro makes them one step with the nodes."""
    graph = document.graph(graph_id)
    dx, dy = offset
    new_groups, new_comments = [], []
    for group in groups:
        x, y, w, h = group.rect
        new_groups.append(Group(graph.new_group_id(), group.title, (x + dx, y + dy, w, h), group.colour))
    for comment in comments:
        x, y, w, h = comment.rect
        new_comments.append(Comment(graph.new_comment_id(), comment.text, (x + dx, y + dy, w, h), comment.colour))
    if new_groups or new_comments:
        def redo() -> None:
            for group in new_groups:
                graph.add_group(copy.copy(group))
            for comment in new_comments:
                graph.add_comment(copy.copy(comment))

        def undo() -> None:
            for comment in new_comments:
                graph.remove_comment(comment.id)
            for group in new_groups:
                graph.remove_group(group.id)

        document.push("Paste groups and comments", redo, undo)
    moved = {link: tuple((x + dx, y + dy) for x, y in points) for link, points in bends.items() if points}
    set_bends(document, graph_id, moved, "Paste reroute points")


def _rect(rect: Iterable[float]) -> Rect:
    x, y, w, h = (float(v) for v in rect)
    return (x, y, w, h)
