"""Fixtures for the README tests: a real gunicorn, as `make serve` starts it, on a free port."""
from __future__ import annotations

import pytest

from tests.support.live_server import LiveServer


@pytest.fixture(scope="session")
def service_url():
    with LiveServer() as server:
        yield server.url()


@pytest.fixture()
def client():
    from service.app import create_app
    return create_app().test_client()
