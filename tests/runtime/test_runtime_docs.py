"""docs/nodes.md is generated from the specs and must not go stale."""

from __future__ import annotations

from pathlib import Path

from runtime.docgen import render
from runtime.registry import default_registry

ROOT = Path(__file__).resolve().parents[2]


def test_node_reference_is_up_to_date():
    committed = (ROOT / "docs" / "nodes.md").read_text(encoding="utf-8")
    assert committed == render(default_registry()), "docs/nodes.md is stale: run `make docs`"


def test_every_node_type_is_documented():
    text = (ROOT / "docs" / "nodes.md").read_text(encoding="utf-8")
    for type_id in default_registry().specs:
        assert f"`{type_id}`" in text
