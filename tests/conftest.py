import os
import sys

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# The real-window tests need the xcb platform and an X server: `make test` runs them on their own.
collect_ignore = [] if os.environ["QT_QPA_PLATFORM"] == "xcb" else ["realwindow"]

# Real Socket.IO servers (python-socketio and Node.js) and redis-server as fixtures: see tests/sio_servers.py
# and tests/redis_server.py.
pytest_plugins = ["sio_servers", "redis_server"]


def pytest_xvfb_disable(config) -> bool:
    """pytest-xvfb starts an X server only for the real-window run: offscreen needs none."""
    return os.environ["QT_QPA_PLATFORM"] != "xcb"


STRICT = os.environ.get("PULSE_TEST_STRICT") == "1"  # set by `make test` and so by CI
# The one allowed skip under `make test`: a system package the Makefile may not install (CI installs it).
SYSTEM_PACKAGE_MISSING = "system package missing:"
_system_skips: list[str] = []


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Under `make test` a skipped test is a failed one: a skip (node_modules missing, a plugin
    part gone) must never turn a regression into a green run. A bare `pytest` still skips.
    Only a missing system package (reason starting SYSTEM_PACKAGE_MISSING) stays a skip, said at the end."""
    outcome = yield
    report = outcome.get_result()
    if STRICT and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        if reason.removeprefix("Skipped: ").startswith(SYSTEM_PACKAGE_MISSING):
            _system_skips.append(f"{item.nodeid}: {reason}")
            return
        report.outcome = "failed"
        report.longrepr = f"skipped under PULSE_TEST_STRICT=1 (make test): {reason}"


def pytest_terminal_summary(terminalreporter):
    if _system_skips:
        terminalreporter.write_line(f"*** SKIPPED {len(_system_skips)} tests for a missing system package:", red=True)
        for line in sorted(set(_system_skips))[:5]:
            terminalreporter.write_line(f"    {line}")


@pytest.fixture(scope="session", autouse=True)
def _release_clipboard_at_exit():
    """Qt crashes at exit while its clipboard owns mime data from Python: clear ours first."""
    yield
    if "PySide6" in sys.modules:
        from PySide6.QtWidgets import QApplication

        if QApplication.instance() is not None:
            from editor import clipboard

            clipboard.release()
