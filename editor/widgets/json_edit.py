"""A JSON text field that says what is wrong with its text instead of accepting it."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QFocusEvent, QFontDatabase
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from editor.theme import set_invalid
from runtime.filelimits import VALUE_DEPTH, LimitError, parse_json

_KIND_NAMES = {list: "an array", dict: "an object"}


class JsonEdit(QPlainTextEdit):
    """Edits a JSON value; `expected` (list or dict) restricts its top-level type.

    `edited` fires on every keystroke (live validation), `committed` when focus leaves with a
    valid value that differs from the last one set (one undo step per edit, not per key).
    """

    edited = Signal()
    committed = Signal(object)

    def __init__(self, expected: type | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.expected = expected
        self._last: Any = None
        self.setTabChangesFocus(True)
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.setFixedHeight(64)
        self.textChanged.connect(self._on_text)

    def set_value(self, value: Any) -> None:
        self._last = value
        text = json.dumps(value, ensure_ascii=False)
        if text != self.toPlainText():
            self.blockSignals(True)
            self.setPlainText(text)
            self.blockSignals(False)
        set_invalid(self, False)

    def parse(self) -> tuple[Any, str | None]:
        """The value, or None and the problem in the user's words."""
        text = self.toPlainText().strip()
        try:
            value = parse_json(text, VALUE_DEPTH)  # what a project file can hold, so that the save loads again
        except json.JSONDecodeError as exc:
            return None, f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        except LimitError as exc:
            return None, f"{exc.path}: {exc.problem}"
        if self.expected is not None and not isinstance(value, self.expected):
            return None, f"expected {_KIND_NAMES.get(self.expected, self.expected.__name__)}"
        return value, None

    def problem(self) -> str | None:
        return self.parse()[1]

    def _on_text(self) -> None:
        set_invalid(self, self.problem() is not None)
        self.edited.emit()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        value, problem = self.parse()
        if problem is None and value != self._last:
            self._last = value
            self.committed.emit(value)
