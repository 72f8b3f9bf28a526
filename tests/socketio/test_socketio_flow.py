"""Received events: arrival order kept when the logic waits, and bounded memory under a flood."""

from __future__ import annotations

import asyncio
import re
import time

import pytest
from sio_logic import Logic, Running

from runtime.types import DataType

FLOOD = 100_000


def _flood_logic(server, count: int, **fields) -> Logic:
    """Start, subscribe to "tick", ask the server for `count` ticks (payload 0..count-1)."""
    b = Logic()
    b.connection("main", server, **fields)
    b.node("ps", "logic.on_project_start")
    n = b.socketio("r", "main", "start", "on_start", "subscribe", "send", "on_receive", "on_stop", "on_error",
                   subscribe={"Event Name": "tick"},
                   send={"Event Name": "flood", "Message Type": "Dictionary",
                         "Message": {"event": "tick", "count": count}})
    b.then("ps", n["start"])
    b.then("r_on_start", n["subscribe"], n["send"])
    return b


async def test_arrival_order_is_kept_when_the_receive_branch_waits(shared_sio_server):
    # Earlier messages wait longer (Delay = (count - n) ms): without ordering they would finish last.
    count = 40
    b = _flood_logic(shared_sio_server, count)
    b.node("n", "logic.parse_number", Type="Int")
    b.node("left", "logic.subtract", Type="Int", A=count)
    b.node("float", "logic.to_float")
    b.node("ms", "logic.multiply", Type="Float", B=0.001)
    b.node("wait", "logic.delay")
    b.link("r_on_receive.Message", "n.Text")
    b.link("n.Number", "left.B")
    b.link("left.Result", "float.Value")
    b.link("float.Result", "ms.A")
    b.link("ms.Result", "wait.Seconds")
    b.then("r_on_receive", "wait")
    b.log("wait", "received", "r_on_receive.Message")
    # Then the server drops us: On Socket.IO Stop must come after every message received before.
    b.node("kick", "socketio.send", Configuration="main", **{
        "Event Name": "kick", "Message Type": "Dictionary", "Message": {"close": True}})
    b.then("r_send", "kick")
    b.log("r_on_stop", "stopped")
    async with Running(b.project) as run:
        assert await run.finished() == 0
    printed = [r.message for r in run.records if r.node_name in ("received", "stopped")]
    assert printed == [str(i) for i in range(count)] + ["stopped"]


def _rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4096 / 2**20


@pytest.mark.timeout(150)
async def test_a_flood_keeps_memory_bounded_and_overflow_is_counted(sio_server):
    size = 100
    b = _flood_logic(sio_server, FLOOD, inbox_size=size)
    b.variable("received", DataType.INT, 0)
    b.variable("last", DataType.STRING, "")
    b.node("wait", "logic.delay", Seconds=0.005)  # the logic is slower than the wire: the inbox fills up
    b.node("get", "logic.get_variable", Variable="received")
    b.node("add", "logic.add", Type="Int", B=1)
    b.node("count", "logic.set_variable", Variable="received")
    b.node("keep", "logic.set_variable", Variable="last")
    b.link("get.Value", "add.A")
    b.link("add.Result", "count.Value")
    b.link("r_on_receive.Message", "keep.Value")
    b.then("r_on_receive", "wait", "count", "keep")
    b.log("r_on_error", "error", "r_on_error.Message")
    values = None
    rss_before = _rss_mb()
    began = time.monotonic()
    async with Running(b.project) as run:
        values = run.engine.variables.values
        inbox = run.connection("main").inbox
        longest, rss_peak = 0, rss_before
        while values["last"] != str(FLOOD - 1):
            longest = max(longest, len(inbox.queue))
            rss_peak = max(rss_peak, _rss_mb())
            assert time.monotonic() - began < 140, f"stuck: {values}, {len(run.lines('error'))} reports"
            await asyncio.sleep(0.002)

        def dropped() -> int:
            return sum(int(re.match(r"inbox overflow: (\d+) received events dropped", line).group(1))
                       for line in run.lines("error"))

        await run.until(lambda: values["received"] + dropped() == FLOOD, "the last overflow report")
    elapsed = time.monotonic() - began
    dropped = dropped()
    assert values["received"] + dropped == FLOOD  # every message was either handled or counted as dropped
    assert dropped > FLOOD // 2 and values["received"] >= size
    assert longest <= size
    assert rss_peak - rss_before < 20, f"memory grew by {rss_peak - rss_before:.0f} MB"
    print(f"flood of {FLOOD}: {elapsed:.1f} s, handled {values['received']}, dropped {dropped} "
          f"in {len(run.lines('error'))} reports, RSS +{rss_peak - rss_before:.1f} MB")
