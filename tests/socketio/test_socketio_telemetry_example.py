"""assets/examples/socketio-telemetry runs headless with `pulse-run` against both echo servers.

It needs Get Dictionary Element / Get Nested Element and Switch, which arrive with the String/Array/
Dictionary and flow-control families: until those node types are registered the run tests skip.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sio_servers import REPO_ROOT

from runtime.fileformat import load, save
from runtime.registry import default_registry

EXAMPLE = REPO_ROOT / "assets" / "examples" / "socketio-telemetry" / "project.pulse.json"
NEEDED = ("logic.get_dictionary_element", "logic.get_nested_element", "logic.switch", "logic.is_greater_equal")
MISSING = [t for t in NEEDED if t not in default_registry().specs]

EXPECTED = [
    "Connecting to the telemetry server (start it with: pulse-echo-server --port 5000)...",
    "Connected: asking for telemetry",
    "#1 idle: 62.0 °C",
    "#2 running: 68.0 °C at 1500 rpm",
    "#3 running: 75.0 °C at 2400 rpm",
    "#4 running: 83.0 °C at 3100 rpm",
    "#5 OVERHEAT: 91.0 °C, alert: overheat",
    "#6 OVERHEAT: 97.0 °C, alert: overheat",
    "#7 running: 88.0 °C at 3300 rpm",
    "ALARM at #7: average 80.6 °C >= 80.0 °C",  # 564 / 7: the running average crosses 80 once
    "#8 running: 79.0 °C at 2500 rpm",
    "#9 idle: 62.0 °C",
    "#10 running: 68.0 °C at 1500 rpm",
    "Disconnected after 10 readings, average 77.3 °C",  # stops after N = 10 of the 100 asked for
]


def _pulse_run(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "runtime.cli", str(path)], cwd=REPO_ROOT, capture_output=True,
                          text=True, timeout=60)


def test_example_is_set_up_for_the_documented_server():
    project = load(EXAMPLE)
    (section,) = [s for s in default_registry().active_sections(project) if s.key == "socketio"]
    (entry,) = section.entries(project)
    assert (entry["url"], entry["port"]) == ("http://127.0.0.1", 5000)  # `pulse-echo-server --port 5000`
    receive = [n for _, n in project.iter_nodes() if n.type == "socketio.on_receive"]
    assert [n.attributes["Message Type"] for n in receive] == ["Dictionary"]  # no JSON Parse node needed
    assert {n.type for _, n in project.iter_nodes()} >= set(NEEDED)


@pytest.mark.skipif(bool(MISSING), reason=f"node types not registered yet: {', '.join(MISSING)}")
def test_example_runs_with_pulse_run_against_both_servers(sio_server, tmp_path):
    project = load(EXAMPLE)
    project.settings["socketio"]["entries"][0]["port"] = sio_server.port  # a free port, not 5000
    copy = tmp_path / "project.pulse.json"
    save(project, copy)
    done = _pulse_run(copy)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == EXPECTED
    alarm = sio_server.wait_for_output(lambda line: line.startswith("RECV / alarm "))
    assert alarm == 'RECV / alarm "ALARM at #7: average 80.6 °C >= 80.0 °C"'
    assert sum(line.startswith("RECV / alarm ") for line in sio_server.output) == 1
