"""How a pulse travels: read this module to follow event -> node -> next node.

`run(inst, pin)` executes nodes one after another *synchronously* for as long as they return a
pulse-output name (the fast path: no task, no await). When a node returns an awaitable, `run`
hands back ``(node, awaitable)`` and the caller continues the branch in `complete`, which awaits
it and goes back to the fast path. Generators (For Loop, Sequential) yield pulse outputs to
fire in turn; each yielded branch runs to its end before the generator resumes.

Errors end only their branch: they are reported on the node and nothing else stops.
The trace hook costs one ``is not None`` test per node when nobody listens (an attached Debugger
sets ``engine.hook`` to None while it is idle).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Generator
from types import GeneratorType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from runtime.engine.engine import Engine
    from runtime.engine.instance import NodeInstance

#: What `run` hands back when a branch has to wait: the node that awaits, and what it awaits.
Handoff = tuple["NodeInstance", Awaitable[Any]]


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
        """Fires each pulse output a generator yields; returns its final output (or an awaitable of it)."""
        next_of, run, resume = inst.next.get, self.run, steps.__next__
        try:
            name = resume()
            while True:
                target = next_of(name)
                if target is not None:
                    handoff = run(*target)
                    if handoff is not None:
                        return self._drive_async(inst, steps, self.complete(*handoff))
                name = resume()
        except StopIteration as stop:
            return stop.value

    async def _drive_async(self, inst: NodeInstance, steps: Generator[str, None, str | None],
                           pending: Awaitable[None]) -> str | None:
        try:
            while True:
                await pending
                name = steps.send(None)
                pending = self.fire_branch(inst.next.get(name)) or _done()
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


async def _done() -> None:
    return None
