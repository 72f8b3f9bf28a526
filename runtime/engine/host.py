"""Runs a project in a thread of its own and reports what happens, for the editor's Run and Debug.

The run works on a snapshot of the project (edits during a run apply to the next run). What the
engine does is recorded cheaply on its own thread (the last nodes executed, their values, console
records, pauses); the editor drains it at its own pace, so a graph running thousands of pulses a
second costs the window a few redraws a second, not one per pulse.
"""

from __future__ import annotations

import asyncio
import sys
import threading
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from runtime import fileformat
from runtime.engine.console import ConsoleRecord
from runtime.engine.debugger import Debugger
from runtime.engine.engine import Engine, EngineError
from runtime.engine.instance import NodeInstance
from runtime.engine.interpreter import SWITCH_SECONDS
from runtime.loopthread import LoopThread
from runtime.model import Project
from runtime.overrides import instance_project
from runtime.registry import Registry, default_registry


@dataclass
class RunReport:
    """What happened since the last drain: nodes that ran, values seen, console lines, state."""

    executed: dict[str, str] = field(default_factory=dict)  # node id -> graph id
    values: dict[str, dict[str, Any]] = field(default_factory=dict)  # node id -> {"in": .., "out": ..}
    records: list[ConsoleRecord] = field(default_factory=list)
    paused: tuple[str, str] | None = None  # (node id, graph id) where a branch waits
    resumed: bool = False
    ended: int | None = None  # exit code, once the run is over
    pulses: int = 0  # nodes executed since the last drain


class _Recorder(Debugger):
    """A Debugger that also remembers, cheaply, what ran and with which values."""

    def __init__(self, host: RunHost, breakpoints: set[str], values: bool) -> None:
        super().__init__(breakpoints)
        self.host, self.keep_values = host, values
        # A plain run is not traced node by node (that halved its speed): nodes count their runs and
        # `RunHost.drain` reads the counts once a frame. Debug runs, breakpoints and steps trace.
        self._observes_all = values
        # The run's thread writes these and `take()` swaps them from the window's thread: under `lock`,
        # or a write landing between the swap and the read would go into a report already handed out.
        self.lock = threading.Lock()
        self.executed: dict[str, str] = {}
        self.values: dict[str, dict[str, Any]] = {}
        self.count = 0

    def node_entered(self, inst: NodeInstance, inputs: list[Any]) -> Any:
        with self.lock:
            self.count += 1
            self.executed[inst.id] = inst.run.graph.id
            if self.keep_values:
                self.values[inst.id] = {"in": dict(zip([n for n, _ in inst.ports.inputs], inputs, strict=False))}
        return super().node_entered(inst, inputs)

    def node_finished(self, inst: NodeInstance, pulse_out: str | None) -> None:
        if self.keep_values and inst.out:
            with self.lock:
                self.values.setdefault(inst.id, {})["out"] = dict(inst.out)
        super().node_finished(inst, pulse_out)

    def node_evaluated(self, inst: NodeInstance, value: Any) -> None:
        with self.lock:
            self.executed[inst.id] = inst.run.graph.id
            if self.keep_values:
                self.values[inst.id] = {"out": {n: value for n, _ in inst.ports.outputs[:1]}}
        super().node_evaluated(inst, value)

    def take(self) -> tuple[dict[str, str], dict[str, dict[str, Any]], int]:
        """What was recorded since the last call (nodes run, their values, how many runs); from any thread."""
        with self.lock:
            taken = self.executed, self.values, self.count
            self.executed, self.values, self.count = {}, {}, 0
        return taken


