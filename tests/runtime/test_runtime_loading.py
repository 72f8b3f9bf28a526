"""Loading is linear in the graph's size: big chains load in moments, and the whole-graph checks
(one connection per socket, no data loop) still name the offending connection."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from runtime import fileformat
from runtime.fileformat import ProjectFileError
from runtime.model import Link

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from loading import chain  # the bench's own project builder


def test_a_2000_node_chain_loads_in_a_few_seconds():
    text = fileformat.dumps(chain(2_000))
    started = time.perf_counter()
    project = fileformat.loads(text, "chain")
    assert time.perf_counter() - started < 10  # measured ~0.2 s; it took ~44 s when loading was cubic
    assert len(project.project_graph.nodes) == 2_002


def test_a_data_loop_in_a_file_is_an_error_naming_the_connection():
    project = chain(5)
    project.project_graph.links.append(Link("add4", "Result", "add0", "A"))
    with pytest.raises(ProjectFileError) as raised:
        fileformat.loads(fileformat.dumps(project), "loop.json")
    assert "$.graphs[0].connections[" in str(raised.value) and "would make a data loop" in str(raised.value)


def test_two_connections_into_one_data_input_are_an_error():
    project = chain(3)
    project.project_graph.links.append(Link("add0", "Result", "add2", "A"))
    with pytest.raises(ProjectFileError) as raised:
        fileformat.loads(fileformat.dumps(project), "twice.json")
    assert "data input add2.A has more than one connection" in str(raised.value)
