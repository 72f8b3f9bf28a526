"""The .pulse-logic.json reader: what export writes reads back; a bad file gets one clear error naming
the file and the JSON path, within the project file's limits."""

from __future__ import annotations

import json
import os

import pytest

from runtime import logicfile
from runtime.fileformat import ProjectFileError
from runtime.filelimits import MAX_DEPTH
from runtime.model import CustomEvent, Group, Link, Node, Param, Project, Variable
from runtime.specs import Scope
from runtime.types import DataType


def _exported(tmp_path) -> tuple[dict, object]:
    project = Project.new("Source")
    project.variables.append(Variable("Count", DataType.INT, 3))
    project.events.append(CustomEvent("Ping", [Param("Value", DataType.INT)]))
    graph = project.project_graph
    graph.nodes = {"a": Node("a", "logic.set_variable", "Set", (10, 20), attributes={"Variable": "Count"}),
                   "b": Node("b", "logic.custom_event_trigger", "Ping", (300, 20), attributes={"Event": "Ping"}),
                   "c": Node("c", "logic.console", "Console", (600, 20))}
    graph.links = [Link("a", "Out", "b", "In"), Link("b", "Out", "c", "In")]
    graph.groups = [Group("g1", "Mine", (0, 0, 500, 100)), Group("g2", "Not mine", (0, 300, 10, 10))]
    data = logicfile.logic_data(project, graph, logicfile.fragment_data(graph, ["a", "b"], ["g1"]))
    path = tmp_path / "two.pulse-logic.json"
    logicfile.save(path, data)
    return data, path


def test_what_export_writes_reads_back(tmp_path):
    data, path = _exported(tmp_path)
    logic = logicfile.load(path)
    assert logic.scope is Scope.PROJECT
    assert [n.id for n in logic.fragment.nodes] == ["a", "b"]
    assert logic.fragment.links == [Link("a", "Out", "b", "In")]  # not the link to the node left behind
    assert [g.title for g in logic.fragment.groups] == ["Mine"]
    assert logic.variables == [Variable("Count", DataType.INT, 3)]
    assert logic.events == [CustomEvent("Ping", [Param("Value", DataType.INT)])]
    assert logic.functions == []
    assert data["source"] == {"project": "Source", "graph": "Project"}


def _bad(tmp_path, change) -> ProjectFileError:
    data, path = _exported(tmp_path)
    change(data)
    path.write_text(json.dumps(data))
    with pytest.raises(ProjectFileError) as caught:
        logicfile.load(path)
    assert str(path) in str(caught.value)
    return caught.value


@pytest.mark.parametrize(("change", "where", "problem"), [
    (lambda d: d.update(kind="other"), "$.kind", "pulse-studio-logic"),
    (lambda d: d.pop("kind"), "$", "pulse-studio-logic"),
    (lambda d: d.update(format_version=2), "$.format_version", "newer than this Pulse Studio"),
    (lambda d: d.update(format_version="1"), "$.format_version", "expected an integer"),
    (lambda d: d.update(project_format_version=99), "$.project_format_version", "newer"),
    (lambda d: d.update(scope="galaxy"), "$.scope", "unknown scope 'galaxy'"),
    (lambda d: d.pop("nodes"), "$", "missing required key 'nodes'"),
    (lambda d: d["nodes"][1].pop("type"), "$.nodes[1]", "missing required key 'type'"),
    (lambda d: d["nodes"][1].update(position=[1e9, 0]), "$.nodes[1].position[0]", "out of range"),
    (lambda d: d["nodes"].append(dict(d["nodes"][0])), "$.nodes[2].id", "duplicate node id 'a'"),
    (lambda d: d["connections"].append({"from": ["a", "Out"], "to": ["zz", "In"]}), "$.connections[1]",
     "'zz', which is not in the file"),
    (lambda d: d["groups"][0].update(rect=[0, 0, -1, 5]), "$.groups[0].rect", "positive width"),
    (lambda d: d["variables"][0].update(type="Colour"), "$.variables[0].type", "Colour"),
    (lambda d: d["variables"][0].update(default="three"), "$.variables[0].default", ""),
    (lambda d: d["events"].append({"name": "Ping"}), "$.events[1].name", "duplicate event name"),
    (lambda d: d.update(functions=[{"name": "F"}]), "$.functions[0]", "missing required key 'id'"),
    (lambda d: d["nodes"][0]["attributes"].update(Deep=_nested(MAX_DEPTH)), "$", "nested deeper"),
])
def test_a_bad_file_names_the_file_the_path_and_the_problem(tmp_path, change, where, problem):
    error = _bad(tmp_path, change)
    assert error.path.startswith(where) and problem in error.problem


def _nested(depth: int) -> list:
    value: list = []
    for _ in range(depth):
        value = [value]
    return value


def test_a_project_file_or_junk_is_not_a_logic_file(tmp_path):
    project_file = tmp_path / "p.pulse.json"
    project_file.write_text(json.dumps({"format_version": 1, "graphs": []}))
    with pytest.raises(ProjectFileError, match="a Pulse Studio project; export one with File > Export Selection"):
        logicfile.load(project_file)
    junk = tmp_path / "junk.pulse-logic.json"
    junk.write_text("{ nope")
    with pytest.raises(ProjectFileError, match=r"junk.pulse-logic.json: not valid JSON at line 1"):
        logicfile.load(junk)
    with pytest.raises(ProjectFileError, match="file not found"):
        logicfile.load(tmp_path / "missing.pulse-logic.json")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.pulse-logic.json"
    os.mkfifo(fifo)
    with pytest.raises(ProjectFileError, match="not a regular file"):
        logicfile.load(fifo)
