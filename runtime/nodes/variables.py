"""Reading, writing and watching variables (the project's, or a prefab instance's own)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from runtime.engine.instance import NodeInstance
from runtime.specs import EVENT_SCOPES, Attribute, AttrKind, DataPort, NodeSpec

_VARIABLE = Attribute("Variable", AttrKind.VARIABLE, "", description="The variable, by name.")


def _bind(ctx: NodeInstance) -> None:
    """Caches the store that holds the chosen variable, so that each execution is one dict access."""
    name = ctx.attrs["Variable"]
    store = ctx.run.store_for(name)
    ctx.data = (store, name) if name in store.values else None


def _missing(ctx: NodeInstance) -> KeyError:
    return KeyError(f"there is no variable {ctx.attrs['Variable']!r}")


def _get(ctx: NodeInstance) -> Any:
    if ctx.data is None:
        raise _missing(ctx)
    store, name = ctx.data
    return store.values[name]


def _bind_setter(ctx: NodeInstance) -> None:
    _bind(ctx)
    if ctx.data is not None:
        store, name = ctx.data
        ctx.data = store.setter(name)


def _set(ctx: NodeInstance, value: Any) -> None:
    set_value = ctx.data
    if set_value is None:
        raise _missing(ctx)
    set_value(value)
    ctx.out["Value"] = value


def _watcher(every_set: bool) -> Callable[[NodeInstance], None]:
    """The setup of On Variable Change (`every_set` False) or On Variable Set (True)."""

    def watch(ctx: NodeInstance) -> None:
        _bind(ctx)
        if ctx.data is None:
            ctx.warn(f"there is no variable {ctx.attrs['Variable']!r} to watch")
            return
        store, name = ctx.data

        def changed(new: Any, old: Any) -> None:
            ctx.engine.fire(ctx, {"Value": new, "Old Value": old})

        store.watch(name, changed, every_set)
        ctx.run.cleanups.append(lambda: store.unwatch(name, changed, every_set))

    return watch


_WATCHED_VALUES = (DataPort("Value", "@Variable"), DataPort("Old Value", "@Variable"))


SPECS = (
    NodeSpec(
        "logic.get_variable", "Get Variable", ("Variables",), "The current value of a variable.",
        kind="pure", attributes=(_VARIABLE,), outputs=(DataPort("Value", "@Variable"),), setup=_bind, run=_get,
    ),
    NodeSpec(
        "logic.set_variable", "Set Variable", ("Variables",), "Gives a variable a new value.",
        attributes=(_VARIABLE,), inputs=(DataPort("Value", "@Variable"),),
        outputs=(DataPort("Value", "@Variable"),), setup=_bind_setter, run=_set,
    ),
    NodeSpec(
        "logic.on_variable_change", "On Variable Change", ("Variables",),
        "Fires when a Set Variable changes the variable's value (not when it sets the same value).",
        kind="event", scopes=EVENT_SCOPES, attributes=(_VARIABLE,),
        outputs=_WATCHED_VALUES, setup=_watcher(every_set=False),
    ),
    NodeSpec(
        "logic.on_variable_set", "On Variable Set", ("Variables",),
        "Fires each time a Set Variable sets the variable, even to the value it already has.",
        kind="event", scopes=EVENT_SCOPES, attributes=(_VARIABLE,), outputs=_WATCHED_VALUES,
        setup=_watcher(every_set=True),
    ),
)
