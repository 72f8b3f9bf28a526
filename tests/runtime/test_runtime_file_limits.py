"""Files beyond the documented limits, wrong settings shapes and out-of-range attributes: each one
ProjectFileError naming the file and the JSON path, never a traceback; and what loads also saves."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from graph_builder import Builder, lines, run_project

from runtime.fileformat import ProjectFileError, dumps, load, loads, save
from runtime.filelimits import MAX_DEPTH, MAX_FILE_BYTES
from runtime.model import Project, Variable
from runtime.specs import MAX_SOCKETS
from runtime.types import DataType

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "assets" / "examples" / "logic-tour" / "project.pulse.json"


def _data() -> dict:
    return json.loads(EXAMPLE.read_text())


def _node(data: dict, type_id: str) -> dict:
    return next(n for g in data["graphs"] for n in g["nodes"] if n["type"] == type_id)


def _with_node(type_id: str, **attributes) -> tuple[dict, str]:
    """The example with one more node of `type_id` in the Project graph; its JSON path."""
    data = _data()
    nodes = data["graphs"][0]["nodes"]
    nodes.append({"id": "added", "type": type_id, "name": "Added", "position": [0, 0], "enabled": True,
                  "pass_through": False, "attributes": attributes})
    return data, f"$.graphs[0].nodes[{len(nodes) - 1}]"


def _error(text: str) -> ProjectFileError:
    with pytest.raises(ProjectFileError) as caught:
        loads(text, "p.json")
    assert str(caught.value).startswith("p.json: "), caught.value
    return caught.value


def _nested(depth: int) -> object:
    value: object = 1
    for _ in range(depth):
        value = [value]
    return value


@pytest.mark.parametrize(("settings", "path", "problem"), [
    ({"socketio": []}, "$.settings.socketio", "expected an object, found an array"),
    ({"socketio": {"entries": {}}}, "$.settings.socketio.entries", "expected an array, found an object"),
    ({"socketio": {"entries": [3]}}, "$.settings.socketio.entries[0]", "expected an object, found an integer"),
    ({"socketio": {"entries": [{"name": "a", "port": "80"}]}}, "$.settings.socketio.entries[0].port",
     "expected an integer, found a string"),
    ({"socketio": {"entries": [{"name": "a", "namespaces": ["/", 1]}]}},
     "$.settings.socketio.entries[0].namespaces", "expected an array of strings"),
    ({"socketio": {"entries": [{"name": "a", "auth": "token"}]}}, "$.settings.socketio.entries[0].auth",
     "expected an object, found a string"),
])
def test_settings_of_the_wrong_shape_are_named_by_path(settings, path, problem):
    data = _data()
    data["settings"] = settings
    error = _error(json.dumps(data))
    assert (error.path, error.problem) == (path, problem)


def test_settings_values_in_range_problems_are_left_to_the_run_check():
    data = _data()
    data["settings"] = {"socketio": {"entries": [{"name": "a", "port": None, "inbox_size": 0}]}}
    assert loads(json.dumps(data)).settings == data["settings"]


def test_nesting_beyond_the_limit_is_refused_and_what_loads_saves():
    deep = _data()
    deep["extra"] = _nested(MAX_DEPTH)
    error = _error(json.dumps(deep))
    assert error.path.startswith("$.extra") and f"deeper than {MAX_DEPTH}" in error.problem
    very_deep = '{"format_version": 1, "x": ' + "[" * 5000 + "]" * 5000 + "}"
    assert f"deeper than {MAX_DEPTH}" in _error(very_deep).problem
    fits = _data()
    fits["extra"] = _nested(MAX_DEPTH - 2)
    project = loads(json.dumps(fits))
    assert loads(dumps(project)) == project


@pytest.mark.parametrize(("literal", "problem"), [
    ("1" * 5000, "integer of 5000 digits is out of range"),
    ("1" + "0" * 30, "out of range"),
    ("1e400", "NaN and infinities are not allowed"),
    ("-Infinity", "NaN and infinities are not allowed"),
    ("NaN", "NaN and infinities are not allowed"),
])
def test_numbers_out_of_range_name_their_path(literal, problem):
    text = json.dumps(_data()).replace('"position": [0, 0]', f'"position": [{literal}, 0]', 1)
    assert text != json.dumps(_data())
    error = _error(text)
    assert error.path.endswith(".position[0]") and problem in error.problem, error


def test_a_float_attribute_of_10_to_the_400_names_the_attribute():
    data, path = _with_node("logic.delay", Seconds="@@")
    text = json.dumps(data).replace('"@@"', "1e400")
    error = _error(text)
    assert error.path == f"{path}.attributes.Seconds"


def test_coordinates_beyond_the_limit_are_refused():
    data, path = _with_node("logic.delay")
    data["graphs"][0]["nodes"][-1]["position"] = [1e300, 0]
    assert _error(json.dumps(data)).path == f"{path}.position[0]"


def test_unpaired_surrogate_that_could_not_be_saved_is_refused():
    data, path = _with_node("logic.console")
    text = json.dumps(data).replace('"name": "Added"', '"name": "A\\ud800"')
    assert _error(text).path == f"{path}.name"


@pytest.mark.parametrize(("type_id", "attributes", "name", "problem"), [
    ("logic.compare", {"Operator": "<>"}, "Operator", "'<>' is not one of the options: =="),
    ("logic.compare", {"Type": "Array"}, "Type", "'Array' is not one of the options"),
    ("logic.sequential", {"Outputs": 100_000_000}, "Outputs", f"must be at least 1 and at most {MAX_SOCKETS}"),
    ("logic.sequential", {"Outputs": 0}, "Outputs", "must be at least 1"),
    ("logic.stop_runtime", {"Exit Code": 256}, "Exit Code", "must be at least 0 and at most 255"),
    ("logic.stop_runtime", {"Exit Code": -256}, "Exit Code", "must be at least 0 and at most 255"),
])
def test_choices_and_bounds_are_checked_from_the_specs(type_id, attributes, name, problem):
    data, path = _with_node(type_id, **attributes)
    error = _error(json.dumps(data))
    assert error.path == f"{path}.attributes.{name}"
    assert problem in error.problem, error.problem


def test_the_bounds_themselves_load():
    data, _ = _with_node("logic.sequential", Outputs=MAX_SOCKETS)
    assert loads(json.dumps(data))
    data, _ = _with_node("logic.stop_runtime", **{"Exit Code": 255})
    assert loads(json.dumps(data))


def test_a_missing_variable_default_is_reported_as_missing():
    data = _data()
    del data["variables"][0]["default"]
    error = _error(json.dumps(data))
    assert (error.path, error.problem) == ("$.variables[0]", "missing required key 'default'")


async def test_a_wired_exit_code_out_of_range_stops_as_a_failure_with_a_node_error():
    project = Project.new("Exit")
    project.variables = [Variable("code", DataType.INT, 256)]
    b = Builder(project)
    b.node("start", "logic.on_project_start")
    b.node("get", "logic.get_variable", Variable="code")
    b.node("stop", "logic.stop_runtime")
    b.chain("start", "stop")
    b.link("get.Value", "stop.Exit Code")
    code, records = await run_project(project)
    assert code == 1
    assert any("Exit Code must be between 0 and 255, not 256" in line for line in lines(records, "error"))


# --- reading: what is not a project file -------------------------------------------------------

def _pulse_run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "runtime.cli", *args], capture_output=True, text=True,
                          timeout=30, cwd=ROOT)


def _refused(path: str, problem: str) -> None:
    result = _pulse_run(path)
    assert result.returncode == 2, result
    assert len(result.stderr.strip().splitlines()) == 1 and problem in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_pulse_run_refuses_a_name_too_long_with_one_line(tmp_path):
    _refused(str(tmp_path / ("x" * 5000)), "cannot be read (File name too long)")


def test_pulse_run_refuses_a_fifo_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    _refused(str(fifo), "not a regular file (a named pipe)")


def test_pulse_run_refuses_a_device_without_reading_it():
    _refused("/dev/zero", "not a regular file (a character device)")


def test_pulse_run_refuses_a_folder_without_a_project(tmp_path):
    _refused(str(tmp_path), f"{tmp_path}: no project.pulse.json in this folder")


def test_pulse_run_refuses_a_file_above_the_size_limit_before_reading_it(tmp_path):
    big = tmp_path / "big.json"
    with big.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk
    _refused(str(big), "larger than 64 MB")


# --- saving: backups and temporaries ------------------------------------------------------------

def _temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_save_removes_only_our_own_stale_temporaries(tmp_path):
    path = tmp_path / "p.pulse.json"
    ours = [".p.pulse.json.ab_cd123.tmp", ".p.pulse.json.bak.0a1b2c3d.tmp"]
    foreign = [".q.pulse.json.ab_cd123.tmp", ".p.pulse.json.toolong123.tmp", "p.pulse.json.ab_cd123.tmp",
               ".p.pulse.json.ab_cd123.tmp.keep"]
    for name in ours + foreign:
        (tmp_path / name).write_text("left by a kill")
    save(Project.new("P"), path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["p.pulse.json", *foreign])


def test_open_removes_stale_temporaries_but_not_fresh_ones(tmp_path):
    path = tmp_path / "p.pulse.json"
    save(Project.new("P"), path)
    stale, fresh = tmp_path / ".p.pulse.json.aaaaaaaa.tmp", tmp_path / ".p.pulse.json.bbbbbbbb.tmp"
    stale.write_text("x")
    fresh.write_text("x")
    os.utime(stale, (0, 0))
    load(path)
    assert _temps(tmp_path) == [fresh.name]


def test_backup_is_a_complete_file_written_apart_from_the_project(tmp_path):
    path = tmp_path / "p.pulse.json"
    save(Project.new("First"), path)
    save(Project.new("Second"), path)
    save(Project.new("Third"), path)
    backup = path.with_name(path.name + ".bak")
    assert load(backup).name == "Second" and load(path).name == "Third"
    assert not os.path.samefile(path, backup)
    assert _temps(tmp_path) == []


def test_every_attribute_that_adds_sockets_has_a_bound_checked_at_load():
    from runtime.registry import default_registry

    counted = [(spec.type_id, a) for spec in default_registry().specs.values() for a in spec.all_attributes
               if a.sockets]
    assert counted, "no node type declares a socket count"
    for type_id, attribute in counted:
        assert attribute.maximum is not None and attribute.maximum <= MAX_SOCKETS, (type_id, attribute.name)


def test_pulse_run_refuses_a_set_value_nested_too_deep_with_one_line(tmp_path):
    project = Project.new("Deep")
    project.variables = [Variable("items", DataType.ARRAY, [])]
    save(project, tmp_path / "p.pulse.json")
    result = _pulse_run(str(tmp_path / "p.pulse.json"), "--set", "variables.items=" + "[" * 5000 + "]" * 5000)
    assert result.returncode == 2, result.stderr
    assert "nested deeper than" in result.stderr and "Traceback" not in result.stderr
