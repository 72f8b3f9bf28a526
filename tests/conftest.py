import os
import sys

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Real Socket.IO servers (python-socketio and Node.js) as fixtures: see tests/sio_servers.py.
pytest_plugins = ["sio_servers"]


STRICT = os.environ.get("PULSE_TEST_STRICT") == "1"  # set by `make test` and so by CI


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Under `make test` a skipped test is a failed one: a skip (node_modules missing, a plugin
    part gone) must never turn a regression into a green run. A bare `pytest` still skips."""
    outcome = yield
    report = outcome.get_result()
    if STRICT and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"skipped under PULSE_TEST_STRICT=1 (make test): {reason}"


@pytest.fixture(scope="session", autouse=True)
def _release_clipboard_at_exit():
    """Qt crashes at exit while its clipboard owns mime data from Python: clear ours first."""
    yield
    if "PySide6" in sys.modules:
        from PySide6.QtWidgets import QApplication

        if QApplication.instance() is not None:
            from editor import clipboard

            clipboard.release()
