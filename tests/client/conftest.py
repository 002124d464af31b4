"""Real gunicorn servers on loopback for the client's tests: default and small limits."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "support"))
from live_gunicorn import LiveGunicorn, free_port  # noqa: E402

SMALL_LIMITS = {"MAX_BODY_BYTES": "2000", "MAX_TEXT_CHARS": "100", "MAX_BATCH_DOCUMENTS": "3",
                "MAX_BATCH_CHARS": "150"}


@pytest.fixture(scope="session")
def service_url():
    with LiveGunicorn() as server:
        yield server.url


@pytest.fixture(scope="session")
def small_service_url():
    with LiveGunicorn(SMALL_LIMITS) as server:
        yield server.url


@pytest.fixture()
def unused_port():
    return free_port()


@pytest.fixture()
def gunicorn_factory():
    """Builds servers the test starts itself; all are stopped at the end of the test."""
    made: list[LiveGunicorn] = []

    def make(**kwargs) -> LiveGunicorn:
        server = LiveGunicorn(**kwargs)
        made.append(server)
        return server

    yield make
    for server in made:
        server.close()
