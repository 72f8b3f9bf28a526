"""Editor canvas load bench: our GraphCanvas vs stock NodeGraphQt on the same generated graphs.

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python bench/editor_load.py`` (prints figures, not a test).
Each case runs in a fresh subprocess so that RSS figures do not share an allocator. Graphs of 500
and 2,000 nodes, as many connections as nodes, built from real specs (Console/Branch/Add chains,
with a Socket.IO Send every 10th group so that the plugin toggle has nodes to turn into placeholders).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import _paths  # noqa: F401 - first: keeps bench/socketio.py from hiding the socketio package

ROOT = Path(__file__).resolve().parents[1]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SIZES = (500, 2000)
VIEW_SIZE = (1600, 1000)
DRAG_NODES = 200
STOCK_FIT_CAP_S = 60.0
COLUMNS = 40
TARGETS = {
    "open_500": "<= 1 s",
    "open_2000": "<= 3 s and >= 4x stock",
    "rss_2000": "<= +250 MB",
    "drag": "<= 50 ms",
    "frame": "<= 100 ms",
    "repaint": "<= 250 ms",
    "refresh": "<= 50 ms",
}


# --- the generated graph (model side) ----------------------------------------------------------
def build_project(size: int) -> Any:
    """A project whose start scene has `size` nodes and `size` links (groups of 4 nodes, 4 links)."""
    from editor.document import new_project
    from runtime.model import Link, Node
    from runtime.registry import default_registry

    registry = default_registry()
    project = new_project(registry, f"bench {size}")
    graph = project.graphs[project.start_scene]
    nodes: list[Node] = []

    def place(type_id: str) -> Node:
        spec = registry.spec(type_id)
        i = len(nodes)
        node = Node(f"n{i:05d}", type_id, f"{spec.name} {i}", ((i % COLUMNS) * 260.0, (i // COLUMNS) * 170.0),
                    attributes=spec.default_attributes())
        graph.nodes[node.id] = node
        nodes.append(node)
        return node

    previous: Node | None = None
    for group in range(size // 4):
        first = place("socketio.send" if group % 10 == 9 else "logic.console")
        branch = place("logic.branch")
        second = place("logic.console")
        add = place("logic.add")
        graph.links += [Link(first.id, "Out", branch.id, "In"), Link(branch.id, "True", second.id, "In"),
                        Link(add.id, "Result", second.id, "Value")]
        graph.links.append(Link(previous.id, "Out", first.id, "In") if previous
                           else Link(branch.id, "False", second.id, "In"))
        previous = second
    return project


def annotate(project: Any) -> str:
    """Adds what designers add to big graphs: a coloured group and a comment per row of nodes, a node
    comment on every 20th node, and a reroute point on every 10th connection. Says what it added."""
    from runtime.model import Comment, Group

    graph = project.graphs[project.start_scene]
    rows = (len(graph.nodes) + COLUMNS - 1) // COLUMNS
    for row in range(rows):
        top = row * 170.0
        graph.groups.append(Group(f"g{row}", f"Row {row}", (-30.0, top - 40.0, COLUMNS * 260.0, 160.0),
                                  "#a9d98e" if row % 2 else "#8fb8ef"))
        graph.comments.append(Comment(f"c{row}", f"**Row {row}**\n*what it does*", (-300.0, top, 240.0, 110.0)))
    for index, node in enumerate(graph.nodes.values()):
        if index % 20 == 0:
            node.comment = f"Node comment {index}"
    for index, link in enumerate(graph.links):
        if index % 10 == 0:
            graph.bends[link] = ((index % COLUMNS * 260.0 + 130.0, index // COLUMNS * 170.0 + 150.0),)
    return f"{rows} coloured groups, {rows} comments, {len(graph.nodes) // 20} node comments, " \
           f"{len(graph.bends)} reroute points"


def stock_session(project: Any) -> dict[str, Any]:
    """The same graph as a NodeGraphQt session (what a stock NodeGraphQt app would load)."""
    graph = project.graphs[project.start_scene]
    nodes = {n.id: {"type_": _stock_type(n.type), "name": n.name, "pos": list(n.position)}
             for n in graph.nodes.values()}
    links = [{"out": [k.source, k.output], "in": [k.target, k.input]} for k in graph.links]
    return {"graph": {"acyclic": False}, "nodes": nodes, "connections": links}


def _stock_type(type_id: str) -> str:
    return "bench." + type_id.replace(".", "_")


def stock_node_classes() -> list[type]:
    """Stock BaseNode classes with the same sockets as our specs (default NodeItem look)."""
    from NodeGraphQt import BaseNode

    from runtime.registry import default_registry

    registry = default_registry()
    classes = []
    for type_id in ("logic.console", "logic.branch", "logic.add", "socketio.send"):
        spec = registry.spec(type_id)

        def init(self: Any, spec: Any = spec) -> None:
            BaseNode.__init__(self)
            for name in spec.pulse_in:
                self.add_input(name, multi_input=True)
            for port in spec.inputs:
                self.add_input(port.name)
            for name in spec.pulse_out:
                self.add_output(name, multi_output=False)
            for port in spec.outputs:
                self.add_output(port.name)

        classes.append(type(type_id.replace(".", "_"), (BaseNode,), {"__identifier__": "bench", "NODE_NAME": spec.name,
                                                                      "__init__": init}))
    return classes


# --- measuring -----------------------------------------------------------------------------------
def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def timed(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def render(view: Any) -> None:
    from PySide6.QtGui import QImage, QPainter

    image = QImage(view.viewport().size(), QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    view.render(painter)
    painter.end()


def drag_step(app: Any, view: Any, cards: list[Any], header_offset: Any) -> float:
    """Median time of one mouse-move step (event + repaint) while dragging the selected nodes."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    viewport = view.viewport()
    start = view.mapFromScene(cards[0].mapToScene(header_offset))
    QTest.mouseMove(viewport, start)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    app.processEvents()
    steps = []
    for i in range(1, 7):
        point = start + QPoint(6 * i, 4 * i)
        steps.append(timed(lambda p=point: (QTest.mouseMove(viewport, p), viewport.repaint())))
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    app.processEvents()
    return statistics.median(steps[1:])


