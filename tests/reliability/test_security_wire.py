"""Security over the wire, against the live gunicorn: security headers and no caching on every
answer, no internals (stack trace, path, file name) in any answer, and no article text in
anything the server writes to its stdout or stderr."""
from __future__ import annotations

import json
import socket
import time
import uuid

import pytest
import requests

from tests.reliability.wire import LEAKS, check_headers, dumps, leaks_in

HTTP_TIMEOUT = (5, 60)

# (method, path, keyword arguments): every endpoint and every kind of answer the app gives.
REQUESTS = [
    ("GET", "/healthz", {}),
    ("GET", "/readyz", {}),
    ("GET", "/metrics", {}),
    ("GET", "/openapi.json", {}),
    ("GET", "/docs", {}),
    ("HEAD", "/healthz", {}),
    ("OPTIONS", "/v1/attributions", {}),
    ("POST", "/v1/attributions", {"json": {"text": '"Yes," she said.', "id": "a"}}),
    ("POST", "/v1/attributions", {"data": b'"Yes," she said.',
                                  "headers": {"Content-Type": "text/plain"}}),
    ("POST", "/v1/attributions/batch", {"json": {"documents": [{"id": "a", "text": "x"}]}}),
    ("POST", "/v1/attributions", {"data": b"{", "headers": {"Content-Type": "application/json"}}),
    ("POST", "/v1/attributions", {"data": b"\xff", "headers": {"Content-Type": "text/plain"}}),
    ("POST", "/v1/attributions", {"data": b"x", "headers": {"Content-Type": "text/html"}}),
    ("POST", "/v1/attributions", {"json": {"txt": "x"}}),
    ("POST", "/v1/attributions", {"json": {"text": "x" * 500_001}}),
    ("POST", "/v1/attributions", {"data": b"[" * 100_000,
                                  "headers": {"Content-Type": "application/json"}}),
    ("GET", "/v1/attributions", {}),
    ("GET", "/no/such/path", {}),
    ("GET", "/static/../../etc/passwd", {}),
    ("GET", "/%2e%2e/%2e%2e/service/app.py", {}),
    ("TRACE", "/healthz", {}),
    ("GET", "/static/no-such-file.js", {}),
]
# The editor's page and its assets hold no results: they may be kept if revalidated.
PAGE_REQUESTS = [("GET", "/", {}), ("GET", "/static/app.js", {}), ("GET", "/static/app.css", {})]


@pytest.mark.parametrize("method,path,kwargs", REQUESTS + PAGE_REQUESTS,
                         ids=[f"{m} {p} {i}" for i, (m, p, _) in
                              enumerate(REQUESTS + PAGE_REQUESTS)])
def test_every_answer_has_security_headers_and_no_internals(live, method, path, kwargs):
    response = requests.request(method, live.url(path), timeout=HTTP_TIMEOUT,
                                allow_redirects=False, **kwargs)
    assert response.status_code < 500, response.text[:300]
    page = (method, path, kwargs) in PAGE_REQUESTS
    check_headers(response, ("no-store", "no-cache") if page else ("no-store",))
    assert not leaks_in(response.text), response.text[:500]


# Requests that gunicorn itself refuses before the app sees them.
RAW = {
    "request-line-too-long": b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
    "not-http": b"GARBAGE\r\n\r\n",
    "header-too-large": b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: " + b"a" * 9000 + b"\r\n\r\n",
    "content-length-and-chunked": b"POST /v1/attributions HTTP/1.1\r\nHost: x\r\n"
                                  b"Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"
                                  b"3\r\nabc\r\n0\r\n\r\n",
    "bad-chunk-size": b"POST /v1/attributions HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain"
                      b"\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n",
}


def raw_exchange(port: int, data: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(data)
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
    return received


@pytest.mark.parametrize("name", sorted(RAW))
def test_malformed_http_is_refused_without_internals_or_killing_a_worker(live, name):
    before = live.worker_pids()
    answer = raw_exchange(live.port, RAW[name]).decode("latin-1")
    status = int(answer.split(" ", 2)[1])
    assert 400 <= status < 500, answer[:200]
    assert not [leak for leak in LEAKS if leak in answer], answer
    assert live.worker_pids() == before
    assert requests.get(live.url("/healthz"), timeout=10).status_code == 200


@pytest.mark.parametrize("name", sorted(RAW))
def test_gunicorn_refusals_are_problem_json_with_security_headers(live, name):
    # gunicorn answers these itself, before the app; service/gunicorn_worker.py makes the
    # answer look like the app's.
    head, body = raw_exchange(live.port, RAW[name]).split(b"\r\n\r\n", 1)
    lines = head.decode("latin-1").split("\r\n")
    headers = {line.split(":", 1)[0].lower(): line.split(":", 1)[1].strip() for line in lines[1:]}
    status = int(lines[0].split(" ", 2)[1])
    assert headers.get("x-content-type-options") == "nosniff"
    assert headers.get("cache-control") == "no-store"
    assert headers.get("content-type") == "application/problem+json"
    problem = json.loads(body)
    assert problem["status"] == status and problem["title"] and problem["detail"]
    assert int(headers["content-length"]) == len(body)


def _wait_for_log_line(live, request_id: str, timeout: float = 10.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        log = live.log_text()
        if request_id in log:
            return log
        time.sleep(0.1)
    raise AssertionError(f"no log line for {request_id}")


def _article(marker: str) -> str:
    return (f'"{marker} will rebuild," Mayor Ana Ruiz said on Monday. {marker} was the '
            f'word of the day, according to officials. "{marker}."')


def _requests_carrying(marker: str):
    text = _article(marker)
    json_headers = {"Content-Type": "application/json"}
    yield "json", {"data": dumps({"text": text, "id": "doc-1"}), "headers": json_headers}
    yield "text", {"data": text.encode(), "headers": {"Content-Type": "text/plain"}}
    yield "batch", {"path": "/v1/attributions/batch",
                    "data": dumps({"documents": [{"id": "a", "text": text}]}),
                    "headers": json_headers}
    yield "invalid-utf8", {"data": text.encode() + b"\xff",
                           "headers": {"Content-Type": "text/plain"}}
    yield "invalid-json", {"data": b'{"text": "' + text.encode(), "headers": json_headers}
    yield "unknown-field", {"data": dumps({"text": text, marker: text}), "headers": json_headers}
    yield "wrong-type", {"data": dumps({"text": [text]}), "headers": json_headers}
    yield "over-text-limit", {"data": dumps({"text": (text + " ") * 5000}),
                              "headers": json_headers}
    yield "wrong-media-type", {"data": text.encode(), "headers": {"Content-Type": "text/csv"}}


@pytest.mark.parametrize("kind", [kind for kind, _ in _requests_carrying("m")])
def test_article_text_never_reaches_the_server_output(live, kind):
    marker = f"Zq{uuid.uuid4().hex[:12]}x"  # a word no log line could contain by chance
    kwargs = dict(_requests_carrying(marker))[kind]
    path = kwargs.pop("path", "/v1/attributions")
    request_id = f"log-check-{uuid.uuid4().hex}"
    response = requests.post(live.url(path), timeout=HTTP_TIMEOUT,
                             headers={**kwargs.pop("headers"), "X-Request-ID": request_id},
                             **kwargs)
    assert response.status_code < 500
    log = _wait_for_log_line(live, request_id)  # the request's own line was written ...
    assert marker not in log  # ... and the text is nowhere in gunicorn's stdout or stderr
