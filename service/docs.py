"""``/openapi.json`` and ``/docs``: the generated OpenAPI document and a page built from it.

The page is rendered on the server from the same document, with no script and nothing loaded
from outside the service (its Content-Security-Policy forbids it).
"""
from __future__ import annotations

import json
import re
from typing import Any

from markupsafe import Markup, escape

from flask import Blueprint, Response, current_app, render_template

from .config import DEFAULTS
from .errors import PROBLEM_TYPES
from .openapi import build_spec, operation

bp = Blueprint("docs", __name__)

_PROBLEM_HELP = {
    "invalid-body": "The body could not be read: it is empty, truncated, not UTF-8 or not JSON. "
                    "A PDF, Word, RTF, image or zip file, or UTF-16 text, is named as such: "
                    "send the article's extracted text, as UTF-8.",
    "limit-exceeded": "The request is over a limit of this server; the detail names the "
                      "setting and its value, and what to do: split the text, send fewer "
                      "documents per batch, or ask the operator to raise the setting. Nothing "
                      "was processed.",
    "unsupported-media-type": "Send application/json (or text/plain UTF-8 where the operation "
                              "accepts it).",
    "validation-failed": "The JSON (or the `language` query parameter) does not fit the schema "
                         "(a JSON array or string where an object is expected, a missing or "
                         "mistyped field, an unknown one, a `language` the engine does not have: "
                         "`GET /v1/languages` lists them), or the text is empty or only "
                         "whitespace (\"Nothing to analyse\", in JSON, text/plain or a batch "
                         "alike); `errors` maps each field (list items by index) to its messages.",
    "request-timeout": "The text took longer than REQUEST_TIMEOUT seconds to process and was "
                       "stopped; nothing was returned. Send shorter texts or fewer per batch.",
}


def spec_for(app) -> dict[str, Any]:
    """The app's OpenAPI document, built once per app (routes and settings are fixed)."""
    spec = app.extensions.get("openapi_spec")
    if spec is None:
        spec = app.extensions["openapi_spec"] = build_spec(app)
    return spec


@bp.get("/openapi.json")
@operation(summary="This API's OpenAPI 3.1 document", tag="documentation",
           description="Generated from the marshmallow schemas the service serializes with.",
           responses={200: ("The OpenAPI document.", "application/json", {"type": "object"})})
def openapi_json() -> Response:
    return current_app.response_class(json.dumps(spec_for(current_app), indent=1) + "\n",
                                      mimetype="application/json")


@bp.get("/docs")
@operation(summary="A readable page of this API", tag="documentation",
           description="HTML rendered on the server from the OpenAPI document.",
           responses={200: ("The documentation page.", "text/html", {"type": "string"})})
def docs() -> Response:
    spec = spec_for(current_app)
    settings = current_app.config["SETTINGS"]
    html = render_template(
        "docs.html", spec=spec, render_type=render_type, schema_name=schema_name,
        code=inline_code,
        problems=[(slug, status, title, _PROBLEM_HELP[slug])
                  for slug, (status, title) in PROBLEM_TYPES.items()],
        settings=[(name, getattr(settings, name), default, help_)
                  for name, (default, help_) in DEFAULTS.items()])
    return current_app.response_class(html, mimetype="text/html")


_CODE = re.compile(r"`([^`]+)`")


def inline_code(text: str) -> Markup:
    """Escape ``text`` and show its `backticked` parts as code."""
    return Markup(_CODE.sub(lambda m: f"<code>{m.group(1)}</code>", str(escape(text or ""))))


def schema_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def render_type(schema: dict[str, Any]) -> list[tuple[str, str | None]]:
    """A property's type as (words, link target or None) pieces, e.g. 'array of', 'Quote'."""
    if "$ref" in schema:
        name = schema_name(schema["$ref"])
        return [(name, f"schema-{name}")]
    if "anyOf" in schema or "oneOf" in schema:
        pieces: list[tuple[str, str | None]] = []
        for i, option in enumerate(schema.get("anyOf") or schema.get("oneOf")):
            if i:
                pieces.append((" or ", None))
            pieces.extend(render_type(option))
        return pieces
    kind = schema.get("type", "any")
    kinds = kind if isinstance(kind, list) else [kind]
    words = " or ".join(kinds)
    if "array" in kinds and "items" in schema:
        return [(words + " of ", None), *render_type(schema["items"])]
    if "enum" in schema:
        words += ": " + ", ".join(str(v) for v in schema["enum"] if v is not None)
    return [(words, None)]
