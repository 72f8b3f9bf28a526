"""Console records: what the engine prints, with when, where (graph, node) and how bad."""

from __future__ import annotations

import time
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ConsoleRecord:
    """One console line. `node_id`/`node_name` are empty for engine-level messages."""

    level: str  # "info", "warning" or "error"
    message: str
    graph: str = ""
    graph_id: str = ""
    node_id: str = ""
    node_name: str = ""
    time: float = field(default_factory=time.time)

    def location(self) -> str:
        if not self.node_id:
            return f"graph {self.graph!r}" if self.graph else ""
        return f"graph {self.graph!r}, node {self.node_id} {self.node_name!r}"

    def __str__(self) -> str:
        where = self.location()
        if self.level == "info":
            return self.message
        return f"{self.level}: {where}: {self.message}" if where else f"{self.level}: {self.message}"
