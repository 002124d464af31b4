"""Stance of a statement: the reporting verb's class plus evaluative words, negation and hedges.

    warned that North Korea may deploy troops  -> oppose (verb), hedged ("may")
    would mean a "significant escalation"      -> oppose ("escalation")
    pose no threat                             -> the negation flips "threat"
"""
from __future__ import annotations

import re

from .lexicon import HEDGES, NEGATIONS, STANCE_WORDS
from .model import Span, Stance

WORDS = re.compile(r"\w+(?:[\u2019'-]\w+)*")
_PHRASES = tuple(sorted((w for w in STANCE_WORDS if " " in w), key=len, reverse=True))
_HEDGE_PHRASES = tuple(h for h in HEDGES if " " in h)
VERB_WEIGHT = 1.0
WORD_WEIGHT = 0.6
THRESHOLD = 0.5


def stance_of(text: str, pieces: tuple[tuple[int, int], ...], verb_stance: str | None,
              cue: tuple[int, int] | None) -> Stance:
    score = 0.0
    evidence: list[Span] = []
    hedged = False
    if verb_stance in ("support", "oppose") and cue is not None:
        score += VERB_WEIGHT if verb_stance == "support" else -VERB_WEIGHT
        evidence.append(Span(cue[0], cue[1], text[cue[0]:cue[1]]))
    for start, end in pieces:
        recent: list[str] = []
        for m in WORDS.finditer(text, start, end):
            low = m.group().lower()
            if low in HEDGES and (m.group().islower() or low not in ("may", "might")):
                hedged = True
            polarity = STANCE_WORDS.get(low)
            if polarity is not None:
                sign = 1.0 if polarity == "support" else -1.0
                if any(w in NEGATIONS or w.endswith("n't") for w in recent[-3:]):
                    sign = -sign
                score += sign * WORD_WEIGHT
                evidence.append(Span(m.start(), m.end(), m.group()))
            recent.append(low)
        if _PHRASES or _HEDGE_PHRASES:
            chunk = text[start:end].lower()
            for phrase in _HEDGE_PHRASES:
                if phrase in chunk:
                    hedged = True
            for phrase in _PHRASES:
                at = chunk.find(phrase)
                if at >= 0:
                    score += (1.0 if STANCE_WORDS[phrase] == "support" else -1.0) * WORD_WEIGHT
                    evidence.append(Span(start + at, start + at + len(phrase), text[start + at:start + at + len(phrase)]))
    label = "neutral"
    if score >= THRESHOLD:
        label = "support"
    elif score <= -THRESHOLD:
        label = "oppose"
    evidence.sort(key=lambda s: s.start)
    return Stance(label, round(max(-1.0, min(1.0, score)), 3), hedged, tuple(evidence))
