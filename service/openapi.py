"""The OpenAPI document, generated from the marshmallow schemas and the views' declarations.

Each view declares its operation with :func:`operation` (summary, request body schemas,
response schemas by status); :func:`build_spec` walks the app's URL map and hands those
declarations to apispec, whose marshmallow plugin turns the schemas into components. Nothing
of the document is written by hand.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import inspect

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import Flask
from marshmallow import Schema

import schemas
from schemas import ProblemSchema

from .config import DEFAULTS
from .errors import PROBLEM_MEDIA_TYPE, PROBLEM_TYPES

OPENAPI_VERSION = "3.1.0"
API_TITLE = "Statement attribution service"
API_VERSION = "1.0.0"

# Error responses, described once and referenced by status from each operation.
ERROR_RESPONSES: dict[int, str] = {
    400: "The body could not be read: not valid UTF-8, not valid JSON, or truncated; a PDF, "
         "Word, RTF, image or zip file or UTF-16 text is named as such.",
    404: "No resource at this path.",
    405: "The path does not accept this method (see the Allow header).",
    413: "Over a limit: body bytes (MAX_BODY_BYTES), characters per text (MAX_TEXT_CHARS), "
         "documents per batch (MAX_BATCH_DOCUMENTS) or characters per batch (MAX_BATCH_CHARS). "
         "Checked before any engine work; the detail names the limit and what to do.",
    415: "The Content-Type is not one this operation accepts, or its charset is not UTF-8.",
    422: "The JSON is well-formed but does not fit the request schema, a `language` (in the "
         "body or the query) is not one the engine has, or the text is empty or only whitespace; "
         "errors are keyed by field.",
    500: "The server failed; the body never contains internals.",
    504: "Processing took longer than REQUEST_TIMEOUT seconds and was stopped; the detail "
         "names the limit. The same text will take as long again: send it shorter or split.",
}
ALWAYS = (405, 500)  # every operation can answer these
_TAG_ORDER = {"attributions": 0, "operations": 1, "documentation": 2}


def operation(*, summary: str, description: str = "", tag: str,
              query: type[Schema] | None = None,
              request: dict[str, Any] | None = None,
              responses: dict[int, tuple[str, str, Any]],
              errors: tuple[int, ...] = ()) -> Callable:
    """Declare a view's OpenAPI operation.

    ``query`` is the marshmallow schema of its query parameters (one parameter per field);
    ``request`` maps media type -> marshmallow schema class or a plain schema dict;
    ``responses`` maps status -> (description, media type, schema class or dict).
    """
    def decorate(view: Callable) -> Callable:
        view.openapi = {"summary": summary, "description": description, "tag": tag,
                        "query": query, "request": request, "responses": responses,
                        "errors": errors}
        return view
    return decorate


def _content(media_type: str, schema: Any) -> dict[str, Any]:
    return {media_type: {"schema": schema}}


def _operation_dict(meta: dict[str, Any], operation_id: str) -> dict[str, Any]:
    op: dict[str, Any] = {"operationId": operation_id, "summary": meta["summary"],
                          "tags": [meta["tag"]], "responses": {}}
    if meta["description"]:
        op["description"] = meta["description"]
    if meta["query"]:  # apispec's marshmallow plugin makes one parameter of each field
        op["parameters"] = [{"in": "query", "schema": meta["query"]}]
    if meta["request"]:
        op["requestBody"] = {"required": True, "content": {
            media: {"schema": schema} for media, schema in meta["request"].items()}}
    for status, (description, media_type, schema) in meta["responses"].items():
        op["responses"][str(status)] = {"description": description,
                                        "content": _content(media_type, schema)}
    for status in sorted(set(meta["errors"]) | set(ALWAYS)):
        op["responses"][str(status)] = {"$ref": f"#/components/responses/Error{status}"}
    return op


def build_spec(app: Flask) -> dict[str, Any]:
    """The OpenAPI document of every declared route of ``app``, as a dict."""
    settings = app.config["SETTINGS"]
    spec = APISpec(
        title=API_TITLE, version=API_VERSION, openapi_version=OPENAPI_VERSION,
        plugins=[MarshmallowPlugin()],
        info={"description": _info_description(settings)},
    )
    spec.components.schema("Problem", schema=ProblemSchema)
    for status, description in ERROR_RESPONSES.items():
        spec.components.response(f"Error{status}", {
            "description": description,
            "content": _content(PROBLEM_MEDIA_TYPE, "Problem")})
    paths: dict[str, dict[str, Any]] = {}
    rules = sorted(app.url_map.iter_rules(), key=lambda r: (_TAG_ORDER.get(
        getattr(app.view_functions.get(r.endpoint), "openapi", {}).get("tag"), 99), r.rule))
    for rule in rules:
        view = app.view_functions.get(rule.endpoint)
        meta = getattr(view, "openapi", None)
        if meta is None:
            continue
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            operation_id = rule.endpoint.replace(".", "_")
            paths.setdefault(rule.rule, {})[method.lower()] = _operation_dict(meta, operation_id)
    for path, operations in paths.items():
        spec.path(path=path, operations=operations)
    document = spec.to_dict()
    _describe_schemas(document["components"]["schemas"])
    return document


def _describe_schemas(components: dict[str, dict[str, Any]]) -> None:
    """Give each component the docstring of the marshmallow schema it was generated from."""
    for name, cls in vars(schemas).items():
        if not (isinstance(cls, type) and issubclass(cls, Schema) and cls.__doc__):
            continue
        component = components.get(name.removesuffix("Schema"))
        if component is not None and "description" not in component:
            component["description"] = inspect.cleandoc(cls.__doc__)


def _info_description(settings: Any) -> str:
    limits = ", ".join(f"{name}={getattr(settings, name)}" for name in DEFAULTS
                       if name.startswith("MAX_"))
    kinds = "; ".join(f"{status} /docs#problem-{slug}" for slug, (status, _) in
                      PROBLEM_TYPES.items())
    return ("Finds the statements a news article attributes to someone: what was said, who "
            "said it, for whom they speak, and how. Offsets are code-point indices into the "
            "text as received; `input[start:end] == text` always holds. Absent things are "
            f"null, never missing keys. Limits of this server: {limits}. Errors are "
            f"application/problem+json; problem types: {kinds}; others are about:blank.")
