"""Attribution rules: from a sentence's cues, subjects and quotes to candidate statements.

Each rule has a name (it appears in the output as ``rule``), a worked example and its measured
precision on the PolNeAR training split (``confidence`` in the output). The rules are tried in the
order of ``RULES``; the first that fits a cue wins.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from .cues import AUX_ADV, WEEKDAYS, CueHit, find_cues
from .lexicon import ANONYMOUS, VERBS, VerbEntry
from .mentions import (MONTHS, PREPOSITIONS, subject_after, subject_before, subject_forward,
                       skip_aux_back)
from .quotes import Quoted
from .segment import Sentence, Token, tokens


@dataclass(frozen=True, slots=True)
class Rule:
    """A named attribution rule. ``precision`` is the share of its statements that the scorer pairs
    with a human annotation (one-to-one, overlap >= 0.3) on polnear-train.jsonl, out of ``support``
    statements (``python3 benchmarks/evaluate.py ../shared/eval/polnear-train.jsonl --rules``);
    it is the ``confidence`` of every statement the rule makes. Rules with no support on train
    carry a stated prior of 0.5."""

    name: str
    example: str
    precision: float
    support: int


# Measured on polnear-train.jsonl with engine 1.0.0 (2026-11-25).
RULES_MEASURED_ON = "polnear-train.jsonl (PolNeAR v1.0.0 training split), overlap >= 0.3, one-to-one"
RULES: dict[str, Rule] = {r.name: r for r in (
    Rule("subject-cue-content", "The Pentagon says that the DPRK has sent troops.", 0.870, 5567),
    Rule("quote-comma-subject-cue", '"We are ready," he said.', 0.953, 2300),
    Rule("quote-comma-cue-subject", '"We are ready," said Gen. Ann Li.', 0.969, 706),
    Rule("participle-cue", "He praised the plan, saying it was overdue.", 0.832, 583),
    Rule("according-to", "According to the Kyiv Post, 20 soldiers were killed.", 0.899, 416),
    Rule("interrupted-quote", '"We are ready," he said, "and we will go."', 0.922, 412),
    Rule("coordinated-cue", "He praised the plan and warned that it would cost more.", 0.776, 353),
    Rule("content-comma-subject-cue", "Troops are ready, the minister said.", 0.835, 291),
    Rule("follow-on-quote", '"A," she said. "B." -> "B." belongs to her statement', 0.721, 190),
    Rule("name-colon", "PENCE: Well, the question really should be ...", 0.719, 146),
    Rule("content-comma-cue-subject", "Troops are ready, said the minister.", 0.889, 63),
    Rule("cue-colon-paragraph", "The New York Times reports:\n\n\"In an illustration ...\"", 1.000, 6),
    Rule("unattributed-passive", "It was reported that troops had crossed the border.", 0.800, 5),
    Rule("quoted-fragment-verb", 'Trump likened the refugees to a "vicious snake."', 0.789, 497),
    Rule("quote-dash-name", '"We deserve better." \u2015 Ana Ruiz', 0.5, 0),
    Rule("headline-partial", 'China "sees no threat" in cooperation', 0.5, 0),
)}

OBJECT_VERBS = frozenset({"tell", "ask", "urge", "inform", "assure", "reassure", "warn", "brief",
                          "remind", "promise", "caution", "accuse", "criticize", "praise", "call",
                          "blame", "attack", "thank", "commend", "condemn", "slam", "blast",
                          "applaud", "exhort"})
# Verb forms that report content only with "that" ("found that ..."), not with a plain object.
NEEDS_THAT = frozenset({"found", "finds", "released", "published", "posted", "disclosed", "issued",
                        "expected", "expects", "hoped", "hopes", "feels", "felt", "described",
                        "cited", "citing", "mentioned", "answered", "repeated", "projected",
                        "estimated", "forecast", "signaled", "signalled"})
OBJECT_WORDS = frozenset({"him", "her", "them", "us", "me", "you", "reporters", "journalists",
                          "lawmakers", "supporters", "voters", "viewers", "listeners", "senators",
                          "members", "investigators", "officials", "colleagues", "students",
                          "delegates", "donors", "crowd", "audience", "congress", "parliament"})
# Verbs that may close a sentence after their content ("..., he said."); "..., she called" may not.
BACKWARD_LEMMAS = frozenset({
    "say", "add", "note", "argue", "explain", "write", "tweet", "post", "continue", "insist", "warn",
    "acknowledge", "claim", "contend", "predict", "suggest", "report", "conclude", "recall", "concede",
    "maintain", "admit", "complain", "allege", "caution", "observe", "remark", "reply", "respond",
    "tell", "state", "declare", "assert", "estimate", "believe", "think", "announce", "confirm", "joke",
    "quip", "muse", "boast", "counter", "stress", "emphasize", "reiterate", "comment", "testify",
    "deny", "agree", "ask", "according to", "fear", "lament", "insist", "recount", "wonder",
})
# Words that open an introductory clause or phrase, not reported content ("When asked, he said").
INTRO_OPENERS = frozenset({"after", "as", "when", "while", "before", "since", "if", "although",
                           "because", "though", "soon", "once", "until", "asked", "speaking",
                           "earlier", "later", "meanwhile", "however", "still", "instead"})
# Verbs whose content may be an infinitive: "vowed to form a task force".
INFINITIVE_LEMMAS = frozenset({"vow", "promise", "pledge", "urge", "agree", "threaten", "ask", "call",
                               "tell", "warn", "decline", "refuse", "offer", "propose", "plan",
                               "hope", "expect", "claim", "appear", "seem"})
# Words that cannot open reported content right after a cue.
BAD_CONTENT_STARTS = frozenset({
    "as", "while", "before", "after", "so", "yes", "otherwise", "was", "is", "are", "were", "will", "would", "has", "had",
    "have", "can", "could", "should", "might", "must", "did", "does", "aboard", "amid", "during",
    "speaking", "answering", "addressing", "responding", "referring", "talking", "standing",
    "wearing", "pointing", "looking", "holding", "visiting", "campaigning", "appearing", "sitting",
})
# Verbs that name their object, then the charge: "accused X of ...", "praised X for ...".
CHARGE_LEMMAS = frozenset({"accuse", "criticize", "praise", "blame", "attack", "thank", "commend",
                           "condemn", "fault", "slam", "blast", "applaud", "credit"})
# Verbs whose content may follow "of", "about", "on" or "against": "spoke of", "warned against".
ABOUT_LEMMAS = frozenset({"speak", "talk", "comment", "write", "complain", "warn", "joke", "boast",
                          "testify", "tweet", "caution", "rail", "argue", "speculate", "muse"})
ABOUT_PREPOSITIONS = frozenset({"of", "about", "on", "against"})
PASSIVE_AUX = frozenset({"is", "was", "were", "are", "been", "be", "being"})
PARTICIPLE_LEAD = frozenset({",", "as", "by", "while", "before", "after", "when"})
CLOSING_MARKS = frozenset({'"', "\u201d", "''", "\u00bb", "'", "\u2019", "\u203a", "\u201c"})
OPENING_MARKS = frozenset({'"', "\u201c", "``", "`", "''", "\u00ab", "\u201e", "'", "\u2018"})
TIME_WORDS = WEEKDAYS | MONTHS | frozenset({"last", "this", "next", "earlier", "later", "today",
                                            "yesterday", "tonight", "week", "month", "year",
                                            "morning", "afternoon", "evening", "night"})


@dataclass(slots=True)
class Candidate:
    rule: str
    pieces: list[tuple[int, int]]
    cue: CueHit | None
    subject: tuple[int, int] | None           # char span of the speaker mention
    appos: tuple[int, int] | None = None       # char span of an apposition to the subject
    sentence: int = 0

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]


class SentenceView:
    """A sentence's tokens with which of them lie inside quotation marks (tokenised on first use)."""

    def __init__(self, text: str, sent: Sentence, index: int, quotes: list[Quoted],
                 quote_starts: list[int]) -> None:
        self.text = text
        self.sent = sent
        self.index = index
        self.quotes = quotes
        self.quote_starts = quote_starts
        self._toks: list[Token] | None = None
        self._inside: list[bool] = []
        self._cuts: list[int] | None = None
        self._cut_offsets: list[int] = []
        self.seen: list[tuple[tuple[int, int], tuple[int, int] | None]] = []   # subjects of every cue

    @property
    def toks(self) -> list[Token]:
        if self._toks is None:
            self._toks = tokens(self.text, self.sent.start, self.sent.end)
            pieces = self._quoted_pieces()
            inside = []
            p = 0
            for tok in self._toks:
                while p < len(pieces) and pieces[p][1] <= tok.start:
                    p += 1
                inside.append(p < len(pieces) and pieces[p][0] <= tok.start)
            self._inside = inside
        return self._toks

    @property
    def inside(self) -> list[bool]:
        self.toks
        return self._inside

    @property
    def cuts(self) -> list[int]:
        if self._cuts is None:
            self._cuts, self._cut_offsets = _cut_table(self)
        return self._cuts

    @property
    def cut_offsets(self) -> list[int]:
        self.cuts
        return self._cut_offsets

    def _quoted_pieces(self) -> list[tuple[int, int]]:
        """The quoted pieces that overlap this sentence, in order (quotes do not overlap)."""
        start, end = self.sent.start, self.sent.end
        quotes = self.quotes
        i = max(0, bisect_right(self.quote_starts, start) - 1)
        out: list[tuple[int, int]] = []
        while i < len(quotes) and quotes[i].open < end:
            q = quotes[i]
            if q.close > start:
                qp = q.pieces
                k = max(0, bisect_right(qp, (start, float("inf"))) - 1)
                while k < len(qp) and qp[k][0] < end:
                    if qp[k][1] > start:
                        out.append(qp[k])
                    k += 1
            i += 1
        return out

    def quotes_from(self, pos: int) -> list[Quoted]:
        """Quotes that open at or after the last quote opening before ``pos`` (a short window)."""
        i = max(0, bisect_right(self.quote_starts, pos) - 2)
        return self.quotes[i:]

    def span(self, first: int, last: int) -> tuple[int, int]:
        return self.toks[first].start, self.toks[last].end


