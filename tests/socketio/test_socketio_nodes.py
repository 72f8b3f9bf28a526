"""Every Socket.IO node and event against real servers (python-socketio and Node.js socket.io)."""

from __future__ import annotations

import asyncio
import socket
import time

import pytest
from sio_logic import Logic, LoopErrors, Running, open_http_sessions, settle_tasks

from runtime.model import Graph, Param
from runtime.specs import Scope
from runtime.types import DataType

RECEIVED = ("r_on_receive.Namespace", "r_on_receive.Trigger Name", "r_on_receive.Message")


def _trigger(run: Running, event: str) -> None:
    """Fires the project's Custom Event Listener `event` (how a test moves the logic to its next phase)."""
    run.engine.emit(("custom", event))


def _listener(b: Logic, event: str) -> str:
    return b.node(f"when_{event}", "logic.custom_event_listener", Event=event)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def test_start_subscribe_send_receive_unsubscribe_stop(shared_sio_server):
    b = Logic()
    b.connection("main", shared_sio_server, namespaces=["/"])
    b.node("ps", "logic.on_project_start")
    n = b.socketio("r", "main", "start", "on_start", "on_receive", "on_subscribe", "on_unsubscribe", "stop",
                   "on_stop", "on_error")
    b.then("ps", n["start"])
    b.node("sub1", "socketio.subscribe", Configuration="main", **{"Event Name": "echo"})
    b.node("sub2", "socketio.subscribe", Configuration="main", **{"Event Name": "echo", "Namespace": "chat"})
    b.node("send1", "socketio.send", Configuration="main", **{"Event Name": "echo", "Message": "hello"})
    b.node("send2", "socketio.send", Configuration="main", **{
        "Event Name": "echo", "Namespace": "/chat", "Message Type": "Array", "Message": [1, "two"]})
    b.node("send3", "socketio.send", Configuration="main", **{
        "Event Name": "echo", "Message Type": "Dictionary", "Message": {"k": "v"}})
    b.node("unsub", "socketio.unsubscribe", Configuration="main", **{"Event Name": "echo"})
    b.node("send4", "socketio.send", Configuration="main", **{"Event Name": "echo", "Message": "not heard"})
    b.node("send5", "socketio.send", Configuration="main", **{
        "Event Name": "echo", "Namespace": "/chat", "Message": "still heard"})
    b.then(b.log("r_on_start", "started"), "sub1", "sub2", "send1", "send2", "send3")
    b.log("r_on_subscribe", "subscribed", "r_on_subscribe.Namespace")
    b.log("r_on_receive", "received", *RECEIVED)
    b.then(_listener(b, "phase2"), "unsub", "send4", "send5")
    b.log("r_on_unsubscribe", "unsubscribed", "r_on_unsubscribe.Namespace")
    b.then(_listener(b, "phase3"), n["stop"])
    b.log("r_on_stop", "stopped")
    b.log("r_on_error", "error", "r_on_error.Message")
    async with Running(b.project) as run:
        received = await run.printed("received", 3)
        assert received == ["/|echo|hello", '/chat|echo|[1, "two"]', '/|echo|{"k": "v"}']
        assert run.lines("subscribed") == ["/", "/chat"]
        assert run.connection("main").namespaces == ("/", "/chat")  # /chat joined at Start: a literal
        _trigger(run, "phase2")
        await run.printed("received", 4)
        await run.printed("unsubscribed")
        assert run.lines("unsubscribed") == ["/"]
        assert run.lines("received")[3:] == ["/chat|echo|still heard"]
        _trigger(run, "phase3")
        assert await run.finished() == 0
    assert run.lines("started") == ["started"] and run.lines("stopped") == ["stopped"]
    assert run.lines("received") == [*received, "/chat|echo|still heard"]  # "not heard" never arrived
    assert run.problems() == [] and run.lines("error") == []


