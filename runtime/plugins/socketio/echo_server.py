"""A small Socket.IO echo server (python-socketio on aiohttp) for demos and tests.

It exists so that a user can try the Socket.IO nodes without writing a server
(``pulse-echo-server --port 5000``), and so that the test suite can exercise the
client against python-socketio as well as against the reference Node.js server
(``tests/node_server/server.js``), which implements the same protocol line for line.

Namespaces: ``/``, ``/chat`` and any name matching ``/room-*`` are accepted.
``/forbidden`` is refused with the message ``"forbidden namespace"``; any other
namespace with ``"Invalid namespace"`` (the message Node.js socket.io uses).

Events (every reply goes to the sender only):

``flood`` ``{"event"?: str, "count": int, "payload"?: any}``
    Emits ``count`` events named ``event`` (default ``"flood"``) as fast as possible,
    carrying ``payload``, or the index ``0..count-1`` when there is no ``payload`` key.
    Acknowledges ``{"sent": count}``. ``count`` is capped at 1,000,000.
``kick`` ``{"close"?: bool}``
    Acknowledges ``{"kicked": true}``, then disconnects the client from this namespace
    from the server side; with ``close: true`` the whole connection is dropped.
``whoami``
    Emits and acknowledges ``"whoami"`` with ``{"sid", "auth", "namespace"}``; ``auth``
    is the handshake auth object, or ``None`` when none (or an empty one) was sent.
``broadcast`` ``{"event": str, "payload"?: any}``
    Emits ``event`` with ``payload`` to every client of the namespace (with ``--redis``, on
    every node of the cluster) and acknowledges ``{"broadcast": event}``.
``server_error`` ``{"message"?: str}``
    Emits ``"exception"`` with ``{"message": ...}``: Socket.IO v4 has no generic error
    event from server to client, so a server-side error is an ordinary named event.
``telemetry`` ``{"count": int, "interval_ms"?: int}``
    Acknowledges ``{"sent": count}``, then sends ``count`` events ``"telemetry"``, one every
    ``interval_ms`` (default 0, at most 10,000), while the client stays: scripted machine
    readings as JSON *text* (as servers that ``JSON.stringify`` send them), the same sequence
    from both servers (`telemetry_sample`): ``{"seq":1,"state":"idle","engine":
    {"temperature":62,"rpm":800},"alerts":[]}``... ``count`` is capped at 10,000.
any other event ``E``
    Emits ``E`` back with the same arguments (so tests can subscribe to arbitrary
    names) and acknowledges them when the client asked for an ack.

Invalid control payloads emit ``"exception"`` ``{"message": ...}`` instead. The event
names Socket.IO reserves (``connect``, ``disconnect``, ``connect_error``, ...) are not
part of the protocol (Node.js drops a client that sends one).

Unless ``quiet``, one line is printed per connection, event and disconnection:
``CONNECT <ns> <sid> <auth json>``, ``RECV <ns> <event> <payload json>`` (the single
argument, else the list of arguments) and ``DISCONNECT <ns> <sid> <reason>``. The first
line of the command is always ``PORT <n>``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import re
import signal
import sys
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from runtime.plugins.socketio.cluster import ClusterError, cluster_manager, ensure_reachable
from runtime.plugins.socketio.sio_import import socketio_module

socketio = socketio_module()

ROOM_NAMESPACE = re.compile(r"/room-.*")
STATIC_NAMESPACES = frozenset({"/", "/chat"})
FORBIDDEN_NAMESPACE = "/forbidden"
CONTROL_EVENTS = frozenset({"flood", "kick", "whoami", "broadcast", "server_error", "telemetry"})
MAX_FLOOD = 1_000_000
MAX_TELEMETRY = 10_000
MAX_INTERVAL_MS = 10_000
# One machine warming up and cooling down: (temperature °C, rpm) per reading, repeated.
TELEMETRY_SCRIPT = ((62, 800), (68, 1500), (75, 2400), (83, 3100), (91, 3600), (97, 3900), (88, 3300), (79, 2500))
# Events python-socketio never hands to a catch-all handler, and those Node.js refuses.
RESERVED_EVENTS = frozenset(
    {"connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener"}
)


@dataclass(frozen=True, slots=True)
class ReceivedEvent:
    """One event as the server received it (kept so in-process tests can inspect it)."""

    namespace: str
    sid: str
    event: str
    args: tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class ServerActivity:
    """What an observer (the editor's test-server panel) is told: a connection came or went, or an event arrived.

    `detail` is the auth object for ``connect``, the reason for ``disconnect`` and the payload for ``event``.
    """

    kind: str  # "connect", "disconnect" or "event"
    namespace: str
    sid: str
    event: str = ""
    detail: Any = None


def namespace_allowed(namespace: str) -> bool:
    """Return whether ``namespace`` is served (``/``, ``/chat`` or ``/room-*``)."""
    return namespace in STATIC_NAMESPACES or ROOM_NAMESPACE.fullmatch(namespace) is not None


def _json(value: Any) -> str:
    """Compact JSON like Node's ``JSON.stringify``, so both servers print the same lines."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False, default=repr)


def _normalise_auth(auth: Any) -> Any:
    """Return ``auth`` or ``None``: python-socketio passes no auth and ``{}`` alike as ``None``."""
    return auth if auth else None


def _is_count(value: Any, limit: int = MAX_FLOOD) -> bool:
    """Accept JSON integers (a Python client may send ``5.0``, which Node reads as ``5``)."""
    if isinstance(value, bool):
        return False
    if isinstance(value, float):
        return value.is_integer() and 0 <= value <= limit
    return isinstance(value, int) and 0 <= value <= limit


def telemetry_sample(seq: int) -> str:
    """Reading number `seq` (from 1) of the scripted telemetry, as compact JSON text.

    state: ``overheat`` from 90 °C (with an ``overheat`` alert), ``idle`` below 1000 rpm, else ``running``.
    """
    temperature, rpm = TELEMETRY_SCRIPT[(seq - 1) % len(TELEMETRY_SCRIPT)]
    state = "overheat" if temperature >= 90 else "idle" if rpm < 1000 else "running"
    sample = {"seq": seq, "state": state, "engine": {"temperature": temperature, "rpm": rpm},
              "alerts": ["overheat"] if state == "overheat" else []}
    return _json(sample)


class EchoServer:
    """The echo server, usable in-process (``await start()`` / ``await stop()``) or as a command.

    ``start()`` returns the bound port, so ``port=0`` picks a free one.
    """

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        quiet: bool = True,
        log_size: int = 10_000,
        echo: bool = True,
        observer: Callable[[ServerActivity], None] | None = None,
        redis_url: str | None = None,
    ) -> None:
        self.host = host
        self.port = port
        self.quiet = quiet
        self.echo = echo  # off: events are logged and shown, not sent back (control events still work)
        self.observer = observer
        self.redis_url = redis_url  # a cluster node through this Redis (see runtime/plugins/socketio/cluster.py)
        # Bounded so that a long demo session cannot grow memory without limit.
        self.received: deque[ReceivedEvent] = deque(maxlen=log_size)
        self._auth: dict[tuple[str, str], Any] = {}
        self._runner: web.AppRunner | None = None
        self._background: set[asyncio.Task[None]] = set()
        # async_handlers=False: events of one client are handled in arrival order, as in Node.js.
        self.sio = socketio.AsyncServer(
            client_manager=cluster_manager(redis_url) if redis_url else None,
            async_mode="aiohttp",
            namespaces="*",
            cors_allowed_origins="*",
            async_handlers=False,
        )
        self.sio.on("connect", self._on_connect, namespace="*")
        self.sio.on("disconnect", self._on_disconnect, namespace="*")
        self.sio.on("*", self._on_event, namespace="*")

    @property
    def url(self) -> str:
        """Base URL for clients, valid once started."""
        return f"http://{self.host}:{self.port}"

    async def start(self) -> int:
        """Bind and serve; return the bound port. With a Redis URL, ClusterError when Redis does not answer."""
        if self.redis_url:
            await ensure_reachable(self.redis_url)
        app = web.Application()
        self.sio.attach(app)
        # A short shutdown timeout: long-polling requests must not delay stop() by a minute.
        self._runner = web.AppRunner(app, handle_signals=False, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        self.port = int(self._runner.addresses[0][1])
        return self.port

    async def stop(self) -> None:
        """Disconnect every client and release the port; safe to call twice."""
        runner, self._runner = self._runner, None
        if runner is None:
            return
        for task in self._background:
            task.cancel()
        if self._background:
            await asyncio.wait(list(self._background))
        await asyncio.gather(*(self._close_eio(eio_sid) for eio_sid in list(self.sio.eio.sockets)))
        await self.sio.shutdown()
        await runner.cleanup()

    async def __aenter__(self) -> EchoServer:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    def _log(self, line: str) -> None:
        if not self.quiet:
            print(line, flush=True)

    def _tell(self, activity: ServerActivity) -> None:
        if self.observer is not None:
            self.observer(activity)

    def clients(self) -> list[tuple[str, str]]:
        """(namespace, sid) of every connected client."""
        return sorted(self._auth)

    async def send(self, event: str, payload: Any, namespace: str = "/", sid: str | None = None) -> None:
        """Emits `event` with `payload` to one client (`sid`) or to every client of `namespace`."""
        await self.sio.emit(event, (payload,), to=sid, namespace=namespace)

    async def _on_connect(self, namespace: str, sid: str, environ: dict[str, Any], auth: Any) -> None:
        if namespace == FORBIDDEN_NAMESPACE:
            raise socketio.exceptions.ConnectionRefusedError("forbidden namespace")
        if not namespace_allowed(namespace):
            raise socketio.exceptions.ConnectionRefusedError("Invalid namespace")
        auth = _normalise_auth(auth)
        self._auth[(namespace, sid)] = auth
        self._log(f"CONNECT {namespace} {sid} {_json(auth)}")
        self._tell(ServerActivity("connect", namespace, sid, detail=auth))

    async def _on_disconnect(self, namespace: str, sid: str, reason: str) -> None:
        self._auth.pop((namespace, sid), None)
        self._log(f"DISCONNECT {namespace} {sid} {reason}")
        self._tell(ServerActivity("disconnect", namespace, sid, detail=reason))

    async def _on_event(self, event: str, namespace: str, sid: str, *args: Any) -> Any:
        """Log the event and answer it; the return value becomes the ack (a tuple = several args)."""
        self.received.append(ReceivedEvent(namespace, sid, event, args))
        payload = args[0] if len(args) == 1 else list(args)
        self._log(f"RECV {namespace} {event} {_json(payload)}")
        self._tell(ServerActivity("event", namespace, sid, event, payload))
        if event in RESERVED_EVENTS:
            # Mirror Node.js, whose parser rejects these names by closing the connection.
            await self._close_connection(sid, namespace)
            return None
        if event in CONTROL_EVENTS:
            return await self._on_control(event, namespace, sid, args[0] if args else None)
        if not self.echo:
            return None
        # A tuple always: data=None or a bare None would be sent as "no argument".
        await self.sio.emit(event, args, to=sid, namespace=namespace)
        return args

    async def _on_control(self, event: str, namespace: str, sid: str, data: Any) -> Any:
        if event == "flood":
            return await self._flood(namespace, sid, data)
        if event == "kick":
            close = isinstance(data, dict) and data.get("close") is True
            # Disconnect after the ack has been queued (it is sent when this handler returns).
            self._in_background(self._kick(sid, namespace, close))
            return ({"kicked": True},)
        if event == "telemetry":
            return await self._telemetry(namespace, sid, data)
        if event == "broadcast":
            return await self._broadcast(namespace, sid, data)
        if event == "whoami":
            info = {"sid": sid, "auth": self._auth.get((namespace, sid)), "namespace": namespace}
            await self.sio.emit("whoami", (info,), to=sid, namespace=namespace)
            return (info,)
        # server_error
        message = data.get("message") if isinstance(data, dict) else None
        if not isinstance(message, str):
            message = "server_error requested"
        await self._exception(sid, namespace, message)
        return ({"message": message},)

    async def _flood(self, namespace: str, sid: str, data: Any) -> Any:
        event = data.get("event", "flood") if isinstance(data, dict) else None
        count = data.get("count") if isinstance(data, dict) else None
        if not isinstance(event, str) or not event or not _is_count(count):
            await self._exception(
                sid,
                namespace,
                f'flood expects {{"event": str, "count": int 0..{MAX_FLOOD}, "payload": any}}',
            )
            return None
        assert isinstance(data, dict)
        count = int(count)
        has_payload = "payload" in data
        for i in range(count):
            await self.sio.emit(event, (data["payload"] if has_payload else i,), to=sid, namespace=namespace)
        return ({"sent": count},)

    async def _telemetry(self, namespace: str, sid: str, data: Any) -> Any:
        count = data.get("count") if isinstance(data, dict) else None
        interval = data.get("interval_ms", 0) if isinstance(data, dict) else None
        if not _is_count(count, MAX_TELEMETRY) or not _is_count(interval, MAX_INTERVAL_MS):
            await self._exception(sid, namespace, f'telemetry expects {{"count": int 0..{MAX_TELEMETRY}, '
                                                  f'"interval_ms": int 0..{MAX_INTERVAL_MS}}}')
            return None
        self._in_background(self._send_telemetry(namespace, sid, int(count), int(interval) / 1000))
        return ({"sent": int(count)},)

    def _in_background(self, coroutine: Any) -> None:
        """Runs `coroutine` after the handler has returned (and its ack gone out); `stop()` cancels it."""
        task = asyncio.create_task(coroutine)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def _send_telemetry(self, namespace: str, sid: str, count: int, interval: float) -> None:
        await asyncio.sleep(0)  # after the ack
        for seq in range(1, count + 1):
            if (namespace, sid) not in self._auth:
                return  # the client has gone
            await self.sio.emit("telemetry", (telemetry_sample(seq),), to=sid, namespace=namespace)
            if interval and seq < count:
                await asyncio.sleep(interval)

    async def _broadcast(self, namespace: str, sid: str, data: Any) -> Any:
        event = data.get("event") if isinstance(data, dict) else None
        if not isinstance(event, str) or not event or event in RESERVED_EVENTS:
            await self._exception(sid, namespace, 'broadcast expects {"event": str, "payload": any}')
            return None
        await self.sio.emit(event, (data.get("payload"),), namespace=namespace)
        return ({"broadcast": event},)

    async def _kick(self, sid: str, namespace: str, close: bool) -> None:
        await asyncio.sleep(0)
        if close:
            await self._close_connection(sid, namespace)
        else:
            await self.sio.disconnect(sid, namespace=namespace)

    async def _close_connection(self, sid: str, namespace: str) -> None:
        eio_sid = self.sio.manager.eio_sid_from_sid(sid, namespace)
        if eio_sid is not None:
            await self._close_eio(eio_sid)

    async def _close_eio(self, eio_sid: str, flush_timeout: float = 0.25) -> None:
        """Close one Engine.IO connection, waiting at most ``flush_timeout`` for the goodbye to go out.

        Not ``eio.disconnect()``: it waits for the send queue to drain, which never happens once the
        client has gone (its writer task has exited), and so hung ``stop()`` forever when a client
        disconnected just before (python-engineio 4.15.1).
        """
        sock = self.sio.eio.sockets.get(eio_sid)
        if sock is None:
            return
        await sock.close(wait=False, reason=self.sio.eio.reason.SERVER_DISCONNECT)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(sock.queue.join(), flush_timeout)

    async def _exception(self, sid: str, namespace: str, message: str) -> None:
        await self.sio.emit("exception", ({"message": message},), to=sid, namespace=namespace)


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="pulse-echo-server",
        description="Socket.IO echo server for trying Pulse Studio's Socket.IO nodes.",
    )
    parser.add_argument("--port", type=int, default=5000, help="port to listen on (default 5000; 0 = any free port)")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--quiet", action="store_true", help="do not print one line per event")
    parser.add_argument("--redis", metavar="URL",
                        help="run as one node of a cluster sharing this Redis server (redis://127.0.0.1:6379/0); "
                             "broadcasts reach the clients of every node")
    return parser.parse_args(argv)


async def _serve(host: str, port: int, quiet: bool, redis_url: str | None) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    # Installed before the PORT line: a supervisor may send SIGTERM as soon as it reads it.
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, stop.set)
        except NotImplementedError:  # Windows: Ctrl+C arrives as KeyboardInterrupt instead
            pass
    server = EchoServer(host, port, quiet=quiet, redis_url=redis_url)
    bound = await server.start()
    # Tests wait for this exact first line to learn the port.
    print(f"PORT {bound}", flush=True)
    try:
        await stop.wait()
    finally:
        await server.stop()


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``pulse-echo-server``."""
    args = _parse_args(argv)
    try:
        asyncio.run(_serve(args.host, args.port, args.quiet, args.redis))
    except OSError as exc:  # typically "address already in use"
        print(f"pulse-echo-server: {exc}", file=sys.stderr)
        return 1
    except ClusterError as exc:  # --redis: a malformed URL, redis not installed, Redis not reachable
        print(f"pulse-echo-server: --redis: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
