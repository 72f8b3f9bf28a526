"""Project Settings > Socket.IO: the list of connections, their fields, defaults and validation.

Each entry of ``project.settings["socketio"]["entries"]`` is a plain dict keyed by the field keys
below (files stay readable and the editor builds its form from `FIELDS`). `ConnectionSettings`
is the checked, typed view the runtime uses; it never shows the auth object in its repr.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from runtime.registry import SettingField, SettingProblem, SettingsSection

SECTION_KEY = "socketio"
SCHEMES = ("http", "https", "ws", "wss")
TRANSPORTS = ("websocket", "polling")
DEFAULT_PORTS = {"http": 80, "ws": 80, "https": 443, "wss": 443}
MAX_INBOX = 1_000_000

FIELDS: tuple[SettingField, ...] = (
    SettingField("name", "Name", "string", "Connection",
                 description="What the nodes' Configuration drop-down shows; unique in the project."),
    SettingField("url", "URL", "string", "http://127.0.0.1",
                 description="The server: http, https, ws or wss, a host and optionally a query string."),
    SettingField("port", "Port", "int", 5000, minimum=1, maximum=65535, optional=True,
                 description="1-65535; empty means the scheme's default (80 for http/ws, 443 for https/wss)."),
    SettingField("failover_urls", "Failover servers", "list", [],
                 description="Other servers of the same cluster, full URLs with their port "
                             "(http://127.0.0.1:5001): when the server in use cannot be reached, connection "
                             "attempts and reconnections try them in turn."),
    SettingField("path", "Path", "string", "/socket.io",
                 description="Where the server serves Socket.IO (the client's socketio_path)."),
    SettingField("namespaces", "Namespaces", "list", ["/"],
                 description="Joined at Start, together with every literal Namespace of this connection's "
                             "Send, Subscribe and Unsubscribe nodes."),
    SettingField("transports", "Transports", "choice", "websocket", options=TRANSPORTS,
                 description="websocket: WebSocket only; polling: HTTP long-polling, then upgrade to WebSocket."),
    SettingField("reconnection", "Reconnection", "bool", True,
                 description="Reconnect by itself when a connection that was up drops."),
    SettingField("reconnection_attempts", "Reconnection attempts", "int", 0, minimum=0,
                 description="Attempts before giving up; 0 = no limit."),
    SettingField("reconnection_delay", "Reconnection delay (ms)", "int", 1000, minimum=0,
                 description="Wait before the first attempt; doubles per attempt (±50 % jitter)."),
    SettingField("reconnection_delay_max", "Reconnection delay max (ms)", "int", 5000, minimum=0,
                 description="The longest wait between attempts."),
    SettingField("connect_timeout", "Connect timeout (ms)", "int", 5000, minimum=1,
                 description="How long a Start (or one reconnection attempt) may take to join all namespaces."),
    SettingField("verify_tls", "Verify TLS certificate", "bool", True,
                 description="Off only for test servers with self-signed certificates."),
    SettingField("auth", "Auth", "secret", {},
                 description="A JSON object sent with the handshake (a token...). Never printed."),
    SettingField("inbox_size", "Inbox size", "int", 1000, minimum=1, maximum=MAX_INBOX,
                 description="Received events waiting for a busy On Socket.IO Receive branch; beyond it the "
                             "oldest are dropped and On Socket.IO Error reports how many."),
    SettingField("error_events", "Error events", "list", ["error", "exception"],
                 description="Server events that fire On Socket.IO Error (Socket.IO has no error event of its own)."),
)

_DEFAULTS: dict[str, Any] = {f.key: f.default for f in FIELDS}


@dataclass(frozen=True)
class ConnectionSettings:
    """One connection as the runtime uses it: checked values, times in seconds, the full server URL."""

    name: str
    server_url: str
    path: str
    namespaces: tuple[str, ...]
    transports: tuple[str, ...]
    reconnection: bool
    reconnection_attempts: int
    reconnection_delay: float
    reconnection_delay_max: float
    connect_timeout: float
    verify_tls: bool
    inbox_size: int
    error_events: frozenset[str]
    auth: dict[str, Any] | None = field(default=None, repr=False)  # a secret: kept out of every printout
    failover_urls: tuple[str, ...] = ()

    @property
    def server_urls(self) -> tuple[str, ...]:
        """The server, then its failovers: the order connection attempts take them in."""
        return (self.server_url, *self.failover_urls)

    @classmethod
    def from_entry(cls, entry: dict[str, Any]) -> ConnectionSettings:
        """The typed view of a valid entry (run `validate` first); missing keys take their defaults."""
        value = {**_DEFAULTS, **entry}
        delay = int(value["reconnection_delay"]) / 1000
        return cls(
            name=str(value["name"]),
            server_url=server_url(str(value["url"]), value["port"]),
            path=str(value["path"]),
            namespaces=tuple(normalise_namespace(ns) for ns in value["namespaces"]),
            transports=("websocket",) if value["transports"] == "websocket" else ("polling", "websocket"),
            reconnection=bool(value["reconnection"]),
            reconnection_attempts=int(value["reconnection_attempts"]),
            reconnection_delay=delay,
            reconnection_delay_max=max(delay, int(value["reconnection_delay_max"]) / 1000),
            connect_timeout=int(value["connect_timeout"]) / 1000,
            verify_tls=bool(value["verify_tls"]),
            inbox_size=int(value["inbox_size"]),
            error_events=frozenset(value["error_events"]),
            auth=dict(value["auth"]) if value["auth"] else None,
            failover_urls=tuple(server_url(str(url), None) for url in value["failover_urls"]),
        )


def normalise_namespace(namespace: str) -> str:
    """``chat`` and ``/chat`` name the same namespace; empty is the main one, ``/``."""
    namespace = namespace.strip()
    return namespace if namespace.startswith("/") else "/" + namespace


def server_url(url: str, port: Any) -> str:
    """`url` with `port` in its host part (no port: the URL's own, else the scheme's default)."""
    parts = urlsplit(url.strip())
    if port in (None, ""):
        return urlunsplit(parts)
    host = parts.hostname or ""
    host = f"[{host}]" if ":" in host else host
    return urlunsplit((parts.scheme, f"{host}:{int(port)}", parts.path, parts.query, ""))


# --- validation ---------------------------------------------------------------------------------

Check = Callable[[Any, dict[str, Any]], str | None]


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _int_in(low: int, high: int | None = None) -> Check:
    def check(value: Any, entry: dict[str, Any]) -> str | None:
        if not _is_int(value):
            return f"expected a whole number, found {json.dumps(value)}"
        if value < low or (high is not None and value > high):
            return f"must be between {low} and {high}" if high is not None else f"must be at least {low}"
        return None

    return check


def _bool(value: Any, entry: dict[str, Any]) -> str | None:
    return None if isinstance(value, bool) else f"expected true or false, found {json.dumps(value)}"


def _server_address(value: str) -> tuple[str | None, int | None]:
    """(problem, port named in the URL) of one server address."""
    try:
        parts = urlsplit(value.strip())
        url_port = parts.port
    except ValueError as exc:
        return f"{value!r} is not a valid URL ({exc})", None
    if parts.scheme not in SCHEMES:
        return f"{value!r} must start with http://, https://, ws:// or wss://", None
    if not parts.hostname:
        return f"{value!r} names no host", None
    if parts.path not in ("", "/"):
        return f"{value!r} has a path ({parts.path}); put the Socket.IO endpoint in Path instead", None
    if parts.fragment:
        return f"{value!r} must not have a #fragment", None
    return None, url_port


def _url(value: Any, entry: dict[str, Any]) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return "is empty (expected e.g. http://127.0.0.1)"
    problem, url_port = _server_address(value)
    if problem:
        return problem
    port = entry.get("port", _DEFAULTS["port"])
    if url_port is not None and port not in (None, "") and port != url_port:
        return f"{value!r} names port {url_port} but Port is {port}; keep one of them"
    return None


def _failover_urls(value: Any, entry: dict[str, Any]) -> str | None:
    if not isinstance(value, list) or not all(isinstance(url, str) and url.strip() for url in value):
        return f"expected a list of server URLs such as [\"http://127.0.0.1:5001\"], found {json.dumps(value)}"
    return next((problem for url in value if (problem := _server_address(url)[0])), None)


def _port(value: Any, entry: dict[str, Any]) -> str | None:
    if value in (None, ""):
        return None
    return _int_in(1, 65535)(value, entry)


def _path(value: Any, entry: dict[str, Any]) -> str | None:
    if not isinstance(value, str) or not value.startswith("/") or value.strip("/") == "":
        return f"expected a path such as /socket.io, found {json.dumps(value)}"
    return None


def _namespaces(value: Any, entry: dict[str, Any]) -> str | None:
    if not isinstance(value, list) or not all(isinstance(ns, str) for ns in value):
        return f"expected a list of namespaces such as [\"/\", \"/chat\"], found {json.dumps(value)}"
    bad = [ns for ns in value if any(c.isspace() or c in "?#" for c in ns.strip())]
    return f"invalid namespace(s): {', '.join(map(repr, bad))}" if bad else None


def _transports(value: Any, entry: dict[str, Any]) -> str | None:
    return None if value in TRANSPORTS else f"expected websocket or polling, found {json.dumps(value)}"


def _auth(value: Any, entry: dict[str, Any]) -> str | None:
    # Say what is wrong without ever echoing the value: it is a secret.
    if value is None or isinstance(value, dict):
        return None
    return f"expected a JSON object (e.g. {{\"token\": \"...\"}}), found {type(value).__name__}"


def _error_events(value: Any, entry: dict[str, Any]) -> str | None:
    if not isinstance(value, list) or not all(isinstance(e, str) and e for e in value):
        return f"expected a list of event names, found {json.dumps(value)}"
    return None


def _delay_max(value: Any, entry: dict[str, Any]) -> str | None:
    problem = _int_in(0)(value, entry)
    delay = entry.get("reconnection_delay", _DEFAULTS["reconnection_delay"])
    if problem is None and _is_int(delay) and value < delay:
        return f"must not be below Reconnection delay ({delay} ms)"
    return problem


_CHECKS: dict[str, Check] = {
    "url": _url,
    "port": _port,
    "failover_urls": _failover_urls,
    "path": _path,
    "namespaces": _namespaces,
    "transports": _transports,
    "reconnection": _bool,
    "reconnection_attempts": _int_in(0),
    "reconnection_delay": _int_in(0),
    "reconnection_delay_max": _delay_max,
    "connect_timeout": _int_in(1),
    "verify_tls": _bool,
    "auth": _auth,
    "inbox_size": _int_in(1, MAX_INBOX),
    "error_events": _error_events,
}
_LABELS = {f.key: f.label for f in FIELDS}


def validate(entries: list[dict[str, Any]]) -> list[SettingProblem]:
    """Every problem of the connection list, each naming the connection and the field."""
    problems: list[SettingProblem] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        raw_name = entry.get("name") if isinstance(entry, dict) else None
        label = raw_name.strip() if isinstance(raw_name, str) and raw_name.strip() else f"connection #{index + 1}"
        if not isinstance(entry, dict):
            problems.append(SettingProblem(label, "", "expected an object with the connection's fields"))
            continue
        if not isinstance(raw_name, str) or not raw_name.strip():
            problems.append(SettingProblem(label, "Name", "is empty; every connection needs a name"))
        elif raw_name.strip() in seen:
            problems.append(SettingProblem(label, "Name", "is used by another connection; names must be unique"))
        else:
            seen.add(raw_name.strip())
        merged = {**_DEFAULTS, **entry}
        for key, check in _CHECKS.items():
            message = check(merged[key], merged)
            if message:
                problems.append(SettingProblem(label, _LABELS[key], message))
    return problems


SECTION = SettingsSection(
    key=SECTION_KEY,
    title="Socket.IO",
    fields=FIELDS,
    validate=validate,
    description="Connections to Socket.IO servers; every Socket.IO node picks one as its Configuration.",
)
