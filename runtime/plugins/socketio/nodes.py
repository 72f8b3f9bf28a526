"""The eleven Socket.IO nodes (see docs/socketio.md and the reference table in logic-model.md).

Action nodes ask their connection for something and let the pulse continue at once; what comes
of it arrives through the event nodes of the same Configuration. Recommended pattern: Start, and
hang the logic that needs the connection on On Socket.IO Start (likewise Stop / On Socket.IO Stop).
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import TYPE_CHECKING, Any

from runtime.plugins.socketio import topics
from runtime.plugins.socketio.payloads import MESSAGE_TYPES, RECEIVE_TYPES, incoming
from runtime.specs import ALL_SCOPES, PROJECT_AND_SCENE, Attribute, AttrKind, DataPort, NodeSpec
from runtime.types import DataType

if TYPE_CHECKING:
    from runtime.engine.instance import NodeInstance
    from runtime.plugins.socketio.connection import Connection

CATEGORY = ("Socket.IO",)
EVENTS = ("Socket.IO", "Events")

CONFIGURATION = Attribute(
    topics.CONFIGURATION, AttrKind.SETTING, "", source=topics.PLUGIN_ID,
    description="The connection, one of those in Project Settings > Socket.IO.",
)
MESSAGE_TYPE = Attribute(
    "Message Type", AttrKind.DATA_TYPE, DataType.STRING.value, options=MESSAGE_TYPES,
    description="String is sent as a string; Array and Dictionary as JSON data.",
)
EVENT_NAME = DataPort("Event Name", DataType.STRING, "message", "The Socket.IO event name.")
RECEIVE_TYPE = Attribute(
    "Message Type", AttrKind.DATA_TYPE, DataType.STRING.value, options=RECEIVE_TYPES,
    description="String: the payload as text. Dictionary, Array, Any: the payload as data (JSON text parsed).",
)
#: The pulse output an On Socket.IO Receive takes when its Message is not of its type: none, the branch ends.
NOT_DELIVERED = "(not delivered)"
NAMESPACE = DataPort("Namespace", DataType.STRING, "/",
                     "A namespace of the connection: a literal one is joined at Start, one fed by a wire on first use.")
NAMESPACE_OUT = DataPort("Namespace", DataType.STRING, description="The namespace concerned.")


def _bind(ctx: NodeInstance) -> None:
    """Finds the node's connection once, when its graph starts running."""
    service = ctx.engine.services.get(topics.PLUGIN_ID)
    ctx.data = service.connections.get(ctx.attrs[topics.CONFIGURATION]) if service is not None else None


def _connection(ctx: NodeInstance) -> Connection:
    connection: Connection | None = ctx.data
    if connection is None:
        name = ctx.attrs[topics.CONFIGURATION]
        raise LookupError(f"there is no Socket.IO connection named {name!r} in Project Settings > Socket.IO"
                          if name else "no Configuration chosen: pick a connection of Project Settings > Socket.IO")
    return connection


def _start(ctx: NodeInstance) -> None:
    _connection(ctx).start(ctx)


def _stop(ctx: NodeInstance) -> None:
    _connection(ctx).stop(ctx)


def _send(ctx: NodeInstance, event: str, namespace: str, message: Any) -> Awaitable[None] | None:
    return _connection(ctx).send(ctx, event, namespace, message)


def _subscribe(ctx: NodeInstance, event: str, namespace: str) -> None:
    _connection(ctx).subscribe(ctx, event, namespace)


def _unsubscribe(ctx: NodeInstance, event: str, namespace: str) -> None:
    _connection(ctx).unsubscribe(ctx, event, namespace)


def _receive(ctx: NodeInstance) -> str | None:
    """Turns the received arguments into this node's Message Type; On Socket.IO Error when they do not fit."""
    out = ctx.out
    try:
        out["Message"] = incoming(out["Message"], ctx.attrs["Message Type"])
    except ValueError as exc:
        out["Message"] = None
        namespace = out["Namespace"]
        message = f"received {out['Trigger Name']!r} on {namespace}: {exc}"
        _connection(ctx).report(namespace, message, ctx, received=message)
        return NOT_DELIVERED
    return None


