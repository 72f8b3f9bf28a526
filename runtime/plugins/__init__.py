"""Plugins shipped with Pulse Studio. Each is a subpackage; adding one means adding it here."""

from __future__ import annotations

from runtime.registry import Plugin


def builtin_plugins() -> list[Plugin]:
    """The built-in plugins, core first (their order is the Toolbox's)."""
    from runtime.nodes import LOGIC_PLUGIN
    from runtime.plugins.socketio.plugin import SOCKETIO_PLUGIN

    return [LOGIC_PLUGIN, SOCKETIO_PLUGIN]
