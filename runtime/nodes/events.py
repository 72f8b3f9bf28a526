"""Nodes that start pulses: project and scene start, and custom events with a payload."""

from __future__ import annotations

from runtime.engine.instance import NodeInstance
from runtime.specs import (
    ALL_SCOPES,
    EVENT_SCOPES,
    Attribute,
    AttrKind,
    DataPort,
    NodeSpec,
    Scope,
)
from runtime.types import VALUE_TYPES, DataType

_PAYLOAD_TYPE = Attribute("Payload Type", AttrKind.DATA_TYPE, DataType.STRING.value,
                          options=tuple(t.value for t in VALUE_TYPES), description="Data type of the payload.")
_EVENT_NAME = Attribute("Event", AttrKind.STRING, "MyEvent", description="Name of the custom event.")


def _emit_custom(ctx: NodeInstance, payload: object) -> None:
    ctx.engine.emit(("custom", ctx.attrs["Event"]), {"Payload": payload})


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
        "Fires every Custom Event Listener of the same event name, with a payload, then continues.",
        scopes=ALL_SCOPES, attributes=(_EVENT_NAME, _PAYLOAD_TYPE),
        inputs=(DataPort("Payload", "@Payload Type", ""),), run=_emit_custom,
    ),
    NodeSpec(
        "logic.custom_event_listener", "Custom Event Listener", ("Events", "Custom"),
        "Fires when a Custom Event Trigger of the same event name runs; outputs its payload.",
        kind="event", scopes=EVENT_SCOPES, attributes=(_EVENT_NAME, _PAYLOAD_TYPE),
        outputs=(DataPort("Payload", "@Payload Type"),), topic=lambda ctx: ("custom", ctx.attrs["Event"]),
    ),
)
