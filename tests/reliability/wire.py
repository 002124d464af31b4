"""Checks shared by the reliability tests that talk to the live server (the result contract
itself is checked by tests/support/contract.py)."""
from __future__ import annotations

import json
from typing import Any

import requests
from openapi_schema_validator import OAS31Validator

# Strings that would mean internals leaked into an answer: a stack trace, a path on this
# machine, a Python file name.
LEAKS = ("Traceback", "/work", ".py", 'File "', "site-packages")

PROBLEM_KEYS = {"type", "title", "status", "detail"}


def leaks_in(body: str, sent: str = "") -> list[str]:
    """The leak markers found in ``body`` that were not in what was sent."""
    return [marker for marker in LEAKS if marker in body and marker not in sent]


def check_headers(response: requests.Response, cache: tuple[str, ...] = ("no-store",)) -> None:
    """``nosniff``, and a Cache-Control among ``cache`` (results: never stored)."""
    assert response.headers.get("X-Content-Type-Options") == "nosniff", response.headers
    assert response.headers.get("Cache-Control") in cache, response.headers


def check_problem(response: requests.Response) -> dict[str, Any]:
    assert response.headers["Content-Type"].split(";")[0] == "application/problem+json"
    body = response.json()
    assert PROBLEM_KEYS <= set(body) <= PROBLEM_KEYS | {"errors"}, body
    assert body["status"] == response.status_code
    assert body["detail"] and body["title"]
    return body


def response_validator(spec: dict[str, Any], path: str, status: int = 200,
                       method: str = "post") -> OAS31Validator:
    described = spec["paths"][path][method]["responses"][str(status)]
    if "$ref" in described:
        described = spec["components"]["responses"][described["$ref"].rsplit("/", 1)[-1]]
    (content,) = described["content"].values()
    return OAS31Validator(dict(content["schema"], components=spec["components"]))


def dumps(payload: Any, ascii_only: bool = True) -> bytes:
    """JSON bytes; ``ascii_only=False`` sends non-ASCII as UTF-8 instead of \\u escapes."""
    return json.dumps(payload, ensure_ascii=ascii_only).encode("utf-8")
