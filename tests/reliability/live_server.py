"""A real gunicorn serving the app with the project's config, on a free loopback port.

Used by the reliability tests (tests/reliability) and by the benchmarks (benchmarks/), so both
measure the server operators run. Every wait is bounded; :meth:`LiveServer.stop` ends the
master with SIGTERM, then SIGKILL, whatever happened.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CONF = ROOT / "docker" / "gunicorn.conf.py"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def children_of(pid: int) -> set[int]:
    """Pids of the live (not zombie) processes whose parent is ``pid``, read from /proc."""
    found = set()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.add(int(entry))
    return found


def rss_kib(pid: int) -> int:
    """Resident set size of one process, in KiB (VmRSS from /proc)."""
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise ValueError(f"no VmRSS for {pid}")


class LiveServer:
    """``gunicorn --config docker/gunicorn.conf.py --bind 127.0.0.1:PORT app`` in a subprocess;
    its stdout and stderr go to ``log``. ``env`` adds to (and overrides) the environment."""

    def __init__(self, log: Path, env: dict[str, str] | None = None,
                 app: str = "service.wsgi:app", workers: int = 2, extra_args: tuple = (),
                 cwd: Path = ROOT):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = Path(log)
        self.env = {**os.environ, "WEB_CONCURRENCY": str(workers), "LOG_LEVEL": "INFO",
                    "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT),
                                                                os.environ.get("PYTHONPATH")])),
                    **(env or {})}
        self.args = [sys.executable, "-m", "gunicorn", "--config", str(CONF),
                     "--bind", f"127.0.0.1:{self.port}", *extra_args, app]
        self.cwd = cwd
        self.workers = workers
        self.process: subprocess.Popen | None = None

    def url(self, path: str) -> str:
        return self.base + path

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def worker_pids(self) -> set[int]:
        return children_of(self.pid)

    def start(self, timeout: float = 60.0) -> "LiveServer":
        with open(self.log, "ab") as out:
            self.process = subprocess.Popen(self.args, cwd=self.cwd, env=self.env, stdout=out,
                                            stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}:\n"
                                   f"{self.log_text()[-3000:]}")
            if self.ready() and len(self.worker_pids()) == self.workers:
                return self
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"gunicorn not ready after {timeout}s:\n"
                                   f"{self.log_text()[-3000:]}")
            time.sleep(0.2)

    def ready(self) -> bool:
        try:
            with urllib.request.urlopen(self.url("/readyz"), timeout=2) as response:
                return response.status == 200
        except (urllib.error.URLError, OSError):
            return False

    def wait_for_workers(self, count: int | None = None, timeout: float = 30.0) -> set[int]:
        """Wait until ``count`` workers (default: the configured number) are alive."""
        count = self.workers if count is None else count
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pids = self.worker_pids()
            if len(pids) == count:
                return pids
            time.sleep(0.1)
        raise RuntimeError(f"expected {count} workers, have {self.worker_pids()}")

    def log_text(self) -> str:
        try:
            return self.log.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return ""

    def stop(self, timeout: float = 30.0) -> int | None:
        if self.process is None:
            return None
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        return self.process.returncode

    def __enter__(self) -> "LiveServer":
        return self.start()

    def __exit__(self, *_exc) -> None:
        self.stop()