def pan_step(canvas: Any) -> float:
    """Median time of one pan step (the view moves, the canvas and its overlays repaint)."""
    viewer = canvas.viewer()
    steps = []
    for _ in range(8):
        steps.append(timed(lambda: (viewer._set_viewer_pan(9.0, 6.0), canvas.repaint())))
    return statistics.median(steps[1:])


def minimap_costs(app: Any, canvas: Any, cards: list[Any], header_offset: Any) -> dict[str, float]:
    """Drag step and pan step with the minimap off and on, alternating (best of two each)."""
    found: dict[str, list[float]] = {"drag_mini_off": [], "drag_mini_on": [], "pan_mini_off": [], "pan_mini_on": []}
    for on in (False, True, False, True):
        canvas.set_minimap_visible(on)
        app.processEvents()
        suffix = "on" if on else "off"
        found[f"drag_mini_{suffix}"].append(drag_step(app, canvas.viewer(), cards, header_offset))
        found[f"pan_mini_{suffix}"].append(pan_step(canvas))
    minimap = canvas.minimap()
    paints = [timed(minimap.repaint) for _ in range(9)]  # what a pan adds: the pixmap and the view's rectangle
    rebuild = min(timed(lambda: (minimap.graph_changed(), minimap._invalidate(), minimap.repaint())) for _ in range(3))
    canvas.set_minimap_visible(False)
    return {**{key: min(values) for key, values in found.items()}, "mini_paint": statistics.median(paints),
            "mini_rebuild": rebuild}


