"""Segmentation: paragraphs, sentences and word tokens, as offsets into the untouched text."""
from __future__ import annotations

import re
from bisect import bisect_left
from typing import Final, NamedTuple

from .language import ENGLISH as EN

ABBREVIATIONS: Final = EN.abbreviations

# A paragraph is a run of text between line breaks.
#   "Headline\n\nFirst paragraph.\nSecond." -> "Headline", "First paragraph.", "Second."
# (:func:`paragraphs` finds these runs by splitting the text at its line breaks: the same runs, in
# a third of the time a scan with this pattern takes.)
PARAGRAPH: Final = re.compile(r"[^\r\n]+")


def _chars(marks: frozenset[str]) -> str:
    """The characters of ``marks``, escaped for a regex character class, in a fixed order."""
    return "".join(re.escape(ch) for ch in sorted(marks))


# A candidate sentence end: terminal punctuation, the closing quotes (the language's after_stop
# marks) or brackets that belong to the sentence, then whitespace and something that can start a
# sentence (anything but a lower-case letter: a capital, a digit, a quotation mark, a symbol).
#   'He left. "We won," she said.'  -> ends after 'left.'
#   'He asked "why?" and left.'     -> no end after '?"' (lower-case word follows)
# (The first character is a class of its own, TERMINALS: sentences() tries the pattern only where
# one of them stands, see scan.)
TERMINALS: Final = frozenset(".!?\u2026")     # terminal punctuation: . ! ? …
SENTENCE_END: Final = re.compile(r"""
    [%s][%s]*                         # terminal punctuation
    (?:[%s)\]]{1,3})?                 # closing quotes or brackets that belong to the sentence
    (?=[ \t]{1,40}(?:[%s(\[]|[^\sa-z]))   # then a space and no lower-case letter
""" % (_chars(TERMINALS), _chars(TERMINALS), _chars(EN.stop_closers), _chars(EN.open_chars)), re.VERBOSE)

# The word before a period, to tell "Sen. Smith" and "U.S. officials" from a sentence end.
#   "...said Sen" -> "Sen";  "the U.S" -> "U.S"
WORD_BEFORE: Final = re.compile(r"(?:[A-Za-z]\.){1,6}[A-Za-z]$|\w{1,20}$")

# Word tokens: acronyms with periods, words with inner apostrophes/hyphens/ampersands, or any
# other single non-space character.
#   "Ukraine’s U.S.-backed de-escalation, he said" ->
#   "Ukraine’s" "U.S." "-" "backed" "de-escalation" "," "he" "said"
# That is (?:[A-Za-z]\.){2,}|\w+(?:[\u2019'&-]\w+)*|\S, written so that the regex engine does
# little per token: every token starts with a non-space character, taken first (a class of its
# own, so the engine skips the spaces between tokens in a tight loop); an acronym goes on with a
# period after a letter (a literal, so a plain word does not try it), a word with more word
# characters; a plain word enters no repeated group (the joined parts of a word are an
# alternative to nothing).
TOKEN: Final = re.compile(r"\S(?:\.(?<=[A-Za-z]\.)(?:[A-Za-z]\.)+|(?<=\w)\w*(?:[\u2019'&-]\w+(?:[\u2019'&-]\w+)*|)|)")


class Token:
    """A word or punctuation token: its text, lower-cased text and offsets (immutable by use), made
    by :func:`tokens` from its match."""

    __slots__ = ("text", "low", "start", "end")

    text: str
    low: str
    start: int
    end: int

    def __init__(self, text: str, low: str, start: int, end: int) -> None:
        self.text = text
        self.low = low
        self.start = start
        self.end = end

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start}, {self.end})"


class Sentence(NamedTuple):
    """A sentence's offsets and the index of its paragraph (a named tuple: a text has hundreds,
    and a tuple is made faster than a frozen dataclass)."""

    start: int
    end: int
    paragraph: int


def chars_at(text: str, start: int, end: int, chars: frozenset[str]) -> list[int]:
    """Where any of ``chars`` stands in text[start:end], in order: each character found by
    str.find, a scan far faster than the regex engine's test of every character against a class."""
    found = []
    for ch in chars:
        at = text.find(ch, start, end)
        while at >= 0:
            found.append(at)
            at = text.find(ch, at + 1, end)
    found.sort()
    return found


DENSE: Final = 8        # see scan


