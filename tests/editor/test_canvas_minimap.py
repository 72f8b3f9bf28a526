"""The minimap (View → Minimap, Ctrl+M): shown and hidden by the key, remembered, and a click moves the view."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest

from editor.document import Document
from editor.main_window import default_canvas_factory
from editor.settings_store import SettingsStore
from runtime.registry import default_registry


def _spread_window(qtbot, make_window):
    document = Document(registry=default_registry())
    for x, y in ((0, 0), (4000, 0), (0, 2500), (4000, 2500)):
        document.add_node("project", "logic.console", (x, y))
    window = make_window(document, canvas_factory=default_canvas_factory)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # window shortcuts need an active window
    canvas = window.current_canvas()
    canvas.reset_zoom()
    canvas.viewer().setFocus()
    return window, canvas


def test_ctrl_m_shows_and_hides_the_minimap_and_it_is_remembered(qtbot, make_window, settings_store):
    window, canvas = _spread_window(qtbot, make_window)
    assert canvas.minimap() is None  # off by default: nothing made, nothing to pay
    QTest.keyClick(canvas.viewer(), Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    minimap = canvas.minimap()
    assert minimap is not None and minimap.isVisible() and window.actions["minimap"].isChecked()
    corner = minimap.geometry().bottomRight()
    assert canvas.width() - corner.x() < 30 and canvas.height() - corner.y() < 30
    qtbot.waitUntil(lambda: minimap.rebuilds >= 1)
    assert SettingsStore(settings_store._qs.fileName()).minimap_visible()
    QTest.keyClick(canvas.viewer(), Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert not minimap.isVisible()
    assert not SettingsStore(settings_store._qs.fileName()).minimap_visible()


def test_a_new_window_opens_with_the_remembered_minimap(qtbot, make_window, settings_store):
    settings_store.set_minimap_visible(True)
    _window, canvas = _spread_window(qtbot, make_window)
    assert canvas.minimap() is not None and canvas.minimap().isVisible()


def test_clicking_and_dragging_in_the_minimap_moves_the_view(qtbot, make_window):
    window, canvas = _spread_window(qtbot, make_window)
    window.actions["minimap"].trigger()
    minimap = canvas.minimap()
    qtbot.waitUntil(lambda: minimap.rebuilds >= 1)
    target = minimap.to_widget(QPointF(4000, 2500)).toPoint()
    QTest.mouseClick(minimap, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, target)
    x, y = canvas.view_center()
    assert abs(x - 4000) < 40 and abs(y - 2500) < 40
    assert minimap.view_rect().contains(QPointF(target))  # the overview shows where the view went
    start = minimap.to_widget(QPointF(0, 0)).toPoint()
    QTest.mousePress(minimap, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(minimap, start + QPoint(10, 5))
    QTest.mouseRelease(minimap, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start + QPoint(10, 5))
    expected = minimap.to_scene(QPointF(start + QPoint(10, 5)))
    x, y = canvas.view_center()
    assert abs(x - expected.x()) < 40 and abs(y - expected.y()) < 40


def test_the_overview_is_rebuilt_once_per_burst_of_edits(qtbot, make_window):
    window, canvas = _spread_window(qtbot, make_window)
    window.actions["minimap"].trigger()
    minimap = canvas.minimap()
    qtbot.waitUntil(lambda: minimap.rebuilds >= 1)
    before = minimap.rebuilds
    for i in range(5):
        window.document.add_node("project", "logic.console", (8000 + i * 300, 0))
    qtbot.waitUntil(lambda: minimap.rebuilds == before + 1)
    assert minimap.to_scene(minimap.to_widget(QPointF(9200, 0))).x() == 9200  # the new nodes are inside
    QTest.qWait(300)
    assert minimap.rebuilds == before + 1
