"""Builds small projects in tests and runs them, collecting what the console printed."""

from __future__ import annotations

import asyncio
import itertools
from typing import Any

from runtime.engine.console import ConsoleRecord
from runtime.engine.engine import Engine
from runtime.model import Graph, Link, Node, Project
from runtime.registry import default_registry
from runtime.specs import Scope


class Builder:
    """`b.node("id", "logic.console", Value="x")`, `b.link("a.Out", "b.In")` on one graph."""

    def __init__(self, project: Project | None = None, graph: Graph | None = None) -> None:
        self.project = project or Project.new("Test")
        self.graph = graph or self.project.project_graph

    def node(self, node_id: str, type_id: str, name: str | None = None, **attributes: Any) -> Node:
        spec = default_registry().spec(type_id)
        values = spec.default_attributes() if spec else {}
        values.update(attributes)
        node = Node(node_id, type_id, name or node_id, attributes=values)
        self.graph.add_node(node)
        return node

    def link(self, source: str, target: str) -> None:
        (src, out), (dst, inp) = source.split(".", 1), target.split(".", 1)
        self.graph.add_link(Link(src, out, dst, inp))

    def add_graph(self, graph_id: str, kind: Scope, name: str) -> Builder:
        """A Builder on a new graph of this project."""
        graph = Graph(graph_id, kind, name)
        self.project.add_graph(graph)
        return Builder(self.project, graph)

    def call_on_start(self, function_id: str) -> None:
        """On Project Start -> a call of function `function_id` -> Console "returned"."""
        self.node("s", "logic.on_project_start")
        self.node("call", "logic.function_call", Function=function_id)
        self.node("after", "logic.console", Value="returned")
        self.chain("s", "call", "after")

    def chain(self, *ids: str) -> None:
        """Pulse links Out -> In along `ids`."""
        for a, b in itertools.pairwise(ids):
            self.link(f"{a}.Out", f"{b}.In")


async def run_project(project: Project, timeout: float = 5.0, **engine_args: Any) -> tuple[int, list[ConsoleRecord]]:
    records: list[ConsoleRecord] = []
    engine = Engine(project, **engine_args)
    engine.console.connect(records.append)
    await engine.start()
    code = await engine.finished(timeout)
    return code, records


def lines(records: list[ConsoleRecord], level: str = "info") -> list[str]:
    return [r.message for r in records if r.level == level]


def pending_tasks() -> list[asyncio.Task[Any]]:
    return [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
