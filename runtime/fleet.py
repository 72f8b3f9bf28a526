"""Many devices from one process: N engines running the same loaded project side by side.

Each instance has its own engine, variables, Socket.IO connections and console prefix; they share
the loaded project (graphs are read-only while running), the node specs and every imported module,
which is what makes an extra instance cost kilobytes instead of a whole interpreter. Instances
are independent: a node error, a failed start or a long loop in one never stops the others
(long synchronous work yields to the loop, see runtime/engine/interpreter.py). A signal or the
timeout stops them all together.

Many instances make a large heap of objects that live as long as the run (compiled graphs, connections),
and CPython's full garbage collections walk all of it each time: starting 1,000 instances spent about a
third of the process's CPU in them (bench/fleet.py, docs/performance.md). A fleet therefore moves what
exists once the instances are built, and again once they have started, out of the collector's sight
(`gc.freeze`) for the run, and hands it back at the end.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import signal
import time
from collections.abc import Callable, Iterator, Sequence

from runtime.engine.engine import Engine


class Fleet:
    """Runs `engines` together; `run(timeout)` returns the highest exit code among them."""

    def __init__(self, engines: Sequence[Engine], report: Callable[[int, str], None]) -> None:
        self.engines = list(engines)
        self.report = report  # report(instance, message) for what happens outside any node
        self.ready_at: float | None = None

    def stop_all(self) -> None:
        for engine in self.engines:
            engine.spawn(engine.stop())

    def handle_signals(self) -> None:
        """SIGINT and SIGTERM stop every instance cleanly (where this thread may handle signals)."""
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.add_signal_handler(signum, self.stop_all)
            except (NotImplementedError, RuntimeError):  # not the main thread, or no signals here
                pass

    async def run(self, timeout: float | None) -> int:
        with _long_lived_heap(len(self.engines) > 1):
            return await self._run(timeout)

    async def _run(self, timeout: float | None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        results = await asyncio.gather(*(engine.start() for engine in self.engines), return_exceptions=True)
        failed = set()
        for index, result in enumerate(results):
            if isinstance(result, BaseException):
                if isinstance(result, asyncio.CancelledError):
                    raise result
                failed.add(index)
                self.report(index, f"could not start: {result}")
                await self.engines[index].stop()
        self.ready_at = time.monotonic()
        if len(self.engines) > 1:
            gc.freeze()  # the compiled graphs and started services: they live as long as the run
        remaining = None if deadline is None else max(0.0, deadline - time.monotonic())
        codes = await asyncio.gather(*(engine.finished(remaining) for engine in self.engines))
        return max(1 if index in failed else code for index, code in enumerate(codes))


@contextlib.contextmanager
def _long_lived_heap(several: bool) -> Iterator[None]:
    """For several instances: what exists now (modules, project, engines) is frozen, after one collection of
    what is already garbage; unfrozen at the end, so that nothing stays out of the collector's reach."""
    if not several:
        yield
        return
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
