"""Plugins and the registry that answers "which nodes may go where, with these plugins active"."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from runtime.specs import NodeSpec, Scope

if TYPE_CHECKING:
    from runtime.engine.engine import Engine
    from runtime.model import Project


@dataclass(frozen=True)
class SettingField:
    """One field of a settings entry, enough for the editor to build an input for it.

    `kind` is ``string``, ``int``, ``bool``, ``choice``, ``list`` (of strings), ``json`` or
    ``secret`` (a JSON object never shown in logs).
    """

    key: str
    label: str
    kind: str
    default: Any = None
    options: tuple[str, ...] = ()
    description: str = ""
    minimum: int | None = None
    maximum: int | None = None
    optional: bool = False  # may be left empty (None), e.g. a port that defaults to the scheme's


@dataclass(frozen=True)
class SettingProblem:
    """A problem in settings, naming the entry (e.g. the connection name) and the field."""

    entry: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.entry}: {self.field}: {self.message}"


@dataclass(frozen=True)
class SettingsSection:
    """A plugin's section of Project Settings: a list of named entries with the given fields.

    `validate(entries)` returns the problems of a whole list (duplicate names need the list).
    """

    key: str
    title: str
    fields: tuple[SettingField, ...]
    validate: Callable[[list[dict[str, Any]]], list[SettingProblem]]
    description: str = ""

    def new_entry(self, name: str) -> dict[str, Any]:
        entry = {f.key: _copy(f.default) for f in self.fields}
        entry["name"] = name
        return entry

    def entries(self, project: Project) -> list[dict[str, Any]]:
        return list(project.settings.get(self.key, {}).get("entries", []))

    def entry_names(self, project: Project) -> list[str]:
        return [str(e.get("name", "")) for e in self.entries(project)]


def _copy(value: Any) -> Any:
    return value.copy() if isinstance(value, (list, dict)) else value


@dataclass(frozen=True)
class Plugin:
    """A bundle of node specs, an optional settings section and an optional runtime service.

    `service(engine)` makes the per-run object the plugin's nodes talk to (e.g. the Socket.IO
    connections); it has ``async start()`` and ``async stop()`` and ``busy() -> bool``.
    """

    id: str
    name: str
    description: str
    specs: tuple[NodeSpec, ...]
    settings: SettingsSection | None = None
    service: Callable[[Engine], Any] | None = None
    always_on: bool = False
    default_active: bool = True
    #: Modules a run process imports while it waits for a run (the service's heavy dependencies), so that
    #: pressing Run does not wait for them.
    preload: tuple[str, ...] = ()


@dataclass
class Registry:
    """All known plugins and their node specs, keyed by id."""

    plugins: dict[str, Plugin] = field(default_factory=dict)
    specs: dict[str, NodeSpec] = field(default_factory=dict)

    def register(self, plugin: Plugin) -> None:
        if plugin.id in self.plugins:
            raise ValueError(f"plugin {plugin.id!r} is registered twice")
        self.plugins[plugin.id] = plugin
        for spec in plugin.specs:
            if spec.type_id in self.specs:
                raise ValueError(f"node type {spec.type_id!r} is declared twice")
            self.specs[spec.type_id] = replace(spec, plugin=plugin.id)

    def spec(self, type_id: str) -> NodeSpec | None:
        return self.specs.get(type_id)

    def is_active(self, plugin_id: str, project: Project) -> bool:
        plugin = self.plugins.get(plugin_id)
        if plugin is None:
            return False
        return plugin.always_on or project.plugins.get(plugin_id, plugin.default_active)

    def live_spec(self, type_id: str, project: Project) -> NodeSpec | None:
        """The spec of a node that can run: known type and active plugin; else None (a placeholder)."""
        spec = self.specs.get(type_id)
        return spec if spec is not None and self.is_active(spec.plugin, project) else None

    def placeable(self, scope: Scope, project: Project) -> list[NodeSpec]:
        """Node types allowed on a tab of `scope` with the project's active plugins, in Toolbox order."""
        return [s for s in self.specs.values() if scope in s.scopes and self.is_active(s.plugin, project)]

    def active_sections(self, project: Project) -> list[SettingsSection]:
        return [p.settings for p in self.plugins.values() if p.settings and self.is_active(p.id, project)]

    def default_plugin_states(self) -> dict[str, bool]:
        return {p.id: p.default_active for p in self.plugins.values() if not p.always_on}

    def plugin_of(self, type_id: str) -> Plugin | None:
        spec = self.specs.get(type_id)
        return self.plugins.get(spec.plugin) if spec else None


def build_registry(plugins: Iterable[Plugin]) -> Registry:
    registry = Registry()
    for plugin in plugins:
        registry.register(plugin)
    return registry


_DEFAULT: Registry | None = None


def default_registry() -> Registry:
    """The registry of the built-in plugins (Logic and Socket.IO), built once."""
    global _DEFAULT
    if _DEFAULT is None:
        from runtime.plugins import builtin_plugins

        _DEFAULT = build_registry(builtin_plugins())
    return _DEFAULT
