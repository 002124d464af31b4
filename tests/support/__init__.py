"""Shared by the tests and the benchmarks: ``live_server`` (gunicorn on a free loopback port, as
the image runs it) and ``browser`` (Debian's Chromium for Playwright)."""
