#!/usr/bin/env python3
"""Memory: resident size (RSS) of gunicorn's workers after 1,000 requests and after 100,000.

    .venv/bin/python benchmarks/memory.py [--requests 100000] [--baseline 1000]

Serves the production app with docker/gunicorn.conf.py and worker recycling off
(GUNICORN_MAX_REQUESTS=0: with it on, workers are replaced every ~1,000 requests and no worker
would live to 100,000). Sends POST /v1/attributions with generated articles of mixed sizes
from 4 client threads, each request on a new connection, and reads each worker's VmRSS from
/proc after --baseline requests and again at the end. Prints both and the growth per worker;
exits 1 if any worker grew by more than 10% or any request failed.
"""
from __future__ import annotations

import argparse
import os
import pathlib
import sys
import tempfile
import threading
import time
from pathlib import Path

if not __package__:  # run as a file: import from the repository root (benchmarks/__init__.py)
    sys.path[0] = str(pathlib.Path(__file__).resolve().parents[1])

from benchmarks.common import LiveServer, machine, post, request_bodies, rss_kib  # noqa: E402


def drive(port: int, bodies: list[bytes], total: int, clients: int) -> tuple[int, list[str]]:
    """Send ``total`` requests from ``clients`` threads; (answered 200, failures)."""
    lock = threading.Lock()
    state = {"next": 0, "ok": 0}
    failures: list[str] = []

    def client() -> None:
        while True:
            with lock:
                index = state["next"]
                if index >= total:
                    return
                state["next"] += 1
            try:
                status = post(port, "/v1/attributions", bodies[index % len(bodies)])
            except OSError as error:
                status = f"{type(error).__name__}"
            with lock:
                if status == 200:
                    state["ok"] += 1
                else:
                    failures.append(str(status))

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return state["ok"], failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--baseline", type=int, default=1_000)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)))
    args = parser.parse_args()

    # Short articles only (the 1,000 and 3,000-character ones): 100,000 requests in minutes.
    bodies = [body for size, body in request_bodies(400, seed=2) if size <= 3000]
    print(f"machine: {machine()}")
    print(f"gunicorn: docker/gunicorn.conf.py, {args.workers} sync workers, "
          f"GUNICORN_MAX_REQUESTS=0; {args.clients} client threads; {len(bodies)} generated "
          f"articles of 1,000 and 3,000 characters", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        server = LiveServer({"GUNICORN_MAX_REQUESTS": "0", "LOG_LEVEL": "WARNING"},
                            workers=args.workers, log=Path(tmp) / "gunicorn.log")
        with server:
            workers = sorted(server.worker_pids())
            started = time.monotonic()
            ok, failures = drive(server.port, bodies, args.baseline, args.clients)
            baseline = {pid: rss_kib(pid) for pid in workers}
            print(f"after {args.baseline:>7,} requests: " + ", ".join(
                f"worker {pid} {kib / 1024:.1f} MiB" for pid, kib in baseline.items()),
                flush=True)
            more_ok, more_failures = drive(server.port, bodies, args.requests - args.baseline,
                                           args.clients)
            ok, failures = ok + more_ok, failures + more_failures
            elapsed = time.monotonic() - started
            assert sorted(server.worker_pids()) == workers, "a worker was replaced"
            final = {pid: rss_kib(pid) for pid in workers}
            print(f"after {args.requests:>7,} requests: " + ", ".join(
                f"worker {pid} {kib / 1024:.1f} MiB" for pid, kib in final.items()))
    growth = {pid: (final[pid] - baseline[pid]) / baseline[pid] for pid in workers}
    for pid in workers:
        print(f"worker {pid}: {baseline[pid] / 1024:.1f} -> {final[pid] / 1024:.1f} MiB "
              f"({growth[pid]:+.1%})")
    print(f"{ok:,} requests answered 200 in {elapsed:.0f} s ({ok / elapsed:.0f} req/s); "
          f"failures: {len(failures)} {sorted(set(failures))[:5]}")
    worst = max(growth.values())
    print(f"largest growth: {worst:+.1%} (goal: within 10%)")
    return 0 if worst <= 0.10 and not failures else 1


if __name__ == "__main__":
    sys.exit(main())
