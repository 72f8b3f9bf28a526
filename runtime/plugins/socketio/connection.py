"""One configured Socket.IO connection during a run: its state machine and what each node asks of it.

States: ``stopped`` -> Start -> ``connecting`` -> ``connected``; a drop goes to ``reconnecting``
(reconnection on) or ``stopped``; Stop goes through ``stopping`` to ``stopped`` from any state.
Node actions return at once (the pulse continues); the work happens in tasks the engine owns,
and what comes of it is told through the On Socket.IO ... events of this connection only.
Nothing raises into the engine: problems go to On Socket.IO Error and the console. Console
level: ``warning`` when the logic handles them (an On Socket.IO Error of this connection exists),
else ``error``; harmless misuse (Start while started...) is always a warning.

A client (python-socketio AsyncClient) lives from one Start to the end of that session; events
of a client that is no longer the current one (after a Stop and a new Start) are ignored.
"""

from __future__ import annotations

import asyncio
import itertools
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from runtime.plugins.socketio import topics
from runtime.plugins.socketio.client import (
    NamespaceRefused,
    PulseClient,
    close_client,
    connect,
    make_client,
    retry_wait,
    run_now,
)
from runtime.plugins.socketio.inbox import Inbox
from runtime.plugins.socketio.payloads import error_text, incoming_text, outgoing
from runtime.plugins.socketio.settings import ConnectionSettings, normalise_namespace

if TYPE_CHECKING:
    from collections.abc import Awaitable

    from runtime.engine.engine import Engine
    from runtime.engine.instance import NodeInstance


class State(StrEnum):
    STOPPED = "not started"
    CONNECTING = "still connecting"
    CONNECTED = "connected"
    RECONNECTING = "reconnecting"
    STOPPING = "stopping"


