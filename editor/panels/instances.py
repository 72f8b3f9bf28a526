"""A scene's prefab instances: named copies of a prefab's logic that run while the scene is active.

Shown in the Explorer under the scene's nodes while a scene tab is current. Each row is a name
and the prefab it copies; the table checks names as it does for variables, and the document
refuses anything else (a prefab that does not exist), so the model never holds a bad list.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from editor.document import EditRefused
from editor.panels.base import TabGraphPanel
from editor.panels.typed_list import Row, TypedListEditor
from runtime.model import PrefabInstance
from runtime.specs import Scope

NO_PREFABS = "No prefabs yet. Add one with + ▸ Add Prefab above, then place instances of it here."


class InstancesPanel(TabGraphPanel):
    """The current scene's instances; hidden on tabs that are not scenes."""

    watched = frozenset({"instances_changed", "graph_added", "graph_removed", "graph_renamed"})
    kind = Scope.SCENE

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = TypedListEditor("Prefab instances", with_default=False, choices=[], choice_header="Prefab",
                                      name_stem="{choice} ")
        self.editor.add_button.setToolTip("Add an instance of a prefab to this scene")
        self.editor.edited.connect(self._apply)
        self.empty = QLabel(NO_PREFABS, objectName="Muted", wordWrap=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.editor)
        layout.addWidget(self.empty)
        self.hide()  # until a scene is current: the window lays out its docks before it opens a project

    def rebuild(self) -> None:
        scene = self.tab_graph()
        self.setVisible(scene is not None)
        if scene is None or self.document is None:
            return
        prefabs = self.document.project.graphs_of(Scope.PREFAB)
        self.editor.set_title(f"Prefab instances in {scene.name}",
                              "Each instance runs its own copy of the prefab's logic, with its own variables, "
                              "while this scene is active.")
        self.editor.set_choices([(p.name, p.id) for p in prefabs])
        self.editor.set_rows([(i.name, i.prefab, None) for i in scene.instances])
        self.empty.setVisible(not prefabs)
        self.editor.table.setVisible(bool(prefabs) or bool(scene.instances))

    def _apply(self, rows: list[Row]) -> None:
        scene = self.tab_graph()
        if scene is None or self.document is None:
            return
        try:
            self.document.set_instances(scene.id, [PrefabInstance(name, prefab) for name, prefab, _ in rows])
        except EditRefused as exc:
            self.editor.problem.setText(str(exc))
            self.editor.problem.show()
            self.message.emit(str(exc))
