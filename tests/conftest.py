"""Shared fixtures: an app with default settings and one with small limits."""
from __future__ import annotations

import pytest

from service.app import create_app


@pytest.fixture()
def app():
    return create_app()


@pytest.fixture()
def client(app):
    return app.test_client()


@pytest.fixture()
def small_app():
    """Limits small enough to cross in a test without megabytes of data."""
    return create_app({"MAX_BODY_BYTES": 2000, "MAX_TEXT_CHARS": 100,
                       "MAX_BATCH_DOCUMENTS": 3, "MAX_BATCH_CHARS": 150})


@pytest.fixture()
def small_client(small_app):
    return small_app.test_client()
