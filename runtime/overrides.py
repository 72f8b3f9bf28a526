"""Per-device settings without copying project files: `--set`, `PULSE_SET_*` and placeholders.

One project file serves a whole fleet: what differs per device (a port, a token, a device id)
is given at run time. An override is one assignment::

    socketio."Echo server".port=5001      a field of a plugin settings entry (quote names with dots)
    variables.DeviceId=device-{instance}  a project variable's starting value

Values are written as a user types them (``5001``, ``true``, ``a,b`` or ``["a","b"]`` for lists,
JSON for objects) and converted by the field's or the variable's type. In every settings value
and override, ``{instance}`` is replaced by the instance number (``pulse-run --instances``,
0 otherwise) and ``${env:NAME}`` by the environment variable NAME, so that secrets need not sit
in the project file. Environment variables named ``PULSE_SET_<anything>`` each hold one
assignment; they are applied in name order, before the command line's ``--set``.
"""

from __future__ import annotations

import copy
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from runtime.engine.engine import EngineError
from runtime.filelimits import VALUE_DEPTH, LimitError, parse_json
from runtime.model import Project, Variable
from runtime.registry import Registry, SettingField
from runtime.types import DataType, coerce_literal

ENV_PREFIX = "PULSE_SET_"
VARIABLES = "variables"
_ENV_REFERENCE = re.compile(r"\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}")
_TRUE, _FALSE = ("true", "1", "yes", "on"), ("false", "0", "no", "off")


class OverrideError(EngineError):
    """An override or placeholder that cannot apply; the message names it and says why."""


@dataclass(frozen=True)
class Override:
    """``path = value`` as written; `origin` says where it came from (``--set`` or an env variable)."""

    path: tuple[str, ...]
    value: str
    origin: str

    def __str__(self) -> str:
        return f"{self.origin} {'.'.join(self.path)}={self.value}"


def parse(text: str, origin: str = "--set") -> Override:
    """Splits ``a."b c".d=value`` into its path and value; OverrideError when it is not of that form."""
    path: list[str] = []
    segment, quoted, index = "", False, 0
    while index < len(text):
        char = text[index]
        if char == '"':
            quoted = not quoted
        elif char == "." and not quoted:
            path.append(segment)
            segment = ""
        elif char == "=" and not quoted:
            path.append(segment)
            if any(not part for part in path):
                break
            return Override(tuple(path), text[index + 1:], origin)
        else:
            segment += char
        index += 1
    raise OverrideError(f"{origin} {text!r}: expected SECTION.ENTRY.FIELD=VALUE or variables.NAME=VALUE")


def from_environment(environ: Mapping[str, str]) -> list[Override]:
    """The assignments held by ``PULSE_SET_*`` variables, in name order."""
    return [parse(environ[name], f"${name}") for name in sorted(environ) if name.startswith(ENV_PREFIX)]


def instance_project(project: Project, registry: Registry, overrides: Sequence[Override], instance: int = 0,
                     environ: Mapping[str, str] | None = None) -> Project:
    """A copy of `project` for one run: overrides applied, placeholders filled; the graphs are shared.

    Raises OverrideError naming the override, entry or field that cannot apply.
    """
    environ = os.environ if environ is None else environ
    placeholders = _Placeholders(instance, environ)
    copied = copy.copy(project)
    copied.settings = copy.deepcopy(project.settings)
    copied.variables = [Variable(v.name, v.type, copy.deepcopy(v.default)) for v in project.variables]
    for override in overrides:
        _apply(copied, registry, override, placeholders)
    for key, section in copied.settings.items():
        entries = section.get("entries") if isinstance(section, dict) else None
        for entry in entries if isinstance(entries, list) else ():
            if isinstance(entry, dict):
                where = f"settings {key} {entry.get('name', '')!r}"
                for name, value in entry.items():
                    entry[name] = placeholders.fill(value, f"{where}.{name}")
    return copied


class _Placeholders:
    """Fills ``{instance}`` and ``${env:NAME}`` in the strings of a value."""

    def __init__(self, instance: int, environ: Mapping[str, str]) -> None:
        self.instance, self.environ = str(instance), environ

    def fill(self, value: Any, where: str) -> Any:
        if isinstance(value, str):
            return self.text(value, where)
        if isinstance(value, list):
            return [self.fill(item, where) for item in value]
        if isinstance(value, dict):
            return {key: self.fill(item, where) for key, item in value.items()}
        return value

    def text(self, text: str, where: str, env: bool = True) -> str:
        """`text` with ``{instance}`` filled and, unless `env` is False, ``${env:NAME}`` too."""
        text = text.replace("{instance}", self.instance)
        return _ENV_REFERENCE.sub(lambda match: self.env(match, where), text) if env else text

    def env(self, match: re.Match[str], where: str) -> str:
        name = match.group(1)
        if name not in self.environ:
            raise OverrideError(f"{where}: the environment variable {name} is not set")
        return self.environ[name]


