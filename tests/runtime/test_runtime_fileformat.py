"""The project file: round trips, one test per kind of corrupt file, atomic saves."""

from __future__ import annotations

import itertools
import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runtime import fileformat
from runtime.fileformat import ProjectFileError, dumps, load, loads, save
from runtime.filelimits import MAX_INT
from runtime.model import (
    Comment,
    CustomEvent,
    Graph,
    Group,
    Link,
    Node,
    Param,
    PrefabInstance,
    Project,
    Variable,
)
from runtime.specs import Scope
from runtime.types import VALUE_TYPES, DataType

EXAMPLES = Path(__file__).resolve().parents[2] / "assets" / "examples"
names = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=12)
positions = st.tuples(st.integers(-5000, 5000).map(float), st.integers(-5000, 5000).map(float))
json_values = st.recursive(st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.text(max_size=8),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                                      max_size=3), max_leaves=6)


@st.composite
def projects(draw) -> Project:
    """Projects with known nodes, placeholders of unknown types (with odd attributes), links and graphs."""
    project = Project.new(draw(names))
    project.plugins = {"socketio": draw(st.booleans())}
    project.variables = [Variable(f"v{i}", DataType.INT, draw(st.integers(-100, 100)))
                         for i in range(draw(st.integers(0, 3)))]
    project.events = [CustomEvent(f"e{i}", [Param(f"p{j}", draw(st.sampled_from(VALUE_TYPES)))
                                           for j in range(draw(st.integers(0, 2)))])
                      for i in range(draw(st.integers(0, 2)))]
    project.random_seed = draw(st.none() | st.integers(-MAX_INT, MAX_INT))  # what a file may hold
    fn = Graph("fn", Scope.FUNCTION, draw(names), inputs=[Param("x", DataType.FLOAT)], outputs=[])
    prefab = Graph("pf", Scope.PREFAB, draw(names), variables=[Variable("hp", DataType.FLOAT, 1.5)])
    project.add_graph(fn)
    project.add_graph(prefab)
    project.graphs["scene-main"].instances = [PrefabInstance(draw(names), "pf")]
    graph = project.project_graph
    count = draw(st.integers(1, 6))
    for i in range(count):
        if draw(st.booleans()):
            node = Node(f"c{i}", "logic.console", draw(names), draw(positions), draw(st.booleans()),
                        draw(st.booleans()), {"Value": draw(st.text(max_size=10))})
        else:
            node = Node(f"u{i}", "thirdparty.widget", draw(names), draw(positions),
                        attributes=draw(st.dictionaries(st.text(max_size=6), json_values, max_size=3)),
                        extra=draw(st.dictionaries(st.sampled_from(["color", "note", "z"]), json_values, max_size=2)))
        graph.nodes[node.id] = node
    ids = list(graph.nodes)
    consoles = [i for i in ids if i.startswith("c")]
    for a, b in itertools.pairwise(consoles):
        graph.links.append(Link(a, "Out", b, "In"))
    if draw(st.booleans()):
        graph.groups.append(Group("g1", draw(names), (draw(positions)[0], 0.0, 300.0, 120.5),
                                  draw(st.sampled_from(["", "#3a6ea5"]))))
    if draw(st.booleans()):
        graph.comments.append(Comment("c1", draw(st.text(max_size=20)), (*draw(positions), 200.0, 80.0),
                                      draw(st.sampled_from(["#f5e08a", "#A0C8F0"]))))
    if graph.links and draw(st.booleans()):
        graph.bends[graph.links[0]] = tuple(draw(st.lists(positions, min_size=1, max_size=3)))
    if consoles and draw(st.booleans()):
        graph.nodes[consoles[0]].comment = draw(names)
    unknown = [i for i in ids if i.startswith("u")]
    if unknown and consoles:
        graph.links.append(Link(unknown[0], "Whatever", consoles[0], "Value"))
    return project


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(projects())
def test_load_of_save_is_the_same_project(project):
    assert loads(dumps(project)) == project


def test_placeholder_block_is_written_back_unchanged(tmp_path):
    block = {"id": "x1", "type": "future.node", "name": "From the future", "position": [1, 2], "enabled": True,
             "pass_through": False, "attributes": {"Speed": [1, {"a": None}]}, "colour": "#fff"}
    text = dumps(Project.new("P")).replace('"nodes": []', json.dumps({"nodes": [block]})[1:-1], 1)
    project = loads(text)
    written = json.loads(dumps(project))
    assert written["graphs"][0]["nodes"][0] == block


