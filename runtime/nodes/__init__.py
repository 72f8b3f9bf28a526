"""The core node pack: the always-on `Logic` plugin."""

from __future__ import annotations

from runtime.nodes import (
    arrays,
    debug,
    dictionaries,
    events,
    flow,
    functions,
    interpolate,
    json_nodes,
    literals,
    math,
    numbers,
    prefabs,
    regex,
    strings,
    switches,
    text,
    timers,
    trigonometry,
    variables,
)
from runtime.registry import Plugin

LOGIC_PLUGIN = Plugin(
    id="logic",
    name="Logic",
    description="Events, flow control, variables, maths, text, arrays, dictionaries and functions: the core of "
                "every graph.",
    specs=(*events.SPECS, *flow.SPECS, *switches.SPECS, *timers.SPECS, *debug.SPECS, *variables.SPECS,
           *math.SPECS, *numbers.SPECS, *interpolate.SPECS, *trigonometry.SPECS, *text.SPECS, *strings.SPECS,
           *regex.SPECS, *json_nodes.SPECS, *arrays.SPECS, *dictionaries.SPECS, *literals.SPECS, *functions.SPECS,
           *prefabs.SPECS),
    always_on=True,
)
