"""`pulse-run` as a user runs it: examples, exit codes, signals, errors without tracebacks."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from graph_builder import Builder

from runtime.fileformat import save

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "assets" / "examples"


def pulse_run(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "runtime.cli", *args], capture_output=True, text=True,
                          timeout=timeout, cwd=ROOT)


@pytest.mark.parametrize("example", ["hello", "logic-tour", "flow-and-timers", "json-data", "prefabs"])
def test_examples_run_to_exit_code_zero(example):
    result = pulse_run(str(EXAMPLES / example))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()
    assert result.stderr == ""


def test_flow_and_timers_shows_a_waiting_branch_waiting_alone():
    assert pulse_run(str(EXAMPLES / "flow-and-timers")).stdout.splitlines() == [
        "idle: waiting", "running: working", "unknown state:", "overheat", "stopped: done", "all states walked",
        "1", "2", "3", "interval reset after 3 ticks", "0.5 s later: the timeout fired (Then 1 waited alone)"]


def test_prefabs_example_creates_runs_and_destroys_its_instances():
    assert pulse_run(str(EXAMPLES / "prefabs")).stdout.splitlines() == [
        "a Counter is created", "a Counter is created", "apples 5, pears 10",
        "a Counter is destroyed with total 5", "a Counter is destroyed with total 10"]


def test_hello_prints_its_line():
    assert pulse_run(str(EXAMPLES / "hello")).stdout == "Hello, world!\n"


def test_comments_node_comments_and_reroute_points_change_nothing_a_run_does(tmp_path):
    """They are layout: the same example with them everywhere prints exactly the same."""
    from runtime.fileformat import load
    from runtime.model import Comment, Group

    project = load(EXAMPLES / "json-data")
    for graph in project.graphs.values():
        for index, link in enumerate(graph.links):
            graph.bends[link] = ((float(index), 10.0), (float(index) + 5, -10.0))
        for node in graph.nodes.values():
            node.comment = f"about {node.name}"
        graph.comments.append(Comment("c1", "**not** code", (0.0, 0.0, 100.0, 50.0)))
        graph.groups.append(Group("gx", "All", (0.0, 0.0, 10.0, 10.0), "#e88b8b"))
    save(project, tmp_path / "project.pulse.json")
    assert pulse_run(str(tmp_path)).stdout == pulse_run(str(EXAMPLES / "json-data")).stdout


def test_json_data_reads_fields_of_a_json_message():
    assert pulse_run(str(EXAMPLES / "json-data")).stdout.splitlines() == [
        "overheat", "driving: speed 42 km/h, engine 97.5 °C", "slow-down"]


def test_broken_file_exits_2_naming_file_and_problem(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"format_version": 1, "name": ')
    result = pulse_run(str(broken))
    assert result.returncode == 2
    assert str(broken) in result.stderr and "not valid JSON" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_scene_exits_2():
    result = pulse_run(str(EXAMPLES / "hello"), "--scene", "Nope")
    assert result.returncode == 2
    assert "no scene named 'Nope'" in result.stderr


def test_runtime_error_exits_1_with_the_node_on_stderr(tmp_path):
    b = Builder()
    b.node("s", "logic.on_project_start")
    b.node("parse", "logic.parse_number", "Parse", Text="twelve")
    b.node("show", "logic.console")
    b.chain("s", "show")
    b.link("parse.Number", "show.Value")
    save(b.project, tmp_path / "p.json")
    result = pulse_run(str(tmp_path / "p.json"))
    assert result.returncode == 1
    assert "error: graph 'Project', node parse 'Parse': 'twelve' is not a valid Float" in result.stderr


def test_timeout_is_a_normal_end(tmp_path):
    b = Builder()
    b.node("s", "logic.on_project_start")
    b.node("wait", "logic.delay", Seconds=60.0)
    b.chain("s", "wait")
    save(b.project, tmp_path / "p.json")
    started = time.monotonic()
    result = pulse_run(str(tmp_path / "p.json"), "--timeout", "0.3")
    assert result.returncode == 0
    assert time.monotonic() - started < 20


def test_sigterm_shuts_down_cleanly(tmp_path):
    b = Builder()
    b.node("s", "logic.on_project_start")
    b.node("hi", "logic.console", Value="running")
    b.node("wait", "logic.delay", Seconds=60.0)
    b.chain("s", "hi", "wait")
    save(b.project, tmp_path / "p.json")
    process = subprocess.Popen([sys.executable, "-m", "runtime.cli", str(tmp_path / "p.json")], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout.readline() == "running\n"
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=20) == 0
    assert process.stderr.read() == ""


def test_trace_prints_nodes_with_values():
    result = pulse_run(str(EXAMPLES / "hello"), "--trace")
    assert "TRACE enter Project: Console (hello) [Value=Hello, world!]" in result.stderr
    assert result.stdout == "Hello, world!\n"


def test_invalid_settings_exit_2_naming_the_entry(tmp_path):
    data = json.loads((EXAMPLES / "hello" / "project.pulse.json").read_text())
    data["settings"] = {"socketio": {"entries": [{"name": "", "url": "ftp://x"}]}}
    path = tmp_path / "p.json"
    path.write_text(json.dumps(data))
    result = pulse_run(str(path))
    assert result.returncode == 2


def test_seed_option_makes_random_nodes_repeat(tmp_path):
    b = Builder()
    b.node("s", "logic.on_project_start")
    b.node("rand", "logic.random", Minimum=0, Maximum=10**15)
    b.node("show", "logic.console")
    b.chain("s", "rand", "show")
    b.link("rand.Output", "show.Value")
    path = tmp_path / "random.pulse.json"
    save(b.project, path)
    first, second = (pulse_run(str(path), "--seed", "99").stdout for _ in range(2))
    assert first == second and first.strip().isdigit()
    assert pulse_run(str(path), "--seed", "100").stdout != first
    fleet = pulse_run(str(path), "--seed", "99", "--instances", "2").stdout
    assert sorted(fleet.splitlines()) == sorted(pulse_run(str(path), "--seed", "99", "--instances", "2").stdout
                                                .splitlines())
    numbers = [line.split()[-1] for line in fleet.splitlines()]
    assert len(numbers) == 2 and numbers[0] != numbers[1] and first.strip() in numbers  # instance 0: seed 99


def test_a_connection_left_on_a_gone_parameter_is_a_warning_and_the_run_goes_on(tmp_path):
    data = json.loads((EXAMPLES / "prefabs" / "project.pulse.json").read_text())
    next(g for g in data["graphs"] if g["id"] == "prefab-counter")["inputs"] = []  # Prefab Input.Step's wire stays
    path = tmp_path / "old.pulse.json"
    path.write_text(json.dumps(data))
    result = pulse_run(str(path))
    assert result.returncode == 0
    assert result.stderr == (f"pulse-run: warning: {path}: $.graphs[2].connections[4]: graph 'Counter': dropped the "
                             "connection Prefab Input (pin).Step -> Add (sum).B: 'Prefab Input' has no output 'Step'\n")
    assert "apples 0, pears 0" in result.stdout.splitlines()  # Add's B: its default, no Step any more
