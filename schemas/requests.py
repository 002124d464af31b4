"""Request bodies. Unknown fields are rejected (422) so that a misspelt field is never ignored."""
from __future__ import annotations

import re

from typing import Any

from marshmallow import EXCLUDE, RAISE, Schema, fields, validate

from service.attribution import LANGUAGES

MAX_ID_LENGTH = 256

#: The language of a request that names none (the engine's own default, checked by a test).
DEFAULT_LANGUAGE = "en"


class KnownLanguage(validate.OneOf):
    """One of the engine's languages (read once, at import). The message names the code it got
    (cut to 40 characters) and lists those available: ``Unknown language 'xx'; available: en.``"""

    def __init__(self) -> None:
        super().__init__(LANGUAGES, error="Unknown language {input!r}; available: {choices}.")

    def _format_error(self, value: Any) -> str:
        if isinstance(value, str) and len(value) > 40:
            value = value[:40] + "..."
        return super()._format_error(value)


def language_field(description: str, **options: Any) -> fields.String:
    """An optional ``language`` code, validated against the engine's languages."""
    return fields.String(validate=KnownLanguage(), metadata={
        "description": f"{description} One of: {', '.join(LANGUAGES)} (`GET /v1/languages`).",
        "example": DEFAULT_LANGUAGE, **options})


# Empty or whitespace-only text is refused (422), the same in JSON, text/plain and batch: there
# is nothing to attribute, and a 200 with no statements would hide a missing file or field.
NOTHING_TO_ANALYSE = ("Nothing to analyse: the text is empty or only whitespace. Send the "
                      "article's text.")
# Whitespace as the JSON Schema's regular expressions (ECMA-262) know it. Python's \s also takes the
# separators \x1c-\x1f and \x85, so a text of one U+001F would pass the published schema and be
# refused here; both sides read this one class instead.
WHITESPACE = "\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
# Matched from the start (marshmallow) and searched (JSON Schema): some non-whitespace character.
NOT_BLANK_PATTERN = f"[\\s\\S]*[^{WHITESPACE}]"
_NOT_BLANK = validate.Regexp(NOT_BLANK_PATTERN, error=NOTHING_TO_ANALYSE)
_BLANK = re.compile(f"[{WHITESPACE}]*")


def is_blank(text: str) -> bool:
    """Whether ``text`` is empty or only whitespace, by the class the published schema uses."""
    return _BLANK.fullmatch(text) is not None


class AttributionRequestSchema(Schema):
    """One document to attribute, sent as JSON."""

    class Meta:
        unknown = RAISE

    text = fields.String(required=True, validate=_NOT_BLANK, metadata={
        "description": "The article text, not empty or only whitespace (422). Offsets in the "
                       "response are code-point indices into exactly this string.",
        "example": 'Talks will resume on Monday, "and not a day later," the minister said.'})
    id = fields.String(load_default=None, allow_none=True,
                       validate=validate.Length(min=1, max=MAX_ID_LENGTH),
                       metadata={"description": "Caller's identifier for the document, echoed "
                                                "back in the response; null when omitted.",
                                 "example": "doc-1"})
    language = language_field(
        f"Language of the text. When omitted: the `language` query parameter, else "
        f"`{DEFAULT_LANGUAGE}`.", default=DEFAULT_LANGUAGE)


class BatchDocumentSchema(AttributionRequestSchema):
    """One document of a batch: the same fields as a single request."""

    language = language_field("Language of this document; when omitted, the batch's "
                              "`language`.")


class BatchRequestSchema(Schema):
    """Several documents to attribute in one request."""

    class Meta:
        unknown = RAISE

    documents = fields.List(fields.Nested(BatchDocumentSchema), required=True, metadata={
        "description": "Documents to attribute; results come back in the same order. "
                       "At most MAX_BATCH_DOCUMENTS documents and MAX_BATCH_CHARS characters "
                       "in all."})
    language = language_field(f"Language of every document that names none itself "
                              f"(default `{DEFAULT_LANGUAGE}`).", default=DEFAULT_LANGUAGE)


class LanguageQuerySchema(Schema):
    """The query parameters of `POST /v1/attributions`. Other parameters are ignored."""

    class Meta:
        unknown = EXCLUDE

    language = language_field(
        f"Language of a `text/plain` body (default `{DEFAULT_LANGUAGE}`); with a JSON body, "
        f"used when the body has no `language`.", default=DEFAULT_LANGUAGE)


class RulesQuerySchema(Schema):
    """The query parameters of `GET /v1/rules`. Other parameters are ignored."""

    class Meta:
        unknown = EXCLUDE

    language = language_field(f"The language whose rules to list (default `{DEFAULT_LANGUAGE}`).",
                              default=DEFAULT_LANGUAGE)
