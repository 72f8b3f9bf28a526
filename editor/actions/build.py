"""Makes QActions, the menu bar, submenus, the toolbar and a node's context menu from `table`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar, QWidget

from editor.actions import table
from editor.actions.table import MENU_BAR, WHEN, A, placed, problems, rows
from editor.icons import icon


def make_actions(owner: QObject, on: str, target: Callable[[], Any] | None = None) -> dict[str, QAction]:
    """The QActions of the rows that run on `on`, parented to `owner`. Their handlers are looked up on
    `target()` at the time they run (the current canvas), or on `owner`."""
    actions = {}
    for row in rows(on):
        action = QAction(row.text, owner)
        action.setObjectName(f"action_{row.key}")
        action.setShortcuts(_shortcuts(row))
        action.setCheckable(row.checkable)
        if row.icon:
            action.setIcon(icon(row.icon))
        if row.tip:
            action.setToolTip(row.tip)
            action.setStatusTip(row.tip)
        if row.handler is not None:
            action.triggered.connect(_slot(row, target or (lambda: owner)))
        actions[row.key] = action
    return actions


def _shortcuts(row: A) -> list[QKeySequence]:
    if row.shortcut is None:
        return []
    if callable(row.shortcut) and not isinstance(row.shortcut, QKeySequence.StandardKey):
        return row.shortcut()
    keys = row.shortcut if isinstance(row.shortcut, tuple) else (row.shortcut,)
    return [QKeySequence(key) for key in keys]


def _slot(row: A, target: Callable[[], Any]) -> Callable[..., None]:
    handler = row.handler

    def run(_checked: bool = False) -> None:
        obj = target()
        if obj is None:  # a canvas command with no tab open
            return
        if callable(handler):
            handler(obj)
        else:
            getattr(obj, str(handler))()

    return run


def adopt(window: QWidget, actions: dict[str, QAction]) -> None:
    """Puts the actions on the window: keys work anywhere in it, except canvas-scoped ones (added per canvas)."""
    scopes = {row.key: row.scope for row in table.ACTIONS}
    for key, action in actions.items():
        if scopes[key] == "canvas":
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        else:
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            window.addAction(action)


def canvas_scoped(actions: dict[str, QAction]) -> list[QAction]:
    """The actions whose keys only work while a canvas has the focus (each canvas adds them)."""
    return [actions[row.key] for row in table.ACTIONS if row.scope == "canvas" and row.key in actions]


def build_menus(window: Any, actions: dict[str, QAction]) -> dict[str, QMenu]:
    """The menu bar (and its submenus) of `window`; returns every menu by its name in the table."""
    broken = problems()
    if broken:
        raise ValueError("the actions table is inconsistent: " + "; ".join(broken))
    menus = {name: window.menuBar().addMenu(title) for name, title in MENU_BAR.items()}
    for row in table.ACTIONS:
        if row.submenu:
            menu = QMenu(row.text, window)
            if row.handler is not None:
                menu.aboutToShow.connect(lambda m=menu, h=str(row.handler): getattr(window, h)(m))
            menus[row.key] = menu
    for name, menu in menus.items():
        fill(menu, name, actions, menus)
    return menus


def fill(target: QMenu | QToolBar, name: str, actions: dict[str, QAction], menus: dict[str, QMenu]) -> None:
    """Adds the table's rows placed in `name` to `target`, a line between two sections."""
    for section in placed(name):
        if target.actions():
            target.addSeparator()
        for row in section:
            target.addAction(menus[row.key].menuAction() if row.submenu else actions[row.key])


def build_toolbar(window: Any, actions: dict[str, QAction]) -> QToolBar:
    toolbar = QToolBar("Main toolbar", window)
    toolbar.setObjectName("toolbar_main")
    toolbar.setMovable(False)
    fill(toolbar, "toolbar", actions, {})
    for action in toolbar.actions():
        if not action.isSeparator():
            action.setToolTip(tooltip_with_shortcut(action))
    return toolbar


def tooltip_with_shortcut(action: QAction) -> str:
    """"Run (F5)": the action's description (or name) and its key, as a toolbar button's tooltip."""
    tip = action.statusTip() or action.text().replace("&", "")
    key = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    return f"{tip} ({key})" if key else tip


def update_enabled(window: Any, actions: dict[str, QAction]) -> None:
    """Enables each command whose `when` condition holds now."""
    for row in table.ACTIONS:
        if row.when and row.key in actions:
            actions[row.key].setEnabled(WHEN[row.when](window))
