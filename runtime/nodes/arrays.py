"""The Array family. Reading nodes are pure; changing nodes are actions that output a new Array.

Why changes are actions: their output is taken when the pulse passes and then stays, so a node
that reads it later in the branch sees that Array even if the variable it came from has been set
since (a pure Push would push again onto the new value). No node changes its input Array: see
runtime.nodes.values for the sharing rule. Indices start at 0; a negative index counts from the
end (-1 is the last element) where the node reads, sets or removes an element.
"""

from __future__ import annotations

from typing import Any

from runtime.engine.instance import NodeInstance
from runtime.nodes.values import ELEMENT_TYPE, bind_type, need_array, position, same_value, typed
from runtime.specs import Attribute, AttrKind, DataPort, NodeSpec, count_attribute, numbered_inputs
from runtime.types import DataType

_A = DataType.ARRAY
_ARRAY_IN = DataPort("Array", _A)
_ARRAY_OUT = (DataPort("Array", _A),)
_INDEX = DataPort("Index", DataType.INT, 0)
_VALUE_IN = DataPort("Value", "@Type")
_CATEGORY = ("Array",)
#: How far past its end Set Array Element may grow an Array in one step.
MAX_GROWTH = 1_000_000


def _element(ctx: NodeInstance, array: list, index: int) -> Any:
    array = need_array(array)
    return typed(array[position(index, len(array))], ctx.data, f"Element {index}")


def _length(ctx: NodeInstance, array: list) -> int:
    return len(need_array(array))


def _index_of(ctx: NodeInstance, array: list, value: Any) -> int:
    return next((i for i, element in enumerate(need_array(array)) if same_value(element, value)), -1)


def _contains(ctx: NodeInstance, array: list, value: Any) -> bool:
    return _index_of(ctx, array, value) >= 0


def _concat(ctx: NodeInstance, *arrays: list) -> None:
    result: list = []
    for number, array in enumerate(arrays, 1):
        result += need_array(array, f"Array {number}")
    ctx.out["Array"] = result


def _set(ctx: NodeInstance, array: list, index: int, value: Any) -> None:
    result = list(need_array(array))
    if index >= len(result):  # Incari: setting past the end grows the Array, filling the gap with null
        if index - len(result) >= MAX_GROWTH:
            raise IndexError(f"Index {index} is more than {MAX_GROWTH} past the end of the Array ({len(result)})")
        result.extend([None] * (index - len(result) + 1))
    result[position(index, len(result))] = typed(value, ctx.data, "Value")
    ctx.out["Array"] = result


def _insert(ctx: NodeInstance, array: list, index: int, value: Any) -> None:
    result = list(need_array(array))
    result.insert(position(index, len(result), allow_end=True), typed(value, ctx.data, "Value"))
    ctx.out["Array"] = result


def _remove(ctx: NodeInstance, array: list, index: int) -> None:
    result = list(need_array(array))
    ctx.out["Value"] = result.pop(position(index, len(result)))
    ctx.out["Array"] = result


def _push(ctx: NodeInstance, array: list, value: Any) -> None:
    value = typed(value, ctx.data, "Value")
    array = need_array(array)
    ctx.out["Array"] = [*array, value] if ctx.attrs["Push End"] else [value, *array]


def _pop(ctx: NodeInstance, array: list) -> None:
    array = need_array(array)
    if not array:
        raise IndexError("Array is empty: there is nothing to pop")
    at_end = ctx.attrs["Pop End"]
    value = typed(array[-1] if at_end else array[0], ctx.data, "The popped element")
    ctx.out["Array"] = array[:-1] if at_end else array[1:]
    ctx.out["Value"] = value


def _clear(ctx: NodeInstance, array: list) -> None:
    need_array(array)
    ctx.out["Array"] = []


_COUNT = count_attribute("Count", 2, "How many Arrays to join, in order.")
_VALUE_OUT = DataPort("Value", "@Type")

