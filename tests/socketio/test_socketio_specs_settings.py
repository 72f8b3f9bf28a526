"""The Socket.IO node family matches the reference table; settings have defaults and say what is wrong."""

from __future__ import annotations

import re

import pytest

from runtime.engine.engine import Engine, EngineError
from runtime.model import Project
from runtime.plugins.socketio.payloads import error_text, incoming, incoming_text, outgoing
from runtime.plugins.socketio.service import literal_namespaces
from runtime.plugins.socketio.settings import FIELDS, SECTION, ConnectionSettings, server_url, validate
from runtime.registry import default_registry
from runtime.specs import AttrKind, Scope
from runtime.types import DataType

P, S, F, PF = Scope.PROJECT, Scope.SCENE, Scope.FUNCTION, Scope.PREFAB
STRING = DataType.STRING

# (type id, display name, scopes, inputs besides Pulse In, outputs besides Pulse Out, kind)
REFERENCE = [
    ("socketio.start", "Socket.IO Start", {P, S}, [], [], "action"),
    ("socketio.stop", "Socket.IO Stop", {P, S, F, PF}, [], [], "action"),
    ("socketio.send", "Socket.IO Send", {P, S, F, PF},
     [("Event Name", STRING), ("Namespace", STRING), ("Message", STRING)], [], "action"),
    ("socketio.subscribe", "Socket.IO Subscribe", {P, S, F, PF},
     [("Event Name", STRING), ("Namespace", STRING)], [], "action"),
    ("socketio.unsubscribe", "Socket.IO Unsubscribe", {P, S, F, PF},
     [("Event Name", STRING), ("Namespace", STRING)], [], "action"),
    # URL: ours, not the reference's (which server of a failover list was reached; docs/socketio.md)
    ("socketio.on_start", "On Socket.IO Start", {P, S}, [], [("URL", STRING)], "event"),
    ("socketio.on_stop", "On Socket.IO Stop", {P, S}, [], [], "event"),
    ("socketio.on_receive", "On Socket.IO Receive", {P, S}, [],  # Message Type String by default
     [("Namespace", STRING), ("Trigger Name", STRING), ("Message", STRING)], "event"),
    ("socketio.on_error", "On Socket.IO Error", {P, S}, [], [("Namespace", STRING), ("Message", STRING)], "event"),
    ("socketio.on_subscribe", "On Socket.IO Subscribe", {P, S}, [], [("Namespace", STRING)], "event"),
    ("socketio.on_unsubscribe", "On Socket.IO Unsubscribe", {P, S}, [], [("Namespace", STRING)], "event"),
]


def _ports(type_id: str, **attributes: object):
    from runtime.model import Node
    from runtime.ports import node_ports

    project = Project.new()
    spec = default_registry().spec(type_id)
    node = Node("n", type_id, "n", attributes=attributes)
    return node_ports(node, spec, project, project.project_graph)


@pytest.mark.parametrize(("type_id", "name", "scopes", "inputs", "outputs", "kind"), REFERENCE,
                         ids=[r[0] for r in REFERENCE])
def test_node_matches_reference_table(type_id, name, scopes, inputs, outputs, kind):
    spec = default_registry().spec(type_id)
    assert spec is not None and spec.plugin == "socketio"
    assert (spec.name, spec.kind, set(spec.scopes)) == (name, kind, scopes)
    assert spec.category == (("Socket.IO", "Events") if kind == "event" else ("Socket.IO",))
    ports = _ports(type_id)
    assert list(ports.inputs) == inputs
    assert list(ports.outputs) == outputs
    assert ports.pulse_in == (("In",) if kind == "action" else ())
    assert ports.pulse_out == ("Out",)
    configuration = spec.attribute("Configuration")
    assert configuration is not None and configuration.kind is AttrKind.SETTING and configuration.source == "socketio"


def test_namespace_defaults_to_root_and_message_type_is_selectable():
    send = default_registry().spec("socketio.send")
    assert send.attribute("Namespace").default == "/"
    message_type = send.attribute("Message Type")
    assert message_type.kind is AttrKind.DATA_TYPE and message_type.options == ("String", "Array", "Dictionary")
    assert _ports("socketio.send", **{"Message Type": "Array"}).input_type("Message") is DataType.ARRAY
    assert _ports("socketio.send", **{"Message Type": "Dictionary"}).input_type("Message") is DataType.DICTIONARY


def test_receive_message_type_is_string_by_default_and_types_the_message_output():
    receive = default_registry().spec("socketio.on_receive")
    message_type = receive.attribute("Message Type")
    assert message_type.kind is AttrKind.DATA_TYPE and message_type.default == "String"
    assert message_type.options == ("String", "Dictionary", "Array", "Any")
    for name in message_type.options:
        assert _ports("socketio.on_receive", **{"Message Type": name}).output_type("Message") is DataType(name)


