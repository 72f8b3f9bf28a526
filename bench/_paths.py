"""Imported first by every benchmark script.

Run as `python bench/NAME.py`, Python puts bench/ first on sys.path, where bench/socketio.py
would hide the python-socketio package; this swaps that entry for the repository root.
"""

import sys
from pathlib import Path

_BENCH = Path(__file__).resolve().parent
sys.path[:] = [str(_BENCH.parent)] + [p for p in sys.path if Path(p or ".").resolve() != _BENCH]
