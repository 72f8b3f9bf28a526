"""How a pulse travels: read this module to follow event -> node -> next node.

`run(inst, pin)` executes nodes one after another *synchronously* for as long as they return a
pulse-output name (the fast path: no task, no await). When a node returns an awaitable, `run`
hands back ``(node, awaitable)`` and the caller continues the branch in `complete`, which awaits
it and goes back to the fast path. Generators (For Loop, For Each Loop, Sequential) yield pulse
outputs to fire in turn. A node that waits affects only its own branch (Incari's rule): a yielded
branch that has to wait goes on in a task of its own and the generator resumes at once, so a
Sequential whose first branch waits prints its second branch first. A generator that runs longer
than a time slice carries on in a task that gives way to the event loop between slices, so a loop
over a huge array leaves the run responsive and stoppable.

Errors end only their branch: they are reported on the node and nothing else stops.
The trace hook costs one ``is not None`` test per node when nobody listens (an attached Debugger
sets ``engine.hook`` to None while it is idle).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Generator
from types import GeneratorType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from runtime.engine.engine import Engine
    from runtime.engine.instance import NodeInstance

#: What `run` hands back when a branch has to wait: the node that awaits, and what it awaits.
Handoff = tuple["NodeInstance", Awaitable[Any]]

#: How long a generator runs before it gives way to the event loop (seconds), checked every
#: `_CHECK_EVERY` steps so that short loops never read the clock.
SLICE_SECONDS = 0.005
_CHECK_EVERY = 256
_MORE = object()  # `_slice`: the generator has more to fire


class PulseRunner:
    """Executes branches for one engine."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def run(self, inst: NodeInstance | None, pin: str = "") -> Handoff | None:
        """Runs the branch from `inst` until it ends (None) or has to wait (a Handoff)."""
        engine = self.engine
        hook = engine.hook
        while inst is not None:
            if inst.skip:  # rare: Enabled off ends the branch, Pulse Pass Through passes the pulse on
                if not inst.enabled:
                    return None
                target = inst.default_next
            else:
                inst.entered = pin
                try:
                    if hook is None:
                        inst.runs += 1
                        result = inst.call()
                    else:
                        args = [get() for get in inst.traced_getters]
                        pause = hook.node_entered(inst, args)
                        if pause is not None:
                            return inst, self._after_pause(inst, args, pause)
                        result = inst.fn(inst, *args)
                    if result.__class__ is GeneratorType:
                        result = self._drive(inst, result)
                except Exception as exc:
                    engine.node_failed(inst, exc)
                    return None
                if result is None:
                    target = inst.default_next
                elif result.__class__ is str:
                    target = inst.next.get(result)
                else:
                    return inst, result
                if hook is not None:
                    hook.node_finished(inst, result)
            if target is None:
                return None
            inst, pin = target
        return None

    async def complete(self, inst: NodeInstance, awaitable: Awaitable[Any]) -> None:
        """Awaits what `inst` waits for, then carries the branch on to its end."""
        handoff: Handoff | None = (inst, awaitable)
        while handoff is not None:
            inst, awaitable = handoff
            try:
                result = await awaitable
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                self.engine.node_failed(inst, exc)
                return
            if self.engine.hook is not None:
                self.engine.hook.node_finished(inst, result)
            target = inst.default_next if result is None else inst.next.get(result)
            handoff = self.run(*target) if target is not None else None

    def fire_branch(self, target: tuple[NodeInstance, str] | None) -> Awaitable[None] | None:
        """Runs a branch; returns an awaitable for its remainder if it had to wait, else None."""
        if target is None:
            return None
        handoff = self.run(*target)
        return None if handoff is None else self.complete(*handoff)

    def _drive(self, inst: NodeInstance, steps: Generator[str, None, str | None]) -> Any:
        """Fires each pulse output a generator yields; returns its final output, or an awaitable of it
        when the generator outlasts one time slice."""
        result = self._slice(inst, steps)
        return self._drive_async(inst, steps) if result is _MORE else result

    async def _drive_async(self, inst: NodeInstance, steps: Generator[str, None, str | None]) -> str | None:
        """Carries a long generator on, one time slice per turn of the event loop (Stop cancels it)."""
        try:
            while True:
                await asyncio.sleep(0)
                result = self._slice(inst, steps)
                if result is not _MORE:
                    return result
        finally:
            steps.close()

    def _slice(self, inst: NodeInstance, steps: Generator[str, None, str | None]) -> Any:
        """Runs the generator for up to one time slice: its final output, or `_MORE`.

        A branch that has to wait is handed to the engine as a task of its own (it is owned by the
        graph run, so Stop and scene switches end it); the generator does not wait for it.
        """
        next_of, run, resume = inst.next.get, self.run, steps.__next__
        deadline = time.monotonic() + SLICE_SECONDS
        count = 0
        try:
            while True:
                target = next_of(resume())
                if target is not None:
                    handoff = run(*target)
                    if handoff is not None:
                        self.engine.continue_later(inst, self.complete(*handoff))
                count += 1
                if count % _CHECK_EVERY == 0 and time.monotonic() > deadline:
                    return _MORE
        except StopIteration as stop:
            return stop.value

    async def _after_pause(self, inst: NodeInstance, args: list[Any], pause: Awaitable[Any]) -> Any:
        """A breakpoint or a step: wait until the debugger lets the node run, then run it with the
        inputs it was paused with (its pure inputs are not evaluated a second time)."""
        await pause
        result = inst.fn(inst, *args)
        if result.__class__ is GeneratorType:
            result = self._drive(inst, result)
        if result is not None and result.__class__ is not str:
            result = await result
        return result
