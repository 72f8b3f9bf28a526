"""`pulse-run` on graphs that never wait: --timeout, SIGTERM and SIGINT still end them, exit 0.

The bound on how long the end takes is generous (a busy test machine); docs/performance.md has the
figures measured. Before the interpreter yielded, none of these runs ended at all.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest
from runaway_projects import RUNAWAYS

from runtime.fileformat import save

ROOT = Path(__file__).resolve().parents[2]
ENDS_WITHIN = 10.0  # seconds after the timeout or the signal; the measured figure is well under 0.5


def _start(tmp_path: Path, name: str, *args: str) -> subprocess.Popen[str]:
    path = tmp_path / f"{name}.json"
    save(RUNAWAYS[name](), path)
    process = subprocess.Popen([sys.executable, "-m", "runtime.cli", str(path), *args], cwd=ROOT, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None
    assert process.stdout.readline() == "looping\n"  # the runaway branch has begun
    return process


def _ended(process: subprocess.Popen[str], after: float) -> int:
    try:
        code = process.wait(timeout=after + ENDS_WITHIN)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        pytest.fail("the run did not end")
    assert process.stderr is not None
    assert process.stderr.read() == ""
    return code


@pytest.mark.parametrize("name", RUNAWAYS)
def test_timeout_ends_a_runaway_graph_with_exit_0(tmp_path, name):
    assert _ended(_start(tmp_path, name, "--timeout", "0.5"), 0.5) == 0


@pytest.mark.parametrize("name", RUNAWAYS)
def test_sigterm_ends_a_runaway_graph_with_exit_0(tmp_path, name):
    process = _start(tmp_path, name)
    process.send_signal(signal.SIGTERM)
    assert _ended(process, 0) == 0


def test_sigint_ends_a_runaway_loop_with_exit_0(tmp_path):
    process = _start(tmp_path, "for-loop")
    process.send_signal(signal.SIGINT)
    assert _ended(process, 0) == 0
