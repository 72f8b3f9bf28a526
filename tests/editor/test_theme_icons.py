"""The theme and the icons: no import circle between them; the icons follow the theme's colours."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

EDITOR = Path(__file__).resolve().parents[2] / "editor"


def _imports(module: str) -> set[str]:
    """The editor modules `module` imports at module level (not inside functions)."""
    tree = ast.parse((EDITOR / f"{module}.py").read_text())
    names = set()
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
    return {n for n in names if n.startswith("editor.")}


@pytest.mark.parametrize("module", ["editor.icons", "editor.theme", "editor.colors"])
def test_each_imports_alone_in_a_fresh_interpreter(module):
    code = f"import sys, {module}; print(sorted(m for m in sys.modules if m in ('editor.icons', 'editor.theme')))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, cwd=EDITOR.parent)
    assert result.returncode == 0, result.stderr
    if module != "editor.theme":
        assert "editor.theme" not in result.stdout  # the icons and the colours never need the theme


def test_icons_do_not_import_the_theme_anywhere():
    source = (EDITOR / "icons.py").read_text()
    assert "editor.theme" not in source and "import theme" not in source
    assert "editor.icons" not in "".join(_imports("colors"))
    assert "editor.theme" not in "".join(_imports("icons"))
