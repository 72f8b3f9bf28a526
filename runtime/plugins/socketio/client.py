"""The python-socketio side: making a client from settings, closing it without leftovers, emitting fast.

Facts this module relies on (python-socketio 5.18 / python-engineio 4.15, see
docs/socketio.md): all namespaces must be given to the first ``connect()``; the reconnect loop
calls ``connect()`` again, so overriding it is the one place that sees *every* successful
connection; ``shutdown()`` ends a reconnect loop; a failed WebSocket connect leaves the aiohttp
session open; ``emit()`` only queues a packet and never suspends; python-engineio starts one task per
received message (`_InlineEvents` avoids that for plain events); its write loop hangs up after 30 s
without anything to send, even while the server is still sending (`_EngineIO` carries on then).
"""

from __future__ import annotations

import asyncio
import contextlib
import weakref
from collections.abc import Awaitable, Callable, Coroutine, Generator
from typing import Any

import aiohttp
import engineio

from runtime.plugins.socketio.settings import ConnectionSettings
from runtime.plugins.socketio.sio_import import socketio_module

socketio = socketio_module()

CLOSE_TIMEOUT = 2.0  # seconds a goodbye may take before the transport is dropped


#: Handle received events in engine.io's read loop rather than in a task each (see `_InlineEvents`).
INLINE_EVENTS = True

#: Longest stretch (seconds) the read loop handles buffered events inline before letting other tasks run.
INLINE_SLICE = 0.005


class _EngineIO(engineio.AsyncClient):
    """python-engineio's client, except that it does not hang up on a server that is still sending.

    python-engineio's write loop gives the connection up when nothing was queued to send for
    max(pingInterval, pingTimeout) + 5 s (30 s with the servers' defaults): normally the server's
    PING, every pingInterval, gives it a PONG to send. But a server queues its PING behind all it
    has sent before, so during a long burst that the client reads more slowly than the server
    writes (a flood into a busy machine: the inbox absorbs it, the wire does not go faster) the
    PING arrives late, and the client hung up (``packet queue is empty, aborting``) on a server
    that was talking all along, before the server's own ping timeout would have fired.

    Here, when the stock write loop ends for exactly that reason (connected, nothing queued for a
    whole window) while messages did arrive in that window, it is started again in the same task.
    The server stays the judge of the heartbeat (it drops a client whose PONG is later than its
    pingTimeout); a silent server is still detected, by the read loop.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.messages_in = 0  # messages received (tests and diagnostics)
        self._last_received = 0.0  # loop time of the last message received
        self._last_queued = 0.0  # loop time of the last packet queued to send

    async def _trigger_event(self, event: str, *args: Any, run_async: bool = False) -> Any:
        if event == "message":
            self._note_received()
        return await super()._trigger_event(event, *args, run_async=run_async)

    def _note_received(self) -> None:
        self.messages_in += 1
        self._last_received = asyncio.get_running_loop().time()

    async def _send_packet(self, pkt: Any) -> None:
        self._last_queued = asyncio.get_running_loop().time()
        await super()._send_packet(pkt)

    async def _write_loop(self) -> None:
        loop = asyncio.get_running_loop()
        self._last_queued = loop.time()
        while True:
            await super()._write_loop()
            window = max(self.ping_interval, self.ping_timeout) + 5
            now = loop.time()
            gave_up_idle = now - self._last_queued >= window - 1 and self.queue.empty()
            if self.state != "connected" or not gave_up_idle or now - self._last_received >= window:
                return
            # Restored before anything else runs: the read loop reads on only while this is set.
            self.write_loop_task = asyncio.current_task()
            self._last_queued = now
            self.logger.info("the server is still sending: the write loop carries on")


class _InlineEvents(_EngineIO):
    """Runs the handler of a plain Socket.IO event (a text ``EVENT`` packet) in the read loop itself.

    python-engineio starts a task per received message, so that a slow handler cannot stall the
    connection. Pulse's handler never waits (a branch that waits carries on in the connection's
    inbox), so running it in place saves a task and a loop turn per event (about 10 % more messages
    per second, see docs/performance.md), keeps arrival order by construction, and lets TCP flow
    control slow a flooding server down. Every other packet (connect, disconnect, ack, binary), and
    any message that arrives while an earlier one is still in its task, goes the usual way, in order.

    The read loop does not give way while aiohttp has frames buffered (on Python 3.12+, where
    ``asyncio.wait_for`` no longer makes a task), so after `INLINE_SLICE` seconds of inline events it
    lets the other tasks run once: a flood cannot freeze the graph's timers, the PONGs or the editor.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._in_tasks = 0  # messages handed to tasks and not finished yet
        self._give_way_at = 0.0  # loop time after which the read loop lets other tasks run

    async def _trigger_event(self, event: str, *args: Any, run_async: bool = False) -> Any:
        if run_async and event == "message" and self._in_tasks == 0:
            data = args[0]
            if data.__class__ is str and data[:1] == "2":  # "2" = Socket.IO EVENT, text encoded
                self._note_received()
                try:
                    await self.handlers["message"](data)
                except Exception:  # as in a task of its own: logged, and the connection carries on
                    self.logger.exception("message async handler error")
                loop = asyncio.get_running_loop()
                if loop.time() >= self._give_way_at:
                    await asyncio.sleep(0)
                    self._give_way_at = loop.time() + INLINE_SLICE
                return None
        result = await super()._trigger_event(event, *args, run_async=run_async)
        if isinstance(result, asyncio.Task):
            self._in_tasks += 1
            result.add_done_callback(self._task_done)
        return result

    def _task_done(self, task: asyncio.Task[Any]) -> None:
        self._in_tasks -= 1


