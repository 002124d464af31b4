"""The client's ``language=``: sent only when given (single call, batch, per document), what a
real gunicorn answers to it, ``languages()``, and a 422 for an unknown code."""
from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests

from service.client import AttributionClient, Document, Language, ValidationFailed

TEXT = '"We will not back down," the minister said on Monday.'


class _RecordingProxy:
    """Forwards every request to the service and records (method, path, JSON body or None)."""

    def __init__(self, upstream: str) -> None:
        proxy = self
        self.upstream = upstream
        self.requests: list[tuple[str, str, object]] = []

        class Handler(BaseHTTPRequestHandler):
            def _forward(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                proxy.requests.append((self.command, self.path,
                                       json.loads(body) if body else None))
                headers = {k: v for k, v in self.headers.items()
                           if k.lower() in ("content-type", "accept")}
                answer = requests.request(self.command, proxy.upstream + self.path, data=body,
                                          headers=headers, timeout=30)
                self.send_response(answer.status_code)
                self.send_header("Content-Type", answer.headers["Content-Type"])
                self.send_header("Content-Length", str(len(answer.content)))
                self.end_headers()
                self.wfile.write(answer.content)

            do_GET = do_POST = _forward  # noqa: N815 - http.server's naming

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def bodies(self) -> list[object]:
        return [body for _, _, body in self.requests]

    def __enter__(self) -> _RecordingProxy:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture()
def proxy(service_url):
    with _RecordingProxy(service_url) as running:
        yield running


def test_languages_are_the_services(service_url):
    served = requests.get(service_url + "/v1/languages", timeout=10).json()["languages"]
    languages = AttributionClient(service_url).languages()
    assert languages == tuple(Language(item["code"], item["default"], item["name"], item["native"])
                              for item in served)
    assert all(language.name and language.native for language in languages)
    assert [language.code for language in languages if language.default] == ["en"]


def test_language_is_sent_only_when_given(proxy):
    client = AttributionClient(proxy.url)
    default = client.attribute(TEXT, id="a")
    explicit = client.attribute(TEXT, id="a", language="en")
    assert proxy.bodies() == [{"text": TEXT, "id": "a"},
                              {"text": TEXT, "id": "a", "language": "en"}]
    assert default.meta.language == explicit.meta.language == "en"
    assert explicit.raw["meta"]["language"] == "en"
    assert [q.text for q in default.quotes] == [q.text for q in explicit.quotes]


def test_batch_language_and_each_documents_own(proxy):
    client = AttributionClient(proxy.url)
    documents = ["one", Document("two", id="b", language="en"),
                 {"id": "c", "text": "three", "language": "en"}, ("d", "four")]
    results = client.attribute_batch(documents, language="en")
    assert proxy.bodies() == [{"documents": [
        {"text": "one"}, {"text": "two", "id": "b", "language": "en"},
        {"text": "three", "id": "c", "language": "en"}, {"text": "four", "id": "d"}],
        "language": "en"}]
    assert [r.meta.language for r in results] == ["en"] * 4
    client.attribute_batch(["five"])
    assert proxy.bodies()[-1] == {"documents": [{"text": "five"}]}


def test_unknown_language_raises_422_with_the_field_and_the_available(service_url):
    client = AttributionClient(service_url)
    available = ", ".join(language.code for language in client.languages())
    message = [f"Unknown language 'xx'; available: {available}."]
    with pytest.raises(ValidationFailed) as single:
        client.attribute(TEXT, language="xx")
    assert single.value.status == 422 and single.value.errors == {"language": message}
    with pytest.raises(ValidationFailed) as batch:
        client.attribute_batch([TEXT], language="xx")
    assert batch.value.errors == {"language": message}
    with pytest.raises(ValidationFailed) as document:
        client.attribute_batch([TEXT, Document(TEXT, language="xx")])
    assert document.value.errors == {"documents": {"1": {"language": message}}}


def test_language_must_be_a_str():
    client = AttributionClient("http://127.0.0.1:9")  # never reached
    with pytest.raises(TypeError):
        client.attribute(TEXT, language=5)
    with pytest.raises(TypeError):
        list(client.batches([Document(TEXT, language=b"en")]))
    with pytest.raises(TypeError):
        list(client.batches([TEXT], language=["en"]))
