"""Received events: arrival order kept when the logic waits, bounded memory under a flood, late heartbeats."""

from __future__ import annotations

import asyncio
import json
import re
import time

import pytest
from aiohttp import web
from sio_logic import Logic, Running

from runtime.types import DataType

FLOOD = 100_000


def _flood_logic(server, count: int, **fields) -> Logic:
    """Start, subscribe to "tick", ask the server for `count` ticks (payload 0..count-1)."""
    b = Logic()
    b.connection("main", server, **fields)
    b.node("ps", "logic.on_project_start")
    n = b.socketio("r", "main", "start", "on_start", "subscribe", "send", "on_receive", "on_stop", "on_error",
                   subscribe={"Event Name": "tick"},
                   send={"Event Name": "flood", "Message Type": "Dictionary",
                         "Message": {"event": "tick", "count": count}})
    b.then("ps", n["start"])
    b.then("r_on_start", n["subscribe"], n["send"])
    return b


async def test_arrival_order_is_kept_when_the_receive_branch_waits(shared_sio_server):
    # Earlier messages wait longer (Delay = (count - n) ms): without ordering they would finish last.
    count = 40
    b = _flood_logic(shared_sio_server, count)
    b.node("n", "logic.parse_number", Type="Int")
    b.node("left", "logic.subtract", Type="Int", A=count)
    b.node("float", "logic.to_float")
    b.node("ms", "logic.multiply", Type="Float", B=0.001)
    b.node("wait", "logic.delay")
    b.link("r_on_receive.Message", "n.Text")
    b.link("n.Number", "left.B")
    b.link("left.Result", "float.Value")
    b.link("float.Result", "ms.A")
    b.link("ms.Result", "wait.Seconds")
    b.then("r_on_receive", "wait")
    b.log("wait", "received", "r_on_receive.Message")
    # Then the server drops us: On Socket.IO Stop must come after every message received before.
    b.node("kick", "socketio.send", Configuration="main", **{
        "Event Name": "kick", "Message Type": "Dictionary", "Message": {"close": True}})
    b.then("r_send", "kick")
    b.log("r_on_stop", "stopped")
    async with Running(b.project) as run:
        assert await run.finished() == 0
    printed = [r.message for r in run.records if r.node_name in ("received", "stopped")]
    assert printed == [str(i) for i in range(count)] + ["stopped"]


def _rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4096 / 2**20


def _overflow_reports(run: Running) -> int:
    """The received events that On Socket.IO Error reported dropped, all reports added up."""
    found = (re.match(r"inbox overflow: (\d+) received events dropped", line) for line in run.lines("error"))
    return sum(int(match.group(1)) for match in found if match)


def _counting_flood(server, count: int, size: int, **fields) -> Logic:
    """A flood into logic far slower than the wire (20 ms per event): the inbox of `size` fills up."""
    b = _flood_logic(server, count, inbox_size=size, reconnection=False, **fields)
    b.variable("received", DataType.INT, 0)
    b.variable("last", DataType.STRING, "")
    b.node("wait", "logic.delay", Seconds=0.02)
    b.node("get", "logic.get_variable", Variable="received")
    b.node("add", "logic.add", Type="Int", B=1)
    b.node("count", "logic.set_variable", Variable="received")
    b.node("keep", "logic.set_variable", Variable="last")
    b.link("get.Value", "add.A")
    b.link("add.Result", "count.Value")
    b.link("r_on_receive.Message", "keep.Value")
    b.then("r_on_receive", "wait", "count", "keep")
    b.log("r_on_error", "error", "r_on_error.Message")
    b.log("r_on_stop", "stopped")
    return b


@pytest.mark.timeout(120)
async def test_a_flood_keeps_the_inbox_bounded_and_counts_every_dropped_event(sio_server):
    # Small enough to arrive well within the servers' heartbeat (pingInterval + pingTimeout = 45 s) even on a
    # loaded machine: the connection stays up, every event arrives, each is handled or reported dropped.
    count, size = 3_000, 100
    b = _counting_flood(sio_server, count, size)
    rss_before = _rss_mb()
    async with Running(b.project) as run:
        values = run.engine.variables.values
        inbox = run.connection("main").inbox
        longest, rss_peak = 0, rss_before
        deadline = time.monotonic() + 100
        while values["last"] != str(count - 1):
            longest = max(longest, sum(1 for *_, message in inbox.queue if message))  # On Stop is not one
            rss_peak = max(rss_peak, _rss_mb())
            assert time.monotonic() < deadline, f"stuck: {values}, {run.lines('stopped')}"
            await asyncio.sleep(0.002)
        await run.until(lambda: values["received"] + _overflow_reports(run) == count, "the last overflow report")
        assert run.lines("stopped") == []  # the connection stayed up
    dropped = _overflow_reports(run)
    assert values["received"] + dropped == count
    assert values["received"] >= size and dropped > count // 2  # the slow logic took the inbox's worth, at least
    assert longest <= size
    assert rss_peak - rss_before < 20, f"memory grew by {rss_peak - rss_before:.0f} MB"


