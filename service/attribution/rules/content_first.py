"""Content first, then its source: '"We are ready," he said.', 'Troops are ready, said the minister.',
and the quote a source interrupts: '"We are ready," he said, "and we will go."'

The content runs back from the source to the start of the sentence, or is the quotation that
closes right before it. Only verbs that may close a sentence after their content take these forms
(the ``after-content`` frame of the reporting-verb lexicon): '..., he said.' but not '..., she
called.'
"""
from __future__ import annotations

from typing import Final

from ..segment import Token
from .base import BLOCK, Candidate, CueContext, Example, Match, Pieces, Rule, _Block
from .grammar import (BACKWARD_LEMMAS, CLOSING_MARKS, DASHES, OPENING_MARKS, backward_pieces, content_end,
                      content_like, extend_with_quotes, manner_tail, quote_ending_before,
                      rest_is_trivial, statement, words_from)

LEAD_MARKS: Final = frozenset({",", "\u2014"}) | DASHES


def _statement(ctx: CueContext, rule: str, pieces: Pieces | list[tuple[int, int]]) -> Candidate | _Block:
    fr = ctx.frame
    return statement(ctx, rule, pieces, fr.subject_span, fr.appos_span)


def _closing_at(toks, b: int) -> bool:
    """A closing quotation mark at token b, or right before it ('"...," he said' / '"...", he said' /
    '"..."--he said')."""
    while b > 0 and toks[b].text in DASHES and toks[b - 1].text in DASHES:
        b -= 1
    return toks[b].text in CLOSING_MARKS or (b > 0 and toks[b - 1].text in CLOSING_MARKS)


def _source_after_content(ctx: CueContext) -> tuple[bool, list[tuple[int, int]]] | _Block | None:
    """Source before the cue, content before the source: 'Troops are ready, the minister said.'
    Gives (whether a quotation closes the content, its pieces), BLOCK when the form fits but what
    precedes is no statement ('When asked, he said'), None when the form does not fit."""
    view, fr = ctx.view, ctx.frame
    toks = view.toks
    assert fr.subject is not None
    before = fr.subject.first - 1
    if before < 0 or not (toks[before].text in LEAD_MARKS or toks[before].text in CLOSING_MARKS):
        return None
    loose = toks[before].text in CLOSING_MARKS or (
        before > 0 and toks[before].text in LEAD_MARKS and _closing_at(toks, before))
    if ctx.hit.lemma not in BACKWARD_LEMMAS or not rest_is_trivial(view, fr.after, loose=loose):
        return None
    pieces = backward_pieces(view, before)
    if pieces is None or not loose and not content_like(view, pieces):
        return BLOCK
    return _closing_at(toks, before), pieces


def _content_before_inverted(ctx: CueContext) -> tuple[bool, list[tuple[int, int]]] | _Block | None:
    """Cue, then source, after the content: 'Troops are ready, said the minister.' As above."""
    view, fr = ctx.view, ctx.frame
    toks = view.toks
    n = len(toks)
    if fr.subject is None or fr.anchor < 0 or ctx.hit.lemma not in BACKWARD_LEMMAS:
        return None
    end_tok = fr.after
    if not (rest_is_trivial(view, end_tok) or (end_tok < n and toks[end_tok].text == ",")
            or manner_tail(view, end_tok) and _closing_at(toks, fr.anchor)):
        return None
    pieces = backward_pieces(view, fr.anchor)
    closing = _closing_at(toks, fr.anchor)
    if pieces is None or not closing and not content_like(view, pieces):
        return BLOCK
    return closing, pieces


def _quote_comma_subject_cue(ctx: CueContext) -> Match:
    view, fr = ctx.view, ctx.frame
    assert fr.subject is not None
    if fr.subject.first == 0:
        q = quote_ending_before(view)       # the quote closed the sentence before: '"Who?" he said.'
        if q is not None and (rest_is_trivial(view, fr.after) or manner_tail(view, fr.after)):
            return _statement(ctx, "quote-comma-subject-cue", q.pieces)
    found = _source_after_content(ctx)
    if isinstance(found, tuple):
        return _statement(ctx, "quote-comma-subject-cue", found[1]) if found[0] else None
    return found


def _content_comma_subject_cue(ctx: CueContext) -> Match:
    found = _source_after_content(ctx)
    if isinstance(found, tuple):
        return None if found[0] else _statement(ctx, "content-comma-subject-cue", found[1])
    return found


def _dash_then_quote(toks: list[Token], j: int) -> bool:
    """A dash standing for the comma before the rest of an interrupted quotation ('the minister said
    \u2013 "and we will act."')."""
    return toks[j].text in DASHES and j + 1 < len(toks) and toks[j + 1].text in OPENING_MARKS


