"""Connections coming and going: server closes, server killed, reconnection, misuse, many cycles, clean stops."""

from __future__ import annotations

import asyncio
import os
import time

from sio_logic import Logic, LoopErrors, Running, open_http_sessions, settle_tasks

from runtime.types import DataType


def _trigger(run: Running, event: str) -> None:
    run.engine.emit(("custom", event))


def _lifecycle_logic(server, **fields) -> Logic:
    """Start on project start; prints started / stopped / error; Custom Event "stop" runs a Stop."""
    b = Logic()
    b.connection("main", server, **fields)
    b.node("ps", "logic.on_project_start")
    n = b.socketio("r", "main", "start", "on_start", "on_stop", "on_error", "stop")
    b.then("ps", n["start"])
    b.log("r_on_start", "started")
    b.log("r_on_stop", "stopped")
    b.log("r_on_error", "error", "r_on_error.Namespace", "r_on_error.Message")
    b.node("when_stop", "logic.custom_event_listener", Event="stop")
    b.then("when_stop", n["stop"])
    return b


def _kick(b: Logic, event: str, close: bool, namespace: str = "/") -> None:
    """Custom Event `event` makes the server drop us: the whole connection, or only `namespace`."""
    b.node(f"when_{event}", "logic.custom_event_listener", Event=event)
    b.node(f"send_{event}", "socketio.send", Configuration="main", **{
        "Event Name": "kick", "Namespace": namespace, "Message Type": "Dictionary", "Message": {"close": close}})
    b.then(f"when_{event}", f"send_{event}")


def _open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


async def test_server_closing_the_connection_fires_on_stop_and_does_not_reconnect(sio_server):
    b = _lifecycle_logic(sio_server, reconnection=True, reconnection_delay=50)
    _kick(b, "kick", close=True)
    async with Running(b.project) as run:
        await run.printed("started")
        _trigger(run, "kick")
        assert await run.finished(timeout=5) == 0  # nothing can happen any more: the run ends by itself
    assert run.lines("started") == ["started"] and run.lines("stopped") == ["stopped"]
    assert run.problems() == []
    assert await settle_tasks() == []


async def test_server_closing_one_namespace_keeps_the_others(shared_sio_server):
    b = _lifecycle_logic(shared_sio_server, namespaces=["/", "/chat"])
    _kick(b, "kick_chat", close=False, namespace="/chat")
    b.node("when_send", "logic.custom_event_listener", Event="send chat")
    b.node("send_chat", "socketio.send", Configuration="main", **{"Event Name": "echo", "Namespace": "/chat"})
    b.then("when_send", "send_chat")
    async with Running(b.project) as run:
        await run.printed("started")
        _trigger(run, "kick_chat")
        await run.until(lambda: run.problems(), "a warning about /chat")
        assert "the server closed namespace /chat; the others stay connected" in run.problems()[0].message
        assert run.connection("main").state.value == "connected"
        _trigger(run, "send chat")
        errors = await run.printed("error")
        assert errors == ["/chat|cannot send 'echo': namespace /chat is not joined any more (the server closed it)"]
        _trigger(run, "stop")
        assert await run.finished() == 0
    assert run.lines("stopped") == ["stopped"]


async def test_server_killed_mid_session_fires_on_stop(sio_server):
    b = _lifecycle_logic(sio_server, reconnection=False)
    async with Running(b.project) as run:
        await run.printed("started")
        sio_server.kill()
        began = time.monotonic()
        await run.printed("stopped", timeout=5)
        assert time.monotonic() - began < 1.0
        assert await run.finished(timeout=5) == 0
    assert run.problems() == []
    assert await settle_tasks() == []


async def test_reconnection_fires_on_stop_then_on_start_again(sio_server):
    b = _lifecycle_logic(sio_server, reconnection=True, reconnection_delay=100, reconnection_delay_max=200)
    async with Running(b.project) as run:
        await run.printed("started")
        sio_server.kill()
        await run.printed("stopped")
        assert run.connection("main").state.value == "reconnecting"
        assert run.connection("main").busy()  # a headless run keeps waiting for it
        sio_server.start()  # same port
        await run.printed("started", 2, timeout=15)
        _trigger(run, "stop")
        assert await run.finished() == 0
    records = [r.node_name for r in run.records if r.level == "info"]
    assert records == ["started", "stopped", "started", "stopped"]
    assert run.lines("error") == []
    assert any("the connection dropped; reconnecting" in r.message for r in run.problems("warning"))
    assert await settle_tasks() == []


async def test_stop_ends_a_reconnect_loop(sio_server):
    b = _lifecycle_logic(sio_server, reconnection=True, reconnection_delay=50, reconnection_delay_max=100)
    async with Running(b.project) as run:
        await run.printed("started")
        sio_server.kill()
        await run.printed("stopped")
        await run.until(lambda: run.connection("main").state.value == "reconnecting", "reconnecting")
        _trigger(run, "stop")
        assert await run.finished(timeout=3) == 0
    assert run.lines("stopped") == ["stopped"]  # no second On Stop: it was already down
    assert run.connection("main").client is None
    assert await settle_tasks() == []


