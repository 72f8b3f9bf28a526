"""Nodes that start pulses: project and scene start, and custom events with typed parameters.

A custom event is declared once in the project's Events list with its parameters; every Custom
Event Trigger of that event gets one data input per parameter and every Listener one data
output, so a Trigger's values arrive typed at all its Listeners. A node naming an event that is
not declared still runs (it carries no values); the editor flags the missing event.
"""

from __future__ import annotations

from typing import Any

from runtime.engine.instance import NodeInstance
from runtime.model import Node
from runtime.specs import (
    ALL_SCOPES,
    EVENT_SCOPES,
    Attribute,
    AttrKind,
    NodeSpec,
    PortEnv,
    Ports,
    Scope,
)

_EVENT_NAME = Attribute("Event", AttrKind.EVENT, "", description="The custom event, from the project's Events list.")


def _parameters(node: Node, env: PortEnv) -> tuple[tuple[str, Any], ...]:
    event = env.project.event(str(node.attributes.get("Event", "")))
    return tuple((p.name, p.type) for p in event.parameters) if event else ()


def _trigger_ports(node: Node, env: PortEnv) -> Ports:
    return Ports(inputs=_parameters(node, env))


def _listener_ports(node: Node, env: PortEnv) -> Ports:
    return Ports(outputs=_parameters(node, env))


def _emit_custom(ctx: NodeInstance, *values: Any) -> None:
    names = [name for name, _ in ctx.ports.inputs]
    ctx.engine.emit(("custom", ctx.attrs["Event"]), dict(zip(names, values, strict=True)))


SPECS = (
    NodeSpec(
        "logic.on_project_start", "On Project Start", ("Events",),
        "Fires once when the run starts, before the start scene.",
        kind="event", scopes=frozenset({Scope.PROJECT}), topic=lambda ctx: ("project.start",),
    ),
    NodeSpec(
        "logic.on_scene_start", "On Scene Start", ("Events",),
        "Fires each time this scene (or the scene holding this prefab) becomes the active one.",
        kind="event", scopes=frozenset({Scope.SCENE, Scope.PREFAB}), topic=lambda ctx: ("scene.start",),
    ),
    NodeSpec(
        "logic.custom_event_trigger", "Custom Event Trigger", ("Events", "Custom"),
        "Fires every Custom Event Listener of the same event, with its parameters (one input each), "
        "then continues.",
        scopes=ALL_SCOPES, attributes=(_EVENT_NAME,), extra_ports=_trigger_ports, run=_emit_custom,
    ),
    NodeSpec(
        "logic.custom_event_listener", "Custom Event Listener", ("Events", "Custom"),
        "Fires when a Custom Event Trigger of the same event runs; outputs the event's parameters.",
        kind="event", scopes=EVENT_SCOPES, attributes=(_EVENT_NAME,), extra_ports=_listener_ports,
        topic=lambda ctx: ("custom", ctx.attrs["Event"]),
    ),
)
