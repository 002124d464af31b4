"""Every limit at its default value, over the wire to real gunicorn: a request over a limit is
answered 413 problem+json naming the setting, and the engine is never called for it (the
engine of this server records each call, see spy_app.py); a request at the limit is served.

tests/api covers the same limits in-process with small values; this is the production
configuration end to end, with bodies of megabytes."""
from __future__ import annotations

from pathlib import Path

import pytest
import requests

from service.config import DEFAULTS
from tests.reliability.wire import check_headers, check_problem, dumps
from tests.support.live_server import LiveServer

LIMIT = {name: default for name, (default, _) in DEFAULTS.items()}
HTTP_TIMEOUT = (5, 60)
JSON = {"Content-Type": "application/json"}


class Spied:
    def __init__(self, server: LiveServer, calls: Path):
        self.server, self.calls = server, calls

    def engine_calls(self) -> list[int]:
        if not self.calls.exists():
            return []
        return [int(line) for line in self.calls.read_text().split()]

    def post(self, path: str, **kwargs) -> requests.Response:
        return requests.post(self.server.url(path), timeout=HTTP_TIMEOUT, **kwargs)


@pytest.fixture(scope="module")
def spied(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("spied")
    calls = tmp / "engine-calls"
    server = LiveServer({"ENGINE_CALL_LOG": str(calls), "GUNICORN_MAX_REQUESTS": "0"},
                        app="tests.reliability.spy_app:app", log=tmp / "gunicorn.log")
    with server:
        yield Spied(server, calls)


def over_limit(spied: Spied, response: requests.Response, setting: str) -> None:
    """413, problem+json naming ``setting`` and its value, and no engine call."""
    assert response.status_code == 413, response.text[:300]
    body = check_problem(response)
    assert f"{setting}={LIMIT[setting]}" in body["detail"], body["detail"]
    assert body["type"] == "/docs#problem-limit-exceeded"
    check_headers(response)
    assert spied.engine_calls() == [], "the engine ran on a request over a limit"


def test_body_bytes_with_content_length(spied):
    raw = b"a" * (LIMIT["MAX_BODY_BYTES"] + 1)
    over_limit(spied, spied.post("/v1/attributions", data=raw,
                                 headers={"Content-Type": "text/plain"}), "MAX_BODY_BYTES")
    over_limit(spied, spied.post("/v1/attributions", data=b'{"text": "' + raw + b'"}',
                                 headers=JSON), "MAX_BODY_BYTES")
    over_limit(spied, spied.post("/v1/attributions/batch", data=b'{"documents": [{"text": "'
                                 + raw + b'"}]}', headers=JSON), "MAX_BODY_BYTES")


def test_body_bytes_chunked(spied):
    def chunks():  # no Content-Length: the server learns the size only while reading
        for _ in range(LIMIT["MAX_BODY_BYTES"] // 65536 + 2):
            yield b"b" * 65536

    over_limit(spied, spied.post("/v1/attributions", data=chunks(),
                                 headers={"Content-Type": "text/plain"}), "MAX_BODY_BYTES")


@pytest.mark.parametrize("form", ["json", "text"])
def test_characters_per_text(spied, form):
    text = "\u00e9" * (LIMIT["MAX_TEXT_CHARS"] + 1)  # 2 bytes each: under the byte limit
    if form == "json":
        response = spied.post("/v1/attributions", data=dumps({"text": text}, ascii_only=False),
                              headers=JSON)
    else:
        response = spied.post("/v1/attributions", data=text.encode(),
                              headers={"Content-Type": "text/plain"})
    over_limit(spied, response, "MAX_TEXT_CHARS")
    assert str(LIMIT["MAX_TEXT_CHARS"] + 1) in response.json()["detail"]


def test_characters_per_text_in_a_batch(spied):
    documents = [{"id": "a", "text": "ok"},
                 {"id": "b", "text": "x" * (LIMIT["MAX_TEXT_CHARS"] + 1)}]
    response = spied.post("/v1/attributions/batch", data=dumps({"documents": documents}),
                          headers=JSON)
    over_limit(spied, response, "MAX_TEXT_CHARS")
    assert "documents[1].text" in response.json()["detail"]


def test_documents_per_batch(spied):
    documents = [{"id": str(i), "text": "x"} for i in range(LIMIT["MAX_BATCH_DOCUMENTS"] + 1)]
    over_limit(spied, spied.post("/v1/attributions/batch", data=dumps({"documents": documents}),
                                 headers=JSON), "MAX_BATCH_DOCUMENTS")


def test_documents_per_batch_counted_before_they_are_validated(spied):
    # 150,000 empty objects: far over the count, each invalid; the count is checked first.
    raw = b'{"documents": [' + b",".join([b"{}"] * 150_000) + b"]}"
    over_limit(spied, spied.post("/v1/attributions/batch", data=raw, headers=JSON),
               "MAX_BATCH_DOCUMENTS")


def test_characters_per_batch(spied):
    each = LIMIT["MAX_BATCH_CHARS"] // 3 + 1  # three texts, each under MAX_TEXT_CHARS
    assert each <= LIMIT["MAX_TEXT_CHARS"]
    documents = [{"id": str(i), "text": "y" * each} for i in range(3)]
    response = spied.post("/v1/attributions/batch", data=dumps({"documents": documents}),
                          headers=JSON)
    over_limit(spied, response, "MAX_BATCH_CHARS")
    assert str(3 * each) in response.json()["detail"]


def test_requests_at_every_limit_are_served(spied):
    # Runs last: after it, the engine has been called.
    text = "a" * LIMIT["MAX_TEXT_CHARS"]
    response = spied.post("/v1/attributions", data=text.encode(),
                          headers={"Content-Type": "text/plain"})
    assert response.status_code == 200
    assert response.json()["meta"]["characters"] == LIMIT["MAX_TEXT_CHARS"]
    half = LIMIT["MAX_BATCH_CHARS"] // 2
    documents = [{"id": "a", "text": "b" * half},
                 {"id": "b", "text": "c" * (LIMIT["MAX_BATCH_CHARS"] - half)}]
    response = spied.post("/v1/attributions/batch", data=dumps({"documents": documents}),
                          headers=JSON)
    assert response.status_code == 200
    documents = [{"id": str(i), "text": "z"} for i in range(LIMIT["MAX_BATCH_DOCUMENTS"])]
    response = spied.post("/v1/attributions/batch", data=dumps({"documents": documents}),
                          headers=JSON)
    assert response.status_code == 200
    assert len(response.json()["results"]) == LIMIT["MAX_BATCH_DOCUMENTS"]
    assert sorted(spied.engine_calls()) == sorted(
        [LIMIT["MAX_TEXT_CHARS"], half, LIMIT["MAX_BATCH_CHARS"] - half]
        + [1] * LIMIT["MAX_BATCH_DOCUMENTS"])
