"""The engine: runs a project's logic on asyncio.

The Project graph runs for the whole run; one Scene (with its prefab instances) is active at a
time; Functions run when called, each call in a frame of its own. Plugins' services (Socket.IO
connections) live as long as the run. Errors are reported on their node and end only their
branch; `stop()` cancels every branch and timer and leaves no task behind.
"""

from __future__ import annotations

import asyncio
import random
import weakref
from collections.abc import Hashable, Iterator
from typing import Any, Protocol

from runtime.engine.compiler import compile_graph, failing_instance
from runtime.engine.console import ConsoleRecord
from runtime.engine.instance import NodeInstance
from runtime.engine.interpreter import PulseRunner
from runtime.engine.timers import Timers
from runtime.engine.variables import VariableStore
from runtime.model import Graph, Project
from runtime.registry import Registry, default_registry
from runtime.signal import Signal
from runtime.specs import Scope

#: How deep event branches fired from inside nodes may nest before they start on the next turn.
MAX_NESTED_FIRES = 32
#: How many such deferred branches may wait at once: beyond, firing is an error on the firing node
#: (logic that fires each event twice from inside itself would otherwise fill memory).
MAX_DEFERRED_FIRES = 10_000
#: How long the On Destruction branches of the instances being destroyed may run, all together, before
#: they are cancelled: a handler that never ends cannot hang a scene switch, Stop, SIGTERM or --timeout.
DESTRUCTION_SECONDS = 1.0

#: What On Creation and On Destruction listen to (fired in one prefab instance's run only).
prefab_created_topic = ("prefab.created",)
prefab_destroyed_topic = ("prefab.destroyed",)


class EngineError(Exception):
    """The project cannot run as configured (bad settings, no such scene); the message says why."""


class TraceHook(Protocol):
    """What a debugger or tracer receives. `node_entered` may return an awaitable to pause there.

    A hook may also have `attach(engine)`, which the engine calls once: the hook then sets
    `engine.hook` to itself while it wants calls and to None while it is idle, so that an idle
    debugger costs nothing (see Debugger).
    """

    def node_entered(self, inst: NodeInstance, inputs: list[Any]) -> Any: ...
    def node_finished(self, inst: NodeInstance, pulse_out: str | None) -> None: ...
    def node_evaluated(self, inst: NodeInstance, value: Any) -> None: ...
    def node_failed(self, inst: NodeInstance, error: Exception) -> None: ...


class GraphRun:
    """One running copy of a graph: its instances, event listeners, tasks and variable scope."""

    def __init__(self, engine: Engine, graph: Graph, label: str, store: VariableStore | None = None,
                 depth: int = 0, instance: str = "") -> None:
        self.engine, self.graph, self.label, self.depth = engine, graph, label, depth
        self.instance = instance  # the prefab instance's name, if this run is one
        self.store = store
        self.listeners: dict[Hashable, list[NodeInstance]] = {}
        self.tasks: set[asyncio.Task[Any]] = set()
        self.cleanups: list[Any] = []
        self.result: dict[str, Any] = {}
        self.entry: NodeInstance | None = None  # a function's Function Input node, a prefab's Prefab Input
        self.owner: GraphRun = self  # the run that owns this one's waiting branches: a call frame's caller's
        self.active = True
        self.instances = compile_graph(self)
        for inst in self.instances.values():
            spec = inst.spec
            if spec is None:
                continue
            if spec.setup is not None:
                spec.setup(inst)
            if spec.topic is not None:
                self.listeners.setdefault(spec.topic(inst), []).append(inst)
        engine.graph_runs.add(self)  # last: observers in another thread (the editor's) read `instances`

    def store_for(self, name: str) -> VariableStore:
        """The store that holds variable `name` for this graph: its prefab's own, else the project's."""
        if self.store is not None and name in self.store.values:
            return self.store
        return self.engine.variables

    def fire_topic(self, topic: Hashable, values: dict[str, Any] | None = None) -> None:
        for inst in self.listeners.get(topic, ()):
            self.engine.fire(inst, values)

    async def deactivate(self) -> None:
        """Stops this run's logic: no more events, every branch and timer cancelled."""
        self.active = False
        self.listeners.clear()
        for cleanup in self.cleanups:
            cleanup()
        self.cleanups.clear()
        await asyncio.sleep(0)  # let tasks created just now take their first step, so they cancel cleanly
        tasks = list(self.tasks)
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)


