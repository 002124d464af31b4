"""The engine's output: frozen dataclasses, serialised by the HTTP layer into the v1 contract.

Every offset is a Python string index (code point) into the text exactly as received;
``text[start:end] == span.text`` always holds.
"""
from __future__ import annotations

from dataclasses import MISSING, dataclass, fields
from typing import Literal, TypeVar

QuoteType = Literal["direct", "indirect", "mixed", "partial"]
SpeakerKind = Literal["person", "organization", "anonymous", "unknown"]
StanceLabel = Literal["support", "oppose", "neutral"]
Gender = Literal["female", "male"]
T = TypeVar("T", bound=type)


def slot_init(cls: T) -> T:
    """Give a frozen slots dataclass an ``__init__`` that stores each field through its slot's
    descriptor. The one ``dataclass`` writes must go through ``object.__setattr__`` (the class
    refuses assignment), which costs about twice as much per field, and a result holds some thirty
    fields per statement (the cue finder's hits use it too). Same parameters, defaults and values;
    the class stays frozen."""
    params = fields(cls)
    if hasattr(cls, "__post_init__") or any(f.default_factory is not MISSING for f in params):
        raise TypeError(f"{cls.__name__}: slot_init writes plain fields only")
    env = {f"_set_{f.name}": getattr(cls, f.name).__set__ for f in params}
    env.update({f"_default_{f.name}": f.default for f in params if f.default is not MISSING})
    signature = ", ".join(f.name if f.default is MISSING else f"{f.name}=_default_{f.name}" for f in params)
    body = "".join(f"    _set_{f.name}(self, {f.name})\n" for f in params)
    exec(f"def __init__(self, {signature}):\n{body}", env)
    init = env["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    setattr(cls, "__init__", init)
    return cls


@slot_init
@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str


@slot_init
@dataclass(frozen=True, slots=True)
class Cue:
    text: str
    lemma: str
    start: int
    end: int


@slot_init
@dataclass(frozen=True, slots=True)
class Affiliation:
    organization: str | None
    role: str | None
    party: str | None = None        # Democratic, Republican, Independent, ... (persons only)


@slot_init
@dataclass(frozen=True, slots=True)
class Stance:
    label: StanceLabel
    score: float
    hedged: bool
    evidence: tuple[Span, ...]


@slot_init
@dataclass(frozen=True, slots=True)
class SpeakerRef:
    """Who said one statement: the resolved entity and the words of the attribution itself."""

    name: str | None
    kind: SpeakerKind
    entity: str | None
    mention: Span | None
    gender: Gender | None = None


@slot_init
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


@slot_init
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


@slot_init
@dataclass(frozen=True, slots=True)
class Result:
    quotes: tuple[Quote, ...]
    speakers: tuple[Speaker, ...]
    characters: int
    elapsed_ms: float
    engine: str
