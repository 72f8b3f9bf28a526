"""An engine that shares the GIL with the editor's window lets go of it only while the window is busy,
and a RunHost lowers Python's switch interval while it runs (runtime/engine/interpreter.py)."""

from __future__ import annotations

import sys

from runtime.engine import interpreter
from runtime.engine.engine import Engine
from runtime.engine.host import RunHost
from runtime.model import Project


def _sleeps(monkeypatch, runner: interpreter.PulseRunner) -> list[float]:
    slept: list[float] = []
    monkeypatch.setattr(interpreter.time, "sleep", slept.append)
    runner.must_yield()
    return slept


def test_a_sharing_runner_lets_the_gil_go_only_while_the_window_is_busy(monkeypatch):
    runner = Engine(Project.new("p")).runner
    runner.shares_gil = True
    interpreter.WINDOW.done()
    assert _sleeps(monkeypatch, runner) == []
    interpreter.WINDOW.busy()
    try:
        assert _sleeps(monkeypatch, runner) == [0]
    finally:
        interpreter.WINDOW.done()
    runner.shares_gil = False
    interpreter.WINDOW.busy()
    try:
        assert _sleeps(monkeypatch, runner) == []  # headless: never
    finally:
        interpreter.WINDOW.done()


def test_a_window_busy_spell_ends_by_itself():
    interpreter.WINDOW.busy(0.0)
    assert interpreter.WINDOW.busy_until <= interpreter.time.perf_counter()


def test_a_run_host_lowers_the_switch_interval_while_it_runs_and_restores_it():
    before = sys.getswitchinterval()
    host = RunHost(Project.new("p"))
    host.start()
    try:
        assert sys.getswitchinterval() == min(before, interpreter.SWITCH_SECONDS)
    finally:
        host.stop()
    assert sys.getswitchinterval() == before


def test_while_the_window_paints_a_sharing_runner_stays_off_the_gil_until_the_paint_ends(monkeypatch):
    runner = Engine(Project.new("p")).runner
    runner.shares_gil = True
    waited: list[float] = []
    interpreter.WINDOW.painting()
    try:
        monkeypatch.setattr(interpreter.WINDOW.painted, "wait", waited.append)
        assert _sleeps(monkeypatch, runner) == []  # not a zero sleep: a wait for the paint's end
        assert waited == [interpreter.PAINT_WAIT]
    finally:
        interpreter.WINDOW.done()
    assert interpreter.WINDOW.painted.is_set() and interpreter.WINDOW.busy_until == 0.0
