"""The engine's result as the v1 JSON object, through :func:`schemas.dump_result`, the function
``service/api.py`` answers with, so ``attribution extract`` prints what
``POST /v1/attributions`` answers; a test runs both on the same texts and compares them.
"""
from __future__ import annotations

from typing import Any

from schemas import DEFAULT_LANGUAGE, dump_result

from ..attribution import attribute


def to_response(text: str, doc_id: str | None, language: str = DEFAULT_LANGUAGE) -> dict[str, Any]:
    return dump_result(attribute(text, language=language), doc_id, language)