class PulseClient(socketio.AsyncClient):
    """An AsyncClient that tells its owner each time a connection (first or reconnection) is complete."""

    def __init__(self, on_connected: Callable[[PulseClient], None], connect_timeout: float, **options: Any) -> None:
        super().__init__(**options)
        self._on_connected = on_connected
        self._connect_timeout = connect_timeout

    async def connect(self, *args: Any, **kwargs: Any) -> None:
        # The reconnect loop calls connect() without a wait_timeout (python-socketio's default is 1 s).
        kwargs.setdefault("wait_timeout", self._connect_timeout)
        await super().connect(*args, **kwargs)
        self._on_connected(self)

    def _engineio_client_class(self) -> type[engineio.AsyncClient]:
        return _InlineEvents if INLINE_EVENTS else _EngineIO


def make_client(settings: ConnectionSettings, on_connected: Callable[[PulseClient], None]) -> PulseClient:
    """A client configured from `settings` (no handlers yet); handle_sigint off: the app owns signals."""
    timeout = settings.connect_timeout

    def http_session() -> aiohttp.ClientSession:
        # Bounds the TCP/TLS connect of WebSocket handshakes, which have no timeout of their own.
        return aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=None, sock_connect=timeout))

    return PulseClient(
        on_connected,
        timeout,
        reconnection=settings.reconnection,
        reconnection_attempts=settings.reconnection_attempts,
        reconnection_delay=settings.reconnection_delay,
        reconnection_delay_max=settings.reconnection_delay_max,
        # python-socketio adds factor * U(-1, 1) *seconds*; scale it so the jitter is ±50 % of the delay.
        randomization_factor=settings.reconnection_delay * 0.5,
        handle_sigint=False,
        ssl_verify=settings.verify_tls,
        http_session=http_session,
    )


#: Handshakes one process runs at once. A fleet (`pulse-run --instances 1000`) starting together
#: would otherwise open every socket at once and time most of them out on a busy server; queued,
#: each attempt gets its full connect timeout once it begins.
CONCURRENT_HANDSHAKES = 32
_handshake_slots: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = (
    weakref.WeakKeyDictionary())


async def connect(client: PulseClient, settings: ConnectionSettings, namespaces: list[str]) -> None:
    """One connection attempt, all namespaces joined, within the connect timeout (TimeoutError)."""
    loop = asyncio.get_running_loop()
    slots = _handshake_slots.setdefault(loop, asyncio.Semaphore(CONCURRENT_HANDSHAKES))
    async with slots:
        # python-socketio's own wait gets a little longer, so that a slow server is reported as a timeout.
        attempt = client.connect(
            settings.server_url,
            auth=settings.auth,
            transports=list(settings.transports),
            namespaces=namespaces,
            socketio_path=settings.path,
            wait_timeout=settings.connect_timeout + 1.0,
        )
        await asyncio.wait_for(attempt, settings.connect_timeout)


async def close_client(client: socketio.AsyncClient) -> None:
    """Disconnects, ends a reconnect loop, and closes the transport and aiohttp session: nothing stays open.

    Safe in any state (connected, half-connected after a cancelled connect, reconnecting, closed)
    and safe to call twice. Never raises.
    """
    for _ in range(2):  # a reconnection attempt in flight may still succeed while shutdown() waits for it
        with contextlib.suppress(Exception):
            await asyncio.wait_for(client.shutdown(), CLOSE_TIMEOUT)
        if not client.connected:
            break
    eio = client.eio
    if eio.state != "disconnected":
        with contextlib.suppress(Exception):
            await asyncio.wait_for(eio.disconnect(abort=True), CLOSE_TIMEOUT)
    tasks = [t for t in (eio.read_loop_task, eio.write_loop_task) if isinstance(t, asyncio.Task) and not t.done()]
    if tasks:
        _, late = await asyncio.wait(tasks, timeout=CLOSE_TIMEOUT)
        for task in late:
            task.cancel()
        if late:
            await asyncio.wait(late)
    if eio.ws is not None and not eio.ws.closed:
        with contextlib.suppress(Exception):
            await eio.ws.close()
    if eio.http is not None and not eio.http.closed:
        with contextlib.suppress(Exception):
            await eio.http.close()
    eio.http = None


def run_now(coroutine: Coroutine[Any, Any, Any]) -> Awaitable[Any] | None:
    """Runs `coroutine` right here as far as it goes without waiting.

    Returns None when it finished (its exception, if any, is raised), or an awaitable for the rest
    when it had to wait. ``emit()`` finishes at once (it only queues a packet), so a Send costs no
    task and no trip through the event loop, and packets leave in the order Sends ran.
    """
    try:
        waiting_on = coroutine.send(None)
    except StopIteration:
        return None
    return _Rest(coroutine, waiting_on)


class _Rest:
    """The remainder of a coroutine started by `run_now`: awaiting it carries the coroutine on."""

    __slots__ = ("coroutine", "waiting_on")

    def __init__(self, coroutine: Coroutine[Any, Any, Any], waiting_on: Any) -> None:
        self.coroutine, self.waiting_on = coroutine, waiting_on

    def __await__(self) -> Generator[Any, Any, Any]:
        coroutine, waiting_on = self.coroutine, self.waiting_on
        while True:
            try:
                sent = yield waiting_on
            except BaseException as exc:  # cancellation and errors go to the coroutine, as with await
                try:
                    waiting_on = coroutine.throw(exc)
                except StopIteration as stop:
                    return stop.value
            else:
                try:
                    waiting_on = coroutine.send(sent)
                except StopIteration as stop:
                    return stop.value
