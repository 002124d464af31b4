"""The Python client against a real gunicorn on loopback: success, each error kind, retries."""
from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests

from service.client import (AttributionClient, BadRequest, Document, PayloadTooLarge,
                            ProblemError, ServiceUnavailable, TransportError, ValidationFailed)
from tests.support.contract import check_result

pytestmark = pytest.mark.slow   # real servers and retries with back-off (tests/conftest.py)

QUOTED = "We will not back down"
TEXT = f'"{QUOTED}," the minister said on Monday. Talks resume next week.'


def test_attribute_returns_typed_result_matching_the_wire(service_url):
    with AttributionClient(service_url) as client:
        result = client.attribute(TEXT, id="doc-1")
    assert result.id == "doc-1"
    check_result(TEXT, result)
    assert any(QUOTED in q.text for q in result.quotes), "the quoted sentence is a statement"
    # The typed view says what the JSON says.
    raw = result.raw
    assert [q.id for q in result.quotes] == [q["id"] for q in raw["quotes"]]
    assert [q.type for q in result.quotes] == [q["type"] for q in raw["quotes"]]
    assert [(q.span.start, q.span.end) for q in result.quotes] == \
        [(q["span"]["start"], q["span"]["end"]) for q in raw["quotes"]]
    assert result.meta.engine == raw["meta"]["engine"]
    # And the JSON is what the service answers to a plain request.
    direct = requests.post(service_url + "/v1/attributions", json={"text": TEXT, "id": "doc-1"},
                           timeout=10).json()
    for body in (direct, dict(raw)):
        body["meta"].pop("elapsed_ms")
    assert dict(raw) == direct


def test_attribute_without_id_gets_null_id(service_url):
    result = AttributionClient(service_url).attribute("No quotation here.")
    assert result.id is None
    assert result.meta.characters == len("No quotation here.")


def test_non_ascii_text_keeps_code_point_offsets(service_url):
    text = "Zelenskyy’s office — „Wir bleiben“, sagte er. “Nous restons,” dit-il. 🇺🇦"
    result = AttributionClient(service_url).attribute(text)
    check_result(text, result)


def test_batch_results_in_input_order_with_every_document_form(service_url):
    docs = ["First text.", Document('"Second," she said.', id="b"), {"id": "c", "text": "Third."},
            ("d", '"Fourth," he said.')]
    results = AttributionClient(service_url).attribute_batch(docs)
    assert [r.id for r in results] == [None, "b", "c", "d"]
    texts = ["First text.", '"Second," she said.', "Third.", '"Fourth," he said.']
    for text, result in zip(texts, results):
        check_result(text, result)


def test_batch_is_split_within_the_service_limits(small_service_url):
    # 10 documents of 60 characters: the service takes at most 3 documents and 150 characters.
    docs = [(f"d{i}", f'"Statement number {i:02d} is here," the official said today.'.ljust(60))
            for i in range(10)]
    assert all(len(text) == 60 for _, text in docs)
    client = AttributionClient(small_service_url, max_batch_documents=3, max_batch_chars=150,
                               max_body_bytes=2000)
    batches = list(client.batches(docs))
    assert len(batches) > 1
    assert all(len(b) <= 3 and sum(len(d["text"]) for d in b) <= 150 for b in batches)
    results = client.attribute_batch(docs)
    assert [r.id for r in results] == [d for d, _ in docs]
    for (_, text), result in zip(docs, results):
        check_result(text, result)


def test_batch_over_the_service_limit_raises_413(small_service_url):
    client = AttributionClient(small_service_url)  # default limits, far above the service's
    with pytest.raises(PayloadTooLarge) as caught:
        client.attribute_batch([f"Text {i}." for i in range(10)])
    assert caught.value.status == 413


def _assert_problem_fields(error: ProblemError, status: int) -> None:
    body = error.response.json()
    assert error.response.headers["Content-Type"].startswith("application/problem+json")
    assert error.status == status == body["status"]
    assert (error.type, error.title, error.detail) == (body["type"], body["title"],
                                                       body["detail"])
    assert error.errors == body.get("errors")
    assert str(status) in str(error) and error.title in str(error)


def test_text_over_the_limit_raises_413_with_problem_fields(small_service_url):
    with pytest.raises(PayloadTooLarge) as caught:
        AttributionClient(small_service_url).attribute("x" * 101)
    _assert_problem_fields(caught.value, 413)


