"""Fixtures of the reliability tests: one real gunicorn for the session, with the production
limits (the defaults), two workers, and a shorter REQUEST_TIMEOUT so a text the engine is too slow
on costs seconds, not minutes, of CI time.

Worker recycling (GUNICORN_MAX_REQUESTS) is off here so that a change in the set of worker pids
means a worker died, not that it was recycled on schedule.
"""
from __future__ import annotations

import pytest

from live_server import LiveServer

TEST_REQUEST_TIMEOUT = 20  # seconds; the service's default is 30
TEST_GUNICORN_TIMEOUT = 40
TEST_CLIENT_TIMEOUT = 3  # seconds a client may stall a read or write; the default is 10


@pytest.fixture(scope="session")
def live(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("live")
    server = LiveServer(tmp / "gunicorn.log", env={
        "REQUEST_TIMEOUT": str(TEST_REQUEST_TIMEOUT),
        "GUNICORN_TIMEOUT": str(TEST_GUNICORN_TIMEOUT),
        "GUNICORN_GRACEFUL_TIMEOUT": "5",
        "GUNICORN_CLIENT_TIMEOUT": str(TEST_CLIENT_TIMEOUT),
        "GUNICORN_MAX_REQUESTS": "0",
        "PROMETHEUS_MULTIPROC_DIR": str(tmp / "prometheus"),
    })
    server.start()
    try:
        yield server
    finally:
        server.stop()