SPECS = (
    NodeSpec("logic.get_array_element", "Get Array Element", _CATEGORY,
             "The element at Index (-1: the last); an Index outside the Array, or an element that is not of "
             "Type, is an error.", kind="pure", attributes=(ELEMENT_TYPE,), inputs=(_ARRAY_IN, _INDEX),
             outputs=(_VALUE_OUT,), setup=bind_type, run=_element),
    NodeSpec("logic.length_of_array", "Length of Array", _CATEGORY, "The number of elements in the Array.",
             kind="pure", inputs=(_ARRAY_IN,), outputs=(DataPort("Length", DataType.INT),), run=_length),
    NodeSpec("logic.array_contains", "Array Contains", _CATEGORY,
             "Whether the Array has an element equal to Value (true is not 1; 1 equals 1.0).", kind="pure",
             inputs=(_ARRAY_IN, DataPort("Value", DataType.ANY)), outputs=(DataPort("Result", DataType.BOOL),),
             run=_contains),
    NodeSpec("logic.array_index_of", "Array Index Of", _CATEGORY,
             "The index of the first element equal to Value, or -1.", kind="pure",
             inputs=(_ARRAY_IN, DataPort("Value", DataType.ANY)), outputs=(DataPort("Index", DataType.INT),),
             run=_index_of),
    NodeSpec("logic.concat_arrays", "Concat Arrays", _CATEGORY,
             "A new Array: the elements of Array 1, then those of Array 2, and so on.",
             attributes=(_COUNT,), outputs=_ARRAY_OUT, extra_ports=numbered_inputs(_COUNT, "Array", _A),
             run=_concat),
    NodeSpec("logic.set_array_element", "Set Array Element", _CATEGORY,
             "A new Array with the element at Index (-1: the last) replaced by Value; an Index past the end "
             "grows the Array, filling the gap with null.",
             attributes=(ELEMENT_TYPE,), inputs=(_ARRAY_IN, _INDEX, _VALUE_IN), outputs=_ARRAY_OUT,
             setup=bind_type, run=_set),
    NodeSpec("logic.insert_array_element", "Insert Array Element", _CATEGORY,
             "A new Array with Value inserted before the element at Index (the length: at the end).",
             attributes=(ELEMENT_TYPE,), inputs=(_ARRAY_IN, _INDEX, _VALUE_IN), outputs=_ARRAY_OUT,
             setup=bind_type, run=_insert),
    NodeSpec("logic.remove_array_element", "Remove Array Element", _CATEGORY,
             "A new Array without the element at Index (-1: the last); Value is the removed element.",
             inputs=(_ARRAY_IN, _INDEX), outputs=(*_ARRAY_OUT, DataPort("Value", DataType.ANY)), run=_remove),
    NodeSpec("logic.push_array_element", "Push Array Element", _CATEGORY,
             "A new Array with Value added at the end (or at the front).",
             attributes=(ELEMENT_TYPE, Attribute("Push End", AttrKind.BOOL, True,
                                                 description="Add at the end; off: at the front.")),
             inputs=(_ARRAY_IN, _VALUE_IN), outputs=_ARRAY_OUT, setup=bind_type, run=_push),
    NodeSpec("logic.pop_array_element", "Pop Array Element", _CATEGORY,
             "A new Array without its last (or first) element, and that element as Value; an empty Array "
             "is an error.",
             attributes=(ELEMENT_TYPE, Attribute("Pop End", AttrKind.BOOL, True,
                                                 description="Take the last element; off: the first.")),
             inputs=(_ARRAY_IN,), outputs=(*_ARRAY_OUT, _VALUE_OUT), setup=bind_type, run=_pop),
    NodeSpec("logic.clear_array", "Clear Array", _CATEGORY, "An empty Array.", inputs=(_ARRAY_IN,),
             outputs=_ARRAY_OUT, run=_clear),
)
