"""Every error kind: status, problem+json shape, a detail that helps, and no engine work."""
from __future__ import annotations

import json
from io import BytesIO

import pytest

import service.api

PROBLEM_KEYS = {"type", "title", "status", "detail"}


def problem(response, status: int) -> dict:
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    body = json.loads(response.get_data(as_text=True))
    assert PROBLEM_KEYS <= set(body) <= PROBLEM_KEYS | {"errors"}
    assert body["status"] == status
    assert body["detail"] and body["title"] and body["type"]
    return body


def post_json_bytes(client, path, raw: bytes, content_type="application/json"):
    return client.post(path, data=raw, content_type=content_type)


# --- 400: the body cannot be read -------------------------------------------------------------

@pytest.mark.parametrize("raw", [b"", b"   ", b'{"text": "unterminated', b"{'text': 1}", b"nul",
                                 b'{"text": "a"} trailing', b"[" * 100_000 + b"]" * 100_000,
                                 b'{"text": "x", "n": ' + b"9" * 5000 + b"}"])
def test_unreadable_json_is_400(client, engine_spy, check_against_spec, raw):
    response = post_json_bytes(client, "/v1/attributions", raw)
    body = problem(response, 400)
    assert body["type"] == "/docs#problem-invalid-body"
    check_against_spec(response, "/v1/attributions")
    assert engine_spy.texts == []


def test_invalid_json_detail_says_where(client):
    body = problem(post_json_bytes(client, "/v1/attributions", b'{"text": "a",\n "id": }'), 400)
    assert "JSON" in body["detail"] and "line 2" in body["detail"]


@pytest.mark.parametrize("path,content_type,raw", [
    ("/v1/attributions", "application/json", b'{"text": "caf\xe9"}'),
    ("/v1/attributions", "text/plain", b"caf\xe9 \xff\xfe"),
    ("/v1/attributions", "text/plain", "😀".encode("utf-8")[:3]),  # truncated sequence
    ("/v1/attributions/batch", "application/json", b'{"documents": [{"text": "\xc3("}]}'),
])
def test_invalid_utf8_is_400(client, engine_spy, path, content_type, raw):
    body = problem(post_json_bytes(client, path, raw, content_type), 400)
    assert "UTF-8" in body["detail"]
    assert engine_spy.texts == []


# --- 413: over a limit, before any engine work ------------------------------------------------

def test_body_over_max_body_bytes_is_413(small_client, engine_spy, check_against_spec):
    raw = json.dumps({"text": "a" * 2500}).encode()
    response = post_json_bytes(small_client, "/v1/attributions", raw)
    body = problem(response, 413)
    assert "MAX_BODY_BYTES=2000" in body["detail"]
    assert body["type"] == "/docs#problem-limit-exceeded"
    check_against_spec(response, "/v1/attributions")
    assert engine_spy.texts == []


def test_text_plain_body_over_max_body_bytes_is_413(small_client, engine_spy):
    response = small_client.post("/v1/attributions", data=b"x" * 2001, content_type="text/plain")
    assert "MAX_BODY_BYTES" in problem(response, 413)["detail"]
    assert engine_spy.texts == []


def test_chunked_body_is_still_limited(small_client, engine_spy):
    # A streamed body with no Content-Length must not get past the byte limit. gunicorn marks
    # such bodies as terminated (wsgi.input_terminated); the test client is told the same.
    response = small_client.post("/v1/attributions", input_stream=BytesIO(b"x" * 5000),
                                 content_type="text/plain",
                                 headers={"Transfer-Encoding": "chunked"},
                                 environ_overrides={"wsgi.input_terminated": True})
    assert "MAX_BODY_BYTES" in problem(response, 413)["detail"]
    assert engine_spy.texts == []


@pytest.mark.parametrize("size", [2001, 2002, 10_000])
def test_chunked_body_just_over_the_limit_is_413_not_cut(small_client, engine_spy, size):
    response = small_client.post("/v1/attributions", input_stream=BytesIO(b"x" * size),
                                 content_type="text/plain",
                                 headers={"Transfer-Encoding": "chunked"},
                                 environ_overrides={"wsgi.input_terminated": True})
    assert "MAX_BODY_BYTES" in problem(response, 413)["detail"]
    assert engine_spy.texts == []


