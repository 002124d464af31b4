"""The one error shape: RFC 9457 problem details, served as `application/problem+json`."""
from __future__ import annotations

from marshmallow import Schema, fields


class ProblemSchema(Schema):
    """An error (RFC 9457 problem details), served as `application/problem+json`."""

    type = fields.String(required=True, metadata={
        "description": "URI reference naming the kind of problem; 'about:blank' for plain HTTP "
                       "errors (404, 405, 500).", "example": "/docs#problem-limit-exceeded"})
    title = fields.String(required=True, metadata={
        "description": "Short summary of the kind of problem.", "example": "Payload Too Large"})
    status = fields.Integer(required=True, metadata={"description": "HTTP status code.",
                                                     "example": 413})
    detail = fields.String(required=True, metadata={
        "description": "What went wrong with this request; names the limit for 413.",
        "example": "text has 600000 characters; the limit is MAX_TEXT_CHARS=500000 "
                   "characters."})
    errors = fields.Dict(keys=fields.String(), values=fields.Raw(), metadata={
        "description": "Only on 422: the messages for each invalid field, keyed by field name "
                       "(list items by their index).",
        "example": {"text": ["Missing data for required field."]}})
