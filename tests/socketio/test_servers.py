"""The two test servers (python-socketio and Node.js) honour the same echo protocol.

Every client test in the suite relies on these behaviours, so they are checked here
with a bare python-socketio AsyncClient, against both servers. One server per kind serves
the whole module (``shared_sio_server``) except for the test that kills its own.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest
import socketio
from sio_servers import SioServer

TIMEOUT = 5.0


class Recorder:
    """A client that records every event it receives, for any namespace."""

    def __init__(self, **client_options: Any) -> None:
        options: dict[str, Any] = {"reconnection": False, "handle_sigint": False}
        options.update(client_options)
        self.client = socketio.AsyncClient(**options)
        self.events: list[tuple[str, str, tuple[Any, ...]]] = []
        self.disconnects: list[tuple[str, str]] = []
        self.connect_errors: list[tuple[str, Any]] = []
        self.connects: list[str] = []
        self.client.on("*", self._on_any, namespace="*")
        self.client.on("connect", self._on_connect, namespace="*")
        self.client.on("disconnect", self._on_disconnect, namespace="*")
        self.client.on("connect_error", self._on_connect_error, namespace="*")

    async def _on_any(self, event: str, namespace: str, *args: Any) -> None:
        self.events.append((namespace, event, args))

    async def _on_connect(self, namespace: str) -> None:
        self.connects.append(namespace)

    async def _on_disconnect(self, namespace: str, reason: str) -> None:
        self.disconnects.append((namespace, reason))

    async def _on_connect_error(self, namespace: str, data: Any) -> None:
        self.connect_errors.append((namespace, data))

    async def connect(self, server: SioServer, namespaces: list[str] | None = None, **kwargs: Any) -> None:
        await self.client.connect(
            server.url,
            namespaces=namespaces or ["/"],
            transports=["websocket"],
            wait_timeout=TIMEOUT,
            **kwargs,
        )

    def received(self, event: str, namespace: str = "/") -> list[tuple[Any, ...]]:
        return [args for ns, ev, args in self.events if ns == namespace and ev == event]

    async def until(self, condition: Callable[[], bool], what: str) -> None:
        deadline = time.monotonic() + TIMEOUT
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}; events: {self.events[-10:]}")
            await asyncio.sleep(0.005)

    async def wait_event(self, event: str, namespace: str = "/", count: int = 1) -> list[tuple[Any, ...]]:
        await self.until(lambda: len(self.received(event, namespace)) >= count, f"{count} x {event!r}")
        return self.received(event, namespace)


@pytest.fixture
async def recorder() -> AsyncIterator[Callable[..., Recorder]]:
    """Factory of recording clients, all disconnected after the test."""
    made: list[Recorder] = []

    def make(**options: Any) -> Recorder:
        made.append(Recorder(**options))
        return made[-1]

    yield make
    for rec in made:
        await rec.client.shutdown()


Factory = Callable[..., Recorder]


async def connected(recorder: Factory, server: SioServer, *namespaces: str, **kwargs: Any) -> Recorder:
    rec = recorder()
    await rec.connect(server, list(namespaces) or None, **kwargs)
    return rec


PAYLOADS = [{"a": 1, "nested": [1, "two", None]}, "text", [1, 2, 3], 42, 2.5, None, True, ""]


async def test_echo_returns_same_payload(shared_sio_server: SioServer, recorder: Factory) -> None:
    rec = await connected(recorder, shared_sio_server)
    for payload in PAYLOADS:
        # (payload,): python-socketio sends emit(event, None) as *no* argument; a 1-tuple is one argument.
        await rec.client.emit("echo", (payload,))
        # The same event with an ack: the ack carries the payload too.
        assert await rec.client.call("echo", (payload,), timeout=TIMEOUT) == payload
    received = await rec.wait_event("echo", count=2 * len(PAYLOADS))
    assert received == [(p,) for p in PAYLOADS for _ in range(2)]  # one client's events keep their order


async def test_any_other_event_is_echoed_under_its_own_name(shared_sio_server: SioServer, recorder: Factory) -> None:
    rec = await connected(recorder, shared_sio_server)
    await rec.client.emit("sensor.reading", {"value": 3.5})
    await rec.client.emit("several", ("a", 2, {"b": None}))  # a tuple is sent as three arguments
    await rec.client.emit("nothing")
    assert await rec.wait_event("sensor.reading") == [({"value": 3.5},)]
    assert await rec.wait_event("several") == [("a", 2, {"b": None})]
    assert await rec.wait_event("nothing") == [()]
    line = shared_sio_server.wait_for_output(lambda line: line.startswith("RECV / sensor.reading"))
    assert line == 'RECV / sensor.reading {"value":3.5}'


async def test_flood_sends_count_events(shared_sio_server: SioServer, recorder: Factory) -> None:
    rec = await connected(recorder, shared_sio_server)
    ack = await rec.client.call("flood", {"event": "tick", "count": 500}, timeout=TIMEOUT)
    assert ack == {"sent": 500}
    received = await rec.wait_event("tick", count=500)
    assert sorted(args[0] for args in received) == list(range(500))  # no payload key: the index
    await rec.client.emit("flood", {"event": "same", "count": 3, "payload": {"x": 1}})
    assert await rec.wait_event("same", count=3) == [({"x": 1},)] * 3
    assert len(rec.received("tick")) == 500  # and not one more: "same" came after every tick
    await rec.client.emit("flood", {"count": "many"})
    (error,) = await rec.wait_event("exception")
    assert error[0]["message"].startswith("flood expects")


async def test_telemetry_sends_the_scripted_readings_as_json_text(shared_sio_server: SioServer,
                                                                   recorder: Factory) -> None:
    from runtime.plugins.socketio.echo_server import telemetry_sample

    rec = await connected(recorder, shared_sio_server)
    ack = await rec.client.call("telemetry", {"count": 10, "interval_ms": 5}, timeout=TIMEOUT)
    assert ack == {"sent": 10}
    readings = await rec.wait_event("telemetry", count=10)
    assert readings == [(telemetry_sample(seq),) for seq in range(1, 11)]
    assert readings[0] == ('{"seq":1,"state":"idle","engine":{"temperature":62,"rpm":800},"alerts":[]}',)
    assert readings[4] == ('{"seq":5,"state":"overheat","engine":{"temperature":91,"rpm":3600},'
                           '"alerts":["overheat"]}',)
    await rec.client.emit("telemetry", {"count": -1})
    (problem,) = await rec.wait_event("exception")
    assert problem[0]["message"].startswith('telemetry expects {"count": int 0..10000')


async def test_kick_disconnects_the_client(shared_sio_server: SioServer, recorder: Factory) -> None:
    rec = await connected(recorder, shared_sio_server)
    assert await rec.client.call("kick", timeout=TIMEOUT) == {"kicked": True}
    await rec.until(lambda: rec.disconnects, "disconnect")
    assert rec.disconnects == [("/", socketio.AsyncClient.reason.SERVER_DISCONNECT)]
    assert not rec.client.connected


async def test_kick_one_namespace_keeps_the_others(shared_sio_server: SioServer, recorder: Factory) -> None:
    rec = await connected(recorder, shared_sio_server, "/", "/chat")
    await rec.client.emit("kick", namespace="/chat")
    await rec.until(lambda: rec.disconnects, "disconnect")
    assert rec.disconnects == [("/chat", socketio.AsyncClient.reason.SERVER_DISCONNECT)]
    assert await rec.client.call("echo", "still here", timeout=TIMEOUT) == "still here"


async def test_kick_with_close_drops_the_connection(shared_sio_server: SioServer, recorder: Factory) -> None:
    rec = await connected(recorder, shared_sio_server, "/", "/chat")
    await rec.client.emit("kick", {"close": True}, namespace="/chat")
    await rec.until(lambda: len(rec.disconnects) == 2, "two disconnects")
    assert sorted(ns for ns, _ in rec.disconnects) == ["/", "/chat"]
    await rec.until(lambda: not rec.client.connected, "client disconnected")


async def test_whoami_reports_sid_auth_and_namespace(shared_sio_server: SioServer, recorder: Factory) -> None:
    with_auth = await connected(recorder, shared_sio_server, "/chat", auth={"token": "abc", "n": 1})
    without_auth = await connected(recorder, shared_sio_server, "/chat")
    for rec, expected in ((with_auth, {"token": "abc", "n": 1}), (without_auth, None)):
        await rec.client.emit("whoami", namespace="/chat")
        ((info,),) = await rec.wait_event("whoami", "/chat")
        assert info == {"sid": rec.client.get_sid("/chat"), "auth": expected, "namespace": "/chat"}
    assert await without_auth.client.call("whoami", namespace="/chat", timeout=TIMEOUT) == info


async def test_chat_and_room_namespaces_are_served_separately(shared_sio_server: SioServer, recorder: Factory) -> None:
    rec = await connected(recorder, shared_sio_server, "/chat", "/room-42")
    await rec.client.emit("msg", "to chat", namespace="/chat")
    await rec.client.emit("msg", "to room", namespace="/room-42")
    assert await rec.wait_event("msg", "/chat") == [("to chat",)]
    assert await rec.wait_event("msg", "/room-42") == [("to room",)]
    assert rec.received("msg", "/") == []


async def test_refused_namespaces(shared_sio_server: SioServer, recorder: Factory) -> None:
    for namespace, message in (("/forbidden", "forbidden namespace"), ("/elsewhere", "Invalid namespace")):
        rec = recorder()
        with pytest.raises(socketio.exceptions.ConnectionError, match="failed to connect"):
            await rec.connect(shared_sio_server, ["/", namespace])
        assert rec.connect_errors == [(namespace, {"message": message})]


async def test_server_error_arrives_as_exception_event(shared_sio_server: SioServer, recorder: Factory) -> None:
    rec = await connected(recorder, shared_sio_server)
    await rec.client.emit("server_error", {"message": "boom"})
    await rec.client.emit("server_error")
    assert await rec.wait_event("exception", count=2) == [
        ({"message": "boom"},),
        ({"message": "server_error requested"},),
    ]


async def test_killed_server_is_noticed_and_restart_allows_reconnect(sio_server: SioServer, recorder: Factory) -> None:
    rec = recorder(reconnection=True, reconnection_delay=0.05, reconnection_delay_max=0.2, randomization_factor=0)
    await rec.connect(sio_server)
    sio_server.kill()
    await rec.until(lambda: rec.disconnects, "disconnect after SIGKILL")
    assert rec.disconnects == [("/", "transport error")]
    sio_server.restart()
    await rec.until(lambda: rec.connects == ["/", "/"], "reconnection")
    assert await rec.client.call("echo", "back", timeout=TIMEOUT) == "back"
