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
from typing import Final

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
# What body() asks is only whether a paragraph is furniture: the same shapes without their names
# (a named group costs the regex engine marks on every try), and the tail shapes as one search of
# the paragraph's end instead of one search each.
_ANY_LINE: Final = re.compile("|".join(f"(?:{s.pattern})" for s in EN.furniture_shapes if s.scope == "line"))
_ANY_TAIL: Final = re.compile("|".join(f"(?:{s.pattern})\\Z" for s in EN.furniture_shapes if s.scope == "tail"))
MAX_LINE: Final = 700          # a furniture line is short: longer paragraphs are article text
MAX_LEADS: Final = 3           # furniture cut off one paragraph's start, at most
TAIL_REACH: Final = 120        # characters at the end of a paragraph searched for a tail shape


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
    if end - start > MAX_LINE:
        return False
    # (the tail's reach by a comparison: a call of max() costs as much as a short paragraph's search)
    return _ANY_LINE.fullmatch(text, start, end) is not None \
        or _ANY_TAIL.search(text, end - TAIL_REACH if end - start > TAIL_REACH else start, end) is not None


def lead_end(text: str, start: int, end: int) -> int:
    """Where the article text of paragraph ``text[start:end]`` starts, past the furniture that
    opens it (``start`` when none does)."""
    return _lead_end(text, *_strip(text, start, end))


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
        stripped = _strip(text, start, end)         # (each check reads the paragraph stripped)
        if _is_line(text, *stripped):
            continue
        cut = _lead_end(text, *stripped)
        # (text past the cut that opens with no space is no blank: the slice is read only when it does)
        if cut < end and (not text[cut].isspace() or not text[cut:end].isspace()):
            out.append((cut, end) if cut > start and text[start:cut].strip() else (start, end))
    return out
