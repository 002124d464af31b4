"""Stance of a statement (ENRICHED S1-S7, H1, E1): the reporting verb's class, the evaluative words
of the content with negation, denials and calls to act, and hedges.

    warned that North Korea may deploy troops  -> oppose (verb), hedged ("may")
    would mean a "significant escalation"      -> oppose ("escalation")
    pose no threat                             -> support: the negation flips "threat"
    "It doesn't make any sense,"               -> oppose: a negated claim is a denial or rejection
    "Trump should release his returns"         -> oppose: a call to act against its target

Evaluative words come from the language's own stance words (polarity +-1) and, beyond them, from
its evaluative lexicon (a valence per word, scaled to [-1, 1]). Pattern-based: no model.
"""
from __future__ import annotations

import re
from operator import attrgetter
from typing import Final, Iterable

from .language import ENGLISH as EN
from .language import POLARITIES
from .model import Span, Stance, StanceLabel

HEDGES: Final = EN.hedges
NEGATIONS: Final = EN.negations
STANCE_WORDS: Final = EN.stance_words
EVALUATIVE: Final = EN.evaluative
CALLS: Final = EN.calls
CALL_ADOPT: Final = EN.call_adopt
CALL_SCRUTINY: Final = EN.call_scrutiny
STATUS: Final = EN.status_words
# \w+(?:[\u2019'-]\w+)*, written so that a plain word enters no repeated group (see segment.TOKEN)
WORDS: Final = re.compile(r"\w+(?:[\u2019'-]\w+(?:[\u2019'-]\w+)*|)")


