"""One connection's events, handed to its event nodes one at a time, in arrival order, with bounded memory.

Once a receive branch waits (a Delay, a function that waits), it goes on in a task, and later
events would overtake it (stock python-socketio even runs every event in a task of its own). The
inbox keeps the order: while no branch of this connection is waiting, an event is fired on the
spot (no task, no queue: the common case costs nothing extra); once one waits, later events queue
up here and one task fires them in turn, each after the previous branch has finished.

Lifecycle events (On Start / On Stop) take the same path, so that an On Stop never overtakes the
messages received before the connection dropped. The queue holds at most `size` received
messages: beyond that the oldest message is dropped and counted, and the count is reported
(`on_overflow`) at most once per `REPORT_INTERVAL` while the backlog lasts, and once more when it
has been worked off, so that the reports add up to every dropped message without flooding the
logic in turn. Lifecycle events are never dropped.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from runtime.engine.engine import Engine
    from runtime.engine.instance import NodeInstance

#: (topic, output values, is a received message: may be dropped on overflow)
Item = tuple[Hashable, dict[str, Any], bool]

REPORT_INTERVAL = 1.0  # seconds between two overflow reports during one long backlog


class Inbox:
    """Ordered, bounded delivery of one connection's events to the listeners of their topics."""

    def __init__(self, engine: Engine, size: int, on_overflow: Callable[[int], None]) -> None:
        self.engine = engine
        self.size = size
        self.on_overflow = on_overflow
        self.queue: deque[Item] = deque()
        self.messages = 0  # received messages in `queue` (lifecycle items do not count)
        self.dropped = 0  # dropped since the last report
        self._reported_at = 0.0
        self.task: asyncio.Task[None] | None = None
        self._firing = False
        self._cache: dict[Hashable, list[NodeInstance]] = {}
        self._runs: object = None
        self._project_run: object = None

    @property
    def busy(self) -> bool:
        """Whether a branch of this connection is still running (events queue up meanwhile)."""
        return self.task is not None

    def put(self, topic: Hashable, values: dict[str, Any], message: bool = True) -> None:
        """Fires the listeners of `topic` now, or queues the event behind a branch that is waiting."""
        if self.task is not None or self._firing:
            self._enqueue((topic, values, message))
            return
        listeners = self.listeners(topic)
        if not listeners:
            return
        self._firing = True  # a branch fired here that causes another event (re-entry) queues it
        try:
            fire = self.engine.fire
            for index, inst in enumerate(listeners):
                if inst.run.active:
                    branch = fire(inst, values)
                    if branch is not None:
                        self.task = self.engine.spawn(self._drain(branch, listeners[index + 1:], values))
                        return
            if self.queue:
                self.task = self.engine.spawn(self._drain(None, [], values))
        finally:
            self._firing = False

    def listeners(self, topic: Hashable) -> list[NodeInstance]:
        """`engine.listeners(topic)`, remembered until the engine's graph runs change (a scene switch).

        Event nodes live only on the Project graph and in scenes (with their prefabs), whose runs are
        ``engine.project_run`` and the list ``engine.scene_runs``, replaced by every switch. Runs
        stopped meanwhile are skipped by the callers (``inst.run.active``).
        """
        engine = self.engine
        if self._runs is not engine.scene_runs or self._project_run is not engine.project_run:
            self._runs, self._project_run = engine.scene_runs, engine.project_run
            self._cache.clear()
        found = self._cache.get(topic)
        if found is None:
            found = self._cache[topic] = engine.listeners(topic)
        return found

    def _enqueue(self, item: Item) -> None:
        if item[2]:
            if self.messages >= self.size:
                self._drop_oldest_message()
            self.messages += 1
        self.queue.append(item)

    def _drop_oldest_message(self) -> None:
        kept: list[Item] = []
        while self.queue:
            item = self.queue.popleft()
            if item[2]:
                break
            kept.append(item)  # a lifecycle event ahead of it: keep it, in place
        self.queue.extendleft(reversed(kept))
        self.messages -= 1
        self.dropped += 1

    async def _drain(self, branch: asyncio.Task[None] | None, rest: list[NodeInstance],
                     values: dict[str, Any]) -> None:
        try:
            if branch is not None:
                await asyncio.wait((branch,))
            await self._fire_each(rest, values)
            while self.queue:
                if self.dropped and time.monotonic() - self._reported_at >= REPORT_INTERVAL:
                    self._report()
                topic, values, message = self.queue.popleft()
                if message:
                    self.messages -= 1
                await self._fire_each(self.listeners(topic), values)
            if self.dropped:
                self._report()
        finally:
            self.task = None

    async def _fire_each(self, listeners: list[NodeInstance], values: dict[str, Any]) -> None:
        for inst in listeners:
            if not inst.run.active:  # its scene was switched off meanwhile
                continue
            branch = self.engine.fire(inst, values)
            if branch is not None:
                # wait() rather than await: a branch cancelled by a scene switch must not end the inbox.
                await asyncio.wait((branch,))

    def _report(self) -> None:
        dropped, self.dropped = self.dropped, 0
        self._reported_at = time.monotonic()
        self.on_overflow(dropped)

    def clear(self) -> None:
        """Forgets queued events (the run is ending)."""
        if self.dropped:
            self._report()
        self.queue.clear()
        self.messages = 0
