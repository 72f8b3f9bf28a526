"""An editable table of named, typed rows (with an optional default value column).

One widget for the project's variables and for a function's inputs and outputs: it checks
names (non-empty, unique) and defaults (must fit the type) and emits `edited(rows)` only when
the whole table is valid, so the model never holds a half-typed state.
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
from runtime.types import VALUE_TYPES, DataType, coerce_literal, default_value, parse_number, to_string

Row = tuple[str, DataType, Any]


def parse_literal(text: str, data_type: DataType) -> Any:
    """A value typed as text, read as `data_type`; ValueError says why it does not fit."""
    if data_type is DataType.STRING:
        return text
    if data_type in (DataType.INT, DataType.FLOAT):
        return parse_number(text, data_type)
    if data_type is DataType.BOOL and text.strip().lower() in ("true", "false"):
        return text.strip().lower() == "true"
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        raise ValueError(f"{text!r} is not a valid {data_type.value}") from None
    return coerce_literal(value, data_type)


class TypedListEditor(QWidget):
    edited = Signal(list)

    def __init__(self, title: str, with_default: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.with_default = with_default
        self.table = QTableWidget(0, 3 if with_default else 2)
        self.table.setHorizontalHeaderLabels(["Name", "Type", "Default"][: self.table.columnCount()])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        if with_default:
            self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.itemChanged.connect(self._changed)
        self.problem = QLabel(objectName="Problem", wordWrap=True)
        self.problem.hide()
        self.add_button = tool_button("add", f"Add {title.lower().rstrip('s')}")
        self.add_button.clicked.connect(self.add_row)
        self.remove_button = tool_button("delete", "Remove the selected row")
        self.remove_button.clicked.connect(self.remove_selected)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(QLabel(title, objectName="PanelHeading"))
        bar.addStretch(1)
        bar.addWidget(self.add_button)
        bar.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        layout.addWidget(self.problem)

    # --- rows in and out ---------------------------------------------------------------------
    def set_rows(self, rows: list[Row]) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for name, data_type, default in rows:
            self._append(name, data_type, default)
        self.table.blockSignals(False)
        self.problem.hide()

    def rows(self) -> tuple[list[Row], list[str]]:
        """The rows as typed, and the problems that keep them from the model."""
        rows: list[Row] = []
        problems: list[str] = []
        seen: set[str] = set()
        for index in range(self.table.rowCount()):
            name = self.table.item(index, 0).text().strip()
            data_type = DataType(self._type_combo(index).currentText())
            if not name:
                problems.append(f"row {index + 1}: a name is needed")
            elif name in seen:
                problems.append(f"{name}: the name is used twice")
            seen.add(name)
            default: Any = None
            if self.with_default:
                try:
                    default = parse_literal(self.table.item(index, 2).text(), data_type)
                except ValueError as exc:
                    problems.append(f"{name or f'row {index + 1}'}: {exc}")
            rows.append((name, data_type, default))
        return rows, problems

    def add_row(self) -> None:
        taken = {self.table.item(i, 0).text() for i in range(self.table.rowCount())}
        number = self.table.rowCount() + 1
        while f"value{number}" in taken:
            number += 1
        self.table.blockSignals(True)
        self._append(f"value{number}", DataType.INT, default_value(DataType.INT))
        self.table.blockSignals(False)
        self._changed()

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        if not rows and self.table.currentRow() >= 0:
            rows = [self.table.currentRow()]
        for row in rows:
            self.table.removeRow(row)
        if rows:
            self._changed()

    # --- internals ---------------------------------------------------------------------------
    def _append(self, name: str, data_type: DataType, default: Any) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(name))
        combo = QComboBox()
        combo.addItems([t.value for t in VALUE_TYPES])
        combo.setCurrentText(data_type.value)
        combo.currentTextChanged.connect(lambda _text, c=combo: self._type_changed(c))
        self.table.setCellWidget(row, 1, combo)
        if self.with_default:
            self.table.setItem(row, 2, QTableWidgetItem(to_string(default)))

    def _type_combo(self, row: int) -> QComboBox:
        widget = self.table.cellWidget(row, 1)
        assert isinstance(widget, QComboBox)
        return widget

    def _type_changed(self, combo: QComboBox) -> None:
        row = next(i for i in range(self.table.rowCount()) if self.table.cellWidget(i, 1) is combo)
        if self.with_default:  # a default that no longer fits becomes the new type's default
            data_type = DataType(combo.currentText())
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
