"""The Math family beyond the four operations: rounding, bounds, powers, constants and random numbers.

Names, sockets and attributes follow Incari's Math toolbox. Int stays Int and Float stays Float:
a node's `Type` decides both its inputs and its output. Domain errors (the root of a negative
number, the logarithm of 0) are node errors that show the offending value; Float results
otherwise follow IEEE 754 (an overflow to infinity in an addition is infinity, NaN stays NaN).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Context, Decimal
from typing import Any

from runtime.engine.instance import NodeInstance
from runtime.specs import Attribute, AttrKind, DataPort, NodeSpec, count_attribute, numbered_inputs
from runtime.types import DataType, to_string

NUMBER_TYPE = Attribute("Type", AttrKind.DATA_TYPE, DataType.INT.value, options=("Int", "Float"),
                        description="Whether the node works on Int or Float values.")
#: The largest Int result a Power may produce, in bits (a bigger one would freeze the run computing it).
MAX_INT_BITS = 1 << 20


def show(value: Any) -> str:
    """A value as a message shows it (Floats keep their point: 2.0, not 2)."""
    return to_string(value)


def _typed(ctx: NodeInstance, value: Any) -> Any:
    """`value` as the node's Type: a Float node never hands out an int (JSON has no 2.0)."""
    return float(value) if ctx.attrs["Type"] == DataType.FLOAT.value else value


def _unary(type_id: str, name: str, description: str, fn: Callable[[NodeInstance, Any], Any],
           typed: bool = True, default: Any = 0) -> NodeSpec:
    """A node with `Input` and `Output`, of the node's Type (typed) or Float."""
    port_type: DataType | str = "@Type" if typed else DataType.FLOAT
    return NodeSpec(
        type_id, name, ("Math",), description, kind="pure", attributes=(NUMBER_TYPE,) if typed else (),
        inputs=(DataPort("Input", port_type, default if typed else float(default)),),
        outputs=(DataPort("Output", port_type),), run=fn,
    )


# --- rounding and sign -------------------------------------------------------------------------

def _absolute(ctx: NodeInstance, value: Any) -> Any:
    return abs(value)


def _floor(ctx: NodeInstance, value: float) -> float:
    return float(math.floor(value)) if math.isfinite(value) else value


def _ceil(ctx: NodeInstance, value: float) -> float:
    return float(math.ceil(value)) if math.isfinite(value) else value


def round_half_up(value: float, precision: int) -> float:
    """`value` with at most `precision` decimals, halves away from zero as written (5.45 -> 5.5).

    Python's round() works on the binary value and rounds halves to even (round(0.125, 2) is
    0.12); a designer reads 0.125 and expects 0.13.
    """
    if not math.isfinite(value):
        return value
    quantum = Decimal(1).scaleb(-precision)
    exact = Context(prec=_DIGITS)  # room for every digit of any float (1e308 with 15 decimals)
    return float(Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP, context=exact))


_DIGITS = 400


def _round(ctx: NodeInstance, value: float) -> float:
    return round_half_up(value, int(ctx.attrs["Precision"]))


def _negate(ctx: NodeInstance, value: Any) -> Any:
    return not value if isinstance(value, bool) else -value


def _increment(ctx: NodeInstance, value: Any, step: Any) -> Any:
    return value + step


def _decrement(ctx: NodeInstance, value: Any, step: Any) -> Any:
    return value - step


def _clamp(ctx: NodeInstance, value: Any, low: Any, high: Any) -> Any:
    if low > high:
        raise ValueError(f"From ({show(low)}) is greater than To ({show(high)})")
    if isinstance(value, float) and math.isnan(value):
        return value
    return min(max(value, low), high)


# --- many inputs -------------------------------------------------------------------------------

_INPUT_COUNT = count_attribute("Inputs", 2, "How many Input sockets the node has.")


