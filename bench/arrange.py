"""Auto-arrange bench: Layout Graph on generated graphs, the layout alone and the whole command.

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python bench/arrange.py`` (prints figures, not a test).
Graphs are bench/editor_load.py's (Console/Branch/Console chains with an Add feeding each second
Console, one long pulse chain, as many links as nodes), plus a "wide" shape: 20 independent chains
of that kind side by side. "layout" is `editor.auto_layout.layout` alone (grandalf's Sugiyama and
our separation pass); "command" is what Arrange -> Layout Graph does on a shown GraphCanvas: the
layout, the undoable move of every node and the canvas following it, up to the next paint.
Best of 3; never asserts. Target: 500 nodes in under 1 s.
"""

from __future__ import annotations

import os
import time
from typing import Any

import _paths  # noqa: F401 - first: keeps bench/socketio.py from hiding the socketio package

from bench.editor_load import VIEW_SIZE, build_project

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SIZES = (100, 500, 1_000, 2_000)
REPEAT = 3


def _wide(size: int) -> Any:
    """20 separate chains of size/20 nodes: many parts stacked one under the other."""
    project = build_project(size)
    graph = project.graphs[project.start_scene]
    ids = list(graph.nodes)
    cut = {ids[i] for i in range(0, len(ids), max(4, size // 20))}  # the first Console of every 20th group
    graph.links = [k for k in graph.links if not (k.target in cut and k.input == "In" and k.source not in cut)]
    return project


def _layout_inputs(project: Any) -> tuple[dict, list, dict]:
    graph = project.graphs[project.start_scene]
    positions = {i: n.position for i, n in graph.nodes.items()}
    sizes = {i: (180.0, 90.0) for i in positions}
    return positions, [(k.source, k.target) for k in graph.links], sizes


def best(fn: Any) -> float:
    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def command_time(project: Any) -> float:
    """Layout Graph as the window runs it, on a shown canvas, up to the next paint (best of 3 with undo)."""
    from PySide6.QtWidgets import QApplication

    from editor import auto_layout
    from editor.canvas import GraphCanvas
    from editor.document import Document

    app = QApplication.instance() or QApplication([])
    document = Document(project)
    canvas = GraphCanvas(document, project.start_scene)
    canvas.resize(*VIEW_SIZE)
    canvas.show()
    canvas.frame_all()
    app.processEvents()
    graph = project.graphs[project.start_scene]

    def run() -> None:
        positions = {i: n.position for i, n in graph.nodes.items()}
        sizes = {i: canvas.node_size(i) for i in positions}
        moved = auto_layout.layout(positions, [(k.source, k.target) for k in graph.links], sizes)
        document.move_nodes(graph.id, {i: (positions[i], moved[i]) for i in positions})
        canvas.viewer().viewport().repaint()
        app.processEvents()

    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
        document.undo_stack.undo()
        app.processEvents()
    canvas.close()
    document.undo_stack.blockSignals(True)
    return min(times)


def main() -> None:
    from editor import auto_layout

    print(f"load average: {os.getloadavg()[0]:.2f}")
    print("| nodes | shape | layout alone | Layout Graph command (canvas shown) |")
    print("|---|---|---|---|")
    for size in SIZES:
        for shape, build in (("one chain", build_project), ("20 chains", _wide)):
            positions, links, sizes = _layout_inputs(build(size))
            alone = best(lambda positions=positions, links=links, sizes=sizes:
                         auto_layout.layout(positions, links, sizes))
            command = command_time(build(size)) if size <= 2_000 else None
            figure = f"{command * 1000:.0f} ms" if command is not None else "–"
            print(f"| {size:,} | {shape} | {alone * 1000:.0f} ms | {figure} |", flush=True)


if __name__ == "__main__":
    main()
