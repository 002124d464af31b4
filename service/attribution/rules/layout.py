"""Statements read from the page's layout rather than from a sentence: a transcript line opening
with a speaker's name and a colon, and a quotation signed with a dash and a name."""
from __future__ import annotations

import re
from bisect import bisect_left
from typing import Final

from ..language import ENGLISH as EN
from .base import Candidate, Example, Rule, TextContext
from .grammar import trim

MIN_CONTENT_WORDS: Final = 3
SIGNATURE_REACH: Final = 60    # characters between a closing mark and the end of its line, at most


# A speaker's name and a colon opening a paragraph: a transcript line or a headline.
#   "PENCE: Well, the question ..."  -> speaker PENCE, content "Well, the question ..."
#   "Rush Limbaugh: Hillary ..."     -> speaker Rush Limbaugh
NAME_COLON: Final = re.compile(r"""
    [ \t]{0,8}["\u201c\u2018']?              # optional opening quote of a transcript line
    (?P<name>[A-Z][\w.\u2019'-]{1,30}(?:[ ][A-Z][\w.\u2019'-]{1,30}){0,3})
    [ ]?:[ \t]{1,8}
    (?P<content>\S)
""", re.VERBOSE)
NOT_SPEAKERS: Final = EN.not_speakers

# A quote followed by a dash and a name, closing its paragraph: '"..." \u2015 Ana Ruiz'
# The name may be signed with a role after a comma ('— Bec Ruddock, grazier'); a full stop
# closing the line is not part of the name (a dot inside it is: 'J. Ruiz', 'Dr. Ruiz').
DASH_NAME: Final = re.compile(r"""
    [ \t]{0,4}[\u2015\u2014\u2013-][ \t]{0,4}
    (?P<name>[A-Z](?:[\w\u2019'-]|\.(?![ \t]*$)){0,30}(?:[ ][A-Z](?:[\w\u2019'-]|\.(?![ \t]*$)){0,30}){0,3})
    (?:,[ ](?P<role>[\w\u2019'-]{1,30}(?:[ ][\w\u2019'-]{1,30}){0,7}))?
    [ \t]{0,8}\.?[ \t]{0,8}$
""", re.VERBOSE | re.MULTILINE)


# What follows a quotation that opens a line's content: a short tail with a cue of its own
# ('ENERGY: "Prices will fall," Jane Doe, a strategist, said.') means the quotation is attributed
# there, and the word before the colon is a label, not the speaker.
ATTRIBUTED_TAIL: Final = 16    # words after the closing mark, at most
WORD: Final = re.compile(r"[^\W\d_]+")


def _attributed_quote(ctx: TextContext, start: int, end: int) -> bool:
    """The content at ``start`` is a quotation followed, before ``end``, by its own cue."""
    quotes = ctx.quotes
    i = bisect_left(quotes, start - 1, key=lambda q: q.open)
    if i < len(quotes) and quotes[i].open <= start + 1 and quotes[i].closed and quotes[i].close < end:
        tail = WORD.findall(ctx.text, quotes[i].close, end)
        return len(tail) <= ATTRIBUTED_TAIL and any(w in EN.verbs for w in tail)
    return False


# A dateline with a colon ('LISBON: The strike entered its third week'): a word in capitals before
# a colon in one of the article's first paragraphs, where no other paragraph opens that way. A
# transcript gives its speakers in capitals line after line ('PENCE: ...', 'KAINE: ...').
DATELINE_PARAGRAPHS: Final = 3


FIRST_PERSON: Final = frozenset(w for w, p in EN.pronouns.items() if p.person == 1)


def _spoken(text: str, start: int, end: int) -> bool:
    """Does ``text[start:end]`` read as speech: a question, or a first-person pronoun ('we did')?"""
    return "?" in text[start:end] or any(w.lower() in FIRST_PERSON for w in WORD.findall(text, start, end))


def _dateline(text: str, matches: list[tuple[int, re.Match[str], int]]) -> int | None:
    """The paragraph index of a colon dateline among the name-colon matches, or None: one word in
    capitals, the only such line, in the article's first paragraphs, before news that does not
    read as speech."""
    capitals = [(i, m, end) for i, m, end in matches if m.group("name").isupper()]
    if len(capitals) != 1:
        return None
    index, m, end = capitals[0]
    if index < DATELINE_PARAGRAPHS and " " not in m.group("name") and not _spoken(text, m.start("content"), end):
        return index
    return None


# A Q-and-A: 'Q: Will the deficit shrink?' / 'A: It will ...'. The answers are statements of the
# one person the introduction names ('The House spoke with Finance Minister Claire Dubois.'); an
# introduction naming several gives no answers a speaker.
QA_LABEL: Final = re.compile(r"[ \t]{0,8}(?P<label>[A-Za-z]{1,8})[ ]?:[ \t]{1,8}(?P<content>\S)")
QA_NAME: Final = re.compile(r"[A-Z][\w.\u2019'-]{0,30}(?:[ ][A-Z][\w.\u2019'-]{0,30}){1,5}")
QA_INTRO_PARAGRAPHS: Final = 3     # paragraphs before the first question searched for the interviewee