def _nan_in(values: tuple[Any, ...]) -> bool:
    return any(isinstance(v, float) and math.isnan(v) for v in values)


def _minimum(ctx: NodeInstance, *values: Any) -> Any:
    return math.nan if _nan_in(values) else _typed(ctx, min(values))  # Python's min depends on NaN's place


def _maximum(ctx: NodeInstance, *values: Any) -> Any:
    return math.nan if _nan_in(values) else _typed(ctx, max(values))


def _average(ctx: NodeInstance, *values: float) -> float:
    try:
        return math.fsum(values) / len(values)  # exact sum: the mean of 1e16, 1, -1e16 is 1/3
    except (OverflowError, ValueError):  # an infinity, or an overflow on the way: IEEE's answer
        return sum(values) / len(values)


def _bounds(type_id: str, name: str, output: str, fn: Callable[..., Any], description: str) -> NodeSpec:
    return NodeSpec(type_id, name, ("Math",), description, kind="pure", attributes=(NUMBER_TYPE, _INPUT_COUNT),
                    outputs=(DataPort(output, "@Type"),), run=fn,
                    extra_ports=numbered_inputs(_INPUT_COUNT, "Input", "@Type"))


# --- powers ------------------------------------------------------------------------------------

def _power(ctx: NodeInstance, base: Any, exponent: Any) -> Any:
    if isinstance(base, int) and isinstance(exponent, int):
        if exponent < 0:
            raise ValueError(f"an Int Power needs an Exponent of 0 or more, not {exponent} (use Float)")
        if base not in (-1, 0, 1) and exponent * (abs(base).bit_length() - 1) > MAX_INT_BITS:
            raise OverflowError(f"{base} to the power {exponent} is too large for an Int")
        return base**exponent
    if base == 0 and exponent < 0:
        raise ZeroDivisionError(f"0.0 to the power {show(exponent)} is undefined (division by zero)")
    try:
        result = math.pow(base, exponent)
    except OverflowError:
        raise OverflowError(f"{show(base)} to the power {show(exponent)} is too large for a Float") from None
    except ValueError:
        raise ValueError(f"{show(base)} to the power {show(exponent)} is not a real number") from None
    return result


def _root(ctx: NodeInstance, base: float, degree: float) -> float:
    if degree == 0 or math.isnan(degree):
        raise ValueError(f"the Degree of a root cannot be {show(degree)}")
    if base < 0:
        if not (degree.is_integer() and int(degree) % 2 == 1):
            raise ValueError(f"a negative Base ({show(base)}) has no real root of Degree {show(degree)}")
        return -_root(ctx, -base, degree)
    if base == 0 and degree < 0:
        raise ZeroDivisionError(f"0.0 has no root of negative Degree {show(degree)} (division by zero)")
    try:
        root = math.pow(base, 1.0 / degree)
    except OverflowError:
        raise OverflowError(f"the root of {show(base)} of Degree {show(degree)} is too large for a Float") from None
    return _exact_root(root, base, degree)


def _exact_root(root: float, base: float, degree: float) -> float:
    """The whole number `root` is next to, when it is the exact root (the cube root of 13824 is 24.0,
    not 23.999999999999996): a designer checks results by hand."""
    if degree.is_integer() and 0 < degree <= 1100 and math.isfinite(root) and root < 2**53:
        whole = round(root)
        if whole**int(degree) == base:
            return float(whole)
    return root


_LOG_BASES = {"2": 2.0, "e": math.e, "10": 10.0}


def _logarithm(ctx: NodeInstance, value: float) -> float:
    choice = ctx.attrs["Base"]
    base = float(ctx.attrs["Base Value"]) if choice == "Custom" else _LOG_BASES[choice]
    if not base > 0 or base == 1:
        raise ValueError(f"a logarithm's Base must be greater than 0 and not 1, not {show(base)}")
    if math.isnan(value):
        return value
    if value <= 0:
        raise ValueError(f"Input must be greater than 0 for a logarithm, not {show(value)}")
    if choice == "2":
        return math.log2(value)
    if choice == "10":
        return math.log10(value)
    return math.log(value) if choice == "e" else math.log(value, base)


