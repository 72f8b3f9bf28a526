"""The Socket.IO plugin: its node specs, its Project Settings section and its runtime service."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from runtime.plugins.socketio.nodes import SPECS
from runtime.plugins.socketio.settings import SECTION
from runtime.plugins.socketio.topics import PLUGIN_ID
from runtime.registry import Plugin

if TYPE_CHECKING:
    from runtime.engine.engine import Engine


def _service(engine: Engine) -> Any:
    """The connections of one run. Imported here, not above: python-socketio and aiohttp take a
    noticeable part of the editor's start-up, and only a run needs them."""
    from runtime.plugins.socketio.service import SocketIOService

    return SocketIOService(engine)


SOCKETIO_PLUGIN = Plugin(
    id=PLUGIN_ID,
    name="Socket.IO",
    description="Connect to Socket.IO servers, send and subscribe to events, react to what arrives.",
    specs=SPECS,
    settings=SECTION,
    service=_service,
    preload=("runtime.plugins.socketio.service",),
)
