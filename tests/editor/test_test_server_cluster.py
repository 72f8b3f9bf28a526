"""The editor's Socket.IO Test Server as one node of a python-socketio cluster (its Redis option).

With a real redis-server (the `redis_url` fixture; skipped, saying so, without one) and a real
`pulse-echo-server --redis` node; the errors a user can meet are shown in the panel, never raised.
"""

from __future__ import annotations

import asyncio
import sys
from typing import Any

import pytest
from PySide6.QtCore import Qt
from redis_server import free_port
from sio_servers import SioServer, broadcast

from editor.document import Document
from editor.settings_store import SettingsStore
from editor.tools.socketio_server import SocketIOServerPanel
from runtime.loopthread import LoopThread
from runtime.plugins.socketio.sio_import import socketio_module


@pytest.fixture
def store(tmp_path) -> SettingsStore:
    return SettingsStore(tmp_path / "settings.ini")


@pytest.fixture
def make_panel(qtbot, store):
    panels: list[SocketIOServerPanel] = []

    def make() -> SocketIOServerPanel:
        panel = SocketIOServerPanel(Document, store)
        qtbot.addWidget(panel)
        panel.port.setValue(0)
        panels.append(panel)
        return panel

    yield make
    for panel in panels:
        panel.shutdown()


def start(qtbot, panel: SocketIOServerPanel, redis: str) -> None:
    panel.redis.setText(redis)
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)


async def hear_broadcast(listener_url: str, node: SioServer) -> Any:
    """Connects a client to `listener_url`, has `node` broadcast 'tick', returns what the client heard."""
    client = socketio_module().AsyncClient(reconnection=False)
    heard = asyncio.get_running_loop().create_future()
    client.on("tick", lambda payload: heard.done() or heard.set_result(payload))
    await client.connect(listener_url, transports=["websocket"])
    try:
        await broadcast(node, "from the other node")
        return await asyncio.wait_for(heard, 10)
    finally:
        await client.disconnect()


def test_a_broadcast_from_a_cluster_node_reaches_a_client_of_the_test_server(qtbot, make_panel, redis_url):
    node = SioServer("python", quiet=True, extra=("--redis", redis_url)).start()
    panel = make_panel()
    try:
        start(qtbot, panel, redis_url)
        assert panel.running, panel.status.text()
        assert panel.status.text().endswith(f"a cluster node through {redis_url}")
        assert not panel.redis.isEnabled()  # not changed under a running server
        client_thread = LoopThread("test-client")
        try:
            assert client_thread.submit(hear_broadcast(panel.url, node)).result(30) == "from the other node"
        finally:
            client_thread.close()
    finally:
        node.stop()


def test_the_redis_url_is_remembered_in_the_user_settings(qtbot, make_panel, redis_url, store):
    panel = make_panel()
    start(qtbot, panel, f"  {redis_url} ")
    assert panel.running, panel.status.text()
    panel.stop()
    assert store.test_server_redis() == redis_url
    assert make_panel().redis.text() == redis_url  # the next session's panel


@pytest.mark.parametrize(("url", "message"), [
    ("http://127.0.0.1:6379", "it must start with redis://, rediss:// or unix://"),
    ("redis://127.0.0.1:99999/0", "invalid Redis URL 'redis://127.0.0.1:99999/0'"),
    ("redis:///0", "no host"),
])
def test_a_malformed_redis_url_is_named_and_nothing_starts(qtbot, make_panel, store, url, message):
    panel = make_panel()
    start(qtbot, panel, url)
    assert not panel.running
    assert panel.status.text().startswith("Redis: invalid Redis URL") and message in panel.status.text()
    assert store.test_server_redis() == ""  # a malformed URL is not remembered


def test_an_unreachable_redis_is_named_and_nothing_starts(qtbot, make_panel):
    panel = make_panel()
    url = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
    start(qtbot, panel, url)
    assert not panel.running
    assert panel.status.text().startswith(f"Could not start: Redis at {url} is not reachable")
    assert panel.start_button.text() == "Start" and panel.port.isEnabled()
    start(qtbot, panel, "")  # without Redis the same panel starts as before
    assert panel.running, panel.status.text()


def test_without_the_redis_package_the_panel_says_how_to_install_it(qtbot, make_panel, monkeypatch):
    monkeypatch.setitem(sys.modules, "redis", None)  # what `import redis` meets where the extra is not installed
    panel = make_panel()
    start(qtbot, panel, "redis://127.0.0.1:6379/0")
    assert not panel.running
    assert panel.status.text() == ("Could not start: the Redis cluster option needs the redis package: "
                                   "pip install 'pulse-studio[cluster]'")
