"""The text stages of the pack engine: quotations, sentences and tokens, as offsets into the
untouched text. Every function here is linear in the length of the text."""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from typing import Final, NamedTuple

from .data import Pack

DASHES: Final = "\u2014\u2013"          # em and en dash: a dialogue line, or a cue after a quotation
MAX_QUOTE: Final = 4000                 # a quotation closes within this many characters or is no quotation


class Quotation(NamedTuple):
    """A quotation: ``open`` is its opening mark (or dash), ``close`` its closing mark (``end``
    when it has none); ``start``/``end`` bound the quoted words."""

    open: int
    close: int
    start: int
    end: int
    dialogue: bool = False


class Tok(NamedTuple):
    """A token: a word, a punctuation mark, or a whole quotation (``kind`` ``w``, ``p``, ``q``)."""

    text: str
    low: str
    start: int
    end: int
    kind: str
    inner: tuple[int, int] | None = None     # a quotation's quoted words (without its marks)


class Sent(NamedTuple):
    start: int
    end: int
    paragraph: int
    number: int


WORD: Final = re.compile(r"\w+(?:[-'\u2019.]\w+)*|\S")


def find_quotations(text: str, paras: list[tuple[int, int]], pack: Pack) -> list[Quotation]:
    """Quotations in each paragraph: an opening mark and the first closing mark of its pair after
    it (within the paragraph); a mark never closed is no quotation. With ``dialogue_dash``, a
    paragraph that opens with a dash is a dialogue line, quoted up to the dash that brings in its
    cue (", — сказал он") and again after the cue's sentence (". — Но ..."); a quotation in marks
    that a cue interrupts the same way is two quotations («A, — сказал он. — B»)."""
    out: list[Quotation] = []
    opens = pack.quote_pairs
    for pstart, pend in paras:
        pos = pstart
        lead = pstart
        while lead < pend and text[lead] in " \t":
            lead += 1
        if pack.dialogue_dash and lead < pend and text[lead] in DASHES:
            pos = _dialogue(text, lead, pend, pend, out)
        missing: dict[str, int] = {}          # closing mark -> absent from here to the paragraph end
        while pos < pend:
            ch = text[pos]
            close_mark = opens.get(ch)
            if close_mark is None or (ch == close_mark and pos > pstart and text[pos - 1].isalnum()):
                pos += 1
                continue
            if missing.get(close_mark, pend + 1) <= pos:
                pos += 1
                continue
            close = text.find(close_mark, pos + 1, min(pend, pos + MAX_QUOTE))
            if close < 0:
                missing[close_mark] = pos if pos + MAX_QUOTE >= pend else pend + 1
                pos += 1
                continue
            cut = _DIALOGUE_CUT.search(text, pos + 1, close) if pack.dialogue_dash else None
            resume = _RESUME.search(text, cut.end(), close) if cut is not None else None
            if cut is not None and resume is not None:
                # «A, — сказал он. — B»: the cue interrupts the quotation
                end = cut.start() + (1 if text[cut.start()] in "!?.\u2026" else 0)
                out.append(Quotation(pos, end, pos + 1, end, True))
                dash = resume.start() + resume.group().index(resume.group().strip()[-1])
                out.append(Quotation(dash, close, resume.end(), close))
            else:
                out.append(Quotation(pos, close, pos + 1, close))
            pos = close + 1
    out.sort(key=lambda q: q.open)
    return [q for i, q in enumerate(out) if not (i and not q.dialogue and out[i - 1].dialogue
                                                   and out[i - 1].open < q.open < out[i - 1].close)]


_DIALOGUE_CUT: Final = re.compile(r"[,!?.\u2026]\s*[\u2014\u2013]\s")
# the quotation resumes after the cue's sentence: ". — Но ..." (a dash, then a capital)
_RESUME: Final = re.compile(r"[.!?\u2026]\s*[\u2014\u2013]\s+(?=[^\W\d_])")


def _dialogue(text: str, lead: int, pend: int, limit: int, out: list[Quotation]) -> int:
    """The quotations of a dialogue line opening with the dash at ``lead``; the position after the
    last one."""
    start = lead + 1
    while start < pend and text[start] == " ":
        start += 1
    cut = _dialogue_cut(text, start, pend)
    out.append(Quotation(lead, cut, start, cut, True))
    if cut < pend:
        resume = _RESUME.search(text, cut, pend)
        if resume is not None and text[resume.end()].isupper():
            dash = resume.start() + len(resume.group().rstrip()) - 1
            return _dialogue(text, dash, pend, limit, out) if dash > lead else cut
    return cut