_OPEN_CHARS = "\"'`\u201c\u201e\u00ab\u2039\u2018"
_CLOSE_CHARS = "\"'\u201d\u201c\u00bb\u203a\u2019"


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Content without surrounding space, final punctuation or enclosing quotation marks."""
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:" or text[end - 1] in _CLOSE_CHARS):
        end -= 1
    while start < end and (text[start].isspace() or text[start] in _OPEN_CHARS):
        start += 1
    return start, end


def _rest_is_trivial(view: SentenceView, j: int, loose: bool = False) -> bool:
    """Nothing after token j but adverbials: "said on Tuesday in a statement." / ", adding ...".
    ``loose`` (after a closing quote) also accepts a short tail: '"...," she said months later.'"""
    toks = view.toks
    n = len(toks)
    if j >= n:
        return True
    if loose and (toks[j].low in ("as", "when", "while", "before", "after", "during", "aboard")
                  or toks[j].low.endswith("ing") and toks[j].text.islower()):
        return True             # '"...," Susan said as she turned around'
    if loose and not (toks[j].text in (",", ":") and j + 1 < n and toks[j + 1].text in OPENING_MARKS):
        tail = []
        for t in toks[j:j + 12]:
            if t.text in (",", ".", "!", "?"):
                break
            tail.append(t)
        if len(tail) <= 5 and not any(t.low == "that" or t.text in OPENING_MARKS or t.text == ":" for t in tail):
            return True
    first = toks[j]
    if first.text in (",", ":") and j + 1 < n and toks[j + 1].text in OPENING_MARKS and not view.inside[j + 1]:
        return False            # 'She adds, "What kind of genius ...?"': content follows
    if first.text in OPENING_MARKS and j + 1 < n and toks[j + 1].text[0].isalnum():
        return False            # 'told MSNBC's "Morning Joe" that ...'
    if first.text in (".", "!", "?", ")") or first.text in CLOSING_MARKS:
        return True
    if first.low in ("who", "which", "whose"):
        return True             # '"...," said Patrick McGinley, a professor who has been ...' 
    if first.text == ",":
        if j + 1 >= n:
            return True
        nxt = toks[j + 1]
        if nxt.low in ("and", "but") and j + 2 < n and toks[j + 2].text in OPENING_MARKS:
            return False        # '"You know, I love Larry," he said, but "when it comes ..."'
        return nxt.low.endswith("ing") or nxt.low in ("according", "and", "but", "while", "as")
    if first.low in PREPOSITIONS and not any(
            t.low in ADVERBIAL_NOUNS or t.low in TIME_WORDS or t.text.isdigit() or t.text[0].isupper()
            for t in toks[j + 1:j + 5]):
        return False            # "reported at least six ...": content, not an adverbial
    if first.low in PREPOSITIONS or first.low in TIME_WORDS:
        words_in_quote = 0
        in_quote = False
        for t in toks[j:j + 40]:
            if t.low == "that" or t.text == ":":
                return False
            if t.text in OPENING_MARKS or t.text in CLOSING_MARKS:
                in_quote = not in_quote
                continue
            if in_quote and t.text[0].isalnum():
                words_in_quote += 1
                if words_in_quote > 6:      # a quoted statement, not a show's title
                    return False
            if t.text == "," and not in_quote:
                break
        return True
    return False


def _content_after(view: SentenceView, hit: CueHit) -> int | None:
    """Token index where the content after a cue starts, or None when nothing follows."""
    toks = view.toks
    n = len(toks)
    j = hit.index + 1
    if j >= n:
        return None
    lemma = hit.lemma
    if lemma in OBJECT_VERBS and j < n:
        low = toks[j].low
        if low in OBJECT_WORDS and not (j + 1 < n and toks[j + 1].low == "to"):
            j += 1
        elif toks[j].text[0].isupper() and toks[j].low not in ("i", "he", "she", "we", "they"):
            obj = j
            while j < n and (toks[j].text[0].isupper() or toks[j].low in ("'s", "\u2019s", "&")):
                j += 1
            if j < n and toks[j].low == "to":
                j = obj           # "urged Republicans to join ...": the object belongs to the content
            elif j + 1 < n and toks[j].low in ("of", "for") and lemma in CHARGE_LEMMAS:
                j += 1            # "accused Holt of being a Democrat"
        elif low in ("the", "a", "an", "his", "her", "their") and j + 1 < n:
            m = j + 1
            while m < n and m - j < 10 and toks[m].low not in ("that", ",", ":", "to") and toks[m].text[0].isalnum():
                m += 1
            if m < n and (toks[m].low in ("that", ":") or toks[m].low == "to" and lemma in INFINITIVE_LEMMAS):
                j = m             # "told an invited crowd at the club that ...", "tells his supporters to ..."
    # "said at a news conference in Toledo, Ohio, that ..." -> content starts after "that"
    if j < n and (toks[j].low in PREPOSITIONS or toks[j].low in TIME_WORDS or toks[j].text == ","
                  or j > hit.index + 1):
        in_title = False
        for m in range(j, min(n, j + 14)):
            if toks[m].low == "that":
                j = m
                break
            if toks[m].low in ("but", "and", "while") or (m > j and toks[m].low in VERBS and toks[m].text.islower()):
                break             # "called her vote a mistake, but she noted that ...": not ours
            if toks[m].text == ":" and m + 1 < n:
                j = m + 1
                break
            if in_title and toks[m].text in CLOSING_MARKS:
                in_title = False
            elif toks[m].text in OPENING_MARKS:
                if not (m + 4 < n and any(t.text in CLOSING_MARKS for t in toks[m + 1:m + 5])):
                    break
                in_title = True     # a short quoted title: 'told "Morning Joe" that ...'
            elif toks[m].text == ";":
                break
    j = _skip_adverbials(toks, j)
    while j < n and toks[j].text in (",", ":", "\u2014", "-"):
        j += 1
    after_that = j < n and toks[j].low == "that"
    if after_that:
        j += 1
    if j >= n:
        return None
    if toks[j].low in ("this", "it", "that") and (j + 1 >= n or toks[j + 1].low in PREPOSITIONS
                                                  or not toks[j + 1].text[0].isalnum()):
        return None         # "said this at a briefing": the content is elsewhere
    words = _words_from(toks, j, 4)
    if words < 2:
        return None
    first = toks[j]
    if first.low in BAD_CONTENT_STARTS:
        return None         # "said as she turned", "has said was a mistake", "said so", "said answering"
    if first.low in ("nothing", "something", "everything", "anything") and words < 4:
        return None
    if toks[j].low in ABOUT_PREPOSITIONS and lemma in ABOUT_LEMMAS and j + 1 < n:
        return j + 1        # "spoke of his flights", "commented on the case", "warned against hackers"
    if toks[j].low in PREPOSITIONS and not after_that and not (lemma == "call" and toks[j].low in ("for", "on")) and not (
            toks[j].low == "to" and lemma in INFINITIVE_LEMMAS):
        return None         # "responded with logic", "recalled of the proceedings": no content
    if hit.entry is not None and hit.entry.form in NEEDS_THAT and toks[j - 1].low != "that":
        return None         # "found ways to ...", "released her returns": not a report
    return j


ADVERBIAL_NOUNS = frozenset({"statement", "interview", "interviews", "conference", "briefing", "speech",
                             "rally", "tweet", "twitter", "facebook", "post", "email", "letter",
                             "reporters", "debate", "hearing", "appearance", "call", "radio",
                             "television", "tv", "remarks", "address", "meeting", "event", "session"})


TIME_NOUNS = WEEKDAYS | MONTHS | frozenset({"week", "weekend", "month", "year", "morning", "afternoon",
                                            "evening", "night", "fall", "spring", "summer", "winter",
                                            "day", "days", "weeks", "months", "years"})


def _time_phrase(toks: list[Token], j: int) -> int:
    """End of a time expression starting at j ("on Tuesday", "last week", "October 23"), or j."""
    n = len(toks)
    low = toks[j].low
    if low in WEEKDAYS or low in MONTHS and toks[j].text[0].isupper():
        m = j + 1
        while m < n and (toks[m].text.isdigit() or toks[m].low in ("morning", "afternoon", "evening", "night")):
            m += 1
        return m
    if low in ("last", "this", "next", "earlier", "later") and j + 1 < n and toks[j + 1].low in TIME_NOUNS:
        return j + 2
    if low in ("today", "yesterday", "tonight"):
        return j + 1
    return j


def _skip_adverbials(toks: list[Token], j: int) -> int:
    """Skip time phrases and settings before content: "on Tuesday", "in a statement", "last week"."""
    n = len(toks)
    for _ in range(3):
        if j >= n:
            return j
        low = toks[j].low
        end = _time_phrase(toks, j)
        if end > j:
            j = end
        elif low in PREPOSITIONS and any(toks[k].text == "," and k + 1 < n and toks[k + 1].text in OPENING_MARKS
                                         for k in range(j + 1, min(n, j + 6))):
            # 'says of Clinton, "If she ..."'
            k = next(k for k in range(j + 1, min(n, j + 6)) if toks[k].text == ",")
            return k + 1
        elif low in PREPOSITIONS:
            m = j + 1
            if m < n and _time_phrase(toks, m) > m:
                j = _time_phrase(toks, m)
            else:
                while m < n and m - j <= 6 and toks[m].text[0].isalnum() and toks[m].low != "that":
                    if toks[m].low in ADVERBIAL_NOUNS:
                        m += 1
                        if m < n and toks[m].low in ("with", "on", "to") and m + 1 < n and toks[m + 1].text[0].isupper():
                            m += 2
                            while m < n and toks[m].text[0].isupper():
                                m += 1
                        return _skip_punct(toks, m)
                    m += 1
                return j
        else:
            return j
        j = _skip_punct(toks, j)
    return j


def _skip_punct(toks: list[Token], j: int) -> int:
    while j < len(toks) and toks[j].text in (",", ":"):
        j += 1
    return j


def _words_from(toks: list[Token], j: int, enough: int) -> int:
    """How many word tokens follow from j, counting no further than ``enough``."""
    count = 0
    for t in toks[j:]:
        if t.text[0].isalnum():
            count += 1
            if count >= enough:
                break
    return count


PARTICIPLE_CUTS = frozenset({"adding", "saying", "noting", "arguing", "explaining", "insisting",
                             "warning", "telling", "claiming", "writing", "stressing"})


def _content_end(view: SentenceView, j: int) -> int:
    """Char offset where forward content ends: the sentence end, or a following participle or
    coordinated cue (", adding ...", "and warned ..."). One lookup in the sentence's cut table."""
    cuts = view.cuts
    k = bisect_right(cuts, j)
    if k < len(cuts):
        return view.cut_offsets[k]
    return view.sent.end


