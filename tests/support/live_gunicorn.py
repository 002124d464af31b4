"""A real gunicorn serving ``service.wsgi:app`` on a free loopback port, for end-to-end tests.

Started exactly as ``make serve`` starts it (``docker/gunicorn.conf.py``), bound to 127.0.0.1,
with one worker and the service settings given as environment variables. Start-up and shutdown
are bounded in time; the server's output goes to a log file that errors quote.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "docker" / "gunicorn.conf.py"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveGunicorn:
    def __init__(self, settings: dict[str, str] | None = None, port: int | None = None) -> None:
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.settings = settings or {}
        self.process: subprocess.Popen[bytes] | None = None
        self.log = tempfile.NamedTemporaryFile(prefix="gunicorn-", suffix=".log", delete=False)

    def start(self) -> LiveGunicorn:
        env = {**os.environ, "WEB_CONCURRENCY": "1", "LOG_LEVEL": "WARNING", **self.settings}
        env.pop("PORT", None)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--config", str(CONFIG),
             "--bind", f"127.0.0.1:{self.port}", "service.wsgi:app"],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT,
            start_new_session=True)
        return self

    def wait_ready(self, timeout: float = 60.0) -> LiveGunicorn:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}:\n"
                                   f"{self.output()}")
            try:
                if requests.get(self.url + "/healthz", timeout=2).status_code == 200:
                    return self
            except requests.RequestException:   # refused while booting, or slow on a loaded machine
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"gunicorn not ready after {timeout} s:\n{self.output()}")

    def output(self) -> str:
        return Path(self.log.name).read_text(errors="replace")[-4000:]

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def close(self) -> None:
        self.stop()
        self.log.close()
        if os.path.exists(self.log.name):
            os.unlink(self.log.name)

    def __enter__(self) -> LiveGunicorn:
        return self.start().wait_ready()

    def __exit__(self, *exc: object) -> None:
        self.close()
