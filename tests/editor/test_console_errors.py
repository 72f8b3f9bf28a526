"""Errors in the Console read as a designer understands them; the technical text stays in the tooltip."""

from __future__ import annotations

import socket
from pathlib import Path

from editor.document import Document
from editor.run.friendly_errors import friendly

EXAMPLES = Path(__file__).resolve().parents[2] / "assets" / "examples"


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_no_server_reads_as_nothing_is_listening(qtbot, make_window):
    window = make_window(Document.open(EXAMPLES / "socketio-echo"))
    port = _closed_port()
    settings = dict(window.document.project.settings["socketio"])
    settings["entries"] = [dict(settings["entries"][0], port=port)]
    window.document.set_settings("socketio", settings)
    window.actions["run"].trigger()
    view = window.console.view

    def error_row():
        rows = [view.topLevelItem(i) for i in range(view.topLevelItemCount())]
        return next((r for r in rows if r.text(1) in ("error", "warning") and "Socket.IO" in r.text(4)), None)

    qtbot.waitUntil(lambda: error_row() is not None, timeout=10_000)
    row = error_row()
    assert row.text(4) == (f"Socket.IO 'Echo server': nothing is listening at http://127.0.0.1:{port} "
                           "— is the server running?")
    assert "Connect call failed" in row.toolTip(4) or "Connection refused" in row.toolTip(4)
    record = next(r for r in window.console.records() if "cannot connect" in r.message)
    assert record.message.startswith(f"Socket.IO 'Echo server': cannot connect to http://127.0.0.1:{port}")
    window.actions["stop"].trigger()


def test_other_messages_are_shown_as_they_are():
    assert friendly("Socket.IO 'A': cannot connect to http://h:1: something new") is None
    assert friendly("Hello, world!") is None
    assert friendly("Socket.IO 'A': cannot connect to http://nowhere.invalid:80: Cannot connect to host "
                    "nowhere.invalid:80 ssl:default [Name or service not known]") == \
        "Socket.IO 'A': the server name in http://nowhere.invalid:80 cannot be found — check the URL in " \
        "Project Settings › Socket.IO"
