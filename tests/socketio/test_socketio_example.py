"""The shipped example assets/examples/socketio-echo runs headless with `pulse-run` against the echo server."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sio_servers import REPO_ROOT
from waiting import wait_until

from runtime.fileformat import load, save
from runtime.registry import default_registry

EXAMPLE = REPO_ROOT / "assets" / "examples" / "socketio-echo" / "project.pulse.json"


def _pulse_run(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "runtime.cli", str(path)], cwd=REPO_ROOT, capture_output=True,
                          text=True, timeout=60)


def test_example_loads_with_valid_settings_for_the_documented_server():
    project = load(EXAMPLE)
    (section,) = [s for s in default_registry().active_sections(project) if s.key == "socketio"]
    (entry,) = section.entries(project)
    assert (entry["url"], entry["port"]) == ("http://127.0.0.1", 5000)  # `pulse-echo-server --port 5000`
    assert section.validate([entry]) == []
    types = {node.type for _, node in project.iter_nodes()}
    assert {"socketio.start", "socketio.on_start", "socketio.subscribe", "socketio.send", "socketio.on_receive",
            "socketio.stop", "socketio.on_stop", "socketio.on_error"} <= types


def test_example_runs_with_pulse_run_against_the_echo_server(python_sio_server, tmp_path):
    project = load(EXAMPLE)
    project.settings["socketio"]["entries"][0]["port"] = python_sio_server.port  # a free port, not 5000
    copy = tmp_path / "project.pulse.json"
    save(project, copy)
    done = _pulse_run(copy)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-6:] == [
        *(f"echo {i}: Hello from Pulse Studio" for i in range(1, 6)), "Disconnected after 5 echoes"]
    assert done.stderr == ""
    # the server's output is read by a thread: wait for it, then check there is not one more
    wait_until(lambda: sum(line.startswith("RECV / echo ") for line in python_sio_server.output) >= 5)
    assert sum(line.startswith("RECV / echo ") for line in python_sio_server.output) == 5


def test_example_without_a_server_says_so_and_exits_1(tmp_path):
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    project = load(EXAMPLE)
    project.settings["socketio"]["entries"][0]["port"] = port
    copy = tmp_path / "project.pulse.json"
    save(project, copy)
    done = _pulse_run(copy)
    assert done.returncode == 1
    assert f"Socket.IO error: cannot connect to http://127.0.0.1:{port}" in done.stdout