class Engine:
    """Runs one project. Create, `await start()`, then `await finished()` or `await stop()`.

    Parameters:
        project: the model to run (read at start; edits during a run apply to the next run).
        registry: node types and plugins [the built-in ones].
        hook: a TraceHook for debuggers and `--trace` [none: no cost]. `self.hook` is what the
            interpreter calls: None while an attached Debugger is idle.
        scene: name of the scene to start in [the project's start scene].
    """

    def __init__(self, project: Project, registry: Registry | None = None, hook: TraceHook | None = None,
                 scene: str | None = None) -> None:
        self.project = project
        self.registry = registry or default_registry()
        self.hook = hook
        self.graph_runs: weakref.WeakSet[GraphRun] = weakref.WeakSet()  # every live run (observers count nodes)
        self.pull_serial = [0]  # moves on each time a node pulls inputs that share a pure node
        attach = getattr(hook, "attach", None)
        if attach is not None:
            attach(self)
        self.runner = PulseRunner(self)
        self.timers = Timers(self)
        self.console = Signal()
        self.error_count = 0
        self.exit_code: int | None = None
        self.variables = VariableStore(project.variables)
        #: The run's one random generator (Random nodes of every family): seeded from Project Settings,
        #: so a seeded project draws the same numbers on every run.
        self.random = random.Random(project.random_seed)
        self.services: dict[str, Any] = {}
        self.project_run: GraphRun | None = None
        self.scene_runs: list[GraphRun] = []
        self.instance_runs: dict[str, GraphRun] = {}  # the active scene's prefab instances, by name
        self.scene: Graph = self._scene(scene)
        self._free_frames: dict[str, list[GraphRun]] = {}
        self._pending: set[asyncio.Task[Any]] = set()
        self._wanted_scene: Graph | None = None  # the scene the latest Switch Scene asked for, until started
        self._switching: asyncio.Task[None] | None = None  # the one task that switches scenes, while it runs
        self._finished = asyncio.Event()
        self._stopping = False
        self._destroying = False  # On Destruction branches run, even while stopping
        self._nesting = 0  # event branches fired from inside a node, running nested right now
        self._deferred = 0  # event branches waiting for the next turn because they nested too deep
        self.started = False

    # --- lifecycle -------------------------------------------------------------------------
    def _scene(self, name: str | None) -> Graph:
        if name is None:
            scene = self.project.graphs.get(self.project.start_scene)
            if scene is None:
                raise EngineError(f"the start scene {self.project.start_scene!r} does not exist")
            return scene
        scene = self.project.graph_named(Scope.SCENE, name)
        if scene is None:
            known = ", ".join(repr(g.name) for g in self.project.graphs_of(Scope.SCENE))
            raise EngineError(f"there is no scene named {name!r} (scenes: {known})")
        return scene

    def check_settings(self) -> None:
        """Raises EngineError listing every problem in the active plugins' settings."""
        problems = [f"{section.title}: {problem}" for section in self.registry.active_sections(self.project)
                    for problem in section.validate(section.entries(self.project))]
        if problems:
            raise EngineError("invalid project settings:\n  " + "\n  ".join(problems))

    async def start(self) -> None:
        """Starts services, then the Project graph (On Project Start), then the start scene."""
        self.check_settings()
        self.started = True
        for plugin in self.registry.plugins.values():
            if plugin.service is not None and self.registry.is_active(plugin.id, self.project):
                service = plugin.service(self)
                self.services[plugin.id] = service
                await service.start()
        self.project_run = GraphRun(self, self.project.project_graph, self.project.project_graph.name)
        self.project_run.fire_topic(("project.start",))
        self._activate_scene(self.scene)
        self.poke()

    def _activate_scene(self, scene: Graph) -> None:
        """Creates the scene's prefab instances (On Creation), then fires On Scene Start everywhere."""
        self.scene = scene
        runs = [GraphRun(self, scene, scene.name)]
        for instance in scene.instances:
            prefab = self.project.graphs[instance.prefab]
            runs.append(GraphRun(self, prefab, f"{scene.name}/{instance.name}", VariableStore(prefab.variables),
                                 instance=instance.name))
        self.scene_runs = runs
        self.instance_runs = {run.instance: run for run in runs[1:]}
        for run in runs[1:]:
            run.fire_topic(prefab_created_topic)
        for run in runs:
            run.fire_topic(("scene.start",))

    async def destroy_instances(self, runs: list[GraphRun]) -> None:
        """Fires On Destruction in the prefab instances among `runs` and waits for those branches, for
        DESTRUCTION_SECONDS at most all together: then the ones still running are cancelled, with a warning."""
        handlers = [inst for run in runs if run.instance for inst in run.listeners.get(prefab_destroyed_topic, ())]
        if not handlers:
            return
        self._destroying = True
        loop = asyncio.get_running_loop()
        tasks = {loop.create_task(self.fire_and_wait(inst)): inst for inst in handlers}
        try:
            _, late = await asyncio.wait(tasks, timeout=DESTRUCTION_SECONDS)
            for task in late:
                self.console_log("warning", f"On Destruction was still running after {DESTRUCTION_SECONDS:g} s: "
                                            "stopped there", tasks[task])
        finally:  # also when this wait is cancelled: no handler is left behind
            self._destroying = False
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

    async def switch_scene(self, name: str) -> None:
        """Switches to scene `name` (see `request_scene`) and waits until the switch is over."""
        switching = self._want_scene(self._scene(name))
        if switching is not None:
            await asyncio.wait((switching,))  # not `await switching`: cancelling this wait leaves it running

    def request_scene(self, graph_id: str) -> None:
        """Switches scene as soon as the current branch step is over (used by Switch Scene).

        Requests that come while a switch is under way (Switch Scene fired twice, or from the On
        Destruction of the scene being left) are served by the same switch, in turn: the scene asked
        for last is the one that ends up active, and a scene asked for and replaced before its turn
        is never started. While the run stops, a request does nothing."""
        scene = self.project.graphs.get(graph_id)
        if scene is None or scene.kind is not Scope.SCENE:
            raise EngineError(f"there is no scene with id {graph_id!r}")
        self._want_scene(scene)

    def _want_scene(self, scene: Graph) -> asyncio.Task[None] | None:
        """Records `scene` as the one to switch to; starts the switching task unless it runs already."""
        if self._stopping:
            return None
        self._wanted_scene = scene
        if self._switching is None or self._switching.done():
            self._switching = self.spawn(self._switch_scenes())
        return self._switching

    async def _switch_scenes(self) -> None:
        """Leaves the active scene and starts the one asked for last, until no request is left.

        One task at a time does this, so two switches never interleave (each would start its scene:
        two active scenes), and stop() can wait for it rather than cut the old scene's teardown."""
        while self._wanted_scene is not None and not self._stopping:
            await self._leave_scene()
            if self._stopping:
                return
            scene, self._wanted_scene = self._wanted_scene, None  # cleared first: its start may ask again
            self._activate_scene(scene)

    async def _leave_scene(self) -> None:
        """Destroys the active scene's prefab instances (On Destruction), then stops all its logic.

        Its runs leave `scene_runs` first, so that no new event reaches them meanwhile."""
        old, self.scene_runs, self.instance_runs = self.scene_runs, [], {}
        await self.destroy_instances(old)
        for run in old:
            await run.deactivate()

    def request_stop(self, exit_code: int = 0) -> None:
        """Ends the run soon (used by Stop Runtime); the exit code is kept."""
        if self.exit_code is None:
            self.exit_code = exit_code
        self.spawn(self.stop())

    async def stop(self) -> None:
        """Cancels all logic, stops the services, and leaves no task behind. Safe to call twice."""
        if self._stopping:
            await self._finished.wait()
            return
        self._stopping = True
        current = asyncio.current_task()
        if self._switching is not None:
            # A switch under way finishes leaving its scene (On Destruction's grace included) and starts
            # none: cancelling it would leave the old scene's runs half stopped.
            await asyncio.wait((self._switching,))
        await self.destroy_instances(self.scene_runs)
        for run in self.active_runs():
            await run.deactivate()
        for service in reversed(list(self.services.values())):
            try:
                await service.stop()
            except Exception as exc:
                self.console_log("error", f"stopping {type(service).__name__} failed: {exc}")
        pending = [t for t in self._pending if t is not current]
        for task in pending:
            task.cancel()
        if pending:
            await asyncio.gather(*pending, return_exceptions=True)
        self._finished.set()

    async def finished(self, timeout: float | None = None) -> int:
        """Waits until the run ends (stopped, or nothing can happen any more); returns the exit code."""
        try:
            await asyncio.wait_for(self._finished.wait(), timeout)
        except TimeoutError:
            pass
        await self.stop()
        if self.exit_code:
            return self.exit_code
        return 1 if self.error_count else 0

    @property
    def stopped(self) -> bool:
        """Whether branches must end at their next check: stopping, except for On Destruction's time."""
        return self._stopping and not self._destroying

    def active_runs(self) -> Iterator[GraphRun]:
        if self.project_run is not None:
            yield self.project_run
        yield from self.scene_runs

    # --- pulses ----------------------------------------------------------------------------
    def fire(self, inst: NodeInstance, values: dict[str, Any] | None = None) -> asyncio.Task[None] | None:
        """Fires event node `inst` with its output values; returns the task if the branch had to wait.

        A branch fired from inside a node (a Custom Event Trigger, a watched variable) runs at once,
        nested in the firing one, up to MAX_NESTED_FIRES deep; deeper, or once the runner's time
        slice is used (see interpreter), it starts on the loop's next turn, so that an event that
        triggers itself runs on (and stays stoppable) instead of overflowing the stack."""
        runner = self.runner
        runner.ticks -= 1  # events fired one after another add up (see interpreter)
        if self._nesting >= MAX_NESTED_FIRES or (runner.ticks < 0 and runner.must_yield()):
            if self.stopped:
                return None
            if self._deferred >= MAX_DEFERRED_FIRES:
                raise RuntimeError(f"{MAX_DEFERRED_FIRES:,} events fired from inside events are already "
                                   "waiting for their turn: this logic fires events faster than they can run")
            self._deferred += 1
            coroutine = self._fire_later(inst, values)
        else:
            if values:
                inst.out.update(values)
            self._nesting += 1
            handoff = runner.run(inst, "")  # never raises: errors end in node_failed
            self._nesting -= 1
            if handoff is None:
                return None
            coroutine = runner.complete(*handoff)
        return self.continue_later(inst, coroutine)

    def continue_later(self, inst: NodeInstance, branch: Any) -> asyncio.Task[Any]:
        """Runs the rest of a branch that has to wait (or a timer) as a task of its own.

        The task belongs to the graph run `inst` is in (a function call's frame hands it to its
        caller's run): it keeps the run alive while it waits, and a scene switch or Stop ends it.
        """
        task = asyncio.get_running_loop().create_task(branch)
        run = inst.run
        self._track(task, run.owner.tasks, run.tasks)
        return task

    async def _fire_later(self, inst: NodeInstance, values: dict[str, Any] | None) -> None:
        try:
            await asyncio.sleep(0)
        finally:
            self._deferred -= 1
        if not self.stopped:
            await self.fire_and_wait(inst, values)

    async def fire_and_wait(self, inst: NodeInstance, values: dict[str, Any] | None = None) -> None:
        """Fires `inst` and waits until its whole branch is done (keeps events in arrival order)."""
        if values:
            inst.out.update(values)
        handoff = self.runner.run(inst, "")
        if handoff is not None:
            await self.runner.complete(*handoff)

    def emit(self, topic: Hashable, values: dict[str, Any] | None = None) -> None:
        """Fires every listener of `topic` in every active graph run."""
        for run in list(self.active_runs()):
            run.fire_topic(topic, values)

    def listeners(self, topic: Hashable) -> list[NodeInstance]:
        return [inst for run in self.active_runs() for inst in run.listeners.get(topic, ())]

    def spawn(self, coroutine: Any, run: GraphRun | None = None) -> asyncio.Task[Any]:
        """Runs work as a task that stop() cancels: engine-level work (a scene switch, a service
        callback), or with `run` a node's background work, cancelled with that graph run too."""
        task = asyncio.get_running_loop().create_task(coroutine)
        self._track(task, self._pending if run is None else run.tasks)
        return task

    def _track(self, task: asyncio.Task[Any], *task_sets: set[asyncio.Task[Any]]) -> None:
        for tasks in task_sets:
            tasks.add(task)

        def done(finished: asyncio.Task[Any]) -> None:
            for tasks in task_sets:
                tasks.discard(finished)
            if not finished.cancelled() and finished.exception() is not None:
                self.console_log("error", f"internal error: {finished.exception()!r}")
            self.poke()

        task.add_done_callback(done)

    def poke(self) -> None:
        """Re-checks whether anything can still happen; ends the run when nothing can."""
        if not self.started or self._stopping:
            return
        busy = any(run.tasks for run in self.active_runs()) or self._pending or any(
            service.busy() for service in self.services.values())
        if not busy:
            self.spawn(self.stop())

    # --- functions ---------------------------------------------------------------------------
    def acquire_frame(self, graph_id: str, caller: NodeInstance) -> GraphRun:
        """A ready copy of function `graph_id` for one call (a new one while others are in use)."""
        free = self._free_frames.setdefault(graph_id, [])
        if free:
            frame = free.pop()
            frame.depth = caller.run.depth + 1
        else:
            graph = self.project.graphs[graph_id]
            frame = GraphRun(self, graph, graph.name, caller.run.store, caller.run.depth + 1)
        frame.owner = caller.run.owner
        return frame

    def release_frame(self, frame: GraphRun) -> None:
        """Takes a frame back for the next call, unless a branch in it still waits (then it is left
        to that branch and dropped when the branch ends)."""
        frame.result = {}
        if not frame.tasks:
            self._free_frames[frame.graph.id].append(frame)

    # --- reporting ---------------------------------------------------------------------------
    def node_failed(self, inst: NodeInstance, error: Exception) -> None:
        inst = failing_instance(error) or inst
        if self.hook is not None:
            self.hook.node_failed(inst, error)
        message = str(error) or type(error).__name__
        if isinstance(error, RecursionError):
            message = (f"nested too deep to evaluate ({message}): a chain of hundreds of pure nodes, or of "
                       "function calls within calls; store intermediate values in variables to split it")
        self.console_log("error", message, inst)

    def console_log(self, level: str, message: str, inst: NodeInstance | None = None) -> None:
        if level == "error":
            self.error_count += 1
        if inst is None:
            record = ConsoleRecord(level, message)
        else:
            run = inst.run
            record = ConsoleRecord(level, message, run.label, run.graph.id, inst.id, inst.name)
        if self.console:
            self.console.emit(record)
