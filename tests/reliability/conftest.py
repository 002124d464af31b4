"""Fixtures of the reliability tests: one real gunicorn for the session, with the production
limits and REQUEST_TIMEOUT (the defaults), two workers, and a short GUNICORN_CLIENT_TIMEOUT so
the stalled-client tests take seconds.

Worker recycling (GUNICORN_MAX_REQUESTS) is off here so that a change in the set of worker pids
means a worker died, not that it was recycled on schedule.
"""
from __future__ import annotations

import pytest

from tests.reliability.reliability_settings import (TEST_CLIENT_TIMEOUT, TEST_GUNICORN_TIMEOUT,
                                                    TEST_REQUEST_TIMEOUT)
from tests.support.live_server import LiveServer


@pytest.fixture(scope="session")
def live(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("live")
    server = LiveServer({
        "REQUEST_TIMEOUT": str(TEST_REQUEST_TIMEOUT),
        "GUNICORN_TIMEOUT": str(TEST_GUNICORN_TIMEOUT),
        "GUNICORN_GRACEFUL_TIMEOUT": "5",
        "GUNICORN_CLIENT_TIMEOUT": str(TEST_CLIENT_TIMEOUT),
        "GUNICORN_MAX_REQUESTS": "0",
        "PROMETHEUS_MULTIPROC_DIR": str(tmp / "prometheus"),
    }, workers=2, log=tmp / "gunicorn.log")
    with server:
        yield server
