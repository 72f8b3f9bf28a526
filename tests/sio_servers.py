"""Real Socket.IO servers for the tests, run as subprocesses (no mocks).

Two implementations of one protocol (see ``runtime/plugins/socketio/echo_server.py``):
python-socketio on aiohttp, and the Node.js reference ``tests/node_server/server.js``.
Running the client tests against both catches behaviour that only one of them has.
Subprocesses, not in-process servers, so that a test can SIGKILL the server
("server killed mid-session") and so the server never shares the test's event loop.

Fixtures (loaded by ``pytest_plugins = ["sio_servers"]`` in tests/conftest.py):

``python_sio_server``, ``node_sio_server``
    One running server of that kind, stopped after the test.
``sio_server``
    Parametrized over both (ids ``python`` / ``node``); the node case carries the
    ``node_server`` mark and is skipped when ``tests/node_server/node_modules`` is missing
    (a failure under ``make test``: see ``PULSE_TEST_STRICT`` in tests/conftest.py).
``shared_sio_server``
    The same, but one server per kind for the whole test module (a Python server takes
    ~0.5 s to start): for tests that neither kill, stop nor restart it.

Each yields a :class:`SioServer`. Outside fixtures use ``start_sio_server(kind)`` as a
context manager.
"""

from __future__ import annotations

import contextlib
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
NODE_SERVER_DIR = REPO_ROOT / "tests" / "node_server"
NODE_MODULES = NODE_SERVER_DIR / "node_modules" / "socket.io"
NODE_MISSING_REASON = "tests/node_server/node_modules is missing: run `cd tests/node_server && npm ci` (or `make test`)"
START_TIMEOUT = 20.0  # generous: a loaded 2-core CI machine can take seconds to import aiohttp
KINDS = ("python", "node")


def node_server_available() -> bool:
    """Whether the Node.js server's dependencies are installed."""
    return NODE_MODULES.is_dir()


async def broadcast(server: SioServer, payload: str) -> None:
    """Asks `server` (or anything with an echo server's `url`) to emit 'tick' with `payload` to every client
    (of the whole cluster)."""
    from runtime.plugins.socketio.sio_import import socketio_module  # here: importing this plugin stays light

    client = socketio_module().AsyncClient(reconnection=False)
    await client.connect(server.url, transports=["websocket"])
    try:
        answer = await client.call("broadcast", {"event": "tick", "payload": payload}, timeout=10)
        assert answer == {"broadcast": "tick"}
    finally:
        await client.disconnect()


def _command(kind: str, host: str, port: int, quiet: bool, extra: tuple[str, ...] = ()) -> list[str]:
    if kind == "python":
        cmd = [sys.executable, "-m", "runtime.plugins.socketio.echo_server"]
    elif kind == "node":
        node = shutil.which("node")
        if node is None:
            raise RuntimeError("node_modules is installed but `node` is not on PATH")
        cmd = [node, str(NODE_SERVER_DIR / "server.js")]
    else:
        raise ValueError(f"unknown server kind {kind!r} (expected one of {KINDS})")
    cmd += ["--host", host, "--port", str(port)]
    if quiet:
        cmd.append("--quiet")
    return cmd + list(extra)


