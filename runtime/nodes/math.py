"""Arithmetic, comparison and boolean logic. Int stays Int, Float stays Float: no silent mixing."""

from __future__ import annotations

import math
import operator
from collections.abc import Callable
from typing import Any

from runtime.engine.instance import NodeInstance
from runtime.specs import Attribute, AttrKind, DataPort, NodeSpec
from runtime.types import VALUE_TYPES, DataType

_NUMBER_TYPE = Attribute("Type", AttrKind.DATA_TYPE, DataType.INT.value, options=("Int", "Float"),
                         description="Whether the node works on Int or Float values.")


def _divide(a: Any, b: Any) -> Any:
    if b == 0:
        raise ZeroDivisionError("division by zero")
    if isinstance(a, int) and isinstance(b, int):
        quotient = abs(a) // abs(b)  # Int division truncates toward zero, like C and C#
        return quotient if (a < 0) == (b < 0) else -quotient
    return a / b


def _modulo(a: Any, b: Any) -> Any:
    if b == 0:
        raise ZeroDivisionError("modulo by zero")
    if isinstance(a, int) and isinstance(b, int):
        return a - b * _divide(a, b)  # the sign follows the dividend, matching truncating division
    return math.fmod(a, b)


def _arithmetic(type_id: str, name: str, op: Callable[[Any, Any], Any], description: str,
                b_default: int = 0) -> NodeSpec:
    def run(ctx: NodeInstance, a: Any, b: Any) -> Any:
        return op(a, b)

    return NodeSpec(
        type_id, name, ("Math",), description, kind="pure", attributes=(_NUMBER_TYPE,),
        inputs=(DataPort("A", "@Type", 0), DataPort("B", "@Type", b_default)),
        outputs=(DataPort("Result", "@Type"),), run=run,
    )


_COMPARISONS: dict[str, Callable[[Any, Any], bool]] = {
    "==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge,
}


def _compare_setup(ctx: NodeInstance) -> None:
    ctx.data = _COMPARISONS[ctx.attrs["Operator"]]
    if ctx.attrs["Type"] == DataType.BOOL.value and ctx.attrs["Operator"] not in ("==", "!="):
        ctx.data = None


def _compare(ctx: NodeInstance, a: Any, b: Any) -> bool:
    if ctx.data is None:
        raise ValueError(f"Bool values can only be compared with == or !=, not {ctx.attrs['Operator']}")
    return ctx.data(a, b)


def _and(ctx: NodeInstance, a: bool, b: bool) -> bool:
    return a and b


def _or(ctx: NodeInstance, a: bool, b: bool) -> bool:
    return a or b


def _not(ctx: NodeInstance, value: bool) -> bool:
    return not value


_RELATIONS: dict[str, Callable[[Any, Any], bool]] = {
    "IsEqual": operator.eq, "IsNotEqual": operator.ne, "IsGreaterEqual": operator.ge, "IsGreater": operator.gt,
    "IsLessEqual": operator.le, "IsLess": operator.lt,
}


def _relation(ctx: NodeInstance, a: Any, b: Any) -> bool:
    return _RELATIONS[ctx.attrs["Mode"]](a, b)


def _relational(type_id: str, name: str, modes: tuple[str, str], types: tuple[str, ...], description: str) -> NodeSpec:
    """Incari's relational expression nodes: A and B of the chosen Type, the Mode decides the test, C the answer."""
    return NodeSpec(
        type_id, name, ("Logic",), description, kind="pure",
        attributes=(Attribute("Type", AttrKind.DATA_TYPE, DataType.INT.value, options=types,
                              description="The type of A and B."),
                    Attribute("Mode", AttrKind.CHOICE, modes[0], options=modes,
                              description=f"{modes[0]} or the {'negated' if 'Not' in modes[1] else 'strict'} "
                                          f"{modes[1]}.")),
        inputs=(DataPort("A", "@Type", 0), DataPort("B", "@Type", 0)), outputs=(DataPort("C", DataType.BOOL),),
        run=_relation,
    )


_ORDERED = ("Int", "Float", "String")
_BOOL_PAIR = (DataPort("A", DataType.BOOL, False), DataPort("B", DataType.BOOL, False))
_BOOL_RESULT = (DataPort("Result", DataType.BOOL),)

SPECS = (
    _arithmetic("logic.add", "Add", operator.add, "A + B."),
    _arithmetic("logic.subtract", "Subtract", operator.sub, "A - B."),
    _arithmetic("logic.multiply", "Multiply", operator.mul, "A × B."),
    _arithmetic("logic.divide", "Divide", _divide, "A ÷ B (Int division truncates toward zero); B = 0 is an error.", 1),
    _arithmetic("logic.modulo", "Modulo", _modulo, "The remainder of A ÷ B, with the sign of A; B = 0 is an error.", 1),
    NodeSpec(
        "logic.compare", "Compare", ("Logic",), "Compares A and B with the chosen operator.",
        kind="pure",
        attributes=(
            Attribute("Type", AttrKind.DATA_TYPE, DataType.INT.value, options=("Int", "Float", "String", "Bool"),
                      description="The type of A and B."),
            Attribute("Operator", AttrKind.CHOICE, "==", options=tuple(_COMPARISONS)),
        ),
        inputs=(DataPort("A", "@Type", 0), DataPort("B", "@Type", 0)), outputs=_BOOL_RESULT,
        setup=_compare_setup, run=_compare,
    ),
    _relational("logic.is_equal", "Is Equal", ("IsEqual", "IsNotEqual"), tuple(t.value for t in VALUE_TYPES),
                "C is whether A equals B (IsEqual) or differs from it (IsNotEqual); Arrays and Dictionaries "
                "compare by content."),
    _relational("logic.is_greater_equal", "Is Greater Equal", ("IsGreaterEqual", "IsGreater"), _ORDERED,
                "C is whether A >= B (IsGreaterEqual) or A > B (IsGreater); Strings compare by character codes."),
    _relational("logic.is_less_equal", "Is Less Equal", ("IsLessEqual", "IsLess"), _ORDERED,
                "C is whether A <= B (IsLessEqual) or A < B (IsLess); Strings compare by character codes."),
    NodeSpec("logic.and", "And", ("Logic",), "True when both A and B are true.", kind="pure",
             inputs=_BOOL_PAIR, outputs=_BOOL_RESULT, run=_and),
    NodeSpec("logic.or", "Or", ("Logic",), "True when A or B (or both) is true.", kind="pure",
             inputs=_BOOL_PAIR, outputs=_BOOL_RESULT, run=_or),
    NodeSpec("logic.not", "Not", ("Logic",), "True when the value is false.", kind="pure",
             inputs=(DataPort("Value", DataType.BOOL, False),), outputs=_BOOL_RESULT, run=_not),
)