async def test_reconnection_gives_up_after_its_attempts(sio_server):
    b = _lifecycle_logic(sio_server, reconnection=True, reconnection_attempts=2, reconnection_delay=20,
                         reconnection_delay_max=20)
    async with Running(b.project) as run:
        await run.printed("started")
        sio_server.kill()
        assert await run.finished(timeout=5) == 0
    assert run.lines("error") == [f"|gave up reconnecting to http://127.0.0.1:{sio_server.port} after 2 attempts"]
    assert await settle_tasks() == []


async def test_start_while_started_stop_while_stopped_and_stop_while_connecting_are_harmless(shared_sio_server):
    b = _lifecycle_logic(shared_sio_server)
    # Before anything: Stop while stopped. Then Start, Start (still connecting), then On Start: Start again.
    b.graph.remove_link(next(k for k in b.graph.links if k.source == "ps"))
    b.node("early_stop", "socketio.stop", Configuration="main")
    b.node("start2", "socketio.start", Configuration="main")
    b.node("start3", "socketio.start", Configuration="main")
    b.then("ps", "early_stop", "r_start", "start2")
    b.then("started", "start3")
    async with Running(b.project) as run:
        await run.printed("started")
        await run.until(lambda: len(run.problems()) >= 3, "three warnings")
        _trigger(run, "stop")
        assert await run.finished() == 0
    warnings = [(r.node_id, r.message) for r in run.problems()]
    assert warnings == [
        ("early_stop", "Socket.IO 'main': Stop ignored: the connection is not started"),
        ("start2", "Socket.IO 'main': Start ignored: the connection is already still connecting"),
        ("start3", "Socket.IO 'main': Start ignored: the connection is already connected"),
    ]
    assert run.problems("error") == []
    assert run.lines("started") == ["started"] and run.lines("stopped") == ["stopped"]


async def test_stop_while_connecting_abandons_the_attempt(shared_sio_server):
    b = _lifecycle_logic(shared_sio_server)
    b.node("stop_now", "socketio.stop", Configuration="main")
    b.then("r_start", "stop_now")  # Start, and at once Stop: the connection is not up yet
    async with Running(b.project) as run:
        assert await run.finished() == 0
    assert [r.message for r in run.problems()] == [
        "Socket.IO 'main': Stop while still connecting: the connection attempt is abandoned"]
    assert run.lines("started") == [] and run.lines("stopped") == []  # never up: no On Start, no On Stop
    assert await settle_tasks() == []


async def test_stop_during_a_slow_handshake_abandons_it_cleanly():
    async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read()  # accepts TCP, never answers: the handshake hangs
        writer.close()

    server = await asyncio.start_server(silent, "127.0.0.1", 0)
    try:
        b = _lifecycle_logic(None, url="http://127.0.0.1", port=server.sockets[0].getsockname()[1])
        async with LoopErrors() as loop_errors, Running(b.project) as run:
            await run.until(lambda: run.connection("main").state.value == "still connecting", "the connect attempt")
            _trigger(run, "stop")
            assert await run.finished(timeout=3) == 0
    finally:
        server.close()
        await server.wait_closed()
    assert [r.message for r in run.problems()] == [
        "Socket.IO 'main': Stop while still connecting: the connection attempt is abandoned"]
    assert run.lines("error") == [] and run.lines("stopped") == []
    assert await settle_tasks() == []
    assert open_http_sessions() == [] and loop_errors.messages == []


async def test_stop_then_start_in_one_pulse_reconnects(shared_sio_server):
    b = _lifecycle_logic(shared_sio_server)
    b.node("once", "logic.branch")
    b.node("restart", "socketio.start", Configuration="main")
    b.node("first", "logic.compare", Type="Int", Operator="==", B=1)
    b.node("count", "logic.get_variable", Variable="starts")
    b.node("add", "logic.add", Type="Int", B=1)
    b.node("set", "logic.set_variable", Variable="starts")
    b.variable("starts", DataType.INT, 0)
    b.link("count.Value", "add.A")
    b.link("add.Result", "set.Value")
    b.link("set.Value", "first.A")
    b.link("first.Result", "once.Condition")
    b.then("started", "set", "once")
    b.link("once.True", "r_stop.In")  # the first time: Stop and, in the same pulse, Start again
    b.then("r_stop", "restart")
    b.node("final", "socketio.stop", Configuration="main")
    b.link("once.False", "final.In")
    async with Running(b.project) as run:
        assert await run.finished() == 0
    assert [r.node_name for r in run.records if r.level == "info"] == ["started", "stopped", "started", "stopped"]
    assert run.problems() == []