class SioServer:
    """A Socket.IO echo server subprocess.

    ``url`` / ``port`` stay valid across :meth:`restart`, which starts a new process on the
    same port (for reconnection tests). ``output`` holds the stdout lines after ``PORT n``
    (``CONNECT`` / ``RECV`` / ``DISCONNECT`` lines unless ``quiet``).
    """

    def __init__(self, kind: str, *, host: str = "127.0.0.1", port: int = 0, quiet: bool = False,
                 extra: tuple[str, ...] = ()) -> None:
        self.kind = kind
        self.extra = extra  # more command-line arguments, e.g. ("--redis", url)
        self.host = host
        self.port = port
        self.quiet = quiet
        self.output: list[str] = []
        self.stderr: list[str] = []
        self.process: subprocess.Popen[str] | None = None
        self._readers: list[threading.Thread] = []

    @property
    def url(self) -> str:
        """Base URL for a Socket.IO client, e.g. ``http://127.0.0.1:43123``."""
        return f"http://{self.host}:{self.port}"

    @property
    def alive(self) -> bool:
        """Whether the server process is running."""
        return self.process is not None and self.process.poll() is None

    def start(self, timeout: float = START_TIMEOUT) -> SioServer:
        """Start the process and wait for its ``PORT n`` line."""
        if self.alive:
            raise RuntimeError("server already running")
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self.process = subprocess.Popen(
            _command(self.kind, self.host, self.port, self.quiet, self.extra),
            cwd=REPO_ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        # Drain both pipes for the whole life of the process: a full pipe would block the server.
        lines: queue.Queue[str | None] = queue.Queue()
        self._readers = [
            threading.Thread(target=self._read_stdout, args=(self.process, lines), daemon=True),
            threading.Thread(target=self._read_stderr, args=(self.process,), daemon=True),
        ]
        for reader in self._readers:
            reader.start()
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            try:
                line = lines.get(timeout=max(remaining, 0.01))
            except queue.Empty:
                self.kill()
                raise RuntimeError(self._failure(f"no PORT line within {timeout:.0f} s")) from None
            if line is None:
                self.process.wait(timeout=5)
                self._join_readers()
                raise RuntimeError(self._failure(f"exited with code {self.process.returncode}"))
            if line.startswith("PORT "):
                self.port = int(line.split()[1])
                return self

    def _failure(self, what: str) -> str:
        err = "".join(self.stderr).strip()
        return f"{self.kind} Socket.IO server {what}" + (f"\nstderr:\n{err}" if err else "")

    def _read_stdout(self, process: subprocess.Popen[str], lines: queue.Queue[str | None]) -> None:
        assert process.stdout is not None
        port_seen = False
        with process.stdout:
            for line in process.stdout:
                line = line.rstrip("\n")
                if port_seen:
                    self.output.append(line)
                else:
                    port_seen = line.startswith("PORT ")
                    lines.put(line)
        lines.put(None)

    def _read_stderr(self, process: subprocess.Popen[str]) -> None:
        assert process.stderr is not None
        with process.stderr:
            for line in process.stderr:
                self.stderr.append(line)

    def wait_for_output(self, predicate: Callable[[str], bool], timeout: float = 5.0) -> str:
        """Block until an output line satisfies ``predicate``; return it (for log assertions)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in list(self.output):
                if predicate(line):
                    return line
            time.sleep(0.01)
        raise TimeoutError(f"no matching server output line within {timeout} s; got {self.output[-20:]}")

    def kill(self) -> None:
        """SIGKILL the server (no goodbye to clients) and reap it."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self._join_readers()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop gracefully (SIGTERM; SIGKILL after ``timeout``); idempotent."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.kill()
        self._join_readers()

    def _join_readers(self) -> None:
        # The pipes reach EOF once the process is gone; the readers then close them.
        for reader in self._readers:
            reader.join(timeout=5)

    def restart(self, timeout: float = START_TIMEOUT) -> SioServer:
        """Stop if running, then start again on the same port."""
        self.stop()
        return self.start(timeout)

    def __repr__(self) -> str:
        return f"<SioServer {self.kind} {self.url} {'alive' if self.alive else 'stopped'}>"


@contextlib.contextmanager
def start_sio_server(kind: str, *, host: str = "127.0.0.1", port: int = 0, quiet: bool = False) -> Iterator[SioServer]:
    """Run one server of ``kind`` ("python" or "node") for the duration of the block."""
    server = SioServer(kind, host=host, port=port, quiet=quiet)
    try:
        yield server.start()
    finally:
        server.stop()


def _require_node() -> None:
    if not node_server_available():
        pytest.skip(NODE_MISSING_REASON)


@pytest.fixture
def python_sio_server() -> Iterator[SioServer]:
    """A python-socketio echo server subprocess."""
    with start_sio_server("python") as server:
        yield server


@pytest.fixture
def node_sio_server() -> Iterator[SioServer]:
    """A Node.js socket.io echo server subprocess (skipped without node_modules)."""
    _require_node()
    with start_sio_server("node") as server:
        yield server


SERVER_PARAMS = [
    pytest.param("python", id="python"),
    pytest.param("node", id="node", marks=pytest.mark.node_server),
]


def _param_server(request: pytest.FixtureRequest) -> Iterator[SioServer]:
    if request.param == "node":
        _require_node()
    with start_sio_server(request.param) as server:
        yield server


@pytest.fixture(params=SERVER_PARAMS)
def sio_server(request: pytest.FixtureRequest) -> Iterator[SioServer]:
    """Each echo server in turn: the test runs once against python-socketio, once against Node.js."""
    yield from _param_server(request)


@pytest.fixture(scope="module", params=SERVER_PARAMS)
def shared_sio_server(request: pytest.FixtureRequest) -> Iterator[SioServer]:
    """Like ``sio_server`` but shared by a module's tests: do not kill, stop or restart it."""
    yield from _param_server(request)
