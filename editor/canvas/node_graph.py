"""The NodeGraphQt graph of one canvas, reduced to a view.

- `CanvasNode` is the one NodeGraphQt node class: its sockets come from a `NodeLook` (built
  from the specs and the model), so a type never needs registering and NodeGraphQt can never
  drop a node for being unknown. Its NodeGraphQt id is the model's stable node id.
- `CanvasGraph` never edits on its own: the viewer's gesture signals are unhooked from
  NodeGraphQt's handlers (the canvas turns them into Document edits), its undo stack records
  nothing (the Document's is the only one), and nodes are attached without names checks,
  undo commands or per-node redraws.
"""

from __future__ import annotations

from typing import Any

from NodeGraphQt import BaseNode, NodeGraph, Port
from PySide6.QtGui import QUndoCommand, QUndoStack

from editor.canvas.items import NodeCardItem, SocketItem
from editor.canvas.look import NodeLook


class DiscardUndoStack(QUndoStack):
    """Runs what NodeGraphQt pushes but records nothing: the Document's stack is the one undo stack."""

    def push(self, cmd: QUndoCommand) -> None:
        cmd.redo()

    def beginMacro(self, text: str) -> None:
        return

    def endMacro(self) -> None:
        return


class CanvasNode(BaseNode):
    """A node on the canvas; `look` says what it shows. Sockets are rebuilt when the look's change."""

    __identifier__ = "pulse"
    NODE_NAME = "Node"

    def __init__(self, model_id: str = "") -> None:
        super().__init__(qgraphics_item=NodeCardItem)
        self.model.id = model_id
        self.model.port_deletion_allowed = True
        self.view.id = model_id
        self.view.model_id = model_id
        self._sockets: dict[tuple[bool, str], SocketItem] = {}  # (is output, name) -> socket

    @property
    def card(self) -> NodeCardItem:
        return self.view

    def set_sockets(self, look: NodeLook) -> None:
        """Replaces every socket by those of `look` (connections on them are dropped)."""
        for port in self._inputs:
            self.view.delete_input(port.view)
        for port in self._outputs:
            self.view.delete_output(port.view)
        self._inputs.clear()
        self._outputs.clear()
        self.model.inputs.clear()
        self.model.outputs.clear()
        self._sockets.clear()
        for socket in look.inputs:
            if socket.name not in self.model.inputs:
                # a pulse input takes many connections, a data input one
                item = self.add_input(socket.name, multi_input=socket.pulse, display_name=False).view
                self._sockets[False, socket.name] = item
                item.socket = socket
        for socket in look.outputs:
            if socket.name not in self.model.outputs:
                # a pulse output has one connection, a data output feeds many
                item = self.add_output(socket.name, multi_output=not socket.pulse, display_name=False).view
                self._sockets[True, socket.name] = item
                item.socket = socket

    def drop_socket(self, item: SocketItem) -> None:
        """Removes one socket, leaving the others and their connections as they are."""
        output = item.port_type == "out"
        port = next(p for p in (self._outputs if output else self._inputs) if p.view is item)
        (self._outputs if output else self._inputs).remove(port)
        (self.model.outputs if output else self.model.inputs).pop(item.name, None)
        self._sockets.pop((output, item.name), None)
        (self.view.delete_output if output else self.view.delete_input)(item)

    def input_socket(self, name: str) -> SocketItem | None:
        return self._sockets.get((False, name))

    def output_socket(self, name: str) -> SocketItem | None:
        return self._sockets.get((True, name))

    def port_of(self, item: SocketItem) -> Port | None:
        return next((p for p in (*self._inputs, *self._outputs) if p.view is item), None)


class CanvasGraph(NodeGraph):
    """A NodeGraphQt graph whose viewer gestures are left to the canvas (see the module docstring)."""

    def __init__(self, viewer: Any) -> None:
        super().__init__(undo_stack=DiscardUndoStack(), viewer=viewer)
        for signal, slot in ((viewer.connection_changed, self._on_connection_changed),
                             (viewer.connection_sliced, self._on_connection_sliced),
                             (viewer.moved_nodes, self._on_nodes_moved),
                             (viewer.search_triggered, self._on_search_triggered),
                             (viewer.insert_node, self._on_insert_node),
                             (viewer.node_name_changed, self._on_node_name_changed),
                             (viewer.data_dropped, self._on_node_data_dropped)):
            signal.disconnect(slot)

    def attach(self, node: CanvasNode, position: tuple[float, float]) -> None:
        """Adds a fully built node: no unique-name search, no undo command, one scene insertion."""
        node._graph = self
        node.model._graph_model = self.model
        self.model.nodes[node.id] = node
        node.view.setPos(position[0], position[1])
        self.scene().addItem(node.view)

    def detach(self, node: CanvasNode) -> None:
        """Removes a node and the connections drawn on its sockets."""
        for pipe in node.card.pipes():
            pipe.delete()
        self.model.nodes.pop(node.id, None)
        if node.view.scene() is not None:
            node.view.scene().removeItem(node.view)
        node._graph = None
