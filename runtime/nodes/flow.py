"""Flow control: which pulse output fires, how often, and when."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

from runtime.engine.instance import NodeInstance
from runtime.specs import MAX_SOCKETS, Attribute, AttrKind, DataPort, NodeSpec, PortEnv, Ports
from runtime.types import VALUE_TYPES, DataType, is_value_of

#: Returned by a behaviour to end its branch: no pulse output has this name.
END = ""
#: Stop Runtime's Exit Code range: what a process can exit with (0 = success).
MAX_EXIT_CODE = 255


def _branch(ctx: NodeInstance, condition: bool) -> str:
    return "True" if condition else "False"


def _sequential(ctx: NodeInstance) -> Iterator[str]:
    yield from ctx.ports.pulse_out
    return END


def _sequential_ports(node, env: PortEnv) -> Ports:
    count = max(1, int(node.attributes.get("Outputs", 2)))
    return Ports(pulse_out=tuple(f"Then {i}" for i in range(1, count + 1)))


def _toggle(ctx: NodeInstance) -> str:
    on = not ctx.out["Is On"]
    ctx.out["Is On"] = on
    return "On" if on else "Off"


def _for_loop(ctx: NodeInstance, first: int, last: int, step: int) -> Iterator[str]:
    if step == 0:
        raise ValueError("Step must not be 0 (the loop would never end)")
    if ctx.attrs["Is Last Index Included"]:
        last += 1 if step > 0 else -1
    out = ctx.out
    for index in range(first, last, step):
        out["Index"] = index
        yield "Loop Body"
    return "Completed"


def _for_each(ctx: NodeInstance, collection: list | dict) -> Iterator[str]:
    """Walks a snapshot of the collection, so a body that changes it cannot upset the loop."""
    out = ctx.out
    wanted = DataType.parse(ctx.attrs["Data Type"])
    check = wanted is not DataType.ANY
    is_dict = isinstance(collection, dict)
    keys = list(collection) if is_dict else None
    elements = list(collection.values()) if is_dict else list(collection)
    for index, element in enumerate(elements):
        if check and not is_value_of(element, wanted):
            where = f"key {keys[index]!r}" if keys is not None else f"index {index}"
            raise TypeError(f"the element at {where} is {_json_type(element)}, not {wanted.value} "
                            f"(set Data Type to Any to walk mixed elements)")
        if wanted is DataType.FLOAT:
            element = float(element)  # JSON writes 2.0 as 2: a Float element is a Float downstream
        out["Element"], out["Index"] = element, index
        out["Key"] = keys[index] if keys is not None else ""
        yield "Loop Body"
    return "OnEnd"


def _json_type(value: object) -> str:
    return next((t.value for t in VALUE_TYPES if is_value_of(value, t)), "null")


def _for_each_ports(node, env: PortEnv) -> Ports:
    kind = DataType.DICTIONARY if node.attributes.get("Collection") == "Dictionary" else DataType.ARRAY
    return Ports(inputs=((kind.value, kind),))


async def _delay(ctx: NodeInstance, seconds: float) -> None:
    if seconds < 0:
        raise ValueError(f"Seconds must not be negative (got {seconds})")
    await asyncio.sleep(seconds)


def _stop_runtime(ctx: NodeInstance, exit_code: int) -> str:
    """A wired code outside 0-255 still stops the run, as a failure (exit 1), never as a success."""
    if not 0 <= exit_code <= MAX_EXIT_CODE:
        ctx.engine.request_stop(1)
        raise ValueError(f"Exit Code must be between 0 and {MAX_EXIT_CODE}, not {exit_code}; stopping with 1")
    ctx.engine.request_stop(exit_code)
    return END


def _switch_scene(ctx: NodeInstance) -> None:
    ctx.engine.request_scene(ctx.attrs["Scene"])


SPECS = (
    NodeSpec(
        "logic.branch", "Branch", ("Flow",), "Continues on True or False depending on the condition.",
        pulse_out=("True", "False"), inputs=(DataPort("Condition", DataType.BOOL, False),), run=_branch,
    ),
    NodeSpec(
        "logic.sequential", "Sequential", ("Flow",),
        "Fires its outputs top to bottom; a branch that waits (Delay, Start Timeout) waits alone: the next "
        "output fires at once.",
        pulse_out=(), attributes=(Attribute("Outputs", AttrKind.INT, 2, minimum=1, maximum=MAX_SOCKETS,
                                            sockets=True, description="How many outputs to fire in order."),),
        extra_ports=_sequential_ports, run=_sequential,
    ),
    NodeSpec(
        "logic.toggle", "Toggle", ("Flow",),
        "Alternates: the first pulse leaves by On, the next by Off, and so on.",
        pulse_out=("On", "Off"), outputs=(DataPort("Is On", DataType.BOOL),), run=_toggle,
    ),
    NodeSpec(
        "logic.for_loop", "For Loop", ("Flow",),
        "Fires Loop Body for each index from First to Last Index by Step, then Completed; a body that "
        "waits waits alone (the next index does not wait for it).",
        pulse_out=("Loop Body", "Completed"),
        attributes=(Attribute("Is Last Index Included", AttrKind.BOOL, True,
                              description="Whether Last Index itself gets a Loop Body."),),
        inputs=(DataPort("First Index", DataType.INT, 0), DataPort("Last Index", DataType.INT, 9),
                DataPort("Step", DataType.INT, 1, description="Added each time; negative counts down; not 0.")),
        outputs=(DataPort("Index", DataType.INT),), run=_for_loop,
    ),
    NodeSpec(
        "logic.for_each", "For Each Loop", ("Flow",),
        "Fires Loop Body for each element of an Array or entry of a Dictionary (Element, Key, Index), "
        "then OnEnd; a body that waits waits alone.",
        pulse_out=("Loop Body", "OnEnd"),
        attributes=(
            Attribute("Collection", AttrKind.CHOICE, "Array", options=("Array", "Dictionary"),
                      description="Walk an Array (Key stays empty) or a Dictionary (Key is the entry's key)."),
            Attribute("Data Type", AttrKind.DATA_TYPE, "Any", options=("Any", *(t.value for t in VALUE_TYPES)),
                      description="The type of every element; another type is a node error."),
        ),
        outputs=(DataPort("Element", "@Data Type"), DataPort("Key", DataType.STRING), DataPort("Index", DataType.INT)),
        extra_ports=_for_each_ports, run=_for_each,
    ),
    NodeSpec(
        "logic.delay", "Delay", ("Flow",),
        "Waits, without blocking other logic, then continues.",
        inputs=(DataPort("Seconds", DataType.FLOAT, 1.0),), run=_delay,
    ),
    NodeSpec(
        "logic.switch_scene", "Switch Scene", ("Flow", "Runtime"),
        "Stops the active scene's logic and starts the chosen scene's, once this branch step is over; the "
        "pulse continues at once. Asked for again before the switch is over, the scene asked for last wins.",
        attributes=(Attribute("Scene", AttrKind.SCENE, "", description="The scene to switch to."),),
        run=_switch_scene,
    ),
    NodeSpec(
        "logic.stop_runtime", "Stop Runtime", ("Flow", "Runtime"),
        "Ends the run with an exit code from 0 to 255 (pulse-run exits with it); a wired code outside that "
        "range is an error on the node and the run stops with 1.",
        pulse_out=(), run=_stop_runtime,
        inputs=(DataPort("Exit Code", DataType.INT, 0, "0 (success) to 255: what pulse-run exits with.",
                         minimum=0, maximum=MAX_EXIT_CODE),),
    ),
)