@pytest.mark.parametrize(("args", "message_type", "expected"), [
    (({"speed": 42},), "Dictionary", {"speed": 42}),
    (('{"speed": 42, "alerts": ["overheat"]}',), "Dictionary", {"speed": 42, "alerts": ["overheat"]}),
    (([1, 2],), "Array", [1, 2]),
    (("[1, 2]",), "Array", [1, 2]),
    ((1, "b"), "Array", [1, "b"]),
    ((), "Array", []),
    (("42",), "Any", 42),
    (('"text"',), "Any", "text"),
    ((3.5,), "Any", 3.5),
    (({"ü": "✓"},), "Any", {"ü": "✓"}),
    ((), "Any", None),
    (({"a": 1},), "String", '{"a": 1}'),
])
def test_received_payload_as_data(args, message_type, expected):
    assert incoming(args, message_type) == expected


@pytest.mark.parametrize(("args", "message_type", "words"), [
    (("hello",), "Dictionary", "Message Type is Dictionary but the payload is not JSON (Expecting value: line 1 "
                               'column 1 (char 0)): "hello"'),
    (('{"a": 1',), "Any", "the payload is not JSON (Expecting ',' delimiter: line 1 column 8 (char 7))"),
    (([1, 2],), "Dictionary", "Message Type is Dictionary but the payload is an Array: [1, 2]"),
    (("[1]",), "Dictionary", "the payload is an Array: [1]"),
    (({"a": 1},), "Array", "Message Type is Array but the payload is a Dictionary"),
    ((7,), "Array", "the payload is a number: 7"),
    ((), "Dictionary", "Message Type is Dictionary but the event carries no payload"),
    ((b"\x00\x01",), "Any", "the payload is binary (2 bytes), not JSON"),
    (("x" * 200,), "Dictionary", "... (202 characters)"),
])
def test_received_payload_not_of_the_type_says_what_arrived(args, message_type, words):
    with pytest.raises(ValueError) as caught:
        incoming(args, message_type)
    assert words in str(caught.value)


def test_toolbox_and_settings_follow_the_plugin_switch():
    registry, project = default_registry(), Project.new()
    assert SECTION in registry.active_sections(project)
    assert any(s.plugin == "socketio" for s in registry.placeable(Scope.PROJECT, project))
    project.set_plugin_active("socketio", False)
    assert SECTION not in registry.active_sections(project)
    assert not any(s.plugin == "socketio" for s in registry.placeable(Scope.PROJECT, project))
    # Only Stop/Send/Subscribe/Unsubscribe may go in a function.
    project.set_plugin_active("socketio", True)
    in_function = {s.type_id for s in registry.placeable(Scope.FUNCTION, project) if s.plugin == "socketio"}
    assert in_function == {"socketio.stop", "socketio.send", "socketio.subscribe", "socketio.unsubscribe"}


def test_defaults_are_documented_values():
    entry = SECTION.new_entry("main")
    assert entry == {
        "name": "main", "url": "http://127.0.0.1", "port": 5000, "failover_urls": [], "path": "/socket.io",
        "namespaces": ["/"],
        "transports": "websocket", "reconnection": True, "reconnection_attempts": 0, "reconnection_delay": 1000,
        "reconnection_delay_max": 5000, "connect_timeout": 5000, "verify_tls": True, "auth": {},
        "inbox_size": 1000, "error_events": ["error", "exception"],
    }
    assert validate([entry]) == []
    settings = ConnectionSettings.from_entry(entry)
    assert settings.server_url == "http://127.0.0.1:5000"
    assert settings.transports == ("websocket",)
    assert (settings.reconnection_delay, settings.reconnection_delay_max, settings.connect_timeout) == (1, 5, 5)
    assert settings.auth is None
    assert {f.key for f in FIELDS} == set(entry)


def test_auth_is_a_secret_never_shown():
    assert next(f for f in FIELDS if f.key == "auth").kind == "secret"
    settings = ConnectionSettings.from_entry({**SECTION.new_entry("main"), "auth": {"token": "hunter2"}})
    assert settings.auth == {"token": "hunter2"}
    assert "hunter2" not in repr(settings) and "hunter2" not in str(settings)
    problems = validate([{**SECTION.new_entry("main"), "auth": "hunter2"}])
    assert [(p.entry, p.field) for p in problems] == [("main", "Auth")]
    assert "hunter2" not in str(problems[0])


