"""Which editor an attribute gets, and the editors themselves, all built from the attribute spec.

`describe()` turns an attribute of a placed node into a `FieldShape` (editor kind and options,
resolved against the project: variables, functions, scenes, settings entries, "@Attr" types);
`make_field()` builds the widget. Every field has `committed(value)` and `set_value(value)`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QCheckBox, QDoubleSpinBox, QLineEdit, QSizePolicy, QSpinBox, QWidget

from editor.panels.socket_fields import SocketCountField, StringListField
from editor.widgets.json_edit import JsonEdit
from editor.widgets.ref_combo import RefCombo
from runtime.model import Graph, Node, Project
from runtime.ports import extra_inputs, resolve_type
from runtime.registry import Registry
from runtime.setting_refs import entry_names
from runtime.specs import Attribute, AttrKind, NodeSpec, PortEnv, Scope, value_attribute
from runtime.types import VALUE_TYPES, DataType, default_value, is_value_of, to_string

INT_RANGE = 2**31 - 1
NARROW_WIDTH = 64  # pixels a number field asks for at most (it grows with the panel)


@dataclass(frozen=True)
class FieldShape:
    """The editor an attribute needs right now; when the shape changes, the form is rebuilt."""

    kind: str  # bool, int, float, string, choice, array, dictionary, socket_count, string_list
    options: tuple[tuple[str, Any], ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    data_type: DataType | None = None  # for values: what a stored value must be
    stem: str = ""  # for string lists: what new entries are called ("Case" -> Case 3)


_VALUE_KINDS = {DataType.BOOL: "bool", DataType.INT: "int", DataType.FLOAT: "float", DataType.STRING: "string",
                DataType.ANY: "string", DataType.ARRAY: "array", DataType.DICTIONARY: "dictionary"}
_SIMPLE = {AttrKind.BOOL: DataType.BOOL, AttrKind.INT: DataType.INT, AttrKind.FLOAT: DataType.FLOAT,
           AttrKind.STRING: DataType.STRING}


def describe(attribute: Attribute, node: Node, spec: NodeSpec, project: Project, graph: Graph,
             registry: Registry) -> FieldShape:
    """The field shape of `attribute` on `node`, with drop-down options taken from the project."""
    kind = attribute.kind
    if kind is AttrKind.INT and attribute.sockets:
        return FieldShape("socket_count", minimum=attribute.minimum, maximum=attribute.maximum)
    if kind is AttrKind.STRING_LIST:
        stem = attribute.name[:-1] if attribute.name.endswith("s") else attribute.name
        return FieldShape("string_list", minimum=attribute.minimum, maximum=attribute.maximum, stem=stem)
    if kind in _SIMPLE:
        data_type = _SIMPLE[kind]
        return FieldShape(_VALUE_KINDS[data_type], minimum=attribute.minimum, maximum=attribute.maximum,
                          data_type=data_type)
    if kind is AttrKind.VALUE:
        data_type = resolve_type(attribute.type_ref, node, spec, PortEnv(project, graph))
        return FieldShape(_VALUE_KINDS[data_type], minimum=attribute.minimum, maximum=attribute.maximum,
                          data_type=data_type)
    return FieldShape("choice", tuple(_options(attribute, project, graph, registry)))


def _options(attribute: Attribute, project: Project, graph: Graph, registry: Registry) -> list[tuple[str, Any]]:
    kind = attribute.kind
    if kind is AttrKind.CHOICE:
        return [(o, o) for o in attribute.options]
    if kind is AttrKind.DATA_TYPE:
        return [(o, o) for o in (attribute.options or tuple(t.value for t in VALUE_TYPES))]
    if kind is AttrKind.VARIABLE:  # what Project.variable(name, graph) finds: a prefab's own first
        own = graph.variables if graph.kind is Scope.PREFAB else []
        seen: set[str] = set()
        result = []
        for variable in [*own, *project.variables]:
            if variable.name not in seen:
                seen.add(variable.name)
                where = f" · {graph.name}" if variable in own else ""
                result.append((f"{variable.name}  ({variable.type.value}{where})", variable.name))
        return result
    if kind is AttrKind.FUNCTION:
        return [(g.name, g.id) for g in project.graphs_of(Scope.FUNCTION)]
    if kind is AttrKind.SCENE:
        return [(g.name, g.id) for g in project.graphs_of(Scope.SCENE)]
    if kind is AttrKind.INSTANCE:  # a scene's prefab instances, shown with their prefab
        return [(f"{i.name}  ({getattr(project.graphs.get(i.prefab), 'name', '?')})", i.name) for i in graph.instances]
    if kind is AttrKind.EVENT:
        return [(_event_label(e.name, [p.type.value for p in e.parameters]), e.name) for e in project.events]
    if kind is AttrKind.SETTING:
        return [(n, n) for n in entry_names(project, attribute.source)]
    return []


def _event_label(name: str, types: list[str]) -> str:
    """How an event shows in lists: its name and its parameters' types, ``alarm  (Int, String)``."""
    return f"{name}  ({', '.join(types)})" if types else name


