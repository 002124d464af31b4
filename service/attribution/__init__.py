"""The attribution engine: pure functions from article text to attributed statements.

Entry point: :func:`attribute` (text -> :class:`Result`). No Flask import anywhere below here.
Its working modules run compiled when their build is fresh, else from their sources (``BUILD``
says which: see :mod:`service.attribution.compiled`).
"""
from .compiled import choose as _choose

BUILD = _choose()       # before the engine's modules are imported

from .engine import ENGINE_VERSION, LANGUAGES, UnknownLanguage, attribute  # noqa: E402
from .model import Affiliation, Cue, Quote, Result, Span, Speaker, SpeakerRef, Stance  # noqa: E402

__all__ = ["BUILD", "ENGINE_VERSION", "LANGUAGES", "UnknownLanguage", "attribute", "Affiliation", "Cue", "Quote",
           "Result", "Span", "Speaker", "SpeakerRef", "Stance"]
