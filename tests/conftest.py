import os
import sys

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Real Socket.IO servers (python-socketio and Node.js) as fixtures: see tests/sio_servers.py.
pytest_plugins = ["sio_servers"]


@pytest.fixture(scope="session", autouse=True)
def _release_clipboard_at_exit():
    """Qt crashes at exit while its clipboard owns mime data from Python: clear ours first."""
    yield
    if "PySide6" in sys.modules:
        from PySide6.QtWidgets import QApplication

        if QApplication.instance() is not None:
            from editor import clipboard

            clipboard.release()
