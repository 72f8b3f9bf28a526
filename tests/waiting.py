"""Waiting for what another thread, task or timer fills, instead of sleeping a fixed time and hoping.

Qt tests use `qtbot.waitUntil`; these are the same for plain threads (`wait_until`) and asyncio tests
(`eventually`). Both fail with the condition's description when the time is up, never pass silently.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

TIMEOUT = 10.0  # generous: a loaded 2-core machine is slow, a passing condition returns at once


def wait_until(condition: Callable[[], Any], timeout: float = TIMEOUT, what: str = "") -> Any:
    """Polls `condition` (a thread fills what it reads) until it is truthy; returns its value."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"still not true after {timeout} s: {what or condition}")
        time.sleep(0.005)


async def eventually(condition: Callable[[], Any], timeout: float = TIMEOUT, what: str = "") -> Any:
    """`wait_until` for asyncio tests: yields to the loop between polls."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"still not true after {timeout} s: {what or condition}")
        await asyncio.sleep(0.005)
