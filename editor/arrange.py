"""Align and distribute: new node positions from old ones (pure functions, no Qt).

Positions are node top-left corners; `sizes` (width, height) make centre alignment and equal
gaps exact where the canvas can tell them, and default to a typical node size otherwise.
"""

from __future__ import annotations

from collections.abc import Callable

Point = tuple[float, float]
Size = tuple[float, float]
DEFAULT_SIZE: Size = (180.0, 80.0)


def align_left(positions: dict[str, Point], sizes: dict[str, Size] | None = None) -> dict[str, Point]:
    left = min(x for x, _ in positions.values())
    return {i: (left, y) for i, (x, y) in positions.items()}


def align_top(positions: dict[str, Point], sizes: dict[str, Size] | None = None) -> dict[str, Point]:
    top = min(y for _, y in positions.values())
    return {i: (x, top) for i, (x, y) in positions.items()}


def align_center_vertical(positions: dict[str, Point], sizes: dict[str, Size] | None = None) -> dict[str, Point]:
    """Centres the nodes on one vertical line (the mean of their centres)."""
    widths = {i: (sizes or {}).get(i, DEFAULT_SIZE)[0] for i in positions}
    centre = sum(x + widths[i] / 2 for i, (x, _) in positions.items()) / len(positions)
    return {i: (centre - widths[i] / 2, y) for i, (x, y) in positions.items()}


def _distribute(positions: dict[str, Point], sizes: dict[str, Size] | None, axis: int) -> dict[str, Point]:
    """Equal gaps between neighbours along `axis`, first and last node staying where they are."""
    if len(positions) < 3:
        return dict(positions)
    extent = {i: (sizes or {}).get(i, DEFAULT_SIZE)[axis] for i in positions}
    order = sorted(positions, key=lambda i: positions[i][axis])
    start = positions[order[0]][axis]
    end = positions[order[-1]][axis] + extent[order[-1]]
    gap = (end - start - sum(extent.values())) / (len(order) - 1)
    result, cursor = {}, start
    for node_id in order:
        point = list(positions[node_id])
        point[axis] = cursor
        result[node_id] = (point[0], point[1])
        cursor += extent[node_id] + gap
    return result


def distribute_horizontally(positions: dict[str, Point], sizes: dict[str, Size] | None = None) -> dict[str, Point]:
    return _distribute(positions, sizes, 0)


def distribute_vertically(positions: dict[str, Point], sizes: dict[str, Size] | None = None) -> dict[str, Point]:
    return _distribute(positions, sizes, 1)


Arrangement = Callable[[dict[str, Point], dict[str, Size] | None], dict[str, Point]]


def connected_nodes(links: list[tuple[str, str]], start: list[str]) -> set[str]:
    """Every node reachable from `start` through links in either direction (the start included)."""
    return set().union(*connected_parts(links, start))


def connected_parts(links: list[tuple[str, str]], nodes: list[str]) -> list[set[str]]:
    """The parts of `nodes` joined through links in either direction, one per part, in `nodes` order."""
    neighbours: dict[str, set[str]] = {}
    for a, b in links:
        neighbours.setdefault(a, set()).add(b)
        neighbours.setdefault(b, set()).add(a)
    seen: set[str] = set()
    parts = []
    for node_id in nodes:
        if node_id in seen:
            continue
        part, stack = {node_id}, [node_id]
        while stack:
            for other in neighbours.get(stack.pop(), ()):
                if other not in part:
                    part.add(other)
                    stack.append(other)
        seen |= part
        parts.append(part)
    return parts
