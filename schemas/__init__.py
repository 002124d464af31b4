"""marshmallow schemas of the v1 HTTP contract: requests, responses and errors.

Responses are serialized through these schemas and `/openapi.json` is generated from them, so
the document and the wire format cannot drift apart.
"""
from .errors import ProblemSchema
from .requests import AttributionRequestSchema, BatchDocumentSchema, BatchRequestSchema, MAX_ID_LENGTH
from .responses import (AffiliationSchema, AttributionResponseSchema, BatchResponseSchema,
                        CueSchema, HealthSchema, MetaSchema, OffsetsSchema, QuoteSchema,
                        ReadySchema, RuleSchema, RulesResponseSchema, SpeakerRefSchema,
                        SpeakerSchema, StanceSchema, TextSpanSchema)

__all__ = [
    "AffiliationSchema", "AttributionRequestSchema", "AttributionResponseSchema",
    "BatchDocumentSchema", "BatchRequestSchema", "BatchResponseSchema", "CueSchema",
    "HealthSchema", "MAX_ID_LENGTH", "MetaSchema", "OffsetsSchema", "ProblemSchema",
    "QuoteSchema", "ReadySchema", "RuleSchema", "RulesResponseSchema", "SpeakerRefSchema", "SpeakerSchema", "StanceSchema",
    "TextSpanSchema",
]
