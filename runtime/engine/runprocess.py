"""The editor's run process: `python -m runtime.engine.runprocess`, started and spoken to by RunHost.

The editor runs a project in a process of its own, not a thread: a CPU-bound graph then has a core of
its own instead of sharing one interpreter lock with the window (which cost it a third of its speed),
and whatever the graph does (a crash, a runaway, memory) never takes the window down: Stop can always
end the process.

The process starts ahead of time and imports everything while it waits (RunHost keeps one spare), then
reads one "run" request from stdin: the project as file text, the debug options, the environment and
working directory of the moment (in which it fills the settings' ${env:NAME} placeholders, as the
editor did to check them). It sends a RunReport on stdout every FRAME_SECONDS and a last one,
with the exit code, when the run is over; meanwhile it takes debugger commands and "stop" from stdin
(end of stdin means the editor is gone: it stops too). Stray prints go to stderr, never into the channel.
"""

from __future__ import annotations

import asyncio
import faulthandler
import importlib
import os
import signal
import sys
import threading
from typing import Any, BinaryIO

from runtime import fileformat
from runtime.engine.frames import read_frame, write_frame
from runtime.engine.session import RunReport, RunSession
from runtime.overrides import instance_project
from runtime.registry import default_registry

#: How often a report is sent: the editor's repaint rate, about 30 per second.
FRAME_SECONDS = 0.033


async def serve(session: RunSession, channel: BinaryIO, commands: BinaryIO) -> int:
    """Runs the session, reporting every frame and obeying commands, until it ends or is stopped."""
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()

    def obey(message: tuple[Any, ...]) -> None:
        name, *args = message
        if name == "stop":
            stop.set()
        else:
            session.command(name, *args)

    def listen() -> None:
        while (message := read_frame(commands)) is not None:
            _call_soon(loop, obey, message)
        _call_soon(loop, obey, ("stop",))  # the editor is gone

    threading.Thread(target=listen, name="pulse-commands", daemon=True).start()

    async def report_every_frame() -> None:
        while True:
            await asyncio.sleep(FRAME_SECONDS)
            try:
                write_frame(channel, session.report())
            except OSError:  # the editor is gone: the command listener stops the run
                return

    reporter = asyncio.create_task(report_every_frame())
    running = asyncio.create_task(session.run())
    stopping = asyncio.create_task(stop.wait())
    await asyncio.wait({running, stopping}, return_when=asyncio.FIRST_COMPLETED)
    if not running.done():
        await session.stop()
    code = await running
    for task in (reporter, stopping):
        task.cancel()
    await asyncio.gather(reporter, stopping, return_exceptions=True)
    try:
        write_frame(channel, session.report())  # the last lines, and `ended`
    except OSError:  # the editor is gone
        pass
    return code


def _call_soon(loop: asyncio.AbstractEventLoop, callback: Any, *args: Any) -> None:
    try:
        loop.call_soon_threadsafe(callback, *args)
    except RuntimeError:  # the loop has closed: the run is over anyway
        pass


def main() -> int:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C in the editor's terminal is the editor's to handle
    faulthandler.enable()  # a crash in C code prints where Python was: the editor shows it in the Console
    channel = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # a print() must not corrupt the channel
    commands = sys.stdin.buffer
    registry = default_registry()  # built, and the plugins' services imported, while nobody waits
    for plugin in registry.plugins.values():
        for module in plugin.preload:
            importlib.import_module(module)
    request = read_frame(commands)
    if request is None:  # a spare nobody needed
        return 0
    _, options = request
    os.environ.clear()
    os.environ.update(options["environ"])
    os.chdir(options["cwd"])
    try:
        project = instance_project(fileformat.loads(options["project"], options["name"], registry), registry, [])
        session = RunSession(project, registry, options["debug"], options["breakpoints"], options["scene"])
    except Exception as exc:  # the editor checked the project: this is a bug of ours, said in its console
        from runtime.engine.console import ConsoleRecord

        failed = ConsoleRecord("error", f"the run could not start: {exc!r}")
        write_frame(channel, RunReport(records=[failed], ended=2))
        return 0
    asyncio.run(serve(session, channel, commands))
    return 0


if __name__ == "__main__":
    code = main()
    sys.stderr.flush()
    # Not sys.exit: the command listener may still be blocked reading stdin, and a daemon thread inside a
    # buffered read at interpreter shutdown aborts the process. Everything worth keeping is sent by now.
    os._exit(code)
