"""How hard a run works, for the status bar: node executions per second, measured over about a second."""

from __future__ import annotations

#: How long the meter sums before it gives a figure: steady enough to read, fresh enough to follow.
WINDOW_SECONDS = 1.0


class RateMeter:
    """Sums counts as they come; `add` returns the rate once WINDOW_SECONDS have passed, else None."""

    def __init__(self, now: float) -> None:
        self._since, self._count = now, 0

    def add(self, count: int, now: float) -> float | None:
        self._count += count
        elapsed = now - self._since
        if elapsed < WINDOW_SECONDS:
            return None
        rate = self._count / elapsed
        self._since, self._count = now, 0
        return rate


def format_rate(rate: float) -> str:
    """'840 nodes/s', '73k nodes/s', '1.2M nodes/s': three figures at most, as a status bar wants."""
    if rate < 1_000:
        return f"{rate:.0f} nodes/s"
    if rate < 1_000_000:
        return f"{rate / 1_000:.0f}k nodes/s"
    return f"{rate / 1_000_000:.1f}M nodes/s"
