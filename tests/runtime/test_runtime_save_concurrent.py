"""Two programs saving one project at once: each save completes (saves into a folder take turns),
neither removes the other's temporary file as if a killed save had left it, and the file stays whole."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from runtime.fileformat import load, save
from runtime.model import Node, Project

ROOT = Path(__file__).resolve().parents[2]
SAVES = 40
SAVER = """
import sys
from pathlib import Path
from runtime import fileformat
path = Path(sys.argv[1])
project = fileformat.load(path)
for _ in range(int(sys.argv[2])):
    fileformat.save(project, path)
print("saved", flush=True)
"""


def _project(nodes: int) -> Project:
    project = Project.new("Shared")
    graph = project.project_graph
    for index in range(nodes):
        node = Node(f"n{index}", "logic.console", f"Console {index}", (index * 10.0, 0.0),
                    attributes={"Value": "x" * 20_000})
        graph.nodes[node.id] = node
    return project


def test_two_programs_saving_one_project_both_succeed(tmp_path):
    path = tmp_path / "shared.pulse.json"
    save(_project(50), path)  # about 1 MB: each save takes long enough for the two to overlap
    savers = [subprocess.Popen([sys.executable, "-c", SAVER, str(path), str(SAVES)], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [saver.communicate(timeout=120) for saver in savers]
    for saver, (out, err) in zip(savers, results, strict=True):
        assert saver.returncode == 0, err
        assert out == "saved\n"
    assert len(load(path).graphs["project"].nodes) == 50
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
