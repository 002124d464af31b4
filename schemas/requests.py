"""Request bodies. Unknown fields are rejected (422) so that a misspelt field is never ignored."""
from __future__ import annotations

from marshmallow import RAISE, Schema, fields, validate

MAX_ID_LENGTH = 256


class AttributionRequestSchema(Schema):
    """One document to attribute, sent as JSON."""

    class Meta:
        unknown = RAISE

    text = fields.String(required=True, metadata={
        "description": "The article text. Offsets in the response are code-point indices into "
                       "exactly this string.",
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
