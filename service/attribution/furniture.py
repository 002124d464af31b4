"""Page furniture: the lines a page carries besides the article, told from the article's text.

Text pasted or scraped from a news page brings links to other stories (``READ MORE: ...``,
``WATCH | ...``), labels (``UPDATE:``, ``MARKET VIEW:``), bylines, photo captions and credits,
live-blog timestamps and datelines (``WASHINGTON (Reuters) - ``). None of it is a statement, and
none of it may lend a statement its speaker. Which lines are furniture is data: the line shapes of
``data/<language>/furniture.tsv`` and the words of ``furniture_words.tsv``.

:func:`body` gives the paragraphs that are article text, each without the furniture that opens it
(a dateline, a timestamp, a label); every later stage reads only those. Pure; the text is never
changed, only the spans read from it.
"""
from __future__ import annotations

import re
from re import _constants as sre_constants, _parser as sre_parse    # type: ignore[attr-defined]
from typing import Any, Final

from .language import ENGLISH as EN

# The shapes, compiled once: a paragraph that is a ``line`` shape, or ends with a ``tail`` shape, is
# furniture; ``lead`` shapes are cut off the start of one (then tried again, for "UPDATE:
# WASHINGTON (Reuters) - ...").
#   "READ MORE: Deficit to last a decade, ministry says"  -> furniture (link)
#   "Protesters outside parliament. (Jane Doe/CBC)"       -> furniture (credit_last)
#   'OTTAWA \u2014 The minister said ...'                  -> "The minister said ..." (dateline)
# One regex per scope, the shapes as named alternatives in file order (one call per paragraph).
LINE_SHAPES: Final = re.compile("|".join(f"(?P<{s.name}>{s.pattern})" for s in EN.furniture_shapes if s.scope == "line"))
TAIL_SHAPES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(       # each on its own: faster searched
    (s.name, re.compile(f"(?:{s.pattern})\\Z")) for s in EN.furniture_shapes if s.scope == "tail")
LEAD_SHAPES: Final = re.compile("|".join(f"(?:{s.pattern})" for s in EN.furniture_shapes if s.scope == "lead"))   # unnamed: one end
MAX_LINE: Final = 700          # a furniture line is short: longer paragraphs are article text
MAX_LEADS: Final = 3           # furniture cut off one paragraph's start, at most
TAIL_REACH: Final = 120        # characters at the end of a paragraph searched for a tail shape


def _widest(pattern: str) -> int:
    """The most characters a match of ``pattern`` can span (the regex parser's own count)."""
    return int(sre_parse.parse(pattern).getwidth()[1])


def _held(items: Any, ignorecase: bool) -> set[str]:
    """Characters that every match of the parsed regex ``items`` holds (some of them: found
    cautiously, a letter not at all where case does not count): the literals of its sequence, of
    the groups and required repeats in it, and those every alternative of a choice holds."""
    held: set[str] = set()
    for op, av in items:
        if op is sre_constants.LITERAL:
            ch = chr(av)
            if not ignorecase or ch.isascii() and not ch.isalpha():
                held.add(ch)
        elif op is sre_constants.SUBPATTERN:
            _, add, drop, sub = av
            held |= _held(sub, (ignorecase or bool(add & re.I)) and not drop & re.I)
        elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT) \
                and av[0] >= 1:
            held |= _held(av[2], ignorecase)
        elif op is sre_constants.BRANCH:
            held |= set.intersection(*(_held(alt, ignorecase) for alt in av[1]))
    return held


def _holds(pattern: str) -> str:
    """Characters that every match of ``pattern`` holds (see :func:`_held`), in a fixed order."""
    parsed = sre_parse.parse(pattern)
    return "".join(sorted(_held(parsed, bool(parsed.state.flags & re.I))))


