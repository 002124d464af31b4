"""The project's tests, a package so that every test module and helper has one full name.

How tests and benchmarks import each other's code (one mechanism, everywhere): the repository
root is on ``sys.path`` and everything is imported by its full name from there --
``from tests.support.live_server import LiveServer``, ``from tests.reliability.wire import
check_headers``, ``from benchmarks.corpus import articles``. pytest puts the root on the path
(``pythonpath = ["."]`` in pyproject.toml); a benchmark run as ``python3 benchmarks/NAME.py``
puts it there itself (see benchmarks/__init__.py). No test or benchmark edits ``sys.path`` to
reach another's code.

What tests and benchmarks share lives in ``tests/support/``.
"""
