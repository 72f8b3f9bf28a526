"""Devices for fleet tests and bench/fleet.py: a small Socket.IO project and a `pulse-run` that runs it."""

from __future__ import annotations

import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from sio_logic import Logic
from sio_servers import SioServer

from runtime.fileformat import save

ROOT = Path(__file__).resolve().parents[2]


def device_project(directory: Path, server: SioServer, failover: tuple[SioServer, ...] = ()) -> Path:
    """Connects, subscribes to 'tick', prints 'up at <server URL>'; prints 'tick <message>' for each tick."""
    logic = Logic()
    logic.connection("Cluster", server, reconnection_delay=200, reconnection_delay_max=500,
                     failover_urls=[other.url for other in failover])
    logic.node("start", "logic.on_project_start")
    logic.node("connect", "socketio.start", Configuration="Cluster")
    logic.link("start", "connect.In")
    logic.node("up", "socketio.on_start", Configuration="Cluster")
    logic.node("subscribe", "socketio.subscribe", Configuration="Cluster", **{"Event Name": "tick"})
    logic.node("up_text", "logic.format_string", Template="up at {1}")
    logic.node("say_up", "logic.console")
    logic.link("up", "subscribe.In")
    logic.link("subscribe", "say_up.In")
    logic.link("up.URL", "up_text.Value 1")
    logic.link("up_text.Result", "say_up.Value")
    logic.node("receive", "socketio.on_receive", Configuration="Cluster")
    logic.node("text", "logic.format_string", Template="tick {1}")
    logic.node("say_tick", "logic.console")
    logic.link("receive.Message", "text.Value 1")
    logic.link("text.Result", "say_tick.Value")
    logic.link("receive", "say_tick.In")
    path = directory / f"device-{server.port}.pulse.json"
    save(logic.project, path)
    return path


class Devices:
    """One `pulse-run PROJECT ARGS...` process; its stdout lines are read, with their arrival times."""

    def __init__(self, project: Path, *args: str) -> None:
        self.started = time.monotonic()
        self.process = subprocess.Popen([sys.executable, "-m", "runtime.cli", str(project), *args], cwd=ROOT,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.lines: queue.Queue[tuple[float, str]] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.put((time.monotonic(), line.rstrip("\n")))

    def expect(self, text: str, count: int, timeout: float = 30.0) -> dict[str, float]:
        """Waits for `count` instances' lines holding `text`: {instance prefix ("" alone): arrival time}."""
        seen: dict[str, float] = {}
        deadline = time.monotonic() + timeout
        while len(seen) < count:
            try:
                arrived, line = self.lines.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"{len(seen)} of {count} lines with {text!r}") from None
            if text in line:
                seen[line[1:line.index("]")] if line.startswith("[") else ""] = arrived
        return seen

    def terminate(self) -> float:
        """SIGTERM; returns how long the process took to end."""
        sent = time.monotonic()
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)
        return time.monotonic() - sent

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