def _cut_table(view: SentenceView) -> tuple[list[int], list[int]]:
    """Token indexes where a content must end, and the char offset it ends at, in order."""
    toks = view.toks
    n = len(toks)
    inside = view.inside
    at: list[int] = []
    offsets: list[int] = []
    for m in range(1, n - 1):
        if inside[m]:
            continue
        low = toks[m].low
        if low in ("and", "but") and _coordinated_cue(toks, m + 1):
            at.append(m)
            offsets.append(toks[m - 1].end if toks[m - 1].text == "," else toks[m].start)
        elif low == ";":
            at.append(m)              # "...; Nike holds ..."
            offsets.append(toks[m].start)
        elif low == ",":
            nxt = toks[m + 1].low
            if nxt in PARTICIPLE_CUTS or (
                    nxt == "according" and m + 2 < n and toks[m + 2].low == "to"):
                at.append(m)
                offsets.append(toks[m].start)
    return at, offsets


def _coordinated_cue(toks: list[Token], m: int) -> bool:
    """Token m starts a second predicate with a cue: "... and warned against hackers"."""
    while m < len(toks) and toks[m].low in AUX_ADV:
        m += 1
    if m >= len(toks):
        return False
    entry = VERBS.get(toks[m].low)
    return entry is not None and toks[m].text.islower() and (toks[m].low.endswith(("ed", "s")) or toks[m].low in
                                                             ("said", "told", "wrote", "thought", "found"))