async def test_two_hundred_start_stop_cycles_leave_no_task_and_no_fd(shared_sio_server):
    b = _lifecycle_logic(shared_sio_server)
    b.variable("cycles", DataType.INT, 0)
    b.node("get", "logic.get_variable", Variable="cycles")
    b.node("add", "logic.add", Type="Int", B=1)
    b.node("set", "logic.set_variable", Variable="cycles")
    b.node("more", "logic.compare", Type="Int", Operator="<", B=200)
    b.node("again", "logic.branch")
    b.node("restart", "socketio.start", Configuration="main")
    b.link("get.Value", "add.A")
    b.link("add.Result", "set.Value")
    b.link("set.Value", "more.A")
    b.link("more.Result", "again.Condition")
    b.then("started", "r_stop")  # On Start -> Stop
    b.then("stopped", "set", "again")  # On Stop -> count, and Start again until 200
    b.link("again.True", "restart.In")
    await settle_tasks()
    fds_before = _open_fds()
    began = time.monotonic()
    async with LoopErrors() as loop_errors, Running(b.project) as run:
        assert await run.finished(timeout=60) == 0
    elapsed = time.monotonic() - began
    assert run.engine.variables.values["cycles"] == 200
    assert len(run.lines("started")) == 200 and len(run.lines("stopped")) == 200
    assert run.problems() == []
    assert await settle_tasks() == []
    assert open_http_sessions() == [] and loop_errors.messages == []
    assert _open_fds() <= fds_before, f"{_open_fds() - fds_before} file descriptors leaked"
    print(f"200 start/stop cycles in {elapsed:.2f} s")


async def test_stopping_the_run_in_any_state_leaves_nothing_behind(sio_server):
    async with LoopErrors() as loop_errors:
        await _stop_in_each_state(sio_server)
    assert loop_errors.messages == []


async def _stop_in_each_state(sio_server) -> None:
    fds_before = _open_fds()
    # connected
    b = _lifecycle_logic(sio_server)
    async with Running(b.project) as run:
        await run.printed("started")
    assert run.lines("stopped") == []  # the run is over: no more events
    # connecting (to a server that never answers) and reconnecting (server gone)
    async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read()
        writer.close()

    server = await asyncio.start_server(silent, "127.0.0.1", 0)
    b = _lifecycle_logic(None, url="http://127.0.0.1", port=server.sockets[0].getsockname()[1])
    async with Running(b.project) as run:
        await run.until(lambda: run.connection("main").state.value == "still connecting", "the connect attempt")
    server.close()
    await server.wait_closed()
    b = _lifecycle_logic(sio_server, reconnection=True, reconnection_delay=50)
    async with Running(b.project) as run:
        await run.printed("started")
        sio_server.kill()
        await run.printed("stopped")
        assert run.connection("main").state.value == "reconnecting"
    assert await settle_tasks() == []
    assert open_http_sessions() == []
    assert _open_fds() <= fds_before


async def test_start_while_stopping_restarts_once_and_a_second_start_is_ignored(shared_sio_server):
    # On Start, the first time: Stop, Start, Start in one pulse. The connection is stopping when both Starts
    # arrive: the first waits for the Stop and starts again, the second is refused with a warning.
    b = _lifecycle_logic(shared_sio_server)
    b.variable("starts", DataType.INT, 0)
    for node_id, type_id, fields in (
            ("count", "logic.get_variable", {"Variable": "starts"}), ("add", "logic.add", {"Type": "Int", "B": 1}),
            ("set", "logic.set_variable", {"Variable": "starts"}),
            ("first", "logic.compare", {"Type": "Int", "Operator": "==", "B": 1}), ("once", "logic.branch", {}),
            ("again", "socketio.start", {"Configuration": "main"}),
            ("again2", "socketio.start", {"Configuration": "main"}),
            ("final", "socketio.stop", {"Configuration": "main"})):
        b.node(node_id, type_id, **fields)
    b.link("count.Value", "add.A")
    b.link("add.Result", "set.Value")
    b.link("set.Value", "first.A")
    b.link("first.Result", "once.Condition")
    b.then("started", "set", "once")
    b.link("once.True", "r_stop.In")
    b.then("r_stop", "again", "again2")
    b.link("once.False", "final.In")
    async with Running(b.project) as run:
        assert await run.finished() == 0
    assert [r.node_name for r in run.records if r.level == "info"] == ["started", "stopped", "started", "stopped"]
    assert [(r.node_id, r.message) for r in run.problems()] == [
        ("again2", "Socket.IO 'main': Start ignored: a Start is already waiting for the Stop to finish")]


async def test_a_failed_reconnection_attempt_is_a_warning_and_the_loop_goes_on(sio_server):
    b = _lifecycle_logic(sio_server, reconnection=True, reconnection_delay=50, reconnection_delay_max=100)
    async with Running(b.project) as run:
        await run.printed("started")
        sio_server.kill()
        failed = "Socket.IO 'main': reconnection attempt failed"
        await run.until(lambda: sum(r.message.startswith(failed) for r in run.problems("warning")) >= 2,
                        "two failed reconnection attempts")
        assert run.connection("main").state.value == "reconnecting"
        assert run.problems("error") == [] and run.lines("error") == []  # a warning, not an On Error
        _trigger(run, "stop")
        assert await run.finished(timeout=5) == 0