class RunHost:
    """One run of a project, in its own thread. `start()`, then `drain()` regularly, then `stop()`.

    Parameters:
        project: the project; a snapshot is taken now.
        debug: keep input/output values and honour breakpoints [False: light highlighting only].
        breakpoints: node ids to stop at.
        scene: scene name to start in [the start scene].
    """

    def __init__(self, project: Project, registry: Registry | None = None, debug: bool = False,
                 breakpoints: set[str] | None = None, scene: str | None = None) -> None:
        self.project = fileformat.loads(fileformat.dumps(project), project.name, registry)
        self.registry, self.scene, self.debug = registry, scene, debug
        self.recorder = _Recorder(self, set(breakpoints or ()), values=debug)
        self._records: deque[ConsoleRecord] = deque(maxlen=10_000)
        self._paused: tuple[str, str] | None = None
        self._resumed = False
        self._ended: int | None = None
        self._lock = threading.Lock()
        self._sources: dict[tuple[str, str], list[str]] = {}
        self._thread: LoopThread | None = None
        self._switch_interval = sys.getswitchinterval()
        self.engine: Engine | None = None
        self.recorder.paused.connect(self._on_paused)
        self.recorder.resumed.connect(self._on_resumed)

    # --- lifecycle ----------------------------------------------------------------------------
    def start(self) -> None:
        """Starts the run; raises EngineError (bad settings, no such scene) before any thread starts."""
        registry = self.registry or default_registry()
        project = instance_project(self.project, registry, [])  # ${env:NAME} and {instance} filled
        engine = Engine(project, registry, hook=self.recorder, scene=self.scene)
        engine.check_settings()
        engine.runner.shares_gil = True  # the editor's window needs the GIL many times a repaint
        self._switch_interval = sys.getswitchinterval()
        sys.setswitchinterval(min(self._switch_interval, SWITCH_SECONDS))  # see runtime/engine/interpreter.py
        engine.console.connect(self._records.append)
        self.engine = engine
        self._thread = LoopThread("pulse-run")
        self._thread.submit(self._main())

    async def _main(self) -> None:
        assert self.engine is not None
        try:
            await self.engine.start()
            code = await self.engine.finished()
        except EngineError as exc:
            self._records.append(ConsoleRecord("error", str(exc)))
            code = 2
        except Exception as exc:  # never let a run take the editor down
            self._records.append(ConsoleRecord("error", f"internal error: {exc!r}"))
            code = 1
        with self._lock:
            self._ended = code

    def stop(self, timeout: float = 10.0) -> None:
        """Ends the run (cancelling every branch, closing connections) and the thread."""
        if self._thread is None:
            return
        if self.engine is not None and self._thread.alive:
            future = self._thread.submit(self._stop())
            try:
                future.result(timeout)
            except Exception as exc:
                self._records.append(ConsoleRecord("error", f"stopping the run failed: {exc!r}"))
        self._thread.close(timeout)
        self._thread = None
        sys.setswitchinterval(self._switch_interval)

    async def _stop(self) -> None:
        assert self.engine is not None
        if self.recorder.paused_at is not None:
            self.recorder.resume()
        await self.engine.stop()
        await asyncio.sleep(0)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._ended is None

    # --- debugger commands (from any thread) -----------------------------------------------------
    def _command(self, name: str, *args: Any) -> None:
        if self._thread is not None:
            self._thread.call(getattr(self.recorder, name), *args)

    def pause(self) -> None:
        self._command("pause")

    def resume(self) -> None:
        self._command("resume")

    def step(self) -> None:
        self._command("step")

    def step_into(self) -> None:
        self._command("step_into")

    def step_out(self) -> None:
        self._command("step_out")

    def set_breakpoints(self, node_ids: set[str]) -> None:
        self._command("set_breakpoints", set(node_ids))

    # --- reports ------------------------------------------------------------------------------
    def _on_paused(self, inst: NodeInstance, inputs: list[Any]) -> None:
        with self._lock:
            self._paused = (inst.id, inst.run.graph.id)

    def _on_resumed(self) -> None:
        with self._lock:
            self._paused, self._resumed = None, True

    def _counted(self, executed: dict[str, str]) -> int:
        """Adds the nodes that ran untraced since the last call to `executed`; returns how many runs.

        Reads and resets each node's counter from this thread: a run counted in between may be lost,
        which the display does not mind (it shows which nodes ran this frame, not how often)."""
        engine = self.engine
        if engine is None:
            return 0
        try:
            runs = list(engine.graph_runs)
        except RuntimeError:  # a run was created or collected meanwhile: counted next frame
            return 0
        total = 0
        for run in runs:
            instances = getattr(run, "instances", None)
            if instances is None:  # a run being compiled right now (it joins graph_runs first): next frame
                continue
            graph_id = run.graph.id
            for inst in instances.values():
                count = inst.runs
                if count:
                    inst.runs = 0
                    total += count
                    executed.setdefault(inst.id, graph_id)
                    for source in self._pure_sources(run, inst.id):  # evaluated for it (uncounted: cheaper)
                        executed.setdefault(source, graph_id)
        return total

    def _pure_sources(self, run: Any, node_id: str) -> list[str]:
        """The pure nodes a node pulls its inputs from, directly or through other pure nodes (cached)."""
        key = (run.graph.id, node_id)
        found = self._sources.get(key)
        if found is None:
            found, todo = [], [node_id]
            while todo:
                for link in run.graph.links:
                    if link.target == todo[-1]:
                        source = run.instances.get(link.source)
                        if source is not None and source.spec is not None and source.spec.kind == "pure" \
                                and link.source not in found:
                            found.append(link.source)
                            todo.insert(0, link.source)
                todo.pop()
            self._sources[key] = found
        return found

    def drain(self) -> RunReport:
        """Everything since the last call; cheap enough to call 30 times a second.

        The state is read first: every console line written before the run ended (or paused) is then
        already queued and taken below, so a report that says `ended` never leaves a last line behind.
        """
        with self._lock:
            paused, resumed, ended = self._paused, self._resumed, self._ended
            self._resumed = False
        executed, values, count = self.recorder.take()
        count += self._counted(executed)
        records = []
        while self._records:
            records.append(self._records.popleft())
        return RunReport(executed, values, records, paused, resumed, ended, count)
