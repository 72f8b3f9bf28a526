"""Namespaces fed by wires are joined on first use; On Socket.IO Subscribe fires once a subscription is live."""

from __future__ import annotations

from sio_logic import Logic, Running, settle_tasks

RECEIVED = ("r_on_receive.Namespace", "r_on_receive.Trigger Name", "r_on_receive.Message")


def _trigger(run: Running, event: str) -> None:
    run.engine.emit(("custom", event))


def _wired(b: Logic, node_id: str, namespace_source: str, **attributes) -> str:
    """A Send/Subscribe node of connection main whose Namespace comes from a wire."""
    kind = "send" if node_id.startswith("send") else "subscribe"
    b.node(node_id, f"socketio.{kind}", Configuration="main", **{"Event Name": "echo", **attributes})
    b.link(f"{namespace_source}.Value", f"{node_id}.Namespace")
    return node_id


def _observers(b: Logic) -> None:
    b.log("r_on_receive", "received", *RECEIVED)
    b.log("r_on_subscribe", "subscribed", "r_on_subscribe.Namespace")
    b.log("r_on_error", "error", "r_on_error.Namespace", "r_on_error.Message")
    b.log("r_on_start", "started")


async def test_a_namespace_from_a_wire_is_joined_on_first_use_and_a_refused_one_is_reported(shared_sio_server):
    b = Logic()
    b.connection("main", shared_sio_server, namespaces=["/"])
    b.node("ps", "logic.on_project_start")
    n = b.socketio("r", "main", "start", "on_start", "on_receive", "on_subscribe", "on_error", "stop")
    b.node("room", "logic.literal_string", Value="room-7")  # normalised to /room-7
    b.node("bad", "logic.literal_string", Value="/elsewhere")  # the servers refuse it: "Invalid namespace"
    b.node("sub_root", "socketio.subscribe", Configuration="main", **{"Event Name": "echo"})
    b.then("ps", "sub_root", n["start"])  # subscribed before the connection is up
    _observers(b)
    b.then("started", _wired(b, "sub_room", "room"), _wired(b, "send_room", "room", Message="to the room"),
           _wired(b, "sub_bad", "bad"), _wired(b, "send_bad", "bad", Message="lost"),
           b.node("send_root", "socketio.send", Configuration="main", **{"Event Name": "echo", "Message": "root"}))
    b.then(b.node("when_stop", "logic.custom_event_listener", Event="stop"), n["stop"])
    async with Running(b.project) as run:
        await run.printed("received", 2)
        await run.printed("error", 2)
        # The Send on /room-7 waited for the join, so its echo comes before the later Send's on /.
        assert run.lines("received") == ["/room-7|echo|to the room", "/|echo|root"]
        assert sorted(run.lines("error")) == [
            "/elsewhere|cannot send 'echo': the server refused namespace /elsewhere: Invalid namespace",
            "/elsewhere|cannot subscribe to 'echo': the server refused namespace /elsewhere: Invalid namespace",
        ]
        assert run.lines("subscribed") == ["/", "/room-7"]  # / as the connection came up, /room-7 once joined
        connection = run.connection("main")
        assert connection.state.value == "connected" and set(connection.client.namespaces) == {"/", "/room-7"}
        assert ("/elsewhere", "echo") not in connection.subscriptions  # a refused subscription is dropped
        assert connection.namespaces == ("/",)  # nothing literal to join at Start
        _trigger(run, "stop")
        assert await run.finished() == 0
    shared_sio_server.wait_for_output(lambda line: line.startswith("CONNECT /room-7 "))
    assert not any(line.startswith("CONNECT /elsewhere") for line in shared_sio_server.output)
    assert await settle_tasks() == []


async def test_subscriptions_made_before_the_connection_is_up_fire_on_subscribe_after_on_start(shared_sio_server):
    b = Logic()
    b.connection("main", shared_sio_server, namespaces=["/"])
    b.node("ps", "logic.on_project_start")
    n = b.socketio("r", "main", "start", "on_start", "on_receive", "on_subscribe", "on_error", "stop", "send",
                   send={"Event Name": "echo", "Namespace": "/", "Message": "hi"})
    b.node("chat", "logic.literal_string", Value="/chat")
    b.node("sub_root", "socketio.subscribe", Configuration="main", **{"Event Name": "echo"})
    b.then("ps", "sub_root", _wired(b, "sub_chat", "chat"), n["start"])  # both before Start
    _observers(b)
    b.then("started", _wired(b, "send_chat", "chat", Message="chat hi"), n["send"])
    b.then(b.node("when_stop", "logic.custom_event_listener", Event="stop"), n["stop"])
    async with Running(b.project) as run:
        await run.printed("received", 2)
        assert run.lines("error") == []
        order = [r.node_name for r in run.records if r.level == "info" and r.node_name in ("started", "subscribed")]
        assert order[0] == "started"  # never before On Socket.IO Start
        assert sorted(run.lines("subscribed")) == ["/", "/chat"]
        assert sorted(run.lines("received")) == ["/chat|echo|chat hi", "/|echo|hi"]
        _trigger(run, "stop")
        assert await run.finished() == 0
    assert len(run.lines("subscribed")) == 2  # once each, not again at Stop


async def test_a_namespace_joined_from_a_wire_is_rejoined_by_reconnection_and_by_a_new_start(sio_server):
    b = Logic()
    b.connection("main", sio_server, namespaces=["/"], reconnection=True, reconnection_delay=100,
                 reconnection_delay_max=200)
    b.node("ps", "logic.on_project_start")
    n = b.socketio("r", "main", "start", "on_start", "on_receive", "on_subscribe", "on_error", "stop", "on_stop")
    b.node("room", "logic.literal_string", Value="/room-1")
    b.then("ps", _wired(b, "sub_room", "room"), n["start"])
    _observers(b)
    b.then("started", _wired(b, "send_room", "room", Message="again"))
    b.then(b.node("when_stop", "logic.custom_event_listener", Event="stop"), n["stop"])
    b.node("stop_again", "socketio.stop", Configuration="main")
    b.node("restart", "socketio.start", Configuration="main")  # Stop then Start in one pulse: a new client
    b.then(b.node("when_restart", "logic.custom_event_listener", Event="restart"), "stop_again", "restart")
    b.log("r_on_stop", "stopped")
    async with Running(b.project) as run:
        await run.printed("received", 1)
        sio_server.kill()
        await run.printed("stopped")
        sio_server.start()  # same port: the reconnection joins /room-1 with the others
        await run.printed("received", 2, timeout=15)
        _trigger(run, "restart")  # a new client: the subscription's namespace is joined again once up
        await run.printed("received", 3)
        _trigger(run, "stop")
        assert await run.finished() == 0
    assert run.lines("received") == ["/room-1|echo|again"] * 3
    assert run.lines("subscribed") == ["/room-1"]  # the subscription was made once
    assert run.lines("error") == []
