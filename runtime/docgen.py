"""Writes the node reference, docs/nodes.md, from the specs: `python -m runtime.docgen docs/nodes.md`.

A test regenerates it and fails when the committed file differs, so the reference never goes stale.
"""

from __future__ import annotations

import sys
from pathlib import Path

from runtime.registry import Registry, default_registry
from runtime.specs import Attribute, AttrKind, DataPort, NodeSpec, Scope


def _type_text(port_type: object) -> str:
    text = getattr(port_type, "value", str(port_type))
    return f"type chosen by `{text[1:]}`" if text.startswith("@") else text


def _bounds(item: Attribute | DataPort) -> str:
    """`, 1 to 64` for a bounded value (a list's length for a string list), as checked at load."""
    low, high = item.minimum, item.maximum
    if low is None and high is None:
        return ""
    if low is not None and high is not None:
        return f", {low:g} to {high:g}"
    return f", at least {low:g}" if low is not None else f", at most {high:g}"


def _node_section(spec: NodeSpec) -> list[str]:
    scopes = ", ".join(s.value for s in Scope if s in spec.scopes)
    lines = [f"### {spec.name}", "", spec.description, "",
             f"- Type id: `{spec.type_id}` · Category: {' / '.join(spec.category)} · Scopes: {scopes}"]
    if spec.pulse_in:
        lines.append(f"- Pulse inputs: {', '.join(spec.pulse_in)}")
    if spec.pulse_out:
        lines.append(f"- Pulse outputs: {', '.join(spec.pulse_out)}")
    if spec.extra_ports is not None:
        lines.append("- More sockets depend on its attributes or the project (see the description).")
    for title, ports in (("Data inputs", spec.inputs), ("Data outputs", spec.outputs)):
        if ports:
            lines.append(f"- {title}: " + ", ".join(f"{p.name} ({_type_text(p.type)}{_bounds(p)})" for p in ports))
    if spec.attributes:
        parts = []
        for attribute in spec.attributes:
            detail = f" — one of {', '.join(attribute.options)}" if attribute.options else ""
            if attribute.kind is AttrKind.SETTING:
                detail = f" — an entry of the `{attribute.source}` settings"
            default = "" if attribute.default in (None, "") else f", default `{attribute.default}`"
            parts.append(f"{attribute.name} ({attribute.kind.value}{default}{_bounds(attribute)}{detail})")
        lines.append("- Attributes: " + "; ".join(parts))
    return [*lines, ""]


def render(registry: Registry) -> str:
    lines = ["# Node reference", "",
             "Generated from the node specs by `make docs` (`python -m runtime.docgen docs/nodes.md`); do not edit.",
             "Every node also has the general attributes Name, Type (read-only), Enabled and Pulse Pass Through,",
             "and every data input has an attribute of the same name: its value when the input is not connected.", ""]
    for plugin in registry.plugins.values():
        lines += [f"## Plugin: {plugin.name}", "", plugin.description, ""]
        for spec in registry.specs.values():
            if spec.plugin == plugin.id:
                lines += _node_section(spec)
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    text = render(default_registry())
    if args:
        Path(args[0]).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
