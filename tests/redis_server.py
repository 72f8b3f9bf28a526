"""A real redis-server for cluster tests (python-socketio's AsyncRedisManager), no mocks.

Fixture ``redis_url``: a private redis-server on a free loopback port, without persistence, stopped after
the test. Needs Debian's ``redis-server`` (`.ci/run` installs it); without it the test is skipped with a
reason starting "system package missing:" (the one skip `make test` allows, see tests/conftest.py).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator

import pytest

REDIS_MISSING = "system package missing: redis-server (apt-get install redis-server, see README)"


def free_port() -> int:
    """A loopback TCP port nothing listens on (now)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def redis_url() -> Iterator[str]:
    """``redis://127.0.0.1:PORT/0`` of a private redis-server."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip(REDIS_MISSING)
    port = free_port()
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
