"""Real gunicorn servers on loopback for the client's tests: default and small limits."""
from __future__ import annotations

import pytest

from tests.support.live_server import LiveServer, free_port

SMALL_LIMITS = {"MAX_BODY_BYTES": "2000", "MAX_TEXT_CHARS": "100", "MAX_BATCH_DOCUMENTS": "3",
                "MAX_BATCH_CHARS": "150"}


QUIET = {"LOG_LEVEL": "WARNING"}


@pytest.fixture(scope="session")
def service_url():
    with LiveServer(QUIET) as server:
        yield server.base


@pytest.fixture(scope="session")
def small_service_url():
    with LiveServer({**QUIET, **SMALL_LIMITS}) as server:
        yield server.base


@pytest.fixture()
def unused_port():
    return free_port()


@pytest.fixture()
def gunicorn_factory():
    """Builds servers the test starts itself; all are stopped at the end of the test."""
    made: list[LiveServer] = []

    def make(**kwargs) -> LiveServer:
        server = LiveServer(QUIET, **kwargs)
        made.append(server)
        return server

    yield make
    for server in made:
        server.close()