def _interrupted_quote(ctx: CueContext) -> Match:
    view, fr = ctx.view, ctx.frame
    toks = view.toks
    n = len(toks)
    if fr.kind == "preverbal":
        assert fr.subject is not None
        before, after = fr.subject.first - 1, fr.after
        if before > 0 and (toks[before].text in LEAD_MARKS or toks[before].text in CLOSING_MARKS) \
                and after < n and (toks[after].text == "," or _dash_then_quote(toks, after)):
            first = backward_pieces(view, before)
            j = after + 1
            if first is not None and j < n and words_from(toks, j, 2) >= 2:
                rest = extend_with_quotes(view, toks[j].start, content_end(view, j))
                return _statement(ctx, "interrupted-quote", first + rest)
        return None
    found = _content_before_inverted(ctx)
    if not isinstance(found, tuple):
        return found
    closing, pieces = found
    j = fr.after
    if closing and j + 1 < n and (toks[j].text == "," or toks[j].text in DASHES) and toks[j + 1].text in OPENING_MARKS:
        rest = extend_with_quotes(view, toks[j + 1].start, content_end(view, j + 1))
        return _statement(ctx, "interrupted-quote", pieces + rest)
    return None


def _quote_comma_cue_subject(ctx: CueContext) -> Match:
    view, fr = ctx.view, ctx.frame
    toks = view.toks
    n = len(toks)
    if fr.subject is not None and fr.anchor < 0:
        q = quote_ending_before(view)       # '"Who?" asked the senator.', '... asked Ito with a frown.'
        if q is not None and (rest_is_trivial(view, fr.after) or manner_tail(view, fr.after)
                              or (fr.after < n and toks[fr.after].text == ",")):
            return _statement(ctx, "quote-comma-cue-subject", q.pieces)
        return None
    found = _content_before_inverted(ctx)
    if isinstance(found, tuple):
        return _statement(ctx, "quote-comma-cue-subject", found[1]) if found[0] else None
    return found


def _content_comma_cue_subject(ctx: CueContext) -> Match:
    found = _content_before_inverted(ctx)
    if isinstance(found, tuple):
        return None if found[0] else _statement(ctx, "content-comma-cue-subject", found[1])
    return found


RULES: Final = (
    Rule("quote-comma-subject-cue", "content-first", "cue",
         "A quotation, then its source and the cue.", _quote_comma_subject_cue,
         (Example('"We are ready," he said.', "We are ready", "he"),
          Example('"Nobody told us anything," Ms Okafor said on Tuesday.', "Nobody told us anything",
                  "Ms Okafor"),
          Example("Headline\n\n\u201cWho would have believed it?\u201d the mayor said.",
                  "Who would have believed it?", "the mayor"),
          Example('"Really?" Ito asked with a frown.', "Really?", "Ito"),
          Example('"Not now," Moss snapped.', "Not now", "Moss"),
          Example('"Enough"--Mrs. Vane said.', "Enough", "Mrs. Vane"),
          Example('The wagons were known as "rolling ovens" rather than "sleeping cars," Okafor writes.',
                  'The wagons were known as "rolling ovens" rather than "sleeping cars,"', "Okafor")),
         ('"We are ready," she called.',),
         frames=("preverbal",), carried_on=True),
    Rule("content-comma-subject-cue", "content-first", "cue",
         "Reported content without quotation marks, then its source and the cue.",
         _content_comma_subject_cue,
         (Example("Troops are ready to move, the minister said.", "Troops are ready to move",
                  "the minister"),
          Example("The deficit will last a decade, the finance ministry says.",
                  "The deficit will last a decade", "the finance ministry"),
          Example("The talks have stalled, an official speaking on condition of anonymity said.",
                  "The talks have stalled", "an official speaking on condition of anonymity")),
         ("When asked about it, he said.", "After the vote, she said nothing."),
         frames=("preverbal",)),
    Rule("interrupted-quote", "content-first", "cue",
         "A quotation the source interrupts, one statement in two pieces.", _interrupted_quote,
         (Example('"We are ready," he said, "and we will go."', 'We are ready," he said, "and we will go',
                  "he"),
          Example('"The plan," said Gen. Ann Li, "is sound and it is funded."',
                  'The plan," said Gen. Ann Li, "is sound and it is funded', "Gen. Ann Li")),
         ('"We are ready," he said, adding that the troops had left.',),
         frames=("preverbal", "inverted"), carried_on=True),
    Rule("quote-comma-cue-subject", "content-first", "cue",
         "A quotation, then the cue and its source.", _quote_comma_cue_subject,
         (Example('"We are ready," said Gen. Ann Li.', "We are ready", "Gen. Ann Li"),
          Example('"Is this the end?" asked the senator.', "Is this the end?", "the senator"),
          Example('"Really?" asked Ito with a frown.', "Really?", "Ito"),
          Example('"We agree!" answer Li and Moss.', "We agree!", "Li and Moss"),
          Example('"Enough"--said Mrs. Vane.', "Enough", "Mrs. Vane")),
         ('"We are ready," called Gen. Ann Li.',),
         frames=("inverted",), carried_on=True),
    Rule("content-comma-cue-subject", "content-first", "cue",
         "Reported content without quotation marks, then the cue and its source.",
         _content_comma_cue_subject,
         (Example("Troops are ready to move, said the minister.", "Troops are ready to move",
                  "the minister"),),
         ("In the morning, said the minister.",),
         frames=("inverted",)),
)
