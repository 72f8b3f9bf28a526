"""The Attribute Editor: the selected node's general attributes and its own, each with a fitting editor.

The form is generated from the node's spec (see attribute_fields). It follows the model: when
a change keeps the form's shape (same attributes, same editors, same drop-down options) only
the values are updated, so a field being edited keeps its focus; otherwise it is rebuilt.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from editor.document import Document
from editor.panels.attribute_fields import (
    BoolField,
    FieldShape,
    TextField,
    describe,
    make_field,
    set_field_value,
    socket_attributes,
)
from editor.widgets.ref_combo import RefCombo
from runtime.model import Change, Graph, Node
from runtime.specs import NodeSpec

_WATCHED = {"node_changed", "node_removed", "link_added", "link_removed", "settings_changed", "variables_changed",
            "graph_added", "graph_removed", "graph_renamed", "graph_signature", "plugin_toggled", "events_changed"}


class AttributeEditor(QWidget):
    """Shows one node (or nothing); every edit goes through the document, so it is undoable."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: Document | None = None
        self.graph_id: str | None = None
        self.node_id: str | None = None
        self._shape: tuple | None = None
        self.fields: dict[str, QWidget] = {}  # attribute name -> editor (tests drive these)
        self.wired: dict[str, QLabel] = {}  # attribute name -> "from 'Compare' › Result", shown when connected
        self._shapes: dict[str, FieldShape] = {}

        self.title = QLabel(objectName="NodeTitle")
        self.subtitle = QLabel(objectName="Muted")
        self.banner = QLabel(objectName="Banner", wordWrap=True)
        self.problems = QLabel(objectName="Problem", wordWrap=True)
        self.empty = QLabel("Select a node on the canvas to see and edit its attributes.", objectName="Muted",
                            wordWrap=True, alignment=Qt.AlignmentFlag.AlignCenter)

        self.name_field = TextField()
        self.type_field = QLineEdit(readOnly=True)
        self.enabled_field = BoolField()
        self.pass_field = BoolField()
        self.name_field.committed.connect(self._rename)
        self.enabled_field.committed.connect(lambda v: self._set_field("enabled", v))
        self.pass_field.committed.connect(lambda v: self._set_field("pass_through", v))
        self.comment_field = TextField()
        self.comment_field.setPlaceholderText("A note shown above the node")
        self.comment_field.committed.connect(lambda v: self._set_field("comment", v.strip()))
        general = QGroupBox("General")
        self._general_form = form = _form(general)
        form.addRow("Name", self.name_field)
        form.addRow("Type", self.type_field)
        form.addRow("Enabled", self.enabled_field)
        form.addRow("Pulse Pass Through", self.pass_field)
        form.addRow("Comment", self.comment_field)
        self.attributes_box = QGroupBox("Attributes")
        self._attr_form = _form(self.attributes_box)

        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        for widget in (self.title, self.subtitle, self.banner, self.problems, general, self.attributes_box):
            body.addWidget(widget)
        body.addStretch(1)

        scroll = QScrollArea(widgetResizable=True, frameShape=QScrollArea.Shape.NoFrame)
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.empty)
        layout.addWidget(self.body)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self._refresh()

    # --- what is shown ----------------------------------------------------------------------
    def set_document(self, document: Document) -> None:
        if self.document is not None:
            self.document.project.changed.disconnect(self._on_change)
        self.document = document
        document.project.changed.connect(self._on_change)
        self.show_node(None, None)

    def show_node(self, graph_id: str | None, node_id: str | None) -> None:
        self.graph_id, self.node_id = graph_id, node_id
        self._refresh()

    def _current(self) -> tuple[Graph, Node] | None:
        if self.document is None or self.graph_id is None or self.node_id is None:
            return None
        graph = self.document.project.graphs.get(self.graph_id)
        node = graph.nodes.get(self.node_id) if graph else None
        return (graph, node) if graph and node else None

    def _on_change(self, change: Change) -> None:
        if change.what not in _WATCHED or self.node_id is None:
            return
        if change.what == "node_changed" and change.detail.id != self.node_id and not self._feeds(change.detail.id):
            return
        self._refresh()

    def _feeds(self, node_id: str) -> bool:
        """Whether `node_id` is wired into the shown node (its name is shown on the wired inputs)."""
        current = self._current()
        return current is not None and any(k.source == node_id and k.target == self.node_id
                                           for k in current[0].links)

    # --- building and updating the form -----------------------------------------------------
    def _refresh(self) -> None:
        current = self._current()
        self.empty.setVisible(current is None)
        self.body.setVisible(current is not None)
        if current is None:
            self._shape = None
            return
        graph, node = current
        assert self.document is not None
        registry = self.document.registry
        spec = registry.spec(node.type)
        live = registry.live_spec(node.type, self.document.project) is not None
        rows = self._rows(graph, node, spec) if spec else []
        shape = (node.id, live, spec is not None, tuple((a, s, bool(c)) for a, s, c, _ in rows))
        if shape != self._shape:
            self._build(node, spec, live, rows)
            self._shape = shape
        for name, _shape, source, value in rows:
            set_field_value(self.fields[name], self._shapes[name], value)
            self.wired[name].setText(f"⟵ {source}" if source else "")
        self._show_general(node, spec)
        missing = [f"{name}: {self.fields[name].currentData()!r} does not exist" for name in self.fields
                   if isinstance(self.fields[name], RefCombo) and self.fields[name].missing]
        self.problems.setText("\n".join(missing))
        self.problems.setVisible(bool(missing))

    def _rows(self, graph: Graph, node: Node, spec: NodeSpec) -> list[tuple[str, FieldShape, str, Any]]:
        """(name, field shape, what the connection into it comes from or "", value) per attribute."""
        assert self.document is not None
        project, registry = self.document.project, self.document.registry
        sockets = socket_attributes(node, spec, project, graph)
        inputs = {p.name for p in spec.inputs} | {a.name for a in sockets}
        rows = []
        for attribute in (*spec.all_attributes, *sockets):
            links = graph.links_into(node.id, attribute.name) if attribute.name in inputs else []
            source = graph.nodes.get(links[0].source) if links else None
            wired = f"{source.name} › {links[0].output}" if source else ""
            value = node.attributes.get(attribute.name, attribute.default)
            rows.append((attribute.name, describe(attribute, node, spec, project, graph, registry), wired, value))
        return rows

    def _build(self, node: Node, spec: NodeSpec | None, live: bool,
               rows: list[tuple[str, FieldShape, str, Any]]) -> None:
        while self._attr_form.rowCount():
            self._attr_form.removeRow(0)
        self.fields, self._shapes, self.wired = {}, {}, {}
        for name, shape, source, value in rows:
            field = make_field(shape, value)
            field.committed.connect(lambda v, n=name: self._set_attribute(n, v))  # type: ignore[attr-defined]
            field.setEnabled(live)
            attribute = spec.attribute(name) if spec else None
            label = QLabel(name, toolTip=attribute.description if attribute else "")
            self._attr_form.addRow(label, _wired_row(field, source))
            self.fields[name], self._shapes[name] = field, shape
            self.wired[name] = field.parentWidget().findChild(QLabel, "Wired")
        if spec is None:  # unknown type: show what the file holds, read-only
            for name, value in node.attributes.items():
                self._attr_form.addRow(name, QLineEdit(json.dumps(value, ensure_ascii=False), readOnly=True))
        self.attributes_box.setVisible(self._attr_form.rowCount() > 0)
        _align_labels(self._general_form, self._attr_form)

    def _show_general(self, node: Node, spec: NodeSpec | None) -> None:
        assert self.document is not None
        registry = self.document.registry
        self.title.setText(node.name)
        self.name_field.set_value(node.name)
        self.type_field.setText(spec.name if spec else node.type)
        self.type_field.setToolTip(node.type)
        self.enabled_field.set_value(node.enabled)
        self.comment_field.set_value(node.comment)
        self.pass_field.set_value(node.pass_through)
        plugin = registry.plugins.get(spec.plugin) if spec else None
        self.subtitle.setText(f"{spec.name} · {plugin.name if plugin else spec.plugin}" if spec else node.type)
        if spec is None:
            self.banner.setText(f"Unknown node type {node.type!r}: kept exactly as written in the file, "
                                "but it cannot run.")
        elif not registry.is_active(spec.plugin, self.document.project):
            self.banner.setText(f"Plugin {plugin.name if plugin else spec.plugin!r} is off: this node is kept but does "
                                "not run. Activate it in Tools ▸ Plugins Editor.")
        self.banner.setVisible(spec is None or not registry.is_active(spec.plugin, self.document.project))
        for widget in (self.name_field, self.enabled_field, self.pass_field, self.comment_field):
            widget.setEnabled(True)

    # --- edits --------------------------------------------------------------------------------
    def _rename(self, name: str) -> None:
        if not name.strip():
            self._refresh()
            return
        self._set_field("name", name.strip())

    def _set_field(self, field: str, value: Any) -> None:
        if self.document and self._current():
            assert self.graph_id and self.node_id
            self.document.set_node_field(self.graph_id, self.node_id, field, value)

    def _set_attribute(self, name: str, value: Any) -> None:
        if self.document and self._current():
            assert self.graph_id and self.node_id
            self.document.set_attribute(self.graph_id, self.node_id, name, value)


def _wired_row(field: QWidget, source: str) -> QWidget:
    """The field, or, while a connection provides the value, what it comes from instead (the field would
    suggest an editable value that the run never uses)."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    wired = QLabel(objectName="Wired", wordWrap=True,
                   toolTip="Connected: the value comes from the connection. Disconnect it to edit the value here.")
    layout.addWidget(field)
    layout.addWidget(wired, 1)
    field.setVisible(not source)
    wired.setVisible(bool(source))
    return row


def _align_labels(*forms: QFormLayout) -> None:
    """Gives the label columns of `forms` one width, so that their fields start on one line."""
    labels = [label for form in forms for row in range(form.rowCount())
              if (item := form.itemAt(row, QFormLayout.ItemRole.LabelRole)) and (label := item.widget())]
    width = max((label.sizeHint().width() for label in labels), default=0)
    for label in labels:
        label.setMinimumWidth(width)
        if isinstance(label, QLabel):
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def _form(parent: QWidget) -> QFormLayout:
    form = QFormLayout(parent)
    form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    form.setHorizontalSpacing(10)
    form.setVerticalSpacing(6)
    return form
