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


def _colours(q_icon, size: int = 32, mode=None) -> set[str]:
    from PySide6.QtGui import QIcon

    image = q_icon.pixmap(size, size, mode or QIcon.Mode.Normal).toImage()
    return {image.pixelColor(x, y).name() for x in range(image.width()) for y in range(image.height())
            if image.pixelColor(x, y).alpha() == 255}


def test_every_named_icon_is_a_glyph_drawn_in_its_palette_colour(qapp):
    from PySide6.QtGui import QIcon

    from editor.colors import COLORS
    from editor.icons import GLYPHS, icon

    for name, (_glyph, role) in GLYPHS.items():
        assert COLORS[role] in _colours(icon(name)), name  # solid pixels of the glyph in the theme's colour
        assert COLORS["border"] in _colours(icon(name), mode=QIcon.Mode.Disabled), name
    assert icon("run").pixmap(64, 64).width() == 64  # a font: any size, not a scaled small picture


def test_a_spec_may_name_any_glyph_of_the_font_and_unknown_names_are_refused(qapp):
    from editor.icons import has_icon, icon, node_icon

    assert has_icon("mdi6.timer-outline") and has_icon("ph.clock") and has_icon("save")
    assert not has_icon("mdi6.no-such-glyph") and not has_icon("timer") and not has_icon("")
    own, kind = node_icon("#3d8fd6", "action", glyph="mdi6.timer-outline"), node_icon("#3d8fd6", "action")
    assert own.pixmap(32, 32).toImage() != kind.pixmap(32, 32).toImage()
    with pytest.raises(KeyError, match="no icon named"):
        icon("no_such_icon")
