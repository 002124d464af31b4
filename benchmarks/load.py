#!/usr/bin/env python3
"""Load test: wrk against gunicorn (docker/gunicorn.conf.py, production settings) on loopback.

    .venv/bin/python benchmarks/load.py [--duration 60] [--connections 32]

Phase 1 sends POST /v1/attributions with generated articles of mixed sizes (benchmarks/
common.py SIZE_MIX) for --duration seconds over --connections connections; phase 2 sends the same
bodies to a no-op route (benchmarks/bench_app.py) of the same app and server for the same time.
Prints requests/s, p50/p95/p99 latency and the non-2xx count of each phase, and the ratio of
the two throughputs. Exits 1 if any answer was not 2xx or any socket error happened.

wrk comes from Debian's package; it is installed with apt-get if missing. wrk, gunicorn's
workers and this script share the machine's cores.
"""
from __future__ import annotations

import argparse
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

if not __package__:  # run as a file: import from the repository root (benchmarks/__init__.py)
    sys.path[0] = str(pathlib.Path(__file__).resolve().parents[1])

from benchmarks.common import LiveServer, machine, request_bodies  # noqa: E402

LUA = r"""
local bodies = {%(bodies)s}
local path = "%(path)s"
local threads = {}
local headers = {["Content-Type"] = "application/json"}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  non2xx = 0
  position = id * 7
end

function request()
  position = position %% #bodies + 1
  return wrk.format("POST", path, headers, bodies[position])
end

function response(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do bad = bad + thread:get("non2xx") end
  io.write(string.format(
    "RESULT requests=%%d duration_us=%%d p50_us=%%d p95_us=%%d p99_us=%%d non2xx=%%d " ..
    "connect=%%d read=%%d write=%%d timeout=%%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), bad, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.timeout))
end
"""


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    print("wrk not found; installing Debian's package", flush=True)
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True,
                   stdout=subprocess.DEVNULL)
    return shutil.which("wrk") or sys.exit("wrk could not be installed")


def lua_script(bodies: list[bytes], path: str) -> str:
    quoted = []
    for body in bodies:
        text = body.decode("ascii")  # json.dumps escapes everything else
        assert "]==]" not in text
        quoted.append(f"[==[{text}]==]")
    return LUA % {"bodies": ",\n".join(quoted), "path": path}


def run_wrk(wrk: str, url: str, script: Path, duration: int, connections: int,
            threads: int) -> dict[str, int]:
    command = [wrk, f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "60s",
               "-s", str(script), url]
    output = subprocess.run(command, check=True, capture_output=True, text=True,
                            timeout=duration + 120).stdout
    match = re.search(r"^RESULT (.*)$", output, re.M)
    if not match:
        sys.exit(f"no RESULT line from wrk:\n{output}")
    return {key: int(value) for key, value in
            (item.split("=") for item in match.group(1).split())}


def report(name: str, figures: dict[str, int]) -> float:
    rps = figures["requests"] / (figures["duration_us"] / 1e6)
    errors = sum(figures[k] for k in ("connect", "read", "write", "timeout"))
    print(f"{name:<28} {rps:9.1f} req/s   p50 {figures['p50_us'] / 1000:8.1f} ms   "
          f"p95 {figures['p95_us'] / 1000:8.1f} ms   p99 {figures['p99_us'] / 1000:8.1f} ms   "
          f"requests {figures['requests']}   non-2xx {figures['non2xx']}   "
          f"socket errors {errors}", flush=True)
    return rps


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=60, help="seconds per phase (60)")
    parser.add_argument("--connections", type=int, default=32, help="concurrent connections")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (2)")
    parser.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)),
                        help="gunicorn workers (default: CPUs, as in production)")
    args = parser.parse_args()

    wrk = ensure_wrk()
    bodies = request_bodies()
    sizes = sorted({size for size, _ in bodies})
    print(f"machine: {machine()}")
    print(f"gunicorn: docker/gunicorn.conf.py, {args.workers} sync workers; wrk -t{args.threads} "
          f"-c{args.connections} -d{args.duration}s; {len(bodies)} generated articles of "
          f"{'/'.join(str(s) for s in sizes)} characters", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        server = LiveServer({"LOG_LEVEL": "INFO"}, app="benchmarks.bench_app:app",
                            workers=args.workers, log=tmp_path / "gunicorn.log")
        with server:
            results = {}
            for name, path in (("POST /v1/attributions", "/v1/attributions"),
                               ("POST /bench/noop (no-op)", "/bench/noop")):
                script = tmp_path / f"{path.strip('/').replace('/', '-')}.lua"
                script.write_text(lua_script([body for _, body in bodies], path))
                figures = run_wrk(wrk, server.base + path, script, args.duration,
                                  args.connections, args.threads)
                results[name] = (report(name, figures), figures)
    service, noop = (rps for rps, _ in results.values())
    print(f"throughput ratio service/no-op: {service / noop:.3f} (goal >= 0.6)")
    bad = sum(f["non2xx"] + f["connect"] + f["read"] + f["write"] + f["timeout"]
              for _, f in results.values())
    print(f"non-2xx answers and socket errors, both phases: {bad} (must be 0)")
    return 0 if bad == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
