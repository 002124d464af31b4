"""Shared by the tests and the benchmarks: ``live_server`` (gunicorn on a free loopback port, as
the image runs it), ``contract`` (every promise of the v1 result, checked on any result) and
``browser`` (Debian's Chromium for Playwright)."""
