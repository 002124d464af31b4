"""Grammar the rules share: a sentence's tokens with their quoting, and the clause analysis
that finds where reported content starts and ends, where a source stands, and which quote a cue
belongs to. Pure functions over a :class:`SentenceView`; no rule names here."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import islice
from operator import attrgetter
from typing import TYPE_CHECKING, Final, Iterator

from ..cues import AUX_ADV, WEEKDAYS, CueHit
from ..language import ENGLISH as EN
from ..lexicon import VERBS
from ..mentions import MONTHS, PREPOSITIONS, past_tag, skip_aux_back, subject_after, subject_ending_at
from ..quotes import INF, Quoted
from ..segment import Sentence, Token, tokens

from .base import BLOCK, Candidate, Frame, FrameKind, _Block

if TYPE_CHECKING:
    from .base import CueContext

OBJECT_VERBS: Final = EN.object_verbs
# Verb forms that report content only with "that" ("found that ..."), not with a plain object.
NEEDS_THAT: Final = EN.needs_that
OBJECT_WORDS: Final = EN.object_words
# Verbs that may close a sentence after their content ("..., he said."); "..., she called" may not.
BACKWARD_LEMMAS: Final = EN.backward_lemmas
# Words that open an introductory clause or phrase, not reported content ("When asked, he said").
INTRO_OPENERS: Final = EN.intro_openers
# Verbs whose content may be an infinitive: "vowed to form a task force".
INFINITIVE_LEMMAS: Final = EN.infinitive_lemmas
# Words that cannot open reported content right after a cue.
BAD_CONTENT_STARTS: Final = EN.bad_content_starts
# Verbs that name their object, then the charge: "accused X of ...", "praised X for ...".
CHARGE_LEMMAS: Final = EN.charge_lemmas
# Verbs whose content may follow "of", "about", "on" or "against": "spoke of", "warned against".
ABOUT_LEMMAS: Final = EN.about_lemmas
ABOUT_PREPOSITIONS: Final = EN.about_prepositions
PASSIVE_AUX: Final = EN.passive_aux
PARTICIPLE_LEAD: Final = EN.participle_lead
CLOSING_MARKS: Final = EN.closing_marks
OPENING_MARKS: Final = EN.opening_marks
TIME_WORDS: Final = EN.time_words

TOKEN_START: Final = attrgetter("start")     # a token's start offset: the key its sentence's tokens are sorted by


class SentenceView:
    """A sentence's tokens with which of them lie inside quotation marks (tokenised on first use,
    then kept: the view is a value, its derived tables are computed once)."""

    def __init__(self, text: str, sent: Sentence, index: int, quotes: list[Quoted],
                 quote_starts: list[int]) -> None:
        self.text = text
        self.sent = sent
        self.index = index
        self.quotes = quotes
        self.quote_starts = quote_starts
        self._toks: list[Token] | None = None
        self._inside: list[bool] | None = None
        self._cut_table: tuple[list[int], list[int]] | None = None

    @property
    def toks(self) -> list[Token]:
        toks = self._toks
        if toks is None:
            toks = self._toks = tokens(self.text, self.sent.start, self.sent.end)
        return toks

    @property
    def inside(self) -> list[bool]:
        inside = self._inside
        if inside is None:
            toks = self.toks
            inside = self._inside = [False] * len(toks)
            # a token is inside when it starts inside a piece: mark each piece's run of tokens
            for a, b in self._quoted_pieces():
                first, last = bisect_left(toks, a, key=TOKEN_START), bisect_left(toks, b, key=TOKEN_START)
                inside[first:last] = [True] * (last - first)
        return inside

    @property
    def cut_table(self) -> tuple[list[int], list[int]]:
        """Token indexes where a content must end, and the char offset it ends at (see
        :func:`content_end`)."""
        table = self._cut_table
        if table is None:
            table = self._cut_table = _cut_table(self)
        return table

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
                k = max(0, bisect_right(qp, (start, INF)) - 1)
                while k < len(qp) and qp[k][0] < end:
                    if qp[k][1] > start:
                        out.append(qp[k])
                    k += 1
            i += 1
        return out

    def quotes_from(self, pos: int) -> Iterator[Quoted]:
        """Quotes that open at or after the last quote opening before ``pos``, in order (the
        callers read a short window of them: no copy of the rest of the list)."""
        i = max(0, bisect_right(self.quote_starts, pos) - 2)
        return islice(self.quotes, i, None)

    def span(self, first: int, last: int) -> tuple[int, int]:
        return self.toks[first].start, self.toks[last].end


DASHES: Final = frozenset({"-", "\u2013", "\u2014"})     # a dash token ("--" is two of them)
_OPEN_CHARS: Final = EN.open_chars
_CLOSE_CHARS: Final = EN.close_chars


_TRAILING: Final = frozenset(".,;:") | _CLOSE_CHARS     # final punctuation and closing marks


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Content without surrounding space, final punctuation or enclosing quotation marks."""
    while end > start and ((ch := text[end - 1]) in _TRAILING or ch.isspace()):
        end -= 1
    while start < end and ((ch := text[start]) in _OPEN_CHARS or ch.isspace()):
        start += 1
    return start, end