async def test_send_and_subscribe_from_a_function_and_events_in_a_scene(shared_sio_server):
    b = Logic()
    b.connection("main", shared_sio_server)
    function = Graph("fn-greet", Scope.FUNCTION, "Greet", inputs=[Param("text", DataType.STRING)])
    b.project.add_graph(function)
    b.node("in", "logic.function_input", function)
    b.node("sub", "socketio.subscribe", function, Configuration="main", **{"Event Name": "greet"})
    b.node("send", "socketio.send", function, Configuration="main", **{"Event Name": "greet"})
    b.then("in", "sub", "send", graph=function)
    b.link("in.text", "send.Message", function)
    scene = b.project.graphs[b.project.start_scene]
    b.node("start", "socketio.start", scene, Configuration="main")
    b.node("scene_start", "logic.on_scene_start", scene)
    b.then("scene_start", "start", graph=scene)
    b.node("on_start", "socketio.on_start", scene, Configuration="main")
    b.node("call", "logic.function_call", scene, Function="fn-greet", text="from a function")
    b.then("on_start", "call", graph=scene)
    b.node("r_on_receive", "socketio.on_receive", scene, Configuration="main")
    b.node("stop", "socketio.stop", scene, Configuration="main")
    b.then(b.log("r_on_receive", "received", *RECEIVED, graph=scene), "stop", graph=scene)
    async with Running(b.project) as run:
        assert await run.finished() == 0
    assert run.lines("received") == ["/|greet|from a function"]


async def test_send_while_not_connected_fires_on_error_and_unhandled_errors_fail_the_run(shared_sio_server):
    b = Logic()
    b.connection("main", shared_sio_server)
    b.node("ps", "logic.on_project_start")
    n = b.socketio("r", "main", "send", "on_error", send={"Event Name": "echo", "Namespace": "/"})
    b.then("ps", n["send"])
    b.log("r_on_error", "error", "r_on_error.Namespace", "r_on_error.Message")
    async with Running(b.project) as run:
        assert await run.finished() == 0  # handled by On Socket.IO Error: a warning, not a failure
    (line,) = run.lines("error")
    assert line.startswith("/|cannot send 'echo' on /: the connection is not started")
    assert [r.level for r in run.problems()] == ["warning"]
    assert run.problems()[0].node_id == "r_send"
    b.graph.remove_node("r_on_error")
    async with Running(b.project) as run:
        assert await run.finished() == 1  # nobody handles it: an error
    assert [r.level for r in run.problems()] == ["error"]


@pytest.mark.parametrize(("kind", "fields", "problem"), [  # ids: empty send, empty subscribe, failed send
    ("send", {"Event Name": ""}, "Send: the Event Name is empty"),
    ("subscribe", {"Event Name": ""}, "Subscribe: the Event Name is empty"),
    ("send", {"Event Name": "echo", "Message Type": "Dictionary", "Message": [1, 2]},
     "sending 'echo' on / failed: Message Type is Dictionary but the Message is '[1, 2]'"),
])
async def test_a_send_or_subscribe_that_cannot_be_made_fires_on_error(shared_sio_server, kind, fields, problem):
    b = Logic()
    b.connection("main", shared_sio_server)
    b.node("ps", "logic.on_project_start")
    n = b.socketio("r", "main", "start", "on_start", kind, "on_error", "stop", **{kind: fields})
    b.then("ps", n["start"])
    b.then("r_on_start", n[kind], n["stop"])
    b.log("r_on_error", "error", "r_on_error.Namespace", "r_on_error.Message")
    async with Running(b.project) as run:
        assert await run.finished() == 0
    assert run.lines("error") == [f"/|{problem}"]
    assert [(r.level, r.node_id) for r in run.problems()] == [("warning", f"r_{kind}")]


