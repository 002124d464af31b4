"""The real server: gunicorn with the project's config, two workers, on a free loopback port,
called over HTTP with `requests`. Bounded: every wait has a timeout, and the server is stopped
(SIGTERM, then SIGKILL) whatever happens."""
from __future__ import annotations

import re
import signal
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from tests.support.contract import check_result
from tests.support.live_server import LiveServer

BODY_LIMIT = 5000


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("gunicorn")
    srv = LiveServer({"PROMETHEUS_MULTIPROC_DIR": str(tmp / "prometheus"),
                      "MAX_BODY_BYTES": str(BODY_LIMIT), "GUNICORN_TIMEOUT": "30",
                      "GUNICORN_GRACEFUL_TIMEOUT": "5"},
                     workers=2, log=tmp / "server.log")
    with srv:
        yield srv


def test_json_and_text_requests(server):
    text = 'Zoë said, "We will rebuild." 😀 “Soon,” she added.'
    response = requests.post(server.url("/v1/attributions"), json={"text": text, "id": "it-1"},
                             timeout=10)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/json")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "no-store"
    body = response.json()
    assert body["id"] == "it-1"
    check_result(text, body)

    plain = requests.post(server.url("/v1/attributions"), data=text.encode("utf-8"),
                          headers={"Content-Type": "text/plain; charset=utf-8"}, timeout=10)
    assert plain.status_code == 200
    assert plain.json()["id"] is None
    assert plain.json()["quotes"] == body["quotes"]


def test_batch(server):
    documents = [{"id": "a", "text": 'He said, "yes."'}, {"id": "b", "text": "Nothing."}]
    response = requests.post(server.url("/v1/attributions/batch"),
                             json={"documents": documents}, timeout=10)
    assert response.status_code == 200
    assert [r["id"] for r in response.json()["results"]] == ["a", "b"]


def test_errors_over_the_wire(server):
    too_big = requests.post(server.url("/v1/attributions"), data=b"x" * (BODY_LIMIT + 1),
                            headers={"Content-Type": "text/plain"}, timeout=10)
    assert too_big.status_code == 413
    assert too_big.headers["Content-Type"] == "application/problem+json"
    assert f"MAX_BODY_BYTES={BODY_LIMIT}" in too_big.json()["detail"]

    def chunks():  # chunked transfer encoding: no Content-Length to check up front
        for _ in range(BODY_LIMIT // 1000 + 2):
            yield b"y" * 1000

    chunked = requests.post(server.url("/v1/attributions"), data=chunks(),
                            headers={"Content-Type": "text/plain"}, timeout=10)
    assert chunked.status_code == 413

    small_chunked = requests.post(server.url("/v1/attributions"), data=iter([b'"Hi," ', b"she said."]),
                                  headers={"Content-Type": "text/plain"}, timeout=10)
    assert small_chunked.status_code == 200
    assert small_chunked.json()["meta"]["characters"] == len('"Hi," she said.')

    assert requests.post(server.url("/v1/attributions"), data=b"{", timeout=10,
                         headers={"Content-Type": "application/json"}).status_code == 400
    assert requests.post(server.url("/v1/attributions"), data=b"x", timeout=10,
                         headers={"Content-Type": "text/html"}).status_code == 415
    assert requests.post(server.url("/v1/attributions"), json={"txt": "x"},
                         timeout=10).status_code == 422
    assert requests.get(server.url("/nowhere"), timeout=10).status_code == 404
    wrong = requests.get(server.url("/v1/attributions"), timeout=10)
    assert wrong.status_code == 405 and "POST" in wrong.headers["Allow"]


def test_operations_and_documentation(server):
    assert requests.get(server.url("/healthz"), timeout=10).json() == {"status": "ok"}
    spec = requests.get(server.url("/openapi.json"), timeout=10).json()
    assert "/v1/attributions" in spec["paths"]
    docs = requests.get(server.url("/docs"), timeout=10)
    assert docs.status_code == 200 and docs.headers["Content-Type"].startswith("text/html")


def _counter(text: str, endpoint: str, status: str) -> float:
    total = 0.0
    for line in text.splitlines():
        if line.startswith("attribution_http_requests_total{") and \
                f'endpoint="{endpoint}"' in line and f'status="{status}"' in line:
            total += float(line.rsplit(" ", 1)[1])
    return total


def _pids_that_answered(server, request_ids: set[str]) -> set[int]:
    return {e["pid"] for e in server.log_entries() if e.get("request_id") in request_ids}


def test_metrics_add_up_across_workers(server):
    before = _counter(requests.get(server.url("/metrics"), timeout=10).text, "/healthz", "200")
    # Send requests on new connections, concurrently, until both workers have answered some
    # (the logs name the worker's pid); at most 200 requests.
    sent, ids = 0, set()
    with ThreadPoolExecutor(max_workers=4) as pool:
        while sent < 200:
            batch = [f"spread-{sent + i}" for i in range(10)]
            statuses = list(pool.map(lambda rid: requests.get(
                server.url("/healthz"), timeout=10,
                headers={"Connection": "close", "X-Request-ID": rid}).status_code, batch))
            assert statuses == [200] * len(batch)
            sent += len(batch)
            ids.update(batch)
            time.sleep(0.2)  # let the log lines land
            if len(_pids_that_answered(server, ids)) >= 2:
                break
    assert len(_pids_that_answered(server, ids)) == 2, "both workers should have answered"
    for _ in range(6):  # whichever worker answers /metrics must report all workers' counts
        metrics = requests.get(server.url("/metrics"), timeout=10,
                               headers={"Connection": "close"})
        assert metrics.status_code == 200
        assert _counter(metrics.text, "/healthz", "200") - before == sent
    metrics_dir = Path(server.env["PROMETHEUS_MULTIPROC_DIR"])
    assert any(re.match(r"counter_\d+\.db", p.name) for p in metrics_dir.iterdir())
    assert "attribution_http_request_duration_seconds_bucket" in metrics.text


def test_one_json_log_line_per_request_without_the_text(server):
    secret = "Private-article-words-c0ffee"
    requests.post(server.url("/v1/attributions"), json={"text": f'"{secret}," she said.'},
                  headers={"X-Request-ID": "integration-77"}, timeout=10)
    deadline = time.monotonic() + 5
    while True:
        mine = [e for e in server.log_entries() if e.get("request_id") == "integration-77"]
        if mine or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert len(mine) == 1
    assert mine[0]["method"] == "POST" and mine[0]["path"] == "/v1/attributions"
    assert mine[0]["status"] == 200 and "duration_ms" in mine[0]
    assert secret not in server.log.read_text(encoding="utf-8", errors="replace")


def test_sigterm_stops_the_server_cleanly(server):
    # Runs last in this module (pytest keeps file order): stop and check the exit.
    server.process.send_signal(signal.SIGTERM)
    assert server.process.wait(timeout=20) == 0
    assert any("Shutting down" in e.get("message", "") for e in server.log_entries())