def statement(ctx: "CueContext", rule: str, pieces: tuple[tuple[int, int], ...] | list[tuple[int, int]],
              subject: tuple[int, int] | None, appos: tuple[int, int] | None = None) -> Candidate | _Block:
    """A cue rule's statement of the cue in ``ctx``, read in the cue's sentence: its pieces trimmed
    (see :func:`trim`), the empty ones dropped; BLOCK when none is left (the cue makes no
    statement)."""
    text = ctx.view.text
    kept = tuple([p for a, b in pieces if (p := trim(text, a, b))[1] > p[0]])
    if not kept:
        return BLOCK
    return Candidate(rule, kept, ctx.hit, subject, appos, ctx.view.index)


def rest_is_trivial(view: SentenceView, j: int, loose: bool = False) -> bool:
    """Nothing after token j but adverbials: "said on Tuesday in a statement." / ", adding ...".
    ``loose`` (after a closing quote) also accepts a short tail: '"...," she said months later.'"""
    toks = view.toks
    n = len(toks)
    if j >= n:
        return True
    if loose and (toks[j].low in EN.trailing_starts
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


MANNER_WORDS: Final = 6        # a manner phrase closing a sentence after its cue, at most


def manner_tail(view: SentenceView, j: int) -> bool:
    """From token j to the sentence end, a short phrase of manner, not content: '"Really?" Ito asked
    with a frown.', '... she said quietly.' (a preposition or an adverb, then a few words)."""
    toks = view.toks
    n = len(toks)
    if j >= n or not (toks[j].low in PREPOSITIONS or toks[j].low.endswith(EN.adverb_suffixes)):
        return False
    words = 0
    for t in toks[j:]:
        if t.text in (".", "!", "?"):
            break
        if not t.text[0].isalnum() or t.low == "that":
            return False
        words += 1
    return words <= MANNER_WORDS and toks[-1].text in (".", "!", "?")


OBJECT_NOUN_WORDS: Final = 3     # words of an object's noun after its determiner: "the district court"


def _object_then_clause(toks: list[Token], j: int) -> int | None:
    """Where a clause without "that" starts after the object at ``j`` ("told the court he sent ...",
    "told the BBC the figures were ...", "told ABC's Insiders program the budget was ..."): at a
    subject pronoun or a definite article right after the object's few words; None when there is
    none."""
    n = len(toks)
    for m in range(j + 1, min(n, j + 2 + OBJECT_NOUN_WORDS)):
        low = toks[m].low
        if m > j + 1 and (low in EN.personal_subjects or low in EN.definite_articles):
            return m
        if not toks[m].text.isalnum() or low in PREPOSITIONS or low in EN.object_determiners \
                or low in EN.relative_pronouns or low in EN.boundary_words or low == "that":
            break
    return None


def content_after(view: SentenceView, hit: CueHit) -> int | None:
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
            elif j < n and toks[j].text.islower() and lemma in EN.object_clause_lemmas:
                opens = _object_then_clause(toks, j - 1)   # "told ABC's Insiders program the budget was ..."
                j = j if opens is None else opens
            elif j + 1 < n and toks[j].low in ("of", "for") and lemma in CHARGE_LEMMAS:
                j += 1            # "accused Holt of being a Democrat"
        elif low in EN.object_determiners and j + 1 < n:
            m = j + 1
            while m < n and m - j < 10 and toks[m].low not in ("that", ",", ":", "to") and toks[m].text[0].isalnum() \
                    and not (toks[m].low in EN.name_conjunctions and _coordinated_cue(toks, m + 1)):
                m += 1            # (not past "and warned": "praised the plan and warned that ..." is two cues)
            if m < n and (toks[m].low in ("that", ":") or toks[m].low == "to" and lemma in INFINITIVE_LEMMAS):
                j = m             # "told an invited crowd at the club that ...", "tells his supporters to ..."
            elif lemma in EN.object_clause_lemmas:
                opens = _object_then_clause(toks, j)
                j = j if opens is None else opens
    # "said at a news conference in Toledo, Ohio, that ..." -> content starts after "that"
    if j < n and (toks[j].low in PREPOSITIONS or toks[j].low in TIME_WORDS or toks[j].text == ","
                  or j > hit.index + 1):
        in_title = False
        clause: int | None = None
        for m in range(j, min(n, j + 14)):
            if toks[m].low == "that":
                j = m if clause is None else clause
                break
            if toks[m].low in ("but", "and", "while") or (m > j and toks[m].low in VERBS and toks[m].text.islower()):
                break             # "called her vote a mistake, but she noted that ...": not ours
            if clause is None and m > j and toks[m].low in EN.finite and toks[j].low in PREPOSITIONS:
                # "told reporters in Ottawa the money would flow to cities that ...": a clause began
                # at its subject, the last article or pronoun before its verb; a "that" after it
                # is the clause's own
                clause = next((k for k in range(m - 1, j, -1)
                               if toks[k].low in EN.definite_articles or toks[k].low in EN.personal_subjects), None)
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
    if j >= n or after_that and _demonstrative_that(toks, j):
        return None         # "If anyone had claimed that, the board ...": "that" is the object
    if toks[j].low in ("this", "it", "that") and (j + 1 >= n or toks[j + 1].low in PREPOSITIONS
                                                  or not toks[j + 1].text[0].isalnum()) \
            and not (j + 1 < n and toks[j + 1].text in OPENING_MARKS):
        return None         # "said this at a briefing": the content is elsewhere ('called it "a mess"',
        #                     'said it "strongly condemns" the attack' are not)
    words = words_from(toks, j, 4)
    if words < 2:
        return None
    first = toks[j]
    if first.low in BAD_CONTENT_STARTS:
        return None         # "said as she turned", "has said was a mistake", "said so", "said answering"
    if first.low in EN.indefinites and words < 4:
        return None
    if toks[j].low in ABOUT_PREPOSITIONS and lemma in ABOUT_LEMMAS and j + 1 < n:
        if _aside(toks, j + 1, toks[j].low in EN.venue_prepositions):
            return None     # "speaking on condition of anonymity", "spoke on background": how, not what
        return j + 1        # "spoke of his flights", "commented on the case", "warned against hackers"
    if not after_that and _not_reported(toks, hit, j):
        return None         # "declined to comment", "would not say whether ...": no report made
    if toks[j].low in PREPOSITIONS and not after_that and not (lemma == "call" and toks[j].low in ("for", "on")) and not (
            toks[j].low == "to" and lemma in INFINITIVE_LEMMAS):
        return None         # "responded with logic", "recalled of the proceedings": no content
    if hit.entry is not None and hit.entry.form in NEEDS_THAT and toks[j - 1].low != "that":
        return None         # "found ways to ...", "released her returns": not a report
    return j


def _demonstrative_that(toks: list[Token], j: int) -> bool:
    """The "that" before token j is a pronoun, not a conjunction: a comma follows it that no second
    comma closes as an aside ("said that, if elected, he would ..." is a conjunction)."""
    if toks[j].text != ",":
        return not toks[j].text[0].isalnum() and toks[j].text not in OPENING_MARKS
    return not any(t.text == "," for t in toks[j + 1:j + 10])


def _aside(toks: list[Token], j: int, venue: bool = False) -> bool:
    """Tokens from j name how or where a source spoke, not what: "condition of anonymity", "the
    record", an outlet or its programme ("speaking on CBC's Power & Politics", "on Fox News")."""
    if j < len(toks) and toks[j].low in EN.articles:
        j += 1
    if venue and j < len(toks) and toks[j].text[0].isupper():
        k = j
        while k < len(toks) and k - j < 4 and toks[k].text[0].isupper():
            k += 1
        name = " ".join(t.text for t in toks[j:k])
        first = toks[j].text
        for suffix in EN.possessive_suffixes:
            first = first.removesuffix(suffix)
        return name in EN.organizations or first in EN.organizations
    return j < len(toks) and toks[j].low in EN.aside_nouns


def negated(toks: list[Token], hit: CueHit) -> bool:
    """A negation among the auxiliaries right before the cue: "would not say", "hasn't said"."""
    k = hit.first - 1
    while k >= 0 and (toks[k].low in AUX_ADV or toks[k].low.endswith(EN.negation_suffixes)):
        if toks[k].low in EN.negations or toks[k].low.endswith(EN.negation_suffixes):
            return True
        k -= 1
    return False


def _not_reported(toks: list[Token], hit: CueHit, j: int) -> bool:
    """The cue reports nothing: a refusal to speak ("declined to comment", "refused to say how much")
    or a negated cue before an embedded question ("would not say whether", "has not said when")."""
    n = len(toks)
    if hit.lemma in EN.refusal_lemmas and toks[j].low in EN.infinitive_markers and j + 2 < n \
            and toks[j + 1].low in PASSIVE_AUX and toks[j + 2].low.endswith(EN.past_suffixes):
        return True         # "declined to be named": a source's anonymity, not its statement
    if hit.lemma in EN.refusal_lemmas and toks[j].low in EN.infinitive_markers and j + 1 < n:
        verb = EN.verbs.get(toks[j + 1].low)
        lemma = verb.lemma if verb else toks[j + 1].low
        if lemma not in EN.verb_lemmas or EN.verb_lemmas[lemma].cls != "speech":
            return False
        nxt = toks[j + 2] if j + 2 < n else None   # nothing said: no object, or only a question
        return nxt is None or not nxt.text[0].isalnum() or nxt.low in EN.wh_words or nxt.low in ABOUT_PREPOSITIONS
    if toks[j].low in EN.negations and j + 3 < n and toks[j + 1].low in EN.infinitive_markers \
            and toks[j + 2].low in PASSIVE_AUX and toks[j + 3].low.endswith(EN.past_suffixes):
        return True         # "asked not to be named": a source's anonymity, not its statement
    return toks[j].low in EN.wh_words and negated(toks, hit)


ADVERBIAL_NOUNS: Final = EN.adverbial_nouns


TIME_NOUNS: Final = EN.time_nouns


def _time_phrase(toks: list[Token], j: int) -> int:
    """End of a time expression starting at j ("on Tuesday", "last week", "October 23"), or j."""
    n = len(toks)
    low = toks[j].low
    if low in WEEKDAYS or low in MONTHS and toks[j].text[0].isupper():
        m = j + 1
        while m < n and (toks[m].text.isdigit() or toks[m].low in EN.day_parts):
            m += 1
        return m
    if low in EN.time_modifiers and j + 1 < n and toks[j + 1].low in TIME_NOUNS:
        return j + 2
    if low in EN.deictic_days:
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


def words_from(toks: list[Token], j: int, enough: int) -> int:
    """How many word tokens follow from j, counting no further than ``enough``."""
    count = 0
    for tok in islice(toks, j, None):
        if tok.text[0].isalnum():
            count += 1
            if count >= enough:
                break
    return count


PARTICIPLE_CUTS: Final = EN.participle_cuts


def content_end(view: SentenceView, j: int) -> int:
    """Char offset where forward content ends: the sentence end, or a following participle or
    coordinated cue (", adding ...", "and warned ..."). One lookup in the sentence's cut table."""
    cuts, offsets = view.cut_table
    k = bisect_right(cuts, j)
    if k < len(cuts):
        return offsets[k]
    return view.sent.end


_CUT_WORDS: Final = frozenset({"and", "but", ";", ","})     # the only tokens that can end a content


def _cut_table(view: SentenceView) -> tuple[list[int], list[int]]:
    """Token indexes where a content must end, and the char offset it ends at, in order."""
    toks = view.toks
    n = len(toks)
    inside = view.inside
    at: list[int] = []
    offsets: list[int] = []
    for m in range(1, n - 1):
        low = toks[m].low
        if low not in _CUT_WORDS or inside[m]:
            continue
        if low in ("and", "but"):
            after_comma = toks[m - 1].text == ","
            # a second cue of the same source ("and warned"), or a clause with a named source of its
            # own after "but" or ", and" ("..., but Shelby said he refused")
            if _coordinated_cue(toks, m + 1) or (low == "but" or after_comma) and _subject_then_cue(toks, m + 1):
                at.append(m)
                offsets.append(toks[m - 1].end if after_comma else toks[m].start)
        elif low == ";":
            at.append(m)              # "...; Nike holds ..."
            offsets.append(toks[m].start)
        elif low == ",":
            nxt = toks[m + 1].low
            if nxt in PARTICIPLE_CUTS or (
                    nxt == "according" and m + 2 < n and toks[m + 2].low == "to") or _main_cue(toks, m + 1):
                at.append(m)
                offsets.append(toks[m].start)
    return at, offsets


def _main_cue(toks: list[Token], m: int) -> bool:
    """Token m, after a comma, is the finite cue of the main clause: "A source close to the
    Treasurer, who asked not to be named, said ...": what comes before it is not its content."""
    entry = VERBS.get(toks[m].low)
    return (entry is not None and toks[m].text.islower() and entry.lemma in BACKWARD_LEMMAS
            and entry.form in EN.irregular_past and not (m + 1 < len(toks) and toks[m + 1].low == "to"))


SUBJECT_NAME_WORDS: Final = 3      # words of a name opening a joined clause: "but Shelby said", "and Jane Doe said"


def _subject_then_cue(toks: list[Token], m: int) -> bool:
    """Tokens from m are a new clause's subject, a short name, and its cue: "..., but Shelby said he
    refused": the content before ends there. (Not a pronoun: "... and he feels he can win" is
    mostly the same source going on.)"""
    if m >= len(toks):
        return False
    k = m
    while k < len(toks) and k - m < SUBJECT_NAME_WORDS and toks[k].text[0].isupper() and toks[k].text.isalpha():
        k += 1
    return k > m and _coordinated_cue(toks, k)


def _coordinated_cue(toks: list[Token], m: int) -> bool:
    """Token m starts a second predicate with a cue: "... and warned against hackers"."""
    while m < len(toks) and toks[m].low in AUX_ADV:
        m += 1
    if m >= len(toks):
        return False
    entry = VERBS.get(toks[m].low)
    return entry is not None and toks[m].text.islower() and (toks[m].low.endswith(("ed", "s")) or toks[m].low in
                                                             ("said", "told", "wrote", "thought", "found"))


def extend_with_quotes(view: SentenceView, start: int, end: int) -> list[tuple[int, int]]:
    """Content pieces from [start, end), carried on through a quote that runs past the sentence."""
    for q in view.quotes_from(start):
        if q.open >= end:
            break
        if q.close > end and q.open >= start - 1 and q.end > end:
            return [(start, q.pieces[0][1])] + list(q.pieces[1:])
    return [(start, end)]


NAMING_WORD: Final = re.compile(r"[,\s]*([^\W\d_]+)")


def naming_end(view: SentenceView, lemma: str, start: int, end: int) -> int:
    """Where the content of a naming verb ends ('called it "reckless," but the council voted for it
    anyway'): at the close of its first quotation when a clause joins after it; ``end`` otherwise."""
    if lemma not in EN.naming_lemmas:
        return end
    for q in view.quotes_from(start):
        if q.open >= end:
            break
        if q.open >= start and q.closed and q.close < end:
            m = NAMING_WORD.match(view.text, q.close, end)
            if m and m.group(1).lower() in EN.clause_join_words and m.group(1).lower() not in EN.name_conjunctions:
                return q.close      # not "and": '"Miss Piggy" and "Miss Housekeeping"' are one object
            break
    return end


def _window(view: SentenceView, pos: int) -> list[Quoted]:
    """Quotes that can close near ``pos``: a quote may open long before (over paragraphs), so look
    back over the quotes that open before ``pos`` whose close is not yet passed."""
    i = bisect_right(view.quote_starts, pos)
    j = i
    while j > 0 and i - j < 64 and view.quotes[j - 1].close >= pos - 2:
        j -= 1
    return view.quotes[j:i + 1]


def quote_starting_after(view: SentenceView) -> Quoted | None:
    """The quote that opens right after this sentence, across a paragraph break."""
    end = view.sent.end
    for q in view.quotes_from(end):
        if q.open >= end:
            return q if view.text[end:q.open].strip() == "" else None
    return None


def quote_ending_before(view: SentenceView) -> Quoted | None:
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


def backward_pieces(view: SentenceView, boundary: int) -> list[tuple[int, int]] | None:
    """Content before a source: from the sentence (or its quote) start to token ``boundary``."""
    toks = view.toks
    pos = toks[boundary].start
    k = boundary
    while k >= 0 and (toks[k].text in CLOSING_MARKS or toks[k].text in (",", "\u2014", "-")):
        k -= 1
    q = _quote_closing_at(view, toks[boundary].end if toks[boundary].text in CLOSING_MARKS else pos)
    if q is not None:
        lead = _clause_before(view, q.open)
        if lead is not None:
            return [(lead, q.pieces[-1][1])]
        return [(a, b) for a, b in q.pieces]
    if k < 0:
        return None
    start, end = trim(view.text, view.sent.start, toks[k].end)
    if end - start < 3:
        return None
    return [(start, end)]


LEAD_WORDS: Final = 3          # words before a quotation, in its sentence, that make them one statement


def _clause_before(view: SentenceView, open_at: int) -> int | None:
    """Where the statement starts when the quotation closing before its source opened inside a clause
    of the same sentence: 'The wagons were known as "rolling ovens" rather than "sleeping cars,"
    Okafor writes.' is one statement from "The wagons" (None when the quotation starts the sentence,
    or what precedes it is a cue's own clause or an introduction)."""
    toks = view.toks
    words = 0
    first = None
    for i, t in enumerate(toks):
        if t.start >= open_at:
            break
        if view.inside[i] or not t.text[0].isalnum():
            if t.text in (":", ";") or t.text == "," and words == 0:
                return None
            continue
        if first is None:
            first = i
        if t.text.islower() and (t.low in VERBS or t.low in EN.quantifiers):
            return None         # 'He said "..."', '"A," Smith said, and "B," Jones said'
        words += 1
    if first is None or words < LEAD_WORDS or toks[first].low in INTRO_OPENERS or toks[first].low in PREPOSITIONS:
        return None
    return toks[first].start


def content_like(view: SentenceView, pieces: list[tuple[int, int]]) -> bool:
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


def is_passive(toks: list[Token], hit: CueHit) -> bool:
    j = hit.first - 1
    while j >= 0 and toks[j].low in EN.passive_adverbs:
        j -= 1
    return j >= 0 and toks[j].low in PASSIVE_AUX and hit.entry is not None and (
        hit.entry.form.endswith("ed") or hit.entry.form in EN.passive_participles)


def main_subject(view: SentenceView, upto: int, earlier: tuple["Candidate", ...]) -> tuple[int, int] | None:
    """Subject of the clause a participle hangs on: the last subject in this sentence, or its start."""
    for cand in reversed(earlier):
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
            if m > 0 and toks[m].low in EN.personal_subjects and toks[m].text.islower():
                i = m               # "On September 27 they published ...": no comma after the phrase
                break
    if i < upto and toks[i].low in EN.personal_subjects:
        return view.span(i, i)
    phrase = _subject_phrase(toks, i, upto)
    if phrase is not None:
        return view.span(i, phrase)
    k = i
    while k < upto and (toks[k].text[0].isupper() or toks[k].low in ("'s", "\u2019s", ".")):
        k += 1
    if k > i:
        return view.span(i, k - 1)
    return None


SUBJECT_PHRASE_WORDS: Final = 8    # words of a clause's subject read up to its verb, at most


def _subject_phrase(toks: list[Token], i: int, upto: int) -> int | None:
    """The last token of the noun phrase opening a clause at ``i`` ("The health board", "United
    boss Kev Marsh"), read up to the first word that is its verb (a past form, an auxiliary, a cue);
    None when no such verb follows within a few words."""
    k = i
    described = i < upto and toks[i].low in EN.object_determiners
    while k < upto and k - i < SUBJECT_PHRASE_WORDS:
        t = toks[k]
        low = t.low
        if k > i and t.text.islower() and (low.endswith(EN.past_suffixes) or low in IRREGULAR_VERBS
                                           or low in VERBS or low in EN.finite or low in AUX_ADV):
            return k - 1 if described else None
        if low.endswith(EN.adverb_suffixes):
            return None
        described = described or (t.text.islower() and low in EN.roles)
        if not (t.text[0].isalnum() or low in ("'s", "\u2019s", ".", "-")) or low in PREPOSITIONS \
                or low in EN.boundary_words:
            return None
        k += 1
    return None



TITLE_SMALL: Final = EN.title_small
PRONOUN_SUBJECTS: Final = EN.pronoun_subjects
IRREGULAR_VERBS: Final = EN.irregular_verbs




# Lemmas that, followed by "to", raise their subject: "is said to be", "are expected to win".
RAISING_LEMMAS: Final = EN.raising_lemmas
COORDINATORS: Final = frozenset({"and", "but"})
ARTICLES_AND_POSSESSIVES: Final = EN.object_determiners
SUBJECT_PRONOUNS: Final = EN.animate_subjects


def _after_tag(toks: list[Token], j: int) -> int:
    """Token ``j``, or the token after a party tag opening there ('said Rep. Joseph Crowley (D-N.Y.),')."""
    if j < len(toks) and toks[j].text == "(":
        past = past_tag(toks, j, len(toks))
        if past is not None:
            return past
    return j


def _addressee_after(toks: list[Token], j: int) -> bool:
    """Does token j, after "said to", open an addressee ("said to reporters", "said to Tom", "said to
    the crowd") rather than a raised verb ("is said to be")?"""
    if j >= len(toks):
        return False
    t = toks[j]
    return t.text[0].isupper() or t.low in OBJECT_WORDS or t.low in EN.object_determiners


# The frames that say nothing but their kind, made once (they are values, and a text has hundreds).
_ACCORDING: Final = Frame(FrameKind.ACCORDING)
_PASSIVE: Final = Frame(FrameKind.PASSIVE)
_RAISING: Final = Frame(FrameKind.RAISING)
_PARTICIPLE: Final = Frame(FrameKind.PARTICIPLE)
_GERUND: Final = Frame(FrameKind.GERUND)


def frame_of(view: SentenceView, hit: CueHit) -> "Frame":
    """How the cue stands in its sentence (see :class:`Frame`): read once, before any rule."""
    toks = view.toks
    n = len(toks)
    if hit.entry is None:
        return _ACCORDING
    form = hit.entry.form
    prev = toks[hit.first - 1].low if hit.first > 0 else ""
    nxt = toks[hit.index + 1].low if hit.index + 1 < n else ""
    if is_passive(toks, hit):
        return _PASSIVE
    if nxt == "to" and hit.entry.lemma in RAISING_LEMMAS and not _addressee_after(toks, hit.index + 2):
        return _RAISING
    if form.endswith("ing"):
        if prev in PARTICIPLE_LEAD:
            return _PARTICIPLE
        if prev not in AUX_ADV:
            return _GERUND
    k = aux = skip_aux_back(toks, hit.first - 1)
    if k >= 1 and toks[k].low in COORDINATORS:
        return Frame(FrameKind.COORDINATED, anchor=k)
    d = k
    while d >= 0 and toks[d].text in DASHES:
        d -= 1
    if d < k and d >= 0 and toks[d].text in CLOSING_MARKS:
        k = d                   # '"Enough"--said Mrs. Vane': a dash stands for the comma
    subj = subject_ending_at(toks, aux)
    if subj is None:
        inv = None
        if (k < 0 and quote_ending_before(view) is not None) or (
                k >= 0 and (toks[k].text == "," or toks[k].text in CLOSING_MARKS)):
            inv = subject_after(toks, hit.index, n)
        if inv is None:
            return Frame(FrameKind.INVERTED, anchor=k)
        return Frame(FrameKind.INVERTED, inv, view.span(inv.first, inv.last),
                     view.span(inv.appos[0], inv.appos[1]) if inv.appos else None,
                     _after_tag(toks, (inv.appos[1] if inv.appos else inv.last) + 1), k)
    after = hit.index + 1
    if hit.lemma in OBJECT_VERBS and after < n and (toks[after].low in OBJECT_WORDS or (
            toks[after].text[0].isupper() and toks[after].low not in SUBJECT_PRONOUNS)):
        after += 1              # "told reporters", "told Fox News"
        while after < n and (toks[after].text[0].isupper() or toks[after].low in ("'s", "\u2019s")):
            after += 1
    elif hit.lemma in OBJECT_VERBS and after + 1 < n and toks[after].low in ARTICLES_AND_POSSESSIVES:
        m = after + 1           # "told the crowd."
        while m < n and m - after <= 4 and toks[m].text[0].isalnum() and toks[m].low not in PREPOSITIONS:
            m += 1
        if rest_is_trivial(view, m):
            after = m
    return Frame(FrameKind.PREVERBAL, subj, view.span(subj.first, subj.last),
                 view.span(subj.appos[0], subj.appos[1]) if subj.appos else None, after, k)


_LETTER: Final = re.compile(r"\w")
_NON_WORD: Final = re.compile(r"\W+")


# The ASCII characters that are not word characters (``\W``), to delete from an ASCII chunk.
_ASCII_NON_WORD: Final = bytes(c for c in range(128) if not _LETTER.match(chr(c)))


def word_chars(text: str, start: int, end: int) -> int:
    r"""How many word characters (``\w``: letters, digits, underscore) text[start:end] holds, counted
    by deleting the others: an ASCII chunk in one pass over its bytes, any other with one regex."""
    chunk = text[start:end]
    if chunk.isascii():
        return len(chunk.encode("ascii").translate(None, _ASCII_NON_WORD))
    return len(_NON_WORD.sub("", chunk))      # what is left once every run of others is deleted


def quotes_over(quotes: list[Quoted], opens: list[int], a: int, b: int) -> list[Quoted]:
    """Quotes overlapping [a, b): quotes do not overlap each other, so ends rise with starts."""
    i = bisect_right(opens, b) - 1
    found = []
    while i >= 0 and quotes[i].close > a:
        found.append(quotes[i])
        i -= 1
    return found


def quote_share(text: str, pieces: tuple[tuple[int, int], ...] | list[tuple[int, int]],
                quotes: list[Quoted], opens: list[int]) -> float:
    """Share of the content's letters and digits that lie inside quotation marks. The letters inside
    are counted first: when there are none, the share is 0 and the content's own go uncounted; a
    content piece that a quote holds whole is counted once."""
    inside = 0
    held: dict[tuple[int, int], int] = {}       # the pieces a quote holds whole, with their count
    for a, b in pieces:
        for q in quotes_over(quotes, opens, a, b):
            qp = q.pieces
            k = max(0, bisect_right(qp, (a, INF)) - 1)
            while k < len(qp) and qp[k][0] < b:
                lo, hi = max(a, qp[k][0]), min(b, qp[k][1])
                if lo < hi:
                    count = word_chars(text, lo, hi)
                    inside += count
                    if lo == a and hi == b:
                        held[a, b] = count
                k += 1
    if not inside:
        return 0.0
    total = sum(held[a, b] if (a, b) in held else word_chars(text, a, b) for a, b in pieces)
    return inside / total


DIRECT_SHARE: Final = 0.9      # a statement this much inside quotation marks is a direct quote


def is_direct(view: SentenceView, pieces: tuple[tuple[int, int], ...]) -> bool:
    return quote_share(view.text, pieces, view.quotes, view.quote_starts) >= DIRECT_SHARE