def _extend_with_quotes(view: SentenceView, start: int, end: int) -> list[tuple[int, int]]:
    """Content pieces from [start, end), carried on through a quote that runs past the sentence."""
    for q in view.quotes_from(start):
        if q.open >= end:
            break
        if q.close > end and q.open >= start - 1 and q.end > end:
            return [(start, q.pieces[0][1])] + list(q.pieces[1:])
    return [(start, end)]


def _window(view: SentenceView, pos: int) -> list[Quoted]:
    """Quotes that can close near ``pos``: a quote may open long before (over paragraphs), so look
    back over the quotes that open before ``pos`` whose close is not yet passed."""
    i = bisect_right(view.quote_starts, pos)
    j = i
    while j > 0 and i - j < 64 and view.quotes[j - 1].close >= pos - 2:
        j -= 1
    return view.quotes[j:i + 1]


def _quote_starting_after(view: SentenceView) -> Quoted | None:
    """The quote that opens right after this sentence, across a paragraph break."""
    end = view.sent.end
    for q in view.quotes_from(end):
        if q.open >= end:
            return q if view.text[end:q.open].strip() == "" else None
    return None


def _quote_ending_before(view: SentenceView) -> Quoted | None:
    """The quote that closes right before this sentence ('"Who would have believed?" Trump said.')."""
    start = view.sent.start
    for q in _window(view, start):
        if q.open >= start:
            break
        gap = view.text[q.close:start]
        if q.closed and start - 2 <= q.close <= start and gap.strip() == "" and "\n" not in gap:
            return q
    return None


