"""A node as it runs: the `ctx` every behaviour receives.

Compiled once per graph run from the model, so that the interpreter's hot loop touches only
slots: the behaviour `fn`, the input `getters`, and the `next` table of pulse outputs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from runtime.engine.engine import Engine, GraphRun
    from runtime.model import Node
    from runtime.specs import NodeSpec, Ports

#: A pulse target: the instance and the name of the pulse input the pulse enters by.
Target = tuple["NodeInstance", str]


class NodeInstance:
    """Runtime state of one placed node.

    `attrs` are the node's attribute values (defaults filled in); `out` holds the values of its
    data outputs (event and action nodes keep their last ones); `data` is free for the
    behaviour's own use (a Toggle's state, a cached variable store).
    """

    __slots__ = ("attrs", "call", "data", "default_next", "enabled", "engine", "entered", "fn", "getters", "id",
                 "loop_head", "name", "next", "node", "out", "pass_through", "ports", "run", "runs", "skip", "spec",
                 "traced_call", "traced_getters")

    def __init__(self, node: Node, spec: NodeSpec | None, ports: Ports, run: GraphRun) -> None:
        self.node = node
        self.spec = spec
        self.ports = ports
        self.run = run
        self.engine: Engine = run.engine
        self.id = node.id
        self.name = node.name
        self.enabled = node.enabled
        self.pass_through = node.pass_through
        self.loop_head = False  # a pulse cycle comes back here (set by the compiler)
        self.skip = not self.enabled or self.pass_through  # one test per node in the interpreter
        self.attrs: dict[str, Any] = spec.default_attributes() if spec else {}
        self.attrs.update(node.attributes)
        self.out: dict[str, Any] = {}
        self.data: Any = None
        self.fn: Any = None
        self.call: Any = None  # fn bound to this instance and its input getters
        self.getters: tuple[Any, ...] = ()
        self.traced_getters: tuple[Any, ...] = ()  # the same, reporting pure evaluations to the hook
        self.traced_call: Any = None  # fn bound to the traced getters (pure nodes, while a hook is armed)
        self.runs = 0  # executions without a hook; an observer (the editor's flow display) reads and resets it
        self.next: dict[str, Target] = {}
        self.default_next: Target | None = None
        self.entered = ports.pulse_in[0] if ports.pulse_in else ""

    def log(self, message: str) -> None:
        """Prints to the console as this node."""
        self.engine.console_log("info", message, self)

    def warn(self, message: str) -> None:
        self.engine.console_log("warning", message, self)

    def __repr__(self) -> str:
        return f"<{self.spec.type_id if self.spec else self.node.type} {self.name!r} ({self.id})>"
