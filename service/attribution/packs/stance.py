"""Stance of a pack language's statement: the pack's stance stems in the content (each +1 for
support, -1 for oppose, turned round by a negation among the three words before it) and the
stance the cue lends; hedged when a hedge stem stands in the content."""
from __future__ import annotations

from typing import Final

from ..model import Span, Stance, StanceLabel
from .data import Pack
from .text import WORD

NEGATION_REACH: Final = 3
MAX_STEM: Final = 40               # no stem is longer: a longer word is tried on its first 40 letters only


def _stem(table: object, low: str) -> str | None:
    """The longest stem of ``table`` that ``low`` starts with (stems of four letters or more; a
    shorter entry must match the whole word)."""
    if low in table:            # type: ignore[operator]
        return low
    for k in range(min(len(low) - 1, MAX_STEM), 3, -1):
        if low[:k] in table:    # type: ignore[operator]
            return low[:k]
    return None


def pack_stance(text: str, pieces: tuple[tuple[int, int], ...], pack: Pack, verb_stance: str | None,
                cue: tuple[int, int] | None) -> Stance:
    score = 0.0
    evidence: list[tuple[Span, float]] = []      # each deciding word, with the way it pulled
    hedged = False
    negations = pack.negations
    for a, b in pieces:
        recent: list[str] = []
        for m in WORD.finditer(text, a, b):
            low = m.group().lower()
            if not low[0].isalnum():
                continue
            if _stem(pack.hedges, low):
                hedged = True
            stem = _stem(pack.stance_words, low)
            if stem:
                value = 1.0 if pack.stance_words[stem] == "support" else -1.0
                if any(w in negations for w in recent[-NEGATION_REACH:]):
                    value = -value
                score += value
                evidence.append((Span(m.start(), m.end(), m.group()), value))
            recent.append(low)
    if verb_stance in ("support", "oppose") and cue is not None:
        value = 1.0 if verb_stance == "support" else -1.0
        score += value
        evidence.append((Span(cue[0], cue[1], text[cue[0]:cue[1]]), value))
    label: StanceLabel = "support" if score > 0 else "oppose" if score < 0 else "neutral"
    # the words that decided: those that pulled the way of the label (a negated word the way it pulled)
    kept = tuple(sorted((span for span, value in evidence if (value > 0) == (score > 0)), key=lambda s: s.start)) \
        if label != "neutral" else ()
    return Stance(label, max(-1.0, min(1.0, score / 3.0)), hedged, kept)
