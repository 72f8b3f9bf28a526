"""On Socket.IO Receive's Message Type against real servers: payloads arrive as data, misfits fire On Error."""

from __future__ import annotations

from sio_logic import Logic, Running

SENT = [  # (Message Type of the Send, Message): what the echo server sends back
    ("Dictionary", {"speed": 42, "alerts": ["overheat"]}),
    ("String", '{"speed": 7}'),  # JSON as text, as servers that JSON.stringify send it
    ("String", "hello"),
    ("Array", [1, "two"]),
]


def _receiver(b: Logic, name: str, message_type: str) -> str:
    b.node(name, "socketio.on_receive", Configuration="main", **{"Message Type": message_type})
    return b.log(name, f"{name}_got", f"{name}.Message")


async def test_each_receive_node_gets_the_payload_as_its_message_type(shared_sio_server):
    b = Logic()
    b.connection("main", shared_sio_server)
    b.node("ps", "logic.on_project_start")
    n = b.socketio("r", "main", "start", "on_start", "subscribe", "on_error", subscribe={"Event Name": "t"})
    b.then("ps", n["start"])
    sends = [b.node(f"send{i}", "socketio.send", Configuration="main",
                    **{"Event Name": "t", "Message Type": kind, "Message": message})
             for i, (kind, message) in enumerate(SENT)]
    b.then("r_on_start", n["subscribe"], *sends)
    for name, message_type in (("text", "String"), ("array", "Array"), ("any", "Any")):
        _receiver(b, name, message_type)
    # The Dictionary arrives as data: a Send of Message Type Dictionary takes it as is.
    b.node("back", "socketio.send", Configuration="main", **{"Event Name": "back", "Message Type": "Dictionary"})
    b.link("dict.Message", "back.Message")
    b.then(_receiver(b, "dict", "Dictionary"), "back")
    b.log("r_on_error", "error", "r_on_error.Namespace", "r_on_error.Message")
    async with Running(b.project) as run:
        await run.printed("text_got", 4)
        await run.printed("error", 6)
        assert run.lines("text_got") == ['{"speed": 42, "alerts": ["overheat"]}', '{"speed": 7}', "hello", '[1, "two"]']
        assert run.lines("dict_got") == ['{"speed": 42, "alerts": ["overheat"]}', '{"speed": 7}']
        assert run.lines("array_got") == ['[1, "two"]']
        assert run.lines("any_got") == ['{"speed": 42, "alerts": ["overheat"]}', '{"speed": 7}', '[1, "two"]']
        errors = run.lines("error")
        assert errors == [
            "/|received 't' on /: Message Type is Array but the payload is a Dictionary: "
            '{"speed": 42, "alerts": ["overheat"]}',
            """/|received 't' on /: Message Type is Array but the payload is a Dictionary: {"speed": 7}""",
            "/|received 't' on /: Message Type is Array but the payload is not JSON "
            '(Expecting value: line 1 column 1 (char 0)): "hello"',
            "/|received 't' on /: Message Type is Any but the payload is not JSON "
            '(Expecting value: line 1 column 1 (char 0)): "hello"',
            "/|received 't' on /: Message Type is Dictionary but the payload is not JSON "
            '(Expecting value: line 1 column 1 (char 0)): "hello"',
            """/|received 't' on /: Message Type is Dictionary but the payload is an Array: [1, "two"]""",
        ]
        for message in ('{"speed":42,"alerts":["overheat"]}', '{"speed":7}'):
            shared_sio_server.wait_for_output(lambda line, m=message: line == f"RECV / back {m}")
        problems = run.problems()
        assert {r.level for r in problems} == {"warning"}  # handled by On Socket.IO Error
        assert {r.node_id for r in problems} == {"dict", "array", "any"}  # the node that could not take it
