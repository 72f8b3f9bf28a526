"""The current prefab's inputs and outputs: the sockets of its Prefab Input and Prefab Output nodes, and
so of every scene's Prefab node that runs one of its instances (Incari edits them on those two nodes).

Shown in the Explorer while a prefab's tab is current; every edit is one undo step.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from editor.panels.base import TabGraphPanel
from editor.panels.signature import SignatureEditor
from runtime.model import Param

_TIP = ("What a scene's Prefab node gives this prefab (Prefab Input's outputs) and gets back from it "
        "(Prefab Output's inputs).")


class PrefabSignaturePanel(TabGraphPanel):
    """Hidden on tabs that are not prefabs."""

    watched = frozenset({"graph_signature", "graph_renamed", "graph_removed"})

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(wordWrap=True, toolTip=_TIP)
        self.signature = SignatureEditor()
        self.signature.edited.connect(self._apply)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.heading)
        layout.addWidget(self.signature)
        self.hide()

    def rebuild(self) -> None:
        prefab = self.tab_graph()
        self.setVisible(prefab is not None)
        if prefab is not None:
            self.heading.setText(f"<b>{prefab.name}</b> inputs and outputs")
            self.signature.set_graph(prefab)

    def _apply(self, inputs: list[Param], outputs: list[Param]) -> None:
        prefab = self.tab_graph()
        if prefab is not None and self.document is not None:
            self.document.set_signature(prefab.id, inputs, outputs)
