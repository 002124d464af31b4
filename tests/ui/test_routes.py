"""The page's routes and headers, through Flask's test client (no browser needed)."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from service.app import SECURITY_HEADERS, create_app
from service.ui import PAGE_CSP

STATIC = Path(__file__).resolve().parents[2] / "service" / "static"


@pytest.fixture(scope="module")
def client():
    return create_app().test_client()


def directives(policy: str) -> dict[str, list[str]]:
    parsed = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            parsed[words[0]] = words[1:]
    return parsed


def test_the_page_is_served_at_root_with_its_policy(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    assert b'id="article"' in response.data and b"static/app.js" in response.data
    policy = directives(response.headers["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    for name in ("script-src", "style-src", "connect-src"):
        assert policy[name] == ["'self'"], name
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response.headers["Content-Security-Policy"]


@pytest.mark.parametrize("path,mimetype", [
    ("/", "text/html"), ("/static/app.js", "text/javascript"), ("/static/app.css", "text/css"),
    ("/static/favicon.svg", "image/svg+xml")])
def test_the_service_security_headers_still_apply(client, path, mimetype):
    response = client.get(path)
    assert response.status_code == 200 and response.mimetype == mimetype
    for name, value in SECURITY_HEADERS.items():
        if name != "Content-Security-Policy":
            assert response.headers[name] == value, name
    # The page's own policy on the page; the service's, stricter one on the files it loads
    # (a policy on a script or style sheet response does not govern the page).
    expected = PAGE_CSP if path == "/" else SECURITY_HEADERS["Content-Security-Policy"]
    assert response.headers["Content-Security-Policy"] == expected
    assert response.headers["X-Request-ID"]


@pytest.mark.parametrize("method,path,kwargs", [
    ("post", "/v1/attributions", {"json": {"text": '"Yes," Ann said.'}}),
    ("post", "/v1/attributions", {"json": {"text": 5}}),
    ("post", "/v1/attributions/batch", {"json": {"documents": []}}),
    ("get", "/healthz", {}), ("get", "/openapi.json", {}), ("get", "/docs", {}),
    ("get", "/metrics", {}), ("get", "/no-such-page", {})])
def test_other_responses_keep_the_service_policy(client, method, path, kwargs):
    response = getattr(client, method)(path, **kwargs)
    assert response.headers["Content-Security-Policy"] == SECURITY_HEADERS[
        "Content-Security-Policy"]
    assert response.headers["Content-Security-Policy"] != PAGE_CSP


def test_root_accepts_only_get(client):
    response = client.post("/", json={"text": "x"})
    assert response.status_code == 405
    assert response.mimetype == "application/problem+json"
    assert "GET" in response.headers["Allow"]


def test_root_is_in_the_openapi_document(client):
    spec = client.get("/openapi.json").get_json()
    assert "text/html" in spec["paths"]["/"]["get"]["responses"]["200"]["content"]


class _Inventory(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.script_text = ""
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.script_text += data


def test_the_page_needs_no_inline_code_and_nothing_from_outside():
    page = _Inventory()
    page.feed((STATIC / "index.html").read_text(encoding="utf-8"))
    assert [tag for tag, _ in page.tags if tag == "style"] == []
    assert page.script_text.strip() == ""
    scripts = [attrs for tag, attrs in page.tags if tag == "script"]
    assert scripts and all(attrs.get("src") for attrs in scripts)
    for tag, attrs in page.tags:
        assert "style" not in attrs, tag
        assert not [name for name in attrs if name.startswith("on")], tag
        for name in ("src", "href", "action"):
            value = attrs.get(name)
            if value is not None:
                assert not re.match(r"^([a-z][a-z0-9+.-]*:|//)", value, re.I), (tag, value)
    css = (STATIC / "app.css").read_text(encoding="utf-8")
    assert "@import" not in css and not re.search(r"url\(", css)


def test_the_script_builds_no_html_from_strings():
    script = (STATIC / "app.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                 "new Function", "DOMParser"):
        assert sink not in script, sink
    # It talks to this service only, by a relative URL: its languages, then the analysis.
    assert re.findall(r'fetch\("([^"]+)"', script) == ["v1/languages", "v1/attributions"]
