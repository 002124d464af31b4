"""The ``slow`` marker of tests/conftest.py: by directory, by fixture, and registered."""
from __future__ import annotations

import tomllib

from tests.conftest import SLOW_DIRECTORIES, SLOW_FIXTURES, TESTS, is_slow


def test_every_slow_directory_exists():
    """A renamed directory would silently move its tests into the fast subset."""
    for name in SLOW_DIRECTORIES:
        assert (TESTS / name).is_dir(), f"tests/{name} named in SLOW_DIRECTORIES does not exist"


def test_slow_by_directory_and_by_fixture_fast_otherwise():
    for name in SLOW_DIRECTORIES:
        assert is_slow(TESTS / name / "test_x.py", ["tmp_path"])
    for fixture in SLOW_FIXTURES:
        assert is_slow(TESTS / "cli" / "test_x.py", ["tmp_path", fixture])
    for name in ("engine", "api", "support", "kubernetes", "cli", "client"):
        assert not is_slow(TESTS / name / "test_x.py", ["tmp_path", "client"]), name
    assert not is_slow(TESTS.parent / "benchmarks" / "test_x.py", [])


def test_the_slow_fixtures_are_defined_where_the_tests_use_them():
    """A fixture renamed in its conftest.py would no longer mark the tests that use it."""
    defined = set()
    for conftest in TESTS.glob("*/conftest.py"):
        text = conftest.read_text(encoding="utf-8")
        defined |= {name for name in SLOW_FIXTURES if f"def {name}(" in text}
    assert defined == SLOW_FIXTURES, f"not defined by any conftest.py: {SLOW_FIXTURES - defined}"


def test_the_marker_is_registered():
    config = tomllib.loads((TESTS.parent / "pyproject.toml").read_text(encoding="utf-8"))
    markers = config["tool"]["pytest"]["ini_options"]["markers"]
    assert any(m.startswith("slow:") for m in markers), markers
