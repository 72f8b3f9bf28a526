"""Plugins Editor and Project Settings, driven through their widgets."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from editor.dialogs.project_settings import ProjectSettingsDialog
from editor.document import Document
from runtime.registry import default_registry


def _type_into(qtbot, editor, text: str) -> None:
    """Replaces a field's text as a user would (select all, type)."""
    widget = editor.input
    widget.setFocus()
    if isinstance(widget, QLineEdit):
        widget.selectAll()
        qtbot.keyClick(widget, Qt.Key.Key_Delete)
        qtbot.keyClicks(widget, text)
    else:
        widget.setPlainText(text)


# --- Plugins Editor ----------------------------------------------------------------------------

def test_plugins_editor_toggles_live_and_undoably(qtbot, window):
    node_id = window.add_node_at_centre("fakeio.send")
    dialog = window.show_plugins_editor()
    qtbot.addWidget(dialog)
    assert set(dialog.checks) == {"logic", "fakeio"}
    assert not dialog.checks["logic"].isEnabled()  # always on
    assert dialog.checks["fakeio"].isChecked()
    canvas = window.current_canvas()

    dialog.checks["fakeio"].click()
    assert window.document.project.plugins["fakeio"] is False
    assert not any(t.startswith("fakeio.") for t in window.toolbox.visible_type_ids())
    assert "refresh_types" in canvas.calls
    assert node_id in window.document.graph("project").nodes  # kept, as a placeholder
    settings = ProjectSettingsDialog(window.document, window)
    qtbot.addWidget(settings)
    assert settings.page_titles() == ["General"]
    window.select_node("project", node_id)
    assert window.attribute_editor.banner.isVisibleTo(window.attribute_editor)
    assert not window.attribute_editor.fields["Message"].isEnabled()

    window.actions["undo"].trigger()
    assert dialog.checks["fakeio"].isChecked()
    assert "fakeio.send" in window.toolbox.visible_type_ids()
    assert ProjectSettingsDialog(window.document, window).page_titles() == ["General", "Fake IO"]
    assert window.attribute_editor.fields["Message"].isEnabled()
    dialog.close()


def test_real_socketio_plugin_toggle_updates_toolbox_and_settings(qtbot, make_window):
    registry = default_registry()
    plugin = registry.plugins["socketio"]
    assert plugin.settings is not None and plugin.specs
    window = make_window(Document(registry=registry))
    socketio_types = {s.type_id for s in plugin.specs}
    assert socketio_types & set(window.toolbox.visible_type_ids())
    dialog = window.show_plugins_editor()
    qtbot.addWidget(dialog)
    dialog.checks["socketio"].click()
    assert not socketio_types & set(window.toolbox.visible_type_ids())
    assert plugin.settings.title not in ProjectSettingsDialog(window.document, window).page_titles()
    dialog.checks["socketio"].click()
    assert socketio_types & set(window.toolbox.visible_type_ids())
    settings = ProjectSettingsDialog(window.document, window)
    qtbot.addWidget(settings)
    assert plugin.settings.title in settings.page_titles()
    page = settings.sections[plugin.settings.key]
    page.add_button.click()
    _type_into(qtbot, page.editors["port"], "70000")
    assert not settings.ok_button.isEnabled()
    assert page.problem_labels["port"].isVisibleTo(page)
    _type_into(qtbot, page.editors["port"], "8080")
    assert settings.ok_button.isEnabled(), settings.problems()
    settings.accept()
    assert window.document.project.settings["socketio"]["entries"][0]["port"] == 8080


# --- Project Settings --------------------------------------------------------------------------

