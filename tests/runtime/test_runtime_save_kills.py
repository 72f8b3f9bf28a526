"""Kills during saves: a process saving a large project in a loop is SIGKILLed at random moments;
after each kill the project and its .bak both load, and the next save leaves no temporary behind."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from runtime.fileformat import load, save
from runtime.model import Node, Project

ROOT = Path(__file__).resolve().parents[2]
NODES = 30  # about 3 MB
KILLS = int(os.environ.get("PULSE_SAVE_KILLS", "10"))
TIME_BUDGET = 3.0 * KILLS  # seconds: the test stops killing early rather than grow the suite's time
SAVER = """
import sys
from pathlib import Path
from runtime import fileformat
path = Path(sys.argv[1])
project = fileformat.load(path)
# Two versions of the text taking turns, serialised once: the loop's time goes to the file operations.
text = path.read_text(encoding="utf-8")
texts = [text, text.replace('"Large"', '"Large again"', 1)]
count = 0
fileformat.dumps = lambda _project: texts[count % 2]
print("ready", flush=True)
while True:
    count += 1
    fileformat.save(project, path)
"""


def _large_project(nodes: int) -> Project:
    project = Project.new("Large")
    graph = project.project_graph
    for index in range(nodes):
        node = Node(f"n{index}", "logic.console", f"Console {index}", (index * 10.0, index % 7 * 30.0),
                    attributes={"Value": f"line {index} " + "x" * 100_000})
        graph.nodes[node.id] = node
    return project


def _temps(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_random_kills_during_saves_leave_complete_files(tmp_path):
    path = tmp_path / "project.pulse.json"
    backup = path.with_name(path.name + ".bak")
    project = _large_project(NODES)
    save(project, path)
    save(project, path)
    rng = random.Random(20261201)
    started, kills, temps_seen = time.monotonic(), 0, 0
    while kills < KILLS and time.monotonic() - started < TIME_BUDGET:
        saver = subprocess.Popen([sys.executable, "-c", SAVER, str(path)], cwd=ROOT, stdout=subprocess.PIPE,
                                 text=True)
        try:
            assert saver.stdout is not None and saver.stdout.readline() == "ready\n"
            time.sleep(rng.uniform(0.0, 0.8))  # a random moment of the save loop, not a wait for a result
        finally:
            saver.send_signal(signal.SIGKILL)
            saver.wait(timeout=10)
            saver.stdout.close()
        kills += 1
        assert load(path).graphs["project"].nodes.keys() == load(backup).graphs["project"].nodes.keys()
        temps_seen += len(_temps(tmp_path))
        save(project, path)
        assert _temps(tmp_path) == []
    assert kills >= 5, f"only {kills} kills fitted in {TIME_BUDGET} s"
    print(f"{kills} kills, {temps_seen} temporaries left by them and removed by the next save")