def _quote_closing_at(view: SentenceView, pos: int) -> Quoted | None:
    """The quote whose closing mark ends at or just before ``pos`` (a comma inside or after it)."""
    for q in _window(view, pos):
        if q.open >= pos:
            break
        if q.closed and pos - 2 <= q.close <= pos + 1:
            return q
    return None


def _backward_pieces(view: SentenceView, boundary: int) -> list[tuple[int, int]] | None:
    """Content before a source: from the sentence (or its quote) start to token ``boundary``."""
    toks = view.toks
    pos = toks[boundary].start
    k = boundary
    while k >= 0 and (toks[k].text in CLOSING_MARKS or toks[k].text in (",", "\u2014", "-")):
        k -= 1
    q = _quote_closing_at(view, toks[boundary].end if toks[boundary].text in CLOSING_MARKS else pos)
    if q is not None:
        return [(a, b) for a, b in q.pieces]
    if k < 0:
        return None
    start, end = _trim(view.text, view.sent.start, toks[k].end)
    if end - start < 3:
        return None
    return [(start, end)]


def _content_like(view: SentenceView, pieces: list[tuple[int, int]]) -> bool:
    """Content before a source must read as a statement, not an introductory phrase."""
    text = view.text
    start, end = pieces[0][0], pieces[-1][1]
    words = text[start:end].split()
    if len(words) < 3:
        return False
    first = words[0].strip("\"'\u201c\u2018(").lower()
    if first not in INTRO_OPENERS and first not in PREPOSITIONS and not first.endswith("ing"):
        return True
    # "After some challenges, the work has met the standards, an official said": an introduction
    # followed by a main clause is content; "When asked about it, he said" is not
    comma = text.find(",", start, end)
    return comma >= 0 and len(text[comma + 1:end].split()) >= 5


def _passive(toks: list[Token], hit: CueHit) -> bool:
    j = hit.first - 1
    while j >= 0 and toks[j].low in ("later", "also", "widely", "previously", "first", "reportedly", "since"):
        j -= 1
    return j >= 0 and toks[j].low in PASSIVE_AUX and hit.entry is not None and (
        hit.entry.form.endswith("ed") or hit.entry.form in ("said", "told", "thought", "found", "shown",
                                                             "written", "known"))


def _main_subject(view: SentenceView, upto: int, found: list[Candidate]) -> tuple[int, int] | None:
    """Subject of the clause a participle hangs on: the last subject in this sentence, or its start."""
    for cand in reversed(found):
        if cand.subject is not None and cand.sentence == view.index:
            return cand.subject
    toks = view.toks
    i = 0
    # skip an introductory phrase ending with a comma ("On Tuesday, ...")
    if toks and (toks[0].low in PREPOSITIONS or toks[0].low in TIME_WORDS or toks[0].low in INTRO_OPENERS):
        for m in range(min(upto, 10)):
            if toks[m].text == ",":
                i = m + 1
                break
    if i < upto and toks[i].low in ("he", "she", "they", "it", "i", "we"):
        return view.span(i, i)
    k = i
    while k < upto and (toks[k].text[0].isupper() or toks[k].low in ("'s", "\u2019s", ".")):
        k += 1
    if k > i:
        return view.span(i, k - 1)
    return None


