"""`pulse-run`: runs a project headless, on plain asyncio, with no screen needed.

Exit codes: 0 the run ended normally (Stop Runtime with code 0, nothing left to do, the timeout,
SIGINT/SIGTERM); 1 runtime errors occurred (or Stop Runtime gave 1, or was wired a code outside
0-255); 2 the project could not be loaded or is invalid (or an override does not apply), one line
naming the file (a FIFO, device, folder without a project, oversized file or too-long name
included). Stop Runtime with another code (2-255) exits with that code. With ``--instances N``
the highest exit code among the instances.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys

from runtime.console_output import RecordPrinter
from runtime.engine.engine import Engine, EngineError
from runtime.engine.tracing import TracePrinter
from runtime.fileformat import ProjectFileError, load
from runtime.fleet import Fleet
from runtime.overrides import from_environment, instance_project, parse
from runtime.registry import default_registry

EXIT_INVALID = 2
MAX_INSTANCES = 10_000


def _engines(args: argparse.Namespace) -> list[Engine]:
    """One checked engine per instance; raises what makes the run impossible, naming the instance."""
    project = load(args.project)
    for warning in project.load_warnings:  # what the loader repaired: the run goes on without it
        print(f"pulse-run: warning: {warning}", file=sys.stderr)
    if args.seed is not None:
        project.random_seed = args.seed
    registry = default_registry()
    overrides = [*from_environment(os.environ), *(parse(text) for text in args.set)]
    several = args.instances > 1
    engines = []
    for index in range(args.instances):
        try:
            copy = instance_project(project, registry, overrides, index)
            if several and copy.random_seed is not None:
                copy.random_seed += index  # each instance its own numbers, each repeatable
            engine = Engine(copy, registry, hook=TracePrinter(sys.stderr) if args.trace else None, scene=args.scene)
            engine.check_settings()
        except EngineError as exc:  # OverrideError included
            raise type(exc)(f"instance {index}: {exc}" if several else str(exc)) from None
        printer = RecordPrinter(args.timestamps, args.log_json, index if several else None)
        engine.console.connect(printer)
        engines.append(engine)
    return engines


async def run(args: argparse.Namespace) -> int:
    try:
        engines = _engines(args)
    except (ProjectFileError, EngineError) as exc:
        print(f"pulse-run: {exc}", file=sys.stderr)
        return EXIT_INVALID

    def report(index: int, message: str) -> None:
        prefix = f"[{index}] " if len(engines) > 1 else ""
        print(f"{prefix}error: {message}", file=sys.stderr, flush=True)

    fleet = Fleet(engines, report)
    fleet.handle_signals()
    return await fleet.run(args.timeout)


def _instances(text: str) -> int:
    count = int(text)
    if not 1 <= count <= MAX_INSTANCES:
        raise argparse.ArgumentTypeError(f"must be between 1 and {MAX_INSTANCES:,}")
    return count


def parser() -> argparse.ArgumentParser:
    result = argparse.ArgumentParser(prog="pulse-run", description="Run a Pulse Studio project headless.")
    result.add_argument("project", help="project file (or a folder holding project.pulse.json)")
    result.add_argument("--scene", help="start in this scene instead of the project's start scene")
    result.add_argument("--timeout", type=float, help="end the run after this many seconds (a normal end)")
    result.add_argument("--trace", action="store_true", help="print every node executed, with its values, to stderr")
    result.add_argument("--set", action="append", default=[], metavar="PATH=VALUE",
                        help='override a setting or a variable, e.g. socketio."Echo server".port=5001 or '
                             "variables.DeviceId=dev-{instance} (repeatable; see docs/fleet.md)")
    result.add_argument("--instances", type=_instances, default=1, metavar="N",
                        help="run N instances of the project in this process, each with its own variables, "
                             "connections and console prefix [N]")
    result.add_argument("--seed", type=int, help="seed the Random nodes with this whole number for this run "
                                                 "(instead of Project Settings' random seed; instance i: seed + i)")
    output = result.add_mutually_exclusive_group()
    output.add_argument("--timestamps", action="store_true",
                        help="start each console line with its time (ISO 8601, UTC, milliseconds)")
    output.add_argument("--log-json", action="store_true",
                        help="print one JSON object per console record (time, level, graph, node, message)")
    return result


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return asyncio.run(run(args))


if __name__ == "__main__":
    sys.exit(main())
