"""Socket.IO plugin benchmark: the graph against a plain python-socketio AsyncClient, side by side.

Prints (does not assert), per server (Node.js socket.io if installed, and python-socketio):
  (a) echo round trips per second: On Socket.IO Receive -> Send back, vs a plain client doing the same;
  (b) pipelined messages per second received through On Socket.IO Receive, vs the plain client;
  (c) Start -> On Socket.IO Start and Stop -> On Socket.IO Stop latency (p50, p99), vs the plain
      client's connect() and disconnect().
Graph and plain runs alternate, several rounds, and the median is shown: the machine is noisy.
Targets: graph throughput >= 0.9x plain; added latency < 1 ms at p50.

Usage: .venv/bin/python bench/socketio.py [--quick] [--server node|python|both] [--no-inline]
(--no-inline: received events each in a task of their own, as stock python-engineio does).
"""

from __future__ import annotations

import sys
from pathlib import Path

import _paths  # noqa: F401 - first: this file's own name must not hide the socketio package

sys.path.insert(1, str(Path(__file__).resolve().parents[1] / "tests"))  # the server fixtures

import argparse
import asyncio
import statistics
import time
from collections.abc import Awaitable, Callable
from importlib.metadata import version
from typing import Any

import socketio
from sio_servers import SioServer, node_server_available, start_sio_server

from runtime.engine.engine import Engine
from runtime.model import Link, Node, Project, Variable
from runtime.plugins.socketio.settings import SECTION
from runtime.registry import default_registry
from runtime.types import DataType

CONFIG = {"Configuration": "bench"}


# --- building graphs ------------------------------------------------------------------------------

class _Graph:
    def __init__(self, server: SioServer, **fields: Any) -> None:
        self.project = Project.new("bench")
        entry = SECTION.new_entry("bench")
        entry.update(url=f"http://{server.host}", port=server.port, inbox_size=1_000_000, **fields)
        self.project.settings["socketio"] = {"entries": [entry]}
        self.graph = self.project.project_graph

    def node(self, node_id: str, type_id: str, **attributes: Any) -> None:
        values = default_registry().spec(type_id).default_attributes()
        values.update(attributes)
        self.graph.add_node(Node(node_id, type_id, node_id, attributes=values))

    def link(self, source: str, target: str) -> None:
        (a, out), (b, inp) = source.split("."), target.split(".")
        self.graph.add_link(Link(a, out, b, inp))

    def counter(self, name: str) -> None:
        """Nodes get_<name> -> add_<name> -> set_<name>: Set Variable `name` = `name` + 1."""
        self.project.variables.append(Variable(name, DataType.INT, 0))
        self.node(f"get_{name}", "logic.get_variable", Variable=name)
        self.node(f"add_{name}", "logic.add", Type="Int", B=1)
        self.node(f"set_{name}", "logic.set_variable", Variable=name)
        self.link(f"get_{name}.Value", f"add_{name}.A")
        self.link(f"add_{name}.Result", f"set_{name}.Value")


def _echo_graph(server: SioServer) -> Project:
    """On Start -> Subscribe + Send; On Receive -> count -> Send the message back."""
    g = _Graph(server)
    g.node("go", "logic.on_project_start")
    g.node("start", "socketio.start", **CONFIG)
    g.node("up", "socketio.on_start", **CONFIG)
    g.node("sub", "socketio.subscribe", **CONFIG, **{"Event Name": "echo"})
    g.node("first", "socketio.send", **CONFIG, **{"Event Name": "echo", "Message": "ping"})
    g.node("recv", "socketio.on_receive", **CONFIG)
    g.node("back", "socketio.send", **CONFIG, **{"Event Name": "echo"})
    g.counter("n")
    for a, b in (("go", "start"), ("up", "sub"), ("sub", "first"), ("recv", "set_n"), ("set_n", "back")):
        g.link(f"{a}.Out", f"{b}.In")
    g.link("recv.Message", "back.Message")
    return g.project


def _flood_graph(server: SioServer, count: int) -> Project:
    """On Start -> Subscribe "tick" -> ask for `count` ticks; On Receive -> count."""
    g = _Graph(server)
    g.node("go", "logic.on_project_start")
    g.node("start", "socketio.start", **CONFIG)
    g.node("up", "socketio.on_start", **CONFIG)
    g.node("sub", "socketio.subscribe", **CONFIG, **{"Event Name": "tick"})
    g.node("ask", "socketio.send", **CONFIG, **{
        "Event Name": "flood", "Message Type": "Dictionary", "Message": {"event": "tick", "count": count}})
    g.node("recv", "socketio.on_receive", **CONFIG)
    g.counter("n")
    for a, b in (("go", "start"), ("up", "sub"), ("sub", "ask"), ("recv", "set_n")):
        g.link(f"{a}.Out", f"{b}.In")
    return g.project


