"""Running a project in its own thread, as the editor does: reports, breakpoints, stepping, stop."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from waiting import SlowQueue

from runtime.engine.host import RunHost, RunReport
from runtime.fileformat import load

EXAMPLES = Path(__file__).resolve().parents[2] / "assets" / "examples"


def wait_for(host: RunHost, condition, timeout: float = 10.0) -> list[RunReport]:
    reports: list[RunReport] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        reports.append(host.drain())
        if condition(reports[-1], reports):
            return reports
        time.sleep(0.01)
    raise AssertionError(f"condition not met; last report {reports[-1]}")


def messages(reports: list[RunReport]) -> list[str]:
    return [r.message for report in reports for r in report.records if r.level == "info"]


def test_run_reports_console_and_executed_nodes_and_ends():
    host = RunHost(load(EXAMPLES / "logic-tour"))
    host.start()
    reports = wait_for(host, lambda report, _: report.ended is not None)
    host.stop()
    assert reports[-1].ended == 0
    assert messages(reports) == ["Adding 1 to 5...", "the square of 15 is 225, which is big",
                                 "done, after a short delay"]
    executed = {node for report in reports for node in report.executed}
    assert {"start", "loop", "set", "get", "add", "square", "done"} <= executed
    assert sum(report.pulses for report in reports) == 15  # action nodes entered, function body included


def test_breakpoint_pauses_with_values_then_step_and_resume():
    project = load(EXAMPLES / "logic-tour")
    host = RunHost(project, debug=True, breakpoints={"big"})
    host.start()
    reports = wait_for(host, lambda report, _: report.paused is not None)
    assert reports[-1].paused == ("big", "project")
    values = {k: v for report in reports for k, v in report.values.items()}
    assert values["big"]["in"] == {"Value": "the square of 15 is 225, which is big"}
    assert messages(reports) == ["Adding 1 to 5..."]
    host.step()
    reports = wait_for(host, lambda report, _: report.paused is not None and report.paused[0] == "wait")
    assert messages(reports) == ["the square of 15 is 225, which is big"]
    host.resume()
    reports = wait_for(host, lambda report, _: report.ended is not None)
    host.stop()
    assert messages(reports) == ["done, after a short delay"]


def test_stop_while_paused_ends_everything_and_the_thread():
    before = threading.active_count()
    host = RunHost(load(EXAMPLES / "logic-tour"), debug=True, breakpoints={"intro"})
    host.start()
    wait_for(host, lambda report, _: report.paused is not None)
    host.stop()
    assert not host.running
    assert threading.active_count() == before


def test_edits_during_a_run_do_not_reach_it():
    project = load(EXAMPLES / "hello")
    host = RunHost(project)
    project.project_graph.nodes["hello"].attributes["Value"] = "edited"
    host.start()
    reports = wait_for(host, lambda report, _: report.ended is not None)
    host.stop()
    assert messages(reports) == ["Hello, world!"]


def test_the_report_that_says_ended_carries_the_last_console_lines():
    for _ in range(5):  # the race needs the run to end while drain looks at an empty queue
        host = RunHost(load(EXAMPLES / "hello"))
        host._records = SlowQueue(maxlen=10_000)
        host.start()
        reports = wait_for(host, lambda report, _: report.ended is not None)
        host.stop()
        assert messages(reports) == ["Hello, world!"]


def test_a_plain_run_is_not_traced_node_by_node_yet_reports_what_ran():
    host = RunHost(load(EXAMPLES / "logic-tour"))
    host.start()
    assert host.engine.hook is None  # no hook event per node: nodes count their runs instead
    reports = wait_for(host, lambda report, _: report.ended is not None)
    host.stop()
    executed = {node for report in reports for node in report.executed}
    assert {"start", "loop", "set", "big", "wait", "done"} <= executed  # counted action nodes
    assert {"get", "add", "square"} <= executed  # the pure nodes feeding them
    assert "small" not in executed  # the branch not taken
    assert sum(report.pulses for report in reports) == 15


def test_a_plain_run_with_a_breakpoint_is_traced_and_pauses():
    host = RunHost(load(EXAMPLES / "logic-tour"), breakpoints={"wait"})
    host.start()
    assert host.engine.hook is host.recorder  # armed by the breakpoint
    reports = wait_for(host, lambda report, _: report.paused is not None)
    assert reports[-1].paused == ("wait", "project")
    host.set_breakpoints(set())
    host.resume()
    reports = wait_for(host, lambda report, _: report.ended is not None)
    host.stop()
    assert "done" in {node for report in reports for node in report.executed}


class _SlowDict(dict):
    """A dict whose writes take 100 ms to land: a run thread descheduled in the middle of recording a node."""

    def __init__(self, writing: threading.Event) -> None:
        super().__init__()
        self.writing = writing

    def __setitem__(self, key, value) -> None:
        self.writing.set()
        time.sleep(0.1)
        super().__setitem__(key, value)


def test_a_node_recorded_while_the_window_drains_is_in_that_report_or_the_next_never_lost():
    from types import SimpleNamespace

    host = RunHost(load(EXAMPLES / "logic-tour"), debug=True)
    recorder, writing = host.recorder, threading.Event()
    recorder.executed = _SlowDict(writing)
    inst = SimpleNamespace(id="n1", run=SimpleNamespace(graph=SimpleNamespace(id="g")),
                           ports=SimpleNamespace(inputs=[("Value", None)]))
    runner = threading.Thread(target=recorder.node_entered, args=(inst, [7]))
    runner.start()
    assert writing.wait(5)
    first = host.drain()  # the run thread is in the middle of writing "n1"
    shown = dict(first.executed)  # what the window shows of this report: it reads it at once
    runner.join()
    second = host.drain()
    assert {**shown, **second.executed} == {"n1": "g"}
    assert first.pulses + second.pulses == 1
    assert {**first.values, **second.values} == {"n1": {"in": {"Value": 7}}}


def test_a_drain_while_a_graph_run_is_being_compiled_counts_it_next_frame():
    """A GraphRun joins `engine.graph_runs` before its nodes are compiled: a drain at that instant
    (the window's thread) must skip it, not fail."""
    from types import SimpleNamespace

    host = RunHost(load(EXAMPLES / "logic-tour"))
    half_built = SimpleNamespace(graph=SimpleNamespace(id="g", links=[]))  # no `instances` yet
    host.engine = SimpleNamespace(graph_runs=[half_built])
    report = host.drain()
    assert report.executed == {} and report.pulses == 0
