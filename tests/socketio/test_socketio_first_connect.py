"""The first connect honours the reconnection policy, and every wait between attempts has a proportional jitter."""

from __future__ import annotations

import asyncio
import itertools
import re
import socket
import statistics
import subprocess
import sys
import time

import pytest
from sio_logic import Logic, LoopErrors, Running, open_http_sessions, settle_tasks
from sio_servers import REPO_ROOT

from runtime.fileformat import save
from runtime.plugins.socketio.client import JITTER, make_client, retry_delay, retry_wait
from runtime.plugins.socketio.settings import SECTION, ConnectionSettings

PLANNED = re.compile(r"attempt (\d+) in ([0-9.]+) s")


def _logic(server, **fields) -> Logic:
    b = Logic()
    b.connection("main", server, **fields)
    b.node("ps", "logic.on_project_start")
    n = b.socketio("r", "main", "start", "on_start", "on_error", "stop")
    b.then("ps", n["start"])
    b.then(b.log("r_on_start", "started"), n["stop"])
    b.log("r_on_error", "error", "r_on_error.Namespace", "r_on_error.Message")
    return b


async def test_a_start_before_the_server_is_up_retries_until_it_comes_up(sio_server):
    sio_server.kill()  # its port stays ours: the same server comes back there
    b = _logic(sio_server, reconnection=True, reconnection_delay=100, reconnection_delay_max=200)
    async with LoopErrors() as loop_errors, Running(b.project) as run:
        (error,) = await run.printed("error")
        assert error.startswith(f"|cannot connect to {sio_server.url}: ")
        assert "; retrying (Reconnection is on): attempt 2 in " in error  # On Socket.IO Error once
        await run.until(lambda: any("connection attempt 2 failed" in r.message for r in run.problems("warning")),
                        "a second attempt")
        connection = run.connection("main")
        assert connection.state.value == "still connecting" and connection.busy()  # pulse-run stays alive
        sio_server.start()
        await run.printed("started", timeout=15)
        assert await run.finished() == 0
    assert run.lines("error") == [error]  # the retries were warnings, not On Socket.IO Error
    assert await settle_tasks() == []
    assert open_http_sessions() == [] and loop_errors.messages == []


async def test_the_first_connect_gives_up_after_the_reconnection_attempts_with_jittered_waits(sio_server):
    sio_server.kill()
    b = _logic(sio_server, reconnection=True, reconnection_attempts=3, reconnection_delay=200,
               reconnection_delay_max=400)
    async with Running(b.project) as run:
        assert await run.finished(timeout=15) == 0  # handled by On Socket.IO Error
    first, last = run.lines("error")
    assert last == f"|gave up connecting after 4 attempts: cannot connect to {sio_server.url}: " + \
        first.split(f"{sio_server.url}: ", 1)[1].split("; retrying")[0]
    tries = [r for r in run.records if r.level != "info" and "attempt" in r.message and "in " in r.message]
    planned = [(int(m[1]), float(m[2])) for m in (PLANNED.search(r.message) for r in tries)]
    assert [n for n, _ in planned] == [2, 3, 4]
    for k, (_, wait) in enumerate(planned):  # ±50 % of 0.2, 0.4, 0.4 s (printed to 0.1 s)
        base = retry_delay(0.2, 0.4, k)
        assert base * (1 - JITTER) - 0.05 <= wait <= base * (1 + JITTER) + 0.05
    gaps = [later.time - earlier.time for earlier, later in itertools.pairwise(tries)]
    for gap, (_, wait) in zip(gaps, planned, strict=False):
        assert gap >= wait - 0.06  # measured: the attempt really waited (never less; more on a busy machine)
    assert run.lines("started") == []
    assert await settle_tasks() == []


def _settings(**fields) -> ConnectionSettings:
    return ConnectionSettings.from_entry({**SECTION.new_entry("main"), **fields})


@pytest.mark.parametrize("attempt", [0, 1, 2, 5])
def test_each_wait_is_spread_over_plus_minus_half_of_its_delay(attempt):
    settings = _settings(reconnection_delay=1000, reconnection_delay_max=5000)
    base = retry_delay(1.0, 5.0, attempt)
    waits = [retry_wait(settings, attempt) for _ in range(4000)]
    assert base * 0.5 <= min(waits) < base * 0.55 and base * 1.45 < max(waits) <= base * 1.5
    assert statistics.mean(waits) == pytest.approx(base, rel=0.03)
    # uniform over ±50 %: standard deviation base / sqrt(12); a reconnect storm spreads over the whole range
    assert statistics.pstdev(waits) == pytest.approx(base / 12 ** 0.5, rel=0.08)


