"""What a rule is, what it reads and what it returns.

A rule reads one form of attribution. It has a name (the ``rule`` of every statement it makes),
a family (the module it lives in), a scope (what it is tried on), worked examples and
counterexamples that the tests run, and its measured precision (the ``confidence`` of its
statements, never used to choose between rules).

Scopes:

- ``cue``: tried on every reporting cue of a sentence, in registry order; the first rule whose
  form fits the cue wins. A rule whose form fits but whose content does not read as a statement
  returns :data:`BLOCK`, and the cue makes no statement. Its statements are made by
  :func:`.grammar.statement` (pieces trimmed, read in the cue's sentence).
- ``paragraph``: tried once on the whole text's paragraphs and quotes (transcript lines, quotes
  signed with a dash).
- ``quote``: tried, in registry order, on each quotation no statement has taken once the
  conflicts between the other statements are settled.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any, Callable, Final, Literal, Union

from ..cues import CueHit
from ..mentions import Mention

if TYPE_CHECKING:
    from ..quotes import Quoted
    from .grammar import SentenceView

Pieces = tuple[tuple[int, int], ...]
Scope = Literal["cue", "paragraph", "quote", "marker", "follow"]

# The values a text makes by the hundred (candidates, frames, the rules' contexts) are plain
# classes of final attributes: compiled, they are native objects, made and read without the
# interpreter (a named tuple is made by interpreted code, and its fields are read generically).


class Candidate:
    """A statement a rule proposes: its content pieces (character spans, in order), its cue, the
    span of its source mention (and of an apposition to it), the sentence it was read in, and
    (``continues``) whether it is a quote-scoped statement that carries on the previous one."""

    def __init__(self, rule: str, pieces: Pieces, cue: CueHit | None, subject: tuple[int, int] | None,
                 appos: tuple[int, int] | None = None, sentence: int = 0, continues: bool = False) -> None:
        self.rule: Final = rule
        self.pieces: Final = pieces
        self.cue: Final = cue
        self.subject: Final = subject
        self.appos: Final = appos
        self.sentence: Final = sentence
        self.continues: Final = continues

    def with_pieces(self, pieces: Pieces) -> Candidate:
        """The same statement with these pieces."""
        return Candidate(self.rule, pieces, self.cue, self.subject, self.appos, self.sentence, self.continues)

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]


class _Block:
    """A rule's answer when a cue has its form but no statement: no later rule is tried."""

    def __repr__(self) -> str:
        return "BLOCK"


BLOCK: Final = _Block()

class FrameKind(str, Enum):
    """How a cue stands in its sentence (see :class:`Frame`)."""

    ACCORDING = "according"
    PASSIVE = "passive"
    RAISING = "raising"
    GERUND = "gerund"
    PARTICIPLE = "participle"
    COORDINATED = "coordinated"
    PREVERBAL = "preverbal"
    INVERTED = "inverted"


class Frame:
    """How a cue stands in its sentence, read once before any rule is tried.

    ``according``: "according to X"; ``passive``: "it was reported that"; ``raising``: "is said to
    be"; ``gerund``: an -ing form with no subject of its own ("after saying"); ``participle``: a
    participle clause on a main clause (", saying ..."); ``coordinated``: a second verb of one
    subject ("... and warned that"); ``preverbal``: a source before the cue (``subject``, with
    ``after`` the token where the content may start once an object is passed); ``inverted``: the
    cue before its source or with no source in reach (``subject`` is the source after the cue,
    when one stands there). ``anchor`` is the token before the cue once auxiliaries are passed
    (the "and" of a coordinated cue, the comma or closing mark of an inverted one)."""

    def __init__(self, kind: FrameKind, subject: Mention | None = None,
                 subject_span: tuple[int, int] | None = None, appos_span: tuple[int, int] | None = None,
                 after: int = 0, anchor: int = -1) -> None:
        self.kind: Final = kind
        self.subject: Final = subject
        self.subject_span: Final = subject_span
        self.appos_span: Final = appos_span
        self.after: Final = after
        self.anchor: Final = anchor


class CueContext:
    """What a cue-scoped rule reads: the sentence, the cue, its frame, and the statements already
    made in this sentence (a participle's or a second verb's subject is the earlier one's)."""

    def __init__(self, view: "SentenceView", hit: CueHit, frame: Frame, earlier: tuple[Candidate, ...]) -> None:
        self.view: Final = view
        self.hit: Final = hit
        self.frame: Final = frame
        self.earlier: Final = earlier


@dataclass(frozen=True, slots=True)
class TextContext:
    """What a paragraph-scoped rule reads: the text, its paragraphs and its quotes."""

    text: str
    paragraphs: tuple[tuple[int, int], ...]
    quotes: tuple["Quoted", ...]


class QuoteContext:
    """What a quote-scoped rule reads: a quotation no statement took, its sentence, and the
    statement ending last before it (``previous``), when that one is in the sentence before."""

    def __init__(self, view: "SentenceView", quote: "Quoted", previous: Candidate | None,
                 follows_previous: bool, previous_carried_on: bool) -> None:
        self.view: Final = view
        self.quote: Final = quote
        self.previous: Final = previous
        self.follows_previous: Final = follows_previous    # the quote's sentence comes right after the previous statement
        self.previous_carried_on: Final = previous_carried_on  # the previous statement's rule is carried on by a quotation


Match = Union[Candidate, _Block, None]


@dataclass(frozen=True, slots=True)
class Example:
    """A worked example: ``text`` must give a statement by this rule whose content is
    ``content`` (and whose source mention is ``source``, when given)."""

    text: str
    content: str
    source: str | None = None


@dataclass(frozen=True)
class Rule:
    """A named attribution rule. ``precision`` is the share of its statements that the scorer pairs
    with a human annotation (one-to-one, overlap >= 0.3) on the PolNeAR training split, out of
    ``support`` statements (``benchmarks/evaluate.py ... --rules``); it is the ``confidence`` of
    every statement the rule makes. Rules with no support there carry a stated prior of 0.5."""

    name: str
    family: str
    scope: Scope
    description: str
    match: Callable[..., Any] = field(repr=False, compare=False)   # by scope: see above
    examples: tuple[Example, ...]
    counterexamples: tuple[str, ...]
    frames: tuple[str, ...] = ()
    carried_on: bool = False    # a quotation right after one of its statements continues it
    precision: float = 0.5
    support: int = 0

    @property
    def example(self) -> str:
        return self.examples[0].text
