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

A branch never holds the event loop for long. Every step of a generator, every event fired
(`Engine.fire`) and every pass through a node that a pulse cycle comes back to (`loop_head`, found
when the graph is compiled) counts down the runner's `ticks`: plain nodes pay nothing. Every CHECK_EVERY ticks the
runner looks at the clock. A branch that has run for
SLICE_SECONDS, or any branch once TURN_SECONDS have passed since the loop's last turn, hands off as
if it awaited a zero sleep and carries on where it was on a later turn, with a fresh slice. A
branch that had to stop before its slice was used resumes first next turn, the ones that used
theirs after the I/O and timers of that turn: so timers, Socket.IO traffic, signals and Stop stay
live, every yielded branch gets its share, and a stopped engine's branches end at their next check.

In the editor the engine runs in a process of its own (runtime/engine/runprocess.py), so it never
shares the interpreter lock with the window: the same rules hold there as in `pulse-run`.
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

#: A pulse output no node has: returned to end a branch.
END = ""

#: Nodes (or generator steps) between two looks at the clock: a look costs about 0.1 µs, a node
#: about 0.3 µs, so one every 256 nodes is lost in the noise and still comes every ~0.1 ms.
CHECK_EVERY = 256
#: How long one branch may run before it lets others (and the loop) have a turn.
SLICE_SECONDS = 0.005
#: How long all branches together may run before the loop gets its turn (I/O, timers, signals).
TURN_SECONDS = 0.02
#: The zero sleep of a branch that used its slice: a timer, so that it runs after what is ready.
_BEHIND = 1e-9
class Resume:
    """What a yield's awaitable returns: go on with the node it stopped at, entered by `pin`."""

    __slots__ = ("pin",)

    def __init__(self, pin: str) -> None:
        self.pin = pin


async def resume_later(pin: str, behind: bool) -> Resume:
    """Lets the event loop have a turn (queued `behind` what is ready), then says where to go on."""
    await asyncio.sleep(_BEHIND if behind else 0)
    return Resume(pin)


class PulseRunner:
    """Executes branches for one engine."""

    __slots__ = ("engine", "slice_start", "slice_used", "ticks", "turn_start")

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.ticks = CHECK_EVERY  # nodes left before the next look at the clock
        self.slice_start: float | None = None  # when the running branch's slice began
        self.turn_start: float | None = None  # when the loop's current turn began
        self.slice_used = False  # why the last yield happened: the slice was used, not the turn

    def must_yield(self) -> bool:
        """Called every CHECK_EVERY nodes: True when the branch must let others have a turn (or the
        engine is stopping). Then `ticks` stays at 0, so that enclosing branches check at once too."""
        self.ticks = CHECK_EVERY
        now = time.perf_counter()
        if self.engine.stopped:
            self.ticks = 0
            return True
        if self.turn_start is None:
            try:
                asyncio.get_running_loop().call_soon(self._new_turn)
            except RuntimeError:  # no loop: nothing to yield to
                return False
            self.turn_start = now
        if self.slice_start is None:
            self.slice_start = now
        used = now - self.slice_start >= SLICE_SECONDS
        if not used and now - self.turn_start < TURN_SECONDS:
            return False
        self.ticks, self.slice_used, self.slice_start = 0, used, None
        return True

    def later(self) -> Awaitable[Any]:
        """What a branch that must yield awaits before its next step."""
        return asyncio.sleep(_BEHIND if self.slice_used else 0)

    def _new_turn(self) -> None:
        self.turn_start = self.slice_start = None

    def run(self, inst: NodeInstance | None, pin: str = "") -> Handoff | None:
        """Runs the branch from `inst` until it ends (None) or has to wait (a Handoff)."""
        engine = self.engine
        hook = engine.hook
        while inst is not None:
            if inst.skip:  # rare: Enabled off, Pulse Pass Through, or a node a pulse cycle comes back to
                if inst.loop_head:  # a cycle is one long call of `run`: it counts here, once a round
                    self.ticks -= 1
                    if self.ticks < 0 and self.must_yield():
                        return None if engine.stopped else (inst, resume_later(pin, self.slice_used))
                if not inst.enabled:
                    return None
                if inst.pass_through:
                    target = inst.default_next
                    if target is None:
                        return None
                    inst, pin = target
                    continue
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
            if result.__class__ is Resume:
                self.slice_start = None  # a fresh slice
                handoff = None if self.engine.stopped else self.run(inst, result.pin)
                continue
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
        when the generator had to give way to the event loop."""
        try:
            return self._drive_async(inst, steps, self._advance(inst, steps))
        except StopIteration as stop:
            return stop.value

    def _advance(self, inst: NodeInstance, steps: Generator[str, None, str | None]) -> Awaitable[Any]:
        """Fires the generator's outputs synchronously until its time slice is used (returns what to
        await before the next step) or it ends (raises StopIteration with its output).

        A yielded branch that has to wait goes on as a task of its own, owned by the graph run (Stop
        and scene switches end it): the generator does not wait for it (Incari's rule).
        """
        next_of, run, resume = inst.next.get, self.run, steps.__next__
        while True:
            target = next_of(resume())
            if target is not None:
                handoff = run(*target)
                if handoff is not None:
                    self.engine.continue_later(inst, self.complete(*handoff))
            self.ticks -= 1  # every step counts too: a huge empty loop yields as well, a stopped one ends
            if self.ticks < 0 and self.must_yield():
                if self.engine.stopped:
                    steps.close()
                    raise StopIteration(END)
                return self.later()

    async def _drive_async(self, inst: NodeInstance, steps: Generator[str, None, str | None],
                           pending: Awaitable[Any]) -> str | None:
        """Carries a long generator on, one time slice per turn of the event loop (Stop cancels it)."""
        try:
            while True:
                await pending
                self.slice_start = None  # a fresh slice
                pending = self._advance(inst, steps)
        except StopIteration as stop:
            return stop.value
        finally:
            steps.close()  # cancelled (Stop, a scene switch): the loop ends here too

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
