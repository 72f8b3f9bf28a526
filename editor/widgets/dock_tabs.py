"""Hides the dock tab bars Qt leaves behind when docks are tabified one after another, and the
title bars of docks shown as tabs (the tab already names them).

QMainWindow makes a new QTabBar when a third dock joins a tab group (or a group is rebuilt by
`restoreState`) and sometimes leaves the old one visible at its old place, drawn over other
panels (a known Qt bug, seen with PySide6 6.5-6.11). A bar is live when its visible tabs are the
titles of a group of visible, tabified docks and it sits closest to them; every other tab bar of
the window is hidden.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow, QTabBar, QWidget
from shiboken6 import isValid


def live_groups(window: QMainWindow) -> list[list[QDockWidget]]:
    """The groups of two or more visible docks shown as tabs, each once."""
    groups: list[list[QDockWidget]] = []
    seen: set[int] = set()
    for dock in window.findChildren(QDockWidget):
        if id(dock) in seen or not dock.isVisible() or dock.isFloating():
            continue
        group = [dock, *(d for d in window.tabifiedDockWidgets(dock) if d.isVisible() and not d.isFloating())]
        seen.update(id(d) for d in group)
        if len(group) > 1:
            groups.append(group)
    return groups


def shown_tab_bars(window: QMainWindow) -> list[QTabBar]:
    """The window's own (dock) tab bars that can be seen: Qt parks the ones it does not use off-window."""
    return [b for b in window.findChildren(QTabBar)
            if b.parent() is window and b.isVisible() and window.rect().intersects(b.geometry())]


def hide_stale_tab_bars(window: QMainWindow) -> int:
    """Hides the window's dock tab bars that belong to no group any more; returns how many."""
    bars = shown_tab_bars(window)
    live: set[int] = set()
    for group in live_groups(window):
        titles = sorted(d.windowTitle() for d in group)
        matching = [b for b in bars if sorted(_visible_tabs(b)) == titles]
        if matching:
            top = min(d.geometry().top() for d in group)
            live.add(id(min(matching, key=lambda b: abs(b.geometry().center().y() - top))))
    stale = [b for b in bars if id(b) not in live]
    for bar in stale:
        bar.hide()
    return len(stale)


def one_title_per_dock(window: QMainWindow) -> None:
    """A dock shown as a tab has its name on the tab: its title bar (the same name again) is hidden.
    A dock on its own, or floating, keeps its title bar (to drag, float and close it)."""
    tabbed = {id(d) for group in live_groups(window) for d in group}
    for dock in window.findChildren(QDockWidget):
        bar = dock.titleBarWidget()
        if id(dock) in tabbed and bar is None:
            dock.setTitleBarWidget(QWidget(dock))
        elif id(dock) not in tabbed and bar is not None:
            dock.setTitleBarWidget(None)


def tidy(window: QMainWindow) -> None:
    hide_stale_tab_bars(window)
    one_title_per_dock(window)


def keep_tab_bars_tidy(window: QMainWindow) -> None:
    """Tidies once the window has laid out its docks, and again after a dock moves, floats, shows or hides."""
    def later(*_: object) -> None:
        if isValid(window):  # docks also report hiding while the window is being destroyed
            QTimer.singleShot(0, window, lambda: tidy(window))

    for dock in window.findChildren(QDockWidget):
        for signal in (dock.dockLocationChanged, dock.topLevelChanged, dock.visibilityChanged):
            signal.connect(later)
    later()


def _visible_tabs(bar: QTabBar) -> list[str]:
    return [bar.tabText(i) for i in range(bar.count()) if bar.isTabVisible(i)]
