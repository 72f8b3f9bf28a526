"""`runtime.fallout`: what a changed declaration leaves on the nodes whose sockets follow it."""

from __future__ import annotations

from pathlib import Path

from runtime import fileformat
from runtime.fallout import derived_ports, fallout
from runtime.model import Link, Param
from runtime.registry import default_registry
from runtime.types import DataType

EXAMPLE = Path(__file__).resolve().parents[2] / "assets" / "examples" / "prefabs"


def test_a_removed_prefab_output_and_a_retyped_input_leave_links_and_values_to_remove():
    project, registry = fileformat.load(EXAMPLE), default_registry()
    before = derived_ports(project, registry)
    users = {("scene-main", i) for i in ("apples1", "pears", "apples2")} | \
        {("prefab-counter", "pin"), ("prefab-counter", "pout")}
    assert set(before) >= users  # with the Format Strings (their Values count adds inputs)
    project.graphs["prefab-counter"].set_signature([Param("Step", DataType.STRING)], [])
    found = fallout(project, registry, before)
    assert set(found.changed) == users
    assert found.links == {
        "scene-main": [Link("apples2", "Total", "report", "Value 1"), Link("pears", "Total", "report", "Value 2")],
        "prefab-counter": [Link("pin", "Step", "sum", "B"), Link("set", "Value", "pout", "Total")],
    }
    assert found.values == {}  # Step is still an input (its String value is for the editor to reset)


def test_a_removed_input_leaves_its_stored_values_and_nothing_else_changes():
    project, registry = fileformat.load(EXAMPLE), default_registry()
    before = derived_ports(project, registry)
    project.graphs["prefab-counter"].set_signature([], [Param("Total", DataType.INT)])
    found = fallout(project, registry, before)
    assert found.values == {("scene-main", i): ["Step"] for i in ("apples1", "pears", "apples2")}
    assert found.links == {"prefab-counter": [Link("pin", "Step", "sum", "B")]}
    untouched = fallout(project, registry, derived_ports(project, registry))
    assert (untouched.changed, untouched.links, untouched.values) == ([], {}, {})
