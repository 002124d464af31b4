"""Client pieces that need no server: defaults, batch planning, backoff, error parsing."""
from __future__ import annotations

import json

import pytest
import requests

from service import client as client_module
from service.client import (AttributionClient, PayloadTooLarge, ProblemError, ServerError,
                            ServiceUnavailable, _batch_body)
from service.config import DEFAULTS


def test_batch_defaults_are_the_services_defaults():
    assert client_module.DEFAULT_MAX_BATCH_DOCUMENTS == DEFAULTS["MAX_BATCH_DOCUMENTS"][0]
    assert client_module.DEFAULT_MAX_BATCH_CHARS == DEFAULTS["MAX_BATCH_CHARS"][0]
    assert client_module.DEFAULT_MAX_BODY_BYTES == DEFAULTS["MAX_BODY_BYTES"][0]


@pytest.mark.parametrize("limits", [
    {"max_batch_documents": 4},
    {"max_batch_chars": 100},
    {"max_body_bytes": 400},
    {"max_batch_documents": 3, "max_batch_chars": 90, "max_body_bytes": 300},
])
def test_batches_keep_every_limit_and_every_document_in_order(limits):
    texts = [("“Quote ”" * (i % 7)) + f"doc {i}" for i in range(40)]
    client = AttributionClient(**limits)
    batches = list(client.batches(texts))
    assert [d["text"] for b in batches for d in b] == texts
    assert len(batches) > 1
    for batch in batches:
        assert len(batch) <= client.max_batch_documents
        assert sum(len(d["text"]) for d in batch) <= client.max_batch_chars
        body = _batch_body(batch)
        assert len(body) <= client.max_body_bytes
        assert json.loads(body) == {"documents": batch}


@pytest.mark.parametrize("language", ["en", "a-much-longer-language-code"])
def test_batches_count_the_batch_language_in_the_body_size(language):
    texts = [f"doc {i} " + "x" * (i % 5) for i in range(30)]
    client = AttributionClient(max_body_bytes=200)
    batches = list(client.batches(texts, language))
    assert [d["text"] for b in batches for d in b] == texts
    for batch in batches:
        body = _batch_body(batch, language)
        assert len(body) <= client.max_body_bytes
        assert json.loads(body) == {"documents": batch, "language": language}
    # As full as the limit allows: one more document would have gone over it.
    for batch, following in zip(batches, batches[1:]):
        assert len(_batch_body(batch + following[:1], language)) > client.max_body_bytes
    # The language's bytes are counted: without it, the same texts fit in fewer requests.
    assert len(list(client.batches(texts))) < len(batches)


def test_batches_are_as_full_as_the_limits_allow():
    client = AttributionClient(max_batch_documents=3)
    assert [len(b) for b in client.batches(["a"] * 7)] == [3, 3, 1]
    client = AttributionClient(max_batch_chars=10)
    assert [len(b) for b in client.batches(["abcde"] * 5)] == [2, 2, 1]


def test_a_document_over_a_limit_by_itself_travels_alone():
    client = AttributionClient(max_batch_chars=10)
    batches = list(client.batches(["short", "x" * 50, "tiny"]))
    assert [[d["text"] for d in b] for b in batches] == [["short"], ["x" * 50], ["tiny"]]


def test_documents_need_text_as_str():
    client = AttributionClient()
    with pytest.raises(TypeError):
        list(client.batches([{"id": "a", "text": 5}]))
    with pytest.raises(TypeError):
        client.attribute(b"bytes")


@pytest.mark.parametrize("kwargs", [{"timeout": 0}, {"retries": -1}, {"max_batch_documents": 0},
                                    {"max_body_bytes": 0}])
def test_bad_settings_are_refused(kwargs):
    with pytest.raises(ValueError):
        AttributionClient(**kwargs)


def test_backoff_doubles_honours_retry_after_and_is_capped():
    client = AttributionClient(backoff=0.5, max_backoff=4.0)
    assert [client._delay(n, None) for n in range(5)] == [0.5, 1.0, 2.0, 4.0, 4.0]
    assert client._delay(0, "3") == 3.0
    assert client._delay(0, "100") == 4.0
    assert client._delay(2, "1") == 2.0
    assert client._delay(0, "Wed, 21 Oct 2015 07:28:00 GMT") == 0.5


def _response(status: int, body: bytes, content_type: str) -> requests.Response:
    response = requests.Response()
    response.status_code = status
    response._content = body
    response.headers["Content-Type"] = content_type
    response.reason = "Reason"
    return response


def test_problem_json_fields_are_carried():
    body = {"type": "/docs#problem-limit-exceeded", "title": "Payload Too Large", "status": 413,
            "detail": "too big", "errors": {"text": ["long"]}}
    error = ProblemError.from_response(_response(413, json.dumps(body).encode(),
                                                 "application/problem+json"))
    assert isinstance(error, PayloadTooLarge)
    assert (error.type, error.title, error.status, error.detail, error.errors) == \
        (body["type"], body["title"], 413, "too big", {"text": ["long"]})


def test_a_non_json_error_page_still_gives_a_clear_error():
    error = ProblemError.from_response(_response(502, b"<html>Bad gateway</html>", "text/html"))
    assert isinstance(error, ServerError) and not isinstance(error, ServiceUnavailable)
    assert (error.status, error.title, error.type) == (502, "Reason", "about:blank")
    assert error.detail == "<html>Bad gateway</html>"


class _FlaskSession:
    """Stands in for the client's requests session: answers from the app's test client."""

    def __init__(self, flask_client) -> None:
        self.flask = flask_client

    def request(self, method, url, data=None, timeout=None, headers=None):
        path = url.split("://", 1)[1].split("/", 1)[1]
        answer = self.flask.open("/" + path, method=method, data=data, headers=headers or {})
        return _response(answer.status_code, answer.get_data(), answer.mimetype)


def test_languages_carry_their_names_as_the_service_gives_them():
    from service.app import create_app
    from service.attribution import LANGUAGES
    from service.attribution.engine import LANGUAGE_NAMES
    client = AttributionClient("http://service.test")
    client.session = _FlaskSession(create_app().test_client())
    languages = client.languages()
    assert [language.code for language in languages] == list(LANGUAGES)
    for language in languages:
        assert (language.name, language.native) == LANGUAGE_NAMES[language.code]
    german = next(language for language in languages if language.code == "de")
    assert german == client_module.Language("de", False, "German", "Deutsch")


def test_languages_from_a_service_older_than_the_names_have_none():
    old = client_module.Language.from_dict({"code": "en", "default": True})
    assert old == client_module.Language("en", True) and old.name is None and old.native is None
