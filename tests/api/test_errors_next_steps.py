"""Errors a newcomer meets, each saying what was expected and what to do next (issue 17):
empty or whitespace-only text, JSON of the wrong kind, binary files sent as text, and limits."""
from __future__ import annotations

import json
import re

import pytest

from schemas.requests import NOTHING_TO_ANALYSE

def problem(response, status: int) -> dict:
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    body = json.loads(response.get_data(as_text=True))
    assert body["status"] == status and body["title"] and body["type"] and body["detail"]
    return body


BLANKS = ["", " ", "\n\n", " \t\r\n ", "\u00a0\u2003\u3000"]  # the last: Unicode spaces


# --- empty or whitespace-only text: 422, the same in every form -------------------------------

@pytest.mark.parametrize("text", BLANKS)
def test_blank_json_text_is_422_nothing_to_analyse(client, engine_spy, check_against_spec, text):
    response = client.post("/v1/attributions", json={"text": text, "id": "d1"})
    body = problem(response, 422)
    assert body["type"] == "/docs#problem-validation-failed"
    assert body["errors"] == {"text": [NOTHING_TO_ANALYSE]}
    assert body["detail"] == NOTHING_TO_ANALYSE
    check_against_spec(response, "/v1/attributions")
    assert engine_spy.texts == []


@pytest.mark.parametrize("text", BLANKS)
def test_blank_text_plain_body_is_the_same_422(client, engine_spy, text):
    # An empty body is what `curl --data-binary @missing.txt` sends: it must not look like an
    # article without statements.
    response = client.post("/v1/attributions", data=text.encode("utf-8"),
                           content_type="text/plain")
    body = problem(response, 422)
    json_form = problem(client.post("/v1/attributions", json={"text": text}), 422)
    assert (body["type"], body["title"], body["detail"], body["errors"]) == (
        json_form["type"], json_form["title"], json_form["detail"], json_form["errors"])
    assert engine_spy.texts == []


def test_blank_batch_document_is_422_at_its_index(client, engine_spy, check_against_spec):
    documents = [{"id": "a", "text": "The council met."}, {"id": "b", "text": "  \n"}]
    response = client.post("/v1/attributions/batch", json={"documents": documents})
    body = problem(response, 422)
    assert body["errors"] == {"documents": {"1": {"text": [NOTHING_TO_ANALYSE]}}}
    check_against_spec(response, "/v1/attributions/batch")
    assert engine_spy.texts == []  # nothing of the batch is processed


def test_text_with_one_visible_character_is_analysed(client):
    response = client.post("/v1/attributions", data=" \n x \n".encode(), content_type="text/plain")
    assert response.status_code == 200
    assert response.get_json()["meta"]["characters"] == 6


@pytest.mark.parametrize("text", ["\u001f", "\x85", "\u001c\u001d"])
def test_a_text_the_schema_accepts_is_analysed(client, check_against_spec, text):
    # Python's \s takes the separators U+001C-U+001F and U+0085; JSON Schema's regular expressions
    # do not: such a text is valid by the published schema and must get 200, not 422.
    response = client.post("/v1/attributions", json={"text": text})
    assert response.status_code == 200, response.get_json()
    check_against_spec(response, "/v1/attributions")
    plain = client.post("/v1/attributions", data=text.encode("utf-8"), content_type="text/plain")
    assert plain.status_code == 200


def test_openapi_says_text_must_not_be_blank(client):
    spec = client.get("/openapi.json").get_json()
    text = spec["components"]["schemas"]["AttributionRequest"]["properties"]["text"]
    plain = spec["paths"]["/v1/attributions"]["post"]["requestBody"]["content"]["text/plain"]
    for schema in (text, plain["schema"]):
        pattern = re.compile(schema["pattern"])
        assert pattern.search("a") and not any(pattern.search(b) for b in BLANKS)


# --- JSON that is not an object: say what was expected ----------------------------------------

@pytest.mark.parametrize("payload,kind", [(["text"], "an array"), ("just a string", "a string"),
                                          (42, "a number"), (None, "null"), (True, "true or false")])
def test_json_of_another_kind_says_an_object_with_text_was_expected(client, engine_spy, payload,
                                                                    kind):
    response = client.post("/v1/attributions", data=json.dumps(payload),
                           content_type="application/json")
    body = problem(response, 422)
    assert 'a JSON object with a "text" field' in body["detail"]
    assert body["detail"].endswith(f"the body is {kind}.")
    assert body["errors"] == {"_schema": [body["detail"]]}
    assert "Invalid input type" not in response.get_data(as_text=True)
    assert engine_spy.texts == []