def run_ours(size: int, path: Path) -> dict[str, Any]:
    from PySide6.QtCore import QPointF
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from editor.canvas import GraphCanvas
    from editor.document import Document
    from runtime.registry import default_registry

    default_registry()  # built once at editor start (imports the Socket.IO client): not part of opening
    before = rss_mb()
    result: dict[str, Any] = {}
    holder: dict[str, Any] = {}

    def open_canvas() -> None:
        doc = Document.open(path)
        canvas = GraphCanvas(doc, doc.project.start_scene)
        canvas.resize(*VIEW_SIZE)
        canvas.show()
        app.processEvents()  # first paint: interactive from here
        holder.update(doc=doc, canvas=canvas)

    result["open"] = timed(open_canvas)
    result["rss"] = rss_mb() - before
    doc, canvas = holder["doc"], holder["canvas"]
    ids = list(doc.project.graphs[doc.project.start_scene].nodes)[:DRAG_NODES]
    canvas.reset_zoom()
    canvas.select_nodes(ids)
    canvas.center_on_node(ids[0])
    app.processEvents()
    cards = [canvas.node_graph().get_node_by_id(i).view for i in ids]
    result["drag"] = drag_step(app, canvas.viewer(), cards, QPointF(60, 10))
    result.update(minimap_costs(app, canvas, cards, QPointF(60, 10)))
    result["frame"] = timed(canvas.frame_all)
    result["frame_paint"] = timed(canvas.viewer().viewport().repaint)
    result["repaint_cold"] = timed(lambda: render(canvas.viewer()))
    result["repaint"] = timed(lambda: render(canvas.viewer()))
    popup = canvas.node_search()
    popup.set_specs(canvas.placeable_specs())
    result["toggle"] = timed(lambda: doc.set_plugin_active("socketio", False))
    result["refresh"] = timed(lambda: popup.set_specs(canvas.placeable_specs()))
    graph = doc.project.graphs[doc.project.start_scene]
    result["placeholders"] = sum(1 for n in graph.nodes if canvas.node_look(n).status)
    return result


def run_stock(size: int, path: Path, fit: bool) -> dict[str, Any]:
    from NodeGraphQt import NodeGraph
    from PySide6.QtCore import QPointF, QRectF
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    session = json.loads(path.read_text())
    before = rss_mb()
    result: dict[str, Any] = {}
    graph = NodeGraph()
    graph.register_nodes(stock_node_classes())
    viewer = graph.viewer()

    def open_stock() -> None:
        graph.deserialize_session(json.loads(json.dumps(session)))
        viewer.resize(*VIEW_SIZE)
        viewer.show()
        app.processEvents()

    result["open"] = timed(open_stock)
    result["rss"] = rss_mb() - before
    nodes = graph.all_nodes()
    if fit:
        result["fit"] = timed(graph.fit_to_selection)
        return result
    graph.clear_selection()
    for node in nodes[:DRAG_NODES]:
        node.view.setSelected(True)
    graph.reset_zoom()
    viewer.center_selection([nodes[0].view])
    app.processEvents()
    result["drag"] = drag_step(app, viewer, [n.view for n in nodes[:DRAG_NODES]], QPointF(40, 8))
    rect = QRectF()
    for node in nodes:
        rect = rect.united(node.view.sceneBoundingRect())
    viewer.set_scene_rect([rect.x(), rect.y(), rect.width(), rect.height()])  # framed without fit_to_selection
    result["repaint_cold"] = timed(lambda: render(viewer))
    result["repaint"] = timed(lambda: render(viewer))
    return result