def socket_attributes(node: Node, spec: NodeSpec, project: Project, graph: Graph) -> list[Attribute]:
    """Value attributes for the data inputs a node's spec adds for this project (an event's parameters,
    Minimum's Input 1…N), so that their values for when they are not connected can be edited too."""
    return [value_attribute(name, data_type) for name, data_type in extra_inputs(node, spec, project, graph)]


def shown_value(shape: FieldShape, value: Any) -> Any:
    """The value a field shows: the stored one if it fits the shape, else the type's default."""
    if shape.data_type is None:
        return value
    if shape.data_type is DataType.ANY:
        return "" if value is None else to_string(value)
    return value if is_value_of(value, shape.data_type) else default_value(shape.data_type)


# --- the editors ------------------------------------------------------------------------------

class BoolField(QCheckBox):
    committed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)  # clickable where it is drawn
        self.toggled.connect(self.committed.emit)

    def set_value(self, value: Any) -> None:
        self.blockSignals(True)
        self.setChecked(bool(value))
        self.blockSignals(False)


class _Narrow:
    """Spin boxes ask to be as wide as their whole range printed (a Float's is 20 digits): a field only
    needs room for the values people type, so the Attribute Editor never needs a horizontal scrollbar."""

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()  # type: ignore[misc]
        return QSize(min(hint.width(), NARROW_WIDTH), hint.height())

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()  # type: ignore[misc]
        return QSize(min(hint.width(), NARROW_WIDTH), hint.height())


class IntField(_Narrow, QSpinBox):
    committed = Signal(object)

    def __init__(self, minimum: float | None, maximum: float | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(int(minimum) if minimum is not None else -INT_RANGE,
                      int(maximum) if maximum is not None else INT_RANGE)
        self.setKeyboardTracking(False)  # one edit per Enter / focus change / arrow, not per digit
        self.lineEdit().setTextMargins(4, 0, 0, 0)  # the style sheet's padding does not reach a spin box's text
        self.valueChanged.connect(self.committed.emit)

    def set_value(self, value: Any) -> None:
        self.blockSignals(True)
        self.setValue(int(value))
        self.blockSignals(False)


class FloatField(_Narrow, QDoubleSpinBox):
    committed = Signal(object)

    def __init__(self, minimum: float | None, maximum: float | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDecimals(6)
        self.setRange(minimum if minimum is not None else -1e12, maximum if maximum is not None else 1e12)
        self.setKeyboardTracking(False)
        self.lineEdit().setTextMargins(4, 0, 0, 0)
        self.valueChanged.connect(lambda v: self.committed.emit(float(v)))

    def set_value(self, value: Any) -> None:
        self.blockSignals(True)
        self.setValue(float(value) if isinstance(value, (int, float)) and math.isfinite(value) else 0.0)
        self.blockSignals(False)

    def textFromValue(self, value: float) -> str:
        return f"{value:.6f}".rstrip("0").rstrip(".") if value != int(value) else f"{value:.1f}"


class TextField(QLineEdit):
    committed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._last = ""
        self.editingFinished.connect(self._finish)

    def set_value(self, value: Any) -> None:
        self._last = "" if value is None else str(value)
        if self.text() != self._last:
            self.setText(self._last)

    def _finish(self) -> None:
        if self.text() != self._last:
            self._last = self.text()
            self.committed.emit(self._last)


class JsonField(JsonEdit):
    def __init__(self, expected: type, parent: QWidget | None = None) -> None:
        super().__init__(expected, parent)


def make_field(shape: FieldShape, value: Any) -> QWidget:
    """A widget for `shape` showing `value`; it emits `committed(new value)` when the user edits it."""
    field: Any
    if shape.kind == "bool":
        field = BoolField()
    elif shape.kind == "int":
        field = IntField(shape.minimum, shape.maximum)
    elif shape.kind == "float":
        field = FloatField(shape.minimum, shape.maximum)
    elif shape.kind == "socket_count":
        field = SocketCountField(shape.minimum, shape.maximum)
    elif shape.kind == "string_list":
        field = StringListField(shape.minimum, shape.maximum, shape.stem or "Entry")
    elif shape.kind in ("array", "dictionary"):
        field = JsonField(list if shape.kind == "array" else dict)
    elif shape.kind == "choice":
        field = RefCombo()
        field.set_options(list(shape.options), value)
        return field
    else:
        field = TextField()
    field.set_value(shown_value(shape, value))
    return field


def set_field_value(field: QWidget, shape: FieldShape, value: Any) -> None:
    """Shows a new model value in an existing field (no signal: the model already has it)."""
    field.set_value(shown_value(shape, value))  # type: ignore[attr-defined]
