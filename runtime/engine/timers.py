"""Timeouts and intervals by handle: what Start/Cancel Timeout and Start/Reset Interval act on.

A timer is a task owned by the graph run whose node started it (see `Engine.continue_later`):
it keeps the run alive while it is pending, and a scene switch or Stop ends it. Handles are Ints
unique for the run, starting at 1, so that 0 can mean "no timer".

An interval keeps its phase: tick k is due at start + k * period on the event loop's clock, so
lateness never accumulates; a tick whose branch overran whole periods skips those ticks rather
than firing them in a burst.
"""

from __future__ import annotations

import asyncio
import itertools
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from runtime.engine.engine import Engine
    from runtime.engine.instance import NodeInstance

#: The output a timer's node reports its handle on (Incari's name).
HANDLE = "Instance ID"


@dataclass
class Timer:
    """One pending timeout or running interval, started by node `inst`."""

    handle: int
    inst: NodeInstance
    repeat: bool
    task: asyncio.Task[None] | None = None


class Timers:
    """The engine's timers by handle."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.active: dict[int, Timer] = {}
        self._handles = itertools.count(1)

    def start(self, inst: NodeInstance, seconds: float, repeat: bool) -> int:
        """Starts a timer that fires `inst`'s Out after `seconds` (every `seconds` if `repeat`)."""
        _check_seconds(seconds, repeat)
        timer = Timer(next(self._handles), inst, repeat)
        started = asyncio.get_running_loop().time()  # ticks keep the phase of the pulse that started them
        run = self._interval(timer, seconds, started) if repeat else self._timeout(timer, seconds)
        timer.task = self.engine.continue_later(inst, run)
        self.active[timer.handle] = timer
        return timer.handle

    def cancel(self, handle: int, repeat: bool) -> Timer | None:
        """Ends timer `handle`; returns it, or None if it has already ended (or never existed)."""
        timer = self.active.get(handle)
        if timer is None:
            return None
        if timer.repeat is not repeat:
            wanted, found = ("an interval", "a timeout") if repeat else ("a timeout", "an interval")
            raise ValueError(f"Instance ID {handle} is {found}, not {wanted}: "
                             f"use {'Reset Interval' if timer.repeat else 'Cancel Timeout'}")
        del self.active[handle]
        assert timer.task is not None
        timer.task.cancel()
        return timer

    async def _timeout(self, timer: Timer, seconds: float) -> None:
        try:
            await asyncio.sleep(seconds)
        finally:
            self.active.pop(timer.handle, None)
        self._fire(timer)

    async def _interval(self, timer: Timer, period: float, started: float) -> None:
        loop = asyncio.get_running_loop()
        due = started + period
        try:
            while True:
                await asyncio.sleep(due - loop.time())
                self._fire(timer)
                due += period
                late = loop.time() - due
                if late >= 0:  # the branch overran whole periods: skip them, keep the phase
                    due += (math.floor(late / period) + 1) * period
        finally:
            self.active.pop(timer.handle, None)

    def _fire(self, timer: Timer) -> None:
        """Fires the timer node's Out with its handle on Instance ID; a waiting branch goes on alone."""
        inst = timer.inst
        inst.out[HANDLE] = timer.handle
        fire_node_output(inst, "Out")


def fire_node_output(inst: NodeInstance, output: str) -> None:
    """Fires pulse output `output` of `inst` as a branch of its own (a timer tick, a cancellation)."""
    engine = inst.engine
    pending = engine.runner.fire_branch(inst.next.get(output))
    if pending is not None:
        engine.continue_later(inst, pending)


def _check_seconds(seconds: float, repeat: bool) -> None:
    if not math.isfinite(seconds):
        raise ValueError(f"Seconds must be a finite number (got {seconds})")
    if repeat and seconds <= 0:
        raise ValueError(f"an interval's Seconds must be greater than 0 (got {seconds})")
    if seconds < 0:
        raise ValueError(f"Seconds must not be negative (got {seconds})")
