"""Variable values of one scope (the project, or one prefab instance), and who watches them."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from runtime.model import Variable


class VariableStore:
    """Values by name; `set` tells the watchers of a name when its value really changes, and the
    set-watchers on every set (On Variable Set), even of the same value."""

    __slots__ = ("set_watchers", "types", "values", "watchers")

    def __init__(self, variables: list[Variable]) -> None:
        self.values: dict[str, Any] = {v.name: copy.deepcopy(v.default) for v in variables}
        self.types = {v.name: v.type for v in variables}
        self.watchers: dict[str, list[Callable[[Any, Any], None]]] = {}
        self.set_watchers: dict[str, list[Callable[[Any, Any], None]]] = {}

    def get(self, name: str) -> Any:
        try:
            return self.values[name]
        except KeyError:
            raise KeyError(f"there is no variable {name!r}") from None

    def set(self, name: str, value: Any) -> None:
        if name not in self.values:
            raise KeyError(f"there is no variable {name!r}")
        self.setter(name)(value)

    def setter(self, name: str) -> Callable[[Any], None]:
        """``set(name, value)`` bound to an existing variable, for callers that set it often (Set Variable)."""
        values = self.values
        watchers = self.watchers.setdefault(name, [])  # the lists `watch` and `unwatch` change in place
        set_watchers = self.set_watchers.setdefault(name, [])

        def set_value(value: Any) -> None:
            old = values[name]
            values[name] = value
            if watchers and old != value:
                for watcher in watchers:
                    watcher(value, old)
            if set_watchers:
                for watcher in set_watchers:
                    watcher(value, old)

        return set_value

    def watch(self, name: str, watcher: Callable[[Any, Any], None], every_set: bool = False) -> None:
        """Calls `watcher(new, old)` when the value changes (or, with `every_set`, on every set)."""
        (self.set_watchers if every_set else self.watchers).setdefault(name, []).append(watcher)

    def unwatch(self, name: str, watcher: Callable[[Any, Any], None], every_set: bool = False) -> None:
        (self.set_watchers if every_set else self.watchers).get(name, []).remove(watcher)