def apply_rules(view: SentenceView) -> list[Candidate]:
    toks = view.toks
    text = view.text
    found: list[Candidate] = []
    for hit in find_cues(toks, view.inside):
        cand = _one(view, hit, found)
        if cand is not None:
            cand.sentence = view.index
            cand.pieces = [p for p in (_trim(text, a, b) for a, b in cand.pieces) if p[1] > p[0]]
            if cand.pieces:
                found.append(cand)
    return found


def _one(view: SentenceView, hit: CueHit, found: list[Candidate]) -> Candidate | None:
    toks = view.toks
    n = len(toks)
    if hit.entry is None:
        return _according_to(view, hit)
    form = hit.entry.form
    prev = toks[hit.first - 1].low if hit.first > 0 else ""
    nxt = toks[hit.index + 1].low if hit.index + 1 < n else ""
    # "it was reported that ...": no source
    if _passive(toks, hit):
        k = hit.first - 1
        while k >= 0 and (toks[k].low in PASSIVE_AUX or toks[k].low in ("has", "had", "have", "later", "also",
                                                                           "widely", "previously", "reportedly")):
            k -= 1
        if k >= 0 and toks[k].low == "it" and any(t.low == "that" for t in toks[hit.index + 1:hit.index + 8]):
            j = _content_after(view, hit)
            if j is not None:
                return Candidate("unattributed-passive", [(toks[j].start, _content_end(view, j))], hit, None)
        return None
    if nxt == "to" and hit.entry.lemma in ("say", "report", "believe", "expect", "think", "find", "show"):
        return None
    # participle: "..., saying that ...", "as saying"
    if form.endswith("ing") and prev in PARTICIPLE_LEAD:
        j = _content_after(view, hit)
        if j is None:
            return None
        main_subject = _main_subject(view, hit.first, found)
        return Candidate("participle-cue", [(toks[j].start, _content_end(view, j))], hit, main_subject)
    if form.endswith("ing") and prev not in AUX_ADV:
        return None
    k = skip_aux_back(toks, hit.first - 1)
    if k >= 1 and toks[k].low in ("and", "but"):
        # "Trump said he would order a review and warned against hackers": the clause's subject
        clause_subject: tuple[int, int] | None = None
        clause_appos: tuple[int, int] | None = None
        if found and found[-1].sentence == view.index and found[-1].subject is not None:
            clause_subject, clause_appos = found[-1].subject, found[-1].appos
        else:
            clause_subject = _main_subject(view, k, found)
        j = _content_after(view, hit)
        if j is None or clause_subject is None:
            return None
        return Candidate("coordinated-cue", [(toks[j].start, _content_end(view, j))], hit,
                         clause_subject, clause_appos)
    subj = subject_before(toks, hit.first)
    after = hit.index + 1
    if subj is not None:
        subj_span = view.span(subj.first, subj.last)
        appos = view.span(*subj.appos) if subj.appos else None
        view.seen.append((subj_span, appos))
        before = subj.first - 1
        lead_is_comma = before >= 0 and (toks[before].text == "," or toks[before].text in CLOSING_MARKS
                                         or toks[before].text in ("\u2014",))
        if hit.lemma in OBJECT_VERBS and after < n and (toks[after].low in OBJECT_WORDS or (
                toks[after].text[0].isupper() and toks[after].low not in ("i", "he", "she", "we", "they"))):
            after += 1
            while after < n and (toks[after].text[0].isupper() or toks[after].low in ("'s", "\u2019s")):
                after += 1
        elif hit.lemma in OBJECT_VERBS and after + 1 < n and toks[after].low in ("the", "a", "an", "his", "her", "their"):
            m = after + 1
            while m < n and m - after <= 4 and toks[m].text[0].isalnum() and toks[m].low not in PREPOSITIONS:
                m += 1
            if _rest_is_trivial(view, m):
                after = m
        if subj.first == 0 and _rest_is_trivial(view, after):
            q = _quote_ending_before(view)
            if q is not None:
                return Candidate("quote-comma-subject-cue", list(q.pieces), hit, subj_span, appos)
        loose = before >= 0 and (toks[before].text in CLOSING_MARKS or (
            before > 0 and toks[before].text == "," and toks[before - 1].text in CLOSING_MARKS))
        if lead_is_comma and hit.lemma in BACKWARD_LEMMAS and _rest_is_trivial(view, after, loose=loose):
            pieces = _backward_pieces(view, before)
            if pieces is None or not loose and not _content_like(view, pieces):
                return None
            rule = "quote-comma-subject-cue" if toks[before].text in CLOSING_MARKS or (
                before > 0 and toks[before - 1].text in CLOSING_MARKS) else "content-comma-subject-cue"
            return Candidate(rule, pieces, hit, subj_span, appos)
        if lead_is_comma and after < n and toks[after].text == "," and before > 0:
            # "The plan, he said, is sound." / '"A," he said, "B."'
            first = _backward_pieces(view, before)
            j = after + 1
            if first is not None and j < n and _words_from(toks, j, 2) >= 2:
                rest = _extend_with_quotes(view, toks[j].start, _content_end(view, j))
                return Candidate("interrupted-quote", first + rest, hit, subj_span, appos)
        if after == n - 1 and toks[after].text == ":":
            # "The New York Times reports:" closing its paragraph; the quote follows below
            q = _quote_starting_after(view)
            if q is not None:
                return Candidate("cue-colon-paragraph", list(q.pieces), hit, subj_span, appos)
        j = _content_after(view, hit)
        if j is None:
            return None
        end = _content_end(view, j)
        pieces = _extend_with_quotes(view, toks[j].start, end)
        return Candidate("subject-cue-content", pieces, hit, subj_span, appos)
    # inverted: "..., said Smith." / '"...," said the spokesman.'
    b = skip_aux_back(toks, hit.first - 1)
    if b < 0:
        q = _quote_ending_before(view)
        inv = subject_after(toks, hit.index, n) if q is not None else None
        if q is not None and inv is not None:
            end_tok = inv.appos[1] + 1 if inv.appos else inv.last + 1
            if _rest_is_trivial(view, end_tok) or (end_tok < n and toks[end_tok].text == ","):
                appos = view.span(*inv.appos) if inv.appos else None
                return Candidate("quote-comma-cue-subject", list(q.pieces), hit,
                                 view.span(inv.first, inv.last), appos)
    if b >= 0 and (toks[b].text == "," or toks[b].text in CLOSING_MARKS):
        inv = subject_after(toks, hit.index, n)
        if inv is not None:
            end_tok = inv.appos[1] + 1 if inv.appos else inv.last + 1
            if hit.lemma in BACKWARD_LEMMAS and (_rest_is_trivial(view, end_tok) or (end_tok < n and toks[end_tok].text == ",")):
                pieces = _backward_pieces(view, b)
                closing = toks[b].text in CLOSING_MARKS or (b > 0 and toks[b - 1].text in CLOSING_MARKS)
                if pieces is None or not closing and not _content_like(view, pieces):
                    return None
                if closing and end_tok + 1 < n and toks[end_tok].text == "," and toks[end_tok + 1].text in OPENING_MARKS:
                    rest = _extend_with_quotes(view, toks[end_tok + 1].start, _content_end(view, end_tok + 1))
                    appos = view.span(*inv.appos) if inv.appos else None
                    return Candidate("interrupted-quote", pieces + rest, hit, view.span(inv.first, inv.last), appos)
                closing = toks[b].text in CLOSING_MARKS or (b > 0 and toks[b - 1].text in CLOSING_MARKS)
                rule = "quote-comma-cue-subject" if closing else "content-comma-cue-subject"
                appos = view.span(*inv.appos) if inv.appos else None
                return Candidate(rule, pieces, hit, view.span(inv.first, inv.last), appos)
    return None