def _by_first_word(phrases: Iterable[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Multi-word phrases indexed by their first word, the longest first under each."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in sorted((tuple(p.split()) for p in phrases if " " in p), key=len, reverse=True):
        index.setdefault(phrase[0], []).append(phrase)
    return {first: tuple(group) for first, group in index.items()}


_PHRASES: Final = _by_first_word(STANCE_WORDS)
_HEDGE_PHRASES: Final = _by_first_word(HEDGES)
NEGATION_SUFFIXES: Final = EN.negation_suffixes
# every word the loop over a statement's words does something with; the others are only counted
_MATTERS: Final = frozenset(STANCE_WORDS) | frozenset(EVALUATIVE) | frozenset(HEDGES) | frozenset(NEGATIONS) \
    | frozenset(_PHRASES) | frozenset(_HEDGE_PHRASES)
OBLIGATION: Final = re.compile(r"\b(?:" + "|".join(sorted((re.escape(o).replace(r"\ ", r"\s+") for o in EN.obligations),
                                                   key=len, reverse=True)) + r")\b", re.IGNORECASE)
# The words obligations open with: a piece of ASCII text where none stands alone or as part of a
# hyphenated or elided word holds no obligation (the regex needs the whole first word there).
_OBLIGATION_OPENERS: Final = frozenset(re.split(r"\W", o.lower(), maxsplit=1)[0] for o in EN.obligations)
_OPENERS_PLAIN: Final = all(w and w.isascii() for w in _OBLIGATION_OPENERS)
_WORD_PARTS: Final = re.compile(r"[-' ]")
_START: Final = attrgetter("start")
_NO_WORDS: frozenset[str] = frozenset()
_ROUND: Final = frozenset((0.0, 0.5, -0.5, 1.0, -1.0))    # scores round(score, 3) leaves as they are
CLAUSE_END: Final = re.compile(r"[.!?;,\u2014](?:\s|$)")
VERB_WEIGHT: Final = 1.0       # a cue of a stance class (praised, warned)
WORD_WEIGHT: Final = 0.8       # an evaluative word at full valence
NEGATED_CLAIM: Final = 0.5     # a negation that flips no evaluative word: a denial or a rejection (S3, S5)
CALL_TO_ACT: Final = 0.5       # should, must, needs to, urged: a call to act, for or against what it names (S7)
NEGATION_REACH: Final = 3      # words before an evaluative word that a negation flips
SUPPORT_AT: Final = 0.5        # the score from which a statement supports
OPPOSE_BELOW: Final = -0.05    # the score under which it opposes: any net criticism (S1: warns, denies, ...)


def _negation(word: str) -> bool:
    return word in NEGATIONS or word.endswith(EN.negation_suffixes)


def _skip_space(text: str, at: int, end: int) -> int:
    while at < end and text[at].isspace():
        at += 1
    return at


def _clause_end(text: str, at: int, end: int) -> int:
    """Where the clause running at `at` ends within the piece."""
    stop = CLAUSE_END.search(text, at, end)
    return stop.start() if stop else end


def _lowered_words(piece: str, plain: bool) -> tuple[str, list[str]]:
    """The words of ``piece`` lower-cased, with \u2019 read as ', and a string that holds them all. An
    ASCII piece (``plain``) is lower-cased whole and its words found in that (lower-casing ASCII
    moves no word's bounds); any other has its words found first, then lower-cased in one call,
    joined by spaces (a word holds no space, and a space ends a word for lower-casing too)."""
    if plain:
        lowered = piece.lower()
        return lowered, WORDS.findall(lowered)
    words = WORDS.findall(piece)
    lowered = " ".join(words).lower().replace("\u2019", "'")
    return lowered, lowered.split(" ") if words else []


def _may_oblige(plain: bool, lowered: str, lows: list[str]) -> bool:
    """Whether OBLIGATION may find something in a piece, ASCII or not (``plain``), that
    ``_lowered_words`` read as ``lowered`` and ``lows``: false when the piece is ASCII and none of
    its words, nor any part of one between hyphens and apostrophes, opens an obligation (outside
    ASCII the regex's case-insensitive matching has folds of its own, and the piece is always
    searched)."""
    if not _OPENERS_PLAIN or not plain:
        return True
    parts = _WORD_PARTS.split(" ".join(lows)) if "-" in lowered or "'" in lowered else lows
    return not _OBLIGATION_OPENERS.isdisjoint(parts)


def _performative(word: str) -> bool:
    """A neutral verb of saying after an obligation: "I must tell you", "I have to say"."""
    entry = EN.verbs.get(word)
    return entry is not None and entry.stance == "neutral" and entry.lemma in EN.backward_lemmas


_CALL_HEADS: Final = frozenset(call.rsplit(" ", 1)[0] for call in CALLS if " " in call)


def _call_cue(text: str, cue: tuple[int, int]) -> bool:
    """The cue asks someone to act: "urged", "exhorted", "called for", "called on"."""
    form = text[cue[0]:cue[1]].lower()
    if form in CALLS:
        return True
    if form not in _CALL_HEADS:
        return False            # no call opens with the cue's words and one word more
    following = WORDS.match(text, _skip_space(text, cue[1], len(text)))
    return following is not None and f"{form} {following.group().lower()}" in CALLS


def _phrase_at(words: list[str], i: int, phrases: dict[str, tuple[tuple[str, ...], ...]]) -> int:
    """The length in words of the longest phrase that starts at word i, or 0 (only the phrases
    opening with that word are tried)."""
    for phrase in phrases.get(words[i], ()):
        if tuple(words[i:i + len(phrase)]) == phrase:
            return len(phrase)
    return 0


def _title_case(text: str, start: int, end: int) -> bool:
    """A headline written in title case, where every long word has a capital ("Trump Hid Health Problems")."""
    long = [w for w in WORDS.findall(text, start, end) if len(w) > 3]
    return len(long) >= 2 and sum(w[0].isupper() for w in long) >= 0.6 * len(long)


def _sentence_start(text: str, start: int, at: int) -> bool:
    """The word at `at` opens the piece or a sentence (after . ! ? : or an opening quote)."""
    before = text[start:at].rstrip()
    return not before or before[-1] in ".!?:\"'\u201c\u2018("


def stance_of(text: str, pieces: tuple[tuple[int, int], ...], verb_stance: str | None,
              cue: tuple[int, int] | None) -> Stance:
    score = 0.0
    evidence: list[tuple[Span, float]] = []      # each deciding word, with the way it pulled
    hedged = False
    if cue is not None and not HEDGES.isdisjoint(map(str.lower, WORDS.findall(text, max(0, cue[0] - 12), cue[1]))):
        hedged = True        # "it is believed that ...", "reportedly said"
    if verb_stance in POLARITIES and cue is not None:
        score += VERB_WEIGHT if verb_stance == "support" else -VERB_WEIGHT
        evidence.append((Span(cue[0], cue[1], text[cue[0]:cue[1]]), 1.0 if verb_stance == "support" else -1.0))
    call_cue = verb_stance not in POLARITIES and cue is not None and _call_cue(text, cue)
    open_negation: Span | None = None        # the last negation no evaluative word took
    for start, end in pieces:
        piece = text[start:end]
        plain = piece.isascii()
        lowered, lows = _lowered_words(piece, plain)      # the words before word i are lows[:i]
        # the words read below: those with a stance, a hedge, a negation or a phrase; the others
        # (most words) are only counted
        marked = _MATTERS.intersection(lows)
        # the words that end with a negation ("didn't"): with NEGATIONS, the words _negation takes
        suffixed = frozenset(low for low in lows if low.endswith(NEGATION_SUFFIXES)) \
            if any(map(lowered.__contains__, NEGATION_SUFFIXES)) else _NO_WORDS
        if suffixed:
            marked |= suffixed
        tokens: list[re.Match[str]] | None = None     # the words' offsets, found when one is needed
        i = 0
        for k in [k for k, low in enumerate(lows) if low in marked] if marked else ():
            if k < i:
                continue            # a word of the phrase read last
            i = k
            low = lows[i]
            size = _phrase_at(lows, i, _HEDGE_PHRASES) if low in _HEDGE_PHRASES else 0
            if size:             # "not necessarily", "it is possible": a hedge, and its "not" denies nothing
                hedged = True
                i += size
                continue
            size = _phrase_at(lows, i, _PHRASES) if low in _PHRASES else 0
            polarity = None
            lower_only = False      # a hedge only in lower case ("may", not the month "May")
            if size:
                value: float | None = 1.0 if STANCE_WORDS[" ".join(lows[i:i + size])] == "support" else -1.0
            else:
                size = 1
                polarity = STANCE_WORDS.get(low)
                value = (1.0 if polarity == "support" else -1.0) if polarity is not None else EVALUATIVE.get(low)
                if low in HEDGES:
                    lower_only = low in EN.lower_only_hedges
                    hedged = hedged or not lower_only
                if value is None and not lower_only and low not in NEGATIONS and low not in suffixed:
                    i += 1
                    continue        # nothing more here: a hedge (read above), or a phrase's first word, no phrase
            if tokens is None:
                tokens = list(WORDS.finditer(text, start, end))
            m = tokens[i]
            word = m.group()
            if lower_only and word.islower():
                hedged = True
            if value is not None and size == 1 and polarity is None and word[0].isupper() \
                    and not _title_case(text, start, end) and not _sentence_start(text, start, m.start()):
                value = None     # a capital inside a sentence: a name ("United States", "Rich Eisen"), no evaluation
            if value is not None:
                before = lows[max(0, i - NEGATION_REACH):i]
                if not NEGATIONS.isdisjoint(before) or not suffixed.isdisjoint(before):
                    value, open_negation = -value, None
                score += value * WORD_WEIGHT
                end_at = tokens[i + size - 1].end()
                evidence.append((Span(m.start(), end_at, text[m.start():end_at]), value))
            elif low in NEGATIONS or low in suffixed:
                # "has not been decided", "no evidence yet": a state, not a denial; it still flips
                # an evaluative word ("couldn't yet support him")
                if STATUS.isdisjoint(lows[i + 1:i + 1 + NEGATION_REACH]):
                    open_negation = Span(m.start(), m.end(), word)
            i += size
        if not _may_oblige(plain, lowered, lows):
            continue
        for call in OBLIGATION.finditer(text, start, end):
            before = [w.lower() for w in WORDS.findall(text, start, call.start())][-2:]
            after = WORDS.match(text, _skip_space(text, call.end(), end), end)
            if any(_negation(w) for w in before) or (after is not None and _performative(after.group().lower())):
                continue         # "don't have to" obliges nothing; "I must tell you" is no call to act
            action = {w.lower() for w in WORDS.findall(text, call.end(), _clause_end(text, call.end(), end))}
            # a call to vote for, back or adopt, else framed against its target (S7); "must not" forbids
            sign = 1.0 if not CALL_ADOPT.isdisjoint(action) and not (
                after is not None and _negation(after.group().lower())) else -1.0
            score += sign * CALL_TO_ACT
            evidence.append((Span(call.start(), call.end(), call.group()), sign))
            break
    if call_cue and cue is not None:
        # "urged Republicans to join", "called for a lower rate": a call to adopt (S7), unless the
        # content turns it against its target ("urged him to resign", "urges retaliation")
        against = sum(value for _, value in evidence) < 0 or any(
            not CALL_SCRUTINY.isdisjoint(w.lower() for w in WORDS.findall(text, a, b)) for a, b in pieces)
        sign = -1.0 if against else 1.0
        score += sign * CALL_TO_ACT
        evidence.append((Span(cue[0], cue[1], text[cue[0]:cue[1]]), sign))
    if open_negation is not None:
        score -= NEGATED_CLAIM
        evidence.append((open_negation, -1.0))
    label: StanceLabel = "neutral"
    if score >= SUPPORT_AT:
        label = "support"
    elif score < OPPOSE_BELOW:
        label = "oppose"
    # the words that decided (E1): those that pulled the way of the label; none for neutral
    decided = sorted((span for span, pull in evidence
                      if (pull > 0 and label == "support") or (pull < 0 and label == "oppose")),
                     key=_START) if label != "neutral" else ()
    score = max(-1.0, min(1.0, score))
    # (rounding a float to three places reads its decimal digits: a whole or half needs none)
    return Stance(label, score if score in _ROUND else round(score, 3), hedged, tuple(decided))
