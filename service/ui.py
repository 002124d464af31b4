"""The editor's page at ``/``: paste an article, see who said what.

The page is ``service/static/index.html`` with a style sheet and a small script beside it
(served by Flask's own ``/static/`` route) that lists the languages of ``GET /v1/languages`` in
a menu and calls ``POST /v1/attributions`` on this same service; nothing is built, nothing is
loaded from anywhere else, and the article's text goes to no other address.

The page's response carries :data:`PAGE_CSP`, which lets it load its own script and style sheet
from this origin and nothing else: no inline script or style, no other origin. Every other
response keeps the service's own, stricter policy (``SECURITY_HEADERS`` in ``app.py``), and the
other security headers apply here as everywhere.
"""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response, send_from_directory

from .openapi import operation

bp = Blueprint("ui", __name__)
STATIC = Path(__file__).resolve().parent / "static"

PAGE_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
            "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; "
            "frame-ancestors 'none'")


@bp.get("/")
@operation(summary="The editor's page: paste an article, see who said what", tag="documentation",
           description="A static HTML page whose script calls `POST /v1/attributions` (in the "
                       "language chosen from `GET /v1/languages`) and shows the article with each "
                       "statement highlighted by speaker.",
           responses={200: ("The page.", "text/html", {"type": "string"})})
def page() -> Response:
    return send_from_directory(STATIC, "index.html")


@bp.after_request
def _page_policy(response: Response) -> Response:
    response.headers["Content-Security-Policy"] = PAGE_CSP
    return response