def _according_to(view: SentenceView, hit: CueHit) -> Candidate | None:
    toks = view.toks
    n = len(toks)
    if hit.first > 0 and toks[hit.first - 1].low == "that":
        return None         # "said that according to intelligence, ...": inside another statement
    src = subject_forward(toks, hit.index + 1, n, any_noun=True)
    if src is None:
        return None
    subj = view.span(src.first, src.last)
    end_tok = (src.appos[1] if src.appos else src.last) + 1
    before_words = _words_from(toks[:hit.first], 0, 5)
    if 0 < before_words <= 4 and hit.first > 0 and toks[hit.first - 1].text == "," and end_tok < n \
            and toks[end_tok].text == ",":
        # "The ministry, according to Greta Holm, has already spent the money."
        first = _trim(view.text, view.sent.start, toks[hit.first - 1].start)
        if end_tok + 1 < n:
            return Candidate("according-to", [first, (toks[end_tok + 1].start, view.sent.end)], hit, subj)
    if before_words <= 3 or (hit.first > 0 and toks[hit.first - 1].text in ("(",)):
        # "According to X, CONTENT."
        j = end_tok
        while j < n and toks[j].text in (",", ":", "\u2014"):
            j += 1
        if j < n and _words_from(toks, j, 2) >= 2:
            pieces = _extend_with_quotes(view, toks[j].start, view.sent.end)
            return Candidate("according-to", pieces, hit, subj)
        return None
    # "CONTENT, according to X." / "CONTENT according to X"
    b = hit.first - 1
    back: list[tuple[int, int]] | None = (
        _backward_pieces(view, b) if toks[b].text in (",", "\u2014")
        else [_trim(view.text, view.sent.start, toks[b].end)])
    if not back:
        return None
    pieces = back
    if not pieces:
        return None
    if end_tok < n and toks[end_tok].text == "," and _words_from(toks, end_tok, 3) >= 3:
        pieces = pieces + [(toks[end_tok + 1].start, view.sent.end)]
    return Candidate("according-to", pieces, hit, subj)


__all__ = ["RULES", "Candidate", "SentenceView", "apply_rules", "paragraph_rules", "quoted_fragment"]


