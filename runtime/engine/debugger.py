"""Breakpoints, pause, resume and stepping, as a trace hook the editor's debugger drives.

A branch that must stop waits on a future of its own, so other branches (timers, network events)
are not blocked unless they, too, reach a breakpoint or a step. Observers (the editor) subscribe
to the signals; they are told about every node only while a debugger is attached.

An attached Debugger costs nothing while it is idle (no breakpoint, no pause or step, nobody
connected to `entered`/`finished`/`evaluated`/`failed`): it sets the engine's `hook` to None, and
back to itself as soon as one of those appears ("armed").
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from runtime.engine.instance import NodeInstance
from runtime.signal import Signal

if TYPE_CHECKING:
    from runtime.engine.engine import Engine


@dataclass
class _Waiting:
    inst: NodeInstance
    inputs: list[Any]
    resume: asyncio.Future[None]


class Debugger:
    """A TraceHook. Signals: `entered(inst, inputs)`, `finished(inst, pulse_out)`,
    `evaluated(inst, value)`, `failed(inst, error)`, `paused(inst, inputs)`, `resumed()`."""

    def __init__(self, breakpoints: set[str] | None = None) -> None:
        self._engine: Engine | None = None
        self._breakpoints: set[str] = set(breakpoints or ())
        rearm = self._rearm
        self.entered, self.finished, self.evaluated = Signal(rearm), Signal(rearm), Signal(rearm)
        self.failed, self.paused, self.resumed = Signal(rearm), Signal(), Signal()
        self._waiting: list[_Waiting] = []
        self._mode: tuple[str, int] | None = None  # ("pause" | "into" | "over" | "out", frame depth)
        # A subclass that overrides a trace method (to record every node) wants every call.
        cls = type(self)
        self._observes_all = any(getattr(cls, name) is not getattr(Debugger, name)
                                 for name in ("node_entered", "node_finished", "node_evaluated", "node_failed"))

    # --- arming -----------------------------------------------------------------------------
    def attach(self, engine: Engine) -> None:
        """Called by `Engine(hook=debugger)`: from now on the engine calls this hook only while it is armed."""
        self._engine = engine
        self._rearm()

    @property
    def armed(self) -> bool:
        """Whether the engine must report every node: breakpoints, a pause or step, or per-node observers."""
        return bool(self._observes_all or self._breakpoints or self._mode is not None or self._waiting
                    or self.entered or self.finished or self.evaluated or self.failed)

    def _rearm(self) -> None:
        if self._engine is not None:
            self._engine.hook = self if self.armed else None

    @property
    def breakpoints(self) -> frozenset[str]:
        """The node ids to stop at; change them with `set_breakpoints` or `toggle_breakpoint`."""
        return frozenset(self._breakpoints)

    @breakpoints.setter
    def breakpoints(self, node_ids: set[str]) -> None:
        self._breakpoints = set(node_ids)
        self._rearm()

    # --- commands ---------------------------------------------------------------------------
    @property
    def paused_at(self) -> NodeInstance | None:
        return self._waiting[0].inst if self._waiting else None

    def set_breakpoints(self, node_ids: set[str]) -> None:
        self.breakpoints = set(node_ids)

    def toggle_breakpoint(self, node_id: str) -> bool:
        """Adds or removes a breakpoint; returns whether the node now has one."""
        self._breakpoints.symmetric_difference_update({node_id})
        self._rearm()
        return node_id in self._breakpoints

    def pause(self) -> None:
        """Stops every branch at the next node it reaches."""
        self._mode = ("pause", 0)
        self._rearm()

    def resume(self) -> None:
        self._mode = None
        self._release(all_branches=True)
        self._rearm()

    def step(self) -> None:
        """Runs the paused node and stops at the next one at the same or an outer function depth."""
        self._step("over")

    def step_into(self) -> None:
        """Runs the paused node and stops at the very next node, inside a called function too."""
        self._step("into")

    def step_out(self) -> None:
        """Runs until the current function returns to its caller."""
        self._step("out")

    def _step(self, kind: str) -> None:
        if self._waiting:
            self._mode = (kind, self._waiting[0].inst.run.depth)
            self._release(all_branches=False)
            self._rearm()

    def _release(self, all_branches: bool) -> None:
        released, self._waiting = (self._waiting, []) if all_branches else (self._waiting[:1], self._waiting[1:])
        for waiting in released:
            if not waiting.resume.done():
                waiting.resume.set_result(None)
        self.resumed.emit()
        if self._waiting:
            first = self._waiting[0]
            self.paused.emit(first.inst, first.inputs)

    # --- TraceHook --------------------------------------------------------------------------
    def node_entered(self, inst: NodeInstance, inputs: list[Any]) -> Any:
        if self.entered:
            self.entered.emit(inst, inputs)
        if inst.id in self._breakpoints or self._should_step(inst):
            return self._wait(inst, inputs)
        return None

    def node_finished(self, inst: NodeInstance, pulse_out: str | None) -> None:
        if self.finished:
            self.finished.emit(inst, pulse_out)

    def node_evaluated(self, inst: NodeInstance, value: Any) -> None:
        if self.evaluated:
            self.evaluated.emit(inst, value)

    def node_failed(self, inst: NodeInstance, error: Exception) -> None:
        if self.failed:
            self.failed.emit(inst, error)

    def _should_step(self, inst: NodeInstance) -> bool:
        if self._mode is None:
            return False
        kind, depth = self._mode
        return (kind in ("pause", "into") or (kind == "over" and inst.run.depth <= depth)
                or (kind == "out" and inst.run.depth < depth))

    async def _wait(self, inst: NodeInstance, inputs: list[Any]) -> None:
        waiting = _Waiting(inst, inputs, asyncio.get_running_loop().create_future())
        self._waiting.append(waiting)
        if len(self._waiting) == 1:
            self._mode = None
            self.paused.emit(inst, inputs)
        try:
            await waiting.resume
        finally:
            if waiting in self._waiting:
                self._waiting.remove(waiting)
            self._rearm()
