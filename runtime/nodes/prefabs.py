"""Prefabs: a scene's logic runs its prefab instances through their Prefab Input and Output nodes.

Incari's model: a prefab's logic has a Prefab Input node (one output per input of the prefab) and
a Prefab Output node (one input per output); the scene's logic uses an instance through a Prefab
node with those inputs and outputs. Here an instance is an entry of the scene's prefab instances
list, and the Prefab node names it. Unlike a function call, which gets a fresh frame, the branch
runs in the instance itself (its own variables, its own last outputs): an instance is one object.

On Creation fires in an instance when it is created (its scene becomes active, before On Scene
Start); On Destruction when it is destroyed (its scene is left, or the run stops), with a bounded
time to finish (see `Engine.destroy_instances`).
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Any

from runtime.engine.engine import GraphRun, prefab_created_topic, prefab_destroyed_topic
from runtime.engine.instance import NodeInstance
from runtime.model import Node
from runtime.nodes.functions import entry_ports, exit_ports, register_entry, signature, store_result
from runtime.specs import Attribute, AttrKind, NodeSpec, PortEnv, Ports, Scope

_PREFAB_ONLY = frozenset({Scope.PREFAB})


def _instance_ports(node: Node, env: PortEnv) -> Ports:
    name = str(node.attributes.get("Instance", ""))
    instance = next((i for i in env.graph.instances if i.name == name), None)
    prefab = env.project.graphs.get(instance.prefab) if instance is not None else None
    inputs, outputs = signature(prefab, Scope.PREFAB)
    return Ports(inputs=inputs, outputs=outputs)


def _run_instance(ctx: NodeInstance, *args: Any) -> Awaitable[None] | None:
    name = ctx.attrs["Instance"]
    run = ctx.engine.instance_runs.get(name)
    if run is None or not run.active:
        raise LookupError(f"this scene has no prefab instance named {name!r}")
    if run.entry is None:
        raise LookupError(f"prefab {run.graph.name!r} (instance {name!r}) has no Prefab Input node")
    run.entry.out.update(zip([p.name for p in run.graph.inputs], args, strict=True))
    # While the branch runs the instance counts as one level in (a debugger's Step Over/Out see it so).
    depth, run.depth = run.depth, ctx.run.depth + 1
    pending = ctx.engine.runner.fire_branch((run.entry, ""))
    if pending is None:
        _returned(ctx, run, depth)
        return None
    return _return_later(ctx, run, depth, pending)


def _returned(ctx: NodeInstance, run: GraphRun, depth: int) -> None:
    run.depth = depth
    ctx.out.update(run.result)


async def _return_later(ctx: NodeInstance, run: GraphRun, depth: int, pending: Awaitable[None]) -> None:
    try:
        await pending
    finally:
        _returned(ctx, run, depth)


SPECS = (
    NodeSpec(
        "logic.prefab", "Prefab", ("Prefabs",),
        "Runs a prefab instance of this scene from its Prefab Input with these inputs, and continues, with the "
        "values its Prefab Output gave, once that branch is over.",
        scopes=frozenset({Scope.SCENE}),
        attributes=(Attribute("Instance", AttrKind.INSTANCE, "",
                              description="The prefab instance, from this scene's Prefab instances list."),),
        extra_ports=_instance_ports, run=_run_instance,
    ),
    NodeSpec(
        "logic.prefab_input", "Prefab Input", ("Prefabs",),
        "Where the prefab's logic starts when a scene's Prefab node runs this instance; outputs the values it "
        "was given.",
        kind="event", scopes=_PREFAB_ONLY, extra_ports=entry_ports(Scope.PREFAB), setup=register_entry,
    ),
    NodeSpec(
        "logic.prefab_output", "Prefab Output", ("Prefabs",),
        "Gives these values to the scene's Prefab node that runs this instance (they stay the instance's "
        "outputs until the next time).",
        pulse_out=(), scopes=_PREFAB_ONLY, extra_ports=exit_ports(Scope.PREFAB), run=store_result,
    ),
    NodeSpec(
        "logic.on_creation", "On Creation", ("Events", "Prefab"),
        "Fires once in each instance of this prefab when it is created: its scene becomes the active one "
        "(before On Scene Start).",
        kind="event", scopes=_PREFAB_ONLY, topic=lambda ctx: prefab_created_topic,
    ),
    NodeSpec(
        "logic.on_destruction", "On Destruction", ("Events", "Prefab"),
        "Fires once in each instance of this prefab when it is destroyed: its scene is left or the run stops. "
        "Its branch gets one second at most, then it is stopped.",
        kind="event", scopes=_PREFAB_ONLY, topic=lambda ctx: prefab_destroyed_topic,
    ),
)