# --- ranges ------------------------------------------------------------------------------------

def _range_mapper(ctx: NodeInstance, value: float, in_from: float, in_to: float, out_from: float,
                  out_to: float) -> float:
    if in_from == in_to:
        raise ZeroDivisionError(f"the input range is empty (Input From and Input To are both {show(in_from)})")
    ratio = (value - in_from) / (in_to - in_from)
    if ctx.attrs["Clamp"]:
        ratio = min(max(ratio, 0.0), 1.0)
    return out_from + ratio * (out_to - out_from)


_CONSTANTS = {"Pi": math.pi, "e": math.e, "Tau": math.tau, "Douglas-Adams": 42.0}


def _constant(ctx: NodeInstance) -> float:
    return _CONSTANTS[ctx.attrs["Type"]]


def _random(ctx: NodeInstance, low: Any, high: Any) -> None:
    if low > high:
        raise ValueError(f"Minimum ({show(low)}) is greater than Maximum ({show(high)})")
    generator = ctx.engine.random
    if isinstance(low, int) and isinstance(high, int):
        ctx.out["Output"] = generator.randint(low, high)
    elif not (math.isfinite(low) and math.isfinite(high)):
        raise ValueError(f"a random Float needs finite bounds, not {show(low)} to {show(high)}")
    else:
        ctx.out["Output"] = low + (high - low) * generator.random()