def _apply(project: Project, registry: Registry, override: Override, placeholders: _Placeholders) -> None:
    if override.path[0] == VARIABLES:
        _set_variable(project, override, placeholders)
        return
    if len(override.path) != 3:
        raise OverrideError(f"{override}: a settings override names SECTION.ENTRY.FIELD")
    key, entry_name, field_key = override.path
    sections = {p.settings.key: p.settings for p in registry.plugins.values() if p.settings is not None}
    section = sections.get(key)
    if section is None:
        known = ", ".join(sorted([*sections, VARIABLES]))
        raise OverrideError(f"{override}: there is no settings section {key!r} (known: {known})")
    entries = project.settings.get(key, {}).get("entries", [])
    entry = next((e for e in entries if isinstance(e, dict) and e.get("name") == entry_name), None)
    if entry is None:
        known = ", ".join(repr(e.get("name")) for e in entries if isinstance(e, dict)) or "none"
        raise OverrideError(f"{override}: {section.title} has no entry named {entry_name!r} (entries: {known})")
    setting = next((f for f in section.fields if f.key == field_key), None)
    if setting is None:
        known = ", ".join(f.key for f in section.fields)
        raise OverrideError(f"{override}: {section.title} entries have no field {field_key!r} (fields: {known})")
    entry[field_key] = _setting_value(setting, override, placeholders)


def _setting_value(setting: SettingField, override: Override, placeholders: _Placeholders) -> Any:
    where = str(override)
    if setting.kind in ("json", "secret"):
        return placeholders.fill(_json(override, placeholders.text(override.value, where, env=False)), where)
    text = placeholders.text(override.value, where)
    if setting.kind == "list":
        items = _json(override, text) if text.lstrip().startswith("[") else [i.strip() for i in text.split(",")]
        if not isinstance(items, list):
            raise OverrideError(f"{where}: expected a list")
        return items
    if setting.kind == "int":
        if not text.strip() and setting.optional:
            return None
        return _number(override, text, DataType.INT)
    if setting.kind == "bool":
        return _bool(override, text)
    return text


def _set_variable(project: Project, override: Override, placeholders: _Placeholders) -> None:
    if len(override.path) != 2:
        raise OverrideError(f"{override}: a variable override names variables.NAME")
    name = override.path[1]
    variable = next((v for v in project.variables if v.name == name), None)
    if variable is None:
        known = ", ".join(repr(v.name) for v in project.variables) or "none"
        raise OverrideError(f"{override}: the project has no variable {name!r} (variables: {known})")
    where = str(override)
    kind = variable.type
    text = placeholders.text(override.value, where)
    if kind is DataType.STRING:
        variable.default = text
    elif kind is DataType.BOOL:
        variable.default = _bool(override, text)
    elif kind in (DataType.INT, DataType.FLOAT):
        variable.default = _number(override, text, kind)
    else:
        try:
            raw = _json(override, placeholders.text(override.value, where, env=False))
            variable.default = coerce_literal(placeholders.fill(raw, where), kind)
        except ValueError as exc:
            raise OverrideError(f"{where}: {exc}") from None


def _json(override: Override, text: str) -> Any:
    try:
        return parse_json(text, VALUE_DEPTH)  # within what a project file holds: no RecursionError, no NaN
    except ValueError as exc:
        raise OverrideError(f"{override}: not valid JSON ({exc})") from None
    except LimitError as exc:
        raise OverrideError(f"{override}: {exc.problem}") from None


def _number(override: Override, text: str, kind: DataType) -> int | float:
    try:
        return int(text.strip()) if kind is DataType.INT else float(text.strip())
    except ValueError:
        raise OverrideError(f"{override}: {text!r} is not {'an Int' if kind is DataType.INT else 'a Float'}") from None


def _bool(override: Override, text: str) -> bool:
    lowered = text.strip().lower()
    if lowered in _TRUE or lowered in _FALSE:
        return lowered in _TRUE
    raise OverrideError(f"{override}: {text!r} is not true or false")
