"""Running a project in a process of its own, as the editor does: reports, breakpoints, stepping, stop."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import threading
import time
from pathlib import Path

import pytest

from runtime.engine.console import ConsoleRecord
from runtime.engine.frames import MAX_ITEMS, MAX_TEXT, bounded
from runtime.engine.host import RunHost, RunReport, _Spares
from runtime.engine.session import RunSession
from runtime.fileformat import load
from runtime.registry import default_registry

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
    for _ in range(5):  # the last line and `ended` travel in one message: no drain sees one without the other
        host = RunHost(load(EXAMPLES / "hello"))
        host.start()
        reports = wait_for(host, lambda report, _: report.ended is not None)
        host.stop()
        assert messages(reports) == ["Hello, world!"]


def test_a_plain_run_is_not_traced_node_by_node_yet_reports_what_ran():
    host = RunHost(load(EXAMPLES / "logic-tour"))
    host.start()
    reports = wait_for(host, lambda report, _: report.ended is not None)
    host.stop()
    executed = {node for report in reports for node in report.executed}
    assert {"start", "loop", "set", "big", "wait", "done"} <= executed  # counted action nodes
    assert {"get", "add", "square"} <= executed  # the pure nodes feeding them
    assert "small" not in executed  # the branch not taken
    assert sum(report.pulses for report in reports) == 15


def test_a_plain_session_costs_no_hook_call_per_node_until_a_breakpoint_arms_it():
    async def scenario() -> tuple[object, object]:
        session = RunSession(load(EXAMPLES / "logic-tour"), default_registry())
        idle = session.engine.hook
        session.command("set_breakpoints", {"wait"})
        armed = session.engine.hook
        await session.stop()
        return idle, armed

    idle, armed = asyncio.run(scenario())
    assert idle is None  # nodes count their runs instead
    assert armed is not None


def test_a_plain_run_with_a_breakpoint_is_traced_and_pauses():
    host = RunHost(load(EXAMPLES / "logic-tour"), breakpoints={"wait"})
    host.start()
    reports = wait_for(host, lambda report, _: report.paused is not None)
    assert reports[-1].paused == ("wait", "project")
    host.set_breakpoints(set())
    host.resume()
    reports = wait_for(host, lambda report, _: report.ended is not None)
    host.stop()
    assert "done" in {node for report in reports for node in report.executed}


def test_the_run_happens_in_a_process_of_its_own_which_ends_with_it():
    host = RunHost(load(EXAMPLES / "logic-tour"), debug=True, breakpoints={"intro"})
    host.start()
    wait_for(host, lambda report, _: report.paused is not None)
    pid = host.pid
    assert pid is not None and pid != os.getpid()
    os.kill(pid, 0)  # alive while paused
    host.stop()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_a_paused_state_lasts_across_drains_that_bring_no_news():
    host = RunHost(load(EXAMPLES / "logic-tour"), debug=True, breakpoints={"intro"})
    host.start()
    wait_for(host, lambda report, _: report.paused is not None)
    assert all(host.drain().paused == ("intro", "project") for _ in range(3))
    host.stop()


@pytest.mark.skipif(not hasattr(signal, "SIGSTOP"), reason="needs POSIX signals to freeze a process")
def test_stop_ends_a_run_process_that_no_longer_answers_and_says_so():
    host = RunHost(load(EXAMPLES / "logic-tour"), debug=True, breakpoints={"intro"})
    host.start()
    wait_for(host, lambda report, _: report.paused is not None)
    os.kill(host.pid, signal.SIGSTOP)  # frozen: it cannot obey "stop"
    started = time.monotonic()
    host.stop(timeout=1.0)
    assert time.monotonic() - started < 5
    report = host.drain()
    assert report.ended is not None
    assert any("did not stop within 1 s" in r.message for r in report.records)
    assert not host.running


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals to kill a process")
def test_a_run_process_that_dies_ends_the_run_with_an_error_not_a_hang():
    host = RunHost(load(EXAMPLES / "logic-tour"), debug=True, breakpoints={"intro"})
    host.start()
    wait_for(host, lambda report, _: report.paused is not None)
    os.kill(host.pid, signal.SIGKILL)
    reports = wait_for(host, lambda report, _: report.ended is not None)
    errors = [r.message for report in reports for r in report.records if r.level == "error"]
    assert errors and "ended unexpectedly (exit code -9)" in errors[-1]
    host.stop()


@pytest.mark.skipif(not hasattr(signal, "SIGSEGV"), reason="needs POSIX signals")
def test_a_crash_in_the_run_process_is_reported_with_its_last_words(monkeypatch):
    class SlowStderr:  # a busy machine: the stderr reader passes each line on slowly, behind the reports' reader
        def write(self, text: str) -> None:
            time.sleep(0.02)

    monkeypatch.setattr(sys, "stderr", SlowStderr())
    host = RunHost(load(EXAMPLES / "logic-tour"), debug=True, breakpoints={"intro"})
    host.start()
    wait_for(host, lambda report, _: report.paused is not None)
    os.kill(host.pid, signal.SIGSEGV)  # what a crash in C code does
    reports = wait_for(host, lambda report, _: report.ended is not None)
    error = [r.message for report in reports for r in report.records if r.level == "error"][-1]
    assert "ended unexpectedly (exit code -11)" in error
    assert "most recent call first" in error  # the end of the stack dump faulthandler printed was read
    host.stop()


def test_a_spare_run_process_ends_when_the_editor_goes_away():
    spare = _Spares._spawn()
    spare.stdin.close()  # what the pipe looks like once the editor has exited
    assert spare.wait(30) == 0


def test_values_pickle_refuses_are_sent_as_their_text():
    import threading as threads

    lock = threads.Lock()
    assert bounded({"a": [1, "x", lock], 2: {"b": None}, (1,): 0}) == {"a": [1, "x", repr(lock)], 2: {"b": None},
                                                                   "(1,)": 0}


def test_merged_reports_keep_every_line_the_latest_state_and_all_counts():
    first = RunReport(executed={"a": "g"}, values={"a": {"in": {"V": 1}}}, records=[ConsoleRecord("info", "1")],
                      paused=("a", "g"), pulses=3)
    first.merge(RunReport(executed={"b": "g"}, values={"a": {"out": {"R": 2}}},
                          records=[ConsoleRecord("info", "2")], resumed=True, pulses=4))
    assert first.executed == {"a": "g", "b": "g"}
    assert first.values == {"a": {"in": {"V": 1}, "out": {"R": 2}}}
    assert [r.message for r in first.records] == ["1", "2"]
    assert first.paused is None and first.resumed and first.pulses == 7


def test_a_debug_run_sends_long_values_cut_saying_how_long_they_were():
    project = load(EXAMPLES / "hello")
    project.project_graph.nodes["hello"].attributes["Value"] = "x" * 50_000
    host = RunHost(project, debug=True)
    host.start()
    reports = wait_for(host, lambda report, _: report.ended is not None)
    host.stop()
    shown = {k: v for report in reports for k, v in report.values.items()}["hello"]["in"]["Value"]
    assert shown == "x" * MAX_TEXT + "… (50,000 characters)"
    assert [len(m) for m in messages(reports)] == [50_000]  # the run itself had it all


def test_bounded_cuts_long_lists_and_dicts_and_leaves_small_values_alone():
    assert bounded({"a": (1, 2), "b": [1.5, None]}) == {"a": (1, 2), "b": [1.5, None]}
    cut = bounded(list(range(MAX_ITEMS + 5)))
    assert len(cut) == MAX_ITEMS + 1 and cut[-1] == f"… ({MAX_ITEMS + 5:,} items)"
    assert len(bounded({i: i for i in range(MAX_ITEMS + 1)})) == MAX_ITEMS + 1
