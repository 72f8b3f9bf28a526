"""The plugin's per-run service: one `Connection` per entry of Project Settings > Socket.IO.

Created by the engine when a run starts (``Plugin.service``) and reached by the nodes as
``ctx.engine.services["socketio"]``. Connections do nothing until a Socket.IO Start runs.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from runtime.plugins.socketio import topics
from runtime.plugins.socketio.connection import Connection
from runtime.plugins.socketio.settings import SECTION_KEY, ConnectionSettings, normalise_namespace

if TYPE_CHECKING:
    from runtime.engine.engine import Engine
    from runtime.model import Project


class SocketIOService:
    """All connections of one run. `busy()` is True while any of them is connecting, up or reconnecting."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.connections: dict[str, Connection] = {}

    async def start(self) -> None:
        """Reads the settings (already validated by the engine) and the namespaces each connection joins."""
        literal = literal_namespaces(self.engine.project)
        for entry in self.engine.project.settings.get(SECTION_KEY, {}).get("entries", []):
            settings = ConnectionSettings.from_entry(entry)
            namespaces = tuple(dict.fromkeys([*settings.namespaces, *literal.get(settings.name, [])])) or ("/",)
            self.connections[settings.name] = Connection(self.engine, settings, namespaces)

    async def stop(self) -> None:
        """Disconnects everything and ends every reconnect loop; no task or socket is left."""
        if self.connections:
            await asyncio.gather(*(c.shutdown() for c in self.connections.values()))

    def busy(self) -> bool:
        return any(c.busy() for c in self.connections.values())


def literal_namespaces(project: Project) -> dict[str, list[str]]:
    """Per connection name, the namespaces its Send/Subscribe/Unsubscribe nodes write as literals.

    Joined by the connect itself, so that a Start fails at once when the server refuses one of them.
    A Namespace fed by a data connection is joined on the live connection when first used instead.
    """
    found: dict[str, list[str]] = {}
    for graph, node in project.iter_nodes():
        if node.type not in topics.NAMESPACE_USERS or graph.links_into(node.id, "Namespace"):
            continue
        namespace = node.attributes.get("Namespace", "/")
        if isinstance(namespace, str):
            found.setdefault(str(node.attributes.get(topics.CONFIGURATION, "")), []).append(
                normalise_namespace(namespace))
    return found
