"""Mutation fuzzing of project files: every mutant loads, or fails with a ProjectFileError naming the
file and a JSON path that exists in it; every mutant that loads also saves and compiles for a run.

Seeded and derandomized, so a failure repeats. `PULSE_FUZZ_EXAMPLES` sets how many mutants each
test tries (a few hundred in the normal suite; `make fuzz` runs thousands).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runtime.engine.engine import Engine, EngineError, GraphRun
from runtime.engine.variables import VariableStore
from runtime.fileformat import ProjectFileError, dumps, load, loads, save
from runtime.model import Node, Project
from runtime.registry import default_registry
from runtime.specs import Scope

EXAMPLES = Path(__file__).resolve().parents[2] / "assets" / "examples"


def _every_node_type() -> str:
    """A project with one node of every type that may sit on the Project graph, with default attributes."""
    project = Project.new("Every node type")
    graph = project.project_graph
    for index, spec in enumerate(s for s in default_registry().specs.values() if Scope.PROJECT in s.scopes):
        graph.nodes[f"n{index}"] = Node(f"n{index}", spec.type_id, spec.name, (index * 200.0, 0.0),
                                        attributes=spec.default_attributes())
    return dumps(project)


BASES = {name: (EXAMPLES / name / "project.pulse.json").read_text() for name in ("logic-tour", "socketio-echo")}
BASES["every node type"] = _every_node_type()
EXAMPLES_PER_TEST = int(os.environ.get("PULSE_FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES_PER_TEST, derandomize=True, database=None, deadline=None,
                suppress_health_check=list(HealthCheck))

# Raw JSON literals json.dumps cannot write; a placeholder string is swapped for them in the text.
RAW_LITERALS = ("1" * 5000, "1e400", "-1e400", "NaN", "Infinity", "-Infinity", "9" * 30, "-" + "9" * 19,
                "[" * 3000 + "]" * 3000)
WRONG_VALUES: tuple[Any, ...] = (
    None, True, False, 0, -1, 1.5, -0.0, 2**63, 10**8, -(10**12), "", "x", "<>", "Int", "logic.console",
    "socketio.send", "nope.nope", "\u00e9\u6f22\U0001f600", "\u202e\u0000", "x" * 100_000, [], {}, [1, "a"],
    {"a": 1}, ["n", "Out"], [0, 0], [1e300, 0],
)

# Keys added to a random object: unknown plugin ids, attributes of other node types, odd extras.
ADDED_KEYS = ("nope", "socketio", "logic", "Outputs", "Operator", "Type", "Exit Code", "default", "entries",
              "extra", "\u00e9")


def _paths(value: Any, path: tuple = ()) -> Iterator[tuple]:
    """Every path in a parsed JSON document, as key/index tuples."""
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*path, index))


def _parent(data: Any, path: tuple) -> Any:
    for step in path[:-1]:
        data = data[step]
    return data


@st.composite
def structural_mutants(draw) -> bytes:
    """A parsed example changed at a few random paths: wrong types, missing keys, duplicates, odd values."""
    data = json.loads(draw(st.sampled_from(sorted(BASES.values()))))
    raw: list[str] = []
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from([p for p in _paths(data) if p]))
        parent, key = _parent(data, path), path[-1]
        action = draw(st.sampled_from(("replace", "replace", "raw", "delete", "duplicate", "nest", "rename", "add")))
        if action == "replace":
            parent[key] = json.loads(json.dumps(draw(st.sampled_from(WRONG_VALUES))))  # a fresh copy
        elif action == "raw":
            raw.append(draw(st.sampled_from(RAW_LITERALS)))
            parent[key] = f"@@RAW{len(raw) - 1}@@"
        elif action == "delete":
            del parent[key]
        elif action == "duplicate" and isinstance(parent, list):
            parent.append(json.loads(json.dumps(parent[key])))
        elif action == "nest":
            value: Any = parent[key]
            for _ in range(draw(st.integers(1, 80))):
                value = [value] if draw(st.booleans()) else {"k": value}
            parent[key] = value
        elif action == "add" and isinstance(parent, dict):
            value = json.loads(json.dumps(draw(st.sampled_from(WRONG_VALUES))))
            parent[draw(st.sampled_from(ADDED_KEYS))] = value
        elif action == "rename" and isinstance(parent, dict) and isinstance(parent[key], str):
            parent[key] = draw(st.sampled_from(("nope", "logic.nope", "socketio.nope", "", parent[key] + "x")))
    text = json.dumps(data, ensure_ascii=draw(st.booleans()))
    for index, literal in enumerate(raw):
        text = text.replace(f'"@@RAW{index}@@"', literal)
    return text.encode("utf-8", "surrogatepass")


@st.composite
def byte_mutants(draw) -> bytes:
    """An example truncated, or with a few bytes flipped, inserted or removed."""
    data = bytearray(draw(st.sampled_from(sorted(BASES.values()))).encode("utf-8"))
    if draw(st.booleans()):
        return bytes(data[:draw(st.integers(0, len(data)))])
    for _ in range(draw(st.integers(1, 4))):
        index = draw(st.integers(0, len(data) - 1))
        kind = draw(st.sampled_from(("flip", "insert", "delete")))
        if kind == "flip":
            data[index] ^= 1 << draw(st.integers(0, 7))
        elif kind == "insert":
            data[index:index] = draw(st.sampled_from((b"{", b"]", b",", b'"', b"\\", b"0", b"\xff", b"\xc3")))
        else:
            del data[index]
    return bytes(data)


def test_the_every_node_type_base_is_a_valid_project():
    assert len(loads(BASES["every node type"]).project_graph.nodes) > 20


def _path_exists(data: Any, path: str) -> bool:
    """Whether JSON path `path` (``$.a.b[0].First Index``) names a value in `data`."""
    if path in ("", "$"):
        return True
    rest = path[1:]
    while rest:
        if rest.startswith("["):
            match = re.match(r"\[(\d+)\]", rest)
            if match is None or not isinstance(data, list) or int(match[1]) >= len(data):
                return False
            data, rest = data[int(match[1])], rest[match.end():]
        elif rest.startswith(".") and isinstance(data, dict):
            keys = [k for k in data if rest[1:].startswith(k) and rest[1 + len(k):][:1] in ("", ".", "[")]
            if not keys:
                return False
            key = max(keys, key=len)
            data, rest = data[key], rest[1 + len(key):]
        else:
            return False
    return True


def _prepare_run(project: Project) -> None:
    """Compiles every graph as the engine would for a run, without starting it."""
    engine = Engine(project)
    try:
        engine.check_settings()
    except EngineError:
        return  # a clear, reported problem: pulse-run exits 2 with it
    for graph in project.graphs.values():
        store = VariableStore(graph.variables) if graph.kind is Scope.PREFAB else None
        GraphRun(engine, graph, graph.name, store)


def _check(content: bytes, folder: Path) -> None:
    path = folder / "project.pulse.json"
    path.write_bytes(content)
    try:
        project = load(path)
    except ProjectFileError as exc:
        assert exc.file == str(path) and str(exc).startswith(str(path)), exc
        assert "\n" not in str(exc)
        try:
            data = json.loads(content, parse_int=lambda text: int(text) if len(text) < 4000 else 0)
        except (ValueError, RecursionError):
            assert exc.path in ("", "$"), exc
        else:
            assert _path_exists(data, exc.path), f"{exc.path!r} is not in the file: {exc}"
        return
    saved = folder / "saved.pulse.json"
    save(project, saved)
    assert load(saved) == project
    _prepare_run(project)


@FUZZ
@given(structural_mutants())
def test_structural_mutants_load_or_fail_clearly(tmp_path_factory, content):
    _check(content, tmp_path_factory.mktemp("fuzz"))


@FUZZ
@given(byte_mutants())
def test_byte_mutants_load_or_fail_clearly(tmp_path_factory, content):
    _check(content, tmp_path_factory.mktemp("fuzz"))
