"""An editable table of named rows, each with a choice (a data type, a prefab) and optionally a default value.

One widget for the project's and prefabs' variables, a function's inputs and outputs and a
scene's prefab instances (whose "type" is the prefab): it checks names (non-empty, unique) and
defaults (must fit the type) and emits `edited(rows)` only when the whole table is valid, so the
model never holds a half-typed state.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor.panels.base import tool_button
from runtime.filelimits import VALUE_DEPTH, LimitError, check_value, parse_json
from runtime.types import VALUE_TYPES, DataType, coerce_literal, default_value, parse_number, to_string

Row = tuple[str, Any, Any]  # name, chosen value (a DataType unless other choices are given), default
TYPE_CHOICES: list[tuple[str, Any]] = [(t.value, t) for t in VALUE_TYPES]


def parse_literal(text: str, data_type: DataType) -> Any:
    """A value typed as text, read as `data_type`; ValueError says why it does not fit (or would not load)."""
    try:
        if data_type is DataType.STRING:
            value: Any = text
        elif data_type in (DataType.INT, DataType.FLOAT):
            value = parse_number(text, data_type)
        elif data_type is DataType.BOOL and text.strip().lower() in ("true", "false"):
            value = text.strip().lower() == "true"
        else:
            try:
                value = coerce_literal(parse_json(text, VALUE_DEPTH), data_type)
            except json.JSONDecodeError:
                raise ValueError(f"{text!r} is not a valid {data_type.value}") from None
        check_value(value, "$", VALUE_DEPTH)  # a project file could hold it: the save loads again
    except LimitError as exc:
        raise ValueError(f"{text[:40]!r} cannot be saved: {exc.problem}") from None
    return value


class _ChoiceCombo(QComboBox):
    """A drop-down of (label, value) pairs that hands back the Python value itself (Qt would convert enums)."""

    def __init__(self, choices: list[tuple[str, Any]], current: Any) -> None:
        super().__init__()
        self.values = [value for _, value in choices]
        self.addItems([label for label, _ in choices])
        self.setCurrentIndex(self.values.index(current) if current in self.values else -1)

    def value(self) -> Any:
        index = self.currentIndex()
        return self.values[index] if 0 <= index < len(self.values) else None


class TypedListEditor(QWidget):
    """Rows of (name, choice, default); `choices` are (label, value) pairs, data types by default.

    New rows get `new_choice` (else the first option) and are named from `name_stem` plus a number;
    ``{choice}`` in it stands for the chosen label (``"{choice} "`` names instances "Enemy 1", "Enemy 2"…).
    """

    edited = Signal(list)

    def __init__(self, title: str, with_default: bool, choices: list[tuple[str, Any]] | None = None,
                 choice_header: str = "Type", name_stem: str = "value", new_choice: Any = DataType.INT,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.with_default = with_default
        self.choices = list(TYPE_CHOICES if choices is None else choices)
        self.name_stem, self.new_choice = name_stem, new_choice
        self.max_visible_rows: int | None = None
        self._shown_choices: list[tuple[str, Any]] | None = None
        self.table = QTableWidget(0, 3 if with_default else 2)
        self.table.setHorizontalHeaderLabels(["Name", choice_header, "Default"][: self.table.columnCount()])
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(30)  # room for the drop-down in its cell
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # with a default, the choice column fits its drop-down and the default takes the rest;
        # without, name and choice share the width (a prefab's name needs more room than "Int")
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents if with_default
                                    else QHeaderView.ResizeMode.Stretch)
        if with_default:
            header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.itemChanged.connect(self._changed)
        self.problem = QLabel(objectName="Problem", wordWrap=True)
        self.problem.hide()
        self.heading = QLabel(title, objectName="PanelHeading")
        self.add_button = tool_button("add", f"Add {title.lower().rstrip('s')}")
        self.add_button.clicked.connect(self.add_row)
        self.remove_button = tool_button("delete", "Remove the selected row")
        self.remove_button.clicked.connect(self.remove_selected)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.heading)
        bar.addStretch(1)
        bar.addWidget(self.add_button)
        bar.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        layout.addWidget(self.problem)

    def set_title(self, title: str, tip: str = "") -> None:
        self.heading.setText(title)
        self.heading.setToolTip(tip)

    def set_choices(self, choices: list[tuple[str, Any]]) -> None:
        """New options for the choice column (shown from the next `set_rows`); no options: nothing to add."""
        self.choices = list(choices)
        self.add_button.setEnabled(bool(self.choices))

    # --- rows in and out ---------------------------------------------------------------------
    def set_rows(self, rows: list[Row]) -> None:
        """Shows `rows`; rows equal to what the table already holds are left alone.

        That is the model echoing the user's own edit, and rebuilding then would delete the cell
        whose editor is still committing.
        """
        shown, problems = self.rows()
        if not problems and shown == list(rows) and self._shown_choices == self.choices:
            return
        self._shown_choices = list(self.choices)
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for name, choice, default in rows:
            self._append(name, choice, default)
        self.table.blockSignals(False)
        self.problem.hide()
        self._fit()

    def fit_rows(self, most: int) -> None:
        """Keeps the table as tall as its rows (one at least, `most` at most), for a section sharing its panel."""
        self.max_visible_rows = most
        self._fit()

    def _fit(self) -> None:
        if self.max_visible_rows is None:
            return
        shown = min(max(self.table.rowCount(), 1), self.max_visible_rows)
        header = self.table.horizontalHeader().sizeHint().height()
        rows = shown * self.table.verticalHeader().defaultSectionSize()
        self.table.setMaximumHeight(header + rows + 2 * self.table.frameWidth())

    def rows(self) -> tuple[list[Row], list[str]]:
        """The rows as typed, and the problems that keep them from the model."""
        rows: list[Row] = []
        problems: list[str] = []
        seen: set[str] = set()
        for index in range(self.table.rowCount()):
            name = self.table.item(index, 0).text().strip()
            choice = self._type_combo(index).value()
            if not name:
                problems.append(f"row {index + 1}: a name is needed")
            elif name in seen:
                problems.append(f"{name}: the name is used twice")
            seen.add(name)
            default: Any = None
            if self.with_default:
                try:
                    default = parse_literal(self.table.item(index, 2).text(), choice)
                except ValueError as exc:
                    problems.append(f"{name or f'row {index + 1}'}: {exc}")
            rows.append((name, choice, default))
        return rows, problems

    def add_row(self) -> None:
        if not self.choices:
            return
        label, choice = next((c for c in self.choices if c[1] == self.new_choice), self.choices[0])
        stem = self.name_stem.replace("{choice}", label)
        taken = {self.table.item(i, 0).text() for i in range(self.table.rowCount())}
        number = self.table.rowCount() + 1
        while f"{stem}{number}" in taken:
            number += 1
        default = default_value(choice) if self.with_default else None
        self.table.blockSignals(True)
        self._append(f"{stem}{number}", choice, default)
        self.table.blockSignals(False)
        self.table.selectRow(self.table.rowCount() - 1)
        self._fit()
        self._changed()

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        if not rows and self.table.currentRow() >= 0:
            rows = [self.table.currentRow()]
        for row in rows:
            self.table.removeRow(row)
        if rows:
            self._fit()
            self._changed()

    # --- internals ---------------------------------------------------------------------------
    def _append(self, name: str, choice: Any, default: Any) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(name))
        combo = _ChoiceCombo(self.choices, choice)
        combo.currentTextChanged.connect(lambda _text, c=combo: self._type_changed(c))
        self.table.setCellWidget(row, 1, combo)
        if self.with_default:
            self.table.setItem(row, 2, QTableWidgetItem(to_string(default)))

    def _type_combo(self, row: int) -> _ChoiceCombo:
        widget = self.table.cellWidget(row, 1)
        assert isinstance(widget, _ChoiceCombo)
        return widget

    def _type_changed(self, combo: _ChoiceCombo) -> None:
        row = next(i for i in range(self.table.rowCount()) if self.table.cellWidget(i, 1) is combo)
        if self.with_default:  # a default that no longer fits becomes the new type's default
            data_type = combo.value()
            try:
                parse_literal(self.table.item(row, 2).text(), data_type)
            except ValueError:
                self.table.blockSignals(True)
                self.table.item(row, 2).setText(to_string(default_value(data_type)))
                self.table.blockSignals(False)
        self._changed()

    def _changed(self, *_: object) -> None:
        rows, problems = self.rows()
        self.problem.setText("\n".join(problems))
        self.problem.setVisible(bool(problems))
        if not problems:
            self.edited.emit(rows)
