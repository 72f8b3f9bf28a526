"""The in-process echo server API the editor's test-server panel uses: observer, clients, send, echo off."""

from __future__ import annotations

import asyncio

import socketio

from runtime.plugins.socketio.echo_server import EchoServer, ServerActivity


async def test_observer_sees_connections_and_events_and_send_reaches_clients():
    seen: list[ServerActivity] = []
    server = EchoServer(observer=seen.append, echo=False)
    await server.start()
    client = socketio.AsyncClient(reconnection=False, handle_sigint=False)
    got: asyncio.Queue = asyncio.Queue()
    client.on("hello", lambda data: got.put_nowait(data))
    client.on("ping", lambda data: got.put_nowait(("echoed", data)))
    try:
        await client.connect(server.url, transports=["websocket"], auth={"token": "t"})
        await client.emit("ping", {"n": 1})
        for _ in range(100):
            if any(a.kind == "event" for a in seen):
                break
            await asyncio.sleep(0.01)
        (namespace, sid), = server.clients()
        assert namespace == "/"
        await server.send("hello", {"from": "server"}, sid=sid)
        assert await asyncio.wait_for(got.get(), 5) == {"from": "server"}
        assert got.empty(), "echo is off: ping must not come back"
    finally:
        await client.disconnect()
        await asyncio.sleep(0.05)
        await server.stop()
    kinds = [(a.kind, a.event, a.detail) for a in seen]
    assert kinds[0] == ("connect", "", {"token": "t"})
    assert ("event", "ping", {"n": 1}) in kinds
    assert kinds[-1][0] == "disconnect"