def test_body_over_the_byte_limit_raises_413(small_service_url):
    client = AttributionClient(small_service_url, max_batch_documents=100,
                               max_batch_chars=10**6, max_body_bytes=10**6)
    with pytest.raises(PayloadTooLarge) as caught:
        client.attribute_batch(["y" * 90] * 30)  # about 3,000 bytes in one request
    _assert_problem_fields(caught.value, 413)


def test_invalid_id_raises_422_with_field_errors(service_url):
    with pytest.raises(ValidationFailed) as caught:
        AttributionClient(service_url).attribute("Some text.", id="x" * 1000)
    _assert_problem_fields(caught.value, 422)
    assert "id" in caught.value.errors


def test_unknown_path_raises_404_problem(service_url):
    with pytest.raises(ProblemError) as caught:
        AttributionClient(service_url + "/no-such-prefix").attribute("Some text.")
    assert not isinstance(caught.value, (BadRequest, PayloadTooLarge, ValidationFailed))
    _assert_problem_fields(caught.value, 404)


class _Sleeps(list):
    """Records each backoff instead of sleeping it (or sleeps it too, when ``real``)."""

    def __init__(self, real: bool = False) -> None:
        super().__init__()
        self.real = real
        self.first = threading.Event()

    def __call__(self, seconds: float) -> None:
        self.append(seconds)
        self.first.set()
        if self.real:
            threading.Event().wait(seconds)


def test_connection_refused_is_retried_then_raises(unused_port):
    sleeps = _Sleeps()
    client = AttributionClient(f"http://127.0.0.1:{unused_port}", retries=3, backoff=0.1,
                               max_backoff=0.3, sleep=sleeps)
    with pytest.raises(TransportError) as caught:
        client.attribute("Anyone there?")
    assert sleeps == [0.1, 0.2, 0.3]  # doubling, capped at max_backoff
    assert "4 attempts" in str(caught.value)


def test_server_that_starts_late_is_reached_by_retrying(gunicorn_factory, unused_port):
    """The first connection fails for certain: the server is started only after it has."""
    server = gunicorn_factory(port=unused_port)
    sleeps = _Sleeps(real=True)
    client = AttributionClient(server.base, retries=200, backoff=0.05, max_backoff=0.2,
                               sleep=sleeps)
    outcome: dict[str, object] = {}

    def call() -> None:
        try:
            outcome["result"] = client.attribute(TEXT, id="late")
        except Exception as exc:  # reported by the assertions below
            outcome["error"] = exc

    caller = threading.Thread(target=call)
    caller.start()
    assert sleeps.first.wait(30), "the client never retried"
    server.launch()
    caller.join(90)
    assert not caller.is_alive()
    assert "error" not in outcome, outcome.get("error")
    assert outcome["result"].id == "late"
    assert len(sleeps) >= 1


class _FlakyProxy:
    """Answers the first ``failures`` POSTs with 503 problem+json, forwards the rest upstream."""

    def __init__(self, upstream: str, failures: int) -> None:
        proxy = self
        self.upstream, self.failures, self.posts = upstream, failures, 0

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                proxy.posts += 1
                if proxy.posts <= proxy.failures:
                    payload = json.dumps({"type": "about:blank", "title": "Service Unavailable",
                                          "status": 503, "detail": "warming up"}).encode()
                    self._reply(503, "application/problem+json", payload, {"Retry-After": "0"})
                    return
                answer = requests.post(proxy.upstream + self.path, data=body, timeout=10,
                                       headers={"Content-Type": self.headers["Content-Type"]})
                self._reply(answer.status_code, answer.headers["Content-Type"], answer.content)

            def _reply(self, status, content_type, payload, headers=None) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(payload)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> _FlakyProxy:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_503_is_retried_then_succeeds(service_url):
    sleeps = _Sleeps()
    with _FlakyProxy(service_url, failures=1) as proxy:
        result = AttributionClient(proxy.url, retries=2, backoff=0.25, sleep=sleeps) \
            .attribute(TEXT, id="after-503")
    assert proxy.posts == 2
    assert sleeps == [0.25]
    assert result.id == "after-503"
    check_result(TEXT, result)


def test_503_after_every_retry_raises_service_unavailable(service_url):
    sleeps = _Sleeps()
    with _FlakyProxy(service_url, failures=10) as proxy:
        with pytest.raises(ServiceUnavailable) as caught:
            AttributionClient(proxy.url, retries=2, backoff=0.01, sleep=sleeps).attribute(TEXT)
    assert proxy.posts == 3
    assert len(sleeps) == 2
    assert (caught.value.status, caught.value.title, caught.value.detail) == \
        (503, "Service Unavailable", "warming up")
