"""Trigonometry: Sine … Arc Tangent 2 and the Radian-Degree Converter, in degrees or radians.

`Is Degree` says whether angles (the input of Sine, Cosine, Tangent; the output of the arc
functions) are in degrees. Exact angles stay exact in degrees: sin(180°) is 0.0, not 1.2e-16,
and tan(90°) is a node error instead of a meaningless 1.6e16.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from runtime.engine.instance import NodeInstance
from runtime.nodes.numbers import show
from runtime.specs import Attribute, AttrKind, DataPort, NodeSpec
from runtime.types import DataType

_IS_DEGREE = Attribute("Is Degree", AttrKind.BOOL, True, description="Angles in degrees (on) or radians (off).")
_OUTPUT = (DataPort("Output", DataType.FLOAT),)


def _quarter_turns(degrees: float) -> int | None:
    """k mod 4 when `degrees` is a whole multiple k of 90°, else None."""
    if math.isfinite(degrees) and degrees % 90 == 0:
        return int(degrees // 90) % 4
    return None


def _sine(ctx: NodeInstance, angle: float) -> float:
    if ctx.attrs["Is Degree"]:
        exact = _quarter_turns(angle)
        if exact is not None:
            return (0.0, 1.0, 0.0, -1.0)[exact]
        angle = math.radians(angle)
    return _checked(math.sin, angle, "Sine")


def _cosine(ctx: NodeInstance, angle: float) -> float:
    if ctx.attrs["Is Degree"]:
        exact = _quarter_turns(angle)
        if exact is not None:
            return (1.0, 0.0, -1.0, 0.0)[exact]
        angle = math.radians(angle)
    return _checked(math.cos, angle, "Cosine")


def _tangent(ctx: NodeInstance, angle: float) -> float:
    if ctx.attrs["Is Degree"]:
        exact = _quarter_turns(angle)
        if exact is not None:
            if exact % 2:
                raise ValueError(f"the tangent of {show(angle)}° is undefined")
            return 0.0
        angle = math.radians(angle)
    return _checked(math.tan, angle, "Tangent")


def _checked(fn: Callable[[float], float], angle: float, name: str) -> float:
    if math.isinf(angle):
        raise ValueError(f"{name} of {show(angle)} is undefined")
    return fn(angle)


def _angle(ctx: NodeInstance, radians: float) -> float:
    return math.degrees(radians) if ctx.attrs["Is Degree"] else radians


def _unit_interval(value: float, name: str) -> None:
    if not -1.0 <= value <= 1.0 and not math.isnan(value):
        raise ValueError(f"{name} needs an Input from -1 to 1, not {show(value)}")


def _arc_sine(ctx: NodeInstance, value: float) -> float:
    _unit_interval(value, "Arc Sine")
    return _angle(ctx, math.asin(value))


def _arc_cosine(ctx: NodeInstance, value: float) -> float:
    _unit_interval(value, "Arc Cosine")
    return _angle(ctx, math.acos(value))


def _arc_tangent(ctx: NodeInstance, value: float) -> float:
    return _angle(ctx, math.atan(value))


def _arc_tangent2(ctx: NodeInstance, y: float, x: float) -> float:
    return _angle(ctx, math.atan2(y, x))


_MODES = ("Degree_to_Radian", "Radian_to_Degree")


def _convert(ctx: NodeInstance, angle: float) -> float:
    return math.radians(angle) if ctx.attrs["Mode"] == _MODES[0] else math.degrees(angle)


def _trig(type_id: str, name: str, description: str, fn: Callable[..., float], default: float = 0.0) -> NodeSpec:
    return NodeSpec(type_id, name, ("Math", "Trigonometry"), description, kind="pure", attributes=(_IS_DEGREE,),
                    inputs=(DataPort("Input", DataType.FLOAT, default),), outputs=_OUTPUT, run=fn)


SPECS = (
    _trig("logic.sine", "Sine", "The sine of the angle Input.", _sine),
    _trig("logic.cosine", "Cosine", "The cosine of the angle Input.", _cosine),
    _trig("logic.tangent", "Tangent", "The tangent of the angle Input (undefined at 90° + k·180°).", _tangent),
    _trig("logic.arc_sine", "Arc Sine", "The angle whose sine is Input (-1 to 1).", _arc_sine),
    _trig("logic.arc_cosine", "Arc Cosine", "The angle whose cosine is Input (-1 to 1).", _arc_cosine, 1.0),
    _trig("logic.arc_tangent", "Arc Tangent", "The angle whose tangent is Input.", _arc_tangent),
    NodeSpec(
        "logic.arc_tangent2", "Arc Tangent 2", ("Math", "Trigonometry"),
        "The angle from the positive X axis to the point (x, y), from -180° to 180°.", kind="pure",
        attributes=(_IS_DEGREE,), inputs=(DataPort("y", DataType.FLOAT, 0.0), DataPort("x", DataType.FLOAT, 1.0)),
        outputs=_OUTPUT, run=_arc_tangent2,
    ),
    NodeSpec(
        "logic.radian_degree_converter", "Radian-Degree Converter", ("Math", "Trigonometry"),
        "Converts an angle from degrees to radians or back.", kind="pure",
        attributes=(Attribute("Mode", AttrKind.CHOICE, _MODES[0], options=_MODES,
                              description="Which way to convert."),),
        inputs=(DataPort("Input", DataType.FLOAT, 0.0),), outputs=_OUTPUT, run=_convert,
    ),
)
