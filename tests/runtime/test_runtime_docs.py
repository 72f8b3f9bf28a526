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


def test_file_format_example_loads():
    from runtime.fileformat import loads

    text = (ROOT / "docs" / "file-format.md").read_text(encoding="utf-8")
    example = text.split("## Example", 1)[1].split("```json", 1)[1].split("```", 1)[0]
    project = loads(example, "docs/file-format.md")
    assert project.name == "Hello World"
