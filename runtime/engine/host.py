"""Runs a project in a process of its own and reports what happens, for the editor's Run and Debug.

The run works on a snapshot of the project (edits during a run apply to the next run). The run
process (runtime/engine/runprocess.py) records what the engine does and sends a report about 30 times
a second; a reader thread here merges them until the editor drains them, at its own pace, so a graph
running millions of nodes a second costs the window a few redraws a second. In its own process the
engine has a core to itself (in a thread it shared one interpreter lock with the window) and Stop can
always end it, even when it no longer answers.

A spare process is started ahead of time and imports everything while nobody waits (`prewarm`), so a
run starts at once; each run takes the spare and starts the next one.
"""

from __future__ import annotations

import atexit
import os
import queue
import subprocess
import sys
import threading
from collections import deque
from pathlib import Path
from typing import Any

from runtime import fileformat
from runtime.engine.console import ConsoleRecord
from runtime.engine.engine import Engine
from runtime.engine.frames import read_frame, write_frame
from runtime.engine.session import RunReport
from runtime.model import Project
from runtime.overrides import instance_project
from runtime.registry import Registry, default_registry

__all__ = ["RunHost", "RunReport", "prewarm"]

#: Lines of the run process's stderr kept to explain a crash in the Console.
STDERR_TAIL = 20
#: How long a crash report waits for the end of the process's stderr (read by another thread).
STDERR_GRACE_SECONDS = 2.0


class _Spares:
    """At most one idle run process, started ahead of time; ended when the editor exits."""

    def __init__(self) -> None:
        self._spare: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()
        atexit.register(self.close)

    @staticmethod
    def _spawn() -> subprocess.Popen[bytes]:
        environ = dict(os.environ)
        root = str(Path(__file__).resolve().parents[2])  # where `runtime` is, installed or not
        environ["PYTHONPATH"] = os.pathsep.join(filter(None, [root, environ.get("PYTHONPATH")]))
        return subprocess.Popen([sys.executable, "-m", "runtime.engine.runprocess"], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environ)

    def prewarm(self) -> None:
        with self._lock:
            if self._spare is None or self._spare.poll() is not None:
                self._spare = self._spawn()

    def take(self) -> subprocess.Popen[bytes]:
        """A process ready (or getting ready) to run; another spare starts behind it."""
        with self._lock:
            spare, self._spare = self._spare, None
        if spare is None or spare.poll() is not None:
            spare = self._spawn()
        self.prewarm()
        return spare

    def close(self) -> None:
        with self._lock:
            spare, self._spare = self._spare, None
        if spare is not None and spare.poll() is None:
            spare.kill()
            spare.wait()


_SPARES = _Spares()


def prewarm() -> None:
    """Starts a run process now, so that the first Run does not wait for its start-up (the editor calls
    this once its window shows)."""
    _SPARES.prewarm()


