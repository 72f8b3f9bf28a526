"""Projects whose logic never waits and never ends: each prints "looping" and then runs away.

Shared by the runtime, `pulse-run` and editor tests that prove such a run can always be stopped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from runtime.model import Graph, Link, Node, PrefabInstance, Project
from runtime.registry import default_registry
from runtime.specs import MAX_SOCKETS, Scope

BIG = 10**12


def _project(nodes: list[tuple[str, str, dict[str, Any]]], links: list[str]) -> Project:
    """A project whose Project graph has `nodes` (id, type, attributes) and `links` ("a.Out -> b.In")."""
    project = Project.new("Runaway")
    project.set_plugin_active("socketio", False)
    graph = project.project_graph
    for node_id, type_id, attributes in [("start", "logic.on_project_start", {}),
                                         ("hello", "logic.console", {"Value": "looping"}), *nodes]:
        values = default_registry().spec(type_id).default_attributes()
        values.update(attributes)
        graph.add_node(Node(node_id, type_id, node_id, attributes=values))
    for link in ["start.Out -> hello.In", *links]:
        (source, output), (target, input_) = (end.split(".", 1) for end in link.split(" -> "))
        graph.add_link(Link(source, output, target, input_))
    return project


def for_loop(first: int = 0, last: int = BIG) -> Project:
    """A For Loop from `first` to `last` whose body (a Toggle) never waits."""
    return _project([("loop", "logic.for_loop", {"First Index": first, "Last Index": last}),
                     ("body", "logic.toggle", {}),
                     ("done", "logic.console", {"Value": "completed"})],
                    ["hello.Out -> loop.In", "loop.Loop Body -> body.In", "loop.Completed -> done.In"])


def self_trigger() -> Project:
    """A Custom Event whose listener triggers the same event, at once, for ever."""
    return _project([("fire", "logic.custom_event_trigger", {"Event": "again"}),
                     ("listen", "logic.custom_event_listener", {"Event": "again"}),
                     ("again", "logic.custom_event_trigger", {"Event": "again"})],
                    ["hello.Out -> fire.In", "listen.Out -> again.In"])


def event_fork() -> Project:
    """A Custom Event whose listener triggers the same event twice: twice as many events each round."""
    project = self_trigger()
    graph = project.project_graph
    graph.add_node(Node("twice", "logic.custom_event_trigger", "twice", attributes={"Event": "again"}))
    graph.add_link(Link("again", "Out", "twice", "In"))
    return project


def huge_sequential() -> Project:
    """A Sequential with as many outputs as it may have, each into a For Loop of a trillion steps
    with nothing in its body."""
    nodes: list[tuple[str, str, dict[str, Any]]] = [("seq", "logic.sequential", {"Outputs": MAX_SOCKETS})]
    links = ["hello.Out -> seq.In"]
    for i in range(1, MAX_SOCKETS + 1):
        nodes.append((f"loop{i}", "logic.for_loop", {"First Index": 0, "Last Index": BIG}))
        links.append(f"seq.Then {i} -> loop{i}.In")
    return _project(nodes, links)


def pulse_cycle() -> Project:
    """Two Toggles whose pulses feed each other: a loop made of links, with no loop node."""
    return _project([("ping", "logic.toggle", {}), ("pong", "logic.toggle", {})],
                    ["hello.Out -> ping.In", "ping.On -> pong.In", "ping.Off -> pong.In", "pong.On -> ping.In",
                     "pong.Off -> ping.In"])


RUNAWAYS: dict[str, Callable[[], Project]] = {
    "for-loop": for_loop,
    "negative-for-loop": lambda: for_loop(-BIG, 0),
    "self-trigger": self_trigger,
    "huge-sequential": huge_sequential,
    "pulse-cycle": pulse_cycle,
}


def stubborn_destruction() -> Project:
    """A run that waits (a Delay of an hour) in a scene holding an instance of a prefab whose On Destruction
    prints "destroying" and then runs away (a pulse cycle): Stop must still end it, in bounded time."""
    project = _project([("wait", "logic.delay", {"Seconds": 3600.0})], ["hello.Out -> wait.In"])
    prefab = Graph("prefab-stubborn", Scope.PREFAB, "Stubborn")
    project.add_graph(prefab)
    project.graphs[project.start_scene].instances = [PrefabInstance("S", prefab.id)]
    for node_id, type_id, attributes in [("bye", "logic.on_destruction", {}),
                                         ("say", "logic.console", {"Value": "destroying"}),
                                         ("ping", "logic.toggle", {}), ("pong", "logic.toggle", {})]:
        prefab.add_node(Node(node_id, type_id, node_id, attributes=attributes))
    for source, output, target in [("bye", "Out", "say"), ("say", "Out", "ping"), ("ping", "On", "pong"),
                                   ("ping", "Off", "pong"), ("pong", "On", "ping"), ("pong", "Off", "ping")]:
        prefab.add_link(Link(source, output, target, "In"))
    return project