def test_the_reconnect_loop_gets_the_same_proportional_jitter_and_starts_over_each_time():
    client = make_client(_settings(reconnection_delay=1000, reconnection_delay_max=5000), lambda _client: None)
    assert [client.randomization_factor for _ in range(5)] == pytest.approx([0.5, 1.0, 2.0, 2.5, 2.5])
    client._retry = 0  # as _handle_reconnect does when a new loop begins
    assert client.randomization_factor == pytest.approx(0.5)


def test_pulse_run_stays_alive_while_the_first_connect_retries(tmp_path):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    b = Logic()
    b.connection("main", url="http://127.0.0.1", port=port, reconnection=True, reconnection_delay=200,
                 reconnection_delay_max=400)
    b.node("ps", "logic.on_project_start")
    n = b.socketio("r", "main", "start", "on_error")
    b.then("ps", n["start"])
    b.log("r_on_error", "error", "r_on_error.Message")
    path = tmp_path / "project.pulse.json"
    save(b.project, path)
    began = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "runtime.cli", str(path), "--timeout", "2"], cwd=REPO_ROOT,
                          capture_output=True, text=True, timeout=60)
    assert time.monotonic() - began >= 2.0  # not over after the first attempt: the timeout ended it
    assert done.returncode == 0, done.stderr  # handled by On Socket.IO Error, ended by --timeout
    assert f"cannot connect to http://127.0.0.1:{port}" in done.stdout and "retrying" in done.stdout
    assert "connection attempt 2 failed" in done.stdout + done.stderr


async def test_a_first_connect_fails_over_to_the_next_server_and_says_which_it_reached(sio_server):
    with socket.socket() as probe:  # a port nothing listens on: the listed server is down
        probe.bind(("127.0.0.1", 0))
        dead = probe.getsockname()[1]
    b = Logic()
    b.connection("main", None, url="http://127.0.0.1", port=dead, failover_urls=[sio_server.url],
                 reconnection=True, reconnection_delay=100, reconnection_delay_max=200)
    b.node("ps", "logic.on_project_start")
    n = b.socketio("r", "main", "start", "on_start", "on_error", "stop")
    b.then("ps", n["start"])
    b.then(b.log("r_on_start", "started", "r_on_start.URL"), n["stop"])
    b.log("r_on_error", "error", "r_on_error.Namespace", "r_on_error.Message")
    async with Running(b.project) as run:
        assert await run.printed("started", timeout=15) == [sio_server.url]
        assert await run.finished() == 0
    (error,) = run.lines("error")  # the dead one, once; the second attempt reached the failover server
    assert error.startswith(f"|cannot connect to http://127.0.0.1:{dead}: ")


@pytest.mark.parametrize(("urls", "problem"), [
    (["http://127.0.0.1:5001", "ftp://x"], "'ftp://x' must start with http://"),
    (["http://127.0.0.1:5001/socket.io"], "has a path"),
    ("http://127.0.0.1:5001", "expected a list of server URLs"),
    ([""], "expected a list of server URLs"),
])
def test_failover_servers_are_validated(urls, problem):
    (found,) = SECTION.validate([{**SECTION.new_entry("main"), "failover_urls": urls}])
    assert found.field == "Failover servers" and problem in found.message


def test_failover_servers_follow_the_server_in_order():
    settings = _settings(url="http://a", port=5000, failover_urls=["http://b:5001", "https://c"])
    assert settings.server_urls == ("http://a:5000", "http://b:5001", "https://c")


async def test_a_connection_error_while_the_run_stops_is_a_warning_not_an_unhandled_error(sio_server):
    b = Logic()
    b.connection("main", sio_server)
    b.socketio("r", "main", "on_error")
    b.log("r_on_error", "error", "r_on_error.Message")
    run = Running(b.project)
    async with run:
        stopping = asyncio.ensure_future(run.engine.stop())
        await run.until(lambda: not run.engine.project_run.active, "the logic to stop (its listeners gone)")
        # what a connect attempt failing at this moment reports (pulse-run --timeout ending a retrying run)
        run.connection("main").report("", "connection attempt failed as the run ends")
        await stopping
    assert run.engine.error_count == 0  # pulse-run's exit code stays 0
    assert [r.level for r in run.records if "as the run ends" in r.message] == ["warning"]
