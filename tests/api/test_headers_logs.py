"""Security headers and request ids on every response; one JSON log line per request that
never contains the article text."""
from __future__ import annotations

import json

import pytest

REQUESTS = [
    ("post", "/v1/attributions", {"json": {"text": "x"}}),
    ("post", "/v1/attributions/batch", {"json": {"documents": []}}),
    ("post", "/v1/attributions", {"data": b"\xff", "content_type": "text/plain"}),
    ("post", "/v1/attributions", {"data": b"x", "content_type": "text/csv"}),
    ("post", "/v1/attributions", {"json": {}}),
    ("get", "/healthz", {}),
    ("get", "/readyz", {}),
    ("get", "/metrics", {}),
    ("get", "/openapi.json", {}),
    ("get", "/docs", {}),
    ("get", "/missing", {}),
    ("delete", "/v1/attributions", {}),
]


@pytest.mark.parametrize("method,path,kwargs", REQUESTS)
def test_every_response_has_security_headers_and_a_request_id(client, method, path, kwargs):
    response = getattr(client, method)(path, **kwargs)
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "no-store"
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]
    assert len(response.headers["X-Request-ID"]) >= 16


def test_a_well_formed_request_id_is_echoed(client):
    response = client.get("/healthz", headers={"X-Request-ID": "req-42.abc"})
    assert response.headers["X-Request-ID"] == "req-42.abc"


@pytest.mark.parametrize("bad", ["", "x" * 129, "has space", "new\tline", "<script>"])
def test_a_malformed_request_id_is_replaced(client, bad):
    response = client.get("/healthz", headers={"X-Request-ID": bad})
    assert response.headers["X-Request-ID"] != bad
    assert len(response.headers["X-Request-ID"]) == 32


def test_request_ids_differ_between_requests(client):
    ids = {client.get("/healthz").headers["X-Request-ID"] for _ in range(5)}
    assert len(ids) == 5


def log_lines(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_one_json_line_per_request_with_the_request_fields(client, capsys):
    capsys.readouterr()
    text = 'Unique-article-sentence-93b1 "quoted part" said someone.'
    response = client.post("/v1/attributions?x=1", json={"text": text},
                           headers={"X-Request-ID": "trace-1"})
    lines = [entry for entry in log_lines(capsys.readouterr().out)
             if entry["logger"] == "service.request"]
    assert len(lines) == 1
    entry = lines[0]
    assert entry["request_id"] == "trace-1" == response.headers["X-Request-ID"]
    assert entry["method"] == "POST"
    assert entry["path"] == "/v1/attributions"
    assert entry["status"] == 200
    assert isinstance(entry["duration_ms"], float) and entry["duration_ms"] >= 0
    assert entry["characters"] == len(text) and entry["documents"] == 1
    assert entry["statements"] == len(response.get_json()["quotes"])
    assert entry["level"] == "INFO" and entry["ts"].endswith("Z")


@pytest.mark.parametrize("kwargs", [
    {"json": {"text": "Private-words-5521 said the source."}},
    {"data": "Private-words-5521 said the source.".encode(), "content_type": "text/plain"},
    {"json": {"text": "Private-words-5521", "unexpected": "Private-words-5521"}},
    {"json": {"text": "Private-words-5521" * 50}},  # over the small app's text limit
    {"data": b'{"text": "Private-words-5521', "content_type": "application/json"},
])
def test_article_text_never_reaches_the_logs(small_client, capsys, kwargs):
    capsys.readouterr()
    small_client.post("/v1/attributions", **kwargs)
    small_client.post("/v1/attributions/batch",
                      json={"documents": [{"id": "a", "text": "Private-words-5521"}]})
    out = capsys.readouterr().out
    assert out.strip(), "expected log lines"
    assert "Private-words-5521" not in out


def test_log_level_setting_silences_info_lines(capsys):
    from service.app import create_app
    quiet = create_app({"LOG_LEVEL": "WARNING"}).test_client()
    capsys.readouterr()
    quiet.get("/healthz")
    assert capsys.readouterr().out == ""
    loud = create_app({"LOG_LEVEL": "INFO"}).test_client()
    loud.get("/healthz")
    assert '"path": "/healthz"' in capsys.readouterr().out
