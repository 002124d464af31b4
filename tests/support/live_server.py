"""The one way tests and benchmarks start the real server: gunicorn on a free loopback port.

gunicorn runs as the image runs it (``gunicorn --config docker/gunicorn.conf.py APP``, the
settings in environment variables), with two differences that keep it private to the caller:
it binds ``127.0.0.1`` on a port the kernel reported free, and it does not inherit a
``PROMETHEUS_MULTIPROC_DIR`` from the caller's environment (gunicorn's config then makes a
temporary one, unless ``settings`` names one). The repository root comes first on the server's
``PYTHONPATH``, so it serves this checkout's code.

    with LiveServer({"MAX_TEXT_CHARS": "300"}) as server:      # started, ready, stopped at the end
        requests.post(server.url("/v1/attributions"), json={"text": "..."})

    server = LiveServer(port=port)                               # started later by the test
    server.launch(); ...; server.wait_ready(); ...; server.close()

Ready means ``/readyz`` answers 200 (the engine has answered its warm-up text) and the master has
``workers`` live workers. Every wait is bounded. :meth:`LiveServer.stop` sends SIGTERM to the
master (gunicorn's graceful shutdown), then SIGKILL to its whole process group if it has not
exited in time, so no worker outlives the caller. The server's stdout and stderr go to ``log``
(a file the caller names, else a temporary file removed by :meth:`LiveServer.close`), which
start-up errors quote.

Standard library only: benchmarks run it without the test dependencies.
"""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "docker" / "gunicorn.conf.py"
APP = "service.wsgi:app"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listened on a moment ago."""
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
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.add(int(entry))
    return found


class LiveServer:
    """gunicorn serving ``app`` with the project's config on ``127.0.0.1:port``.

    ``settings`` are environment variables for the server (the service's and gunicorn's
    settings, or anything an ``app`` reads); they override the caller's environment.
    ``workers`` sets ``WEB_CONCURRENCY``. ``port`` defaults to a free one.
    """

    def __init__(self, settings: Mapping[str, str] | None = None, *, workers: int = 1,
                 app: str = APP, port: int | None = None, log: Path | str | None = None) -> None:
        self.workers = workers
        self.app = app
        self.port = port or free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self._own_log = log is None
        if log is None:
            handle, name = tempfile.mkstemp(prefix="gunicorn-", suffix=".log")
            os.close(handle)
            log = name
        self.log = Path(log)
        inherited = {k: v for k, v in os.environ.items()
                     if k not in ("PORT", "PROMETHEUS_MULTIPROC_DIR", "WEB_CONCURRENCY")}
        pythonpath = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
        self.env = {**inherited, "PYTHONPATH": pythonpath, "LOG_LEVEL": "INFO",
                    **(settings or {}), "PORT": str(self.port), "WEB_CONCURRENCY": str(workers)}
        self.args = [sys.executable, "-m", "gunicorn", "--config", str(CONFIG),
                     "--bind", f"127.0.0.1:{self.port}", app]
        self.process: subprocess.Popen[bytes] | None = None

    # --- addresses and processes ---------------------------------------------------------

    def url(self, path: str = "") -> str:
        return self.base + path

    @property
    def pid(self) -> int:
        """The gunicorn master's pid."""
        assert self.process is not None, "the server was never launched"
        return self.process.pid

    def worker_pids(self) -> set[int]:
        return children_of(self.pid)

    # --- start ------------------------------------------------------------------------------

    def launch(self) -> LiveServer:
        """Start gunicorn and return at once (see :meth:`wait_ready`)."""
        assert self.process is None, "a LiveServer is launched once"
        with open(self.log, "ab") as out:
            self.process = subprocess.Popen(self.args, cwd=ROOT, env=self.env, stdout=out,
                                            stderr=subprocess.STDOUT, start_new_session=True)
        return self

    def ready(self) -> bool:
        """``/readyz`` answers 200 (refused, slow or 503 are all "not yet")."""
        try:
            with urllib.request.urlopen(self.url("/readyz"), timeout=2) as response:
                return response.status == 200
        except (urllib.error.URLError, OSError):
            return False

    def wait_ready(self, timeout: float = 60.0) -> LiveServer:
        """Wait until ready with all workers alive; RuntimeError (quoting the log) if gunicorn
        exits or is not ready within ``timeout`` seconds, in which case it is stopped."""
        assert self.process is not None, "launch() first"
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}:\n"
                                   f"{self.log_text()[-3000:]}")
            if self.ready() and len(self.worker_pids()) == self.workers:
                return self
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"gunicorn not ready after {timeout} s:\n"
                                   f"{self.log_text()[-3000:]}")
            time.sleep(0.1)

    def start(self, timeout: float = 60.0) -> LiveServer:
        """:meth:`launch`, then :meth:`wait_ready`."""
        return self.launch().wait_ready(timeout)

    def wait_for_workers(self, count: int | None = None, timeout: float = 30.0) -> set[int]:
        """Wait until ``count`` workers (default: ``workers``) are alive; their pids."""
        count = self.workers if count is None else count
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pids = self.worker_pids()
            if len(pids) == count:
                return pids
            time.sleep(0.1)
        raise RuntimeError(f"expected {count} workers, have {self.worker_pids()}")

    # --- output -----------------------------------------------------------------------------

    def log_text(self) -> str:
        try:
            return self.log.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return ""

    def log_entries(self) -> list[dict[str, Any]]:
        """The log's JSON lines (the service's request and server logs), in order."""
        entries = []
        for line in self.log_text().splitlines():
            try:
                entry = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(entry, dict):
                entries.append(entry)
        return entries

    # --- stop -------------------------------------------------------------------------------

    def stop(self, timeout: float = 30.0) -> int | None:
        """SIGTERM to the master, then SIGKILL to its process group after ``timeout`` seconds;
        the master's exit code (None if it was never launched)."""
        if self.process is None:
            return None
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                # The master is not reaped yet, so its group id still names its own group.
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        return self.process.returncode

    def close(self) -> None:
        """:meth:`stop`, and remove the log if it was a temporary file of ours."""
        self.stop()
        if self._own_log:
            self.log.unlink(missing_ok=True)

    def __enter__(self) -> LiveServer:
        try:
            return self.start()
        except BaseException:
            self.close()
            raise

    def __exit__(self, *exc: object) -> None:
        self.close()
