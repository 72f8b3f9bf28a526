"""Attribute Editor fields for attributes that decide a node's sockets (`Attribute.sockets`).

- `SocketCountField`: an INT count (Sequential's Outputs, Minimum's Inputs) with + and x buttons:
  + adds a socket at the end, x removes the last one; the number can also be typed.
- `StringListField`: a STRING_LIST (Switch's cases), one row per entry with its own x, and + to
  add an entry. Entries must be unique (each names a socket); while they are not, the problem is
  shown and nothing is committed.

Both emit `committed(value)` once per user action, so each action is one undo step; removing a
socket removes its connections in the same step (the document drops links to sockets that no
longer exist), and Undo brings both back.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QSpinBox, QVBoxLayout, QWidget

from editor.panels.base import tool_button
from editor.theme import set_invalid
from runtime.specs import MAX_SOCKETS


def _bounds(minimum: float | None, maximum: float | None) -> tuple[int, int]:
    return int(minimum) if minimum is not None else 0, int(maximum) if maximum is not None else MAX_SOCKETS


class SocketCountField(QWidget):
    """A socket count: a spin box between the attribute's bounds, and + / x buttons beside it."""

    committed = Signal(object)

    def __init__(self, minimum: float | None, maximum: float | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.minimum, self.maximum = _bounds(minimum, maximum)
        self.count = QSpinBox(minimum=self.minimum, maximum=self.maximum, keyboardTracking=False)
        self.count.valueChanged.connect(self._commit)
        self.add_button = tool_button("add", "Add a socket")
        self.remove_button = tool_button("remove", "Remove the last socket (and its connections)")
        self.add_button.clicked.connect(lambda: self._commit(self.count.value() + 1))
        self.remove_button.clicked.connect(lambda: self._commit(self.count.value() - 1))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.count, 1)
        layout.addWidget(self.add_button)
        layout.addWidget(self.remove_button)

    def set_value(self, value: Any) -> None:
        self.count.blockSignals(True)
        self.count.setValue(int(value))
        self.count.blockSignals(False)
        self._update_buttons()

    def value(self) -> int:
        return self.count.value()

    def _commit(self, value: int) -> None:
        self.set_value(min(max(int(value), self.minimum), self.maximum))
        self.committed.emit(self.count.value())

    def _update_buttons(self) -> None:
        self.add_button.setEnabled(self.count.value() < self.maximum)
        self.remove_button.setEnabled(self.count.value() > self.minimum)


class StringListField(QWidget):
    """Editable entries, one row each (text and x), and + below; commits the whole list.

    A new entry is named from `stem` and a number not yet taken (the Attribute Editor passes the
    attribute's name in the singular: Cases -> "Case 3")."""

    committed = Signal(object)

    def __init__(self, minimum: float | None, maximum: float | None, stem: str = "Entry",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.minimum, self.maximum = _bounds(minimum, maximum)
        self.stem = stem
        self._values: list[str] = []
        self.rows: list[tuple[QLineEdit, Any]] = []
        self.rows_layout = QVBoxLayout()
        self.rows_layout.setContentsMargins(0, 0, 0, 0)
        self.rows_layout.setSpacing(2)
        self.add_button = tool_button("add", "Add an entry (a socket)")
        self.add_button.clicked.connect(self.add_entry)
        self.problem = QLabel(objectName="Problem", wordWrap=True)
        self.problem.hide()
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addStretch(1)
        bar.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(self.rows_layout)
        layout.addLayout(bar)
        layout.addWidget(self.problem)

    def set_value(self, value: Any) -> None:
        values = [str(v) for v in value] if isinstance(value, list) else []
        if values == self.texts() and values == self._values:
            return  # the model echoing this field's own edit: keep the focus where it is
        self._values = values
        while self.rows:
            edit, button = self.rows.pop()
            edit.deleteLater()
            button.deleteLater()
        for text in values:
            self._add_row(text)
        self._show_problem("")
        self._update_buttons()

    def texts(self) -> list[str]:
        return [edit.text() for edit, _ in self.rows]

    def add_entry(self) -> None:
        taken = set(self.texts())
        number = len(self.rows) + 1
        while f"{self.stem} {number}" in taken:
            number += 1
        self._commit([*self.texts(), f"{self.stem} {number}"])

    def remove_entry(self, index: int) -> None:
        texts = self.texts()
        del texts[index]
        self._commit(texts)

    def _add_row(self, text: str) -> None:
        edit = QLineEdit(text)
        edit.editingFinished.connect(lambda: self._commit(self.texts()))
        button = tool_button("remove", "Remove this entry (its socket and connections)")
        button.clicked.connect(lambda: self.remove_entry(next(i for i, row in enumerate(self.rows) if row[0] is edit)))
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(edit, 1)
        row.addWidget(button)
        self.rows_layout.addLayout(row)
        self.rows.append((edit, button))

    def _commit(self, texts: list[str]) -> None:
        problem = _problem(texts, self.minimum, self.maximum)
        self._show_problem(problem)
        if problem or texts == self._values:
            return
        if texts == self.texts():
            self._values = list(texts)  # an entry edited in place: its row (and the focus) stay
        else:
            self.set_value(texts)
        self._update_buttons()
        self.committed.emit(list(texts))

    def _show_problem(self, problem: str) -> None:
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        seen: set[str] = set()
        for edit, _ in self.rows:
            set_invalid(edit, edit.text() in seen)
            seen.add(edit.text())

    def _update_buttons(self) -> None:
        self.add_button.setEnabled(len(self.rows) < self.maximum)
        for _, button in self.rows:
            button.setEnabled(len(self.rows) > self.minimum)


def _problem(texts: list[str], minimum: int, maximum: int) -> str:
    duplicates = sorted({t for t in texts if texts.count(t) > 1})
    if duplicates:
        return f"each entry names a socket, so it must be unique: {', '.join(repr(d) for d in duplicates)}"
    if not minimum <= len(texts) <= maximum:
        return f"from {minimum} to {maximum} entries"
    return ""
