"""`pulse-run`: runs a project headless, on plain asyncio, with no screen needed.

Exit codes: 0 the run ended normally (Stop Runtime with code 0, nothing left to do, the timeout,
SIGINT/SIGTERM); 1 runtime errors occurred (or Stop Runtime gave 1, or was wired a code outside
0-255); 2 the project could not be loaded or is invalid, one line naming the file (a FIFO, device,
folder without a project, oversized file or too-long name included). Stop Runtime with another
code (2-255) exits with that code.
"""

from __future__ import annotations

import argparse
import asyncio
import signal
import sys

from runtime.engine.console import ConsoleRecord
from runtime.engine.engine import Engine, EngineError
from runtime.engine.tracing import TracePrinter
from runtime.fileformat import ProjectFileError, load

EXIT_INVALID = 2


def _print_record(record: ConsoleRecord) -> None:
    stream = sys.stdout if record.level == "info" else sys.stderr
    print(record, file=stream, flush=True)


async def run(path: str, scene: str | None, timeout: float | None, trace: bool) -> int:
    try:
        project = load(path)
        engine = Engine(project, hook=TracePrinter(sys.stderr) if trace else None, scene=scene)
        engine.check_settings()
    except (ProjectFileError, EngineError) as exc:
        print(f"pulse-run: {exc}", file=sys.stderr)
        return EXIT_INVALID
    engine.console.connect(_print_record)
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(signum, lambda: engine.spawn(engine.stop()))
        except (NotImplementedError, RuntimeError):  # not on the main thread, or no signals here
            pass
    await engine.start()
    return await engine.finished(timeout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="pulse-run", description="Run a Pulse Studio project headless.")
    parser.add_argument("project", help="project file (or a folder holding project.pulse.json)")
    parser.add_argument("--scene", help="start in this scene instead of the project's start scene")
    parser.add_argument("--timeout", type=float, help="end the run after this many seconds (a normal end)")
    parser.add_argument("--trace", action="store_true", help="print every node executed, with its values, to stderr")
    args = parser.parse_args(argv)
    return asyncio.run(run(args.project, args.scene, args.timeout, args.trace))


if __name__ == "__main__":
    sys.exit(main())
