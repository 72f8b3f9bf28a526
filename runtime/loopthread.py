"""An asyncio event loop in a thread of its own.

The editor runs the engine (and its local Socket.IO test server) here rather than on the Qt
loop: a busy graph or a flood of messages then never freezes the window, and asyncio runs at
full speed (on a qasync loop the same Socket.IO client reached only 60-65 % of its round trips;
bench/editor_run.py compares both).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import threading
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


class LoopThread:
    """Starts a daemon thread running a fresh event loop; `submit` coroutines to it from any thread."""

    def __init__(self, name: str = "pulse-loop") -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_forever()
        pending = [t for t in asyncio.all_tasks(self.loop) if not t.done()]
        for task in pending:
            task.cancel()
        if pending:
            self.loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
        self.loop.run_until_complete(self.loop.shutdown_asyncgens())
        self.loop.close()

    def submit(self, coroutine: Coroutine[Any, Any, T]) -> concurrent.futures.Future[T]:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop)

    def call(self, callback: Callable[..., Any], *args: Any) -> None:
        """Runs a plain function on the loop's thread (debugger commands, breakpoint changes)."""
        if not self.loop.is_closed():
            self.loop.call_soon_threadsafe(callback, *args)

    def close(self, timeout: float = 10.0) -> None:
        """Stops the loop (cancelling what is left) and waits for the thread to end."""
        if self._thread.is_alive() and not self.loop.is_closed():
            self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(timeout)

    @property
    def alive(self) -> bool:
        return self._thread.is_alive()