def test_batch_of_another_kind_says_documents_were_expected(client, engine_spy):
    body = problem(client.post("/v1/attributions/batch", json=[{"text": "x"}]), 422)
    assert 'a JSON object with a "documents" list' in body["detail"]
    assert "the body is an array" in body["detail"]


def test_batch_entry_that_is_not_an_object_says_what_was_expected(client, engine_spy):
    body = problem(client.post("/v1/attributions/batch",
                               json={"documents": [{"text": "x"}, "just text"]}), 422)
    (message,) = body["errors"]["documents"]["1"]["_schema"]
    assert 'Expected a JSON object with a "text" field' in message
    assert engine_spy.texts == []


# --- binary files sent as text: recognised, with the next step --------------------------------

# Leading bytes of each format as the format's specification gives them, then some bytes that
# are not UTF-8 (as real files have early on).
BINARY = [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF document"),
    (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xdf\xa4", "Word .docx"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00\x00\x00", "Word .doc"),
    (b"{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times;}}", "an RTF document"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "a JPEG image"),
    (b"GIF89a\x01\x00\x01\x00\x80\x00", "a GIF image"),
    (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", "gzip"),
]


@pytest.mark.parametrize("content_type", ["text/plain", "application/json"])
@pytest.mark.parametrize("raw,named", BINARY)
def test_binary_files_are_recognised_and_the_text_asked_for(client, engine_spy, raw, named,
                                                            content_type):
    body = problem(client.post("/v1/attributions", data=raw, content_type=content_type), 400)
    assert named in body["detail"]
    assert "Extract the article's text" in body["detail"] and "UTF-8" in body["detail"]
    assert engine_spy.texts == []


@pytest.mark.parametrize("bom", [b"\xff\xfe", b"\xfe\xff"])
def test_utf16_text_is_asked_for_as_utf8(client, engine_spy, bom):
    encoding = "utf-16-le" if bom == b"\xff\xfe" else "utf-16-be"
    raw = bom + '"We will not back down," the minister said.'.encode(encoding)
    body = problem(client.post("/v1/attributions", data=raw, content_type="text/plain"), 400)
    assert "UTF-16" in body["detail"] and "UTF-8" in body["detail"]


def test_windows_1252_text_gets_the_byte_and_a_way_to_convert(client, engine_spy):
    raw = "Café “open” again, the mayor said.".encode("cp1252")
    body = problem(client.post("/v1/attributions", data=raw, content_type="text/plain"), 400)
    assert "0xe9 at offset 3" in body["detail"]
    assert "Windows-1252" in body["detail"] and "iconv" in body["detail"]


def test_text_that_merely_mentions_a_format_is_analysed(client):
    for text in ["PDF files were leaked, she said.", " %PDF-1.7 is a header", "PK is a team."]:
        assert client.post("/v1/attributions", data=text.encode(),
                           content_type="text/plain").status_code == 200


# --- 413: what the caller can do ---------------------------------------------------------------

def test_body_limit_says_how_to_send_less(small_client, engine_spy):
    body = problem(small_client.post("/v1/attributions", data=b"a" * 2500,
                                     content_type="text/plain"), 413)
    assert "MAX_BODY_BYTES=2000 bytes" in body["detail"]
    assert "split" in body["detail"] and "/v1/attributions/batch" in body["detail"]
    assert "operator to raise MAX_BODY_BYTES" in body["detail"]


def test_body_limit_on_a_batch_says_to_send_fewer_documents(small_client, engine_spy):
    documents = [{"id": str(i), "text": "x" * 90} for i in range(30)]
    body = problem(small_client.post("/v1/attributions/batch", json={"documents": documents}),
                   413)
    assert "MAX_BODY_BYTES=2000 bytes" in body["detail"]
    assert "fewer or shorter documents per request" in body["detail"]
    assert "attribute_batch" in body["detail"]


@pytest.mark.parametrize("path,payload,setting,advice", [
    ("/v1/attributions", {"text": "y" * 101}, "MAX_TEXT_CHARS",
     "parts of at most 100 characters"),
    ("/v1/attributions/batch", {"documents": [{"text": "x"}] * 4}, "MAX_BATCH_DOCUMENTS",
     "at most 3 documents per request"),
    ("/v1/attributions/batch", {"documents": [{"text": "z" * 60}] * 3}, "MAX_BATCH_CHARS",
     "at most 150 characters in all"),
])
def test_every_limit_names_a_next_step(small_client, engine_spy, path, payload, setting, advice):
    body = problem(small_client.post(path, json=payload), 413)
    assert advice in body["detail"]
    assert f"operator to raise {setting}" in body["detail"]
