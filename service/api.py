"""The v1 attribution endpoints: parse and check the request, call the engine, serialize.

Every check (media type, body size, UTF-8, JSON, schema, limits) runs before any engine work;
the engine is only ever called on requests that passed all of them.
"""
from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, Response, current_app, g, request
from marshmallow import Schema, ValidationError
from werkzeug.exceptions import RequestEntityTooLarge

from schemas import (DEFAULT_LANGUAGE, AttributionRequestSchema, AttributionResponseSchema,
                     BatchRequestSchema, BatchResponseSchema, LanguageQuerySchema,
                     LanguagesResponseSchema, RulesQuerySchema, RulesResponseSchema, dump_result)
from schemas.requests import NOT_BLANK_PATTERN, NOTHING_TO_ANALYSE, is_blank

from .attribution import ENGINE_VERSION, LANGUAGES, attribute
from .attribution.engine import LANGUAGE_NAMES
from .attribution.packs import REGISTRIES
from .attribution.rules import REGISTRY, RULES_MEASURED_ON
from .deadline import deadline
from .errors import ApiError, limit_detail
from .metrics import observe_result
from .openapi import operation

bp = Blueprint("attributions", __name__)

JSON_MEDIA_TYPE = "application/json"
TEXT_MEDIA_TYPE = "text/plain"

_single_request = AttributionRequestSchema()
_batch_request = BatchRequestSchema()
_language_query = LanguageQuerySchema()
_rules_query = RulesQuerySchema()
_rules_response = RulesResponseSchema()
_languages_response = LanguagesResponseSchema()

_TEXT_BODY = {"type": "string", "pattern": NOT_BLANK_PATTERN,
              "description": "The article text itself, UTF-8, not empty or only whitespace "
              "(422). The response's id is null.", "example": 'Talks will resume on Monday, "and not a day later," '
              'the minister said.'}


@bp.get("/v1/rules")
@operation(
    summary="The engine's attribution rules and their measured precision",
    description="Every rule the engine can name in a statement's `rule` for one language "
                "(`?language=`, default `en`), with an example of the form it reads and its "
                "precision on the corpus named by `measured_on` (for English, the PolNeAR "
                "training split), which is the `confidence` of the statements it makes. A code "
                "the engine has no data for is answered 422 (see `GET /v1/languages`).",
    tag="attributions",
    query=RulesQuerySchema,
    responses={200: ("The rules, in registry order (the order they are tried and settle conflicts).", JSON_MEDIA_TYPE,
                     RulesResponseSchema)},
    errors=(422,))
def rules() -> Response:
    language = _load(_rules_query, request.args.to_dict()).get("language", DEFAULT_LANGUAGE)
    if language in REGISTRIES:
        registry = REGISTRIES[language]
        measured_on, listed = registry.measured_on, registry.rules
    else:  # English: the clause grammar's registry
        measured_on, listed = RULES_MEASURED_ON, REGISTRY
    body = {"engine": ENGINE_VERSION, "language": language, "measured_on": measured_on,
            "rules": list(listed)}
    return _respond(_rules_response, body)


@bp.get("/v1/languages")
@operation(
    summary="The languages a request may name",
    description="Every code accepted as `language` by `POST /v1/attributions` (in the JSON "
                "body or the query), `POST /v1/attributions/batch` (for the batch or one "
                "document) and `GET /v1/rules`; any other code is answered 422. `default` marks "
                "the language of a request that names none; `name` and `native` are its name in "
                "English and in itself.",
    tag="attributions",
    responses={200: ("The available languages.", JSON_MEDIA_TYPE, LanguagesResponseSchema)})
def languages() -> Response:
    body = {"languages": [{"code": code, "default": code == DEFAULT_LANGUAGE,
                           "name": LANGUAGE_NAMES[code][0], "native": LANGUAGE_NAMES[code][1]}
                          for code in LANGUAGES]}
    return _respond(_languages_response, body)


@bp.post("/v1/attributions")
@operation(
    summary="Attribute the statements of one article",
    description="Send the text as JSON (`{\"text\": ..., \"id\": ..., \"language\": ...}`) "
                "or as a `text/plain` UTF-8 body (its language in the query: "
                "`?language=en`). The response lists every attributed statement (`quotes`, "
                "ordered by `span.start`) and every speaker. A missing `id` (and every "
                "text/plain request) gives `\"id\": null`. The language is the body's "
                "`language`, else the query's, else `en`; `meta.language` says which was used. "
                "A code the engine has no data for is answered 422 (see `GET /v1/languages`).",
    tag="attributions",
    query=LanguageQuerySchema,
    request={JSON_MEDIA_TYPE: AttributionRequestSchema, TEXT_MEDIA_TYPE: _TEXT_BODY},
    responses={200: ("The statements found in the text.", JSON_MEDIA_TYPE,
                     AttributionResponseSchema)},
    errors=(400, 413, 415, 422, 504))
