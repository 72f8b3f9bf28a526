"""Running logic inside the editor: canvas repaint rate and pulse rate, versus pulse-run headless.

A graph runs about 5,000 pulses per second (a Delay of 10 ms heading 50 nodes, looping); the same
graph with a Delay of 0 is CPU-bound (it never idles) and shows what the editor's recording costs.
Printed,
in one process: the pulse rate headless (plain asyncio, as `pulse-run` runs it); inside the editor
with the engine in its own process (what the editor does) while the canvas repaints at up to 60 Hz
and highlights executing nodes; and, for the decision record, with the engine on the Qt loop via
qasync. Targets: repaint >= 30 frames/s; in-editor pulse rate >= 0.8x headless.

The CPU-bound rows alternate headless and editor runs (`--rounds`), since on a shared machine the
rate moves with the load from one second to the next: each round's ratio and their median are
printed, with the load average. In the editor the window's thread waits in Qt's event loop as it does
in the application, repainting at the rate the flow display asks for.

Run: `QT_QPA_PLATFORM=offscreen .venv/bin/python bench/editor_run.py [--seconds 4] [--rounds 3]`
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import time
from pathlib import Path

import _paths  # noqa: F401 - keeps bench/socketio.py from hiding the socketio package

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import itertools

from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer
from PySide6.QtWidgets import QApplication

from runtime.engine.engine import Engine
from runtime.engine.host import prewarm
from runtime.model import Link, Node, Project, Variable
from runtime.registry import default_registry
from runtime.types import DataType

CHAIN = 47  # Set Variable nodes per cycle; with listener, delay, counter and trigger: 51 nodes
NODES_PER_CYCLE = CHAIN + 4


def make_project(delay: float = 0.01) -> Project:
    """On Project Start -> tick; tick: Delay (10 ms) -> 47 x Set Variable -> count cycle -> tick again.

    With `delay` 0 the graph is CPU-bound: it never waits, so it measures what recording costs."""
    registry = default_registry()
    project = Project.new("Pulse load")
    project.plugins = registry.default_plugin_states()
    project.variables = [Variable("cycles", DataType.INT, 0), Variable("scratch", DataType.INT, 0)]
    graph = project.project_graph

    def add(node_id: str, type_id: str, x: float, y: float, **attributes: object) -> None:
        values = registry.spec(type_id).default_attributes()
        values.update(attributes)
        graph.add_node(Node(node_id, type_id, registry.spec(type_id).name, (x, y), attributes=values))

    add("start", "logic.on_project_start", 0, 0)
    add("kick", "logic.custom_event_trigger", 220, 0, Event="tick")
    add("tick", "logic.custom_event_listener", 0, 200, Event="tick")
    add("wait", "logic.delay", 220, 200, Seconds=delay)
    chain = ["wait"]
    for i in range(CHAIN):
        add(f"s{i}", "logic.set_variable", 440 + (i % 12) * 220, 200 + (i // 12) * 140, Variable="scratch", Value=i)
        chain.append(f"s{i}")
    add("get", "logic.get_variable", 440, 900, Variable="cycles")
    add("plus", "logic.add", 660, 900, Type="Int", B=1)
    add("count", "logic.set_variable", 880, 800, Variable="cycles")
    add("again", "logic.custom_event_trigger", 1100, 800, Event="tick")
    chain += ["count", "again"]
    graph.add_link(Link("start", "Out", "kick", "In"))
    graph.add_link(Link("tick", "Out", "wait", "In"))
    for a, b in itertools.pairwise(chain):
        graph.add_link(Link(a, "Out", b, "In"))
    graph.add_link(Link("get", "Value", "plus", "A"))
    graph.add_link(Link("plus", "Result", "count", "Value"))
    return project


def headless_rate(project: Project, seconds: float) -> float:
    async def run() -> float:
        engine = Engine(project)
        await engine.start()
        started = time.perf_counter()
        await asyncio.sleep(seconds)
        cycles = engine.variables.values["cycles"]
        elapsed = time.perf_counter() - started
        await engine.stop()
        return cycles * NODES_PER_CYCLE / elapsed

    return asyncio.run(run())


class PaintCounter(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def _canvas(app: QApplication, project: Project):
    from editor.canvas import GraphCanvas
    from editor.document import Document

    document = Document(project)
    canvas = GraphCanvas(document, "project")
    canvas.resize(1400, 900)
    canvas.show()
    canvas.frame_all()
    app.processEvents()
    return document, canvas


def _repaint_loop(app: QApplication, canvas, seconds: float, on_frame=None) -> tuple[float, float]:
    """Asks for a repaint every 16 ms for `seconds`; returns (frames painted per second, worst gap in ms)."""
    counter = PaintCounter()
    viewport = canvas.viewer().viewport()
    viewport.installEventFilter(counter)
    gaps, last = [], [time.perf_counter()]

    def frame() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now
        if on_frame is not None:
            on_frame()
        viewport.update()

    timer = QTimer()
    timer.setInterval(16)
    timer.timeout.connect(frame)
    timer.start()
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.001)
    timer.stop()
    viewport.removeEventFilter(counter)
    return counter.count / seconds, max(gaps) * 1000 if gaps else 0.0


def _event_loop(canvas, seconds: float) -> float:
    """Runs Qt's event loop for `seconds`, as the application does; returns the repaints per second."""
    counter = PaintCounter()
    viewport = canvas.viewer().viewport()
    viewport.installEventFilter(counter)
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()
    viewport.removeEventFilter(counter)
    return counter.count / seconds


