"""Fixtures for the page tests: real gunicorn servers on loopback and Debian's Chromium driven by
Playwright for Python.

Playwright's own browser download is not reachable here, so the tests drive the system Chromium
(``apt-get install chromium``; ``.ci/run`` installs it). Where it is missing the browser tests
skip with a message saying so, except on CI (``CI=true``), where a missing browser fails them:
there it is installable, so the tests must run.
"""
from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests

from tests.support.browser import CHROMIUM_ARGS, chromium_executable
from tests.support.live_server import LiveServer

ROOT = Path(__file__).resolve().parents[2]
# Screenshots for people to look at: out/ is ignored by git.
SCREENSHOT_DIR = ROOT / "out" / "ui"

# Limits of the second server, small enough to cross with a short article.
SMALL_LIMITS = {"MAX_TEXT_CHARS": "300", "MAX_BODY_BYTES": "2000"}


# --- servers ----------------------------------------------------------------------------------

@dataclass
class Server:
    url: str
    log: Path

    def post(self, text: str) -> requests.Response:
        return requests.post(self.url + "/v1/attributions", json={"text": text}, timeout=30)


@contextmanager
def gunicorn(log: Path, settings: dict[str, str]) -> Iterator[Server]:
    """The service under gunicorn with the project's config, bound to loopback only."""
    with LiveServer({"LOG_LEVEL": "WARNING", **settings}, log=log) as running:
        yield Server(running.base, log)


@pytest.fixture(scope="session")
def server(tmp_path_factory) -> Iterator[Server]:
    with gunicorn(tmp_path_factory.mktemp("gunicorn") / "default.log", {}) as running:
        yield running


@pytest.fixture(scope="session")
def small_server(tmp_path_factory) -> Iterator[Server]:
    with gunicorn(tmp_path_factory.mktemp("gunicorn") / "small.log", SMALL_LIMITS) as running:
        yield running


# --- the browser ------------------------------------------------------------------------------

def _browser_missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (pip install -e '.[test]')"
    if chromium_executable() is None:
        return ("Debian's chromium is not installed "
                "(apt-get install -y chromium; .ci/run does this)")
    return None


@dataclass
class Browser:
    context: object
    outside_requests: list[str]


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    """One Chromium with a fresh profile for the session; every request it makes is checked to
    go to loopback only (any other address is refused and recorded)."""
    missing = _browser_missing()
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests cannot run on CI: {missing}")
        pytest.skip(f"browser tests skipped: {missing}")
    from playwright.sync_api import sync_playwright

    executable = chromium_executable()
    playwright = sync_playwright().start()
    context = None
    try:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=executable,
            headless=True, args=CHROMIUM_ARGS, viewport={"width": 1280, "height": 900},
            locale="en-GB")
        context.set_default_timeout(15_000)
        outside: list[str] = []

        def only_loopback(route):
            url = route.request.url
            if url.startswith(("http://127.0.0.1:", "about:", "data:", "blob:")):
                route.fallback()
            else:
                outside.append(url)
                route.abort()

        context.route("**/*", only_loopback)
        yield Browser(context, outside)
    finally:
        if context is not None:
            context.close()
        playwright.stop()


@dataclass
class PageProbe:
    """A page plus what it reported: console errors, uncaught exceptions."""
    page: object
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)


# Recorded before any script of the page runs: Content-Security-Policy violations.
_RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI);
});
"""


@pytest.fixture()
def probe(browser) -> Iterator[PageProbe]:
    page = browser.context.new_page()
    probe = PageProbe(page)
    page.on("console", lambda m: m.type == "error" and probe.console_errors.append(m.text))
    page.on("pageerror", lambda e: probe.page_errors.append(str(e)))
    page.add_init_script(_RECORD_VIOLATIONS)
    yield probe
    page.close()


def save_screenshot(page, tmp_path: Path, name: str, **options) -> Path:
    """Save under the test's tmp_path and copy to out/ui/ (ignored by git) for people."""
    path = tmp_path / name
    page.screenshot(path=str(path), **options)
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, SCREENSHOT_DIR / name)
    return path
