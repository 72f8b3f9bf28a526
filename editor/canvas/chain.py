"""Highlight the chain: colour what leads to the chosen nodes (upstream) and what they lead to
(downstream), following only pulse wires or only data wires, and dim the rest.

This is Incari's Highlight / Remove highlight ("applies a distinct color to sections of a Logic
Graph that are connected together"), made directional. It colours; it never selects, so the
selection and the Attribute Editor stay as they were. `chain_of` is pure (no Qt) and linear in
the graph's size; `ChainHighlight` puts the result on the canvas items.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QColor

from runtime.model import Link

if TYPE_CHECKING:
    from editor.canvas.sync import GraphMirror

#: Colours of the chain (outline of nodes, pen of wires).
UPSTREAM = QColor(80, 190, 255)
DOWNSTREAM = QColor(240, 120, 220)
BOTH = QColor(250, 250, 250)  # a node both before and after the root (a loop), and the roots themselves
#: Opacity factor of everything outside the chain.
DIMMED = 0.22


@dataclass(frozen=True)
class Chain:
    """What one highlight shows: the roots, the nodes and links before them and after them."""

    roots: frozenset[str]
    upstream: frozenset[str]
    downstream: frozenset[str]
    up_links: frozenset[Link]
    down_links: frozenset[Link]

    @property
    def nodes(self) -> frozenset[str]:
        return self.roots | self.upstream | self.downstream

    @property
    def links(self) -> frozenset[Link]:
        return self.up_links | self.down_links

    def colour_of(self, node_id: str) -> QColor | None:
        up, down = node_id in self.upstream, node_id in self.downstream
        if node_id in self.roots or (up and down):
            return BOTH
        return UPSTREAM if up else DOWNSTREAM if down else None


def _walk(roots: Iterable[str], edges: dict[str, list[tuple[str, Link]]]) -> tuple[set[str], set[Link]]:
    """Every node reachable from `roots` along `edges` (roots only if reached again), and the links used."""
    seen: set[str] = set()
    used: set[Link] = set()
    todo = list(roots)
    while todo:
        node = todo.pop()
        for far, link in edges.get(node, ()):
            used.add(link)
            if far not in seen:
                seen.add(far)
                todo.append(far)
    return seen, used


def chain_of(links: Iterable[Link], roots: Iterable[str], follows: Callable[[Link], bool]) -> Chain:
    """The chain through `roots` along the links `follows` accepts (pulse wires, or data wires)."""
    forward: dict[str, list[tuple[str, Link]]] = defaultdict(list)
    backward: dict[str, list[tuple[str, Link]]] = defaultdict(list)
    for link in links:
        if follows(link):
            forward[link.source].append((link.target, link))
            backward[link.target].append((link.source, link))
    roots = frozenset(roots)
    upstream, up_links = _walk(roots, backward)
    downstream, down_links = _walk(roots, forward)
    return Chain(roots, frozenset(upstream - roots), frozenset(downstream - roots),
                 frozenset(up_links), frozenset(down_links))


class ChainHighlight:
    """The chain shown on one canvas (at most one at a time); follows the graph's edits until cleared."""

    def __init__(self, mirror: GraphMirror, parent: QObject) -> None:
        self._mirror = mirror
        self.chain: Chain | None = None
        self.pulse = True
        self._again = QTimer(parent)  # a paste of 100 nodes works the chain out once, not 100 times
        self._again.setSingleShot(True)
        self._again.setInterval(0)
        self._again.timeout.connect(self._show_again)

    def show(self, roots: Iterable[str], pulse: bool) -> Chain:
        """Colours the pulse (or data) chain through `roots` and dims the rest."""
        graph = self._mirror.graph
        self.pulse = pulse
        self.chain = chain = chain_of(graph.links, [r for r in roots if r in graph.nodes],
                                      lambda link: self._is_pulse(link) == pulse)
        for node_id, view in self._mirror.nodes.items():
            colour = chain.colour_of(node_id)
            view.card.set_chain(colour, colour is None)
        for pipe, link in self._pipes():
            up, down = link in chain.up_links, link in chain.down_links
            colour = BOTH if up and down else UPSTREAM if up else DOWNSTREAM if down else None
            pipe.set_chain(colour, colour is None)
        return chain

    def clear(self) -> None:
        """Esc: everything back to its own colours."""
        if self.chain is None:
            return
        self.chain = None
        for view in self._mirror.nodes.values():
            view.card.set_chain(None, False)
        for pipe, _link in self._pipes():
            pipe.set_chain(None, False)

    def follow_edit(self) -> None:
        """After nodes or wires changed: the same roots' chain again, soon (cleared once no root is left)."""
        if self.chain is not None:
            self._again.start()

    def _show_again(self) -> None:
        if self.chain is None:
            return
        roots = [r for r in self.chain.roots if r in self._mirror.graph.nodes]
        if roots:
            self.show(roots, self.pulse)
        else:
            self.clear()

    def _pipes(self) -> Iterable:
        for view in self._mirror.nodes.values():
            for socket in view.card.outputs:
                for pipe in socket.connected_pipes:
                    yield pipe, self._mirror.link_of(pipe.output_port, pipe.input_port)

    def _is_pulse(self, link: Link) -> bool:
        view = self._mirror.nodes.get(link.source)
        look = view.card.look if view is not None else None
        return look is not None and any(s.pulse for s in look.outputs if s.name == link.output)
