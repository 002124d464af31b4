#!/usr/bin/env python3
"""Faults: what callers see when a worker dies, when the server is stopped, and when a request
runs past the worker timeout. Real gunicorn (docker/gunicorn.conf.py) on loopback.

    .venv/bin/python benchmarks/faults.py

1. kill -9 one worker in the middle of a load run: the master starts a replacement, and only
   the request that worker had in flight fails (a sync worker serves one request at a time).
2. SIGTERM to the master while requests are in flight: they finish and are answered 200, new
   connections are refused, and the master exits 0 within GUNICORN_GRACEFUL_TIMEOUT.
3. A request that would run past GUNICORN_TIMEOUT: answered 504 problem+json once
   REQUEST_TIMEOUT passes (service/deadline.py), and the worker lives on. For comparison, the
   same request with the deadline set above the worker timeout: gunicorn aborts the worker at
   GUNICORN_TIMEOUT, the caller gets a generic 500 that says nothing about time, and the
   worker is replaced (its process and warm-up lost).
Prints what happened in each; exits 1 if any expectation failed.
"""
from __future__ import annotations

import http.client
import json
import os
import pathlib
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path

if not __package__:  # run as a file: import from the repository root (benchmarks/__init__.py)
    sys.path[0] = str(pathlib.Path(__file__).resolve().parents[1])

from benchmarks.common import (LiveServer, machine, post, request_bodies,  # noqa: E402
                               wait_until)

# Slow requests on demand: benchmarks/bench_app.py makes the engine busy-wait this long first
# (in Python, through the real view and its deadline), whatever the engine's own speed.
SLOW_BODY = json.dumps({"text": 'SLOW 30: "Yes," he said.'}).encode()
MEDIUM_BODY = json.dumps({"text": 'SLOW 3: "Yes," he said.'}).encode()


def bench_server(log: Path, **settings: str) -> LiveServer:
    return LiveServer(settings, app="benchmarks.bench_app:app", workers=2, log=log)


failures: list[str] = []


def expect(condition: bool, what: str) -> None:
    print(f"  [{'ok' if condition else 'FAILED'}] {what}", flush=True)
    if not condition:
        failures.append(what)


def timed_post(port: int, body: bytes, timeout: float = 120.0) -> tuple[object, float, float]:
    started = time.monotonic()
    try:
        outcome: object = post(port, "/v1/attributions", body, timeout=timeout)
    except (OSError, http.client.HTTPException) as error:
        outcome = type(error).__name__
    return outcome, started, time.monotonic()


def kill_a_worker_under_load(tmp: Path) -> None:
    print("1. SIGKILL to one worker during a load run (4 clients, 20 s)")
    bodies = [body for _, body in request_bodies(100, seed=3)]
    with bench_server(tmp / "kill.log", GUNICORN_MAX_REQUESTS="0") as server:
        workers = server.worker_pids()
        outcomes: list[tuple[object, float, float]] = []
        lock = threading.Lock()
        stop_at = time.monotonic() + 20

        def client(offset: int) -> None:
            index = offset
            while time.monotonic() < stop_at:
                result = timed_post(server.port, bodies[index % len(bodies)])
                index += 4
                with lock:
                    outcomes.append(result)

        threads = [threading.Thread(target=client, args=(i,)) for i in range(4)]
        for thread in threads:
            thread.start()
        time.sleep(8)
        victim = min(workers)
        killed_at = time.monotonic()
        os.kill(victim, signal.SIGKILL)
        replaced = wait_until(lambda: len(server.worker_pids() - {victim}) == len(workers)
                              and victim not in server.worker_pids(), timeout=30)
        replaced_after = time.monotonic() - killed_at
        for thread in threads:
            thread.join()
        failed = [o for o in outcomes if o[0] != 200]
        in_flight = [o for o in outcomes if o[1] <= killed_at <= o[2]]
        print(f"  {len(outcomes)} requests, {len(outcomes) - len(failed)} answered 200, "
              f"{len(failed)} failed: {[o[0] for o in failed]}; {len(in_flight)} were in "
              f"flight on any worker when {victim} was killed")
        expect(replaced, f"worker {victim} replaced by a new one after {replaced_after:.2f} s "
                         f"(workers now {sorted(server.worker_pids())})")
        expect(len(failed) <= 1, "at most the killed worker's one in-flight request failed")
        expect(all(o[1] <= killed_at <= o[2] for o in failed),
               "every failed request was in flight at the moment of the kill")
        expect(any(o[1] > killed_at + replaced_after and o[0] == 200 for o in outcomes),
               "requests after the replacement are answered 200")


