"""Per-device settings: `--set` assignments, PULSE_SET_* variables and placeholders, applied to a copy."""

from __future__ import annotations

import pytest

from runtime.model import Project, Variable
from runtime.overrides import OverrideError, from_environment, instance_project, parse
from runtime.registry import default_registry
from runtime.types import DataType


def project_with_connection(**fields) -> Project:
    project = Project.new("Device")
    entry = default_registry().plugins["socketio"].settings.new_entry("Echo server")
    entry.update(fields)
    project.settings = {"socketio": {"entries": [entry]}}
    project.variables = [Variable("DeviceId", DataType.STRING, ""), Variable("Limit", DataType.INT, 3),
                         Variable("Tags", DataType.ARRAY, [])]
    return project


def apply(project: Project, *assignments: str, instance: int = 0, environ: dict | None = None) -> Project:
    return instance_project(project, default_registry(), [parse(a) for a in assignments], instance, environ or {})


def connection(project: Project) -> dict:
    return project.settings["socketio"]["entries"][0]


def test_a_quoted_entry_name_may_hold_dots_and_spaces():
    override = parse('socketio."Echo server v1.2".port=5001')
    assert override.path == ("socketio", "Echo server v1.2", "port")
    assert override.value == "5001"


def test_the_value_may_hold_equals_signs():
    assert parse("variables.DeviceId=a=b").value == "a=b"


@pytest.mark.parametrize("text", ["socketio.port", "=5", "socketio..port=1", '"unclosed.port=1'])
def test_malformed_assignments_are_refused_with_the_expected_form(text):
    with pytest.raises(OverrideError, match=r"expected SECTION\.ENTRY\.FIELD=VALUE"):
        parse(text)


def test_fields_are_converted_by_their_kind_and_the_original_is_untouched():
    project = project_with_connection()
    copy = apply(project, 'socketio."Echo server".port=5001', 'socketio."Echo server".reconnection=off',
                 'socketio."Echo server".namespaces=/, /chat', 'socketio."Echo server".auth={"token": "t"}')
    assert connection(copy)["port"] == 5001
    assert connection(copy)["reconnection"] is False
    assert connection(copy)["namespaces"] == ["/", "/chat"]
    assert connection(copy)["auth"] == {"token": "t"}
    assert connection(project)["port"] == 5000 and connection(project)["auth"] == {}
    assert copy.graphs is project.graphs  # the graphs are shared, not copied per instance


def test_an_optional_port_may_be_emptied():
    assert connection(apply(project_with_connection(), 'socketio."Echo server".port='))["port"] is None


def test_instance_numbers_and_environment_fill_placeholders():
    project = project_with_connection(auth={"token": "${env:DEVICE_TOKEN}"})
    copy = apply(project, 'socketio."Echo server".port=50{instance}', "variables.DeviceId=dev-{instance}",
                 instance=7, environ={"DEVICE_TOKEN": "s3cret"})
    assert connection(copy)["port"] == 507
    assert connection(copy)["auth"] == {"token": "s3cret"}
    assert copy.variables[0].default == "dev-7"
    assert connection(project)["auth"] == {"token": "${env:DEVICE_TOKEN}"}


def test_an_environment_value_inside_json_needs_no_escaping():
    copy = apply(project_with_connection(), 'socketio."Echo server".auth={"token": "${env:T}"}',
                 environ={"T": 'has "quotes"'})
    assert connection(copy)["auth"] == {"token": 'has "quotes"'}


def test_a_missing_environment_variable_is_named():
    project = project_with_connection(auth={"token": "${env:NOPE}"})
    with pytest.raises(OverrideError, match="NOPE is not set") as error:
        apply(project)
    assert "'Echo server'" in str(error.value)


def test_variables_are_converted_by_their_type():
    copy = apply(project_with_connection(), "variables.Limit=12", 'variables.Tags=["a", "{instance}"]', instance=2)
    assert copy.variables[1].default == 12
    assert copy.variables[2].default == ["a", "2"]


@pytest.mark.parametrize(("assignment", "message"), [
    ("nosuch.x.y=1", "no settings section 'nosuch' (known: socketio, variables)"),
    ('socketio."Other".port=1', "no entry named 'Other' (entries: 'Echo server')"),
    ('socketio."Echo server".colour=red', "no field 'colour'"),
    ('socketio."Echo server".port=high', "'high' is not an Int"),
    ('socketio."Echo server".reconnection=maybe', "'maybe' is not true or false"),
    ('socketio."Echo server".auth={oops', "not valid JSON"),
    ("variables.Nope=1", "no variable 'Nope'"),
    ("variables.Limit=1.5", "'1.5' is not an Int"),
    ("variables.Tags={}", "is not an Array"),
])
def test_overrides_that_cannot_apply_say_which_and_why(assignment, message):
    with pytest.raises(OverrideError, match="--set") as error:
        apply(project_with_connection(), assignment)
    assert message in str(error.value)


def test_environment_assignments_apply_in_name_order_and_name_their_variable():
    environ = {"PULSE_SET_B": "variables.Limit=2", "PULSE_SET_A": "variables.Limit=1", "HOME": "/root"}
    overrides = from_environment(environ)
    assert [o.origin for o in overrides] == ["$PULSE_SET_A", "$PULSE_SET_B"]
    copy = instance_project(project_with_connection(), default_registry(), overrides, 0, {})
    assert copy.variables[1].default == 2


def test_the_editors_runs_fill_placeholders_too(monkeypatch):
    from runtime.engine.engine import EngineError
    from runtime.engine.host import RunHost

    project = project_with_connection(auth={"token": "${env:PULSE_TEST_TOKEN}"})
    monkeypatch.delenv("PULSE_TEST_TOKEN", raising=False)
    with pytest.raises(EngineError, match="PULSE_TEST_TOKEN is not set"):
        RunHost(project).start()
    monkeypatch.setenv("PULSE_TEST_TOKEN", "t")
    host = RunHost(project)
    host.start()
    try:
        assert connection(host.run_settings)["auth"] == {"token": "t"}
    finally:
        host.stop()
