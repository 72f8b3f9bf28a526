"""Builds small Socket.IO projects in code and runs them on a real engine, recording what they print.

``Logic`` makes one project (connections in its settings, nodes on its Project graph);
``Running`` runs it and collects console records; ``log()`` adds a Console node that prints
``{1}|{2}|...`` from data outputs, so a test reads what happened, in order, by the console
node's name.
"""

from __future__ import annotations

import asyncio
import gc
import time
from collections.abc import Callable
from typing import Any

import aiohttp

from runtime.engine.console import ConsoleRecord
from runtime.engine.engine import Engine
from runtime.model import Graph, Link, Node, Project, Variable
from runtime.plugins.socketio.settings import SECTION
from runtime.registry import default_registry
from runtime.types import DataType

TIMEOUT = 10.0


class Logic:
    """One project under construction: ``connection()``, ``node()``, ``link()``, ``log()``."""

    def __init__(self) -> None:
        self.project = Project.new("Socket.IO test")
        self.graph: Graph = self.project.project_graph
        self._ids = 0

    def connection(self, name: str, server: Any | None = None, **fields: Any) -> dict[str, Any]:
        """Adds a connection entry (defaults, the server's address, then `fields`)."""
        entry = SECTION.new_entry(name)
        if server is not None:
            entry.update(url=f"http://{server.host}", port=server.port)
        entry.update(fields)
        section = self.project.settings.setdefault("socketio", {"entries": []})
        section["entries"].append(entry)
        return entry

    def node(self, node_id: str, type_id: str, graph: Graph | None = None, **attributes: Any) -> str:
        spec = default_registry().spec(type_id)
        values = spec.default_attributes() if spec else {}
        values.update(attributes)
        (graph or self.graph).add_node(Node(node_id, type_id, node_id, attributes=values))
        return node_id

    def link(self, source: str, target: str, graph: Graph | None = None) -> None:
        """``link("a.Out", "b.In")``: node id, dot, socket name (a bare source id means its Out)."""
        source = source if "." in source else f"{source}.Out"
        (src, out), (dst, inp) = source.split(".", 1), target.split(".", 1)
        (graph or self.graph).add_link(Link(src, out, dst, inp))

    def then(self, source: str, *node_ids: str, graph: Graph | None = None) -> str:
        """Pulse links from `source` ("a.Out", or "a" for its Out) through `node_ids`; returns the last id."""
        for node_id in node_ids:
            self.link(source, f"{node_id}.In", graph)
            source = f"{node_id}.Out"
        return node_ids[-1] if node_ids else source.split(".")[0]

    def log(self, after: str, name: str, *values: str, graph: Graph | None = None) -> str:
        """A Console node named `name` after pulse socket `after`, printing the data outputs `values`."""
        self._ids += 1
        console = self.node(name, "logic.console", graph)
        if values:
            fmt = self.node(f"fmt{self._ids}", "logic.format_string", graph,
                            Template="|".join(f"{{{i + 1}}}" for i in range(len(values))))
            for index, value in enumerate(values):
                self.link(value, f"{fmt}.Value {index + 1}", graph)
            self.link(f"{fmt}.Result", f"{console}.Value", graph)
        else:  # a bare Console prints its own name
            (graph or self.graph).nodes[console].attributes["Value"] = name
        self.link(after, f"{console}.In", graph)
        return console

    def variable(self, name: str, data_type: DataType, default: Any) -> None:
        self.project.variables.append(Variable(name, data_type, default))

    def socketio(self, prefix: str, config: str, *kinds: str, **attributes: Any) -> dict[str, str]:
        """Socket.IO nodes of one configuration: ``socketio("a", "main", "start", "on_start")`` ->
        ids ``a_start``, ``a_on_start``."""
        return {kind: self.node(f"{prefix}_{kind}", f"socketio.{kind}", Configuration=config,
                                **attributes.get(kind, {})) for kind in kinds}


class Running:
    """Runs a project (``async with Running(project) as run``); stops it on exit."""

    def __init__(self, project: Project, **engine_args: Any) -> None:
        self.engine = Engine(project, **engine_args)
        self.records: list[ConsoleRecord] = []
        self.engine.console.connect(self.records.append)

    async def __aenter__(self) -> Running:
        await self.engine.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.engine.stop()

    def lines(self, name: str) -> list[str]:
        """What Console node `name` printed, in order."""
        return [r.message for r in self.records if r.level == "info" and r.node_name == name]

    def problems(self, level: str | None = None) -> list[ConsoleRecord]:
        return [r for r in self.records if r.level != "info" and (level is None or r.level == level)]

    def connection(self, name: str) -> Any:
        return self.engine.services["socketio"].connections[name]

    async def until(self, condition: Callable[[], bool], what: str, timeout: float = TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                shown = "\n  ".join(str(r) for r in self.records[-15:])
                raise AssertionError(f"timed out after {timeout} s waiting for {what}; console:\n  {shown}")
            await asyncio.sleep(0.005)

    async def printed(self, name: str, count: int = 1, timeout: float = TIMEOUT) -> list[str]:
        await self.until(lambda: len(self.lines(name)) >= count, f"{count} line(s) from {name!r}", timeout)
        return self.lines(name)

    async def finished(self, timeout: float = TIMEOUT) -> int:
        """Waits until the run ends by itself; fails if it does not."""
        await self.until(lambda: self.engine.stopped, "the run to end by itself", timeout)
        return await self.engine.finished()


def other_tasks() -> list[asyncio.Task[Any]]:
    return [t for t in asyncio.all_tasks() if t is not asyncio.current_task() and not t.done()]


async def settle_tasks(timeout: float = 2.0) -> list[asyncio.Task[Any]]:
    """Gives finishing tasks a moment; returns those still pending after `timeout`."""
    deadline = time.monotonic() + timeout
    while other_tasks() and time.monotonic() < deadline:
        await asyncio.sleep(0.01)
    return other_tasks()


class LoopErrors:
    """Collects what reaches the event loop's exception handler (e.g. aiohttp's "Unclosed client session").

    ``async with LoopErrors() as errors: ...`` then ``errors.messages`` (gc runs on exit, so that
    objects dropped without being closed report themselves).
    """

    def __init__(self) -> None:
        self.messages: list[str] = []

    async def __aenter__(self) -> LoopErrors:
        loop = asyncio.get_running_loop()
        self._previous = loop.get_exception_handler()
        loop.set_exception_handler(lambda _loop, context: self.messages.append(str(context.get("message"))))
        return self

    async def __aexit__(self, *exc: object) -> None:
        gc.collect()
        await asyncio.sleep(0.01)
        asyncio.get_running_loop().set_exception_handler(self._previous)


def open_http_sessions() -> list[aiohttp.ClientSession]:
    """aiohttp sessions still open (python-socketio leaves one after a failed WebSocket connect)."""
    gc.collect()
    return [o for o in gc.get_objects() if isinstance(o, aiohttp.ClientSession) and not o.closed]
