"""A fleet against a cluster: `pulse-run --instances` devices on two echo-server nodes sharing Redis.

Needs Debian's redis-server (`.ci/run` installs it); without it these tests are skipped, saying so.
"""

from __future__ import annotations

import asyncio
import queue
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sio_logic import Logic
from sio_servers import SioServer

from runtime.fileformat import save

ROOT = Path(__file__).resolve().parents[2]
REDIS_MISSING = "redis-server is not installed: apt-get install redis-server (see README)"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def redis_url() -> Iterator[str]:
    """A private redis-server on a free loopback port, no persistence."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip(REDIS_MISSING)
    port = _free_port()
    process = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                "--appendonly", "no"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 20
        while True:
            line = process.stdout.readline()
            if "Ready to accept connections" in line:
                break
            assert line and time.monotonic() < deadline, "redis-server did not start"
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def cluster(redis_url) -> Iterator[list[SioServer]]:
    """Two python-socketio echo servers, one cluster through Redis."""
    nodes = [SioServer("python", quiet=True, extra=("--redis", redis_url)) for _ in range(2)]
    try:
        for node in nodes:
            node.start()
        yield nodes
    finally:
        for node in nodes:
            node.stop()


class Devices:
    """One `pulse-run --instances N` process; its stdout lines are read as they come."""

    def __init__(self, project: Path, count: int, *args: str) -> None:
        self.process = subprocess.Popen([sys.executable, "-m", "runtime.cli", str(project), "--instances",
                                         str(count), *args], cwd=ROOT, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True)
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def expect(self, suffix: str, count: int, timeout: float = 30.0) -> set[str]:
        """Waits for `count` lines ending with `suffix`; returns their instance prefixes."""
        seen: set[str] = set()
        deadline = time.monotonic() + timeout
        while len(seen) < count:
            try:
                line = self.lines.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"{len(seen)} of {count} lines ending {suffix!r}") from None
            if line.endswith(suffix):
                seen.add(line.split(" ", 1)[0])
        return seen

    def terminate(self) -> float:
        """SIGTERM; returns how long the process took to end."""
        sent = time.monotonic()
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=10)
        return time.monotonic() - sent

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def device_project(tmp_path: Path, server: SioServer) -> Path:
    """Connects, subscribes to 'tick', says 'up'; prints 'tick <message>' for each tick."""
    logic = Logic()
    logic.connection("Cluster", server, reconnection_delay=200, reconnection_delay_max=500)
    logic.node("start", "logic.on_project_start")
    logic.node("connect", "socketio.start", Configuration="Cluster")
    logic.link("start", "connect.In")
    logic.node("up", "socketio.on_start", Configuration="Cluster")
    logic.node("subscribe", "socketio.subscribe", Configuration="Cluster", **{"Event Name": "tick"})
    logic.node("say_up", "logic.console", Value="up")
    logic.link("up", "subscribe.In")
    logic.link("subscribe", "say_up.In")
    logic.node("receive", "socketio.on_receive", Configuration="Cluster")
    logic.node("text", "logic.format_string", Template="tick {1}")
    logic.node("say_tick", "logic.console")
    logic.link("receive.Message", "text.Value 1")
    logic.link("text.Result", "say_tick.Value")
    logic.link("receive", "say_tick.In")
    path = tmp_path / f"device-{server.port}.pulse.json"
    save(logic.project, path)
    return path


async def broadcast(server: SioServer, payload: str) -> None:
    from runtime.plugins.socketio.sio_import import socketio_module

    client = socketio_module().AsyncClient(reconnection=False)
    await client.connect(server.url, transports=["websocket"])
    try:
        answer = await client.call("broadcast", {"event": "tick", "payload": payload}, timeout=10)
        assert answer == {"broadcast": "tick"}
    finally:
        await client.disconnect()


def test_a_broadcast_on_one_node_reaches_every_device_of_both(cluster, tmp_path):
    groups = [Devices(device_project(tmp_path, node), 10) for node in cluster]
    try:
        for devices in groups:
            assert devices.expect(" up", 10) == {f"[{i}]" for i in range(10)}
        asyncio.run(broadcast(cluster[0], "one"))
        for devices in groups:
            assert len(devices.expect("tick one", 10)) == 10
        assert all(devices.terminate() < 1.0 for devices in groups)
        assert [devices.process.returncode for devices in groups] == [0, 0]
    finally:
        for devices in groups:
            devices.close()


def test_pulse_run_does_not_import_redis_even_when_installed():
    code = ("import sys; import runtime.plugins.socketio.client, runtime.plugins.socketio.connection; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('redis', 'valkey')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.stdout == "[]\n", result.stderr
    import redis  # noqa: F401  (the test means something only where redis is installed: the test extra has it)
