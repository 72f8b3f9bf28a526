"""Node specs: a node type is declared once, here-shaped, and everything else is derived from it.

A `NodeSpec` carries both the data the editor and the file format need (sockets, attributes,
scopes, category) and the behaviour the interpreter runs. Behaviour comes in three kinds:

- ``action``: has pulse sockets; ``run(ctx, *inputs)`` returns the name of the pulse output to
  follow (``None`` = the first one), a generator that yields pulse outputs to fire in turn and
  returns the last one, or an awaitable resolving to one of those names.
- ``pure``: no pulse sockets; ``run(ctx, *inputs)`` returns its single output value, or a tuple
  of values in output order. Evaluated on demand when a consumer's pulse arrives.
- ``event``: no pulse input; ``topic(ctx)`` names what the node listens to, and the engine
  fires it with output values.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from runtime.types import DataType

if TYPE_CHECKING:
    from runtime.model import Graph, Node, Project


class Scope(StrEnum):
    """The kinds of logic tab a node may be placed on."""

    PROJECT = "Project"
    SCENE = "Scene"
    FUNCTION = "Function"
    PREFAB = "Prefab"


ALL_SCOPES: frozenset[Scope] = frozenset(Scope)
PROJECT_AND_SCENE: frozenset[Scope] = frozenset({Scope.PROJECT, Scope.SCENE})
EVENT_SCOPES: frozenset[Scope] = frozenset({Scope.PROJECT, Scope.SCENE, Scope.PREFAB})


class AttrKind(StrEnum):
    """Which editor an attribute gets, and where a drop-down's options come from."""

    BOOL = "bool"
    INT = "int"
    FLOAT = "float"
    STRING = "string"
    CHOICE = "choice"  # fixed options
    DATA_TYPE = "data_type"  # one of the value types (or the ones in `options`)
    VARIABLE = "variable"  # a variable visible from the node's graph
    FUNCTION = "function"  # a function graph of the project
    SCENE = "scene"  # a scene graph of the project
    INSTANCE = "instance"  # a prefab instance of the node's scene
    SETTING = "setting"  # an entry of a plugin's settings list, e.g. a Socket.IO connection
    EVENT = "event"  # a custom event of the project's Events list
    VALUE = "value"  # a literal whose type is given by `type_ref`
    STRING_LIST = "string_list"  # a list of strings, e.g. a Switch's cases (one socket each)


@dataclass(frozen=True)
class Attribute:
    """An attribute of a node, shown in the Attribute Editor and saved with the node.

    `source` names the settings list a SETTING attribute picks from (e.g. ``socketio``);
    `type_ref` gives a VALUE attribute's data type: a DataType value (``"Array"``) or
    ``"@Attr"``, the type chosen by attribute Attr. `minimum`/`maximum` bound INT and FLOAT
    values (and a STRING_LIST's length); they are checked at load and in the Attribute Editor.
    `sockets` marks an attribute that decides how many sockets the node has (an INT count or a
    STRING_LIST of names): the Attribute Editor offers + / x buttons for it.
    """

    name: str
    kind: AttrKind
    default: Any = None
    options: tuple[str, ...] = ()
    source: str = ""
    type_ref: str = ""
    description: str = ""
    minimum: float | None = None
    maximum: float | None = None
    sockets: bool = False


#: The most sockets a count or list attribute may ask for (Sequential outputs, Switch cases...).
MAX_SOCKETS = 64


@dataclass(frozen=True)
class DataPort:
    """A data socket. `type` is a DataType, or ``"@Attr"``: the type chosen by attribute Attr.

    `minimum`/`maximum` bound the unconnected value (its attribute), as for an Attribute.
    """

    name: str
    type: DataType | str
    default: Any = None
    description: str = ""
    minimum: float | None = None
    maximum: float | None = None


@dataclass(frozen=True)
class Ports:
    """The sockets of one node as placed: static specs resolve to these, dynamic ones compute them."""

    pulse_in: tuple[str, ...] = ()
    pulse_out: tuple[str, ...] = ()
    inputs: tuple[tuple[str, DataType], ...] = ()
    outputs: tuple[tuple[str, DataType], ...] = ()

    def input_type(self, name: str) -> DataType | None:
        return next((t for n, t in self.inputs if n == name), None)

    def output_type(self, name: str) -> DataType | None:
        return next((t for n, t in self.outputs if n == name), None)


@dataclass(frozen=True)
class PortEnv:
    """What a node's sockets may depend on: the project and the graph the node sits in."""

    project: Project
    graph: Graph


ExtraPorts = Callable[["Node", PortEnv], Ports]


def count_attribute(name: str, default: int, description: str) -> Attribute:
    """An INT attribute that decides how many numbered sockets a node has (+ / x in the Attribute Editor)."""
    return Attribute(name, AttrKind.INT, default, minimum=1, maximum=MAX_SOCKETS, sockets=True,
                     description=description)


def socket_count(node: Node, attribute: Attribute) -> int:
    """The number of sockets `attribute` (see `count_attribute`) asks for on `node`, within 1..MAX_SOCKETS."""
    value = node.attributes.get(attribute.name, attribute.default)
    count = value if isinstance(value, int) and not isinstance(value, bool) else attribute.default
    return min(MAX_SOCKETS, max(1, count))


