"""The attribution engine: pure functions from article text to attributed statements.

Entry point: :func:`attribute` (text -> :class:`Result`). No Flask import anywhere below here.
"""
from .engine import ENGINE_VERSION, LANGUAGES, UnknownLanguage, attribute
from .model import Affiliation, Cue, Quote, Result, Span, Speaker, SpeakerRef, Stance

__all__ = ["ENGINE_VERSION", "LANGUAGES", "UnknownLanguage", "attribute", "Affiliation", "Cue", "Quote", "Result", "Span",
           "Speaker", "SpeakerRef", "Stance"]
