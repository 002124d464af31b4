"""The engine's result as the v1 JSON object, through the HTTP layer's marshmallow schema.

The body handed to :class:`schemas.AttributionResponseSchema` is built as ``service/api.py``
builds it, so ``attribution extract`` prints what ``POST /v1/attributions`` answers; a test runs
both on the same texts and compares them.
"""
from __future__ import annotations

from typing import Any

from schemas import AttributionResponseSchema

from ..attribution import attribute

_schema = AttributionResponseSchema()


def to_response(text: str, doc_id: str | None) -> dict[str, Any]:
    result = attribute(text)
    return _schema.dump({"id": doc_id, "quotes": result.quotes, "speakers": result.speakers,
                         "meta": {"characters": result.characters,
                                  "elapsed_ms": round(result.elapsed_ms, 3),
                                  "engine": result.engine}})