@pytest.mark.parametrize(("changes", "field", "words"), [
    ({"url": "ftp://example.com"}, "URL", "http://, https://, ws:// or wss://"),
    ({"url": ""}, "URL", "empty"),
    ({"url": "http://"}, "URL", "no host"),
    ({"url": "http://example.com/chat"}, "URL", "Path"),
    ({"url": "http://example.com:81", "port": 82}, "URL", "port 81 but Port is 82"),
    ({"port": 0}, "Port", "between 1 and 65535"),
    ({"port": 70000}, "Port", "between 1 and 65535"),
    ({"port": "80"}, "Port", "whole number"),
    ({"path": "socket.io"}, "Path", "/socket.io"),
    ({"namespaces": "/chat"}, "Namespaces", "list"),
    ({"namespaces": ["/a b"]}, "Namespaces", "'/a b'"),
    ({"transports": "carrier pigeon"}, "Transports", "websocket or polling"),
    ({"reconnection": "yes"}, "Reconnection", "true or false"),
    ({"reconnection_attempts": -1}, "Reconnection attempts", "at least 0"),
    ({"reconnection_delay": 2000, "reconnection_delay_max": 1000}, "Reconnection delay max (ms)", "2000 ms"),
    ({"connect_timeout": 0}, "Connect timeout (ms)", "at least 1"),
    ({"verify_tls": 1}, "Verify TLS certificate", "true or false"),
    ({"inbox_size": 0}, "Inbox size", "between 1"),
    ({"error_events": [""]}, "Error events", "event names"),
])
def test_each_invalid_field_is_named_with_its_connection(changes, field, words):
    problems = validate([SECTION.new_entry("ok"), {**SECTION.new_entry("broken"), **changes}])
    assert [(p.entry, p.field) for p in problems] == [("broken", field)]
    assert words in problems[0].message
    assert str(problems[0]).startswith(f"broken: {field}: ")


def test_names_must_be_present_and_unique():
    problems = validate([SECTION.new_entry("a"), SECTION.new_entry("a"), {**SECTION.new_entry(""), "name": " "}])
    assert [(p.entry, p.field) for p in problems] == [("a", "Name"), ("connection #3", "Name")]
    assert "unique" in problems[0].message and "empty" in problems[1].message


def test_engine_refuses_to_start_with_invalid_settings():
    project = Project.new()
    project.set_settings("socketio", {"entries": [{**SECTION.new_entry("main"), "port": 0}]})
    with pytest.raises(EngineError, match=re.escape("Socket.IO: main: Port: must be between 1 and 65535")):
        Engine(project).check_settings()
    project.set_plugin_active("socketio", False)  # an inactive plugin's settings are not checked
    Engine(project).check_settings()


def test_server_url_puts_the_port_in_the_host():
    assert server_url("http://example.com", 8080) == "http://example.com:8080"
    assert server_url("wss://example.com?room=1", None) == "wss://example.com?room=1"
    assert server_url("http://[::1]", 5000) == "http://[::1]:5000"
    assert server_url("http://example.com:81", "") == "http://example.com:81"


def test_literal_namespaces_are_collected_per_connection():
    from runtime.model import Graph, Link, Node

    project = Project.new()
    graph = project.project_graph
    function = Graph("f", Scope.FUNCTION, "F")
    project.add_graph(function)
    graph.add_node(Node("a", "socketio.send", "a", attributes={"Configuration": "one", "Namespace": "/chat"}))
    function.add_node(Node("b", "socketio.subscribe", "b", attributes={"Configuration": "one", "Namespace": "room"}))
    graph.add_node(Node("c", "socketio.unsubscribe", "c", attributes={"Configuration": "two"}))  # default "/"
    graph.add_node(Node("d", "socketio.send", "d", attributes={"Configuration": "two", "Namespace": "/fed"}))
    graph.add_node(Node("v", "logic.literal_string", "v", attributes={"Value": "/x"}))
    graph.add_link(Link("v", "Value", "d", "Namespace"))  # fed by a connection: not a literal
    assert literal_namespaces(project) == {"one": ["/chat", "/room"], "two": ["/"]}


def test_payloads_on_the_wire_and_as_text():
    assert outgoing("hi", "String") == "hi"
    assert outgoing([1, "a"], "Array") == [1, "a"]
    assert outgoing({"k": 1}, "Dictionary") == {"k": 1}
    assert outgoing(None, "Dictionary") == {}
    with pytest.raises(ValueError, match="Message Type is Array"):
        outgoing("x", "Array")
    assert incoming_text(("plain",)) == "plain"
    assert incoming_text(({"a": [1, 2]},)) == '{"a": [1, 2]}'
    assert incoming_text((1, "b")) == '[1, "b"]'
    assert incoming_text(()) == ""
    assert error_text({"message": "forbidden namespace"}) == "forbidden namespace"
    assert error_text("Connection error") == "Connection error"
