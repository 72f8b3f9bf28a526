"""The window's layout as a designer meets it: docks keep sensible sizes, the canvas keeps most of the window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabBar

from editor.document import Document
from editor.main_window import MainWindow
from editor.settings_store import SettingsStore
from runtime.registry import default_registry


def _tab_in_front(window: MainWindow, title: str) -> bool:
    return any(b.tabText(b.currentIndex()) == title for b in window.findChildren(QTabBar) if b.isVisible())


def test_the_test_server_comes_to_the_front_without_shrinking_the_canvas(qtbot, make_window):
    window = make_window(Document(registry=default_registry()))
    window.resize(1440, 900)
    qtbot.waitUntil(lambda: window.height() == 900)
    window.actions["test_server"].trigger()
    qtbot.waitUntil(lambda: _tab_in_front(window, "Socket.IO Test Server"), timeout=2000)
    qtbot.waitUntil(lambda: 200 <= window.docks["test_server"].height() <= 280, timeout=2000)
    assert window.centralWidget().height() >= 0.55 * window.height()  # about 400 of 900 px before
    payload, emit = window.test_server.payload, window.test_server.emit_button
    assert payload.width() >= payload.fontMetrics().horizontalAdvance(payload.text()) + 8  # read whole
    area = window.docks["test_server"].widget().viewport()
    assert emit.mapTo(area, emit.rect().bottomLeft()).y() <= area.height()  # Emit without scrolling
    window.docks["console"].raise_()
    window.actions["test_server"].trigger()  # again, while behind the Console: to the front, not closed
    qtbot.waitUntil(lambda: _tab_in_front(window, "Socket.IO Test Server"), timeout=2000)
    assert window.docks["test_server"].isVisible()


def test_a_remembered_layout_that_starves_the_canvas_is_repaired(qtbot, tmp_path, make_window):
    store = SettingsStore(tmp_path / "layout.ini")
    first = make_window(Document(registry=default_registry()), settings=store)
    first.resize(1440, 900)
    qtbot.waitUntil(lambda: first.height() == 900)
    first.resizeDocks([first.docks["console"]], [650], Qt.Orientation.Vertical)
    qtbot.waitUntil(first.canvas_starved, timeout=2000)
    store.save_window(first)
    second = make_window(Document(registry=default_registry()), settings=SettingsStore(tmp_path / "layout.ini"))
    qtbot.waitUntil(lambda: not second.canvas_starved(), timeout=3000)
    assert "too little room" in second.statusBar().currentMessage()


def test_view_reset_layout_puts_the_panels_back(qtbot, make_window):
    window = make_window(Document(registry=default_registry()))
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, window.docks["toolbox"])
    window.docks["console"].hide()
    window.actions["reset_layout"].trigger()
    assert window.dockWidgetArea(window.docks["toolbox"]) == Qt.DockWidgetArea.LeftDockWidgetArea
    qtbot.waitUntil(window.docks["console"].isVisible, timeout=2000)
    assert not window.docks["test_server"].isVisible()
    assert "Reset Layout" in [a.text().replace("&", "") for a in window.menuBar().actions()[2].menu().actions()]


def test_each_dock_shows_its_title_once(qtbot, make_window):
    window = make_window(Document(registry=default_registry()))

    def title_bar_shown(key: str) -> bool:
        bar = window.docks[key].titleBarWidget()
        return bar is None or bar.sizeHint().height() > 0

    qtbot.waitUntil(lambda: not title_bar_shown("toolbox"), timeout=2000)
    for key in ("explorer", "toolbox", "variables", "functions", "events"):  # named by their tabs
        assert not title_bar_shown(key)
    assert title_bar_shown("console") and title_bar_shown("attributes")  # alone: the title bar names them
    window.actions["test_server"].trigger()  # the Console joins a tab group: its title moves to the tab
    qtbot.waitUntil(lambda: not title_bar_shown("console"), timeout=2000)
    window.docks["toolbox"].setFloating(True)
    qtbot.waitUntil(lambda: title_bar_shown("toolbox"), timeout=2000)  # floating: it needs its title bar