# A speaker's name and a colon opening a paragraph: a transcript line or a headline.
#   "PENCE: Well, the question ..."  -> speaker PENCE, content "Well, the question ..."
#   "Rush Limbaugh: Hillary ..."     -> speaker Rush Limbaugh
NAME_COLON = re.compile(r"""
    [ \t]{0,8}["\u201c]?                     # optional opening quote of a transcript line
    (?P<name>[A-Z][\w.\u2019'-]{1,30}(?:[ ][A-Z][\w.\u2019'-]{1,30}){0,3})
    [ ]?:[ \t]{1,8}
    (?P<content>\S)
""", re.VERBOSE)
NOT_SPEAKERS = frozenset({"Note", "Editor's note", "Editor\u2019s note", "UPDATE", "Update", "Updated",
                          "Correction", "CORRECTION", "CLARIFICATION", "Clarification", "Photo",
                          "Photos", "Related", "Read", "Watch", "Source", "Sources", "WASHINGTON",
                          "Q", "A", "Video", "Listen", "Tags", "Topics", "Subscribe", "Follow",
                          "Contact", "Image", "Credit", "Caption", "Editor", "Advertisement",
                          "Warning", "Spoiler", "Summary", "Background", "Context", "Disclosure",
                          "Time", "Date", "Location", "Price", "Total", "Step", "Example", "Answer",
                          "Question", "Transcript", "Excerpt", "Full", "More", "See", "Also",
                          "Review", "Analysis", "Opinion", "Commentary", "Editorial", "Explainer",
                          "Exclusive", "Breaking", "Live", "Factbox", "Timeline", "Obituary",
                          "Profile", "Letters", "Letter", "Recipe", "Quiz", "Podcast", "Gallery",
                          "Latest", "The Latest", "Live updates", "Watch live", "Read more"})

# A quote followed by a dash and a name, closing its paragraph: '"..." \u2015 Ana Ruiz'
DASH_NAME = re.compile(r"""
    [ \t]{0,4}[\u2015\u2014\u2013-][ \t]{0,4}
    (?P<name>[A-Z][\w.\u2019'-]{0,30}(?:[ ][A-Z][\w.\u2019'-]{0,30}){0,3})
    [ \t]{0,8}\.?[ \t]{0,8}$
""", re.VERBOSE)


def paragraph_rules(text: str, paras: list[tuple[int, int]], quotes: list[Quoted]) -> list[Candidate]:
    out: list[Candidate] = []
    for p_start, p_end in paras:
        m = NAME_COLON.match(text, p_start, p_end)
        if m and m.group("name") not in NOT_SPEAKERS and not m.group("name").isdigit():
            start = m.start("content")
            if len(text[start:p_end].split()) >= 3:
                out.append(Candidate("name-colon", [_trim(text, start, p_end)], None,
                                     (m.start("name"), m.end("name"))))
    for q in quotes:
        if not q.closed:
            continue
        line_end = text.find("\n", q.close)
        line_end = len(text) if line_end < 0 else line_end
        if line_end - q.close > 60:
            continue
        m = DASH_NAME.match(text, q.close, line_end)
        if m:
            out.append(Candidate("quote-dash-name", list(q.pieces), None, (m.start("name"), m.end("name"))))
    return out


TITLE_SMALL = frozenset({"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with"})
PRONOUN_SUBJECTS = frozenset({"he", "she", "they", "it", "i", "we", "who"})
IRREGULAR_VERBS = frozenset({"said", "told", "wrote", "gave", "made", "took", "put", "saw", "sees",
                             "thought", "felt", "found", "kept", "left", "went", "came", "got",
                             "began", "spoke", "sang", "drew", "meant", "held", "brought", "sent"})


def quoted_fragment(view: SentenceView, q: Quoted) -> Candidate | None:
    """A quoted fragment in a sentence whose verb is not in the cue lexicon: the subject and verb
    before the quote attribute it ('Trump likened the refugees to a "vicious snake."')."""
    toks = view.toks
    n = len(toks)
    qk = next((k for k in range(n) if toks[k].start >= q.open), n)
    if qk == 0 or qk >= n or toks[qk - 1].low in ("so-called", "dubbed", "titled", "entitled", "named"):
        return None               # scare quotes and titles are not statements
    words = view.text[q.start:q.end].split()
    if len(words) <= 6 and all(w[:1].isupper() or not w[:1].isalpha() or w.lower() in TITLE_SMALL
                               for w in words):
        return None               # a title: "Fox News Sunday", "The Silent Harbour"
    for v in range(qk - 1, max(-1, qk - 13), -1):
        t = toks[v]
        low = t.low
        if view.inside[v] or not t.text.islower() or low in AUX_ADV or "'" in low or "\u2019" in low:
            continue
        if not (low.endswith("ed") or low in IRREGULAR_VERBS or VERBS.get(low) is not None
                or (low.endswith("s") and len(low) > 4 and not low.endswith(("ss", "us", "is")))):
            continue
        subj = subject_before(toks, v)
        if subj is None or subj.last != skip_aux_back(toks, v - 1):
            continue
        subject_words = toks[subj.first:subj.last + 1]
        if not any(w.text[0].isupper() or w.low in PRONOUN_SUBJECTS or w.low in ANONYMOUS
                   for w in subject_words):
            continue          # "recent weeks", "black listeners": no subject, no verb
        if v + 1 >= n:
            return None
        entry = VERBS.get(low) or VerbEntry(low, low, "speech", "neutral")
        hit = CueHit(v, v, entry, t.start, t.end)
        start = toks[v + 1].start
        pieces = _extend_with_quotes(view, start, _content_end(view, v + 1))
        appos = view.span(*subj.appos) if subj.appos else None
        return Candidate("quoted-fragment-verb", pieces, hit, view.span(subj.first, subj.last), appos)
    return None
