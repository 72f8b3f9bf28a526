"""The runtime must run on a device with no screen: no module of it may import Qt."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r"""
import importlib, pkgutil, sys

class NoQt:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("PySide6", "PyQt5", "PyQt6", "PySide2", "Qt", "NodeGraphQt", "qasync"):
            raise ImportError(f"Qt is not allowed in runtime/: {name}")
        return None

sys.meta_path.insert(0, NoQt())
import runtime
count = 0
for info in pkgutil.walk_packages(runtime.__path__, "runtime."):
    importlib.import_module(info.name)
    count += 1
print(count)
"""


def test_every_runtime_module_imports_without_qt():
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) >= 20
