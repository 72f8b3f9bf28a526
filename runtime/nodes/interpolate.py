"""Interpolate: moves a value from From to To over Duration seconds, firing Out at each step.

Incari's timed interpolation. Start fires OnStart at once and begins (or restarts) the
interpolation in the background; every Interval Time it sets Value and fires Out; after the last
cycle Value is exactly the end value and OnEnd fires. Reset stops it, sets Value back to From and
fires OnReset. Steps are scheduled from the start time, so a slow Out branch never makes the
interpolation drift or fire a backlog; a late step is skipped to the one that is due.

An interpolation keeps a headless run alive until it ends (Infinite: until Reset, Stop Runtime,
--timeout or a signal); switching scene or stopping the run cancels it.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import Callable
from typing import TYPE_CHECKING

from runtime.engine.instance import NodeInstance
from runtime.nodes.numbers import show
from runtime.specs import Attribute, AttrKind, DataPort, NodeSpec, Scope
from runtime.types import DataType

if TYPE_CHECKING:
    from runtime.engine.engine import GraphRun

EASINGS: dict[str, Callable[[float], float]] = {
    "Linear": lambda t: t,
    "Ease In": lambda t: t * t,
    "Ease Out": lambda t: 1 - (1 - t) * (1 - t),
    "Ease In Out": lambda t: t * t * (3 - 2 * t),
}
MODES = ("Once", "Repeat", "Ping Pong")
MAX_STEPS = 1_000_000  # per cycle: Duration / Interval Time beyond this is a node error


def _cancel(ctx: NodeInstance) -> None:
    task = ctx.data
    ctx.data = None
    if task is not None and not task.done():
        task.cancel()


def _setup(ctx: NodeInstance) -> None:
    ctx.data = None  # the running interpolation's task
    ctx.run.cleanups.append(lambda: _cancel(ctx))


def _owner(ctx: NodeInstance) -> GraphRun | None:
    """Whose tasks the background work joins: the node's graph run (cancelled with its scene), or for a
    function's frame, which outlives its call, the engine's own (cancelled when the run stops)."""
    return None if ctx.run.graph.kind is Scope.FUNCTION else ctx.run


def _fire(ctx: NodeInstance, output: str) -> None:
    """Fires one pulse output of the node from its background task; a waiting branch goes on on its own."""
    pending = ctx.engine.runner.fire_branch(ctx.next.get(output))
    if pending is not None:
        ctx.engine.spawn(pending, _owner(ctx))


def _interpolate(ctx: NodeInstance, duration: float, count: int, start: float, end: float) -> str:
    if ctx.entered == "Reset":
        _cancel(ctx)
        ctx.out["Value"] = start
        return "OnReset"
    interval = float(ctx.attrs["Interval Time (s)"])
    if not (math.isfinite(duration) and duration > 0):
        raise ValueError(f"Duration (s) must be greater than 0, not {show(duration)}")
    if not (math.isfinite(interval) and interval > 0):
        raise ValueError(f"Interval Time (s) must be greater than 0, not {show(interval)}")
    if duration / interval > MAX_STEPS:
        raise ValueError(f"{show(duration)} s in steps of {show(interval)} s is more than {MAX_STEPS} steps")
    once = ctx.attrs["Mode"] == "Once"
    if not once and not ctx.attrs["Infinite"] and count < 1:
        raise ValueError(f"Count must be 1 or more, not {count}")
    _cancel(ctx)
    ctx.out["Value"] = start
    cycles = 1 if once else (None if ctx.attrs["Infinite"] else count)
    ctx.data = ctx.engine.spawn(_animate(ctx, duration, interval, cycles, start, end), _owner(ctx))
    return "OnStart"


async def _animate(ctx: NodeInstance, duration: float, interval: float, cycles: int | None, start: float,
                   end: float) -> None:
    ease = EASINGS[ctx.attrs["Type"]]
    ping_pong = ctx.attrs["Mode"] == "Ping Pong"
    steps = max(1, math.ceil(duration / interval - 1e-9))
    loop = asyncio.get_running_loop()
    began = loop.time()
    total = None if cycles is None else cycles * steps
    done = 0  # steps fired so far, over all cycles
    while total is None or done < total:
        due = done + 1
        await asyncio.sleep(max(0.0, began + due * duration / steps - loop.time()))
        elapsed = int((loop.time() - began) * steps / duration + 1e-9)  # the latest step now due
        done = max(due, min(elapsed, total) if total is not None else elapsed)
        cycle, step = divmod(done, steps)
        if step == 0:
            cycle, step = cycle - 1, steps
        forward = not (ping_pong and cycle % 2)
        fraction = ease(step / steps)
        a, b = (start, end) if forward else (end, start)
        ctx.out["Value"] = b if step == steps else a + (b - a) * fraction
        _fire(ctx, "Out")
    ctx.data = None
    _fire(ctx, "OnEnd")


SPECS = (
    NodeSpec(
        "logic.interpolate", "Interpolate", ("Math",),
        "Start: moves Value from From to To over Duration, firing Out at every Interval Time, then OnEnd; "
        "Reset stops and returns to From.",
        pulse_in=("Start", "Reset"), pulse_out=("OnStart", "Out", "OnReset", "OnEnd"),
        attributes=(
            Attribute("Type", AttrKind.CHOICE, "Linear", options=tuple(EASINGS), description="The easing curve."),
            Attribute("Mode", AttrKind.CHOICE, "Once", options=MODES,
                      description="Once; Repeat: From to To Count times; Ping Pong: there and back, Count legs."),
            Attribute("Infinite", AttrKind.BOOL, False, description="Repeat or Ping Pong until Reset."),
            Attribute("Interval Time (s)", AttrKind.FLOAT, 0.05, minimum=0.001,
                      description="Time between two steps (Out fires at each)."),
        ),
        inputs=(DataPort("Duration (s)", DataType.FLOAT, 1.0), DataPort("Count", DataType.INT, 1),
                DataPort("From", DataType.FLOAT, 0.0), DataPort("To", DataType.FLOAT, 1.0)),
        outputs=(DataPort("Value", DataType.FLOAT),), setup=_setup, run=_interpolate,
    ),
)
