"""The python-socketio side: making a client from settings, closing it without leftovers, emitting fast.

Facts this module relies on (python-socketio 5.18 / python-engineio 4.15, see
docs/socketio.md): all namespaces must be given to the first ``connect()``; the reconnect loop
calls ``connect()`` again, so overriding it is the one place that sees *every* successful
connection; ``shutdown()`` ends a reconnect loop; a failed WebSocket connect leaves the aiohttp
session open; ``emit()`` only queues a packet and never suspends.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable, Coroutine, Generator
from typing import Any

import aiohttp
import socketio

from runtime.plugins.socketio.settings import ConnectionSettings

CLOSE_TIMEOUT = 2.0  # seconds a goodbye may take before the transport is dropped


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


async def connect(client: PulseClient, settings: ConnectionSettings, namespaces: list[str]) -> None:
    """One connection attempt, all namespaces joined, within the connect timeout (TimeoutError)."""
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
