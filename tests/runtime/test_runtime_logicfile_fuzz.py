"""Mutation fuzzing of .pulse-logic.json files, as test_runtime_file_fuzz does for projects: every
mutant reads, or fails with a ProjectFileError naming the file and a JSON path that exists in it;
the nodes of every mutant that reads are checked as a paste checks them, with no other error."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from test_runtime_file_fuzz import FUZZ, RAW_LITERALS, WRONG_VALUES, _parent, _path_exists, _paths

from runtime import fileformat, logicfile
from runtime.model import Project

EXAMPLES = Path(__file__).resolve().parents[2] / "assets" / "examples"


def _base() -> str:
    """The logic tour's biggest graph exported whole (all its nodes and groups)."""
    project = fileformat.load(EXAMPLES / "logic-tour")
    graph = max(project.graphs.values(), key=lambda g: len(g.nodes))
    fragment = logicfile.fragment_data(graph, list(graph.nodes), [g.id for g in graph.groups])
    return json.dumps(logicfile.logic_data(project, graph, fragment))


BASE = _base()


@st.composite
def mutants(draw) -> bytes:
    data = json.loads(BASE)
    raw: list[str] = []
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from([p for p in _paths(data) if p]))
        parent, key = _parent(data, path), path[-1]
        action = draw(st.sampled_from(("replace", "replace", "raw", "delete", "duplicate")))
        if action == "replace":
            parent[key] = json.loads(json.dumps(draw(st.sampled_from(WRONG_VALUES))))
        elif action == "raw":
            raw.append(draw(st.sampled_from(RAW_LITERALS)))
            parent[key] = f"@@RAW{len(raw) - 1}@@"
        elif action == "delete":
            del parent[key]
        elif action == "duplicate" and isinstance(parent, list):
            parent.append(json.loads(json.dumps(parent[key])))
    text = json.dumps(data)
    for index, literal in enumerate(raw):
        text = text.replace(f'"@@RAW{index}@@"', literal)
    return text.encode("utf-8")


def test_the_base_reads_back():
    logic = logicfile.loads(BASE)
    assert len(logic.fragment.nodes) > 5 and logic.fragment.links


@FUZZ
@given(mutants())
def test_logic_file_mutants_read_or_fail_clearly(tmp_path_factory, content):
    path = tmp_path_factory.mktemp("fuzz") / "m.pulse-logic.json"
    path.write_bytes(content)
    try:
        logic = logicfile.load(path)
    except fileformat.ProjectFileError as exc:
        assert exc.file == str(path) and "\n" not in str(exc)
        try:
            data = json.loads(content, parse_int=lambda text: int(text) if len(text) < 4000 else 0)
        except (ValueError, RecursionError):
            assert exc.path in ("", "$"), exc
        else:
            assert _path_exists(data, exc.path), f"{exc.path!r} is not in the file: {exc}"
        return
    project = Project.new("Target")
    try:
        fileformat.check_nodes(project, project.project_graph, logic.fragment.nodes, str(path))
    except fileformat.ProjectFileError:
        pass  # refused with a reason, as a paste refuses it
