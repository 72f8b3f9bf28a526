"""The current prefab's inputs and outputs: the sockets of its Prefab Input and Prefab Output nodes, and
so of every scene's Prefab node that runs one of its instances (Incari edits them on those two nodes).

Shown in the Explorer while a prefab's tab is current; every edit is one undo step.
"""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from editor.panels.base import TabGraphPanel
from editor.panels.signature import SignatureEditor
from runtime.model import Param

_INPUTS_TIP = "What a scene's Prefab node gives this prefab: the outputs of its Prefab Input node."
_OUTPUTS_TIP = "What this prefab gives back to the scene's Prefab node: the inputs of its Prefab Output node."


class PrefabSignaturePanel(TabGraphPanel):
    """Hidden on tabs that are not prefabs."""

    watched = frozenset({"graph_signature", "graph_renamed", "graph_removed"})

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.signature = SignatureEditor()
        self.signature.edited.connect(self._apply)
        self.signature.inputs.fit_rows(3)
        self.signature.outputs.fit_rows(3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.signature)
        self.hide()

    def rebuild(self) -> None:
        prefab = self.tab_graph()
        self.setVisible(prefab is not None)
        if prefab is not None:
            self.signature.inputs.set_title(f"{prefab.name} inputs", _INPUTS_TIP)
            self.signature.outputs.set_title(f"{prefab.name} outputs", _OUTPUTS_TIP)
            self.signature.set_graph(prefab)

    def _apply(self, inputs: list[Param], outputs: list[Param]) -> None:
        prefab = self.tab_graph()
        if prefab is not None and self.document is not None:
            self.document.set_signature(prefab.id, inputs, outputs)
