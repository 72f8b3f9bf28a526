"""What the layers of model-drawn canvas items (groups, comments) share: the items by model id,
their selection and bounds, and following added / changed / removed changes of one graph."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsView

from editor.document import Document
from runtime.model import Change

Item = TypeVar("Item", bound=QGraphicsItem)


class ItemLayer(Generic[Item]):
    """Items of one kind (`prefix` of their changes: "group", "comment") kept equal to the model.

    Subclasses say how an item is made (`make`) and refreshed (`refresh`), and what goes when one
    is removed (`forget`: an editor open on it). Every operation is idempotent.
    """

    prefix = ""

    def __init__(self, document: Document, graph_id: str, view: QGraphicsView) -> None:
        self.document = document
        self.graph_id = graph_id
        self.view = view
        self.items: dict[str, Item] = {}

    def model_items(self) -> Iterable[Any]:
        raise NotImplementedError

    def make(self, data: Any) -> Item:
        raise NotImplementedError

    def refresh(self, item: Item, data: Any) -> None:
        raise NotImplementedError

    def forget(self, item_id: str) -> None:
        """An item is about to go (nothing to do by default)."""

    # --- following the model ---------------------------------------------------------------------
    def load(self) -> None:
        for data in self.model_items():
            self._show(data)

    def apply(self, change: Change) -> None:
        if change.graph != self.graph_id or not change.what.startswith(self.prefix + "_"):
            return
        data = change.detail
        if change.what == f"{self.prefix}_removed":
            self.forget(data.id)
            item = self.items.pop(data.id, None)
            if item is not None and item.scene() is not None:
                item.scene().removeItem(item)
        else:
            self._show(data)

    def _show(self, data: Any) -> None:
        item = self.items.get(data.id)
        if item is None:
            item = self.items[data.id] = self.make(data)
            self.view.scene().addItem(item)
        else:
            self.refresh(item, data)

    # --- queries ---------------------------------------------------------------------------------
    def selected_ids(self) -> list[str]:
        return [item_id for item_id, item in self.items.items() if item.isSelected()]

    def bounds(self) -> QRectF:
        rect = QRectF()
        for item in self.items.values():
            rect = rect.united(item.area())  # type: ignore[attr-defined]
        return rect

    def select(self, item_ids: Iterable[str]) -> None:
        """Selects exactly these items."""
        self.view.scene().clearSelection()
        for item_id in item_ids:
            if item_id in self.items:
                self.items[item_id].setSelected(True)
