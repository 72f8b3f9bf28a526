"""The window's File commands: new, open, save, save as, the unsaved-changes question, recent files.

A mixin of `MainWindow`: the actions table (editor/actions/table.py) names these methods as handlers.
A file that cannot be read or written is reported and the open project kept.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from editor.document import Document
from runtime.fileformat import ProjectFileError

FILE_FILTER = "Pulse Studio projects (*.pulse.json);;All files (*)"
_MOST_REPAIRS_LISTED = 12


class FileCommands:
    """File menu handlers; the window provides `document`, `registry`, `settings`, `set_document`."""

    def new_project(self) -> None:
        if self.maybe_save():
            self.set_document(Document(registry=self.registry))

    def open_project(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open Project", self._dialog_dir(), FILE_FILTER)
        if path:
            self.open_path(path)

    def open_path(self, path: str | Path) -> bool:
        """Opens a project (file or folder); a broken file is reported and the current project kept."""
        try:
            document = Document.open(path, self.registry)
        except ProjectFileError as exc:
            where = f"\n\nWhere: {exc.path}" if exc.path else ""
            QMessageBox.critical(self, "Cannot open project",
                                 f"The project could not be opened.\n\nFile: {exc.file}{where}\n"
                                 f"Problem: {exc.problem}")
            return False
        if not self.maybe_save():
            return False
        self.set_document(document)
        self.settings.add_recent(document.path or path)
        self.show_message(f"Opened {document.path}")
        self._report_repairs(document.project.load_warnings)
        return True

    def _report_repairs(self, warnings: list[str]) -> None:
        """Says what loading left out of the file (connections an older version left on gone sockets)."""
        if not warnings:
            return
        listed = "\n".join(f"• {w}" for w in warnings[:_MOST_REPAIRS_LISTED])
        more = len(warnings) - _MOST_REPAIRS_LISTED
        QMessageBox.warning(self, "Project repaired on opening",
                            f"{len(warnings)} connection{'s' if len(warnings) > 1 else ''} on sockets that no "
                            f"longer exist or no longer fit were left out. The file itself is unchanged until "
                            f"you save.\n\n{listed}" + (f"\n… and {more} more" if more > 0 else ""))

    def save(self) -> bool:
        assert self.document is not None
        if self.document.path is None:
            return self.save_as()
        return self._save_to(self.document.path)

    def save_as(self) -> bool:
        assert self.document is not None
        suggested = str(self.document.path or Path(self._dialog_dir()) / f"{self.document.project.name}.pulse.json")
        path, _ = QFileDialog.getSaveFileName(self, "Save Project As", suggested, FILE_FILTER)
        if not path:
            return False
        if not path.endswith(".json"):
            path += ".pulse.json"
        return self._save_to(Path(path))

    def _save_to(self, path: Path) -> bool:
        assert self.document is not None
        try:
            self.document.save(path)
        except OSError as exc:
            QMessageBox.critical(self, "Cannot save project", f"{path}\n\n{exc}")
            return False
        self.settings.add_recent(path)
        self._save_breakpoints()
        self.show_message(f"Saved {path}")
        return True

    def maybe_save(self) -> bool:
        """True when it is fine to let the current project go (saved, discarded or unchanged)."""
        if self.document is None or not self.document.dirty:
            return True
        answer = QMessageBox.warning(
            self, "Unsaved changes", f"Save the changes to {self.document.project.name!r} before closing it?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def _dialog_dir(self) -> str:
        if self.document is not None and self.document.path is not None:
            return str(self.document.path.parent)
        recent = self.settings.recent_files()
        return str(Path(recent[0]).parent) if recent else str(Path.home())

    def fill_recent_menu(self, menu: QMenu) -> None:
        """File → Open Recent, read from the settings each time it opens."""
        menu.clear()
        files = self.settings.recent_files()
        for path in files:
            menu.addAction(path, lambda p=path: self.open_path(p))
        if files:
            menu.addSeparator()
            menu.addAction("Clear Recent Files", self.settings.clear_recent)
        else:
            menu.addAction("No recent files").setEnabled(False)