async def test_connection_refused_reports_an_error_and_the_run_ends_by_itself():
    b = Logic()
    b.connection("main", url="http://127.0.0.1", port=_free_port(), reconnection=False)  # on: it retries
    b.node("ps", "logic.on_project_start")
    n = b.socketio("r", "main", "start", "on_start", "on_stop", "on_error")
    b.then("ps", n["start"])
    b.log("r_on_start", "started")
    b.log("r_on_stop", "stopped")
    b.log("r_on_error", "error", "r_on_error.Namespace", "r_on_error.Message")
    async with LoopErrors() as loop_errors, Running(b.project) as run:
        await run.finished(timeout=5)
    (line,) = run.lines("error")
    assert line.startswith("|cannot connect to http://127.0.0.1:")  # no namespace: the whole connection
    assert "Connect call failed" in line  # the reason python-socketio hides behind "Connection error"
    assert run.lines("started") == [] and run.lines("stopped") == []
    assert await settle_tasks() == []
    assert open_http_sessions() == [] and loop_errors.messages == []


async def test_connect_timeout_when_the_server_never_answers():
    async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read()  # accepts the TCP connection, never answers the handshake
        writer.close()

    server = await asyncio.start_server(silent, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        b = Logic()
        b.connection("main", url="http://127.0.0.1", port=port, connect_timeout=300, reconnection=False)
        b.node("ps", "logic.on_project_start")
        n = b.socketio("r", "main", "start", "on_error")
        b.then("ps", n["start"])
        b.log("r_on_error", "error", "r_on_error.Message")
        began = time.monotonic()
        async with LoopErrors() as loop_errors, Running(b.project) as run:
            await run.finished(timeout=5)
        assert time.monotonic() - began < 2.0
        assert run.lines("error") == [f"connecting to http://127.0.0.1:{port} timed out after 300 ms"]
    finally:
        server.close()
        await server.wait_closed()
    assert await settle_tasks() == []
    assert open_http_sessions() == [] and loop_errors.messages == []


async def test_namespace_rejected_by_server_middleware(sio_server):
    b = Logic()
    b.connection("main", sio_server, namespaces=["/", "/forbidden"])
    b.node("ps", "logic.on_project_start")
    n = b.socketio("r", "main", "start", "on_start", "on_error")
    b.then("ps", n["start"])
    b.log("r_on_start", "started")
    b.log("r_on_error", "error", "r_on_error.Namespace", "r_on_error.Message")
    async with LoopErrors() as loop_errors, Running(b.project) as run:
        await run.finished()
    assert run.lines("error") == ["/forbidden|the server refused namespace /forbidden: forbidden namespace"]
    assert run.lines("started") == []
    assert await settle_tasks() == []
    assert open_http_sessions() == [] and loop_errors.messages == []


async def test_auth_arrives_at_the_server_and_is_never_printed(sio_server):
    secret = "t0k3n-never-printed"
    b = Logic()
    b.connection("main", sio_server, auth={"token": secret, "user": "ada"})
    b.node("ps", "logic.on_project_start")
    n = b.socketio("r", "main", "start", "on_start", "subscribe", "send", "on_receive", "stop",
                   subscribe={"Event Name": "whoami"}, send={"Event Name": "whoami"})
    b.then("ps", n["start"])
    b.then("r_on_start", n["subscribe"], n["send"])
    b.node("has", "logic.compare", Type="String", Operator="!=", B="")
    b.link("r_on_receive.Message", "has.A")
    b.then(b.log("r_on_receive", "received", "r_on_receive.Trigger Name", "has.Result"), n["stop"])
    async with Running(b.project, hook=None) as run:
        await run.finished()
    assert run.lines("received") == ["whoami|true"]
    line = sio_server.wait_for_output(lambda text: text.startswith("CONNECT / "))
    assert line.endswith('{"token":"t0k3n-never-printed","user":"ada"}')
    # A failing connection with the same auth: its errors must not show the secret either.
    b.project.settings["socketio"]["entries"][0].update(port=_free_port(), reconnection=False)
    async with Running(b.project) as failing:
        await failing.finished()
    assert failing.problems()
    assert not any(secret in str(r) for r in run.records + failing.records)


async def test_server_sent_error_event_fires_on_error(shared_sio_server):
    b = Logic()
    b.connection("main", shared_sio_server)
    b.node("ps", "logic.on_project_start")
    n = b.socketio("r", "main", "start", "on_start", "send", "on_error", "stop",
                   send={"Event Name": "server_error", "Message Type": "Dictionary", "Message": {"message": "boom"}})
    b.then("ps", n["start"])
    b.then("r_on_start", n["send"])
    b.then(b.log("r_on_error", "error", "r_on_error.Namespace", "r_on_error.Message"), n["stop"])
    async with Running(b.project) as run:
        await run.finished()
    assert run.lines("error") == ["/|boom"]
    assert "the server sent 'exception': boom" in run.problems()[0].message


async def test_several_connections_live_at_once_each_hears_only_its_own(shared_sio_server):
    b = Logic()
    scene = b.project.graphs[b.project.start_scene]
    for name, graph, begin in (("a", b.graph, "logic.on_project_start"), ("b", scene, "logic.on_scene_start")):
        b.connection(name, shared_sio_server, namespaces=[f"/room-{name}"])
        b.node(f"{name}_begin", begin, graph)
        ids = {kind: b.node(f"{name}_{kind}", f"socketio.{kind}", graph, Configuration=name, **{
            "Event Name": "echo", "Namespace": f"/room-{name}", "Message": f"for {name}"})
            for kind in ("start", "on_start", "subscribe", "send", "on_receive", "on_stop")}
        b.then(f"{name}_begin", ids["start"], graph=graph)
        b.then(ids["on_start"], ids["subscribe"], ids["send"], graph=graph)
        b.log(f"{name}_on_receive", f"{name}_received", f"{name}_on_receive.Namespace",
              f"{name}_on_receive.Message", graph=graph)
        b.log(f"{name}_on_stop", f"{name}_stopped", graph=graph)
        b.node(f"{name}_when", "logic.custom_event_listener", graph, Event=f"stop {name}")
        b.node(f"{name}_stop", "socketio.stop", graph, Configuration=name)
        b.then(f"{name}_when", f"{name}_stop", graph=graph)
    async with Running(b.project) as run:
        await run.printed("a_received")
        await run.printed("b_received")
        _trigger(run, "stop a")
        await run.printed("a_stopped")
        assert run.connection("b").state.value == "connected"
        assert run.lines("b_stopped") == []
        _trigger(run, "stop b")
        assert await run.finished() == 0
    assert run.lines("a_received") == ["/room-a|for a"]
    assert run.lines("b_received") == ["/room-b|for b"]
    assert run.lines("b_stopped") == ["b_stopped"]
    assert run.problems() == []


async def test_polling_then_upgrade_transport(sio_server):
    b = Logic()
    b.connection("main", sio_server, transports="polling")
    b.node("ps", "logic.on_project_start")
    n = b.socketio("r", "main", "start", "on_start", "subscribe", "send", "on_receive", "stop", "on_stop",
                   subscribe={"Event Name": "echo"},
                   send={"Event Name": "echo", "Message Type": "Array", "Message": ["polled", 1]})
    b.then("ps", n["start"])
    b.then("r_on_start", n["subscribe"], n["send"])
    b.then(b.log("r_on_receive", "received", *RECEIVED), n["stop"])
    b.log("r_on_stop", "stopped")
    async with LoopErrors() as loop_errors, Running(b.project) as run:
        assert await run.finished() == 0
    assert run.lines("received") == ['/|echo|["polled", 1]'] and run.lines("stopped") == ["stopped"]
    assert await settle_tasks() == []
    assert open_http_sessions() == [] and loop_errors.messages == []


async def test_on_receive_follows_the_active_scene(shared_sio_server):
    """Events go to the event nodes of the scene that is active now (the listeners change on a switch)."""
    b = Logic()
    b.connection("main", shared_sio_server)
    first = b.project.graphs[b.project.start_scene]
    second = Graph("scene-second", Scope.SCENE, "Second")
    b.project.add_graph(second)
    b.node("ps", "logic.on_project_start")
    n = b.socketio("r", "main", "start", "on_start", "subscribe", subscribe={"Event Name": "echo"})
    b.then("ps", n["start"])
    b.then("r_on_start", n["subscribe"])
    for scene in (first, second):
        b.node(f"{scene.name}_recv", "socketio.on_receive", scene, Configuration="main")
        b.log(f"{scene.name}_recv", f"{scene.name} received", f"{scene.name}_recv.Message", graph=scene)
    b.node("go", "logic.custom_event_listener", Event="switch")
    b.node("switch", "logic.switch_scene", Scene="scene-second")
    b.then("go", "switch")
    for text in ("one", "two"):
        b.node(f"when_{text}", "logic.custom_event_listener", Event=text)
        b.node(f"send_{text}", "socketio.send", Configuration="main", **{"Event Name": "echo", "Message": text})
        b.then(f"when_{text}", f"send_{text}")
    b.node("when_stop", "logic.custom_event_listener", Event="stop")
    b.node("stop", "socketio.stop", Configuration="main")
    b.then("when_stop", "stop")
    async with Running(b.project) as run:
        await run.until(lambda: ("/", "echo") in run.connection("main").subscriptions, "the subscription")
        _trigger(run, "one")
        await run.printed("Main received")
        _trigger(run, "switch")
        await run.until(lambda: run.engine.scene.name == "Second", "the switch")
        _trigger(run, "two")
        await run.printed("Second received")
        _trigger(run, "stop")
        assert await run.finished() == 0
    assert run.lines("Main received") == ["one"] and run.lines("Second received") == ["two"]


def test_client_options_follow_the_settings():
    from runtime.plugins.socketio.client import make_client
    from runtime.plugins.socketio.settings import SECTION, ConnectionSettings

    entry = {**SECTION.new_entry("main"), "reconnection": False, "reconnection_attempts": 3,
             "reconnection_delay": 200, "reconnection_delay_max": 800, "verify_tls": False}
    client = make_client(ConnectionSettings.from_entry(entry), lambda _client: None)
    assert (client.reconnection, client.reconnection_attempts) == (False, 3)
    assert (client.reconnection_delay, client.reconnection_delay_max) == (0.2, 0.8)
    # python-socketio reads it once per wait of its reconnect loop: ±50 % of that wait's delay, in seconds.
    assert [client.randomization_factor for _ in range(4)] == pytest.approx([0.1, 0.2, 0.4, 0.4])
    assert client.eio.ssl_verify is False
    assert client.handle_sigint is False


def test_an_editor_run_fills_placeholders_from_the_environment_of_the_moment_of_run(monkeypatch):
    """The editor's run process starts ahead of time (a spare): the ${env:NAME} it fills are those of the
    moment Run is pressed, not of the moment the spare started."""
    from runtime.engine.host import RunHost, prewarm

    prewarm()
    monkeypatch.setenv("PULSE_TEST_HOST", "127.0.0.1")
    b = Logic()
    b.connection("main", url="http://${env:PULSE_TEST_HOST}", port=_free_port(), reconnection=False)
    b.node("ps", "logic.on_project_start")
    n = b.socketio("r", "main", "start", "on_error")
    b.then("ps", n["start"])
    b.log("r_on_error", "error", "r_on_error.Message")
    host = RunHost(b.project)
    host.start()
    records, deadline = [], time.monotonic() + 20
    while time.monotonic() < deadline and not any("cannot connect" in r.message for r in records):
        records += host.drain().records
        time.sleep(0.02)
    host.stop()
    assert any("cannot connect to http://127.0.0.1:" in r.message for r in records), records
