"""The Plugins Editor: every registered plugin with an `Activated` switch that applies at once.

A toggle is one undoable document edit; the window listens to the model's ``plugin_toggled``
and refreshes the Toolbox, the canvases and the settings pages, so this dialog knows none of them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor.canvas.style import category_colour
from editor.document import Document
from editor.icons import node_icon
from runtime.model import Change
from runtime.registry import Plugin, Registry


class PluginsEditor(QDialog):
    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Plugins Editor")
        self.resize(760, 320)
        self.document = document
        self.checks: dict[str, QCheckBox] = {}
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["Plugin", "Description", "Nodes", "Activated"])
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Fixed)
        for plugin in document.registry.plugins.values():
            row = self.table.rowCount()
            self.table.insertRow(row)
            name = QTableWidgetItem(_badge(plugin, document.registry), plugin.name)
            font = name.font()
            font.setBold(True)
            name.setFont(font)
            self.table.setItem(row, 0, name)
            description = QTableWidgetItem(plugin.description)
            description.setToolTip(plugin.description)
            self.table.setItem(row, 1, description)
            count = QTableWidgetItem(str(len(plugin.specs)))
            count.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            count.setToolTip(f"{plugin.name} declares {len(plugin.specs)} node types")
            self.table.setItem(row, 2, count)
            check = QCheckBox("always on" if plugin.always_on else "")
            check.setEnabled(not plugin.always_on)
            check.toggled.connect(lambda on, pid=plugin.id: self.document.set_plugin_active(pid, on))
            holder = QWidget()
            holder_layout = QVBoxLayout(holder)
            holder_layout.setContentsMargins(0, 0, 0, 0)
            holder_layout.addWidget(check, alignment=Qt.AlignmentFlag.AlignCenter)
            self.table.setCellWidget(row, 3, holder)
            self.checks[plugin.id] = check
        for check in self.checks.values():
            check.ensurePolished()  # measured with the style sheet's indicator and spacing, or its text is cut
        widths = [c.sizeHint().width() + 24 for c in self.checks.values()]
        self.table.setColumnWidth(3, max([header.sectionSizeHint(3), *widths]))
        self.table.resizeRowsToContents()
        for row in range(self.table.rowCount()):
            self.table.setRowHeight(row, max(40, self.table.rowHeight(row) + 12))
        note = QLabel("Changes apply at once and can be undone (Edit ▸ Undo). Nodes of a deactivated plugin stay "
                      "in the project, greyed, and come back when it is activated again.", objectName="Muted",
                      wordWrap=True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self._sync()
        document.project.changed.connect(self._on_change)
        self.finished.connect(lambda _result: document.project.changed.disconnect(self._on_change))

    def _on_change(self, change: Change) -> None:
        if change.what == "plugin_toggled":
            self._sync()

    def _sync(self) -> None:
        """Shows the model's state (also after an undo while the dialog is open)."""
        for plugin_id, check in self.checks.items():
            check.blockSignals(True)
            check.setChecked(self.document.registry.is_active(plugin_id, self.document.project))
            check.blockSignals(False)


def _badge(plugin: Plugin, registry: Registry) -> QIcon:
    """The mark of the plugin's first category in the Toolbox (with the plug on optional plugins)."""
    category = next((s.category[0] for s in plugin.specs if s.category), "")
    return node_icon(category_colour(registry, category).name(), plugin=not plugin.always_on)