def _qa_answers(ctx: TextContext) -> tuple[Candidate, ...]:
    text, paras = ctx.text, ctx.paragraphs
    out: list[Candidate] = []
    person: tuple[int, int] | None = None
    for index, (p_start, p_end) in enumerate(paras):
        # (a label needs a colon: a paragraph without one is not matched)
        m = QA_LABEL.match(text, p_start, p_end) if text.find(":", p_start, p_end) >= 0 else None
        label = m.group("label").lower() if m else ""
        if label in EN.question_labels and person is None:
            names = [n for k in range(max(0, index - QA_INTRO_PARAGRAPHS), index)
                     for n in QA_NAME.finditer(text, *paras[k])
                     if n.group().split()[0].lower() not in EN.articles]
            if len({n.group().rstrip(".") for n in names}) != 1:
                return ()           # no one, or several: who answers is not said
            name = names[0]
            end = name.end()
            if text[end - 1] == "." and end - name.start() > 2 and text[end - 3:end - 1].isalpha():
                end -= 1            # the sentence's full stop, not an initial's dot
            person = (name.start(), end)
        elif m and label in EN.answer_labels and person is not None:
            start = m.start("content")
            if len(text[start:p_end].split()) >= MIN_CONTENT_WORDS:
                out.append(Candidate("name-colon", (trim(text, start, p_end),), None, person))
    return tuple(out)


def _name_colon(ctx: TextContext) -> tuple[Candidate, ...]:
    text = ctx.text
    out = list(_qa_answers(ctx))
    matches = []
    for index, (p_start, p_end) in enumerate(ctx.paragraphs):
        if text.find(":", p_start, p_end) < 0:
            continue                # no name and colon without a colon
        m = NAME_COLON.match(text, p_start, p_end)
        if m and m.group("name") not in NOT_SPEAKERS and not m.group("name").isdigit():
            matches.append((index, m, p_end))
    dateline = _dateline(text, matches)
    for index, m, p_end in matches:
        if index != dateline:
            start = m.start("content")
            if _attributed_quote(ctx, start, p_end):
                continue
            if len(text[start:p_end].split()) >= MIN_CONTENT_WORDS:
                out.append(Candidate("name-colon", (trim(text, start, p_end),), None,
                                     (m.start("name"), m.end("name"))))
    return tuple(out)


def _quote_dash_name(ctx: TextContext) -> tuple[Candidate, ...]:
    text = ctx.text
    out = []
    for q in ctx.quotes:
        if not q.closed:
            continue
        line_end = text.find("\n", q.close)
        line_end = len(text) if line_end < 0 else line_end
        if line_end - q.close > SIGNATURE_REACH:
            continue
        m = DASH_NAME.match(text, q.close, line_end)
        if m:
            role = (m.start("role"), m.end("role")) if m.group("role") else None
            out.append(Candidate("quote-dash-name", q.pieces, None, (m.start("name"), m.end("name")), role))
    return tuple(out)


RULES: Final = (
    Rule("name-colon", "layout", "paragraph",
         "A paragraph opening with a speaker's name and a colon: a transcript line.", _name_colon,
         (Example("PENCE: Well, I think the question really should be about jobs.",
                  "Well, I think the question really should be about jobs", "PENCE"),
          Example("Rush Limbaugh: Nobody saw this coming at all.", "Nobody saw this coming at all",
                  "Rush Limbaugh"),
          Example("We spoke with Mayor Ana Ruiz.\n\nQ: Will the pool reopen?\n\nA: Not before the autumn, I am afraid.",
                  "Not before the autumn, I am afraid", "Mayor Ana Ruiz")),
         ("UPDATE: The vote was moved to Friday afternoon.", "Editor's note: This story was corrected.",
          "LISBON: The port workers' strike entered its third week on Monday.",
          "Q: Will the pool reopen?\n\nA: Not before the autumn, the council says.",
          'ENERGY: "Prices will fall by the summer," Jane Doe, a strategist, said.'),
    ),
    Rule("quote-dash-name", "layout", "paragraph",
         "A quotation signed with a dash and a name at the end of its line.", _quote_dash_name,
         (Example('"We deserve better." \u2015 Ana Ruiz', "We deserve better.", "Ana Ruiz"),
          Example('"We lost the whole herd." \u2014 Bec Ruddock, grazier.', "We lost the whole herd.", "Bec Ruddock")),
         ('"We deserve better" - a slogan seen everywhere this week in the capital',),
    ),
)