def attribute_one() -> Response:
    media_type = _require_media_type(JSON_MEDIA_TYPE, TEXT_MEDIA_TYPE)
    body = _read_text() if media_type == TEXT_MEDIA_TYPE else _read_json()
    language = _load(_language_query, request.args.to_dict()).get("language", DEFAULT_LANGUAGE)
    if media_type == TEXT_MEDIA_TYPE:
        doc_id, text = None, body
        if is_blank(text):  # as the JSON schema refuses a blank "text"
            raise ApiError("validation-failed", NOTHING_TO_ANALYSE,
                           errors={"text": [NOTHING_TO_ANALYSE]})
    else:
        payload = _load(_single_request, body)
        doc_id, text = payload["id"], payload["text"]
        language = payload.get("language", language)
    _check_text_length(text, "text")
    g.log_fields = {"documents": 1, "characters": len(text)}
    with _engine_deadline():
        body = _run(doc_id, text, language)
        g.log_fields["statements"] = len(body["quotes"])
        return _json_response(body)


@bp.post("/v1/attributions/batch")
@operation(
    summary="Attribute the statements of several articles",
    description="Each document is handled as by `POST /v1/attributions`; results come back in "
                "the order of the request. Limits apply to the whole batch before any "
                "document is processed. A document's `language` overrides the batch's, which "
                "defaults to `en`; an unknown code is answered 422 before any document is "
                "processed (`errors.language`, or `errors.documents.<index>.language`).",
    tag="attributions",
    request={JSON_MEDIA_TYPE: BatchRequestSchema},
    responses={200: ("One result per document, in order.", JSON_MEDIA_TYPE,
                     BatchResponseSchema)},
    errors=(400, 413, 415, 422, 504))
def attribute_batch() -> Response:
    _require_media_type(JSON_MEDIA_TYPE)
    raw = _read_json()
    settings = current_app.config["SETTINGS"]
    documents = raw.get("documents") if isinstance(raw, dict) else None
    if isinstance(documents, list) and len(documents) > settings.MAX_BATCH_DOCUMENTS:
        raise ApiError("limit-exceeded", limit_detail(
            "The batch", len(documents), "documents", "MAX_BATCH_DOCUMENTS",
            settings.MAX_BATCH_DOCUMENTS))
    payload = _load(_batch_request, raw)
    documents, batch_language = payload["documents"], payload.get("language", DEFAULT_LANGUAGE)
    for index, document in enumerate(documents):
        _check_text_length(document["text"], f"documents[{index}].text")
    total = sum(len(document["text"]) for document in documents)
    if total > settings.MAX_BATCH_CHARS:
        raise ApiError("limit-exceeded", limit_detail(
            "The batch's texts together", total, "characters", "MAX_BATCH_CHARS",
            settings.MAX_BATCH_CHARS))
    g.log_fields = {"documents": len(documents), "characters": total}
    with _engine_deadline():
        results = [_run(document["id"], document["text"],
                        document.get("language", batch_language)) for document in documents]
        g.log_fields["statements"] = sum(len(result["quotes"]) for result in results)
        # BatchResponseSchema's only field is `results`: each was dumped by dump_result.
        return _json_response({"results": results})


def _require_media_type(*accepted: str) -> str:
    media_type = request.mimetype
    if media_type not in accepted:
        sent = f"Content-Type {media_type}" if media_type else "A missing Content-Type"
        raise ApiError("unsupported-media-type",
                       f"{sent} is not accepted here; send {' or '.join(accepted)}.")
    charset = request.mimetype_params.get("charset")
    if charset is not None and charset.strip().lower().replace("-", "") != "utf8":
        raise ApiError("unsupported-media-type",
                       f"The charset {charset[:40]!r} is not accepted; send UTF-8.")
    return media_type


# Files people send by mistake instead of their text: leading bytes -> what the file is.
_BINARY_FORMATS = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (a Word .docx or OpenDocument .odt file is one)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a Word .doc (or other older Office) document"),
    (b"{\\rtf", "an RTF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"\xff\xfe", "UTF-16 text"),
    (b"\xfe\xff", "UTF-16 text"),
)


def _read_text() -> str:
    data = _read_body()
    for magic, what in _BINARY_FORMATS:
        if data.startswith(magic):
            if what == "UTF-16 text":
                raise ApiError("invalid-body", "The body is UTF-16 text; send it encoded as "
                                               "UTF-8.")
            raise ApiError("invalid-body", f"The body looks like {what}, not text. Extract the "
                                           f"article's text (for example by saving it as plain "
                                           f"text) and send that, encoded as UTF-8.")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ApiError("invalid-body", (
            f"The body is not valid UTF-8 (invalid byte 0x{data[error.start]:02x} at offset "
            f"{error.start}). Send the text encoded as UTF-8; text saved as Latin-1 or "
            f"Windows-1252 can be converted first, e.g. with iconv -f WINDOWS-1252 -t UTF-8."
        )) from None


