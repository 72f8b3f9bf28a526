"""The Socket.IO plugin: its node specs, its Project Settings section and its runtime service."""

from __future__ import annotations

from runtime.registry import Plugin

SOCKETIO_PLUGIN = Plugin(
    id="socketio",
    name="Socket.IO",
    description="Connect to Socket.IO servers, send and subscribe to events, react to what arrives.",
    specs=(),
)