def scan(pattern: re.Pattern[str], text: str, at: list[int], start: int, end: int) -> list[re.Match[str]]:
    """``list(pattern.finditer(text, start, end))`` for a pattern that opens with one of the
    characters whose offsets are ``at`` (from :func:`chars_at`) and never matches nothing: the
    pattern is tried at those offsets only, each after the last match. (Where they stand closer
    than every DENSE characters, a call per offset costs more than the regex engine's own scan
    does: that is read instead.)"""
    first, last = bisect_left(at, start), bisect_left(at, end)
    if (last - first) * DENSE > end - start:
        return list(pattern.finditer(text, start, end))
    found = []
    after = start
    for i in range(first, last):
        if at[i] >= after:
            m = pattern.match(text, at[i], end)
            if m:
                found.append(m)
                after = m.end()
    return found


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank paragraph, in order."""
    out = []
    start = 0
    # "\r" and "\n" each end a line (a "\r" made a "\n" keeps every offset)
    for line in (text.replace("\r", "\n") if "\r" in text else text).split("\n"):
        end = start + len(line)
        if line and not line.isspace():
            out.append((start, end))
        start = end + 1
    return out


def _is_abbreviation(text: str, dot: int) -> bool:
    """Whether the period at ``dot`` ends the word before it as an abbreviation ("Sen. Smith"), an
    initial ("J. Smith") or an acronym ("U.S. officials") rather than a sentence."""
    reach = dot - 24 if dot > 24 else 0
    space = text.rfind(" ", reach, dot)
    word = text[space + 1:dot]
    if space >= 0 and word.isalnum():
        word = word[-20:]           # a plain word after a space: what WORD_BEFORE finds, found faster
    else:
        m = WORD_BEFORE.search(text, reach, dot)
        if not m:
            return False
        word = m.group()
        if "." in word:             # "U.S", "D.C" (a plain word has no period)
            return True
    return word in ABBREVIATIONS or len(word) == 1 and word.isupper()     # "Sen"; an initial: "J"


def sentences(text: str, paras: list[tuple[int, int]]) -> list[Sentence]:
    """Sentences of every paragraph; a paragraph break always ends a sentence. (SENTENCE_END is
    tried only where terminal punctuation stands, found in the whole text by str.find: see
    :func:`scan`. Each sentence is made by tuple.__new__ from its values: the named tuple's own
    constructor, a Python function, took most of the time of making one.)"""
    out: list[Sentence] = []
    at = chars_at(text, paras[0][0], paras[-1][1], TERMINALS) if paras else []
    for index, (p_start, p_end) in enumerate(paras):
        start = p_start
        for m in scan(SENTENCE_END, text, at, p_start, p_end):
            stop, end = m.span()
            if end - stop == 1 and text[stop] == "." and _is_abbreviation(text, stop):
                continue
            out.append(_new_tuple(Sentence, (start, end, index)))
            start = end + 1         # the space the end was followed by, and any more
            while start < p_end and text[start] in " \t":
                start += 1
        if start < p_end:
            out.append(_new_tuple(Sentence, (start, p_end, index)))
    # a sentence is no longer than its paragraph: only a long paragraph can hold a run-on one
    return _capped(text, out) if any(p_end - p_start > MAX_SENTENCE for p_start, p_end in paras) else out


_new_tuple: Final = tuple.__new__


MAX_SENTENCE: Final = 2000


def _capped(text: str, sents: list[Sentence]) -> list[Sentence]:
    """Split run-on "sentences" (a megabyte without punctuation) at a space every MAX_SENTENCE
    characters, so that the work per sentence stays bounded and the engine linear."""
    if all(s.end - s.start <= MAX_SENTENCE for s in sents):
        return sents
    out: list[Sentence] = []
    for s in sents:
        start = s.start
        while s.end - start > MAX_SENTENCE:
            cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
            cut = cut + 1 if cut > start else start + MAX_SENTENCE
            out.append(Sentence(start, cut, s.paragraph))
            start = cut
        out.append(Sentence(start, s.end, s.paragraph))
    return out


def tokens(text: str, start: int, end: int) -> list[Token]:
    """The tokens of text[start:end]. No token holds a space, and TOKEN reads nothing before a
    token's first character: the sentence's runs without space (split at its spaces by str.split,
    whose spaces are the regex engine's) are tokenised each on its own, each at the first offset
    after the run before it that holds it. Most runs are a plain word, one token (no regex is run
    on it), and most others a word between punctuation: see :func:`_run_tokens`."""
    out: list[Token] = []
    pos = start
    for run in text[start:end].split():
        at = text.find(run, pos, end)
        pos = at + len(run)
        if run.isalnum():           # (str.isalnum: every character a regex word character but "_")
            _append(out, run, at)
        else:
            _run_tokens(run, at, out)
    return out


def _append(out: list[Token], word: str, at: int) -> None:
    """Append the token ``word`` at offset ``at``, lower-cased only when it is not (most words
    are: then no copy is made)."""
    out.append(Token(word, word if word.islower() else word.lower(), at, at + len(word)))


def _is_word_char(ch: str) -> bool:
    """Whether ``ch`` is a regex word character (``\\w``)."""
    return ch.isalnum() or ch == "_"


def _run_tokens(run: str, at: int, out: list[Token]) -> None:
    """Append the tokens of ``run`` (text without space, at offset ``at``) to ``out``, as TOKEN
    splits it. A character that is no word character is a token of its own unless it is an
    acronym's period ("U.S.") or joins two words ("O'Brien"); so a run that is a word, or nothing,
    between such characters ('"storm,"', "--") is those characters and that word, one by one. Any
    other run is split by TOKEN."""
    first, last = 0, len(run)
    while first < last and not _is_word_char(run[first]):
        first += 1
    while last > first and not _is_word_char(run[last - 1]):
        last -= 1
    if first < last and not run[first:last].isalnum():
        for word in TOKEN.findall(run):
            _append(out, word, at)
            at += len(word)
        return
    for i in range(first):                      # the marks before the word
        _append(out, run[i], at + i)
    if first < last:
        _append(out, run[first:last], at + first)
    for i in range(last, len(run)):             # and after it
        _append(out, run[i], at + i)


if TOKEN.groups:
    raise ValueError("segment.TOKEN must have no capturing group: tokens() reads its findall")
