"""Attributes that name an entry of a plugin's settings list (``AttrKind.SETTING``: a Socket.IO node's
Configuration): the default a newly placed node gets, and the problem the editor shows before a run.

Designers have one server in most projects, so a new node takes the only entry there is; a node
whose attribute names no entry could only fail at run time, so the editor flags it on the node.
"""

from __future__ import annotations

from typing import Any

from runtime.model import Node, Project
from runtime.registry import Registry
from runtime.specs import AttrKind, NodeSpec


def entry_names(project: Project, source: str) -> list[str]:
    """The names of the entries of settings section `source` (e.g. ``socketio``), in order."""
    entries = project.settings.get(source, {}).get("entries", [])
    return [str(e.get("name", "")) for e in entries if isinstance(e, dict)]


def placement_attributes(spec: NodeSpec, project: Project) -> dict[str, Any]:
    """Default attributes of a node placed now: an empty settings reference takes the only entry, if one."""
    values = spec.default_attributes()
    for attribute in spec.attributes:
        if attribute.kind is AttrKind.SETTING and not values.get(attribute.name):
            names = entry_names(project, attribute.source)
            if len(names) == 1:
                values[attribute.name] = names[0]
    return values


def setting_problem(node: Node, spec: NodeSpec, project: Project, registry: Registry) -> tuple[str, str]:
    """("", "") when every settings reference of `node` names an entry, else (short label, explanation)."""
    for attribute in spec.attributes:
        if attribute.kind is not AttrKind.SETTING:
            continue
        value = str(node.attributes.get(attribute.name) or "")
        names = entry_names(project, attribute.source)
        if not value:
            where = f"Project Settings > {_title(registry, attribute.source)}"
            how = f"choose one of {where}" if names else f"add a connection in {where}"
            return f"no {attribute.name}", f"{attribute.name} is empty: {how}."
        if value not in names:
            return (f"{attribute.name} missing",
                    f"{attribute.name} {value!r} is not in Project Settings > {_title(registry, attribute.source)}.")
    return "", ""


def _title(registry: Registry, source: str) -> str:
    """The title of settings section `source` as Project Settings shows it."""
    for plugin in registry.plugins.values():
        if plugin.settings is not None and plugin.settings.key == source:
            return plugin.settings.title
    return source