def test_chunked_body_at_the_limit_is_read_whole(small_client):
    body = b"x" * 2000
    response = small_client.post("/v1/attributions", input_stream=BytesIO(body),
                                 content_type="text/plain",
                                 headers={"Transfer-Encoding": "chunked"},
                                 environ_overrides={"wsgi.input_terminated": True})
    detail = problem(response, 413)["detail"]
    assert "MAX_TEXT_CHARS=100" in detail and "2000 characters" in detail  # all bytes were read


def test_chunked_body_under_the_limit_is_read_whole(small_client):
    response = small_client.post("/v1/attributions", input_stream=BytesIO("é".encode() * 50),
                                 content_type="text/plain",
                                 headers={"Transfer-Encoding": "chunked"},
                                 environ_overrides={"wsgi.input_terminated": True})
    assert response.status_code == 200
    assert response.get_json()["meta"]["characters"] == 50


def test_body_of_unknown_length_is_400_not_read_as_empty(client, engine_spy):
    # A server that cannot delimit the body must not process it as an empty text.
    response = client.post("/v1/attributions", input_stream=BytesIO(b"some text"),
                           content_type="text/plain", headers={"Transfer-Encoding": "chunked"})
    assert "Content-Length" in problem(response, 400)["detail"]
    assert engine_spy.texts == []


@pytest.mark.parametrize("form", ["json", "text"])
def test_text_over_max_text_chars_is_413(small_client, engine_spy, form):
    text = "é" * 101  # 101 characters, 202 bytes: under the body limit, over the text limit
    if form == "json":
        response = small_client.post("/v1/attributions", json={"text": text})
    else:
        response = small_client.post("/v1/attributions", data=text.encode(),
                                     content_type="text/plain")
    body = problem(response, 413)
    assert "MAX_TEXT_CHARS=100" in body["detail"] and "101" in body["detail"]
    assert engine_spy.texts == []


def test_text_at_max_text_chars_is_accepted(small_client):
    assert small_client.post("/v1/attributions", json={"text": "é" * 100}).status_code == 200


def test_batch_over_max_batch_documents_is_413(small_client, engine_spy, check_against_spec):
    documents = [{"id": str(i), "text": "x"} for i in range(4)]
    response = small_client.post("/v1/attributions/batch", json={"documents": documents})
    body = problem(response, 413)
    assert "MAX_BATCH_DOCUMENTS=3" in body["detail"] and "4" in body["detail"]
    check_against_spec(response, "/v1/attributions/batch")
    assert engine_spy.texts == []


def test_batch_document_over_max_text_chars_is_413(small_client, engine_spy):
    documents = [{"id": "a", "text": "x"}, {"id": "b", "text": "y" * 101}]
    body = problem(small_client.post("/v1/attributions/batch", json={"documents": documents}),
                   413)
    assert "documents[1].text" in body["detail"] and "MAX_TEXT_CHARS=100" in body["detail"]
    assert engine_spy.texts == []


def test_batch_over_max_batch_chars_is_413(small_client, engine_spy):
    documents = [{"id": str(i), "text": "z" * 60} for i in range(3)]  # 180 > 150, each <= 100
    body = problem(small_client.post("/v1/attributions/batch", json={"documents": documents}),
                   413)
    assert "MAX_BATCH_CHARS=150" in body["detail"] and "180" in body["detail"]
    assert engine_spy.texts == []


def test_default_limits_are_enforced_too(client, app, engine_spy):
    limit = app.config["SETTINGS"].MAX_TEXT_CHARS
    response = client.post("/v1/attributions", data=b"a" * (limit + 1), content_type="text/plain")
    assert f"MAX_TEXT_CHARS={limit}" in problem(response, 413)["detail"]
    assert engine_spy.texts == []


# --- 415: other media types -------------------------------------------------------------------

@pytest.mark.parametrize("path,content_type", [
    ("/v1/attributions", None),
    ("/v1/attributions", "text/html"),
    ("/v1/attributions", "application/x-www-form-urlencoded"),
    ("/v1/attributions", "multipart/form-data; boundary=x"),
    ("/v1/attributions", "text/plain; charset=latin-1"),
    ("/v1/attributions", "application/json; charset=utf-16"),
    ("/v1/attributions/batch", "text/plain"),
])
def test_other_media_types_are_415(client, engine_spy, check_against_spec, path, content_type):
    headers = {"Content-Type": content_type} if content_type else {}
    response = client.post(path, data=b'{"text": "x"}', headers=headers)
    body = problem(response, 415)
    assert body["type"] == "/docs#problem-unsupported-media-type"
    check_against_spec(response, path)
    assert engine_spy.texts == []