SPECS = (
    _unary("logic.absolute", "Absolute", "The value without its sign.", _absolute),
    _unary("logic.ceil", "Ceil", "The smallest whole number not below the input (2.1 -> 3.0).", _ceil, typed=False),
    _unary("logic.floor", "Floor", "The largest whole number not above the input (2.9 -> 2.0).", _floor, typed=False),
    NodeSpec(
        "logic.round", "Round", ("Math",),
        "Rounds to Precision decimals, halves away from zero as written (5.45 -> 5.5).", kind="pure",
        attributes=(Attribute("Precision", AttrKind.INT, 0, minimum=0, maximum=15,
                              description="The most decimal places the Output may have."),),
        inputs=(DataPort("Input", DataType.FLOAT, 0.0),), outputs=(DataPort("Output", DataType.FLOAT),), run=_round,
    ),
    NodeSpec(
        "logic.clamp", "Clamp", ("Math",), "Limits Value to the range From..To.", kind="pure",
        attributes=(NUMBER_TYPE,),
        inputs=(DataPort("Value", "@Type", 0), DataPort("From", "@Type", 0), DataPort("To", "@Type", 100)),
        outputs=(DataPort("Result", "@Type"),), run=_clamp,
    ),
    _bounds("logic.minimum", "Minimum", "Minimum", _minimum,
            "The smallest of Input 1 … Input N (N is the Inputs attribute)."),
    _bounds("logic.maximum", "Maximum", "Maximum", _maximum,
            "The largest of Input 1 … Input N (N is the Inputs attribute)."),
    NodeSpec(
        "logic.average", "Average", ("Math",),
        "The arithmetic mean of Input 1 … Input N (N is the Inputs attribute).", kind="pure",
        attributes=(_INPUT_COUNT,), outputs=(DataPort("Output", DataType.FLOAT),),
        extra_ports=numbered_inputs(_INPUT_COUNT, "Input", DataType.FLOAT), run=_average,
    ),
    NodeSpec(
        "logic.power", "Power", ("Math",),
        "Base to the power Exponent (an Int Power needs an Exponent of 0 or more).", kind="pure",
        attributes=(NUMBER_TYPE,), inputs=(DataPort("Base", "@Type", 2), DataPort("Exponent", "@Type", 2)),
        outputs=(DataPort("Power", "@Type"),), run=_power,
    ),
    NodeSpec(
        "logic.root", "Root", ("Math",),
        "The Degree-th root of Base (a negative Base only for an odd whole Degree).", kind="pure",
        inputs=(DataPort("Base", DataType.FLOAT, 4.0), DataPort("Degree", DataType.FLOAT, 2.0)),
        outputs=(DataPort("Output", DataType.FLOAT),), run=_root,
    ),
    NodeSpec(
        "logic.logarithm", "Logarithm", ("Math",), "The exponent that Base must be raised to, to give Input.",
        kind="pure",
        attributes=(Attribute("Base", AttrKind.CHOICE, "10", options=(*_LOG_BASES, "Custom"),
                              description="2 (binary), e (natural), 10 (common) or Custom."),
                    Attribute("Base Value", AttrKind.FLOAT, 10.0, description="The base when Base is Custom.")),
        inputs=(DataPort("Input", DataType.FLOAT, 1.0),), outputs=(DataPort("Exponent", DataType.FLOAT),),
        run=_logarithm,
    ),
    NodeSpec(
        "logic.increment", "Increment", ("Math",), "Input + Step.", kind="pure", attributes=(NUMBER_TYPE,),
        inputs=(DataPort("Input", "@Type", 0), DataPort("Step", "@Type", 1)), outputs=(DataPort("Output", "@Type"),),
        run=_increment,
    ),
    NodeSpec(
        "logic.decrement", "Decrement", ("Math",), "Input - Step.", kind="pure", attributes=(NUMBER_TYPE,),
        inputs=(DataPort("Input", "@Type", 0), DataPort("Step", "@Type", 1)), outputs=(DataPort("Output", "@Type"),),
        run=_decrement,
    ),
    NodeSpec(
        "logic.negate", "Negate", ("Math",), "Bool: the opposite (NOT); Int or Float: the value times -1.",
        kind="pure",
        attributes=(Attribute("Type", AttrKind.DATA_TYPE, DataType.BOOL.value, options=("Bool", "Int", "Float"),
                              description="Bool negates logically, Int and Float arithmetically."),),
        inputs=(DataPort("Input", "@Type", False),), outputs=(DataPort("Output", "@Type"),), run=_negate,
    ),
    NodeSpec(
        "logic.range_mapper", "Range Mapper", ("Math",),
        "Maps Input from the range Input From..Input To onto Output From..Output To.", kind="pure",
        attributes=(Attribute("Clamp", AttrKind.BOOL, False,
                              description="Keep the Output inside the target range when Input is outside its own."),),
        inputs=(DataPort("Input", DataType.FLOAT, 0.0), DataPort("Input From", DataType.FLOAT, 0.0),
                DataPort("Input To", DataType.FLOAT, 1.0), DataPort("Output From", DataType.FLOAT, 0.0),
                DataPort("Output To", DataType.FLOAT, 100.0)),
        outputs=(DataPort("Output", DataType.FLOAT),), run=_range_mapper,
    ),
    NodeSpec(
        "logic.math_constant", "Math Constant", ("Math",), "Pi, e, Tau or the Douglas-Adams constant (42).",
        kind="pure",
        attributes=(Attribute("Type", AttrKind.CHOICE, "Pi", options=tuple(_CONSTANTS),
                              description="The constant to output."),),
        outputs=(DataPort("Value", DataType.FLOAT),), run=_constant,
    ),
    NodeSpec(
        "logic.random", "Random", ("Math",),
        "A random number from Minimum to Maximum (Int: both included; Float: Maximum excluded). "
        "Reproducible when Project Settings give a random seed.",
        attributes=(NUMBER_TYPE,),
        inputs=(DataPort("Minimum", "@Type", 0), DataPort("Maximum", "@Type", 100)),
        outputs=(DataPort("Output", "@Type"),), run=_random,
    ),
)
