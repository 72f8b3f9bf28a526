"""How a node's last values read beside it on the canvas: short, one line per socket."""

from __future__ import annotations

from typing import Any

from runtime.types import to_string

MAX_CHARS = 40


def _short(value: Any) -> str:
    text = to_string(value)
    return text if len(text) <= MAX_CHARS else text[: MAX_CHARS - 1] + "…"


def values_text(values: dict[str, dict[str, Any]]) -> str | None:
    """``in A = 1`` / ``out Result = 2`` lines, or None when there is nothing to show."""
    lines = [f"{side} {name} = {_short(value)}" for side in ("in", "out")
             for name, value in values.get(side, {}).items()]
    return "\n".join(lines) or None
