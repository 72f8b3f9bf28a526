"""`pulse-studio [PROJECT]` and `pulse-studio --screenshot OUT.png [PROJECT]`.

In screenshot mode nobody sees the window: every error goes to stderr and the exit is non-zero at once.

The Qt event loop is a qasync QEventLoop, so that asyncio code (a run of the logic inside the
editor) can share it. Errors that would otherwise vanish (Qt slots, timers, tasks) are caught
by `sys.excepthook` and the loop's exception handler and shown in the Console.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

APP_NAME = "Pulse Studio"


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="pulse-studio", description="The Pulse Studio visual logic editor.")
    parser.add_argument("project", nargs="?", help="a project file (.pulse.json) or a folder holding one")
    parser.add_argument("--screenshot", metavar="OUT.png", help="render the main window to a PNG and exit")
    parser.add_argument("--size", default="1600x1000", help="window size for --screenshot (default 1600x1000)")
    return parser.parse_args(argv)


def install_error_hooks(loop: asyncio.AbstractEventLoop, report: Callable[[str], None]) -> None:
    """Routes uncaught exceptions of Qt slots/timers (excepthook) and of tasks (loop handler) to `report`."""

    def excepthook(kind: type[BaseException], value: BaseException, tb: Any) -> None:
        text = "".join(traceback.format_exception(kind, value, tb))
        sys.stderr.write(text)
        report(f"{kind.__name__}: {value}\n{text}")

    def loop_handler(_loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        exc = context.get("exception")
        message = context.get("message", "")
        text = "".join(traceback.format_exception(exc)) if isinstance(exc, BaseException) else message
        sys.stderr.write(f"{message}\n{text}\n")
        report(f"{type(exc).__name__}: {exc}\n{text}" if exc else message)

    sys.excepthook = excepthook
    loop.set_exception_handler(loop_handler)


#: When the run process that the first Run will use starts, after the window shows.
PREWARM_SECONDS = 1.0


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.screenshot:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from editor.platform_check import xcb_problem

    problem = xcb_problem()
    if problem:  # Qt would print a misleading message and abort
        sys.stderr.write(problem + "\n")
        return 1
    import qasync
    from PySide6.QtWidgets import QApplication

    from editor import clipboard, theme

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    theme.apply(app)
    if args.screenshot:
        return screenshot(args, app)
    window = build_window(args.project)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    install_error_hooks(loop, window.report_error)
    window.show()
    from runtime.engine.host import prewarm

    loop.call_later(PREWARM_SECONDS, prewarm)  # the first Run starts at once, without slowing start-up
    with loop:
        loop.run_forever()
    clipboard.release()
    return 0


def build_window(project: str | None, **kwargs: Any) -> Any:
    """The main window, with `project` open if given (a broken one is reported; an empty project stays)."""
    from editor.main_window import MainWindow

    window = MainWindow(**kwargs)
    if project:
        window.open_path(project)
    return window


def screenshot(args: argparse.Namespace, app: Any) -> int:
    """Shows the window off-screen with the project open and saves a PNG.
    A project that cannot be opened is an error on stderr (exit 2): no dialog nobody would see."""
    import tempfile

    from editor.document import Document
    from editor.main_window import MainWindow
    from editor.settings_store import SettingsStore
    from runtime.fileformat import ProjectFileError

    try:
        document = Document.open(args.project) if args.project else None
    except ProjectFileError as exc:
        sys.stderr.write(f"pulse-studio: {exc}\n")
        return 2
    with tempfile.TemporaryDirectory() as scratch:
        width, height = (int(v) for v in args.size.lower().split("x"))
        window = MainWindow(document, settings=SettingsStore(Path(scratch) / "settings.ini"), restore_layout=False)
        window.resize(width, height)
        window.show()
        for _ in range(5):
            app.processEvents()
        app.processEvents()  # the canvas as a designer sees it on opening (F would frame it all)
        out = Path(args.screenshot)
        out.parent.mkdir(parents=True, exist_ok=True)
        saved = window.grab().save(str(out), "PNG")
        window.document.undo_stack.setClean()  # nothing to ask about on close
        window.close()
    if not saved:
        sys.stderr.write(f"pulse-studio: could not write {out}\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