class Connection:
    """The runtime side of one entry of Project Settings > Socket.IO.

    Parameters:
        engine: the run.
        settings: the checked entry.
        namespaces: joined at each Start: the settings' plus the literal ones of this connection's nodes.
    """

    def __init__(self, engine: Engine, settings: ConnectionSettings, namespaces: tuple[str, ...]) -> None:
        self.engine = engine
        self.settings = settings
        self.name = settings.name
        self.namespaces = namespaces
        self.state = State.STOPPED
        self.client: PulseClient | None = None
        self.subscriptions: set[tuple[str, str]] = set()
        self.inbox = Inbox(engine, settings.inbox_size, self._overflowed)
        self.topics = {kind: topics.topic(kind, self.name) for kind in (
            topics.ON_START, topics.ON_STOP, topics.ON_RECEIVE, topics.ON_ERROR,
            topics.ON_SUBSCRIBE, topics.ON_UNSUBSCRIBE)}
        self._receive_topic = self.topics[topics.ON_RECEIVE]
        self._up = False  # On Start fired, On Stop not yet
        self._final = False  # the client will not reconnect by itself
        self._settle_scheduled = False
        self._restart = False  # Start arrived while stopping: start again once stopped
        self._connect_task: asyncio.Task[None] | None = None
        self._stop_task: asyncio.Task[None] | None = None
        self._closing: set[asyncio.Task[None]] = set()
        self._connect_errors: list[tuple[str, str]] = []
        self._closed_namespaces: set[str] = set()  # closed by the server while the others stayed up
        self._unannounced: dict[tuple[str, str], NodeInstance | None] = {}  # subscribed, On Subscribe not fired yet
        self._joins: dict[str, asyncio.Task[None]] = {}  # late joins for subscriptions, on the current client

    def busy(self) -> bool:
        """Whether anything can still happen on this connection (keeps a headless run alive).

        Closing clients do not count: their tasks are the engine's, which it waits for itself.
        """
        return self.state is not State.STOPPED or self.inbox.busy

    # --- node actions: each returns at once -------------------------------------------------------
    def start(self, inst: NodeInstance | None = None) -> None:
        if self.engine.stopped:
            return  # the run is ending: nothing may start any more
        if self.state is State.STOPPED:
            self._begin()
        elif self.state is State.STOPPING:
            if self._restart:
                self._warn("Start ignored: a Start is already waiting for the Stop to finish", inst)
            self._restart = True
        else:
            self._warn(f"Start ignored: the connection is already {self.state.value}", inst)

    def stop(self, inst: NodeInstance | None = None) -> None:
        state = self.state
        if state is State.STOPPED:
            self._warn("Stop ignored: the connection is not started", inst)
            return
        if state is State.STOPPING:
            if self._restart:
                self._restart = False  # Stop, Start, Stop: the last word is Stop
            else:
                self._warn("Stop ignored: the connection is already stopping", inst)
            return
        if state is State.CONNECTING:
            self._warn("Stop while still connecting: the connection attempt is abandoned", inst)
        self.state = State.STOPPING
        self._stop_task = self.engine.spawn(self._stop(self.client))

    def send(self, inst: NodeInstance, event: str, namespace: str, message: Any) -> Awaitable[None] | None:
        namespace = normalise_namespace(namespace)
        client = self.client
        if not event:
            self.report(namespace, "Send: the Event Name is empty", inst)
            return None
        if self.state is not State.CONNECTED or client is None or not client.connected:
            state = self.state.value if self.state is not State.CONNECTED else "dropping"
            self.report(namespace, f"cannot send {event!r} on {namespace}: the connection is {state}"
                                   " (send from On Socket.IO Start, once it is up)", inst)
            return None
        try:
            data = outgoing(message, inst.attrs.get("Message Type", "String"))
        except ValueError as exc:
            self.report(namespace, f"sending {event!r} on {namespace} failed: {exc}", inst)
            return None
        if namespace not in client.namespaces:
            if namespace in self._closed_namespaces:
                self.report(namespace, f"cannot send {event!r}: {self._not_joined(namespace)}", inst)
                return None
            return self._join_then_send(client, inst, event, namespace, data)
        try:
            rest = run_now(client.emit(event, data, namespace=namespace))
        except Exception as exc:
            self.report(namespace, f"sending {event!r} on {namespace} failed: {exc}", inst)
            return None
        return None if rest is None else self._finish_send(rest, inst, event, namespace)

    async def _finish_send(self, rest: Awaitable[Any], inst: NodeInstance, event: str, namespace: str) -> None:
        try:
            await rest
        except Exception as exc:
            self.report(namespace, f"sending {event!r} on {namespace} failed: {exc}", inst)

    async def _join_then_send(self, client: PulseClient, inst: NodeInstance, event: str, namespace: str,
                              data: Any) -> None:
        """A Send on a namespace not joined yet (e.g. fed by a wire): its branch waits for the join, then sends."""
        failure = await self._join(client, namespace)
        if failure is None and not (client is self.client and client.connected):
            failure = "the connection dropped"
        if failure is not None:
            self.report(namespace, f"cannot send {event!r}: {failure}", inst)
            return
        await self._finish_send(client.emit(event, data, namespace=namespace), inst, event, namespace)

    async def _join(self, client: PulseClient, namespace: str) -> str | None:
        """Joins `namespace` on the live connection; None when joined, else why not."""
        try:
            await client.join(namespace)
        except NamespaceRefused as exc:
            return f"the server refused namespace {namespace}: {exc}"
        except TimeoutError:
            return f"joining namespace {namespace} timed out after {self.settings.connect_timeout * 1000:.0f} ms"
        except ConnectionError as exc:
            return f"{exc} while joining namespace {namespace}"
        return None

    def subscribe(self, inst: NodeInstance, event: str, namespace: str) -> None:
        """Subscribes at once; On Socket.IO Subscribe fires once the subscription is in place on a live
        connection (now, or when the connection comes up, after its namespace is joined)."""
        namespace = normalise_namespace(namespace)
        if not event:
            self.report(namespace, "Subscribe: the Event Name is empty", inst)
            return
        key = (namespace, event)
        self.subscriptions.add(key)
        client = self.client
        if self.state is State.CONNECTED and client is not None and namespace in client.namespaces:
            self._emit_later(topics.ON_SUBSCRIBE, {"Namespace": namespace})
            return
        self._unannounced[key] = inst
        if namespace in self._closed_namespaces:
            self.report(namespace, f"cannot subscribe to {event!r} now: {self._not_joined(namespace)}; the "
                                   "subscription takes effect when the connection comes up again", inst)
        elif self.state is State.CONNECTED and client is not None:
            self._join_for_subscriptions(client, namespace)

    def _announce(self, client: PulseClient) -> None:
        """On Socket.IO Subscribe for subscriptions now in place; joins the namespaces the others need."""
        for key in list(self._unannounced):
            if key[0] in client.namespaces:
                del self._unannounced[key]
                self.inbox.put(self.topics[topics.ON_SUBSCRIBE], {"Namespace": key[0]}, message=False)
        for namespace in {ns for ns, _ in self.subscriptions}.difference(client.namespaces, self._closed_namespaces):
            self._join_for_subscriptions(client, namespace)

    def _join_for_subscriptions(self, client: PulseClient, namespace: str) -> None:
        if namespace not in self._joins:
            self._joins[namespace] = self.engine.spawn(self._join_subscribed(client, namespace))

    async def _join_subscribed(self, client: PulseClient, namespace: str) -> None:
        try:
            failure = await self._join(client, namespace)
        finally:
            if client is self.client:
                self._joins.pop(namespace, None)
        if client is not self.client or self.state is not State.CONNECTED or not client.connected:
            return  # dropped or stopped meanwhile: the next connection joins it again
        if failure is None:
            self._announce(client)
            return
        for key in sorted(k for k in self.subscriptions if k[0] == namespace):
            self.subscriptions.discard(key)
            inst = self._unannounced.pop(key, None)
            self.report(namespace, f"cannot subscribe to {key[1]!r}: {failure}", inst)

    def unsubscribe(self, inst: NodeInstance, event: str, namespace: str) -> None:
        namespace = normalise_namespace(namespace)
        if (namespace, event) in self.subscriptions:
            self.subscriptions.discard((namespace, event))
            self._unannounced.pop((namespace, event), None)
            self._emit_later(topics.ON_UNSUBSCRIBE, {"Namespace": namespace})
        else:
            self._warn(f"Unsubscribe ignored: {event!r} on {namespace} is not subscribed", inst)

    # --- connecting and stopping ---------------------------------------------------------------
    def _begin(self) -> None:
        self._joins.clear()  # those of an earlier client end with it
        self.state = State.CONNECTING
        self._final = False
        self._connect_task = self.engine.spawn(self._connect())

    def _new_client(self) -> PulseClient:
        client = make_client(self.settings, self._connected)
        self._listen(client)
        self.client = client
        self._connect_errors = []
        return client

    async def _connect(self) -> None:
        """Connection attempts until one succeeds; with Reconnection on, a failed first attempt is retried
        on the reconnection schedule (a fresh client each time), so a device started before its server
        comes up connects once it does. A refused namespace is the server's answer: never retried."""
        try:
            for attempt in itertools.count(1):
                client = self._new_client()
                client.url_index = (attempt - 1) % len(client.urls)  # failover: each attempt the next server
                try:
                    await connect(client, self.settings, list(self.namespaces))
                    return
                except Exception as exc:
                    if client is not self.client or self.state is not State.CONNECTING:
                        return
                    failed = list(client.failed_namespaces)
                    why = self._failure(exc, client.urls[client.url_index])
                    self._retire(client)
                    if failed or not self._may_retry(attempt):
                        self.state = State.STOPPED
                        self._connect_failed(why, failed, attempt)
                        self.engine.poke()
                        return
                wait = retry_wait(self.settings, attempt - 1)
                retry = f"attempt {attempt + 1} in {wait:.1f} s"
                if attempt == 1:  # the logic hears of it once; the retries are console warnings
                    self.report("", f"{why}; retrying (Reconnection is on): {retry}")
                else:
                    self._warn(f"connection attempt {attempt} failed: {why}; {retry}")
                await asyncio.sleep(wait)
        finally:
            if self._connect_task is asyncio.current_task():
                self._connect_task = None

    def _may_retry(self, attempt: int) -> bool:
        limit = self.settings.reconnection_attempts
        return self.settings.reconnection and (limit == 0 or attempt <= limit)

    def _failure(self, exc: Exception, url: str) -> str:
        """What went wrong with one connection attempt (to `url`), in the user's words."""
        if isinstance(exc, TimeoutError):
            return f"connecting to {url} timed out after {self.settings.connect_timeout * 1000:.0f} ms"
        why = next(iter(dict(self._connect_errors).values()), None) or str(exc) or type(exc).__name__
        cause = _root_cause(exc)
        if cause and cause not in why:
            why = f"{why} ({cause})"
        return f"cannot connect to {url}: {why}"

    def _connect_failed(self, why: str, failed: list[str], attempts: int) -> None:
        reasons = dict(self._connect_errors)
        for namespace in failed:
            self.report(namespace, f"the server refused namespace {namespace}: {reasons.get(namespace) or 'refused'}")
        if not failed:
            self.report("", why if attempts == 1 else f"gave up connecting after {attempts} attempts: {why}")

    def _connected(self, client: PulseClient) -> None:
        """Called by the client when a connection (first or reconnection) has joined every namespace."""
        if client is not self.client or self.state not in (State.CONNECTING, State.RECONNECTING):
            return
        self.state = State.CONNECTED
        self._final = False
        self._closed_namespaces.clear()
        self._up = True
        self.inbox.put(self.topics[topics.ON_START], {"URL": client.urls[client.url_index]}, message=False)
        self._announce(client)

    async def _stop(self, client: PulseClient | None) -> None:
        try:
            connecting = self._connect_task
            if connecting is not None:
                connecting.cancel()
                await asyncio.wait((connecting,))
            if client is not None:
                await close_client(client)
        finally:
            if self.client is client:
                self.client = None
            self.state = State.STOPPED
            self._stop_task = None
        self._mark_down()
        if self._restart:
            self._restart = False
            self._begin()
        else:
            self.engine.poke()

    def _retire(self, client: PulseClient) -> None:
        """Lets go of `client` and closes it in the background (tracked until closed)."""
        if self.client is client:
            self.client = None
        task = self.engine.spawn(close_client(client))
        self._closing.add(task)
        task.add_done_callback(self._closing.discard)

    def _mark_down(self) -> None:
        if self._up:
            self._up = False
            self.inbox.put(self.topics[topics.ON_STOP], {}, message=False)

    async def shutdown(self) -> None:
        """The run is ending: drop everything, fire nothing, leave no task or socket."""
        self._restart = False
        client, self.client = self.client, None  # from here on, the client's events are ignored
        self.state = State.STOPPED
        pending = [t for t in (self._connect_task, self._stop_task, self.inbox.task) if t is not None]
        for task in pending:
            if task is not self._stop_task:  # a Stop in progress finishes closing its client
                task.cancel()
        if pending:
            await asyncio.wait(pending)
        if client is not None:
            await close_client(client)
        if self._closing:
            await asyncio.wait(list(self._closing))
        self.inbox.clear()

    # --- what the client tells ---------------------------------------------------------------------
    def _listen(self, client: PulseClient) -> None:
        """Handlers bound to this client, so that a replaced client's late events are ignored."""

        # The hot path (every received event): locals only, no further call unless subscribed.
        subscriptions, error_events = self.subscriptions, self.settings.error_events
        deliver, receive_topic = self.inbox.put, self._receive_topic

        def on_event(event: str, namespace: str, *args: Any) -> None:
            if client is not self.client:
                return
            try:
                if event in error_events:
                    self._server_error(event, namespace, args)
                if (namespace, event) in subscriptions:
                    # The arguments as they came: each On Socket.IO Receive makes its own Message Type of them.
                    deliver(receive_topic, {"Namespace": namespace, "Trigger Name": event, "Message": args})
            except Exception as exc:  # python-socketio would only log it: say it where the user looks
                self._internal_error(exc)

        def on_disconnect(namespace: str, reason: str = "") -> None:
            if client is self.client:
                self._schedule_settle(client)

        def on_final(namespace: str) -> None:
            if client is self.client:
                self._final = True
                self._schedule_settle(client)

        def on_connect_error(namespace: str, data: Any = None) -> None:
            if client is self.client:
                try:
                    self._connect_error(namespace, error_text(data))
                except Exception as exc:
                    self._internal_error(exc)

        client.on("*", on_event, namespace="*")
        client.on("disconnect", on_disconnect, namespace="*")
        client.on("__disconnect_final", on_final, namespace="*")
        client.on("connect_error", on_connect_error, namespace="*")

    def _server_error(self, event: str, namespace: str, args: tuple[Any, ...]) -> None:
        message = error_text(args[0]) if len(args) == 1 else incoming_text(args)
        self.report(namespace, f"the server sent {event!r}: {message}", received=message)

    def _connect_error(self, namespace: str, text: str) -> None:
        if self.state is State.CONNECTING:
            self._connect_errors.append((namespace, text))
        elif self.state is State.RECONNECTING:
            self._warn(f"reconnection attempt failed: {text}")
        elif self.state is State.CONNECTED:
            self.report(namespace, text)

    def _schedule_settle(self, client: PulseClient) -> None:
        # A drop fires one event per namespace; decide once they are all in.
        if not self._settle_scheduled:
            self._settle_scheduled = True
            asyncio.get_running_loop().call_soon(self._settle_safely, client)

    def _settle_safely(self, client: PulseClient) -> None:
        self._settle_scheduled = False
        try:
            self._settle(client)
        except Exception as exc:
            self._internal_error(exc)

    def _settle(self, client: PulseClient) -> None:
        """After disconnect events: one namespace closed, the connection dropped, or reconnecting ended."""
        if client is not self.client or self.state in (State.STOPPED, State.STOPPING, State.CONNECTING):
            return
        if client.connected:
            for namespace in client.connection_namespaces:
                if namespace not in client.namespaces and namespace not in self._closed_namespaces:
                    self._closed_namespaces.add(namespace)
                    self._warn(f"the server closed namespace {namespace}; the others stay connected")
            return
        if self.state is State.CONNECTED:
            self._mark_down()
            reconnecting = self.settings.reconnection and not self._final
            self.state = State.RECONNECTING if reconnecting else State.STOPPED
            if reconnecting:
                self._warn("the connection dropped; reconnecting")
        elif self.state is State.RECONNECTING and self._final:
            self.state = State.STOPPED
            attempts = self.settings.reconnection_attempts
            servers = " or ".join(self.settings.server_urls)
            self.report("", f"gave up reconnecting to {servers} after {attempts} attempts")
        if self.state is State.STOPPED:
            self._retire(client)
            self.engine.poke()

    # --- reporting -------------------------------------------------------------------------------
    def report(self, namespace: str, message: str, inst: NodeInstance | None = None, *,
               received: str | None = None) -> None:
        """An error: On Socket.IO Error of this connection (soon, never inside the caller) and the console.

        `received` is the Message of an error event the server sent: it goes through the inbox, so
        that it keeps its place among the other received events.
        """
        topic = self.topics[topics.ON_ERROR]
        if self.engine.stopped:  # the run is ending and its listeners are gone: a note, not an unhandled error
            self.engine.console_log("warning", f"Socket.IO {self.name!r}: {message}", inst)
            return
        handled = bool(self.inbox.listeners(topic))
        self.engine.console_log("warning" if handled else "error", f"Socket.IO {self.name!r}: {message}", inst)
        if received is not None:
            self.inbox.put(topic, {"Namespace": namespace, "Message": received})
        else:
            self._emit_later(topics.ON_ERROR, {"Namespace": namespace, "Message": message})

    def _emit_later(self, kind: str, values: dict[str, Any]) -> None:
        # A task, not a call: the node's pulse goes on first, and an On Error branch that fails again
        # cannot recurse into itself.
        self.engine.spawn(self._emit(self.topics[kind], values))

    async def _emit(self, topic: topics.Topic, values: dict[str, Any]) -> None:
        self.engine.emit(topic, values)

    def _overflowed(self, dropped: int) -> None:
        self.report("", f"inbox overflow: {dropped} received events dropped (inbox size "
                        f"{self.settings.inbox_size}; the oldest are dropped first)")

    def _internal_error(self, exc: Exception) -> None:
        self.engine.console_log("error", f"Socket.IO {self.name!r}: internal error: {exc!r}")

    def _warn(self, message: str, inst: NodeInstance | None = None) -> None:
        self.engine.console_log("warning", f"Socket.IO {self.name!r}: {message}", inst)

    @staticmethod
    def _not_joined(namespace: str) -> str:
        return f"namespace {namespace} is not joined any more (the server closed it)"


def _root_cause(exc: BaseException) -> str:
    """The innermost error's text: python-socketio says only "Connection error", aiohttp says why."""
    seen: set[int] = set()
    while id(exc) not in seen:
        seen.add(id(exc))
        inner = exc.__cause__ or exc.__context__
        if inner is None:
            break
        exc = inner
    return str(exc)