def _read_body() -> bytes:
    """The body's bytes; 413 past MAX_BODY_BYTES whether or not a Content-Length was sent."""
    if request.content_length is not None:
        return request.get_data(cache=False)  # werkzeug answers 413 first if it is too long
    if not request.headers.get("Transfer-Encoding"):
        return b""  # neither Content-Length nor Transfer-Encoding: HTTP says there is no body
    if not request.environ.get("wsgi.input_terminated"):
        # The server cannot tell where this body ends (werkzeug would read it as empty).
        raise ApiError("invalid-body", "The body's length is unknown; send a Content-Length "
                                       "header.")
    # A chunked body, delimited by the server. Werkzeug's own limit would silently cut it at
    # the limit, so read one byte past the limit here to tell "at" from "over".
    limit = current_app.config["SETTINGS"].MAX_BODY_BYTES
    stream = request.environ["wsgi.input"]
    chunks, size = [], 0
    while True:
        try:
            chunk = stream.read(min(64 * 1024, limit + 1 - size))
        except Exception:  # noqa: BLE001 - the server's parse or disconnect errors
            raise ApiError("invalid-body", "The request body could not be read.") from None
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:
            raise RequestEntityTooLarge()


def _read_json() -> Any:
    text = _read_text()
    if not text.strip():
        raise ApiError("invalid-body", "The body is empty; send a JSON object.")
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ApiError("invalid-body", f"The body is not valid JSON: {error.msg} (line "
                                       f"{error.lineno}, column {error.colno}).") from None
    except (ValueError, RecursionError):  # e.g. nesting too deep, integer too long
        raise ApiError("invalid-body", "The body is not JSON this service can read.") from None


# What each endpoint expects, said when the body is valid JSON of another kind.
_SINGLE_SHAPE = ('a JSON object with a "text" field (the article) and optionally an "id", '
                 'e.g. {"id": "doc-1", "text": "..."}')
_BATCH_SHAPE = ('a JSON object with a "documents" list of {"id", "text"} objects, e.g. '
                '{"documents": [{"id": "a", "text": "..."}]}')
_DOCUMENT_SHAPE = 'Expected a JSON object with a "text" field, e.g. {"id": "a", "text": "..."}.'
_JSON_KINDS = {list: "an array", str: "a string", bool: "true or false", int: "a number",
               float: "a number", type(None): "null"}


_SHAPES = {AttributionRequestSchema: _SINGLE_SHAPE, BatchRequestSchema: _BATCH_SHAPE}


def _load(schema: Schema, payload: Any) -> dict[str, Any]:
    if not isinstance(payload, dict):
        shape = _SHAPES.get(type(schema), "a JSON object")
        message = f"Expected {shape}; the body is {_JSON_KINDS.get(type(payload), 'not one')}."
        raise ApiError("validation-failed", message, errors={"_schema": [message]})
    try:
        return schema.load(payload)
    except ValidationError as error:
        messages = error.messages if isinstance(error.messages, dict) else {
            "_schema": error.messages}
        messages = _say_what_was_expected(messages)
        detail = (NOTHING_TO_ANALYSE if messages == {"text": [NOTHING_TO_ANALYSE]} else
                  "The request does not fit the schema; see errors for each field.")
        raise ApiError("validation-failed", detail, errors=messages) from None


def _say_what_was_expected(messages: Any) -> Any:
    """marshmallow's "Invalid input type." (a batch entry that is not an object) in plain words."""
    if isinstance(messages, dict):
        return {key: _say_what_was_expected(value) for key, value in messages.items()}
    if isinstance(messages, list):
        return [_DOCUMENT_SHAPE if m == "Invalid input type." else _say_what_was_expected(m)
                for m in messages]
    return messages


def _check_text_length(text: str, where: str) -> None:
    limit = current_app.config["SETTINGS"].MAX_TEXT_CHARS
    if len(text) > limit:
        raise ApiError("limit-exceeded", limit_detail(where, len(text), "characters",
                                                      "MAX_TEXT_CHARS", limit))


def _engine_deadline():
    """Engine work and serialization stop after REQUEST_TIMEOUT seconds with a 504 (see
    service/deadline.py: an answer instead of a worker killed by gunicorn's timeout)."""
    seconds = current_app.config["SETTINGS"].REQUEST_TIMEOUT
    return deadline(seconds, lambda: ApiError("request-timeout", (
        f"Processing took longer than the limit REQUEST_TIMEOUT={seconds} seconds and was "
        f"stopped. Send shorter texts, or fewer documents per batch.")))


def _run(doc_id: str | None, text: str, language: str) -> dict[str, Any]:
    """The engine on one text (its language already validated), as the v1 JSON object."""
    result = attribute(text, language=language)
    observe_result(result.characters, [quote.type for quote in result.quotes])
    return dump_result(result, doc_id, language)


def _respond(schema: Schema, body: dict[str, Any]) -> Response:
    return _json_response(schema.dump(body))


def _json_response(dumped: dict[str, Any]) -> Response:
    return current_app.response_class(json.dumps(dumped) + "\n", mimetype=JSON_MEDIA_TYPE)
