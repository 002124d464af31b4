"""The shared launcher (tests/support/live_server.py): settings reach the server, the server is
ready when it says so, it stops cleanly and leaves no process behind, and a server that cannot
start is reported with its log."""
from __future__ import annotations

import os
import time

import pytest
import requests

from tests.support.live_server import LiveServer, free_port

pytestmark = pytest.mark.slow   # real gunicorn (tests/conftest.py)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_settings_workers_readiness_and_a_clean_stop(tmp_path, monkeypatch):
    # A metrics directory in the caller's environment is not the server's.
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path / "not-the-servers"))
    server = LiveServer({"MAX_TEXT_CHARS": "40"}, workers=2, log=tmp_path / "server.log")
    with server:
        assert server.url("/healthz") == f"http://127.0.0.1:{server.port}/healthz"
        assert requests.get(server.url("/readyz"), timeout=10).status_code == 200
        workers = server.worker_pids()
        assert len(workers) == 2
        too_long = requests.post(server.url("/v1/attributions"), json={"text": "x" * 41},
                                 timeout=10)
        assert too_long.status_code == 413 and "MAX_TEXT_CHARS=40" in too_long.json()["detail"]
        assert requests.post(server.url("/v1/attributions"), json={"text": "x" * 40},
                             timeout=10).status_code == 200
        assert server.log_entries(), "the server's JSON log lines are read back"
    assert server.process.returncode == 0, server.log_text()[-2000:]
    assert not any(_alive(pid) for pid in workers | {server.pid})
    assert not (tmp_path / "not-the-servers").exists()
    assert (tmp_path / "server.log").exists(), "a log the caller named is kept"


def test_launch_returns_at_once_and_wait_ready_waits(tmp_path):
    port = free_port()
    server = LiveServer(port=port)
    try:
        server.launch()
        assert server.port == port
        started = time.monotonic()
        server.wait_ready(timeout=60)
        assert server.ready() and time.monotonic() - started < 60
    finally:
        server.close()
    assert not os.path.exists(server.log), "its own temporary log is removed"


def test_a_server_that_cannot_start_is_reported_with_its_log(tmp_path):
    server = LiveServer({"GUNICORN_TIMEOUT": "soon"}, log=tmp_path / "server.log")
    with pytest.raises(RuntimeError, match="exited") as caught:
        server.start(timeout=30)
    assert "invalid literal for int() with base 10: 'soon'" in str(caught.value)
    server.close()
