"""The ``slow`` marker: which tests the fast subset leaves out.

    .venv/bin/python -m pytest -m "not slow"     # engine, API and unit tests, well under 30 s
    .venv/bin/python -m pytest                   # everything (make test, CI)

A test is slow when it starts something heavy or waits on the clock:

- every test in a directory of SLOW_DIRECTORIES: they all run against real gunicorn, a browser,
  Spark or a container tool (reliability, integration, ui, spark, container);
- every test that uses a fixture of SLOW_FIXTURES: each starts gunicorn or runs the installed
  ``attribution`` script as a process;
- every test marked ``@pytest.mark.slow`` where it is written (a module's ``pytestmark``): the
  command-line process tests, schemathesis, the client against live servers, and single tests
  that take over about a second (``pytest --durations=50`` shows them).

Marking by directory and fixture here means a new test of that kind is slow without anyone
remembering to say so.
"""
from __future__ import annotations

from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
SLOW_DIRECTORIES = frozenset({"reliability", "integration", "ui", "spark", "container"})
SLOW_FIXTURES = frozenset({"service_url", "small_service_url", "gunicorn_factory", "script"})


def is_slow(path: Path, fixtures: list[str] | tuple[str, ...]) -> bool:
    """Whether a test at ``path`` using ``fixtures`` is slow by directory or by fixture."""
    try:
        top = path.resolve().relative_to(TESTS).parts[0]
    except (ValueError, IndexError):
        top = ""
    return top in SLOW_DIRECTORIES or bool(SLOW_FIXTURES.intersection(fixtures))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if is_slow(item.path, getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