def test_json_with_utf8_charset_parameter_is_accepted(client):
    response = client.post("/v1/attributions", data=b'{"text": "x"}',
                           content_type="application/json; charset=UTF-8")
    assert response.status_code == 200


# --- 422: field errors keyed by field ---------------------------------------------------------

@pytest.mark.parametrize("payload,field", [
    ({}, "text"),
    ({"text": None}, "text"),
    ({"text": 42}, "text"),
    ({"text": ["a"]}, "text"),
    ({"text": "x", "id": 7}, "id"),
    ({"text": "x", "id": ""}, "id"),
    ({"text": "x", "id": "i" * 257}, "id"),
    ({"text": "x", "title": "unknown fields are not ignored"}, "title"),
    (["text"], "_schema"),
    ("just a string", "_schema"),
])
def test_invalid_fields_are_422_keyed_by_field(client, engine_spy, check_against_spec, payload,
                                               field):
    response = client.post("/v1/attributions", json=payload)
    body = problem(response, 422)
    assert body["type"] == "/docs#problem-validation-failed"
    assert field in body["errors"] and all(isinstance(m, str) for m in body["errors"][field])
    check_against_spec(response, "/v1/attributions")
    assert engine_spy.texts == []


@pytest.mark.parametrize("payload,path", [
    ({}, ["documents"]),
    ({"documents": "x"}, ["documents"]),
    ({"documents": [{"text": "ok"}, {"id": "b"}]}, ["documents", "1", "text"]),
    ({"documents": [{"text": "ok", "extra": 1}]}, ["documents", "0", "extra"]),
    ({"documents": [], "more": True}, ["more"]),
])
def test_invalid_batch_fields_are_422_keyed_by_field(client, engine_spy, check_against_spec,
                                                     payload, path):
    response = client.post("/v1/attributions/batch", json=payload)
    errors = problem(response, 422)["errors"]
    for key in path:
        errors = errors[key]
    assert isinstance(errors, list) and errors
    check_against_spec(response, "/v1/attributions/batch")
    assert engine_spy.texts == []


# --- 404, 405 ---------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/v1", "/v1/attributions/", "/v2/attributions",
                                  "/v1/attributions/batch/x"])
def test_unknown_paths_are_404(client, path):
    body = problem(client.post(path, json={"text": "x"}), 404)
    assert body["type"] == "about:blank"


@pytest.mark.parametrize("method,path,allowed", [
    ("get", "/v1/attributions", "POST"),
    ("put", "/v1/attributions/batch", "POST"),
    ("delete", "/healthz", "GET"),
    ("post", "/metrics", "GET"),
    ("post", "/openapi.json", "GET"),
    ("post", "/", "GET"),  # the editor's page
])
def test_wrong_methods_are_405_with_allow(client, check_against_spec, method, path, allowed):
    response = getattr(client, method)(path)
    problem(response, 405)
    assert allowed in response.headers["Allow"]
    check_against_spec(response, path, "post" if allowed == "POST" else "get")


# --- 500: generic, never internals ------------------------------------------------------------

SECRET = "engine-internals-7f3a"


def _broken_engine(text: str, language: str = "en"):
    raise RuntimeError(f"{SECRET}: failed on {text!r}")


def test_engine_failure_is_a_generic_500(client, monkeypatch, capsys, check_against_spec):
    monkeypatch.setattr(service.api, "attribute", _broken_engine)
    text = "Article text that must stay private."
    response = client.post("/v1/attributions", json={"text": text})
    body = problem(response, 500)
    raw = response.get_data(as_text=True)
    assert SECRET not in raw and "Traceback" not in raw and "RuntimeError" not in raw
    check_against_spec(response, "/v1/attributions")
    logs = capsys.readouterr().out
    assert "RuntimeError" in logs  # the failure is logged for operators ...
    assert text not in logs and SECRET not in logs  # ... without the text or the message
    assert body["type"] == "about:blank"


def test_500_still_has_security_headers_and_request_id(client, monkeypatch):
    monkeypatch.setattr(service.api, "attribute", _broken_engine)
    response = client.post("/v1/attributions", json={"text": "x"},
                           headers={"X-Request-ID": "abc-123"})
    assert response.status_code == 500
    assert response.headers["X-Request-ID"] == "abc-123"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
