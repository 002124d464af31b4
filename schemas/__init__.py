"""marshmallow schemas of the v1 HTTP contract: requests, responses and errors.

Responses are serialized through these schemas and `/openapi.json` is generated from them, so
the document and the wire format cannot drift apart.
"""
from .errors import ProblemSchema
from .requests import (DEFAULT_LANGUAGE, MAX_ID_LENGTH, AttributionRequestSchema,
                       BatchDocumentSchema, BatchRequestSchema, LanguageQuerySchema,
                       RulesQuerySchema)
from .responses import (AffiliationSchema, AttributionResponseSchema, BatchResponseSchema,
                        CueSchema, HealthSchema, LanguageSchema, LanguagesResponseSchema,
                        MetaSchema, OffsetsSchema, QuoteSchema, ReadySchema, RuleSchema,
                        RulesResponseSchema, SpeakerRefSchema, SpeakerSchema, StanceSchema,
                        TextSpanSchema, dump_result)

__all__ = [
    "AffiliationSchema", "AttributionRequestSchema", "AttributionResponseSchema",
    "BatchDocumentSchema", "BatchRequestSchema", "BatchResponseSchema", "CueSchema",
    "DEFAULT_LANGUAGE", "HealthSchema", "LanguageQuerySchema", "LanguageSchema",
    "LanguagesResponseSchema", "MAX_ID_LENGTH", "MetaSchema", "OffsetsSchema", "ProblemSchema",
    "QuoteSchema", "ReadySchema", "RuleSchema", "RulesQuerySchema", "RulesResponseSchema", "SpeakerRefSchema",
    "SpeakerSchema", "StanceSchema", "TextSpanSchema", "dump_result",
]
