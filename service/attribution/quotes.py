"""Quotation marks: pair them into quoted spans, per paragraph, in one linear pass.

A quoted span may run over paragraphs: a paragraph that opens a quote without closing it
continues in the next paragraph when that one opens with a quotation mark (news convention).
Apostrophes are not quotation marks; unbalanced marks are dropped without derailing the rest.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from typing import Final, NamedTuple

from .language import ENGLISH as EN
from .segment import chars_at, scan

# (pos, INF) sorts after every piece that starts at pos: a bisection key over pieces.
INF: Final = float("inf")


def _chars(marks: frozenset[str]) -> str:
    """The characters of ``marks``, escaped for a regex character class, in a fixed order."""
    return "".join(re.escape(ch) for ch in sorted(marks))


# The language's quotation marks (data/<language>/quote_marks.tsv): the pairs that are not
# apostrophes, wire-service two-character marks first.
#   '``Yes,'' he said' -> "``" and "''";  '„Ja“' -> "„" and "“";  '«Oui»' -> "«" and "»"
#
# Both patterns below open with one character class, the characters a match can start with: they
# are tried only where one stands (see _MARK_FIRST), never with every alternative (or a
# look-behind) at every position of the text. The alternatives follow in
# their order, each checking the character taken with a look-behind; what matches is unchanged:
#   MARK   = ''|``|["«»“”„‹›]     (the long marks first, then the one-character ones)
#   SINGLE = (?<![\w'’])['‘](?=[^\W\d_])|(?<=[\w.,!?])['’](?![\w'’])
_LONG: Final = sorted((m for m in EN.quote_marks if len(m) > 1), key=lambda m: (-len(m), m))
_SHORT: Final = _chars(frozenset(m for m in EN.quote_marks if len(m) == 1))
MARK: Final = re.compile("[%s%s](?:%s)" % (_chars(frozenset(m[0] for m in _LONG)), _SHORT, "|".join(
    ["(?<=%s)%s" % (re.escape(m[0]), re.escape(m[1:])) for m in _LONG] + ["(?<=[%s])" % _SHORT])))
# Marks that are also apostrophes, for quotes in single quotation marks ('‘no comment’'); only
# pairs that are clearly not apostrophes (an opener before a letter -- not "'90s" -- after a space or
# the start; a closer before a space or punctuation).
_SINGLE_OPEN: Final = _chars(EN.single_openers | EN.single_ambiguous)
_SINGLE_CLOSE: Final = _chars(EN.single_closers | EN.single_ambiguous)
# A closing single mark may also follow a double mark closing a quote inside it ('... "no comment."’').
_DOUBLE_CLOSE: Final = _chars(frozenset(m for m in EN.quote_closers | EN.ambiguous_marks if len(m) == 1))
# An opener may also stand before a word that opens with an apostrophe ("''Twas late,' she said").
#   (?<![\w C])[O](?=[^\W\d_]|[C][^\W\d_])  |  (?<=[\w.,!?D])[C](?![\w C])
# (O: the opening marks, C: the closing ones, D: double closing marks), written like MARK: the
# mark first, as one class of both, then each alternative's look-behind checks it and what precedes.
SINGLE: Final = re.compile(r"[%s%s](?:(?<=[%s])(?<![\w%s][%s])(?=[^\W\d_]|[%s][^\W\d_])|(?<=[\w.,!?%s][%s])(?![\w%s]))"
                    % (_SINGLE_OPEN, _SINGLE_CLOSE, _SINGLE_OPEN, _SINGLE_CLOSE, _SINGLE_OPEN, _SINGLE_CLOSE,
                       _DOUBLE_CLOSE, _SINGLE_CLOSE, _SINGLE_CLOSE))
_SINGLE_MARKS: Final = EN.single_closers | EN.single_ambiguous
# A single closing mark after a word or punctuation ("...,' she said"), not another apostrophe.
_SINGLE_CLOSER: Final = re.compile(r"(?<=[\w.,!?])[%s](?![\w%s])" % (_SINGLE_CLOSE, _SINGLE_CLOSE))


def _apostrophe_word_after_single(text: str, open_at: int, mark: str, end: int) -> bool:
    """A two-apostrophe "double" mark that is a single opening mark and the apostrophe of the word
    after it ("''Twas late,' she said"): nothing closes it as a double, a single mark does."""
    return (len(mark) == 2 and mark[0] in EN.single_ambiguous and open_at + 2 < end
            and text[open_at + 2].isalpha() and _SINGLE_CLOSER.search(text, open_at + 3, end) is not None)

OPENERS: Final = EN.quote_openers            # marks that only open: “ „ « ‹ ``
CLOSERS: Final = EN.quote_closers            # marks that only close: ” » ›
AMBIGUOUS: Final = EN.ambiguous_marks        # one mark for both ends: " ''
STARTERS: Final = EN.quote_starters          # marks a paragraph's quote may open with
_SPACE_OR_OPEN: Final = frozenset(" \t\r\n([{\u2014\u2013-/")
_CLOSE_CONTEXT: Final = frozenset(" \t\r\n.,;:!?)]}\u2014\u2013-\u2026")


class Quoted(NamedTuple):
    """A quoted span: ``pieces`` are the (start, end) of its content per paragraph, marks excluded."""

    open: int                 # offset of the opening mark
    close: int                # offset just past the closing mark (or the paragraph end)
    pieces: tuple[tuple[int, int], ...]
    closed: bool

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]

    def covers(self, pos: int) -> bool:
        """Whether ``pos`` lies inside one of the pieces (bisection: quotes may have thousands)."""
        pieces = self.pieces
        if len(pieces) == 1:
            return pieces[0][0] <= pos < pieces[0][1]
        i = bisect_right(pieces, (pos, INF)) - 1
        return i >= 0 and pieces[i][0] <= pos < pieces[i][1]


def _opening_context(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return (before in _SPACE_OR_OPEN or MARK.match(before) is not None) and not after.isspace()


def _closing_context(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not before.isspace() and (after in _CLOSE_CONTEXT or after in EN.enclosing_closers)


def _starts_with_quote(text: str, start: int, end: int) -> bool:
    i = start
    while i < end and text[i] in " \t":
        i += 1
    return i < end and text.startswith(STARTERS, i)


# The characters MARK and SINGLE open with (their first character classes). Found by str.find
# in the whole text once, and each pattern tried at those offsets only (see segment.scan): faster
# than a scan of every paragraph with the pattern, whose regex engine tests each character
# against the class.
_MARK_FIRST: Final = frozenset(m[0] for m in EN.quote_marks)
_SINGLE_FIRST: Final = frozenset("".join(EN.single_openers | EN.single_closers | EN.single_ambiguous))


def find_quotes(text: str, paras: list[tuple[int, int]]) -> list[Quoted]:
    """Every quoted span of the text, in order. Linear in the number of marks."""
    out: list[Quoted] = []
    pending: list[tuple[int, int]] = []     # pieces of a quote carried over from earlier paragraphs
    pending_open = -1
    at = chars_at(text, paras[0][0], paras[-1][1], _MARK_FIRST) if paras else []
    for index, (p_start, p_end) in enumerate(paras):
        open_at = -1          # offset of the open mark in this paragraph
        open_end = -1
        open_mark = ""
        marks = scan(MARK, text, at, p_start, p_end)
        if pending and marks and marks[0].start() == _first_char(text, p_start, p_end):
            # the carried-over quote re-opens here
            open_at, open_end, open_mark = marks[0].start(), marks[0].end(), marks[0].group()
            marks = marks[1:]
        elif pending:
            pending, pending_open = [], -1
        nested = False
        inner_close = -1      # offset of the closing mark of a quote nested in the same marks
        for i, m in enumerate(marks):
            mark, s, e = m.group(), m.start(), m.end()
            if s == inner_close:
                continue
            if open_at >= 0 and open_mark not in AMBIGUOUS and mark in AMBIGUOUS:
                # a straight mark inside a typographic quote: a quote within the quote, or the
                # straight closer of a mixed pair ("“ ... \"")
                if nested:
                    nested = False
                    continue
                if _opening_context(text, s, e) and not _closing_context(text, s, e):
                    nested = True
                    continue
            if open_at < 0:
                if mark in OPENERS or (mark in AMBIGUOUS and (_opening_context(text, s, e)
                                                              or not _closing_context(text, s, e))):
                    open_at, open_end, open_mark = s, e, mark
                continue
            # a closer, or a mark that also opens closing the pair it belongs to ("„ ... “")
            closes = (mark in CLOSERS or (mark in OPENERS and EN.pair_close.get(open_mark) == mark)
                      or (mark in AMBIGUOUS and (_closing_context(text, s, e) or not _opening_context(text, s, e))))
            if closes:
                pieces = tuple(pending) + ((open_end, s),)
                out.append(Quoted(pending_open if pending else open_at, e, pieces, True))
                pending, pending_open = [], -1
                open_at = -1
                nested = False
            elif (mark == open_mark or mark in AMBIGUOUS and open_mark in AMBIGUOUS) \
                    and _nested_same(text, marks, i, open_mark):
                inner_close = marks[i + 1].start()      # '"You call every cut "reform" and ..."'
            elif mark in OPENERS or mark in AMBIGUOUS:
                # an opener while one is open: the earlier mark was unbalanced; start again here
                pending, pending_open = [], -1
                open_at, open_end, open_mark = s, e, mark
        if open_at >= 0:
            nxt = paras[index + 1] if index + 1 < len(paras) else None
            piece = (open_end, _trim_end(text, open_end, p_end))
            lead = text[max(p_start, open_at - 2):open_at].strip()
            introduced = (open_at == _first_char(text, p_start, p_end) or lead == ":"
                          or lead == "," and len(text[open_end:p_end].split()) >= 8)
            if nxt is not None and introduced and _starts_with_quote(text, nxt[0], nxt[1]):
                if not pending:
                    pending_open = open_at
                pending.append(piece)
            elif open_at == _first_char(text, p_start, p_end) and piece[1] > piece[0] \
                    and not _apostrophe_word_after_single(text, open_at, open_mark, p_end):
                # a paragraph-opening quote whose closing mark is missing: it ends with the paragraph
                out.append(Quoted(pending_open if pending else open_at, p_end,
                                  tuple(pending) + (piece,), False))
                pending, pending_open = [], -1
            else:
                pending, pending_open = [], -1
    singles = _single_quotes(text, paras, out)
    if singles:
        # a double-marked quote inside a single-marked one is a quote within that quote
        spans = [(q.open, q.close) for q in singles]
        opens = [a for a, _ in spans]
        out = [q for q in out if not _within(spans, opens, q)] + singles
    out.sort(key=lambda q: q.open)
    return [q for q in out if q.end > q.start]


NESTED_WORDS: Final = 6        # a quotation inside one in the same marks is a short term: at most


def _closes(text: str, m: "re.Match[str]", open_mark: str) -> bool:
    mark, s, e = m.group(), m.start(), m.end()
    return (mark in CLOSERS or EN.pair_close.get(open_mark) == mark
            or mark in AMBIGUOUS and _closing_context(text, s, e) and not _opening_context(text, s, e))


def _nested_same(text: str, marks: list["re.Match[str]"], i: int, open_mark: str) -> bool:
    """The opening mark ``marks[i]``, inside a quote opened by the same mark, opens a short quote
    within it: the next mark closes it within a few words, and the one after closes the outer one."""
    if i + 2 >= len(marks) or not _opening_context(text, marks[i].start(), marks[i].end()):
        return False
    inner, outer = marks[i + 1], marks[i + 2]
    words = text[marks[i].end():inner.start()]
    return (words.count(" ") < NESTED_WORDS and not any(c in words for c in ".?!")
            and _closes(text, inner, open_mark) and _closes(text, outer, open_mark))


def _single_quotes(text: str, paras: list[tuple[int, int]], doubles: list[Quoted]) -> list[Quoted]:
    """Top-level quotes in single marks, outside every double-quoted span. Cautiously (four words
    or more: not a nickname, not an apostrophe) where double marks are the article's house style;
    where single marks are (British papers: 'fully funded', double marks only inside them, if any),
    of any length, and an apostrophe after a plural ("the workers' money") does not close a quote
    that a later mark can close."""
    at = chars_at(text, paras[0][0], paras[-1][1], _SINGLE_FIRST) if paras else []
    marked = _single_marks(text, paras, doubles, at)      # (found once: both pairings read them)
    if not marked:
        return []
    strict = _pair_singles(text, paras, marked, SINGLE_MIN_SPACES, False)
    outer = [(q.open, q.close) for q in strict]
    starts = [a for a, _ in outer]

    def inside_single(q: Quoted) -> bool:
        i = bisect_right(starts, q.open) - 1
        return i >= 0 and outer[i][0] < q.open and q.close <= outer[i][1]

    top_doubles = sum(1 for q in doubles if not inside_single(q)) if strict else len(doubles)
    if top_doubles and len(strict) < top_doubles:
        return strict           # double marks are the house style
    return _pair_singles(text, paras, marked, 0, True)


SINGLE_MIN_SPACES: Final = 3       # a cautious single-marked quote has at least four words


def _single_marks(text: str, paras: list[tuple[int, int]], doubles: list[Quoted],
                  at: list[int]) -> list[tuple[int, list[tuple[int, bool, str]]]]:
    """The single marks outside the double-quoted spans, per paragraph that has any, in text order:
    (index of the paragraph, [(offset, opens, mark), ...]). ``at``: where the characters SINGLE
    opens with stand (see ``segment.scan``); only the paragraphs holding one are scanned."""
    covered = [(q.open, q.close) for q in doubles]
    starts = [p_start for p_start, _ in paras]
    out = []
    ci = 0
    last = -1
    for a in at:
        index = bisect_right(starts, a) - 1
        if index <= last or a >= paras[index][1]:
            continue                # a paragraph scanned already, or a character outside every paragraph
        last = index
        p_start, p_end = paras[index]
        marks = []
        for m in scan(SINGLE, text, at, p_start, p_end):
            s = m.start()
            while ci < len(covered) and covered[ci][1] <= s:
                ci += 1
            if ci < len(covered) and covered[ci][0] <= s < covered[ci][1]:
                continue
            ch = text[s]
            is_open = ch in EN.single_openers or (ch in EN.single_ambiguous and s + 1 < p_end and (
                text[s + 1].isalnum() or text[s + 1] in _SINGLE_MARKS and s + 2 < p_end and text[s + 2].isalpha())
                and (s == 0 or not text[s - 1].isalnum()))
            marks.append((s, is_open, ch))
        if marks:
            out.append((index, marks))
    return out


def _pair_singles(text: str, paras: list[tuple[int, int]], marked: list[tuple[int, list[tuple[int, bool, str]]]],
                  min_spaces: int, house: bool) -> list[Quoted]:
    """Pair the single marks of each paragraph (in text order; ``marked``, from
    :func:`_single_marks`). In the house style (``house``), a quote a paragraph opens without
    closing ends with the paragraph, or carries on into the next paragraph when that one opens with
    a single mark, as with double marks."""
    found: list[Quoted] = []
    pending: list[tuple[int, int]] = []     # pieces of a quote carried over from earlier paragraphs
    pending_open = -1
    last = -1
    for index, marks in marked:
        if index != last + 1:       # the paragraphs between have no mark: no quote carries on
            pending, pending_open = [], -1
        last = index
        p_start, p_end = paras[index]
        first = _first_char(text, p_start, p_end)
        if pending and not (marks and marks[0][0] == first and marks[0][1]):
            pending, pending_open = [], -1
        open_at = -1
        for k, (s, is_open, ch) in enumerate(marks):
            if open_at < 0:
                if is_open:
                    open_at = s
            elif not is_open or ch not in EN.single_openers:
                if house and _plural_apostrophe(text, s, p_end) and k + 1 < len(marks) and (
                        not marks[k + 1][1] or marks[k + 1][2] not in EN.single_openers):
                    continue            # "the workers' money": the next mark closes the quote
                if pending and open_at == first:
                    found.append(Quoted(pending_open, s + 1, tuple(pending) + ((open_at + 1, s),), True))
                elif text.count(" ", open_at, s) >= min_spaces and s - open_at > 2:   # not "rock 'n' roll"
                    found.append(Quoted(open_at, s + 1, ((open_at + 1, s),), True))
                pending, pending_open = [], -1
                open_at = -1
        if not house or open_at < 0:
            pending, pending_open = [], -1
            continue
        piece = (open_at + 1, _trim_end(text, open_at + 1, p_end))
        lead = text[max(p_start, open_at - 2):open_at].strip()
        nxt = paras[index + 1] if index + 1 < len(paras) else None
        if nxt is not None and (open_at == first or lead == ":") and _starts_with_single(text, nxt[0], nxt[1]):
            if not pending:
                pending_open = open_at
            pending.append(piece)
        elif open_at == first and piece[1] > piece[0]:
            found.append(Quoted(pending_open if pending else open_at, p_end, tuple(pending) + (piece,), False))
            pending, pending_open = [], -1
        else:
            pending, pending_open = [], -1
    return found


def _starts_with_single(text: str, start: int, end: int) -> bool:
    i = _first_char(text, start, end)
    return i + 1 < end and (text[i] in EN.single_openers or text[i] in EN.single_ambiguous and text[i + 1].isalnum())


def _within(spans: list[tuple[int, int]], opens: list[int], q: Quoted) -> bool:
    i = bisect_right(opens, q.open) - 1
    return i >= 0 and spans[i][0] < q.open and q.close <= spans[i][1]


def _plural_apostrophe(text: str, s: int, end: int) -> bool:
    """The mark at ``s`` may be a plural's apostrophe: after an "s", before a lower-case word."""
    return s > 0 and text[s - 1] == "s" and s + 2 < end and text[s + 1] == " " and text[s + 2].islower()


def _first_char(text: str, start: int, end: int) -> int:
    i = start
    while i < end and text[i] in " \t":
        i += 1
    return i


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
