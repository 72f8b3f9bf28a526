"""A python-socketio server as one node of a cluster: the Redis URL, its checks, the manager.

Shared by `pulse-echo-server --redis` and the editor's Socket.IO Test Server. The ``redis`` package
is an optional extra (``pip install 'pulse-studio[cluster]'``) and is imported only here, when a
cluster is asked for. Each failure is a `ClusterError` with a message a user can act on: a
malformed URL, redis not installed, or a Redis server that does not answer.
"""

from __future__ import annotations

import asyncio
from typing import Any
from urllib.parse import urlsplit

from runtime.plugins.socketio.sio_import import redis_manager_module

REDIS_SCHEMES = ("redis", "rediss", "unix")
EXAMPLE_URL = "redis://127.0.0.1:6379/0"
INSTALL_HINT = "pip install 'pulse-studio[cluster]'"
PING_TIMEOUT = 3.0  # seconds: a local Redis answers in milliseconds, an unreachable one never


class ClusterError(Exception):
    """The cluster cannot be joined; the text says why and what to do."""


def check_redis_url(text: str) -> str:
    """`text` stripped when it is a usable Redis URL, else ClusterError naming what is wrong."""
    url = text.strip()
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  (raises ValueError for a port that is not a number or out of range)
    except ValueError as exc:
        raise ClusterError(f"invalid Redis URL {url!r}: {exc}") from None
    if parts.scheme not in REDIS_SCHEMES:
        raise ClusterError(f"invalid Redis URL {url!r}: it must start with redis://, rediss:// or unix:// "
                           f"(for example {EXAMPLE_URL})")
    if parts.scheme == "unix" and not parts.path:
        raise ClusterError(f"invalid Redis URL {url!r}: unix:// needs the socket's path")
    if parts.scheme != "unix" and not parts.hostname:
        raise ClusterError(f"invalid Redis URL {url!r}: no host (for example {EXAMPLE_URL})")
    return url


def _redis_asyncio() -> Any:
    try:
        from redis import asyncio as redis_asyncio
    except ImportError:
        raise ClusterError(f"the Redis cluster option needs the redis package: {INSTALL_HINT}") from None
    return redis_asyncio


def cluster_manager(url: str) -> Any:
    """python-socketio's AsyncRedisManager for `url` (checked): the server becomes one node of the cluster."""
    url = check_redis_url(url)
    _redis_asyncio()
    return redis_manager_module().AsyncRedisManager(url)


async def ensure_reachable(url: str, timeout: float = PING_TIMEOUT) -> None:
    """PINGs the Redis server at `url`; ClusterError when it does not answer within `timeout` seconds.

    python-socketio connects to Redis lazily and, when it cannot, only logs and retries: without
    this check a node whose Redis is down would start and silently stay out of the cluster.
    """
    client = _redis_asyncio().Redis.from_url(check_redis_url(url), socket_connect_timeout=timeout,
                                             socket_timeout=timeout)
    try:
        await asyncio.wait_for(client.ping(), timeout)
    except Exception as exc:  # refused, unknown host, timeout, authentication: all say the same to a user
        reason = str(exc) or type(exc).__name__
        raise ClusterError(f"Redis at {url} is not reachable: {reason}") from None
    finally:
        await client.aclose()
