"""`pulse-run --instances N`, `--set`, `--timestamps` and `--log-json` as a fleet operator uses them."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from graph_builder import Builder

from runtime.fileformat import save
from runtime.model import Variable
from runtime.types import DataType

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "assets" / "examples"
ECHO = EXAMPLES / "socketio-echo"


def pulse_run(*args: str, env: dict | None = None, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "runtime.cli", *args], capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT, env={**os.environ, **(env or {})})


def device_project(tmp_path: Path, *, fail_on: int | None = None) -> Path:
    """Prints 'device <DeviceId>'; the instance whose DeviceId is `fail_on` also divides by zero."""
    b = Builder()
    b.project.variables.append(Variable("DeviceId", DataType.STRING, "none"))
    b.node("start", "logic.on_project_start")
    b.node("id", "logic.get_variable", Variable="DeviceId")
    b.node("text", "logic.format_string", Template="device {1}")
    b.node("show", "logic.console")
    b.link("id.Value", "text.Value 1")
    b.link("text.Result", "show.Value")
    b.chain("start", "show")
    if fail_on is not None:
        b.node("is_it", "logic.compare", Type="String", Operator="==", A="", B=str(fail_on))
        b.node("branch", "logic.branch")
        b.node("zero", "logic.divide", A=1, B=0)
        b.node("oops", "logic.console")
        b.link("id.Value", "is_it.A")
        b.link("is_it.Result", "branch.Condition")
        b.link("zero.Result", "oops.Value")
        b.chain("show", "branch")
        b.link("branch.True", "oops.In")
    path = tmp_path / "device.pulse.json"
    save(b.project, path)
    return path


def test_each_instance_runs_with_its_own_variables_and_prefix(tmp_path):
    result = pulse_run(str(device_project(tmp_path)), "--instances", "5", "--set", "variables.DeviceId=d{instance}")
    assert result.returncode == 0, result.stderr
    assert sorted(result.stdout.splitlines()) == [f"[{i}] device d{i}" for i in range(5)]


def test_a_failing_instance_reports_on_its_node_and_the_others_finish(tmp_path):
    project = device_project(tmp_path, fail_on=2)
    result = pulse_run(str(project), "--instances", "4", "--set", "variables.DeviceId={instance}")
    assert result.returncode == 1
    assert sorted(result.stdout.splitlines()) == [f"[{i}] device {i}" for i in range(4)]
    assert result.stderr.splitlines() == ["[2] error: graph 'Project', node zero 'zero': division by zero"]


def test_environment_assignments_apply_before_the_command_line(tmp_path):
    project = str(device_project(tmp_path))
    assert pulse_run(project, env={"PULSE_SET_ID": "variables.DeviceId=env"}).stdout == "device env\n"
    both = pulse_run(project, "--set", "variables.DeviceId=cli", env={"PULSE_SET_ID": "variables.DeviceId=env"})
    assert both.stdout == "device cli\n"


def test_a_bad_override_exits_2_naming_it(tmp_path):
    result = pulse_run(str(device_project(tmp_path)), "--set", "variables.Nope=1")
    assert result.returncode == 2
    assert result.stderr == ("pulse-run: --set variables.Nope=1: the project has no variable 'Nope' "
                             "(variables: 'DeviceId')\n")


def test_an_invalid_setting_names_the_instance():
    result = pulse_run(str(ECHO), "--instances", "7", "--set", 'socketio."Echo server".port=6553{instance}')
    assert result.returncode == 2
    assert result.stderr.startswith("pulse-run: instance 6: invalid project settings")  # 65536; 0-5 are fine
    assert "Port: must be between 1 and 65535" in result.stderr


@pytest.mark.parametrize("count", ["0", "10001", "many"])
def test_the_instance_count_is_bounded(tmp_path, count):
    result = pulse_run(str(device_project(tmp_path)), "--instances", count)
    assert result.returncode == 2
    assert "--instances" in result.stderr and "Traceback" not in result.stderr


def test_timestamps_are_iso_8601_utc_with_milliseconds():
    before = time.time()
    result = pulse_run(str(EXAMPLES / "hello"), "--timestamps")
    stamp, line = result.stdout.rstrip("\n").split(" ", 1)
    assert line == "Hello, world!"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", stamp)
    from datetime import datetime

    printed = datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp()
    assert before - 1 <= printed <= time.time() + 1


def test_log_json_prints_one_object_per_record(tmp_path):
    result = pulse_run(str(device_project(tmp_path, fail_on=1)), "--log-json", "--instances", "2",
                       "--set", "variables.DeviceId={instance}")
    records = sorted((json.loads(line) for line in result.stdout.splitlines()), key=lambda r: (r["instance"],
                                                                                              r["level"]))
    assert result.stderr == ""
    assert [(r["instance"], r["level"], r["message"]) for r in records] == [
        (0, "info", "device 0"), (1, "error", "division by zero"), (1, "info", "device 1")]
    error = records[1]
    assert (error["graph"], error["node"], error["node_name"]) == ("Project", "zero", "zero")
    assert error["time"].endswith("Z")


def test_sigterm_ends_every_instance_within_a_second(tmp_path):
    b = Builder()
    b.node("start", "logic.on_project_start")
    b.node("say", "logic.console", Value="waiting")
    b.node("wait", "logic.delay", Seconds=60.0)
    b.chain("start", "say", "wait")
    save(b.project, tmp_path / "waits.pulse.json")
    process = subprocess.Popen([sys.executable, "-m", "runtime.cli", str(tmp_path / "waits.pulse.json"),
                                "--instances", "20"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    try:
        for _ in range(20):  # every instance is running its Delay
            assert process.stdout.readline().endswith("waiting\n")
        sent = time.monotonic()
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=10)
        assert time.monotonic() - sent < 1.0
        assert process.returncode == 0
        assert process.stderr.read() == ""
    finally:
        process.kill()
        process.wait()


def _waiting_engines(count: int) -> list:
    """`count` engines of a project that waits 0.3 s on start and then ends."""
    from runtime.engine.engine import Engine

    b = Builder()
    b.node("start", "logic.on_project_start")
    b.node("wait", "logic.delay", Seconds=0.3)
    b.chain("start", "wait")
    return [Engine(b.project) for _ in range(count)]


@pytest.mark.parametrize("count", [1, 3])
def test_a_fleet_keeps_its_long_lived_heap_from_the_collector_while_it_runs_and_returns_it(count):
    import asyncio
    import gc

    from runtime.fleet import Fleet

    async def run_and_look() -> tuple[int, int]:
        fleet = Fleet(_waiting_engines(count), lambda index, message: None)
        running = asyncio.ensure_future(fleet.run(5.0))
        while fleet.ready_at is None:
            await asyncio.sleep(0.01)
        frozen = gc.get_freeze_count()
        return frozen, await running

    before = gc.get_freeze_count()  # 0 on Python 3.11; 3.12 may start with a few hundred frozen at start-up
    frozen, code = asyncio.run(run_and_look())
    assert code == 0
    assert (frozen > before) == (count > 1)  # one instance: as any pulse-run; several: frozen for the run
    assert gc.get_freeze_count() <= before  # handed back at the end
