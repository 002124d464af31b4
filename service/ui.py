"""The editor's page at ``/``: paste an article, see who said what.

The page is three static files (``static/index.html``, ``app.css``, ``app.js``) and a small
script that calls ``POST /v1/attributions`` on this same service; nothing is built, nothing is
loaded from anywhere else, and the article's text goes to no other address.

Every response of this blueprint (the page and its static files) carries :data:`PAGE_CSP`,
which lets the page load its own script and style sheet from this origin and nothing else: no
inline script or style, no other origin. The rest of the service keeps its own, stricter policy
(see ``SECURITY_HEADERS`` in ``app.py``); the other security headers apply here as everywhere.
"""
from __future__ import annotations

from flask import Blueprint, Response, send_from_directory

from .openapi import operation

bp = Blueprint("ui", __name__, static_folder="static", static_url_path="/static")

PAGE_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
            "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; "
            "frame-ancestors 'none'")


@bp.get("/")
@operation(summary="The editor's page: paste an article, see who said what", tag="documentation",
           description="A static HTML page whose script calls `POST /v1/attributions` and shows "
                       "the article with each statement highlighted by speaker.",
           responses={200: ("The page.", "text/html", {"type": "string"})})
def page() -> Response:
    return send_from_directory(bp.static_folder, "index.html")


@bp.after_request
def _page_policy(response: Response) -> Response:
    response.headers["Content-Security-Policy"] = PAGE_CSP
    return response