# What body() asks is only whether a paragraph is furniture, and most paragraphs are article text:
# what no line can be told cheaply is not tried. A line shape fits a paragraph only if it can span
# as many characters: the line shapes without their names (a named group costs the regex engine
# marks on every try), as one regex per length, of the shapes that can span a paragraph of that
# length or more, each length with the regex of the least limit at or above it.
#   (71, link|promo|...|clock_line|credits_line), (150, link|...|credit_alone|...), ..., (700, link|credit_first)
_LINE_WIDTHS: Final = [(s.pattern, min(_widest(s.pattern), MAX_LINE)) for s in EN.furniture_shapes if s.scope == "line"]
_LINES_BY_LENGTH: tuple[tuple[int, re.Pattern[str]], ...] = tuple(
    (limit, re.compile("|".join(f"(?:{p})" for p, width in _LINE_WIDTHS if width >= limit)))
    for limit in sorted({width for _, width in _LINE_WIDTHS}))
# A tail shape's match lies within its widest span from the paragraph's end, and holds certain
# characters (the brackets of "(Jane Doe/CBC)", the colon of "Photo: Jane Doe"): each tail shape
# with its reach and those characters, searched only where the end of a paragraph holds them all.
_TAILS: tuple[tuple[int, str, re.Pattern[str]], ...] = tuple(
    (min(TAIL_REACH, _widest(s.pattern)), _holds(s.pattern), re.compile(f"(?:{s.pattern})\\Z"))
    for s in EN.furniture_shapes if s.scope == "tail")


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t":
        start += 1
    while end > start and text[end - 1] in " \t\r":
        end -= 1
    return start, end


def line_shape(text: str, start: int, end: int) -> str | None:
    """The name of the furniture shape that paragraph ``text[start:end]`` is, or None."""
    start, end = _strip(text, start, end)
    if end - start > MAX_LINE:
        return None
    m = LINE_SHAPES.fullmatch(text, start, end)
    if m:
        return m.lastgroup
    for name, shape in TAIL_SHAPES:
        if shape.search(text, max(start, end - TAIL_REACH), end):
            return name
    return None


def _is_line(text: str, start: int, end: int) -> bool:
    """Whether paragraph ``text[start:end]``, stripped, is furniture: ``line_shape(...) is not None``."""
    length = end - start
    if length > MAX_LINE:
        return False
    for limit, shapes in _LINES_BY_LENGTH:
        if length <= limit:
            if shapes.fullmatch(text, start, end) is not None:
                return True
            break
    for reach, held, shape in _TAILS:
        # (the reach by a comparison: a call of max() costs as much as a short paragraph's search)
        at = end - reach if length > reach else start
        if _all_found(text, held, at, end) and shape.search(text, at, end) is not None:
            return True
    return False


def _all_found(text: str, chars: str, start: int, end: int) -> bool:
    """Whether each of ``chars`` stands in text[start:end]."""
    for ch in chars:
        if text.find(ch, start, end) < 0:
            return False
    return True


def lead_end(text: str, start: int, end: int) -> int:
    """Where the article text of paragraph ``text[start:end]`` starts, past the furniture that
    opens it (``start`` when none does)."""
    start, end = _strip(text, start, end)
    return _lead_end(text, start, end)


def _lead_end(text: str, start: int, end: int) -> int:
    """:func:`lead_end` of a stripped paragraph."""
    for _ in range(MAX_LEADS):
        m = LEAD_SHAPES.match(text, start, end)
        if not m or m.end() == start:
            break
        start = _strip(text, m.end(), end)[0]
    return start


def body(text: str, paras: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The paragraphs that are article text, in order: furniture lines dropped, and each kept
    paragraph starting past the furniture that opens it."""
    out = []
    for start, end in paras:
        first, last = _strip(text, start, end)      # (each check reads the paragraph stripped)
        if _is_line(text, first, last):
            continue
        cut = _lead_end(text, first, last)
        # (text past the cut that opens with no space is no blank: the slice is read only when it does)
        if cut < end and (not text[cut].isspace() or not text[cut:end].isspace()):
            out.append((cut, end) if cut > start and text[start:cut].strip() else (start, end))
    return out
