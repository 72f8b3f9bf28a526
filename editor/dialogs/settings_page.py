"""One Project Settings page for a plugin's `SettingsSection`: its list of entries, generated from the fields.

Add, duplicate, remove and edit entries; every change is validated at once with the section's
own `validate` (duplicate names, bad URL, port out of range…) plus what the field editors
cannot parse, and the problems are shown next to the fields they concern.
"""

from __future__ import annotations

import copy
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from editor.dialogs.setting_fields import FieldEditor
from editor.panels.base import tool_button
from editor.theme import COLORS
from runtime.registry import SettingField, SettingProblem, SettingsSection

_NAME_FIELD = SettingField("name", "Name", "string", "", description="A unique name for this entry.")


class SectionPage(QWidget):
    """Edits a working copy of a section's entries; `entries()` and `renamed()` say what to apply."""

    changed = Signal()

    def __init__(self, section: SettingsSection, entries: list[dict[str, Any]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.section = section
        self.fields = section.fields if any(f.key == "name" for f in section.fields) else (_NAME_FIELD, *section.fields)
        self._entries = [copy.deepcopy(e) for e in entries]
        self._origins: list[str | None] = [str(e.get("name", "")) for e in entries]
        self._local: dict[str, str] = {}  # field key -> what cannot be parsed in the current entry
        self._problems: list[SettingProblem] = []

        self.list = QListWidget()
        self.list.currentRowChanged.connect(self._show_entry)
        self.add_button = tool_button("add", "Add an entry")
        self.duplicate_button = tool_button("duplicate", "Duplicate the selected entry")
        self.remove_button = tool_button("delete", "Remove the selected entry")
        self.add_button.clicked.connect(self.add_entry)
        self.duplicate_button.clicked.connect(self.duplicate_entry)
        self.remove_button.clicked.connect(self.remove_entry)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(QLabel("Entries", objectName="PanelHeading"))
        bar.addStretch(1)
        for button in (self.add_button, self.duplicate_button, self.remove_button):
            bar.addWidget(button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(bar)
        left_layout.addWidget(self.list)

        self.editors: dict[str, FieldEditor] = {}
        self.problem_labels: dict[str, QLabel] = {}
        self.entry_problem = QLabel(objectName="Problem", wordWrap=True)
        self.form_widget = QWidget()
        form = QFormLayout(self.form_widget)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.addRow(self.entry_problem)
        for field in self.fields:
            editor = FieldEditor(field)
            editor.changed.connect(lambda key=field.key: self._edited(key))
            problem = QLabel(objectName="Problem", wordWrap=True)
            problem.hide()
            cell = QWidget()
            cell_layout = QVBoxLayout(cell)
            cell_layout.setContentsMargins(0, 0, 0, 0)
            cell_layout.setSpacing(2)
            cell_layout.addWidget(editor)
            cell_layout.addWidget(problem)
            form.addRow(QLabel(field.label, toolTip=field.description), cell)
            self.editors[field.key], self.problem_labels[field.key] = editor, problem
        self.empty = QLabel("No entries yet: add one with +.", objectName="Muted",
                            alignment=Qt.AlignmentFlag.AlignCenter)
        scroll = QScrollArea(widgetResizable=True, frameShape=QScrollArea.Shape.NoFrame)
        holder = QWidget()
        holder_layout = QVBoxLayout(holder)
        holder_layout.addWidget(self.empty)
        holder_layout.addWidget(self.form_widget)
        holder_layout.addStretch(1)
        scroll.setWidget(holder)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(scroll)
        splitter.setSizes([200, 420])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter, 1)
        self._refill_list(0 if self._entries else -1)

    # --- what the dialog reads ------------------------------------------------------------------
    def entries(self) -> list[dict[str, Any]]:
        return copy.deepcopy(self._entries)

    def renamed(self) -> dict[str, str]:
        """Old name -> new name of entries that existed when the dialog opened and were renamed."""
        names = [str(e.get("name", "")) for e in self._entries]
        return {old: new for old, new in zip(self._origins, names, strict=True) if old and old != new}

    def problems(self) -> list[str]:
        """Every problem once: the section's, plus text a field could not read that it does not report."""
        name = self._current_name()
        reported = {p.field.lower() for p in self._problems if p.entry == name}
        local = [f"{name}: {self._label(k)}: {m}" for k, m in self._local.items()
                 if k.lower() not in reported and self._label(k).lower() not in reported]
        return local + [str(p) for p in self._problems]

    # --- entry list -----------------------------------------------------------------------------
    def add_entry(self) -> None:
        base = str(next(f.default for f in self.fields if f.key == "name") or self.section.title)
        self._insert(self.section.new_entry(self._free_name(base)), None)

    def duplicate_entry(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        entry = copy.deepcopy(self._entries[row])
        entry["name"] = self._free_name(str(entry.get("name", "")))
        self._insert(entry, None)

    def _free_name(self, base: str) -> str:
        """`base`, or `base 2`, `base 3`… whichever no entry uses yet."""
        taken = {str(e.get("name", "")) for e in self._entries}
        number = 2
        name = base
        while name in taken:
            name, number = f"{base} {number}", number + 1
        return name

    def remove_entry(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        del self._entries[row]
        del self._origins[row]
        self._local.clear()
        self._refill_list(min(row, len(self._entries) - 1))

    def select(self, row: int) -> None:
        self.list.setCurrentRow(row)

    def _insert(self, entry: dict[str, Any], origin: str | None) -> None:
        self._entries.append(entry)
        self._origins.append(origin)
        self._local.clear()
        self._refill_list(len(self._entries) - 1)

    def _refill_list(self, row: int) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for entry in self._entries:
            self.list.addItem(QListWidgetItem(str(entry.get("name", ""))))
        self.list.blockSignals(False)
        self.list.setCurrentRow(row)
        self._show_entry(row)

    # --- the form -------------------------------------------------------------------------------
    def _show_entry(self, row: int) -> None:
        self._local.clear()
        has_entry = 0 <= row < len(self._entries)
        self.form_widget.setVisible(has_entry)
        self.empty.setVisible(not has_entry)
        if has_entry:
            entry = self._entries[row]
            for field in self.fields:
                self.editors[field.key].set_value(entry.get(field.key, copy.deepcopy(field.default)))
        self._validate()

    def _edited(self, key: str) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        value, problem = self.editors[key].parse()
        if problem is None or value is not None:
            self._entries[row][key] = value
        if problem is None:
            self._local.pop(key, None)
        else:
            self._local[key] = problem
        if key == "name":
            self.list.item(row).setText(str(value))
        self._validate()

    def _validate(self) -> None:
        self._problems = list(self.section.validate(self._entries))
        name = self._current_name()
        row = self.list.currentRow()
        mine = [p for p in self._problems if row >= 0 and p.entry == name]
        unplaced = []
        for field in self.fields:
            messages = [p.message for p in mine if _concerns(p, field)]
            if field.key in self._local and not messages:
                messages = [self._local[field.key]]
            label = self.problem_labels[field.key]
            label.setText("\n".join(messages))
            label.setVisible(bool(messages))
            self.editors[field.key].show_problem("\n".join(messages) if messages else None)
        unplaced = [p.message for p in mine if not any(_concerns(p, f) for f in self.fields)]
        self.entry_problem.setText("\n".join(unplaced))
        self.entry_problem.setVisible(bool(unplaced))
        flagged = {p.entry for p in self._problems}
        for index, entry in enumerate(self._entries):
            item = self.list.item(index)
            bad = str(entry.get("name", "")) in flagged or (index == row and bool(self._local))
            item.setForeground(QColor(COLORS["error"] if bad else COLORS["text"]))
            item.setToolTip("has problems" if bad else "")
        self.changed.emit()

    def _current_name(self) -> str:
        row = self.list.currentRow()
        return str(self._entries[row].get("name", "")) if 0 <= row < len(self._entries) else ""

    def _label(self, key: str) -> str:
        return next((f.label for f in self.fields if f.key == key), key)


def _concerns(problem: SettingProblem, field: SettingField) -> bool:
    return problem.field.lower() in (field.key.lower(), field.label.lower())
