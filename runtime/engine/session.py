"""One recorded run: an engine plus what the editor shows of it, taken as reports a few dozen times a second.

This is the run process's side of the editor's Run and Debug (runtime/engine/runprocess.py). Everything
here happens on the engine's own event loop, between nodes, so a report is exact: no node is half
recorded and no count is lost. A plain run is not traced node by node (that halved its speed): nodes
count their runs and `report()` collects the counts. Debug runs, breakpoints and steps trace.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Any

from runtime.engine.console import ConsoleRecord
from runtime.engine.debugger import Debugger
from runtime.engine.engine import Engine, EngineError, GraphRun
from runtime.engine.frames import bounded
from runtime.engine.instance import NodeInstance
from runtime.model import Project
from runtime.registry import Registry

#: Console lines kept between two reports; beyond, the oldest are dropped (a flood must not fill memory).
MAX_RECORDS = 10_000


@dataclass
class RunReport:
    """What happened since the last report: nodes that ran, values seen, console lines, state."""

    executed: dict[str, str] = field(default_factory=dict)  # node id -> graph id
    values: dict[str, dict[str, Any]] = field(default_factory=dict)  # node id -> {"in": .., "out": ..}
    records: list[ConsoleRecord] = field(default_factory=list)
    paused: tuple[str, str] | None = None  # (node id, graph id) where a branch waits
    resumed: bool = False
    ended: int | None = None  # exit code, once the run is over
    pulses: int = 0  # nodes executed since the last report

    def merge(self, later: RunReport) -> None:
        """Adds a later report to this one, as if both periods were one."""
        self.executed.update(later.executed)
        for node_id, values in later.values.items():
            self.values.setdefault(node_id, {}).update(values)
        self.records.extend(later.records)
        del self.records[:-MAX_RECORDS]
        self.paused = later.paused
        self.resumed = self.resumed or later.resumed
        if later.ended is not None:
            self.ended = later.ended
        self.pulses += later.pulses


class _Recorder(Debugger):
    """A Debugger that also remembers what ran and, in a debug run, with which values."""

    def __init__(self, breakpoints: set[str], values: bool) -> None:
        super().__init__(breakpoints)
        self.keep_values = values
        self._observes_all = values  # a plain run counts nodes instead of tracing them
        self.executed: dict[str, str] = {}
        self.values: dict[str, dict[str, Any]] = {}
        self.count = 0

    def node_entered(self, inst: NodeInstance, inputs: list[Any]) -> Any:
        self.count += 1
        self.executed[inst.id] = inst.run.graph.id
        if self.keep_values:
            self.values[inst.id] = {"in": dict(zip([n for n, _ in inst.ports.inputs], inputs, strict=False))}
        return super().node_entered(inst, inputs)

    def node_finished(self, inst: NodeInstance, pulse_out: str | None) -> None:
        if self.keep_values and inst.out:
            self.values.setdefault(inst.id, {})["out"] = dict(inst.out)
        super().node_finished(inst, pulse_out)

    def node_evaluated(self, inst: NodeInstance, value: Any) -> None:
        self.executed[inst.id] = inst.run.graph.id
        if self.keep_values:
            self.values[inst.id] = {"out": {n: value for n, _ in inst.ports.outputs[:1]}}
        super().node_evaluated(inst, value)

    def take(self) -> tuple[dict[str, str], dict[str, dict[str, Any]], int]:
        taken = self.executed, self.values, self.count
        self.executed, self.values, self.count = {}, {}, 0
        return taken


class RunSession:
    """An engine for `project` with a recorder attached. `await run()`; call `report()` from the same loop.

    Parameters:
        debug: keep input/output values and honour breakpoints [False: counts only].
        breakpoints: node ids to stop at.
        scene: scene name to start in [the start scene].
    """

    def __init__(self, project: Project, registry: Registry, debug: bool = False,
                 breakpoints: set[str] | None = None, scene: str | None = None) -> None:
        self.recorder = _Recorder(set(breakpoints or ()), values=debug)
        self.engine = Engine(project, registry, hook=self.recorder, scene=scene)
        self._records: deque[ConsoleRecord] = deque(maxlen=MAX_RECORDS)
        self._paused: tuple[str, str] | None = None
        self._resumed = False
        self.ended: int | None = None
        self._sources: dict[tuple[str, str], list[str]] = {}
        self.engine.console.connect(self._records.append)
        self.recorder.paused.connect(self._on_paused)
        self.recorder.resumed.connect(self._on_resumed)

    async def run(self) -> int:
        """Runs until the logic ends or `stop()`; returns the exit code (2: it could not start)."""
        try:
            await self.engine.start()
            code = await self.engine.finished()
        except EngineError as exc:
            self._records.append(ConsoleRecord("error", str(exc)))
            await self.engine.stop()
            code = 2
        except Exception as exc:  # a bug of ours: said in the console, like a node's error
            self._records.append(ConsoleRecord("error", f"internal error: {exc!r}"))
            code = 1
        self.ended = code
        return code

    async def stop(self) -> None:
        """Ends the run: a paused branch is let go first, so that it can end too."""
        if self.recorder.paused_at is not None:
            self.recorder.resume()
        await self.engine.stop()

    def command(self, name: str, *args: Any) -> None:
        """A debugger command by name: pause, resume, step, step_into, step_out, set_breakpoints."""
        if name in ("pause", "resume", "step", "step_into", "step_out", "set_breakpoints"):
            getattr(self.recorder, name)(*args)

    def _on_paused(self, inst: NodeInstance, inputs: list[Any]) -> None:
        self._paused = (inst.id, inst.run.graph.id)

    def _on_resumed(self) -> None:
        self._paused, self._resumed = None, True

    def report(self) -> RunReport:
        """Everything since the last report."""
        executed, values, count = self.recorder.take()
        values = {node_id: {side: bounded(seen) for side, seen in sides.items()} for node_id, sides in values.items()}
        count += self._counted(executed)
        records = list(self._records)
        self._records.clear()
        resumed, self._resumed = self._resumed, False
        return RunReport(executed, values, records, self._paused, resumed, self.ended, count)

    def _counted(self, executed: dict[str, str]) -> int:
        """Adds the nodes that ran untraced since the last call to `executed`; returns how many runs."""
        total = 0
        for run in list(self.engine.graph_runs):
            graph_id = run.graph.id
            for inst in run.instances.values():
                count = inst.runs
                if count:
                    inst.runs = 0
                    total += count
                    executed.setdefault(inst.id, graph_id)
                    for source in self._pure_sources(run, inst.id):  # evaluated for it (uncounted: cheaper)
                        executed.setdefault(source, graph_id)
        return total

    def _pure_sources(self, run: GraphRun, node_id: str) -> list[str]:
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