def _action(type_id: str, name: str, description: str, run: Any, scopes: frozenset = ALL_SCOPES,
            inputs: tuple[DataPort, ...] = (), attributes: tuple[Attribute, ...] = ()) -> NodeSpec:
    return NodeSpec(type_id, name, CATEGORY, description, scopes=scopes, inputs=inputs,
                    attributes=(CONFIGURATION, *attributes), run=run, setup=_bind)


def _event(type_id: str, name: str, description: str, outputs: tuple[DataPort, ...] = (),
           attributes: tuple[Attribute, ...] = (), run: Any = None) -> NodeSpec:
    return NodeSpec(type_id, name, EVENTS, description, kind="event", scopes=PROJECT_AND_SCENE, outputs=outputs,
                    attributes=(CONFIGURATION, *attributes),
                    topic=lambda ctx: topics.topic(type_id, ctx.attrs["Configuration"]),
                    keep_alive=True, run=run, setup=_bind if run else None)


SPECS = (
    _action(topics.START, "Socket.IO Start",
            "Begins connecting; the pulse continues at once. Logic that needs the connection goes on "
            "On Socket.IO Start.", _start, scopes=PROJECT_AND_SCENE),
    _action(topics.STOP, "Socket.IO Stop",
            "Begins disconnecting (also ends a reconnect loop); the pulse continues at once. Logic that needs "
            "the connection down goes on On Socket.IO Stop.", _stop),
    _action(topics.SEND, "Socket.IO Send",
            "Emits Event Name with Message on Namespace (a namespace not joined yet is joined first: the branch "
            "waits for it). Not connected, or the server refuses the namespace: On Socket.IO Error.", _send,
            inputs=(EVENT_NAME, NAMESPACE, DataPort("Message", "@Message Type", None, "What to send.")),
            attributes=(MESSAGE_TYPE,)),
    _action(topics.SUBSCRIBE, "Socket.IO Subscribe",
            "Starts listening to Event Name on Namespace: On Socket.IO Receive fires for it from now on. On Socket.IO "
            "Subscribe tells when it is in place on a live connection.",
            _subscribe, inputs=(EVENT_NAME, NAMESPACE)),
    _action(topics.UNSUBSCRIBE, "Socket.IO Unsubscribe",
            "Stops listening to Event Name on Namespace.", _unsubscribe, inputs=(EVENT_NAME, NAMESPACE)),
    _event(topics.ON_START, "On Socket.IO Start",
           "Fires once the connection is really established (again after each reconnection, possibly to a "
           "failover server).",
           outputs=(DataPort("URL", DataType.STRING, description="The server connected to (with failover servers "
                                                                  "in the settings, the one reached)."),)),
    _event(topics.ON_STOP, "On Socket.IO Stop",
           "Fires once a connection that was up is really terminated: by Stop, by the server, or a network drop."),
    _event(topics.ON_RECEIVE, "On Socket.IO Receive",
           "Fires for each received event that is subscribed, in arrival order, one branch after another. "
           "A payload that is not of the Message Type fires On Socket.IO Error instead.",
           outputs=(NAMESPACE_OUT, DataPort("Trigger Name", DataType.STRING, description="The event name."),
                    DataPort("Message", "@Message Type",
                             description="The payload. String: a string as is, anything else as its JSON text; "
                                         "Dictionary, Array, Any: the data (a string payload parsed as JSON).")),
           attributes=(RECEIVE_TYPE,), run=_receive),
    _event(topics.ON_ERROR, "On Socket.IO Error",
           "Fires when connecting fails, a namespace is refused, a Send cannot go out, the server sends an "
           "error event, or the inbox overflows.",
           outputs=(NAMESPACE_OUT, DataPort("Message", DataType.STRING, description="What went wrong."))),
    _event(topics.ON_SUBSCRIBE, "On Socket.IO Subscribe",
           "Fires once a subscription is in place on a live connection (its namespace joined); a Subscribe "
           "made before the connection is up fires it when the connection comes up.",
           outputs=(NAMESPACE_OUT,)),
    _event(topics.ON_UNSUBSCRIBE, "On Socket.IO Unsubscribe", "Fires once a subscription is removed.",
           outputs=(NAMESPACE_OUT,)),
)
