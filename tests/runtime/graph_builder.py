"""Builds small projects in tests and runs them, collecting what the console printed."""

from __future__ import annotations

import asyncio
import itertools
from typing import Any

from runtime.engine.console import ConsoleRecord
from runtime.engine.engine import Engine, GraphRun
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


async def evaluate(type_id: str, output: str = "Result", **attributes: Any) -> tuple[list[str], list[str]]:
    """Runs On Project Start -> Console(<node>.<output>); returns (printed lines, error messages)."""
    b = Builder()
    b.node("s", "logic.on_project_start")
    b.node("x", type_id, **attributes)
    b.node("show", "logic.console")
    b.chain("s", "show")
    b.link(f"x.{output}", "show.Value")
    _, records = await run_project(b.project)
    return lines(records), lines(records, "error")


def pure_value(type_id: str, output: str, **attributes: Any) -> Any:
    """The value of a pure node's `output`, computed by a real compiled instance (no run, no console).

    For property tests that try thousands of inputs: exceptions come out as the behaviour raised them.
    """
    b = Builder()
    b.node("x", type_id, **attributes)
    run = GraphRun(Engine(b.project), b.graph, "test")
    inst = run.instances["x"]
    value = inst.call()
    if len(inst.ports.outputs) == 1:
        return value
    return value[[name for name, _ in inst.ports.outputs].index(output)]