def sigterm_with_requests_in_flight(tmp: Path) -> None:
    print("2. SIGTERM to the master with 2 requests of 3 s in flight "
          "(GUNICORN_GRACEFUL_TIMEOUT=30)")
    server = bench_server(tmp / "term.log", GUNICORN_MAX_REQUESTS="0",
                          GUNICORN_GRACEFUL_TIMEOUT="30")
    server.start()
    try:
        results: list[tuple[object, float, float]] = []
        threads = [threading.Thread(target=lambda: results.append(
            timed_post(server.port, MEDIUM_BODY))) for _ in range(2)]
        for thread in threads:
            thread.start()
        time.sleep(1.0)  # both requests are now being worked on
        term_at = time.monotonic()
        server.process.send_signal(signal.SIGTERM)
        time.sleep(0.5)
        try:
            late = post(server.port, "/v1/attributions", b'{"text": "x"}', timeout=5)
        except OSError as error:
            late = type(error).__name__
        for thread in threads:
            thread.join()
        code = server.process.wait(timeout=60)
        exited_after = time.monotonic() - term_at
        print(f"  in-flight answers: {[r[0] for r in results]} after "
              f"{[round(r[2] - term_at, 2) for r in results]} s; a new request after SIGTERM: "
              f"{late}; master exit code {code} after {exited_after:.2f} s")
        expect([r[0] for r in results] == [200, 200], "both in-flight requests answered 200")
        expect(late != 200, "a new connection after SIGTERM is not served")
        expect(code == 0, "the master exited 0")
        expect(all(r[2] - term_at > 0.5 for r in results),
               "the requests were still running when SIGTERM arrived")
    finally:
        server.stop()


def request_past_the_worker_timeout(tmp: Path) -> None:
    print("3. A request of 30 s, longer than GUNICORN_TIMEOUT=10")
    env = {"GUNICORN_MAX_REQUESTS": "0", "GUNICORN_TIMEOUT": "10", "REQUEST_TIMEOUT": "4"}
    with bench_server(tmp / "deadline.log", **env) as server:
        workers = server.worker_pids()
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
        started = time.monotonic()
        connection.request("POST", "/v1/attributions", body=SLOW_BODY,
                           headers={"Content-Type": "application/json"})
        response = connection.getresponse()
        body = response.read()
        elapsed = time.monotonic() - started
        print(f"  REQUEST_TIMEOUT=4: {response.status} "
              f"{response.getheader('Content-Type')} after {elapsed:.2f} s: "
              f"{body.decode()[:160].strip()}")
        expect(response.status == 504 and b"REQUEST_TIMEOUT=4" in body,
               "answered 504 problem+json naming REQUEST_TIMEOUT")
        expect(elapsed < 10, "answered before the worker timeout")
        time.sleep(1)
        expect(server.worker_pids() == workers, "no worker was killed")
    env = {"GUNICORN_MAX_REQUESTS": "0", "GUNICORN_TIMEOUT": "10", "REQUEST_TIMEOUT": "600"}
    with bench_server(tmp / "no-deadline.log", **env) as server:
        workers = server.worker_pids()
        outcome, started, ended = timed_post(server.port, SLOW_BODY)
        time.sleep(1)
        print(f"  without the deadline (REQUEST_TIMEOUT=600): {outcome} after "
              f"{ended - started:.2f} s; workers {sorted(workers)} -> "
              f"{sorted(server.worker_pids())}")
        expect(outcome not in (200, 504) and server.worker_pids() != workers,
               "(comparison) gunicorn's timeout alone: no 504, and the worker is replaced")


def main() -> int:
    print(f"machine: {machine()}", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        kill_a_worker_under_load(Path(tmp))
        sigterm_with_requests_in_flight(Path(tmp))
        request_past_the_worker_timeout(Path(tmp))
    print("all expectations met" if not failures else f"FAILED: {failures}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