def numbered_inputs(count: Attribute, prefix: str, data_type: DataType | str) -> ExtraPorts:
    """Extra ports ``prefix 1`` .. ``prefix n``, n chosen by the count attribute (Concat Strings' inputs), of
    `data_type`: a DataType, or ``"@Attr"``, the type chosen by attribute Attr (Minimum's ``"@Type"``)."""
    def ports(node: Node, env: PortEnv) -> Ports:
        kind = data_type
        if kind.startswith("@"):
            kind = DataType.parse(str(node.attributes.get(kind[1:], DataType.INT.value)))
        return Ports(inputs=tuple((f"{prefix} {i}", kind) for i in range(1, socket_count(node, count) + 1)))

    return ports


@dataclass(frozen=True)
class NodeSpec:
    """One node type. See the module docstring for what `run` and `topic` receive and return.

    Parameters (defaults in brackets):
        type_id: stable id written in files, ``plugin.name`` (``logic.branch``).
        name: display name in the Toolbox and on the node.
        category: Toolbox path, outermost first (``("Flow",)``).
        description: one line for the Toolbox tooltip and docs/nodes.md.
        kind: ``action``, ``pure`` or ``event``.
        scopes: tabs the node may be placed on [all].
        pulse_in / pulse_out: pulse socket names [``("In",)`` / ``("Out",)`` for actions].
        inputs / outputs: data sockets.
        attributes: attributes that are not input defaults (every data input also gets one).
        run: behaviour for ``action`` and ``pure`` nodes.
        topic: for ``event`` nodes, ``topic(ctx) -> hashable`` the node listens to.
        extra_ports: sockets that depend on the project (function signature, N outputs).
        setup: ``setup(ctx)`` prepares an instance once, when its graph starts running (cache a
            variable store, watch a variable); cleanups go in ``ctx.run.cleanups``.
        plugin: owning plugin id, filled in by the plugin that registers the spec.
        icon: the glyph of the node's Toolbox mark instead of its kind's: an editor icon name or a
            QtAwesome glyph ("mdi6.timer-outline"); empty or unknown: the kind's glyph.
    """

    type_id: str
    name: str
    category: tuple[str, ...]
    description: str
    kind: str = "action"
    scopes: frozenset[Scope] = ALL_SCOPES
    pulse_in: tuple[str, ...] | None = None
    pulse_out: tuple[str, ...] | None = None
    inputs: tuple[DataPort, ...] = ()
    outputs: tuple[DataPort, ...] = ()
    attributes: tuple[Attribute, ...] = ()
    run: Callable[..., Any] | None = None
    topic: Callable[..., Any] | None = None
    extra_ports: ExtraPorts | None = None
    setup: Callable[[Any], None] | None = None
    plugin: str = ""
    icon: str = ""
    keep_alive: bool = False  # an event node that outside events can fire (keeps pulse-run going)
    _all_attributes: tuple[Attribute, ...] = field(default=(), init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.kind not in ("action", "pure", "event"):
            raise ValueError(f"{self.type_id}: kind must be action, pure or event, not {self.kind!r}")
        if self.pulse_in is None:
            object.__setattr__(self, "pulse_in", ("In",) if self.kind == "action" else ())
        if self.pulse_out is None:
            object.__setattr__(self, "pulse_out", ("Out",) if self.kind != "pure" else ())
        defaults = tuple(_input_attribute(port) for port in self.inputs)
        object.__setattr__(self, "_all_attributes", self.attributes + defaults)

    @property
    def all_attributes(self) -> tuple[Attribute, ...]:
        """Own attributes followed by one per data input (its default when unconnected)."""
        return self._all_attributes

    def attribute(self, name: str) -> Attribute | None:
        return next((a for a in self._all_attributes if a.name == name), None)

    def default_attributes(self) -> dict[str, Any]:
        """Fresh attribute values for a newly placed node (none for values whose type is chosen later)."""
        return {a.name: _copy(a.default) for a in self._all_attributes if a.default is not None}


def value_attribute(name: str, data_type: DataType | str, default: Any = None, description: str = "",
                    minimum: float | None = None, maximum: float | None = None) -> Attribute:
    """An attribute holding a value of `data_type` (a DataType, or ``"@Attr"``: the type chosen by attribute
    Attr); the Attribute Editor and the file checks take the field and the rules from that type."""
    return Attribute(name, AttrKind.VALUE, default, type_ref=data_type, description=description,
                     minimum=minimum, maximum=maximum)


def _input_attribute(port: DataPort) -> Attribute:
    """The attribute that holds an unconnected data input's value."""
    return value_attribute(port.name, port.type, port.default, port.description, port.minimum, port.maximum)


def _copy(value: Any) -> Any:
    return value.copy() if isinstance(value, (list, dict)) else value


def data_ports(*specs: tuple[str, DataType | str] | tuple[str, DataType | str, Any]) -> tuple[DataPort, ...]:
    """Shorthand: ``data_ports(("A", DataType.INT), ("B", DataType.INT, 1))``."""
    return tuple(DataPort(*spec) for spec in specs)


def names(ports: Sequence[DataPort]) -> tuple[str, ...]:
    return tuple(p.name for p in ports)