def _cycle_graph(server: SioServer) -> Project:
    """Custom events "start" / "stop" run Start / Stop; On Start / On Stop print (the harness times them)."""
    g = _Graph(server, reconnection=False)
    g.node("go", "logic.on_project_start")
    g.node("stay", "logic.delay", Seconds=3600.0)  # keeps the run alive while the connection is down
    g.link("go.Out", "stay.In")
    for what in ("start", "stop"):
        g.node(f"when_{what}", "logic.custom_event_listener", Event=what)
        g.node(what, f"socketio.{what}", **CONFIG)
        g.node(f"on_{what}", f"socketio.on_{what}", **CONFIG)
        g.node(f"say_{what}", "logic.console", Value=what)
        g.link(f"when_{what}.Out", f"{what}.In")
        g.link(f"on_{what}.Out", f"say_{what}.In")
    return g.project


# --- measuring ----------------------------------------------------------------------------------

def _plain_client() -> socketio.AsyncClient:
    return socketio.AsyncClient(reconnection=False, handle_sigint=False)


async def _connect(client: socketio.AsyncClient, server: SioServer) -> None:
    await client.connect(server.url, transports=["websocket"], wait_timeout=5)


async def _rate(counter: Callable[[], int], seconds: float) -> float:
    await asyncio.sleep(0.2)  # warm up
    first, began = counter(), time.perf_counter()
    await asyncio.sleep(seconds)
    return (counter() - first) / (time.perf_counter() - began)


async def graph_echo(server: SioServer, seconds: float) -> float:
    engine = Engine(_echo_graph(server))
    await engine.start()
    try:
        return await _rate(lambda: engine.variables.values["n"], seconds)
    finally:
        await engine.stop()


async def plain_echo(server: SioServer, seconds: float) -> float:
    client, count = _plain_client(), 0

    async def on_echo(message: Any) -> None:
        nonlocal count
        count += 1
        if client.connected:  # not once disconnect() has begun
            await client.emit("echo", message)

    client.on("echo", on_echo)
    await _connect(client, server)
    await client.emit("echo", "ping")
    try:
        return await _rate(lambda: count, seconds)
    finally:
        await client.disconnect()


async def _until(condition: Callable[[], bool], timeout: float = 120.0) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the server stopped answering")
        await asyncio.sleep(0.0005)


async def graph_flood(server: SioServer, count: int) -> float:
    engine = Engine(_flood_graph(server, count))
    values = engine.variables.values
    began = time.perf_counter()
    await engine.start()
    try:
        await _until(lambda: values["n"] > 0)
        began = time.perf_counter()
        first = values["n"]
        await _until(lambda: values["n"] >= count)
        return (count - first) / (time.perf_counter() - began)
    finally:
        await engine.stop()


async def plain_flood(server: SioServer, count: int) -> float:
    client, received = _plain_client(), 0

    def on_tick(value: Any) -> None:
        nonlocal received
        received += 1

    client.on("tick", on_tick)
    await _connect(client, server)
    try:
        await client.emit("flood", {"event": "tick", "count": count})
        await _until(lambda: received > 0)
        began, first = time.perf_counter(), received
        await _until(lambda: received >= count)
        return (count - first) / (time.perf_counter() - began)
    finally:
        await client.disconnect()


async def cycles(server: SioServer, count: int) -> dict[str, list[float]]:
    """Start -> On Start and Stop -> On Stop through the graph, and the plain client's connect() and
    disconnect(), one cycle of each in turn (ms); the plain client is reused, the graph makes a client
    per Start, so that the figures include everything the plugin adds."""
    engine = Engine(_cycle_graph(server))
    seen: dict[str, float] = {}
    arrived = asyncio.Event()

    def on_record(record: Any) -> None:  # On Start / On Stop printed: stamp it here, not when polled
        seen[record.message] = time.perf_counter()
        arrived.set()

    engine.console.connect(on_record)
    client = _plain_client()
    times: dict[str, list[float]] = {"graph up": [], "graph down": [], "plain up": [], "plain down": []}
    await engine.start()
    try:
        for _ in range(count):
            for what in ("start", "stop"):
                seen.clear()
                arrived.clear()
                began = time.perf_counter()
                engine.emit(("custom", what))
                await asyncio.wait_for(arrived.wait(), 10)
                times["graph up" if what == "start" else "graph down"].append((seen[what] - began) * 1000)
            began = time.perf_counter()
            await _connect(client, server)
            times["plain up"].append((time.perf_counter() - began) * 1000)
            began = time.perf_counter()
            await client.disconnect()
            times["plain down"].append((time.perf_counter() - began) * 1000)
    finally:
        await engine.stop()
    return times


