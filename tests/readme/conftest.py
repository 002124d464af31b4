"""Fixtures for the README tests: a real gunicorn, as `make serve` starts it, on a free port."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "support"))
from live_gunicorn import LiveGunicorn  # noqa: E402


@pytest.fixture(scope="session")
def service_url():
    with LiveGunicorn() as server:
        yield server.url


@pytest.fixture()
def client():
    from service.app import create_app
    return create_app().test_client()