# --- driver --------------------------------------------------------------------------------------
def subprocess_case(case: str, size: int, path: Path, timeout: float | None = None) -> dict[str, Any] | None:
    command = [sys.executable, __file__, "--case", case, str(size), str(path)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return None
    except subprocess.CalledProcessError as exc:
        print(exc.stdout, exc.stderr, file=sys.stderr)
        raise
    return json.loads(done.stdout.strip().splitlines()[-1])


def ms(seconds: float | None) -> str:
    return "n/a" if seconds is None else f"{seconds * 1000:8.0f} ms"


def main() -> None:
    from runtime import fileformat

    print(f"Editor canvas load bench ({VIEW_SIZE[0]}x{VIEW_SIZE[1]} view, offscreen, {DRAG_NODES} nodes dragged)")
    with tempfile.TemporaryDirectory() as tmp:
        for size in SIZES:
            project = build_project(size)
            ours_path, stock_path = Path(tmp, f"p{size}.pulse.json"), Path(tmp, f"s{size}.json")
            fileformat.save(project, ours_path)
            stock_path.write_text(json.dumps(stock_session(project)))
            graph = project.graphs[project.start_scene]
            print(f"\n== {len(graph.nodes)} nodes, {len(graph.links)} connections ==")
            ours = subprocess_case("ours", size, ours_path)
            stock = subprocess_case("stock", size, stock_path)
            fit_timeout = stock["open"] * 2 + STOCK_FIT_CAP_S + 10
            stock_fit = subprocess_case("stock-fit", size, stock_path, timeout=fit_timeout)
            open_target = TARGETS["open_500" if size <= 500 else "open_2000"]
            speedup = stock["open"] / ours["open"]
            fit = "> 60 s" if stock_fit is None or stock_fit["fit"] > STOCK_FIT_CAP_S else ms(stock_fit["fit"])
            rows = [
                ("open to interactive", ms(ours["open"]), ms(stock["open"]), f"{open_target} ({speedup:.1f}x stock)"),
                ("RSS increase", f"{ours['rss']:8.0f} MB", f"{stock['rss']:8.0f} MB",
                 TARGETS["rss_2000"] if size > 500 else "-"),
                (f"drag step ({DRAG_NODES} nodes)", ms(ours["drag"]), ms(stock["drag"]), TARGETS["drag"]),
                ("  minimap off / on", f"{ms(ours['drag_mini_off'])} / {ms(ours['drag_mini_on'])}", "-", "-"),
                ("pan step, minimap off / on", f"{ms(ours['pan_mini_off'])} / {ms(ours['pan_mini_on'])}", "-", "-"),
                ("minimap paint / rebuild", f"{ours['mini_paint'] * 1000:.2f} / {ours['mini_rebuild'] * 1000:.1f} ms",
                 "-", "-"),
                ("frame all", ms(ours["frame"]), fit + " (fit_to_selection)", TARGETS["frame"]),
                ("  + its first repaint", ms(ours["frame_paint"]), "-", "-"),
                ("zoomed-out repaint (2nd)", ms(ours["repaint"]), ms(stock["repaint"]), TARGETS["repaint"]),
                ("zoomed-out repaint (1st)", ms(ours["repaint_cold"]), ms(stock["repaint_cold"]), "-"),
                ("tab search refresh", ms(ours["refresh"]), "-", TARGETS["refresh"]),
                ("plugin toggle, whole", ms(ours["toggle"]), "-", f"({ours['placeholders']} placeholders)"),
            ]
            print(f"{'':28}{'ours':>14}{'stock':>34}   target")
            for name, mine, theirs, target in rows:
                print(f"{name:28}{mine:>14}{theirs:>34}   {target}")
            if size == max(SIZES):
                added = annotate(project)
                notes_path = Path(tmp, f"n{size}.pulse.json")
                fileformat.save(project, notes_path)
                notes = subprocess_case("ours", size, notes_path)
                print(f"\n-- the same {size} nodes with {added} --")
                for name, key in (("open to interactive", "open"), (f"drag step ({DRAG_NODES} nodes)", "drag"),
                                  ("frame all", "frame"), ("zoomed-out repaint (2nd)", "repaint"),
                                  ("zoomed-out repaint (1st)", "repaint_cold")):
                    print(f"{name:28}{ms(notes[key]):>14}{'(plain: ' + ms(ours[key]).strip() + ')':>34}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--case":
        case, size, path = sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
        runner = {"ours": lambda: run_ours(size, path), "stock": lambda: run_stock(size, path, fit=False),
                  "stock-fit": lambda: run_stock(size, path, fit=True)}[case]
        print(json.dumps(runner()))
    else:
        main()
