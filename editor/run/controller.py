"""Run, Debug, Stop, breakpoints and stepping for the main window.

The project runs in a `RunHost` process; a 30 Hz timer drains what happened and shows it: console
lines, nodes lighting up for a moment, pulses travelling along the wires between them, values
beside nodes (debug), where a branch is paused.
Draining at a fixed rate is what keeps the window responsive however busy the graph is.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction

from editor.actions.build import make_actions
from editor.document import Document
from editor.run.rate import RateMeter
from runtime.engine.console import ConsoleRecord
from runtime.engine.engine import EngineError
from runtime.engine.host import RunHost, RunReport

FRAME_MS = 33  # the highlight refresh rate: ~30 per second, whatever the pulse rate
FLASH_SECONDS = 0.25  # how long an executed node stays lit
#: How long Stop holds the window while the run ends (most runs end at once); a run that takes longer
#: ends while the window stays usable ("Stopping…"), and its process is killed after STOP_TIMEOUT_SECONDS.
STOP_WAIT_SECONDS = 0.25
STOP_TIMEOUT_SECONDS = 10.0

CanvasLookup = Callable[[str, bool], object | None]  # (graph id, bring to front) -> GraphCanvas or None


class RunController(QObject):
    """Owns the Run menu's actions and the current run. `state` is idle, running, paused or stopping."""

    state_changed = Signal(str)
    message = Signal(str)
    run_started = Signal(bool)  # debug: a run begins (the Console draws its header line)
    breakpoints_changed = Signal()
    rate_measured = Signal(float)  # node executions per second over the last second of a run

    def __init__(self, document: Callable[[], Document], canvas_for: CanvasLookup,
                 add_record: Callable[[ConsoleRecord], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._document, self._canvas_for, self._add_record = document, canvas_for, add_record
        self.host: RunHost | None = None
        self.breakpoints: dict[str, str] = {}  # node id -> graph id
        self.state = "idle"
        self._lit: dict[str, tuple[str, float]] = {}  # node id -> (graph id, when to go dark)
        self._valued: dict[str, str] = {}  # node id -> graph id of nodes showing debug values
        self._paused_at: tuple[str, str] | None = None
        self._edited_during_run = False
        self._last_error: ConsoleRecord | None = None
        self._stop_deadline: float | None = None  # while stopping: when the run process gets killed
        self._rate = RateMeter(time.monotonic())
        self._timer = QTimer(self)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self._tick)
        self.actions = self._make_actions()
        self._update_actions()

    # --- actions --------------------------------------------------------------------------------
    def _make_actions(self) -> dict[str, QAction]:
        """The Run menu's commands, from the window's actions table (their rows say `on="runner"`)."""
        return make_actions(self, "runner")

    def _update_actions(self) -> None:
        idle, paused = self.state == "idle", self.state == "paused"
        self.actions["run"].setText("Continue" if paused else "Run")
        self.actions["run"].setEnabled(self.state != "stopping")
        self.actions["debug"].setEnabled(idle)
        self.actions["stop"].setEnabled(self.state in ("running", "paused"))
        self.actions["pause"].setEnabled(self.state == "running" and self.host is not None and self.host.debug)
        for key in ("step", "step_into", "step_out"):
            self.actions[key].setEnabled(paused)

    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self._update_actions()
            self.state_changed.emit(state)

    # --- commands -------------------------------------------------------------------------------
    def run_or_continue(self) -> None:
        if self.state == "paused":
            self._debug_command("resume")
        elif self.state == "idle":
            self.start(debug=bool(self.breakpoints))

    def start(self, debug: bool = False) -> None:
        """Starts a run of the document's project as it is now; later edits apply to the next run."""
        if self.state != "idle":
            return
        document = self._document()
        host = RunHost(document.project, document.registry, debug=debug, breakpoints=set(self.breakpoints))
        try:
            host.start()
        except EngineError as exc:
            self._add_record(ConsoleRecord("error", f"cannot run: {exc}"))
            self.message.emit(f"Cannot run: {exc}")
            return
        self.clear_values()
        self.run_started.emit(debug)
        self.host = host
        self._rate = RateMeter(time.monotonic())
        self._edited_during_run = False
        document.undo_stack.indexChanged.connect(self._on_edit)
        self._set_state("running")
        self.message.emit("Debugging…" if debug else "Running…")
        self._timer.start()

    def stop(self, wait: bool = False) -> None:
        """Stops the run: every branch, timer and connection ends; no task is left behind.

        The window waits STOP_WAIT_SECONDS at most; a run still ending then goes on ending while the window
        stays usable (state "stopping"). `wait`: return only once the run is over (closing the window,
        opening another project)."""
        host = self.host
        if host is None:
            return
        if self._stop_deadline is None:
            host.request_stop()
            self._stop_deadline = time.monotonic() + STOP_TIMEOUT_SECONDS
        if host.wait_stopped(max(0.0, self._stop_deadline - time.monotonic()) if wait else STOP_WAIT_SECONDS):
            self._stopped()
        elif wait:
            host.kill(STOP_TIMEOUT_SECONDS)
            self._stopped()
        else:
            self._clear_paused_mark()
            self._set_state("stopping")
            self.message.emit("Stopping…")

    def _stopped(self) -> None:
        assert self.host is not None
        self._show(self.host.drain())
        self._finish()

    def pause(self) -> None:
        if self.host is not None:
            self.host.pause()

    def debug(self) -> None:
        self.start(debug=True)

    def step(self) -> None:
        self._debug_command("step")

    def step_into(self) -> None:
        self._debug_command("step_into")

    def step_out(self) -> None:
        self._debug_command("step_out")

    def _debug_command(self, name: str) -> None:
        if self.host is not None and self.state == "paused":
            getattr(self.host, name)()
            self._clear_paused_mark()
            self._set_state("running")

    def toggle_breakpoint(self, graph_id: str, node_id: str) -> bool:
        """Adds or removes a breakpoint (also during a run); returns whether it is now set."""
        if node_id in self.breakpoints:
            del self.breakpoints[node_id]
        else:
            self.breakpoints[node_id] = graph_id
        if self.host is not None:
            self.host.set_breakpoints(set(self.breakpoints))
        self._show_mark(graph_id, node_id)
        self.breakpoints_changed.emit()
        return node_id in self.breakpoints

    def set_breakpoints(self, breakpoints: dict[str, str]) -> None:
        """Replaces every breakpoint (a project was opened): node id -> graph id."""
        old = self.breakpoints
        self.breakpoints = dict(breakpoints)
        for node_id, graph_id in {**old, **self.breakpoints}.items():
            self._show_mark(graph_id, node_id)

    def clear_values(self) -> None:
        """Takes the debug value tags off the canvas."""
        for node_id, graph_id in self._valued.items():
            canvas = self._canvas_for(graph_id, False)
            if canvas is not None:
                canvas.set_node_values(node_id, None)
        self._valued.clear()

    def keep_values_toggled(self) -> None:
        if not self.actions["keep_values"].isChecked() and self.state == "idle":
            self.clear_values()

    def paused_description(self) -> str:
        """"'Send' in Project": where the run waits, in the designer's names ("" when not paused)."""
        if self._paused_at is None:
            return ""
        node_id, graph_id = self._paused_at
        graph = self._document().project.graphs.get(graph_id)
        node = graph.nodes.get(node_id) if graph else None
        return f"{node.name!r} in {graph.name}" if graph and node else node_id

    def focus_last_error(self) -> None:
        """Selects and centres the node of the most recent error (the tradition's "focus on error")."""
        if self._last_error is not None:
            self.focus_record(self._last_error)

    def focus_record(self, record: ConsoleRecord) -> None:
        """Brings the record's node into view and selects it (clicking a console line does this)."""
        if not record.node_id or not record.graph_id:
            return
        canvas = self._canvas_for(record.graph_id, True)
        if canvas is not None and record.node_id in self._document().project.graphs.get(record.graph_id).nodes:
            canvas.select_nodes([record.node_id])
            canvas.center_on_node(record.node_id)

    # --- the 30 Hz drain ------------------------------------------------------------------------
    def _tick(self) -> None:
        if self.host is None:
            return
        if self._stop_deadline is not None:  # stopping: done, or killed once its time is up
            if self.host.wait_stopped(0):
                self._stopped()
            elif time.monotonic() >= self._stop_deadline:
                self.host.kill(STOP_TIMEOUT_SECONDS)
                self._stopped()
            return
        report = self.host.drain()
        self._show(report)
        if report.ended is not None:
            self.host.stop()
            self._show(self.host.drain())  # what stopping wrote (closing connections) is shown too
            self._finish(report.ended)

    def _show(self, report: RunReport) -> None:
        now = time.monotonic()
        rate = self._rate.add(report.pulses, now)
        if rate is not None:
            self.rate_measured.emit(rate)
        for record in report.records:
            self._add_record(record)
            if record.level == "error" and record.node_id:
                self._last_error = record
                self._mark(record.graph_id, record.node_id, "error")
        for node_id, graph_id in report.executed.items():
            if node_id not in self._lit:
                self._mark(graph_id, node_id, "running")
            self._lit[node_id] = (graph_id, now + FLASH_SECONDS)
        self._show_flow(report.executed)
        for node_id, values in report.values.items():
            graph_id = report.executed.get(node_id) or self._graph_of(node_id)
            canvas = self._canvas_for(graph_id, False) if graph_id else None
            if canvas is not None and graph_id:
                canvas.set_node_values(node_id, values)
                self._valued[node_id] = graph_id
        for node_id, (graph_id, until) in list(self._lit.items()):
            if until <= now:
                del self._lit[node_id]
                self._show_mark(graph_id, node_id)
        if report.paused is not None and report.paused != self._paused_at:
            self._clear_paused_mark()
            self._paused_at = report.paused
            node_id, graph_id = report.paused
            canvas = self._canvas_for(graph_id, True)  # first: a function's or prefab's tab may open only now
            self._mark(graph_id, node_id, "paused")
            if canvas is not None:
                canvas.center_on_node(node_id)
            if self.state == "paused":  # a new position without a state change (another branch)
                self.state_changed.emit("paused")
            self._set_state("paused")
            self.message.emit(f"Paused at {self.paused_description()}: F5 continue, F10 step, F11 step into, "
                              "Shift+F11 step out")
        elif report.paused is None and self._paused_at is not None:
            self._clear_paused_mark()
            if self.state == "paused":
                self._set_state("running")

    def _show_flow(self, executed: dict[str, str]) -> None:
        """Pulse wires between nodes that just ran and nodes still lit carry a travelling dot (on canvases
        that can show it; the canvas picks the wires, see editor/canvas/flow.py)."""
        by_graph: dict[str, list[str]] = {}
        for node_id, graph_id in executed.items():
            by_graph.setdefault(graph_id, []).append(node_id)
        for graph_id, node_ids in by_graph.items():
            flash_flow = getattr(self._canvas_for(graph_id, False), "flash_flow", None)
            if callable(flash_flow):
                flash_flow(node_ids, self._lit)

    def _finish(self, code: int | None = None) -> None:
        self._timer.stop()
        self._stop_deadline = None
        self._document().undo_stack.indexChanged.disconnect(self._on_edit)
        self.host = None
        for node_id, (graph_id, _) in list(self._lit.items()):
            self._show_mark(graph_id, node_id)
        self._lit.clear()
        self._clear_paused_mark()
        if not self.actions["keep_values"].isChecked():
            self.clear_values()
        self._set_state("idle")
        self.message.emit("Run finished" if code is None else f"Run finished (exit code {code})")

    def _on_edit(self) -> None:
        if not self._edited_during_run:
            self._edited_during_run = True
            self.message.emit("The project is running: your edits apply to the next run")

    # --- marks on the canvas ------------------------------------------------------------------
    def _graph_of(self, node_id: str) -> str | None:
        for graph in self._document().project.graphs.values():
            if node_id in graph.nodes:
                return graph.id
        return None

    def _mark(self, graph_id: str, node_id: str, kind: str | None) -> None:
        canvas = self._canvas_for(graph_id, False)
        if canvas is not None:
            canvas.set_node_highlight(node_id, kind)

    def _show_mark(self, graph_id: str, node_id: str) -> None:
        """The node's resting look: a breakpoint mark, or nothing."""
        self._mark(graph_id, node_id, "breakpoint" if node_id in self.breakpoints else None)

    def _clear_paused_mark(self) -> None:
        if self._paused_at is not None:
            node_id, graph_id = self._paused_at
            self._paused_at = None
            self._show_mark(graph_id, node_id)
