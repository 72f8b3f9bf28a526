"""Project loading time against graph size: pure-node chains and random graphs of N nodes.

    .venv/bin/python bench/loading.py

A chain is On Project Start -> Console whose value comes through N pure Add nodes in a row (the
shape that once made loading cubic); a random graph (seeded) has N nodes, a third of them actions in
one pulse chain, the rest pure Add nodes each fed by up to two random earlier ones. Prints the best
of 3 `fileformat.loads` per size; never asserts.
"""

from __future__ import annotations

import random
import time

import _paths  # noqa: F401 - first: keeps bench/socketio.py from hiding the socketio package

from runtime import fileformat
from runtime.model import Link, Node, Project
from runtime.registry import default_registry

SIZES = (500, 1_000, 2_000, 3_000, 5_000)


def _project() -> Project:
    project = Project.new("Loading")
    project.set_plugin_active("socketio", False)
    return project


def _add(project: Project, node_id: str, type_id: str, **attributes: object) -> None:
    values = default_registry().spec(type_id).default_attributes()
    values.update(attributes)
    project.project_graph.add_node(Node(node_id, type_id, node_id, attributes=values))


def chain(size: int) -> Project:
    project = _project()
    graph = project.project_graph
    _add(project, "start", "logic.on_project_start")
    _add(project, "show", "logic.console")
    graph.add_link(Link("start", "Out", "show", "In"))
    for i in range(size):
        _add(project, f"add{i}", "logic.add", Type="Int", B=1)
        if i:
            graph.add_link(Link(f"add{i - 1}", "Result", f"add{i}", "A"))
    graph.add_link(Link(f"add{size - 1}", "Result", "show", "Value"))
    return project


def random_graph(size: int, seed: int = 1) -> Project:
    rng = random.Random(seed)
    project = _project()
    graph = project.project_graph
    _add(project, "start", "logic.on_project_start")
    previous, pure = "start", []
    for i in range(size):
        if i % 3 == 0:
            _add(project, f"n{i}", "logic.console")
            graph.add_link(Link(previous, "Out", f"n{i}", "In"))
            previous = f"n{i}"
            if pure:
                graph.add_link(Link(rng.choice(pure), "Result", f"n{i}", "Value"))
        else:
            _add(project, f"n{i}", "logic.add", Type="Int")
            for socket in rng.sample(["A", "B"], rng.randint(0, 2)):
                if pure:
                    graph.add_link(Link(rng.choice(pure), "Result", f"n{i}", socket))
            pure.append(f"n{i}")
    return project


def best_load(text: str, repeats: int = 3) -> float:
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        fileformat.loads(text, "bench")
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    print(f"{'nodes':>6} {'chain':>9} {'random':>9}   (best of 3 fileformat.loads)")
    for size in SIZES:
        times = [best_load(fileformat.dumps(make(size))) for make in (chain, random_graph)]
        print(f"{size:>6} {times[0]:>8.3f}s {times[1]:>8.3f}s")


if __name__ == "__main__":
    main()
