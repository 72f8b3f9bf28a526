"""Names shared by the nodes and the runtime: node type ids and the event topics they listen to.

A topic is ``(kind, configuration)``: an event node hears only the connection its
Configuration attribute names, so several connections can be live at once.
"""

from __future__ import annotations

PLUGIN_ID = "socketio"
CONFIGURATION = "Configuration"

START = "socketio.start"
STOP = "socketio.stop"
SEND = "socketio.send"
SUBSCRIBE = "socketio.subscribe"
UNSUBSCRIBE = "socketio.unsubscribe"
ON_START = "socketio.on_start"
ON_STOP = "socketio.on_stop"
ON_RECEIVE = "socketio.on_receive"
ON_ERROR = "socketio.on_error"
ON_SUBSCRIBE = "socketio.on_subscribe"
ON_UNSUBSCRIBE = "socketio.on_unsubscribe"

#: Node types whose literal Namespace is joined when their connection starts.
NAMESPACE_USERS = (SEND, SUBSCRIBE, UNSUBSCRIBE)

Topic = tuple[str, str]


def topic(event_type: str, configuration: str) -> Topic:
    """The topic an On ... node of `event_type` (e.g. ``ON_RECEIVE``) listens to for one connection."""
    return (event_type, configuration)
