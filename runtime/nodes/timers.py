"""Timers: Start / Cancel Timeout and Start / Reset Interval, linked by an Int handle (Instance ID).

The rule for how long timers live is in runtime/engine/timers.py and docs/flow-control.md: a
pending timeout or a running interval keeps the run alive, like a waiting Delay; Stop, a scene
switch (for timers started by that scene) and Reset/Cancel end them.
"""

from __future__ import annotations

from runtime.engine.instance import NodeInstance
from runtime.engine.timers import HANDLE, fire_node_output
from runtime.specs import DataPort, NodeSpec
from runtime.types import DataType

_HANDLE_OUT = DataPort(HANDLE, DataType.INT, description="The timer's handle, for Cancel Timeout / Reset Interval.")
_HANDLE_IN = DataPort(HANDLE, DataType.INT, 0, description="The handle a Start node gave out.")


def _start(repeat: bool):
    def start(ctx: NodeInstance, seconds: float) -> str:
        ctx.out[HANDLE] = ctx.engine.timers.start(ctx, seconds, repeat)
        return "OnStart"

    return start


def _cancel(repeat: bool, output: str):
    def cancel(ctx: NodeInstance, handle: int) -> None:
        timer = ctx.engine.timers.cancel(handle, repeat)
        if timer is not None:
            timer.inst.out[HANDLE] = handle
            fire_node_output(timer.inst, output)

    return cancel


SPECS = (
    NodeSpec(
        "logic.start_timeout", "Start Timeout", ("Utilities", "Timeout"),
        "Fires OnStart at once and Out after Seconds, on a branch of its own; Cancel Timeout with its "
        "Instance ID stops it and fires OnEnd instead.",
        pulse_out=("Out", "OnStart", "OnEnd"), inputs=(DataPort("Seconds", DataType.FLOAT, 1.0),),
        outputs=(_HANDLE_OUT,), run=_start(repeat=False),
    ),
    NodeSpec(
        "logic.cancel_timeout", "Cancel Timeout", ("Utilities", "Timeout"),
        "Cancels the pending timeout with this Instance ID (its OnEnd fires); a timeout that has "
        "already fired or been cancelled is left alone.",
        inputs=(_HANDLE_IN,), run=_cancel(repeat=False, output="OnEnd"),
    ),
    NodeSpec(
        "logic.start_interval", "Start Interval", ("Utilities", "Interval"),
        "Fires OnStart at once, then Out every Seconds without drift, each tick on a branch of its "
        "own, until Reset Interval with its Instance ID stops it (or the run ends).",
        pulse_out=("Out", "OnStart", "OnReset"), inputs=(DataPort("Seconds", DataType.FLOAT, 1.0),),
        outputs=(_HANDLE_OUT,), run=_start(repeat=True),
    ),
    NodeSpec(
        "logic.reset_interval", "Reset Interval", ("Utilities", "Interval"),
        "Stops the interval with this Instance ID (its OnReset fires); an interval already stopped "
        "is left alone.",
        inputs=(_HANDLE_IN,), run=_cancel(repeat=True, output="OnReset"),
    ),
)
