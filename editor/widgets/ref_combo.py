"""A drop-down of references (variables, functions, scenes, settings entries) that flags dangling ones."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QWidget

from editor.theme import set_invalid


class RefCombo(QComboBox):
    """Options are (label, stored value) pairs; a value that is not among them stays visible, flagged.

    The flag is how the user sees that a node points at something that no longer exists (a
    deleted connection, a renamed variable) instead of the value silently changing.
    """

    committed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._options: list[tuple[str, Any]] = []
        self.missing = False
        self.activated.connect(self._on_activated)

    def set_options(self, options: list[tuple[str, Any]], value: Any) -> None:
        self.blockSignals(True)
        self.clear()
        self._options = list(options)
        for label, data in self._options:
            self.addItem(label, data)
        values = [data for _, data in self._options]
        self.missing = value not in values and value not in ("", None)
        if self.missing:
            self.addItem(f"⚠ {value} (missing)", value)
            self.setCurrentIndex(self.count() - 1)
        elif value in values:
            self.setCurrentIndex(values.index(value))
        else:
            self.setCurrentIndex(-1)
        self.blockSignals(False)
        set_invalid(self, self.missing)
        self.setToolTip(f"{value!r} does not exist any more" if self.missing else "")

    def set_value(self, value: Any) -> None:
        self.set_options(self._options, value)

    def value(self) -> Any:
        return self.currentData()

    def _on_activated(self, index: int) -> None:
        self.committed.emit(self.itemData(index))
