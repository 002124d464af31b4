"""Cues: reporting verbs (and ``according to``) in a sentence's tokens, with their lemma and class."""
from __future__ import annotations

import re
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final, Mapping

from .language import ENGLISH as EN
from .language import VerbEntry, alternatives
from .model import slot_init
from .segment import Token

# Words before a base verb form that make it a noun or a non-finite use: "the report", "a claim".
DETERMINERS: Final = EN.determiners
# Auxiliaries and adverbs that may stand between a subject and its cue ("has also said").
AUX_ADV: Final = EN.aux_adv
# Past forms without -ed: still verbs after a possessive-looking word ("Trump's aide said").
IRREGULAR_PAST: Final = EN.irregular_past
WEEKDAYS: Final = EN.weekdays
# Forms that are cues in a Title-Case headline ("Trump Says ...").
HEADLINE_CUES: Final = EN.headline_cues
VERBS: Final = EN.verbs
CUE_WORDS: Final = EN.cue_words
# Multi-word cues by their first word: "according" -> (("according", "to"),).
MULTIWORD: Mapping[str, tuple[tuple[str, ...], ...]] = MappingProxyType({
    first: tuple(w for w in EN.multiword_cues.values() if w[0] == first)
    for first in {w[0] for w in EN.multiword_cues.values()}})
_POSSESSIVE: Final = EN.possessive_suffixes + EN.plural_possessive_suffixes
_PAST_OR_PARTICIPLE: Final = EN.past_suffixes + EN.participle_suffixes
_PAST: Final = EN.past_suffixes
_INFINITIVE_MARKERS: Final = EN.infinitive_markers


# A word that a cue starts with, between two characters that are not ASCII lower-case letters, in
# lower-cased text. Every word the cue finder can take (a token whose lower-cased text is a cue
# word: a run of letters with no letter, digit or underscore beside it) matches; a few words beside
# a non-ASCII letter match too ("ésaid"), and the cue finder then finds no cue in them.
CUE_WORD: Final = re.compile("[^a-z]%s(?![a-z])" % alternatives(EN.cue_words))


@slot_init
@dataclass(frozen=True, slots=True)
class CueHit:
    index: int              # token index of the (last) cue word in the sentence
    first: int              # token index of the first cue word ("according" of "according to")
    entry: VerbEntry | None  # None for "according to"
    start: int
    end: int
    phrase: str | None = None   # the multi-word cue, when entry is None ("according to")
    lemma: str = ""             # the entry's lemma, or the multi-word cue (read by every rule: stored)


_WORD_CHAR: Final = re.compile(r"\w")
_JOINERS: Final = "\u2019'&-"      # what joins two words into one token: see segment.TOKEN


# Cue words that can be cues when not written in lower case: a multi-word cue's first word
# ("According to") and the headline cues ("Trump Says ..."). Any other ("Talks stall", "ADDED") is
# no cue: see find_cues.
_CASED_CUES: Final = HEADLINE_CUES | frozenset(MULTIWORD)


def has_cue_word(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] may hold a cue: a sentence without a word that a cue starts with has
    none (a prefilter that spares tokenising most sentences). One regex search over the lower-cased
    sentence, which stops at the first such word; it may let through a sentence with no cue, never
    one with a cue. Passed over: a cue word joined to the word before it ("so-called",
    "well-told"), as the two are one token, which is no cue word (lower-casing turns no character
    into a word character or a joiner that was not one, so what is joined in the lower-cased
    sentence is joined in the text); and one that starts with a capital in the text and is no cue so
    written ("Talks stall"), read where lower-casing kept every character one character (so that
    the word stands at the same offsets in the text)."""
    low = " " + text[start:end].lower()
    m = CUE_WORD.search(low)
    if m is None:
        return False
    aligned = len(low) == end - start + 1
    while m is not None and (
            low[m.start()] in _JOINERS and _WORD_CHAR.match(low, m.start() - 1)     # "so-called"
            or aligned and text[start + m.start()].isupper() and low[m.start() + 1:m.end()] not in _CASED_CUES):
        m = CUE_WORD.search(low, m.end())   # (the second test: "Talks stall")
    return m is not None


def _multiword_at(toks: list[Token], i: int) -> tuple[str, ...] | None:
    """The multi-word cue whose words start at token i ("according to"), if any."""
    for words in MULTIWORD.get(toks[i].low, ()):
        last = i + len(words) - 1
        if last < len(toks) and all(toks[i + k].low == w for k, w in enumerate(words)):
            return words
    return None


def _title_case(toks: list[Token]) -> bool:
    words = [t for t in toks if t.text[0].isalpha() and len(t.text) > 3]
    return len(words) >= 3 and sum(t.text[0].isupper() for t in words) >= 0.8 * len(words)


def _headline(toks: list[Token]) -> bool:
    """A Title-Case headline with a cue in capitals ("Trump Says ...")."""
    return any(t.low in HEADLINE_CUES and not t.text.islower() for t in toks) and _title_case(toks)


def find_cues(toks: list[Token], inside_quote: list[bool]) -> list[CueHit]:
    hits: list[CueHit] = []
    headline: bool | None = None        # whether the sentence is a Title-Case headline, once asked
    for i, tok in enumerate(toks):
        low = tok.low
        if low not in CUE_WORDS or inside_quote[i]:
            continue            # no cue starts with this word (most words)
        words = _multiword_at(toks, i) if low in MULTIWORD else None
        if words is not None:
            last = i + len(words) - 1
            phrase = " ".join(words)
            hits.append(CueHit(last, i, None, tok.start, toks[last].end, phrase, phrase))
            continue
        entry = VERBS.get(low)
        if entry is None:
            continue
        if not tok.text.islower():
            if low not in HEADLINE_CUES or i == 0:
                continue        # "the United States": not a verb here
            if headline is None:
                headline = _headline(toks)
            if not headline:
                continue        # "Says" in a title that is no headline
        prev = toks[i - 1].low if i > 0 else ""
        if prev in DETERMINERS or prev in _INFINITIVE_MARKERS and not low.endswith(_PAST):
            continue            # "the report", "a claim", "to say" -- a noun or an infinitive
        if prev.endswith(_POSSESSIVE) and not low.endswith(_PAST_OR_PARTICIPLE) and low not in IRREGULAR_PAST:
            continue            # "Editor's note", "Trump's claims"
        hits.append(CueHit(i, i, entry, tok.start, tok.end, None, entry.lemma))
    return hits
