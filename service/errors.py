"""Every error the service returns, in one place, in one shape: RFC 9457 problem details.

Handlers here turn :class:`ApiError` (raised by the views), werkzeug's HTTP errors (404, 405,
413 from the body limit, 400 for an unreadable body) and any other exception (a generic 500
that never shows internals) into ``application/problem+json`` bodies dumped through
:class:`schemas.ProblemSchema`.
"""
from __future__ import annotations

import logging
import traceback
from typing import Any

from flask import Flask, Response, current_app, json, request
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from schemas import ProblemSchema

PROBLEM_MEDIA_TYPE = "application/problem+json"
log = logging.getLogger("service.errors")
_problem = ProblemSchema()

# Problem types of this service: slug -> (status, title). /docs has an anchor for each.
PROBLEM_TYPES: dict[str, tuple[int, str]] = {
    "invalid-body": (400, "Bad Request"),
    "limit-exceeded": (413, "Payload Too Large"),
    "unsupported-media-type": (415, "Unsupported Media Type"),
    "validation-failed": (422, "Unprocessable Content"),
    "request-timeout": (504, "Gateway Timeout"),
}


def problem_type_uri(slug: str) -> str:
    return f"/docs#problem-{slug}"


class ApiError(Exception):
    """An error the client can fix; carries the problem type slug and a safe ``detail``."""

    def __init__(self, slug: str, detail: str, errors: dict[str, Any] | None = None):
        super().__init__(detail)
        self.status, self.title = PROBLEM_TYPES[slug]
        self.type = problem_type_uri(slug)
        self.detail = detail
        self.errors = errors


def problem_response(status: int, title: str, detail: str, type_: str = "about:blank",
                     errors: dict[str, Any] | None = None,
                     headers: dict[str, str] | None = None) -> Response:
    body = {"type": type_, "title": title, "status": status, "detail": detail}
    if errors is not None:
        body["errors"] = errors
    response = current_app.response_class(json.dumps(_problem.dump(body)) + "\n", status=status,
                                          mimetype=PROBLEM_MEDIA_TYPE)
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


# What a caller can do about each limit: a 413 says it after naming the limit.
_BATCHES_SPLIT = ("the Python client's attribute_batch splits batches within the limits by "
                  "itself")
NEXT_STEPS = {
    "MAX_TEXT_CHARS": "Split the text into parts of at most {limit} characters and send each in "
                      "its own request, or several of them as documents of one "
                      "POST /v1/attributions/batch request; or ask the service's operator to "
                      "raise {setting}.",
    "MAX_BATCH_DOCUMENTS": "Send at most {limit} documents per request (" + _BATCHES_SPLIT +
                           "); or ask the service's operator to raise {setting}.",
    "MAX_BATCH_CHARS": "Send fewer or shorter documents per request, at most {limit} characters "
                       "in all (" + _BATCHES_SPLIT + "); or ask the service's operator to raise "
                       "{setting}.",
    "MAX_BODY_BYTES": "Send less in one request: split a long text into parts and send each in "
                      "its own request (one POST /v1/attributions/batch request can carry "
                      "several, within this limit); or ask the service's operator to raise "
                      "{setting}.",
    "MAX_BODY_BYTES batch": "Send fewer or shorter documents per request (" + _BATCHES_SPLIT +
                            "); or ask the service's operator to raise {setting}.",
}


def limit_detail(what: str, size: int | None, unit: str, setting: str, limit: int,
                 next_step: str | None = None) -> str:
    """``<what> has <size> <unit>; the limit is SETTING=LIMIT <unit>.``, then what to do about
    it. The editor's page reads ``SETTING=LIMIT unit`` (and the size) from the first sentence."""
    step = NEXT_STEPS[next_step or setting].format(limit=limit, setting=setting)
    if size is None:
        return f"{what} is larger than the limit {setting}={limit} {unit}. {step}"
    return f"{what} has {size} {unit}; the limit is {setting}={limit} {unit}. {step}"


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(ApiError)
    def _api_error(error: ApiError) -> Response:
        return problem_response(error.status, error.title, error.detail, error.type, error.errors)

    @app.errorhandler(RequestEntityTooLarge)
    def _too_large(error: RequestEntityTooLarge) -> Response:
        limit = app.config["SETTINGS"].MAX_BODY_BYTES
        batch = request.path.rstrip("/").endswith("/batch")
        return problem_response(413, PROBLEM_TYPES["limit-exceeded"][1],
                                limit_detail("The request body", None, "bytes", "MAX_BODY_BYTES",
                                             limit, "MAX_BODY_BYTES batch" if batch else None),
                                problem_type_uri("limit-exceeded"))

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException) -> Response:
        status = error.code or 500
        if status >= 500:
            return _internal(error)
        if status == 400:  # werkzeug's own 400s: unreadable or truncated body
            return problem_response(400, PROBLEM_TYPES["invalid-body"][1],
                                    "The request body could not be read.",
                                    problem_type_uri("invalid-body"))
        headers = {}
        allow = dict(error.get_headers()).get("Allow")
        if allow:
            headers["Allow"] = allow
        detail = {404: "No resource at this path; see /docs for the API.",
                  405: "This path does not accept this method; see the Allow header."}
        return problem_response(status, error.name, detail.get(status, error.name),
                                headers=headers)

    @app.errorhandler(Exception)
    def _unexpected(error: Exception) -> Response:
        if isinstance(error, HTTPException):  # pragma: no cover - routed above
            return _http_error(error)
        # The exception's message may quote the article, so only its type and frames are logged.
        log.error("unhandled error", extra={
            "error_type": type(error).__qualname__,
            "traceback": "".join(traceback.format_tb(error.__traceback__))})
        return _internal(error)

    def _internal(_error: Exception) -> Response:
        return problem_response(500, "Internal Server Error",
                                "The server failed to process the request; it has been logged.")
