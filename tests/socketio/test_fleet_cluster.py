"""A fleet against a cluster: `pulse-run --instances` devices on two echo-server nodes sharing Redis.

Needs Debian's redis-server (the `redis_url` fixture, tests/redis_server.py); without it these tests are skipped,
saying so.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fleet_devices import Devices, device_project
from redis_server import free_port
from sio_servers import SioServer, broadcast

ROOT = Path(__file__).resolve().parents[2]


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


def test_a_broadcast_on_one_node_reaches_every_device_of_both(cluster, tmp_path):
    groups = [Devices(device_project(tmp_path, node), "--instances", "10") for node in cluster]
    try:
        for devices in groups:
            assert set(devices.expect("up at", 10)) == {str(i) for i in range(10)}
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


def test_twenty_devices_in_one_process_hear_the_other_node_fail_over_to_it_and_hear_it_again(cluster, tmp_path):
    first, second = cluster
    devices = Devices(device_project(tmp_path, first, failover=(second,)), "--instances", "20")
    try:
        assert set(devices.expect(f"up at {first.url}", 20)) == {str(i) for i in range(20)}
        asyncio.run(broadcast(second, "through redis"))  # sent by the other node: reaches them through Redis
        assert len(devices.expect("tick through redis", 20)) == 20
        first.kill()
        assert len(devices.expect(f"up at {second.url}", 20)) == 20
        asyncio.run(broadcast(second, "after failover"))
        assert len(devices.expect("tick after failover", 20)) == 20
        assert devices.terminate() < 1.0
        assert devices.process.returncode == 0
    finally:
        devices.close()


def test_pulse_echo_server_names_an_unreachable_redis_and_exits_2():
    url = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
    result = subprocess.run([sys.executable, "-m", "runtime.plugins.socketio.echo_server", "--port", "0",
                             "--redis", url], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith(f"pulse-echo-server: --redis: Redis at {url} is not reachable"), result.stderr
