"""The Dictionary family. Reading nodes are pure; changing nodes are actions that output a new
Dictionary (the reason, and the sharing rule, are in runtime.nodes.arrays and runtime.nodes.values).

A missing key is never an error when reading: Get Dictionary Element and Get Nested Element output
their Default and ``Found`` false. Keys are Strings (JSON's object keys are).
"""

from __future__ import annotations

from typing import Any

from runtime.engine.instance import NodeInstance
from runtime.nodes.paths import parse_path, walk
from runtime.nodes.values import ELEMENT_TYPE, bind_type, need_dictionary, typed
from runtime.specs import DataPort, NodeSpec, count_attribute, numbered_inputs
from runtime.types import DataType

_D = DataType.DICTIONARY
_DICT_IN = DataPort("Dictionary", _D)
_DICT_OUT = (DataPort("Dictionary", _D),)
_KEY = DataPort("Key", DataType.STRING, "")
_FOUND = DataPort("Found", DataType.BOOL)
_CATEGORY = ("Dictionary",)


def _get(ctx: NodeInstance, dictionary: dict, key: str, default: Any) -> tuple[Any, bool]:
    try:
        value = need_dictionary(dictionary)[key]
    except KeyError:
        return typed(default, ctx.data, "Default"), False
    return typed(value, ctx.data, f"The value of {key!r}"), True


def _get_nested(ctx: NodeInstance, data: Any, path: str, default: Any) -> tuple[Any, bool]:
    found, value = walk(data, parse_path(path))
    if not found:
        return typed(default, ctx.data, "Default"), False
    return typed(value, ctx.data, f"The value at {path!r}"), True


def _keys(ctx: NodeInstance, dictionary: dict) -> list[str]:
    return list(need_dictionary(dictionary))


def _values(ctx: NodeInstance, dictionary: dict) -> list:
    return list(need_dictionary(dictionary).values())


def _size(ctx: NodeInstance, dictionary: dict) -> int:
    return len(need_dictionary(dictionary))


def _set(ctx: NodeInstance, dictionary: dict, key: str, value: Any) -> None:
    result = dict(need_dictionary(dictionary))
    result[key] = typed(value, ctx.data, "Value")
    ctx.out["Dictionary"] = result


def _erase(ctx: NodeInstance, dictionary: dict, key: str) -> None:
    result = dict(need_dictionary(dictionary))
    ctx.out["Found"] = result.pop(key, _ABSENT) is not _ABSENT
    ctx.out["Dictionary"] = result


_ABSENT = object()


def _merge(ctx: NodeInstance, *dictionaries: dict) -> None:
    result: dict = {}
    for number, dictionary in enumerate(dictionaries, 1):
        for key, value in need_dictionary(dictionary, f"Dictionary {number}").items():
            result.setdefault(key, value)  # Incari: the first Dictionary that has a key wins
    ctx.out["New Dictionary"] = result


def _clear(ctx: NodeInstance, dictionary: dict) -> None:
    need_dictionary(dictionary)
    ctx.out["Dictionary"] = {}


_COUNT = count_attribute("Count", 2, "How many Dictionaries to merge; for a key in several, the first wins.")
_VALUE_OUT = DataPort("Value", "@Type")
_DEFAULT = DataPort("Default", "@Type", description="The Value when there is nothing there.")

SPECS = (
    NodeSpec("logic.get_dictionary_element", "Get Dictionary Element", _CATEGORY,
             "The value of Key, and Found; a missing Key gives Default and Found false. A value that is not "
             "of Type is an error.", kind="pure", attributes=(ELEMENT_TYPE,), inputs=(_DICT_IN, _KEY, _DEFAULT),
             outputs=(_VALUE_OUT, _FOUND), setup=bind_type, run=_get),
    NodeSpec("logic.get_nested_element", "Get Nested Element", _CATEGORY,
             "Reads a field deep inside JSON data by a path such as alerts/0, a.b.c or items[2].name: keys of "
             "Dictionaries and indices of Arrays (-1: the last). Nothing there gives Default and Found false.",
             kind="pure", attributes=(ELEMENT_TYPE,),
             inputs=(DataPort("Data", DataType.ANY, description="A Dictionary or an Array."),
                     DataPort("Path", DataType.STRING, "", r"Parts separated by / or . (\. for a dot in a key)."),
                     _DEFAULT),
             outputs=(_VALUE_OUT, _FOUND), setup=bind_type, run=_get_nested),
    NodeSpec("logic.get_dictionary_keys", "Get Dictionary Keys", _CATEGORY,
             "The keys of the Dictionary, as an Array of Strings, in the order they were added.", kind="pure",
             inputs=(_DICT_IN,), outputs=(DataPort("Keys", DataType.ARRAY),), run=_keys),
    NodeSpec("logic.get_dictionary_values", "Get Dictionary Values", _CATEGORY,
             "The values of the Dictionary, as an Array, in the order of its keys.", kind="pure",
             inputs=(_DICT_IN,), outputs=(DataPort("Values", DataType.ARRAY),), run=_values),
    NodeSpec("logic.size_of_dictionary", "Size of Dictionary", _CATEGORY, "The number of keys in the Dictionary.",
             kind="pure", inputs=(_DICT_IN,), outputs=(DataPort("Size", DataType.INT),), run=_size),
    NodeSpec("logic.set_dictionary_element", "Set Dictionary Element", _CATEGORY,
             "A new Dictionary with Key set to Value (added when missing).", attributes=(ELEMENT_TYPE,),
             inputs=(_DICT_IN, _KEY, DataPort("Value", "@Type")), outputs=_DICT_OUT, setup=bind_type, run=_set),
    NodeSpec("logic.erase_dictionary_element", "Erase Dictionary Element", _CATEGORY,
             "A new Dictionary without Key; Found says whether it was there (a missing Key is not an error).",
             inputs=(_DICT_IN, _KEY), outputs=(*_DICT_OUT, _FOUND), run=_erase),
    NodeSpec("logic.merge_dictionaries", "Merge Dictionaries", _CATEGORY,
             "A new Dictionary with the keys of Dictionary 1, 2, ...; for a key in several, the first wins.",
             attributes=(_COUNT,), outputs=(DataPort("New Dictionary", _D),),
             extra_ports=numbered_inputs(_COUNT, "Dictionary", _D), run=_merge),
    NodeSpec("logic.clear_dictionary", "Clear Dictionary", _CATEGORY, "An empty Dictionary.", inputs=(_DICT_IN,),
             outputs=_DICT_OUT, run=_clear),
)
