"""The Socket.IO plugin: its node specs, its Project Settings section and its runtime service."""

from __future__ import annotations

from runtime.plugins.socketio.nodes import SPECS
from runtime.plugins.socketio.service import SocketIOService
from runtime.plugins.socketio.settings import SECTION
from runtime.plugins.socketio.topics import PLUGIN_ID
from runtime.registry import Plugin

SOCKETIO_PLUGIN = Plugin(
    id=PLUGIN_ID,
    name="Socket.IO",
    description="Connect to Socket.IO servers, send and subscribe to events, react to what arrives.",
    specs=SPECS,
    settings=SECTION,
    service=SocketIOService,
)
