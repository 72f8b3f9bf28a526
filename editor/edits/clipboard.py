"""Nodes leaving and entering a graph as text: copy, paste (and so import and export)."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable
from dataclasses import replace

from editor.edits.base import EditRefused
from editor.edits.graph import GraphEdits, mismatched_values
from runtime import fileformat, logicfile
from runtime.filelimits import LimitError, parse_json
from runtime.model import Graph, Link, Node


class ClipboardEdits(GraphEdits):
    """Copies of nodes and the links among them, as our own JSON, and their paste onto a graph."""

    def _fit_values(self, graph: Graph, node: Node) -> None:
        """A pasted node's values that do not fit their type here (another variable type) become defaults."""
        node.attributes.update(mismatched_values(self.registry, self.project, graph, node))

    # --- copy and paste -----------------------------------------------------------------------
    def copy_payload(self, graph_id: str, node_ids: Iterable[str], group_ids: Iterable[str] = ()) -> str:
        """The selected nodes, the links among them and the selected groups, as clipboard text (our own JSON)."""
        return json.dumps({"pulse-studio": "nodes", **logicfile.fragment_data(self.graph(graph_id), node_ids,
                                                                               group_ids)})

    def paste(self, graph_id: str, payload: str, at: tuple[float, float] | None,
              source: str = "clipboard") -> list[str]:
        """Adds copies of the nodes (new ids) and groups in `payload`, placed around `at`; returns the node ids.

        Raises EditRefused naming the nodes that may not go on this tab; nothing is pasted then.
        `source` names where the payload came from in messages (an imported file's name).
        """
        graph = self.graph(graph_id)
        try:
            fragment = logicfile.read_fragment(parse_json(payload), source)
        except (ValueError, LimitError, fileformat.ProjectFileError) as exc:
            raise EditRefused(f"the {source} does not hold Pulse Studio nodes ({exc})") from None
        source_graph = Graph(source, graph.kind, source, {n.id: n for n in fragment.nodes}, fragment.links)
        refused = sorted({n.name for n in source_graph.nodes.values() if (s := self.registry.spec(n.type))
                          and graph.kind not in s.scopes})
        if refused:
            raise EditRefused(f"not allowed on a {graph.kind.value} tab: {', '.join(refused)}")
        for node in source_graph.nodes.values():
            self._fit_values(graph, node)
        try:
            fileformat.check_nodes(self.project, graph, list(source_graph.nodes.values()), source, self.registry)
        except fileformat.ProjectFileError as exc:
            raise EditRefused(f"the {source} holds a node this project could not save ({exc})") from None
        corners = [n.position for n in fragment.nodes] + [g.rect[:2] for g in fragment.groups]
        xs, ys = [c[0] for c in corners] or [0.0], [c[1] for c in corners] or [0.0]
        dx, dy = (at[0] - min(xs), at[1] - min(ys)) if at else (40.0, 40.0)
        new_ids = {}
        nodes = []
        for node in fragment.nodes:
            new_ids[node.id] = new_id = _fresh_id(graph, new_ids.values())
            nodes.append(replace(node, id=new_id, position=(node.position[0] + dx, node.position[1] + dy),
                                 attributes=copy.deepcopy(node.attributes), extra=copy.deepcopy(node.extra)))
        links = [Link(new_ids[k.source], k.output, new_ids[k.target], k.input) for k in fragment.links]
        text = f"Paste {len(nodes)} node{'s' if len(nodes) != 1 else ''}"
        self.undo_stack.beginMacro(text)
        self.add_nodes(graph_id, nodes, links, text)
        for group in fragment.groups:
            x, y, w, h = group.rect
            self.add_group(graph_id, group.title, (x + dx, y + dy, w, h))
        self.undo_stack.endMacro()
        return [n.id for n in nodes]


def _fresh_id(graph: Graph, taken: Iterable[str]) -> str:
    taken = set(taken)
    while (candidate := graph.new_node_id()) in taken:
        pass
    return candidate


