#!/usr/bin/env python3
"""How long the editor's page takes to show a long article, in Debian's Chromium.

    make serve &                                   # the service on port 8000
    .venv/bin/python benchmarks/page_render.py [--url http://127.0.0.1:8000] [--copies 25 250 1200]

The article of tests/ui is repeated --copies times. For each size the service is asked once
(its time is printed apart), then the page is given that same answer (so the engine's time is
left out) and the script prints: characters, highlighted marks, seconds from pressing the button
to the result shown, and milliseconds for choosing a speaker and for focusing a statement (each
until the next frame is painted). Figures are from one run each: read them as orders of size.
"""
from __future__ import annotations

import argparse
import pathlib
import sys
import tempfile
import time

if not __package__:  # run as a file: import from the repository root (benchmarks/__init__.py)
    sys.path[0] = str(pathlib.Path(__file__).resolve().parents[1])

import requests  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from tests.support.browser import CHROMIUM_ARGS, chromium_executable  # noqa: E402
from tests.ui.test_page import ARTICLE  # noqa: E402

NEXT_FRAME = "new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)))"

TIME_FILTER = """() => new Promise((resolve) => {
  const t = performance.now();
  document.querySelector('#speaker-list button.speaker:not(.all)').click();
  requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t), 0));
})"""

TIME_FOCUS = """() => new Promise((resolve) => {
  const marks = document.querySelectorAll('mark.stmt');
  const t = performance.now();
  marks[Math.floor(marks.length / 2)].focus();
  requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t), 0));
})"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--copies", type=int, nargs="+", default=[25, 250, 1200])
    args = parser.parse_args()
    print("chars\tmarks\tservice_s\tpage_render_s\tfilter_ms\tfocus_ms")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            tempfile.mkdtemp(prefix="page-bench-"), executable_path=chromium_executable(),
            headless=True, args=CHROMIUM_ARGS, viewport={"width": 1280, "height": 900})
        try:
            for copies in args.copies:
                text = ARTICLE * copies
                started = time.perf_counter()
                answer = requests.post(args.url + "/v1/attributions", json={"text": text},
                                       timeout=600)
                service_s = time.perf_counter() - started
                answer.raise_for_status()
                page = context.new_page()
                body = answer.content
                page.route("**/v1/attributions", lambda route: route.fulfill(
                    status=200, content_type="application/json", body=body))
                page.goto(args.url + "/")
                page.evaluate("(t) => { document.getElementById('text').value = t; }", text)
                started = time.perf_counter()
                page.click("#run")
                page.wait_for_selector("#results:not([hidden])", timeout=300_000)
                page.evaluate(NEXT_FRAME)
                render_s = time.perf_counter() - started
                marks = page.locator("mark.stmt").count()
                focus_ms = page.evaluate(TIME_FOCUS)
                filter_ms = page.evaluate(TIME_FILTER)
                print(f"{len(text)}\t{marks}\t{service_s:.2f}\t{render_s:.2f}\t{filter_ms:.0f}"
                      f"\t{focus_ms:.0f}", flush=True)
                page.close()
        finally:
            context.close()


if __name__ == "__main__":
    main()
