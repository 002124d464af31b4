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

import math
import re
from operator import itemgetter
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


# ASCII marks no word holds: a run of text between white spaces stripped of them has the same words
_MARKS: Final = "".join(c for c in map(chr, range(128)) if not (c.isspace() or WORDS.match(c) or c in "'-"))


def _words(text: str) -> list[str]:
    """WORDS.findall(text), found faster: no word holds white space, and a run of letters and
    digits between white spaces (most runs, once marks that no word holds are stripped from their
    ends: "said," "(who") is a word whole (str.isalnum takes the characters \\w takes, but for "_")."""
    words: list[str] = []
    for run in text.split():
        if not run.isalnum():
            run = run.strip(_MARKS)
            if not run.isalnum():
                words.extend(WORDS.findall(run))
                continue
        words.append(run)
    return words


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
# The obligations as words, by the word each opens with, for when each is ASCII letters in words apart
# by one space (the regex's \s+): a piece with no hyphen or apostrophe holds one only where its
# words follow each other, as words whole of the piece
_OBLIGATION_WORDS: Final = {first: tuple(tuple(o.lower().split(" ")) for o in EN.obligations
                                         if o.lower().split(" ")[0] == first) for first in _OBLIGATION_OPENERS}
_OBLIGATIONS_PLAIN: Final = all(w.isascii() and w.isalpha() for o in EN.obligations for w in o.split(" "))


class _Reading:
    """What the loop over a piece's words reads of a word it looks at: the phrases (hedges, then
    stance words) that open with it, its value as one word (a stance word's polarity, else its
    valence, or None), whether it is a stance word, a hedge, one only in lower case, a negation
    (with those that end with one), whether it opens an obligation, and whether the loop reads more
    of it than that."""

    def __init__(self, word: str, matters: bool, negation: bool = False) -> None:
        self.hedge_phrases = _HEDGE_PHRASES.get(word, ())
        self.phrases = _PHRASES.get(word, ())
        polarity = STANCE_WORDS.get(word)
        self.polar = polarity is not None
        self.value = (1.0 if polarity == "support" else -1.0) if polarity is not None else EVALUATIVE.get(word)
        self.hedge = word in HEDGES
        self.lower_only = self.hedge and word in EN.lower_only_hedges
        self.negation = negation or word in NEGATIONS or word.endswith(NEGATION_SUFFIXES)
        self.opener = word in _OBLIGATION_OPENERS
        self.matters = matters


# The words the loop over a piece's words looks at: those that matter, and the obligations' openers
_READINGS: Final = {word: _Reading(word, word in _MATTERS) for word in _MATTERS | _OBLIGATION_OPENERS}
# A word that ends with a negation ("didn't") and is none of those: a negation only
_SUFFIXED: Final = _Reading("", True, negation=True)
_WORD_PARTS: Final = re.compile(r"[-' ]")
_START: Final = itemgetter(0)
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


