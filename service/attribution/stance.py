"""Stance of a statement: the reporting verb's class plus evaluative words, negation and hedges.

    warned that North Korea may deploy troops  -> oppose (verb), hedged ("may")
    would mean a "significant escalation"      -> oppose ("escalation")
    pose no threat                             -> the negation flips "threat"
"""
from __future__ import annotations

import re

from .language import ENGLISH as EN
from .language import POLARITIES
from .model import Span, Stance, StanceLabel

HEDGES = EN.hedges
NEGATIONS = EN.negations
STANCE_WORDS = EN.stance_words
WORDS = re.compile(r"\w+(?:[\u2019'-]\w+)*")
_PHRASES = tuple(sorted((w for w in STANCE_WORDS if " " in w), key=len, reverse=True))
_HEDGE_PHRASES = tuple(h for h in HEDGES if " " in h)
_KEYS = frozenset(STANCE_WORDS) | HEDGES
VERB_WEIGHT = 1.0
WORD_WEIGHT = 0.6
THRESHOLD = 0.5


def stance_of(text: str, pieces: tuple[tuple[int, int], ...], verb_stance: str | None,
              cue: tuple[int, int] | None) -> Stance:
    score = 0.0
    evidence: list[Span] = []
    hedged = False
    if cue is not None and any(w.lower() in HEDGES for w in WORDS.findall(text, max(0, cue[0] - 12), cue[1])):
        hedged = True        # "it is believed that ...", "reportedly said"
    if verb_stance in POLARITIES and cue is not None:
        score += VERB_WEIGHT if verb_stance == "support" else -VERB_WEIGHT
        evidence.append(Span(cue[0], cue[1], text[cue[0]:cue[1]]))
    for start, end in pieces:
        if _KEYS.isdisjoint(w.lower() for w in WORDS.findall(text, start, end)) and not _PHRASES \
                and not _HEDGE_PHRASES:
            continue             # no evaluative word and no hedge: nothing to weigh
        recent: list[str] = []
        for m in WORDS.finditer(text, start, end):
            low = m.group().lower()
            if low in HEDGES and (m.group().islower() or low not in EN.lower_only_hedges):
                hedged = True
            polarity = STANCE_WORDS.get(low)
            if polarity is not None:
                sign = 1.0 if polarity == "support" else -1.0
                if any(w in NEGATIONS or w.endswith(EN.negation_suffixes) for w in recent[-3:]):
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
    label: StanceLabel = "neutral"
    if score >= THRESHOLD:
        label = "support"
    elif score <= -THRESHOLD:
        label = "oppose"
    evidence.sort(key=lambda s: s.start)
    return Stance(label, round(max(-1.0, min(1.0, score)), 3), hedged, tuple(evidence))
