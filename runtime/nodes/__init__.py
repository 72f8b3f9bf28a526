"""The core node pack: the always-on `Logic` plugin."""

from __future__ import annotations

from runtime.nodes import (
    debug,
    events,
    flow,
    functions,
    interpolate,
    literals,
    math,
    numbers,
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
    description="Events, flow control, variables, maths, text and functions: the core of every graph.",
    specs=(*events.SPECS, *flow.SPECS, *switches.SPECS, *timers.SPECS, *debug.SPECS, *variables.SPECS,
           *math.SPECS, *numbers.SPECS, *interpolate.SPECS, *trigonometry.SPECS, *text.SPECS, *literals.SPECS,
           *functions.SPECS),
    always_on=True,
)
