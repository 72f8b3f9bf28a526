"""The sockets a placed node has: static specs resolved against the node's attributes and project."""

from __future__ import annotations

from runtime.model import Graph, Node, Project
from runtime.specs import AttrKind, DataPort, NodeSpec, PortEnv, Ports
from runtime.types import DataType


def resolve_type(ref: DataType | str, node: Node, spec: NodeSpec, env: PortEnv) -> DataType:
    """A socket or attribute type: a DataType as is, ``"@Attr"`` through the node's attribute Attr.

    A reference that cannot be resolved (variable deleted, bad value) gives ANY, so that the
    node still loads; validation reports the attribute separately.
    """
    if isinstance(ref, DataType):
        return ref
    if not ref.startswith("@"):
        try:
            return DataType.parse(ref)
        except ValueError:
            return DataType.ANY
    attribute = spec.attribute(ref[1:])
    value = node.attributes.get(ref[1:], attribute.default if attribute else None)
    if attribute is not None and attribute.kind is AttrKind.VARIABLE:
        variable = env.project.variable(str(value), env.graph)
        return variable.type if variable else DataType.ANY
    try:
        return DataType.parse(str(value))
    except ValueError:
        return DataType.ANY


def _resolve(ports: tuple[DataPort, ...], node: Node, spec: NodeSpec, env: PortEnv) -> tuple:
    return tuple((p.name, resolve_type(p.type, node, spec, env)) for p in ports)


def node_ports(node: Node, spec: NodeSpec, project: Project, graph: Graph) -> Ports:
    """All sockets of `node`: the spec's, then any the spec adds for this project."""
    env = PortEnv(project, graph)
    ports = Ports(
        pulse_in=spec.pulse_in or (),
        pulse_out=spec.pulse_out or (),
        inputs=_resolve(spec.inputs, node, spec, env),
        outputs=_resolve(spec.outputs, node, spec, env),
    )
    if spec.extra_ports is None:
        return ports
    extra = spec.extra_ports(node, env)
    return Ports(
        pulse_in=ports.pulse_in + extra.pulse_in,
        pulse_out=ports.pulse_out + extra.pulse_out,
        inputs=ports.inputs + extra.inputs,
        outputs=ports.outputs + extra.outputs,
    )


def extra_inputs(node: Node, spec: NodeSpec, project: Project, graph: Graph) -> tuple[tuple[str, DataType], ...]:
    """The data inputs `spec.extra_ports` adds (a custom event's parameters, Minimum's Input 1…N).

    Like every data input, each keeps its value for when it is not connected in the node's
    attribute of the same name; these are the ones no declared attribute covers.
    """
    if spec.extra_ports is None:
        return ()
    declared = {a.name for a in spec.all_attributes}
    return tuple((n, t) for n, t in spec.extra_ports(node, PortEnv(project, graph)).inputs if n not in declared)