# --- reporting ----------------------------------------------------------------------------------

def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


async def _rounds(rounds: int, graph: Callable[[], Awaitable[Any]], plain: Callable[[], Awaitable[Any]]):
    graphs, plains = [], []
    for _ in range(rounds):  # alternate, so that load from elsewhere hits both alike
        graphs.append(await graph())
        plains.append(await plain())
    return graphs, plains


async def bench(server: SioServer, quick: bool) -> None:
    rounds = 2 if quick else 6
    seconds = 1.0
    flood = (5_000 if quick else 10_000) if server.kind == "node" else (2_000 if quick else 4_000)
    count = 50 if quick else 300
    print(f"\n== {server.kind} server ({server.url}), median of {rounds} alternating rounds ==")

    g, p = await _rounds(rounds, lambda: graph_echo(server, seconds), lambda: plain_echo(server, seconds))
    _throughput("(a) echo round trips/s", g, p)
    g, p = await _rounds(rounds, lambda: graph_flood(server, flood), lambda: plain_flood(server, flood))
    _throughput(f"(b) pipelined msgs/s ({flood})", g, p)

    times = await cycles(server, count)
    _latency("(c) Start -> On Start vs connect()", times["graph up"], times["plain up"])
    _latency("(c) Stop -> On Stop vs disconnect()", times["graph down"], times["plain down"])
    cost = await receive_cost(server)
    print(f"(d) in-process cost of one received event, On Receive -> Set Variable (no network): {cost:.1f} µs")


async def receive_cost(server: SioServer, count: int = 50_000) -> float:
    """What the plugin and the graph add per received event, measured without the network's noise."""
    g = _Graph(server)
    g.node("go", "logic.on_project_start")
    g.node("start", "socketio.start", **CONFIG)
    g.node("recv", "socketio.on_receive", **CONFIG)
    g.counter("n")
    g.link("go.Out", "start.In")
    g.link("recv.Out", "set_n.In")
    engine = Engine(g.project)
    await engine.start()
    try:
        connection = engine.services["socketio"].connections["bench"]
        await _until(lambda: connection.client is not None and connection.client.connected, 10)
        connection.subscriptions.add(("/", "bench"))
        began = time.perf_counter()
        handler = connection.client.handlers["*"]["*"]  # what python-socketio calls for each event
        for _ in range(count):
            handler("bench", "/", "payload")
        return (time.perf_counter() - began) / count * 1e6
    finally:
        await engine.stop()


def _throughput(what: str, graph: list[float], plain: list[float]) -> None:
    g, p = statistics.median(graph), statistics.median(plain)
    verdict = "meets" if g >= 0.9 * p else "MISSES"
    print(f"{what:34} graph {g:9.0f}   plain {p:9.0f}   ratio {g / p:5.2f}x  ({verdict} target >= 0.9x)")


def _latency(what: str, graph: list[float], plain: list[float]) -> None:
    g50, g99, p50, p99 = _pct(graph, 50), _pct(graph, 99), _pct(plain, 50), _pct(plain, 99)
    added = g50 - p50
    verdict = "meets" if added < 1.0 else "MISSES"
    print(f"{what:34} graph p50 {g50:6.2f} p99 {g99:6.2f} ms   plain p50 {p50:6.2f} p99 {p99:6.2f} ms   "
          f"added p50 {added:+.2f} ms  ({verdict} target < 1 ms)")


async def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="shorter runs (a smoke test of the bench)")
    parser.add_argument("--server", choices=("node", "python", "both"), default="both")
    parser.add_argument("--no-inline", action="store_true", help="handle received events in a task each")
    args = parser.parse_args(argv)
    if args.no_inline:
        from runtime.plugins.socketio import client

        client.INLINE_EVENTS = False
        print("received events handled in a task each (INLINE_EVENTS off)")
    kinds = ["node", "python"] if args.server == "both" else [args.server]
    if "node" in kinds and not node_server_available():
        print("Node.js server not installed (cd tests/node_server && npm ci): skipping it")
        kinds.remove("node")
    print(f"Python {sys.version.split()[0]}, python-socketio {version('python-socketio')}, "
          f"python-engineio {version('python-engineio')}, aiohttp {version('aiohttp')}")
    for kind in kinds:
        with start_sio_server(kind, quiet=True) as server:
            await bench(server, args.quick)


if __name__ == "__main__":
    asyncio.run(main())
