"""Nodes leaving and entering a graph as text: copy, paste (and so import and export)."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable
from dataclasses import replace

from editor import layout_edits
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
    def copy_payload(self, graph_id: str, node_ids: Iterable[str], group_ids: Iterable[str] = (),
                     comment_ids: Iterable[str] = ()) -> str:
        """The selected nodes, the links among them (with their reroute points) and the selected
        groups and comments, as clipboard text (our own JSON; a logic file's body is the same)."""
        return json.dumps({"pulse-studio": "nodes",
                           **logicfile.fragment_data(self.graph(graph_id), node_ids, group_ids, comment_ids)})

    def paste(self, graph_id: str, payload: str, at: tuple[float, float] | None,
              source: str = "clipboard") -> list[str]:
        """Adds copies of the nodes in `payload` (new ids), placed around `at`; returns their ids.

        Raises EditRefused naming the nodes that may not go on this tab; nothing is pasted then.
        `source` names where the payload came from in messages (an imported file's name).
        """
        graph = self.graph(graph_id)
        try:
            data = parse_json(payload)
            raw_links = data.get("connections", [])
            pasted, pasted_links = fileformat.read_nodes(data["nodes"], raw_links, source)
            groups, comments, points = fileformat.read_layout(data.get("groups", []), data.get("comments", []),
                                                              raw_links, source)
        except (ValueError, KeyError, TypeError, LimitError, fileformat.ProjectFileError) as exc:
            raise EditRefused(f"the {source} does not hold Pulse Studio nodes ({exc})") from None
        pasted_graph = Graph(source, graph.kind, source, {n.id: n for n in pasted},
                       [k for k in pasted_links if {k.source, k.target} <= {n.id for n in pasted}])
        refused = sorted({n.name for n in pasted_graph.nodes.values() if (s := self.registry.spec(n.type))
                          and graph.kind not in s.scopes})
        if refused:
            raise EditRefused(f"not allowed on a {graph.kind.value} tab: {', '.join(refused)}")
        for node in pasted_graph.nodes.values():
            self._fit_values(graph, node)
        try:
            fileformat.check_nodes(self.project, graph, list(pasted_graph.nodes.values()), source, self.registry)
        except fileformat.ProjectFileError as exc:
            raise EditRefused(f"the {source} holds a node this project could not save ({exc})") from None
        corners = [n.position for n in pasted_graph.nodes.values()] + layout_edits.layout_corners(groups, comments)
        xs, ys = [c[0] for c in corners] or [0.0], [c[1] for c in corners] or [0.0]
        dx, dy = (at[0] - min(xs), at[1] - min(ys)) if at else (40.0, 40.0)
        new_ids = {}
        nodes = []
        for node in pasted_graph.nodes.values():
            new_ids[node.id] = new_id = _fresh_id(graph, new_ids.values())
            nodes.append(replace(node, id=new_id, position=(node.position[0] + dx, node.position[1] + dy),
                                 attributes=copy.deepcopy(node.attributes), extra=copy.deepcopy(node.extra)))
        kept = set(pasted_graph.links)
        bends = {Link(new_ids[k.source], k.output, new_ids[k.target], k.input): b
                 for k, b in zip(pasted_links, points, strict=True) if k in kept}
        text = f"Paste {len(nodes)} node{'s' if len(nodes) != 1 else ''}" if nodes else "Paste"
        self.undo_stack.beginMacro(text)
        self.add_nodes(graph_id, nodes, list(bends), text)
        layout_edits.paste_layout(self, graph_id, groups, comments, (dx, dy), bends)
        self.undo_stack.endMacro()
        return [n.id for n in nodes]


def _fresh_id(graph: Graph, taken: Iterable[str]) -> str:
    taken = set(taken)
    while (candidate := graph.new_node_id()) in taken:
        pass
    return candidate