class RunHost:
    """One run of a project, in its own process. `start()`, then `drain()` regularly, then `stop()`.

    Parameters:
        project: the project; a snapshot is taken now.
        registry: node types and plugins, to check the settings [the built-in ones, which the run process uses].
        debug: keep input/output values and honour breakpoints [False: light highlighting only].
        breakpoints: node ids to stop at.
        scene: scene name to start in [the start scene].
    """

    def __init__(self, project: Project, registry: Registry | None = None, debug: bool = False,
                 breakpoints: set[str] | None = None, scene: str | None = None) -> None:
        self.project = project
        self._snapshot = fileformat.dumps(project)  # what runs: the project as it is now, as file text
        self.registry, self.scene, self.debug = registry, scene, debug
        self.breakpoints = set(breakpoints or ())
        self.run_settings: Project | None = None  # the settings the run gets: ${env:NAME} and {instance} filled
        self._pending = RunReport()
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._outbox: queue.SimpleQueue[tuple[Any, ...] | None] = queue.SimpleQueue()
        self._stderr: deque[str] = deque(maxlen=STDERR_TAIL)
        self._stderr_read = threading.Event()  # set once the process's stderr is closed and read to its end
        self._threads: list[threading.Thread] = []
        self._stopped = False

    # --- lifecycle ----------------------------------------------------------------------------
    def start(self) -> None:
        """Starts the run; raises EngineError (bad settings, no such scene) before any process is asked."""
        registry = self.registry or default_registry()
        checked = instance_project(self.project, registry, [])  # a copy of the settings; the graphs are shared
        Engine(checked, registry, scene=self.scene).check_settings()
        self.run_settings = checked
        self._process = _SPARES.take()
        self._outbox.put(("run", {"project": self._snapshot, "name": self.project.name,
                                  "debug": self.debug, "breakpoints": self.breakpoints, "scene": self.scene,
                                  "environ": dict(os.environ), "cwd": os.getcwd()}))
        for target, name in ((self._write, "pulse-run-commands"), (self._read, "pulse-run-reports"),
                             (self._read_stderr, "pulse-run-stderr")):
            thread = threading.Thread(target=target, args=(self._process,), name=name, daemon=True)
            thread.start()
            self._threads.append(thread)

    def stop(self, timeout: float = 10.0) -> None:
        """Ends the run (every branch cancelled, connections closed) and its process; waits for the
        last report. A process that does not end within `timeout` is killed, and the Console says so."""
        self.request_stop()
        if not self.wait_stopped(timeout):
            self.kill(timeout)

    def request_stop(self) -> None:
        """Asks the run to end, without waiting (see `wait_stopped` and `kill`)."""
        if self._process is not None and not self._stopped:
            self._stopped = True
            self._outbox.put(("stop",))

    def wait_stopped(self, timeout: float) -> bool:
        """Waits up to `timeout` s for the run process to end; True once it has (its last report is then in)."""
        process = self._process
        if process is None:
            return True
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            return False
        self._close_pipes()
        return True

    def kill(self, waited: float) -> None:
        """Ends a run process that did not stop after `waited` seconds, and says so in the Console."""
        process = self._process
        if process is None or process.poll() is not None:
            self._close_pipes()
            return
        self._stopped = True
        process.kill()
        process.wait()
        self._add_record(ConsoleRecord("error", f"the run did not stop within {waited:g} s: its process was ended"))
        self._close_pipes()

    def _close_pipes(self) -> None:
        self._outbox.put(None)
        for thread in self._threads:
            thread.join(10.0)
        self._threads.clear()

    @property
    def running(self) -> bool:
        with self._lock:
            return self._process is not None and not self._stopped and self._pending.ended is None

    @property
    def pid(self) -> int | None:
        """The run process's id (None before `start`)."""
        return self._process.pid if self._process is not None else None

    # --- debugger commands (from any thread) -----------------------------------------------------
    def pause(self) -> None:
        self._outbox.put(("pause",))

    def resume(self) -> None:
        self._outbox.put(("resume",))

    def step(self) -> None:
        self._outbox.put(("step",))

    def step_into(self) -> None:
        self._outbox.put(("step_into",))

    def step_out(self) -> None:
        self._outbox.put(("step_out",))

    def set_breakpoints(self, node_ids: set[str]) -> None:
        self.breakpoints = set(node_ids)
        self._outbox.put(("set_breakpoints", set(node_ids)))

    # --- the pipes --------------------------------------------------------------------------------
    def _write(self, process: subprocess.Popen[bytes]) -> None:
        """Sends the request and then the commands, in order, until `stop` is done (None)."""
        assert process.stdin is not None
        while (message := self._outbox.get()) is not None:
            try:
                write_frame(process.stdin, message)
            except OSError:  # the process has ended: later commands have nobody to obey them
                pass
        try:
            process.stdin.close()
        except OSError:
            pass

    def _read(self, process: subprocess.Popen[bytes]) -> None:
        """Merges every report into the pending one; at the end of the pipe, makes sure `ended` is said."""
        assert process.stdout is not None
        while (report := read_frame(process.stdout)) is not None:
            with self._lock:
                self._pending.merge(report)
        code = process.wait()
        with self._lock:
            ended = self._pending.ended is not None
        if ended:
            return
        if not self._stopped:  # (a stop that had to kill it has said so)
            self._stderr_read.wait(STDERR_GRACE_SECONDS)  # its last words, often a traceback, are in the tail
            tail = "\n".join(self._stderr)
            self._add_record(ConsoleRecord("error", f"the run's process ended unexpectedly (exit code {code})"
                                                    + (f":\n{tail}" if tail else "")))
        self._end(1)

    def _read_stderr(self, process: subprocess.Popen[bytes]) -> None:
        """Passes the run process's stderr on to ours, keeping the last lines to explain a crash."""
        assert process.stderr is not None
        for raw in process.stderr:
            line = raw.decode("utf-8", "replace")
            self._stderr.append(line.rstrip("\n"))
            try:
                sys.stderr.write(line)
            except (OSError, ValueError):  # our stderr is closed (the editor is exiting): the tail is kept
                pass
        self._stderr_read.set()

    def _add_record(self, record: ConsoleRecord) -> None:
        with self._lock:
            self._pending.merge(RunReport(records=[record], paused=self._pending.paused))

    def _end(self, code: int) -> None:
        with self._lock:
            self._pending.merge(RunReport(paused=None, ended=code))

    # --- reports ------------------------------------------------------------------------------
    def drain(self) -> RunReport:
        """Everything since the last call; cheap enough to call 30 times a second. A report that says
        `ended` carries the run's last console lines: the run process sends both in one message."""
        with self._lock:
            report = self._pending
            self._pending = RunReport(paused=report.paused, ended=report.ended)
        return report
