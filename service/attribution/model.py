"""The engine's output: frozen dataclasses, serialised by the HTTP layer into the v1 contract.

Every offset is a Python string index (code point) into the text exactly as received;
``text[start:end] == span.text`` always holds.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

QuoteType = Literal["direct", "indirect", "mixed", "partial"]
SpeakerKind = Literal["person", "organization", "anonymous", "unknown"]
StanceLabel = Literal["support", "oppose", "neutral"]
Gender = Literal["female", "male"]


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Cue:
    text: str
    lemma: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Affiliation:
    organization: str | None
    role: str | None
    party: str | None = None        # Democratic, Republican, Independent, ... (persons only)


@dataclass(frozen=True, slots=True)
class Stance:
    label: StanceLabel
    score: float
    hedged: bool
    evidence: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class SpeakerRef:
    """Who said one statement: the resolved entity and the words of the attribution itself."""

    name: str | None
    kind: SpeakerKind
    entity: str | None
    mention: Span | None
    gender: Gender | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    id: str
    type: QuoteType
    span: Span
    fragments: tuple[Span, ...]
    cue: Cue | None
    speaker: SpeakerRef | None
    affiliation: Affiliation | None
    stance: Stance
    confidence: float
    rule: str


@dataclass(frozen=True, slots=True)
class Speaker:
    id: str
    name: str
    kind: SpeakerKind
    affiliation: Affiliation | None
    mentions: tuple[Span, ...]
    quotes: tuple[str, ...]
    gender: Gender | None = None
    gender_evidence: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Result:
    quotes: tuple[Quote, ...]
    speakers: tuple[Speaker, ...]
    characters: int
    elapsed_ms: float
    engine: str
