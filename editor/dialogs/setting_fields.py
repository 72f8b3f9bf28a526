"""Editors for the fields of a plugin's settings entries, one per `SettingField.kind`.

Each editor has `changed`, `value()`, `set_value()` and `problem()` (text that cannot become a
value yet, e.g. ``70000x`` in a number field); the section's own `validate` judges the values.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLineEdit, QWidget

from editor.theme import set_invalid
from editor.widgets.json_edit import JsonEdit
from runtime.registry import SettingField


class FieldEditor(QWidget):
    """Wraps the input widget of one field so that the settings page treats all kinds alike."""

    changed = Signal()

    def __init__(self, field: SettingField, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.input = self._make_input()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.input)
        self.setToolTip(field.description)

    def _make_input(self) -> QWidget:
        kind = self.field.kind
        if kind == "bool":
            widget: QWidget = QCheckBox()
            widget.toggled.connect(lambda _on: self.changed.emit())
        elif kind == "choice":
            widget = QComboBox()
            widget.addItems(list(self.field.options))
            widget.currentIndexChanged.connect(lambda _i: self.changed.emit())
        elif kind in ("json", "secret"):
            widget = JsonEdit(dict if kind == "secret" else None)
            widget.edited.connect(self.changed.emit)
        else:
            placeholder = {"list": "comma-separated, e.g. /, /chat", "int": "a whole number"}.get(kind, "")
            if kind == "int" and (self.field.optional or self.field.default is None):
                placeholder = "empty: the default"
            widget = QLineEdit(placeholderText=placeholder)
            widget.textEdited.connect(lambda _text: self.changed.emit())
        return widget

    def set_value(self, value: Any) -> None:
        widget, kind = self.input, self.field.kind
        widget.blockSignals(True)
        if isinstance(widget, QCheckBox):
            widget.setChecked(bool(value))
        elif isinstance(widget, QComboBox):
            widget.setCurrentText(str(value))
        elif isinstance(widget, JsonEdit):
            widget.set_value({} if value is None and kind == "secret" else value)
        elif kind == "list":
            widget.setText(", ".join(str(v) for v in (value or [])))
        else:
            widget.setText("" if value is None else str(value))
        widget.blockSignals(False)
        set_invalid(widget, False)

    def parse(self) -> tuple[Any, str | None]:
        """The value typed so far, or None and why it is not one."""
        widget, kind = self.input, self.field.kind
        if isinstance(widget, QCheckBox):
            return widget.isChecked(), None
        if isinstance(widget, QComboBox):
            return widget.currentText(), None
        if isinstance(widget, JsonEdit):
            return widget.parse()
        text = widget.text().strip()  # type: ignore[attr-defined]
        if kind == "list":
            return [part.strip() for part in text.split(",") if part.strip()], None
        if kind != "int":
            return widget.text(), None  # type: ignore[attr-defined]
        if not text:
            optional = self.field.optional or self.field.default is None
            return (None, None) if optional else (None, "a whole number is needed")
        try:
            number = int(text)
        except ValueError:
            return None, f"{text!r} is not a whole number"
        low, high = self.field.minimum, self.field.maximum
        if (low is not None and number < low) or (high is not None and number > high):
            return number, f"must be between {low if low is not None else '…'} and {high if high is not None else '…'}"
        return number, None

    def show_problem(self, problem: str | None) -> None:
        set_invalid(self.input, problem is not None)
