"""The Socket.IO Test Server's tables fit a narrow bottom dock: no horizontal scrolling, long text elided
with the whole of it in the cell's tooltip."""

from __future__ import annotations

from PySide6.QtWidgets import QTableWidget

from runtime.plugins.socketio.echo_server import ServerActivity

LONG_PAYLOAD = {"message": "a payload far wider than the column it is shown in " * 4, "n": 42}


def _h_scrollbar_shown(table: QTableWidget) -> bool:
    return table.horizontalScrollBar().isVisible()


def test_the_test_server_tables_fit_a_narrow_dock(qtbot, window):
    window.resize(760, 700)
    window.show_test_server()
    panel = window.test_server
    for i in range(3):
        panel._activity.append(ServerActivity("event", "/chat-with-a-long-namespace", f"client-{i}-" + "x" * 30,
                                              "a-rather-long-event-name", LONG_PAYLOAD))
    panel._drain()
    panel.clients.setRowCount(1)
    for column, text in enumerate(("/chat-with-a-long-namespace", "sid-" + "y" * 40, "set")):
        panel.clients.setItem(0, column, panel._cell(text))
    qtbot.waitUntil(lambda: panel.events.isVisible() and panel.events.viewport().width() < 500)
    qtbot.wait(50)  # let the layout settle: scroll bars are shown on the next layout pass
    assert not _h_scrollbar_shown(panel.events)
    assert not _h_scrollbar_shown(panel.clients)
    payload = panel.events.item(0, 4)
    assert "far wider" in payload.toolTip()  # the elided text can be read whole on hover