def test_settings_page_validates_inline_and_ok_follows(qtbot, window):
    dialog = ProjectSettingsDialog(window.document, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.show_page("Fake IO")
    page = dialog.sections["fakeio"]
    page.add_button.click()
    page.add_button.click()
    assert page.list.count() == 2 and dialog.ok_button.isEnabled()

    _type_into(qtbot, page.editors["name"], "conn")  # the first entry's name: a duplicate
    assert not dialog.ok_button.isEnabled()
    assert "used by another" in page.problem_labels["name"].text()
    assert "used by another" in dialog.summary.text()
    _type_into(qtbot, page.editors["name"], "second")
    assert dialog.ok_button.isEnabled()

    _type_into(qtbot, page.editors["url"], "ftp:/nowhere")
    assert not dialog.ok_button.isEnabled()
    assert "http" in page.problem_labels["url"].text()
    assert page.editors["url"].input.property("invalid") is True
    _type_into(qtbot, page.editors["url"], "https://example.com")

    _type_into(qtbot, page.editors["port"], "70000")
    assert not dialog.ok_button.isEnabled()
    assert "65535" in page.problem_labels["port"].text()
    _type_into(qtbot, page.editors["port"], "12x")
    assert "not a whole number" in page.problem_labels["port"].text()
    _type_into(qtbot, page.editors["port"], "")
    assert dialog.ok_button.isEnabled()  # empty: the scheme's default
    _type_into(qtbot, page.editors["port"], "443")

    _type_into(qtbot, page.editors["auth"], "[1, 2]")
    assert "object" in page.problem_labels["auth"].text() and not dialog.ok_button.isEnabled()
    _type_into(qtbot, page.editors["auth"], '{"token": "t"}')
    assert dialog.ok_button.isEnabled()

    page.duplicate_button.click()
    assert page.list.count() == 3 and page.list.currentItem().text() == "second 2"
    page.remove_button.click()
    assert page.list.count() == 2

    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    entries = window.document.project.settings["fakeio"]["entries"]
    assert [e["name"] for e in entries] == ["conn", "second"]
    assert entries[1] == {"name": "second", "url": "https://example.com", "port": 443, "auth": {"token": "t"}}
    window.document.undo_stack.undo()
    assert "fakeio" not in window.document.project.settings


def test_renaming_an_entry_updates_the_nodes_that_use_it(qtbot, window):
    document = window.document
    document.set_settings("fakeio", {"entries": [{"name": "local", "url": "http://a", "port": None, "auth": {}}]})
    node_id = window.add_node_at_centre("fakeio.send")
    document.set_attribute("project", node_id, "Configuration", "local")
    dialog = ProjectSettingsDialog(document, window)
    qtbot.addWidget(dialog)
    page = dialog.sections["fakeio"]
    page.select(0)
    _type_into(qtbot, page.editors["name"], "lab")
    dialog.accept()
    assert document.graph("project").nodes[node_id].attributes["Configuration"] == "lab"
    document.undo_stack.undo()
    assert document.graph("project").nodes[node_id].attributes["Configuration"] == "local"
    assert document.project.settings["fakeio"]["entries"][0]["name"] == "local"


def test_general_page_renames_project_and_changes_start_scene(qtbot, window):
    document = window.document
    scene_id = window.explorer.graphs.add_graph(window.document.project.graphs["scene-main"].kind)
    dialog = ProjectSettingsDialog(document, window)
    qtbot.addWidget(dialog)
    dialog.general.name.selectAll()
    qtbot.keyClicks(dialog.general.name, "Demo")
    dialog.general.start_scene.setCurrentIndex(dialog.general.start_scene.findData(scene_id))
    dialog.general.name.clear()
    dialog.general.name.textEdited.emit("")
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.general.name, "Demo")
    assert dialog.ok_button.isEnabled()
    dialog.accept()
    assert (document.project.name, document.project.start_scene) == ("Demo", scene_id)
    assert window.windowTitle().startswith("Demo")


def test_cancel_changes_nothing(qtbot, window):
    dialog = ProjectSettingsDialog(window.document, window)
    qtbot.addWidget(dialog)
    dialog.sections["fakeio"].add_button.click()
    dialog.reject()
    assert "fakeio" not in window.document.project.settings
    assert not window.document.dirty


def test_socketio_port_may_be_left_empty_for_the_schemes_default(qtbot, make_window):
    window = make_window(Document(registry=default_registry()))
    dialog = ProjectSettingsDialog(window.document, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.show_page("Socket.IO")
    page = dialog.sections["socketio"]
    page.add_button.click()
    _type_into(qtbot, page.editors["url"], "https://example.com")
    _type_into(qtbot, page.editors["port"], "")
    assert dialog.ok_button.isEnabled(), dialog.summary.text()
    dialog.accept()
    (entry,) = window.document.project.settings["socketio"]["entries"]
    assert entry["port"] is None and entry["url"] == "https://example.com"


def test_general_page_sets_the_random_seed_in_one_undo_step(qtbot, window):
    document = window.document
    dialog = ProjectSettingsDialog(document, window)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.general.random_seed, "12x")
    assert not dialog.ok_button.isEnabled() and "'12x' is not a whole number" in dialog.summary.text()
    qtbot.keyClick(dialog.general.random_seed, Qt.Key.Key_Backspace)
    assert dialog.ok_button.isEnabled()
    dialog.accept()
    assert document.project.random_seed == 12
    document.undo_stack.undo()
    assert document.project.random_seed is None
    document.undo_stack.redo()
    again = ProjectSettingsDialog(document, window)
    qtbot.addWidget(again)
    assert again.general.random_seed.text() == "12"
    again.general.random_seed.clear()
    again.accept()
    assert document.project.random_seed is None
