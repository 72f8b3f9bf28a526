"""The actions table (editor/actions/table.py) is what the window's menus, toolbar and keys are made of."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from editor.actions.table import ACTIONS, A, placed, problems


def _menu_actions(menu: QMenu) -> list[QAction]:
    found = []
    for action in menu.actions():
        found.append(action)
        if action.menu() is not None:
            found.extend(_menu_actions(action.menu()))
    return found


def test_the_table_is_consistent():
    assert problems() == []


def test_every_command_is_reachable_from_a_menu_and_has_a_unique_shortcut(qtbot, window):
    in_menus = {id(a) for m in window.menuBar().actions() for a in [m, *_menu_actions(m.menu())]}
    keys: dict[str, str] = {}
    for row in ACTIONS:
        action = window.menus[row.key].menuAction() if row.submenu else window.actions[row.key]
        assert id(action) in in_menus, f"{row.key} is in no menu"
        for sequence in action.shortcuts():
            assert sequence.toString() not in keys, f"{sequence.toString()}: {keys.get(sequence.toString())}, {row.key}"
            keys[sequence.toString()] = row.key
    assert set(window.actions) == {row.key for row in ACTIONS if not row.submenu}
    assert keys["F5"] == "run" and keys["Ctrl+Y"] == "redo" and keys["Home"] == "frame_all"


def test_toolbar_and_edit_menu_follow_the_table(qtbot, window):
    toolbar = [a for a in window.toolbar.actions() if not a.isSeparator()]
    assert toolbar == [window.actions[row.key] for section in placed("toolbar") for row in section]
    edit = window.menus["edit"].actions()
    separators = [i for i, a in enumerate(edit) if a.isSeparator()]
    assert len(separators) == len(placed("edit")) - 1  # a line between two sections, none doubled


def test_enabled_when_follows_the_undo_stack(qtbot, window):
    assert not window.actions["undo"].isEnabled()
    window.document.add_node("project", "logic.console", (0, 0))
    assert window.actions["undo"].isEnabled() and not window.actions["redo"].isEnabled()
    window.actions["undo"].trigger()
    assert window.actions["redo"].isEnabled() and not window.actions["undo"].isEnabled()


def test_a_new_row_becomes_a_menu_entry_with_its_key(qtbot, make_window, monkeypatch):
    """What a newcomer's one line does: here a canvas command in View, on the toolbar, with Ctrl+Alt+M."""
    import editor.actions.table as table

    row = A("probe", "&Probe", "frame_all", "Ctrl+Alt+M", on="canvas", places=("view:frame", "toolbar:view"))
    monkeypatch.setattr(table, "ACTIONS", (*table.ACTIONS, row))
    window = make_window()
    assert window.actions["probe"] in window.menus["view"].actions()
    assert window.actions["probe"] in window.toolbar.actions()
    window.actions["probe"].trigger()
    assert window.current_canvas().calls[-1] == "frame_all"
    assert window.toolbar.widgetForAction(window.actions["probe"]).toolTip() == "Probe (Ctrl+Alt+M)"


def test_keyboard_shortcuts_dialog_lists_every_key_of_the_table(qtbot, window):
    from PySide6.QtWidgets import QTreeWidgetItemIterator

    from editor.dialogs.shortcuts import ShortcutsDialog

    dialog = ShortcutsDialog(window.menuBar(), window)
    qtbot.addWidget(dialog)
    listed, it = set(), QTreeWidgetItemIterator(dialog.tree)
    while it.value():
        listed.add(it.value().text(1))
        it += 1
    for row in ACTIONS:
        action = None if row.submenu else window.actions[row.key]
        if action is not None and not action.shortcut().isEmpty():
            assert action.shortcut().toString(action.shortcut().SequenceFormat.NativeText) in listed, row.key