def process_cpu(pid: int) -> float:
    """CPU seconds a process has used (Linux; NaN elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class PulseCounter:
    """Sums the pulses of the reports the controller drains, from the first that has any (the run process
    has started) to the last: the editor's rate once running, start-up left out as headless leaves it out."""

    def __init__(self, host) -> None:
        self.original, self.pulses, self.first, self.last = host.drain, 0, None, None
        host.drain = self.drain

    def drain(self):
        report = self.original()
        if report.pulses:
            now = time.perf_counter()
            if self.first is None:
                self.first = now
            else:
                self.pulses += report.pulses
            self.last = now
        return report

    def rate(self) -> float:
        return self.pulses / (self.last - self.first) if self.first is not None and self.last > self.first else 0.0


def editor_process_rate(app: QApplication, project: Project, seconds: float,
                        ask_repaints: bool = True) -> tuple[float, float, float, float]:
    """The editor's way: RunController (engine in its own process, 30 Hz drain with highlights and the
    flow display). `ask_repaints`: also ask for a repaint every 16 ms [else the flow display's rate].
    Returns pulses/s, frames/s, the worst frame gap (ms), and the CPU seconds per second of the window's
    thread and of the run process."""
    from editor.run.controller import RunController

    document, canvas = _canvas(app, project)
    controller = RunController(lambda: document, lambda graph_id, front: canvas, lambda record: None)
    controller.start()
    counter = PulseCounter(controller.host)
    started, window_cpu, run_cpu = time.perf_counter(), time.thread_time(), process_cpu(controller.host.pid)
    if ask_repaints:
        fps, worst = _repaint_loop(app, canvas, seconds)
    else:
        fps, worst = _event_loop(canvas, seconds), float("nan")
    elapsed = time.perf_counter() - started
    window_cpu = (time.thread_time() - window_cpu) / elapsed
    run_cpu = (process_cpu(controller.host.pid) - run_cpu) / elapsed
    controller.stop()
    return counter.rate(), fps, worst, window_cpu, run_cpu


def editor_qasync_rate(app: QApplication, project: Project, seconds: float) -> tuple[float, float, float]:
    """The alternative: the engine on the Qt loop through qasync (no highlights, to favour it)."""
    import qasync

    _document, canvas = _canvas(app, project)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    engine = Engine(project)
    result: dict[str, float] = {}

    async def run() -> None:
        await engine.start()
        started = time.perf_counter()
        counter = PaintCounter()
        viewport = canvas.viewer().viewport()
        viewport.installEventFilter(counter)
        frames_requested = 0
        gaps, last = [], time.perf_counter()
        while time.perf_counter() - started < seconds:
            viewport.update()
            frames_requested += 1
            await asyncio.sleep(0.016)
            now = time.perf_counter()
            gaps.append(now - last)
            last = now
        elapsed = time.perf_counter() - started
        result.update(rate=engine.variables.values["cycles"] * NODES_PER_CYCLE / elapsed,
                      fps=counter.count / elapsed, worst=max(gaps) * 1000)
        viewport.removeEventFilter(counter)
        await engine.stop()

    with loop:
        loop.run_until_complete(run())
    return result["rate"], result["fps"], result["worst"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    print("load average (1, 5, 15 min) at start: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    project = make_project()
    app = QApplication.instance() or QApplication([])
    headless = headless_rate(project, args.seconds)
    prewarm()
    time.sleep(1.0)  # the run process the first run takes has started and imported
    in_process = editor_process_rate(app, make_project(), args.seconds)[:3]
    on_qt_loop = editor_qasync_rate(app, make_project(), args.seconds)
    print(f"pulse rate headless (pulse-run's loop): {headless:8.0f} pulses/s   (graph designed for ~5,000)")
    for label, (rate, fps, worst) in (("editor, engine in its own process", in_process),
                                      ("editor, engine on the Qt loop (qasync)", on_qt_loop)):
        print(f"{label:40s}: {rate:8.0f} pulses/s = {rate / headless:4.2f}x headless (target >= 0.8x); "
              f"repaint {fps:5.1f} frames/s (target >= 30), worst frame gap {worst:5.1f} ms")
    ratios = []
    for round_ in range(1, args.rounds + 1):
        cpu_headless = headless_rate(make_project(0.0), args.seconds)
        rate, fps, _worst, window_cpu, run_cpu = editor_process_rate(app, make_project(0.0), args.seconds,
                                                                     ask_repaints=False)
        ratios.append(rate / cpu_headless)
        print(f"CPU-bound graph (Delay 0), round {round_}: headless {cpu_headless:8.0f} node executions/s; "
              f"editor with flow display {rate:8.0f} = {rate / cpu_headless:4.2f}x (target >= 0.8x), "
              f"repaint {fps:5.1f} frames/s, CPU s/s: window thread {window_cpu:4.2f}, run process {run_cpu:4.2f}; "
              f"load {os.getloadavg()[0]:.2f}")
    print(f"CPU-bound graph, editor / headless: median {statistics.median(ratios):4.2f}x over {len(ratios)} rounds")
    print("load average (1, 5, 15 min) at end: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))


if __name__ == "__main__":
    main()