class _Words:
    """The words of a piece of the text lower-cased, with \u2019 read as ', as ``lows`` (the words
    before word i are lows[:i]), with a string that holds them all (``lowered``), and where each
    word stands in the text, found when first asked. An ASCII piece (``plain``) is lower-cased whole
    and its words found in that (lower-casing ASCII moves no word's bounds); any other has its words
    found first, then lower-cased in one call, joined by spaces (a word holds no space, and a space
    ends a word for lower-casing too). A word's place is found from the last one placed: the first
    place after it where the word stands (only characters of no word lie between two words), in the
    lower-cased piece if ASCII, else in the piece."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self.start = start
        piece = text[start:end]
        self.plain = piece.isascii()
        if self.plain:
            self.lowered = piece.lower()
            self.lows = _words(self.lowered)
            self._within = self.lowered         # where the words are placed
            self._forms = self.lows             # the words as they stand there
        else:
            words = _words(piece)
            self.lowered = " ".join(words).lower().replace("\u2019", "'")
            self.lows = self.lowered.split(" ") if words else []
            self._within = piece
            self._forms = words
        self._starts: list[int] = []        # where the first words stand in ``_within``
        self._after = 0                     # where the last word placed ends there

    def _place(self, i: int) -> None:
        """Place the words up to word i."""
        starts = self._starts
        while len(starts) <= i:
            form = self._forms[len(starts)]
            at = self._within.find(form, self._after)
            starts.append(at)
            self._after = at + len(form)

    def start_of(self, i: int) -> int:
        """Where word i starts in the text."""
        self._place(i)
        return self.start + self._starts[i]

    def end_of(self, i: int) -> int:
        """Where word i ends in the text."""
        self._place(i)
        return self.start + self._starts[i] + len(self._forms[i])


def _opens_within(word: str) -> bool:
    """A part of the word between hyphens and apostrophes opens an obligation ("must-see")."""
    return ("-" in word or "'" in word) and not _OBLIGATION_OPENERS.isdisjoint(_WORD_PARTS.split(word))


def _obligations_from(words: _Words, first: int) -> int:
    """Where in the text OBLIGATION's search of the piece ``words`` read may start, or -1 when it
    can find nothing there; ``first``: the first of the piece's words that opens an obligation, or
    -1. The regex's case-insensitive matching has folds of its own outside ASCII ("\u017f" for "s"):
    a piece whose words are not ASCII once lower-cased is searched whole. Another holds no
    obligation unless one of its words, or a part of one between hyphens and apostrophes, opens one
    (the regex needs the whole first word), and, when it holds no hyphen and no apostrophe (and the
    obligations are ASCII words), none before the first place where the words of a whole
    obligation follow each other. In an ASCII piece none lies before the first place where an
    opener stands (case aside, ASCII has no other folds)."""
    if not _OPENERS_PLAIN or not (words.plain or words.lowered.isascii()):
        return words.start
    lowered = words.lowered
    if "-" in lowered or "'" in lowered:
        if first < 0 and not any(_opens_within(low) for low in words.lows):
            return -1
    elif first < 0:
        return -1
    elif _OBLIGATIONS_PLAIN:
        lows = words.lows
        for k in range(first, len(lows)):
            if lows[k] in _OBLIGATION_WORDS and _phrase_at(lows, k, _OBLIGATION_WORDS[lows[k]]):
                return words.start_of(k)
        return -1
    if not words.plain:
        return words.start
    at = len(lowered)
    for opener in _OBLIGATION_OPENERS:
        found = lowered.find(opener)
        if 0 <= found < at:
            at = found
    return words.start + at


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


def _phrase_at(words: list[str], i: int, phrases: tuple[tuple[str, ...], ...]) -> int:
    """The length in words of the longest of the phrases, the longest first, that starts at word i,
    or 0."""
    for phrase in phrases:
        if _follow(words, i, phrase):
            return len(phrase)
    return 0


def _follow(words: list[str], i: int, phrase: tuple[str, ...]) -> bool:
    """The words from word i are those of the phrase (tuple(words[i:i + len(phrase)]) == phrase,
    compared in place)."""
    if i + len(phrase) > len(words):
        return False
    for j in range(len(phrase)):
        if words[i + j] != phrase[j]:
            return False
    return True


def _title_case(text: str, start: int, end: int) -> bool:
    """A headline written in title case, where every long word has a capital ("Trump Hid Health Problems")."""
    long = [w for w in _words(text[start:end]) if len(w) > 3]
    return len(long) >= 2 and sum(w[0].isupper() for w in long) >= 0.6 * len(long)


def _sentence_start(text: str, start: int, at: int) -> bool:
    """The word at `at` opens the piece or a sentence (after . ! ? : or an opening quote)."""
    before = text[start:at].rstrip()
    return not before or before[-1] in ".!?:\"'\u201c\u2018("


def _hedge_near(text: str, cue: tuple[int, int]) -> bool:
    """A hedge among the words of the cue and of the 12 characters before it ("it is believed
    that ...", "reportedly said"). In ASCII the words of the span lower-cased are those of the span's
    lower-cased text."""
    near = text[max(0, cue[0] - 12):cue[1]]
    plain = near.isascii()
    for word in _words(near.lower() if plain else near):
        if (word if plain else word.lower()) in HEDGES:
            return True
    return False


def _negated_before(lows: list[str], i: int, suffixed: bool) -> bool:
    """A negation among the NEGATION_REACH words before word i; ``suffixed``: the piece may hold a
    word that ends with one ("didn't")."""
    for j in range(max(0, i - NEGATION_REACH), i):
        if lows[j] in NEGATIONS or (suffixed and lows[j].endswith(NEGATION_SUFFIXES)):
            return True
    return False


def _rounded(score: float) -> float:
    """round(score, 3), which reads the float's decimal digits, unless the score is already the
    float nearest to a number of three places (a whole, a half, most others): then it is the
    result (it lies closer to that number than half a thousandth)."""
    return score if math.floor(score * 1000 + 0.5) / 1000 == score else round(score, 3)


def stance_of(text: str, pieces: tuple[tuple[int, int], ...], verb_stance: str | None,
              cue: tuple[int, int] | None) -> Stance:
    score = 0.0
    evidence: list[tuple[int, int, float]] = []      # each deciding word (where it stands), with the way it pulled
    hedged = False      # a hedge in the content, or else about the cue (asked last, when needed)
    if verb_stance in POLARITIES and cue is not None:
        score += VERB_WEIGHT if verb_stance == "support" else -VERB_WEIGHT
        evidence.append((cue[0], cue[1], 1.0 if verb_stance == "support" else -1.0))
    call_cue = verb_stance not in POLARITIES and cue is not None and _call_cue(text, cue)
    open_negation: tuple[int, int] | None = None        # the last negation no evaluative word took
    for start, end in pieces:
        words = _Words(text, start, end)
        lows = words.lows
        lowered = words.lowered
        # the words read below: those with a stance, a hedge, a negation or a phrase, and those
        # that end with a negation ("didn't": with NEGATIONS, the words _negation takes), which
        # only a piece that holds such an ending (``suffixed``) may have; the others (most words)
        # are only counted
        suffixed = False
        for suffix in NEGATION_SUFFIXES:
            suffixed = suffixed or suffix in lowered
        title: bool | None = None       # whether the piece is a headline in title case, once asked
        i = 0
        opener = -1         # the first word that opens an obligation
        for k in range(len(lows)):
            low = lows[k]
            reading = _READINGS.get(low)
            if reading is None:
                if not (suffixed and low.endswith(NEGATION_SUFFIXES)):
                    continue            # a word that matters not
                reading = _SUFFIXED
            if reading.opener and opener < 0:
                opener = k
            if not reading.matters or k < i:
                continue            # an opener only, or a word of the phrase read last
            i = k
            size = _phrase_at(lows, i, reading.hedge_phrases)
            if size:             # "not necessarily", "it is possible": a hedge, and its "not" denies nothing
                hedged = True
                i += size
                continue
            size = _phrase_at(lows, i, reading.phrases)
            polar = False
            lower_only = False      # a hedge only in lower case ("may", not the month "May")
            negation = False
            if size:
                value: float | None = 1.0 if STANCE_WORDS[" ".join(lows[i:i + size])] == "support" else -1.0
            else:
                size = 1
                polar = reading.polar
                value = reading.value
                if reading.hedge:
                    lower_only = reading.lower_only
                    hedged = hedged or not lower_only
                negation = reading.negation
                if value is None and not lower_only and not negation:
                    i += 1
                    continue        # nothing more here: a hedge (read above), or a phrase's first word, no phrase
            at = words.start_of(i)
            if lower_only and text[at:words.end_of(i)].islower():
                hedged = True
            if value is not None and size == 1 and not polar and text[at].isupper():
                if title is None:
                    title = _title_case(text, start, end)
                if not title and not _sentence_start(text, start, at):
                    value = None     # a capital inside a sentence: a name ("United States", "Rich Eisen"), no evaluation
            if value is not None:
                if _negated_before(lows, i, suffixed):
                    value, open_negation = -value, None
                score += value * WORD_WEIGHT
                evidence.append((at, words.end_of(i + size - 1), value))
            elif negation:
                # "has not been decided", "no evidence yet": a state, not a denial; it still flips
                # an evaluative word ("couldn't yet support him")
                if STATUS.isdisjoint(lows[i + 1:i + 1 + NEGATION_REACH]):
                    open_negation = (at, words.end_of(i))
            i += size
        search_from = _obligations_from(words, opener)
        if search_from < 0:
            continue
        for call in OBLIGATION.finditer(text, search_from, end):
            before = [w.lower() for w in _words(text[start:call.start()])[-2:]]
            after = WORDS.match(text, _skip_space(text, call.end(), end), end)
            if any(_negation(w) for w in before) or (after is not None and _performative(after.group().lower())):
                continue         # "don't have to" obliges nothing; "I must tell you" is no call to act
            action = {w.lower() for w in _words(text[call.end():_clause_end(text, call.end(), end)])}
            # a call to vote for, back or adopt, else framed against its target (S7); "must not" forbids
            sign = 1.0 if not CALL_ADOPT.isdisjoint(action) and not (
                after is not None and _negation(after.group().lower())) else -1.0
            score += sign * CALL_TO_ACT
            evidence.append((call.start(), call.end(), sign))
            break
    if call_cue and cue is not None:
        # "urged Republicans to join", "called for a lower rate": a call to adopt (S7), unless the
        # content turns it against its target ("urged him to resign", "urges retaliation")
        against = sum(value for _, _, value in evidence) < 0 or any(
            not CALL_SCRUTINY.isdisjoint(w.lower() for w in _words(text[a:b])) for a, b in pieces)
        sign = -1.0 if against else 1.0
        score += sign * CALL_TO_ACT
        evidence.append((cue[0], cue[1], sign))
    if open_negation is not None:
        score -= NEGATED_CLAIM
        evidence.append((open_negation[0], open_negation[1], -1.0))
    label: StanceLabel = "neutral"
    if score >= SUPPORT_AT:
        label = "support"
    elif score < OPPOSE_BELOW:
        label = "oppose"
    # the words that decided (E1): those that pulled the way of the label, in the order they
    # stand; none for neutral
    decided = [(a, b) for a, b, pull in evidence
               if (pull > 0 and label == "support") or (pull < 0 and label == "oppose")] if label != "neutral" else []
    if len(decided) > 1:
        decided.sort(key=_START)
    if not hedged and cue is not None:
        hedged = _hedge_near(text, cue)      # "it is believed that ...", "reportedly said"
    return Stance(label, _rounded(max(-1.0, min(1.0, score))), hedged,
                  tuple([Span(a, b, text[a:b]) for a, b in decided]))