@pytest.mark.timeout(120)
async def test_a_connection_dropped_during_a_flood_is_reported_once_after_every_event_it_brought(sio_server):
    # The server dies while the flood is still coming in: On Socket.IO Stop fires exactly once, after the
    # last event that arrived, and every arrived event is handled or reported dropped.
    b = _counting_flood(sio_server, FLOOD, 100)
    async with Running(b.project) as run:
        values = run.engine.variables.values
        await run.until(lambda: values["received"] >= 10, "the flood to arrive")
        sio_server.kill()
        await run.printed("stopped", timeout=30)
        # On Stop comes after every event received before the drop, so `last` is final here.
        arrived = int(values["last"]) + 1  # in order, and the newest event is never the one dropped
        await run.until(lambda: values["received"] + _overflow_reports(run) == arrived, "the last overflow report")
        await asyncio.sleep(0.2)  # nothing may come after On Stop: give a wrong second report the time to show
    assert run.lines("stopped") == ["stopped"]
    assert 10 <= arrived < FLOOD
    assert values["received"] + _overflow_reports(run) == arrived


class _LatePingServer:
    """A minimal Engine.IO 4 / Socket.IO 5 server (aiohttp, WebSocket only) that pings late on purpose.

    A real server queues its heartbeat PING behind everything it sent before, so a client that
    reads a long burst more slowly than the server writes it (a loaded machine) gets the PING late,
    long after pingInterval. Neither real server does that on demand; this one streams ``tick``
    events for `stream` seconds, then sends the PING, then says nothing more (and closes nothing).
    """

    def __init__(self, ping_interval: float, ping_timeout: float, stream: float, every: float = 0.05) -> None:
        self.ping_interval, self.ping_timeout, self.stream, self.every = ping_interval, ping_timeout, stream, every
        self.host, self.port = "127.0.0.1", 0
        self.sent = 0
        self.received: list[str] = []  # what the client sent after joining "/"
        self.silent_since: float | None = None  # loop time of the PING, after which the server is silent

    async def __aenter__(self) -> _LatePingServer:
        app = web.Application()
        app.router.add_get("/socket.io/", self._serve)
        self._runner = web.AppRunner(app, handle_signals=False, shutdown_timeout=1.0)
        await self._runner.setup()
        await web.TCPSite(self._runner, self.host, 0).start()
        self.port = self._runner.addresses[0][1]
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._runner.cleanup()

    async def _serve(self, request: web.Request) -> web.WebSocketResponse:
        loop = asyncio.get_running_loop()
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        await ws.send_str("0" + json.dumps({"sid": "late-ping", "upgrades": [], "maxPayload": 1_000_000,
                                            "pingInterval": int(self.ping_interval * 1000),
                                            "pingTimeout": int(self.ping_timeout * 1000)}))
        joining = await ws.receive_str()
        assert joining.startswith("40"), joining  # Socket.IO CONNECT to "/"
        await ws.send_str('40{"sid":"late-ping-main"}')
        began = loop.time()
        try:
            while loop.time() - began < self.stream:
                await ws.send_str(f'42["tick",{self.sent}]')
                self.sent += 1
                await asyncio.sleep(self.every)
            await ws.send_str("2")  # the PING, much later than pingInterval
        except ConnectionResetError:  # the client hung up
            return ws
        self.silent_since = loop.time()
        async for message in ws:
            self.received.append(message.data)
        return ws


@pytest.mark.timeout(60)
async def test_a_late_heartbeat_during_a_burst_does_not_drop_the_connection():
    # python-engineio's client hangs up when it has had nothing to send (no PONG) for
    # max(pingInterval, pingTimeout) + 5 s, here 6 s; events keep arriving for 7 s before the PING.
    async with _LatePingServer(ping_interval=1.0, ping_timeout=1.0, stream=7.0) as server:
        b = Logic()
        b.connection("main", server, reconnection=False)
        b.node("ps", "logic.on_project_start")
        n = b.socketio("r", "main", "subscribe", "start", "on_receive", "on_stop", subscribe={"Event Name": "tick"})
        b.then("ps", n["subscribe"], n["start"])  # subscribed before the server's first tick
        b.log("r_on_receive", "tick", "r_on_receive.Message")
        b.log("r_on_stop", "stopped")
        async with Running(b.project) as run:
            await run.printed("stopped", timeout=30)
            stopped_at = asyncio.get_running_loop().time()
    assert server.silent_since is not None, f"the client hung up after {len(run.lines('tick'))} ticks"
    assert server.received[:1] == ["3"], server.received  # the late PING was answered: the connection was up
    assert server.sent > 100 and run.lines("tick") == [str(i) for i in range(server.sent)]
    # Then the silent server is still noticed, by the read loop (nothing for pingInterval + pingTimeout),
    # not only once the write loop would give up.
    assert stopped_at - server.silent_since < 5.0
    assert not run.problems("error"), run.problems("error")
