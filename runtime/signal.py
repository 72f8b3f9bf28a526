"""A tiny observer list, so that views (the editor) can follow the model without the model knowing them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Signal:
    """Callbacks called in connection order; one that raises does not stop the others."""

    __slots__ = ("_callbacks", "_on_change")

    def __init__(self, on_change: Callable[[], None] | None = None) -> None:
        """`on_change` is called after each connect and disconnect (the Debugger arms itself with it)."""
        self._callbacks: list[Callable[..., Any]] = []
        self._on_change = on_change

    def connect(self, callback: Callable[..., Any]) -> None:
        self._callbacks.append(callback)
        if self._on_change is not None:
            self._on_change()

    def disconnect(self, callback: Callable[..., Any]) -> None:
        self._callbacks.remove(callback)
        if self._on_change is not None:
            self._on_change()

    def __bool__(self) -> bool:
        return bool(self._callbacks)

    def emit(self, *args: Any) -> None:
        errors: list[BaseException] = []
        for callback in list(self._callbacks):
            try:
                callback(*args)
            except Exception as exc:  # a broken observer must not break the model or the others
                errors.append(exc)
        if errors:
            raise errors[0]
