"""Cues: reporting verbs (and ``according to``) in a sentence's tokens, with their lemma and class."""
from __future__ import annotations

from dataclasses import dataclass

from .lexicon import VERBS, VerbEntry
from .segment import Token

# Words before a base verb form that make it a noun or a non-finite use: "the report", "a claim".
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "his", "her", "their",
                         "its", "our", "my", "your", "whose", "no", "any", "every", "each", "some",
                         "another", "such"})
# Auxiliaries and adverbs that may stand between a subject and its cue ("has also said").
AUX_ADV = frozenset({
    "has", "have", "had", "is", "was", "were", "are", "am", "be", "been", "being", "will", "would",
    "could", "can", "should", "may", "might", "must", "shall", "did", "does", "do", "also", "later",
    "then", "previously", "repeatedly", "again", "recently", "publicly", "privately", "reportedly",
    "further", "earlier", "once", "often", "long", "never", "not", "n't", "already", "still", "even",
    "first", "just", "now", "today", "yesterday", "tonight", "separately", "subsequently", "always",
    "since", "initially", "ultimately", "finally", "originally", "likewise", "too", "herself",
    "himself", "themselves", "itself", "personally", "allegedly", "apparently", "reportedly",
})
IRREGULAR_PAST = frozenset({"said", "told", "wrote", "thought", "found", "felt", "forecast"})
WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})


@dataclass(frozen=True, slots=True)
class CueHit:
    index: int              # token index of the (last) cue word in the sentence
    first: int              # token index of the first cue word ("according" of "according to")
    entry: VerbEntry | None  # None for "according to"
    start: int
    end: int

    @property
    def lemma(self) -> str:
        return self.entry.lemma if self.entry else "according to"


HEADLINE_CUES = frozenset({"says", "said", "say", "tells", "told", "warns", "warned", "urges",
                           "claims", "admits", "denies", "vows", "calls", "slams", "praises"})


def _title_case(toks: list[Token]) -> bool:
    words = [t for t in toks if t.text[0].isalpha() and len(t.text) > 3]
    return len(words) >= 3 and sum(t.text[0].isupper() for t in words) >= 0.8 * len(words)


def find_cues(toks: list[Token], inside_quote: list[bool]) -> list[CueHit]:
    hits: list[CueHit] = []
    n = len(toks)
    headline = any(t.low in HEADLINE_CUES and not t.text.islower() for t in toks) and _title_case(toks)
    for i, tok in enumerate(toks):
        if inside_quote[i]:
            continue
        low = tok.low
        if low == "according" and i + 1 < n and toks[i + 1].low == "to":
            hits.append(CueHit(i + 1, i, None, tok.start, toks[i + 1].end))
            continue
        entry = VERBS.get(low)
        if entry is None or not (tok.text.islower() or headline and low in HEADLINE_CUES and i > 0):
            continue            # "the United States", "Says" in a title: not a verb here
        prev = toks[i - 1].low if i > 0 else ""
        if prev in DETERMINERS or prev == "to" and not low.endswith("ed"):
            continue            # "the report", "a claim", "to say" -- a noun or an infinitive
        if prev.endswith(("'s", "\u2019s", "s'")) and not low.endswith(("ed", "ing")) and low not in IRREGULAR_PAST:
            continue            # "Editor's note", "Trump's claims"
        hits.append(CueHit(i, i, entry, tok.start, tok.end))
    return hits
