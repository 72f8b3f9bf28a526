"""What one node looks like on the canvas, computed from the model alone (no Qt).

A `NodeLook` is compared with the one on screen to decide whether a node needs redrawing or
its sockets rebuilding. Every node (a placeholder for a plugin off or an unknown type, or a live
node whose type lacks a socket a link names) shows a stand-in socket for each socket the model's
links name that it does not have, so that no connection is ever lost from view; the stand-in
lasts as long as a link names it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from runtime.model import Graph, Link, Node, Project
from runtime.ports import node_ports
from runtime.registry import Registry
from runtime.setting_refs import setting_problem
from runtime.specs import NodeSpec, Ports
from runtime.types import DataType

PLUGIN_OFF = "plugin off"
UNKNOWN_TYPE = "unknown type"


@dataclass(frozen=True)
class Socket:
    """A socket as drawn: pulse sockets have no data type. `stand_in`: drawn only because a link names it."""

    name: str
    pulse: bool
    data_type: DataType | None = None
    stand_in: bool = False


@dataclass(frozen=True)
class NodeLook:
    """Everything the canvas draws for one node. `status` is "" for a live node; `problem` flags a live
    node that cannot run as set up (no Configuration chosen), before any run."""

    title: str
    type_name: str
    category: str
    badge: str
    status: str
    enabled: bool
    pass_through: bool
    inputs: tuple[Socket, ...]
    outputs: tuple[Socket, ...]
    description: str = ""
    problem: str = ""
    comment: str = ""  # the node comment, shown in a bubble above the card

    @property
    def strip(self) -> str:
        """The warning shown under the title: why the node cannot run, if anything."""
        return self.status or self.problem

    @property
    def sockets(self) -> tuple[tuple[Socket, ...], tuple[Socket, ...]]:
        return self.inputs, self.outputs


def _sockets(ports: Ports) -> tuple[tuple[Socket, ...], tuple[Socket, ...]]:
    inputs = tuple(Socket(n, True) for n in ports.pulse_in) + tuple(Socket(n, False, t) for n, t in ports.inputs)
    outputs = tuple(Socket(n, True) for n in ports.pulse_out) + tuple(Socket(n, False, t) for n, t in ports.outputs)
    return inputs, outputs


def _spec_sockets(node: Node, spec: NodeSpec, project: Project, graph: Graph) -> tuple[tuple, tuple]:
    try:
        return _sockets(node_ports(node, spec, project, graph))
    except Exception:  # a broken attribute must not hide the node
        return (), ()


def _far_socket(link: Link, graph: Graph, project: Project, registry: Registry, output: bool) -> Socket | None:
    """The socket at the other end of `link` (its output if `output`), when that node's type is known."""
    node = graph.nodes.get(link.source if output else link.target)
    spec = registry.spec(node.type) if node else None
    if node is None or spec is None:
        return None
    inputs, outputs = _spec_sockets(node, spec, project, graph)
    name = link.output if output else link.input
    return next((s for s in (outputs if output else inputs) if s.name == name), None)


def _stand_in(name: str, far: Socket | None) -> Socket:
    """A socket named by a link only, of the far end's kind when known (else Any data)."""
    if far is None:
        return Socket(name, False, DataType.ANY, stand_in=True)
    return Socket(name, far.pulse, far.data_type, stand_in=True)


def _with_link_sockets(node: Node, graph: Graph, project: Project, registry: Registry, links: Iterable[Link],
                       inputs: tuple[Socket, ...], outputs: tuple[Socket, ...]) -> tuple[tuple, tuple]:
    """Adds the sockets that the model's links name but the node does not have (kinds guessed from the far end)."""
    have_in, have_out = {s.name for s in inputs}, {s.name for s in outputs}
    extra_in: list[Socket] = []
    extra_out: list[Socket] = []
    for link in links:
        if link.target == node.id and link.input not in have_in:
            far = _far_socket(link, graph, project, registry, output=True)
            extra_in.append(_stand_in(link.input, far))
            have_in.add(link.input)
        if link.source == node.id and link.output not in have_out:
            far = _far_socket(link, graph, project, registry, output=False)
            extra_out.append(_stand_in(link.output, far))
            have_out.add(link.output)
    return inputs + tuple(extra_in), outputs + tuple(extra_out)


def look_of(node: Node, graph: Graph, project: Project, registry: Registry,
            links: Iterable[Link] | None = None) -> NodeLook:
    """The look of `node`; `links` are the node's links when the caller has them indexed (else they are found)."""
    links = graph.links_of(node.id) if links is None else links
    spec = registry.spec(node.type)
    if spec is None:
        inputs, outputs = _with_link_sockets(node, graph, project, registry, links, (), ())
        return NodeLook(node.name, node.type, "", "", UNKNOWN_TYPE, node.enabled, node.pass_through,
                        inputs, outputs, f"Unknown node type {node.type!r}: kept as it is, cannot run.",
                        comment=node.comment)
    plugin = registry.plugins.get(spec.plugin)
    live = registry.is_active(spec.plugin, project)
    inputs, outputs = _spec_sockets(node, spec, project, graph)
    inputs, outputs = _with_link_sockets(node, graph, project, registry, links, inputs, outputs)
    badge = plugin.name if plugin is not None and not plugin.always_on else ""
    status = "" if live else PLUGIN_OFF
    description = spec.description if live else f"The {badge or spec.plugin} plugin is off: this node cannot run."
    problem, why = setting_problem(node, spec, project, registry) if live else ("", "")
    if why:
        description = f"⚠ {why}<br/>{description}"
    return NodeLook(node.name, spec.name, spec.category[0] if spec.category else "", badge, status,
                    node.enabled, node.pass_through, inputs, outputs, description, problem, node.comment)
