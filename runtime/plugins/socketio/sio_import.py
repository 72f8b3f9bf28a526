"""python-socketio, imported without the message-queue libraries its servers' managers use.

The package's ``__init__`` imports every manager, and each imports its library when installed
(redis, valkey, kombu, kafka, zmq, aio_pika). A device only needs the client: with redis merely
installed that cost every `pulse-run` 6.7 MB and 0.1 CPU-s. Those libraries are hidden while
python-socketio is first imported; a server that wants a cluster manager asks
`cluster_manager_module` for it, which imports the library then.
"""

from __future__ import annotations

import importlib
import sys
from types import ModuleType

_MANAGER_LIBRARIES = ("redis", "valkey", "aioredis", "kombu", "kafka", "zmq", "aio_pika")


def socketio_module() -> ModuleType:
    """The ``socketio`` package; imported here first, it leaves the manager libraries unimported."""
    loaded = sys.modules.get("socketio")
    if loaded is not None:
        return loaded
    hidden = [name for name in _MANAGER_LIBRARIES if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # makes `import name` raise ImportError
    try:
        return importlib.import_module("socketio")
    finally:
        for name in hidden:
            if sys.modules.get(name, ...) is None:
                del sys.modules[name]


def redis_manager_module() -> ModuleType:
    """``socketio.async_redis_manager`` with redis really imported (re-imported if it was hidden)."""
    socketio_module()
    module = importlib.import_module("socketio.async_redis_manager")
    if getattr(module, "aioredis", None) is None:
        module = importlib.reload(module)
    return module
