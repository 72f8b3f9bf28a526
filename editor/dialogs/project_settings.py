"""Project Settings: General (name, start scene) and one page per active plugin with a settings section.

Pages are generated from `registry.active_sections(project)`; nothing here names a plugin.
Every page is framed alike (title, one line on what it is for). OK stays disabled while any
page has a problem; applying is one undo step.
"""

from __future__ import annotations

import functools
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from editor.dialogs.settings_page import SectionPage
from editor.document import Document
from editor.icons import icon
from editor.theme import set_invalid
from runtime.specs import Scope


class GeneralPage(QWidget):
    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        project = document.project
        self.name = QLineEdit(project.name)
        self.start_scene = QComboBox()
        for scene in project.graphs_of(Scope.SCENE):
            self.start_scene.addItem(scene.name, scene.id)
        self.start_scene.setCurrentIndex(max(0, self.start_scene.findData(project.start_scene)))
        self.name_problem = QLabel(objectName="Problem")
        self.name_problem.hide()
        seed = project.random_seed
        self.random_seed = QLineEdit("" if seed is None else str(seed), placeholderText="none: different every run")
        self.random_seed.setToolTip("A whole number makes every Random node draw the same numbers on every run "
                                    "(reproducible tests and demos); empty draws new ones each run.")
        self.seed_problem = QLabel(objectName="Problem")
        self.seed_problem.hide()
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for field in (self.name, self.start_scene, self.random_seed):
            field.setMaximumWidth(420)  # a name does not need the dialog's whole width
        form.addRow("Project name", self.name)
        form.addRow("", self.name_problem)
        form.addRow("Start scene", self.start_scene)
        form.addRow("Random seed", self.random_seed)
        form.addRow("", self.seed_problem)
        self.name.textEdited.connect(lambda _t: self.problems())
        self.random_seed.textEdited.connect(lambda _t: self.problems())

    def problems(self) -> list[str]:
        problem = "" if self.name.text().strip() else "the project needs a name"
        _show_problem(self.name, self.name_problem, problem)
        seed_problem = ""
        try:
            self.seed()
        except ValueError:
            seed_problem = f"{self.random_seed.text().strip()!r} is not a whole number"
        _show_problem(self.random_seed, self.seed_problem, seed_problem)
        return [f"General: {p}" for p in (problem, seed_problem) if p]

    def values(self) -> tuple[str, str]:
        return self.name.text().strip(), str(self.start_scene.currentData())

    def seed(self) -> int | None:
        """The random seed typed (None when empty); ValueError when it is not a whole number."""
        text = self.random_seed.text().strip()
        return int(text) if text else None


def _show_problem(field: QWidget, label: QLabel, problem: str) -> None:
    label.setText(problem)
    label.setVisible(bool(problem))
    set_invalid(field, bool(problem))


class ProjectSettingsDialog(QDialog):
    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Project Settings")
        self.resize(860, 520)
        self.document = document
        self.pages_list = QListWidget(objectName="PageList")
        self.pages_list.setFixedWidth(170)
        self.stack = QStackedWidget()
        self.general = GeneralPage(document)
        self.general.name.textEdited.connect(self._update_ok)
        self.general.random_seed.textEdited.connect(self._update_ok)
        self.sections: dict[str, SectionPage] = {}
        self._add_page("General", self.general, "The project's name, and the scene that runs first.", "settings")
        for section in document.registry.active_sections(document.project):
            page = SectionPage(section, section.entries(document.project))
            page.changed.connect(self._update_ok)
            self.sections[section.key] = page
            self._add_page(section.title, page, section.description, "plugins")
        self.pages_list.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.pages_list.setCurrentRow(0)

        self.summary = QLabel(objectName="Problem", wordWrap=True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        body = QHBoxLayout()
        body.setSpacing(0)
        body.addWidget(self.pages_list)
        body.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self._update_ok()

    @property
    def ok_button(self) -> Any:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def page_titles(self) -> list[str]:
        return [self.pages_list.item(i).text() for i in range(self.pages_list.count())]

    def show_page(self, title: str) -> None:
        self.pages_list.setCurrentRow(self.page_titles().index(title))

    def problems(self) -> list[str]:
        return self.general.problems() + [p for page in self.sections.values() for p in page.problems()]

    def accept(self) -> None:
        if self.problems():
            return
        edits = self._edits()
        if edits:
            stack = self.document.undo_stack
            stack.beginMacro("Change project settings")
            for edit in edits:
                edit()
            stack.endMacro()
        super().accept()

    def _edits(self) -> list[Any]:
        """The document edits that apply this dialog, only for what changed."""
        project, edits = self.document.project, []
        apply = self.document.set_settings
        name, start = self.general.values()
        if (name, start) != (project.name, project.start_scene):
            edits.append(lambda: self.document.set_general(name, start))
        seed = self.general.seed()
        if seed != project.random_seed:
            edits.append(lambda: self.document.set_random_seed(seed))
        for key, page in self.sections.items():
            value = {**project.settings.get(key, {}), "entries": page.entries()}
            if value != project.settings.get(key):
                edits.append(functools.partial(apply, key, value, renamed=page.renamed()))
        return edits

    def _add_page(self, title: str, page: QWidget, description: str, icon_name: str) -> None:
        """Adds `page` under a title and a line saying what it is for, so that every page starts alike."""
        self.pages_list.addItem(QListWidgetItem(icon(icon_name), title))
        frame = QWidget()
        layout = QVBoxLayout(frame)
        layout.setContentsMargins(18, 10, 8, 0)
        layout.setSpacing(4)
        layout.addWidget(QLabel(title, objectName="PageTitle"))
        if description:
            layout.addWidget(QLabel(description, objectName="Muted", wordWrap=True))
        layout.addSpacing(8)
        fills = isinstance(page, SectionPage)  # a list page takes the height; a short form stays on top
        layout.addWidget(page, 1 if fills else 0)
        if not fills:
            layout.addStretch(1)
        self.stack.addWidget(frame)

    def _update_ok(self) -> None:
        problems = self.problems()
        self.ok_button.setEnabled(not problems)
        shown = problems[:4] + ([f"… and {len(problems) - 4} more"] if len(problems) > 4 else [])
        self.summary.setText("\n".join(shown))
        self.summary.setVisible(bool(problems))
