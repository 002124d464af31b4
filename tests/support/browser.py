"""Debian's Chromium as the page tests (tests/ui) and benchmarks/page_render.py drive it through
Playwright: Playwright's own browser download is not reachable here, so the system package is
used (``apt-get install -y chromium``; ``.ci/run`` installs it)."""
from __future__ import annotations

import os
import shutil

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium_executable() -> str | None:
    """Debian's chromium, at its usual path or elsewhere on PATH; None if it is missing."""
    if os.path.exists(CHROMIUM) and os.access(CHROMIUM, os.X_OK):
        return CHROMIUM
    return shutil.which("chromium")
