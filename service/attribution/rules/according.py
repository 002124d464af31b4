"""'According to X, ...' and '..., according to X': a source named after a preposition phrase,
its content before or after it, or around it ('The ministry, according to Greta Holm, has spent
the money.')."""
from __future__ import annotations

from typing import Final

from ..mentions import subject_forward
from .base import CueContext, Example, Match, Rule
from .grammar import backward_pieces, extend_with_quotes, statement, trim, words_from


def _according_to(ctx: CueContext) -> Match:
    view, hit = ctx.view, ctx.hit
    toks = view.toks
    n = len(toks)
    if hit.first > 0 and toks[hit.first - 1].low == "that":
        return None         # "said that according to intelligence, ...": inside another statement
    src = subject_forward(toks, hit.index + 1, n, any_noun=True)
    if src is None:
        return None
    subj = view.span(src.first, src.last)
    end_tok = (src.appos[1] if src.appos else src.last) + 1
    before_words = words_from(toks[:hit.first], 0, 5)
    if 0 < before_words <= 4 and hit.first > 0 and toks[hit.first - 1].text == "," and end_tok < n \
            and toks[end_tok].text == ",":
        # "The ministry, according to Greta Holm, has already spent the money."
        first = trim(view.text, view.sent.start, toks[hit.first - 1].start)
        if end_tok + 1 < n:
            return statement(ctx, "according-to", (first, (toks[end_tok + 1].start, view.sent.end)), subj)
    if before_words <= 3 or (hit.first > 0 and toks[hit.first - 1].text in ("(",)):
        # "According to X, CONTENT."
        j = end_tok
        while j < n and toks[j].text in (",", ":", "\u2014"):
            j += 1
        if j < n and words_from(toks, j, 2) >= 2:
            pieces = extend_with_quotes(view, toks[j].start, view.sent.end)
            return statement(ctx, "according-to", pieces, subj)
        return None
    # "CONTENT, according to X." / "CONTENT according to X"
    b = hit.first - 1
    back: list[tuple[int, int]] | None = (
        backward_pieces(view, b) if toks[b].text in (",", "\u2014")
        else [trim(view.text, view.sent.start, toks[b].end)])
    if not back:
        return None
    pieces = back
    if not pieces:
        return None
    if end_tok < n and toks[end_tok].text == "," and words_from(toks, end_tok, 3) >= 3:
        pieces = pieces + [(toks[end_tok + 1].start, view.sent.end)]
    return statement(ctx, "according-to", pieces, subj)


RULES: Final = (
    Rule("according-to", "according-to", "cue",
         "'According to' and its source, with the content before, after or around it.", _according_to,
         (Example("According to the Kyiv Post, 20 soldiers were killed.", "20 soldiers were killed",
                  "the Kyiv Post"),
          Example("The strike will go ahead, according to union officials.", "The strike will go ahead",
                  "union officials")),
         ("She said that according to intelligence, the convoy had left.",),
         frames=("according",)),
)
