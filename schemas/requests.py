"""Request bodies. Unknown fields are rejected (422) so that a misspelt field is never ignored."""
from __future__ import annotations

from marshmallow import RAISE, Schema, fields, validate

MAX_ID_LENGTH = 256

# Empty or whitespace-only text is refused (422), the same in JSON, text/plain and batch: there
# is nothing to attribute, and a 200 with no statements would hide a missing file or field.
NOTHING_TO_ANALYSE = ("Nothing to analyse: the text is empty or only whitespace. Send the "
                      "article's text.")
# Matched from the start (marshmallow) and searched (JSON Schema): some non-whitespace character.
_NOT_BLANK = validate.Regexp(r"[\s\S]*\S", error=NOTHING_TO_ANALYSE)


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


class BatchDocumentSchema(AttributionRequestSchema):
    """One document of a batch: the same fields as a single request."""


class BatchRequestSchema(Schema):
    """Several documents to attribute in one request."""

    class Meta:
        unknown = RAISE

    documents = fields.List(fields.Nested(BatchDocumentSchema), required=True, metadata={
        "description": "Documents to attribute; results come back in the same order. "
                       "At most MAX_BATCH_DOCUMENTS documents and MAX_BATCH_CHARS characters "
                       "in all."})
