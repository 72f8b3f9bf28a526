"""Fleet benchmark: N devices as instances of one `pulse-run` vs N separate `pulse-run` processes.

Prints (does not assert), for N = 10, 100, 1,000 instances in one process and N = 10, 100 separate
processes (1,000 processes would need about 37 GB here), against one python-socketio echo server:
  memory: resident set size in all and per device (one process's RSS less a 1-instance process's,
          over N-1, for instances; the sum of the processes' RSS over N for processes);
  ready:  launch -> the device's On Socket.IO Start branch has subscribed and printed 'up at …' (p50/p95);
  broadcast: one 'tick' to every device: how many received it, and launch-of-broadcast -> printed
          (p50/p95), read from the devices' stdout;
  stop:   SIGTERM -> every process ended;
  cpu:    CPU seconds (user + system) from launch to every device ready, of the devices' process(es)
          ("client") and of the server ("server"): on a shared machine the wall-clock figures follow the
          load, these much less.
Targets (issue 12): 1,000 instances within 2 GB and ready in <= 5 s.

Usage: .venv/bin/python bench/fleet.py [--quick] [--server python|node]
(--quick: N = 10 and 100 only; --server: the python-socketio echo server [default] or the Node.js one)
"""

from __future__ import annotations

import sys
from pathlib import Path

import _paths  # noqa: F401 - first: bench/ must not hide the socketio package

sys.path.insert(1, str(Path(__file__).resolve().parents[1] / "tests"))  # the server fixtures
sys.path.insert(1, str(Path(__file__).resolve().parents[1] / "tests" / "socketio"))

import argparse
import asyncio
import os
import statistics
import tempfile
import time

from fleet_devices import Devices, device_project
from sio_servers import SioServer, broadcast, start_sio_server


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of process `pid` so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentiles(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return f"p50 {statistics.median(ordered) * 1000:7.0f} ms  p95 {p95 * 1000:7.0f} ms"


def measure(server: SioServer, groups: list[Devices], count: int, server_cpu: float) -> dict[str, object]:
    """Waits for `count` devices over `groups`, broadcasts one tick, then stops every process.

    `server_cpu`: the server's CPU seconds just before the devices were launched."""
    ready = [arrived - group.started for group in groups
             for arrived in group.expect("up at", count // len(groups), timeout=300).values()]
    cpu = {"client": sum(cpu_seconds(group.process.pid) for group in groups),
           "server": cpu_seconds(server.process.pid) - server_cpu}
    memory = sum(rss_mb(group.process.pid) for group in groups)
    sent = time.monotonic()
    asyncio.run(broadcast(server, "bench"))
    received = [arrived - sent for group in groups
                for arrived in group.expect("tick bench", count // len(groups), timeout=120).values()]
    stop_started = time.monotonic()
    for group in groups:
        group.process.send_signal(15)
    for group in groups:
        group.process.wait(timeout=120)
    return {"ready": ready, "memory": memory, "received": received, "stop": time.monotonic() - stop_started,
            "cpu": cpu}


def run_instances(server: SioServer, project: Path, count: int) -> dict[str, object]:
    server_cpu = cpu_seconds(server.process.pid)
    devices = Devices(project, "--instances", str(count))
    try:
        return measure(server, [devices], count, server_cpu)
    finally:
        devices.close()


def run_processes(server: SioServer, project: Path, count: int) -> dict[str, object]:
    server_cpu = cpu_seconds(server.process.pid)
    groups = [Devices(project) for _ in range(count)]
    try:
        return measure(server, groups, count, server_cpu)
    finally:
        for group in groups:
            group.close()


def report(label: str, count: int, figures: dict[str, object], per_device_mb: float) -> None:
    received, cpu = figures["received"], figures["cpu"]
    print(f"{label:<22} N={count:<5} RSS {figures['memory']:8.0f} MB ({per_device_mb:6.2f} MB/device)  "
          f"ready {percentiles(figures['ready'])}  cpu to ready: client {cpu['client']:5.1f} s, "
          f"server {cpu['server']:5.1f} s  broadcast {len(received)}/{count} "
          f"{percentiles(received)}  stop {figures['stop'] * 1000:6.0f} ms  load {os.getloadavg()[0]:.1f}",
          flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="N = 10 and 100 only")
    parser.add_argument("--server", choices=("python", "node"), default="python", help="the echo server to use")
    args = parser.parse_args()
    sizes = (10, 100) if args.quick else (10, 100, 1000)
    with tempfile.TemporaryDirectory() as folder, start_sio_server(args.server, quiet=True) as server:
        print(f"server: {args.server}")
        project = device_project(Path(folder), server)
        baseline = run_instances(server, project, 1)["memory"]
        print(f"one pulse-run with one device: RSS {baseline:.0f} MB")
        for count in sizes:
            figures = run_instances(server, project, count)
            report("instances (1 process)", count, figures, (figures["memory"] - baseline) / max(1, count - 1))
        for count in (10, 100):
            try:
                figures = run_processes(server, project, count)
            except AssertionError as exc:  # a machine this busy cannot start that many interpreters in time
                print(f"separate processes     N={count:<5} did not finish: {exc}", flush=True)
                continue
            report("separate processes", count, figures, figures["memory"] / count)


if __name__ == "__main__":
    main()