def test_a_file_without_comments_colours_or_reroutes_is_written_back_as_it_was():
    text = (EXAMPLES / "logic-tour" / "project.pulse.json").read_text()
    project = loads(text)
    assert not any(g.comments or g.bends for g in project.graphs.values())
    assert json.loads(dumps(project)) == json.loads(text)


def test_comments_colours_and_reroute_points_are_written_where_documented():
    project = Project.new("P")
    graph = project.project_graph
    graph.nodes["a"] = Node("a", "logic.on_project_start", "Start", comment="Boots the app")
    graph.nodes["b"] = Node("b", "logic.console", "Console", (300, 0))
    link = Link("a", "Out", "b", "In")
    graph.links.append(link)
    graph.bends[link] = ((150.0, 80.0), (200.5, 80.0))
    graph.groups.append(Group("g1", "Boot", (0, 0, 100, 100), "#3a6ea5"))
    graph.comments.append(Comment("c1", "**Note** this", (10, 20, 200, 90)))
    data = json.loads(dumps(project))["graphs"][0]
    assert data["connections"] == [{"from": ["a", "Out"], "to": ["b", "In"], "points": [[150, 80], [200.5, 80]]}]
    assert data["groups"] == [{"id": "g1", "title": "Boot", "rect": [0, 0, 100, 100], "colour": "#3a6ea5"}]
    assert data["comments"] == [{"id": "c1", "text": "**Note** this", "rect": [10, 20, 200, 90],
                                 "colour": "#f5e08a"}]
    assert data["nodes"][0]["comment"] == "Boots the app" and "comment" not in data["nodes"][1]
    assert loads(dumps(project)) == project


def test_dumps_is_stable_and_one_node_per_block():
    project = load(EXAMPLES / "logic-tour" / "project.pulse.json")
    text = dumps(project)
    assert text == dumps(loads(text))
    assert text.count('"type": "logic.') == sum(len(g.nodes) for g in project.graphs.values())
    assert all(line.count('"type"') <= 1 for line in text.splitlines())


def _valid() -> dict:
    return json.loads((EXAMPLES / "logic-tour" / "project.pulse.json").read_text())


def _mutated(change) -> str:
    data = _valid()
    change(data)
    return json.dumps(data)


def _nodes(data: dict) -> list:
    return data["graphs"][0]["nodes"]


def _extra_link(source: tuple[str, str], target: tuple[str, str]) -> str:
    link = {"from": list(source), "to": list(target)}
    return _mutated(lambda d: d["graphs"][0]["connections"].append(link))


