"""An open project: the model, its file, its undo stack, and every edit a user can make.

Every edit is a `ModelEdit` on the undo stack whose redo/undo call model methods; views never
change the model directly and never keep state of their own that the model does not have. The
model's `changed` signal then tells every view what to redraw. The edits themselves live in
editor/edits/, one module per concern; this class puts them together with the file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from editor.edits.base import EditRefused, ModelEdit
from editor.edits.clipboard import ClipboardEdits
from editor.edits.graph import GraphEdits
from editor.edits.project import ProjectEdits
from runtime import fileformat
from runtime.model import Project
from runtime.registry import Registry, default_registry

__all__ = ["CLIPBOARD_MIME", "Document", "EditRefused", "ModelEdit", "new_project"]

CLIPBOARD_MIME = "application/x-pulse-studio-nodes"


class Document(ProjectEdits, ClipboardEdits, QObject):
    """The project being edited. `path` is None until it is saved; `dirty` follows the undo stack.

    Its edits come from the mixins of editor/edits/: graph edits, project-level edits, clipboard.
    """

    dirty_changed = Signal(bool)
    path_changed = Signal(object)
    # QObject has methods of these names too, and PySide finds its own before a mixin's: named here, ours win.
    connect = GraphEdits.connect
    disconnect = GraphEdits.disconnect

    def __init__(self, project: Project | None = None, path: Path | None = None,
                 registry: Registry | None = None) -> None:
        super().__init__()
        self.registry = registry or default_registry()
        self.project = project or new_project(self.registry)
        self.path = path
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)  # a method: disconnected when deleted

    def _on_clean_changed(self, clean: bool) -> None:
        self.dirty_changed.emit(not clean)

    # --- files ------------------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path, registry: Registry | None = None) -> Document:
        """Loads a project; raises ProjectFileError naming the file and the problem."""
        project = fileformat.load(path, registry)  # given as is, so that a folder's problems name the folder
        return cls(project, fileformat.project_file(path), registry)

    @property
    def dirty(self) -> bool:
        return not self.undo_stack.isClean()

    @property
    def title(self) -> str:
        return f"{self.project.name}{' *' if self.dirty else ''}"

    def save(self, path: str | Path | None = None) -> None:
        """Saves atomically (old file kept as .bak); raises OSError if the disk refuses."""
        target = Path(path) if path is not None else self.path
        if target is None:
            raise ValueError("this project has no file yet: choose one with Save As")
        fileformat.save(self.project, target)
        if target != self.path:
            self.path = target
            self.path_changed.emit(target)
        self.undo_stack.setClean()


def new_project(registry: Registry, name: str = "Untitled") -> Project:
    """An empty project with every optional plugin in its default state."""
    project = Project.new(name)
    project.plugins = registry.default_plugin_states()
    return project