def _dialogue_cut(text: str, start: int, end: int) -> int:
    m = _DIALOGUE_CUT.search(text, start, end)
    if m is None:
        while end > start and text[end - 1] in " \t":
            end -= 1
        if end > start and text[end - 1] == "." and text[end - 2:end] != "..":
            end -= 1                          # a dialogue line ends without its full stop
        return end
    return m.start() + (1 if text[m.start()] in "!?.\u2026" else 0)


@lru_cache(maxsize=8)
def _sentence_end(pack: Pack) -> re.Pattern[str]:
    closers = "".join(re.escape(c) for c in sorted(set(pack.quote_pairs.values())))
    # ... then a space and no lower-case letter, nor a dash bringing in a cue ("?» — спросил он")
    return re.compile(r"[.!?\u2026]+[%s)\]]{0,3}(?=[ \t]+(?![-\u2013\u2014][ \t]+[a-z\u00df-\u00ff\u0430-\u044f\u0451])"
                      r"[^\sa-z\u0430-\u044f])" % closers)


def sentences(text: str, paras: list[tuple[int, int]], quotes: list[Quotation], pack: Pack) -> list[Sent]:
    """Sentences of each paragraph: ends at terminal punctuation followed by a space and no
    lower-case letter, never inside a quotation, never after an abbreviation of the pack or (with
    ``ordinal_dot``) after a day number ("am 3. März")."""
    end_re = _sentence_end(pack)
    q_opens = [q.open for q in quotes]
    out: list[Sent] = []
    for p_index, (pstart, pend) in enumerate(paras):
        start = pstart
        for m in end_re.finditer(text, pstart, pend):
            dot = m.start()
            if _inside(quotes, q_opens, dot, m.end()):
                continue
            if text[dot] == "." and _no_end(text, dot, pack):
                continue
            out.append(Sent(start, m.end(), p_index, len(out)))
            start = m.end()
            while start < pend and text[start] in " \t":
                start += 1
        if start < pend:
            out.append(Sent(start, pend, p_index, len(out)))
    return out


def _inside(quotes: list[Quotation], opens: list[int], a: int, b: int) -> bool:
    i = bisect_right(opens, a) - 1
    if i < 0:
        return False
    q = quotes[i]
    return q.open < a and b <= q.close


def _no_end(text: str, dot: int, pack: Pack) -> bool:
    i = dot
    while i > 0 and i > dot - 24 and not text[i - 1].isspace():
        i -= 1
    word = text[i:dot].lstrip("(\"'„«»\u201c")
    if not word:
        return False
    if word.lower() in pack.abbreviations:
        return True
    if len(word) == 1 and word.isalpha():
        return True                    # an initial: "J. Smith"
    if pack.ordinal_dot and word.isdigit() and len(word) <= 2:
        # "am 3. März" (an ordinal), but not "sagt Renate Obermaier, 71. Nach Angaben ..."
        nxt = WORD.match(text, dot + 1 + len(text[dot + 1:dot + 6]) - len(text[dot + 1:dot + 6].lstrip()))
        return nxt is None or nxt.group().lower() not in pack.word_classes
    return False


def tokens(text: str, start: int, end: int, quotes: list[Quotation], opens: list[int]) -> list[Tok]:
    """The sentence's tokens, each quotation inside it one token of kind ``q``."""
    out: list[Tok] = []
    i = bisect_right(opens, start - 1)
    pos = start
    while pos < end:
        nxt = quotes[i].open if i < len(quotes) else end
        if nxt < pos:
            i += 1
            continue
        limit = min(nxt, end)
        for m in WORD.finditer(text, pos, limit):
            word = m.group()
            out.append(Tok(word, word.lower(), m.start(), m.end(), "w" if word[0].isalnum() else "p"))
        if nxt >= end:
            break
        q = quotes[i]
        qend = min(q.close + (0 if q.dialogue else 1), end)
        out.append(Tok(text[q.open:qend], "", q.open, qend, "q", (q.start, min(q.end, qend))))
        pos = max(qend, q.open + 1)
        i += 1
    return out