CORRUPT = {
    "truncated": (lambda: json.dumps(_valid())[:300], "not valid JSON at line 1"),
    "not an object": (lambda: "[1, 2]", "$: expected a JSON object, found an array"),
    "newer version": (lambda: _mutated(lambda d: d.update(format_version=99)), "$.format_version: version 99 is newer"),
    "version zero": (lambda: _mutated(lambda d: d.update(format_version=0)), "$.format_version: unknown version 0"),
    "wrong type": (lambda: _mutated(lambda d: d.update(name=5)), "$.name: expected a string, found an integer"),
    "missing key": (lambda: _mutated(lambda d: d.pop("graphs")), "missing required key 'graphs'"),
    "duplicate node id": (lambda: _mutated(lambda d: _nodes(d).append(dict(_nodes(d)[0]))), "duplicate node id"),
    "dangling connection": (
        lambda: _extra_link(("nope", "Out"), ("loop", "In")),
        "refers to node 'nope'"),
    "pulse output twice": (
        lambda: _extra_link(("start", "Out"), ("loop", "In")),
        "pulse output On Project Start.Out has more than one connection"),
    "data input twice": (
        lambda: _extra_link(("get", "Value"), ("add", "B")),
        "data input Add.B has more than one connection"),
    "type mismatch": (
        lambda: _extra_link(("cmp", "Result"), ("set", "Value")),
        "type mismatch: Compare.Result is Bool, Set Variable.Value takes Int"),
    "pulse to data": (
        lambda: _extra_link(("big", "Out"), ("fmt", "Template")),
        "cannot connect pulse output"),
    "bad attribute": (lambda: _mutated(lambda d: _nodes(d)[2]["attributes"].update({"First Index": "one"})),
                      "attributes.First Index: \"one\" is not an Int"),
    "node in wrong scope": (lambda: _mutated(lambda d: d["graphs"][1]["nodes"].append(dict(_nodes(d)[0], id="zz"))),
                            "$.graphs[1].nodes[0].type: On Project Start nodes are not allowed in a Scene graph"),
    "bad start scene": (lambda: _mutated(lambda d: d.update(start_scene="project")), "$.start_scene"),
    "bad group rect": (lambda: _mutated(lambda d: d["graphs"][0].update(groups=[{"id": "g", "title": "t",
                                                                                 "rect": [0, 0, -1, 5]}])),
                       "$.graphs[0].groups[0].rect: expected [x, y, width, height]"),
    "bad group colour": (lambda: _mutated(lambda d: d["graphs"][0].update(groups=[{
        "id": "g", "title": "t", "rect": [0, 0, 5, 5], "colour": "red"}])),
        "$.graphs[0].groups[0].colour: expected a colour such as \"#f5e08a\", found 'red'"),
    "comment without text": (lambda: _mutated(lambda d: d["graphs"][0].update(comments=[{
        "id": "c", "rect": [0, 0, 5, 5]}])), "$.graphs[0].comments[0]: missing required key 'text'"),
    "bad comment rect": (lambda: _mutated(lambda d: d["graphs"][0].update(comments=[{
        "id": "c", "text": "", "rect": [0, 0, 5]}])), "$.graphs[0].comments[0].rect: expected [x, y, width, height]"),
    "duplicate comment id": (lambda: _mutated(lambda d: d["graphs"][0].update(comments=[
        {"id": "c", "text": "", "rect": [0, 0, 5, 5]}] * 2)), "$.graphs[0].comments[1].id: duplicate comment id 'c'"),
    "bad reroute point": (lambda: _mutated(lambda d: d["graphs"][0]["connections"][0].update(points=[[1, 2], [3]])),
                          "$.graphs[0].connections[0].points[1]: expected [x, y] with two numbers"),
    "reroute point out of range": (lambda: _mutated(lambda d: d["graphs"][0]["connections"][0].update(
        points=[[1, 2e9]])), "$.graphs[0].connections[0].points[0][1]: coordinate 2e+09 is out of range"),
    "node comment not text": (lambda: _mutated(lambda d: _nodes(d)[0].update(comment=3)),
                              "$.graphs[0].nodes[0].comment: expected a string, found an integer"),
    "node comment too long": (lambda: _mutated(lambda d: _nodes(d)[0].update(comment="x" * 10_001)),
                              "$.graphs[0].nodes[0].comment: text of 10001 characters is longer than 10,000"),
    "bad variable default": (lambda: _mutated(lambda d: d["variables"][0].update(default="x")),
                             "$.variables[0].default"),
}


@pytest.mark.parametrize("kind", list(CORRUPT))
def test_corrupt_file_gives_one_clear_error(kind, tmp_path):
    make, expected = CORRUPT[kind]
    path = tmp_path / "broken.pulse.json"
    path.write_text(make())
    with pytest.raises(ProjectFileError) as caught:
        load(path)
    message = str(caught.value)
    assert message.startswith(str(path)), message
    assert expected in message, message


def test_missing_file_is_a_project_file_error(tmp_path):
    with pytest.raises(ProjectFileError, match="file not found"):
        load(tmp_path / "nope.json")


def test_save_is_atomic_and_keeps_a_backup(tmp_path):
    path = tmp_path / "p.pulse.json"
    first, second = Project.new("First"), Project.new("Second")
    save(first, path)
    save(second, path)
    assert load(path).name == "Second"
    assert load(path.with_name(path.name + ".bak")).name == "First"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.pulse.json", "p.pulse.json.bak"]


def test_failed_save_leaves_the_old_file_intact(tmp_path, monkeypatch):
    path = tmp_path / "p.pulse.json"
    save(Project.new("Old"), path)

    def broken_replace(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        save(Project.new("New"), path)
    monkeypatch.undo()
    assert load(path).name == "Old"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_migrations_run_in_order(monkeypatch):
    data = json.loads(dumps(Project.new("Old")))
    data["format_version"] = 0
    data["title"] = data.pop("name")

    def from_zero(old: dict) -> dict:
        old["name"] = old.pop("title")
        return old

    monkeypatch.setattr(fileformat, "MIGRATIONS", {0: from_zero})
    assert loads(json.dumps(data)).name == "Old"


def test_save_keeps_the_file_mode_and_new_files_follow_the_umask(tmp_path):
    path = tmp_path / "p.pulse.json"
    save(Project.new("First"), path)
    assert path.stat().st_mode & 0o777 == 0o666 & ~_umask()
    path.chmod(0o640)
    save(Project.new("Second"), path)
    assert path.stat().st_mode & 0o777 == 0o640


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
