"""How `pulse-run` prints console records: plain lines, with timestamps, or one JSON object each.

Info lines go to stdout, warnings and errors to stderr (plain and timestamped forms); JSON records
all go to stdout, one per line, so that a log collector reads a single stream.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TextIO

from runtime.engine.console import ConsoleRecord


def iso_time(seconds: float) -> str:
    """ISO 8601 in UTC with milliseconds: ``2026-12-01T20:30:00.123Z``."""
    return datetime.fromtimestamp(seconds, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass(frozen=True)
class RecordPrinter:
    """Prints the records of one engine. `instance` is set when several run in one process."""

    timestamps: bool = False
    as_json: bool = False
    instance: int | None = None
    out: TextIO | None = None  # default: sys.stdout / sys.stderr at print time (tests swap them)
    err: TextIO | None = None

    def __call__(self, record: ConsoleRecord) -> None:
        if self.as_json:
            print(self.json_line(record), file=self.out or sys.stdout, flush=True)
            return
        stream = (self.out or sys.stdout) if record.level == "info" else (self.err or sys.stderr)
        print(self.text_line(record), file=stream, flush=True)

    def text_line(self, record: ConsoleRecord) -> str:
        line = str(record)
        if self.instance is not None:
            line = f"[{self.instance}] {line}"
        return f"{iso_time(record.time)} {line}" if self.timestamps else line

    def json_line(self, record: ConsoleRecord) -> str:
        data = {"time": iso_time(record.time), "level": record.level, "graph": record.graph,
                "node": record.node_id, "node_name": record.node_name, "message": record.message}
        if self.instance is not None:
            data["instance"] = self.instance
        return json.dumps(data, ensure_ascii=False)
