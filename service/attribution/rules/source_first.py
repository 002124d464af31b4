"""The source first, then the cue and what was said: 'The Pentagon says that the DPRK has sent
troops.', a second verb of the same source ('... and warned that ...'), a participle clause
(', saying ...'), an impersonal passive ('It was reported that ...') and a cue that opens a
quotation below it ('The New York Times reports:').
"""
from __future__ import annotations

from typing import Final

from ..language import ENGLISH as EN
from ..mentions import PREPOSITIONS
from ..segment import Token
from .base import CueContext, Example, Match, Rule
from .grammar import (CLOSING_MARKS, PASSIVE_AUX, content_after, content_end, extend_with_quotes, main_subject,
                      naming_end, quote_starting_after, statement)

# Words that may stand between "it" and a passive cue: "it has also been widely reported".
PASSIVE_FILLERS: Final = EN.passive_lead
THAT_REACH: Final = 8      # "that" within this many tokens after the cue opens the passive's content


def _aside_end(ctx: CueContext, j: int) -> int | None:
    """Where the content of a cue in a relative clause between commas ends: at the clause's closing
    comma ('Smith, who said the plan was flawed, voted against it'); None for any other cue."""
    toks, anchor = ctx.view.toks, ctx.frame.anchor
    if not (0 < anchor < len(toks) and toks[anchor].low in EN.relative_pronouns and toks[anchor - 1].text == ","):
        return None
    inside = ctx.view.inside
    for m in range(j + 1, len(toks) - 1):
        if toks[m].text == "," and not inside[m]:
            # the first comma only: after an aside of the content's own ('the two men, and Mr. Cruz
            # in particular, must do more') the clause's closing comma cannot be told from it
            return toks[m].start if _predicate_start(toks[m + 1]) else None
    return None


def _predicate_start(tok: Token) -> bool:
    """Can this word, after a comma, open the main clause's predicate ('voted', 'has', 'is')? A
    lower-case word that opens no phrase of its own (preposition, determiner, conjunction, pronoun)."""
    low = tok.low
    return tok.text.isalpha() and tok.text.islower() and low not in PREPOSITIONS and low not in EN.boundary_words \
        and low not in EN.object_determiners and low not in EN.pronouns and low not in EN.determiners


def _subject_cue_content(ctx: CueContext) -> Match:
    view, fr = ctx.view, ctx.frame
    j = content_after(view, ctx.hit)
    if j is None:
        return None
    end = naming_end(view, ctx.hit.lemma, view.toks[j].start, content_end(view, j))
    aside = _aside_end(ctx, j)
    pieces = extend_with_quotes(view, view.toks[j].start, min(end, aside) if aside is not None else end)
    return statement(ctx, "subject-cue-content", pieces, fr.subject_span, fr.appos_span)


# Words between the cue and the colon closing its sentence: an object or adverbial phrase ('told
# the meeting:', 'said in a statement:'), without a clause of its own.
COLON_REACH: Final = 6


def _cue_colon_paragraph(ctx: CueContext) -> Match:
    view, fr = ctx.view, ctx.frame
    toks = view.toks
    last = len(toks) - 1
    if fr.after is not None and last >= fr.after and toks[last].text == ":" and last - fr.after <= COLON_REACH \
            and all(t.text.isalnum() or t.text in ("'s", "\u2019s") for t in toks[fr.after:last]):
        q = quote_starting_after(view)
        if q is not None:
            return statement(ctx, "cue-colon-paragraph", q.pieces, fr.subject_span, fr.appos_span)
    return None


def _participle_cue(ctx: CueContext) -> Match:
    view = ctx.view
    j = content_after(view, ctx.hit)
    if j is None:
        return None
    toks = view.toks
    opening = _subject_after_opening(ctx, j) if ctx.hit.first <= 1 else None
    if opening is not None:
        # "After saying her foot was swollen, she was taken to hospital": the clause opens the
        # sentence, and its subject is the main clause's, after the comma that closes it
        comma, opener = opening
        return statement(ctx, "participle-cue", ((toks[j].start, min(content_end(view, j), toks[comma].start)),),
                         opener)
    return statement(ctx, "participle-cue", ((toks[j].start, content_end(view, j)),),
                     main_subject(view, ctx.hit.first, ctx.earlier))


def _subject_after_opening(ctx: CueContext, j: int) -> tuple[int, tuple[int, int]] | None:
    """For a participle clause opening its sentence, the comma that closes it and the main clause's
    subject after it (a pronoun or a capitalised name), or None."""
    view = ctx.view
    toks = view.toks
    n = len(toks)
    for m in range(j + 1, n - 1):
        if toks[m].text != ",":
            continue
        k = m + 1
        while k < n and toks[k].text in CLOSING_MARKS:
            k += 1
        if k < n and toks[k].low in EN.personal_subjects and toks[k].text.islower():
            return m, view.span(k, k)
        e = k
        while e < n and (toks[e].text[0].isupper() and toks[e].text.isalpha() or toks[e].text == "." and e > k):
            e += 1                  # "Mr. Rubio"
        return (m, view.span(k, e - 1)) if e > k else None
    return None


def _unattributed_passive(ctx: CueContext) -> Match:
    view, hit = ctx.view, ctx.hit
    toks = view.toks
    k = hit.first - 1
    while k >= 0 and (toks[k].low in PASSIVE_AUX or toks[k].low in PASSIVE_FILLERS):
        k -= 1
    if k >= 0 and toks[k].low == "it" and any(t.low == "that" for t in toks[hit.index + 1:hit.index + THAT_REACH]):
        j = content_after(view, hit)
        if j is not None:
            return statement(ctx, "unattributed-passive", ((toks[j].start, content_end(view, j)),), None)
    return None


def _coordinated_cue(ctx: CueContext) -> Match:
    view, fr = ctx.view, ctx.frame
    earlier = ctx.earlier
    subject: tuple[int, int] | None
    appos: tuple[int, int] | None
    if earlier and earlier[-1].sentence == view.index and earlier[-1].subject is not None:
        subject, appos = earlier[-1].subject, earlier[-1].appos
    else:
        subject, appos = main_subject(view, fr.anchor, earlier), None
    j = content_after(view, ctx.hit)
    if j is None or subject is None:
        return None
    toks = view.toks
    return statement(ctx, "coordinated-cue", ((toks[j].start, content_end(view, j)),), subject, appos)


RULES: Final = (
    Rule("cue-colon-paragraph", "source-first", "cue",
         "A source and cue closing their paragraph with a colon; the quotation below is what was said.",
         _cue_colon_paragraph,
         (Example('The New York Times reports:\n\n"In an illustration of the risks, the mill closed."',
                  "In an illustration of the risks, the mill closed", "The New York Times"),
          Example('Councillor Amara Diallo told the meeting:\n\n"We cannot keep raising rents."',
                  "We cannot keep raising rents", "Councillor Amara Diallo")),
         ("The agency reports:\n\nRain is expected on Sunday.",),
         frames=("preverbal",)),
    Rule("subject-cue-content", "source-first", "cue",
         "A source, the cue, then the reported content.", _subject_cue_content,
         (Example("The Pentagon says that the DPRK has sent troops.", "the DPRK has sent troops",
                  "The Pentagon"),
          Example("Ms Reeves told reporters on Monday that the budget would balance.",
                  "the budget would balance", "Ms Reeves"),
          Example("A senior official, speaking on condition of anonymity, said the talks had stalled.",
                  "the talks had stalled", "A senior official")),
         ("He said this at a briefing.", "She said as she turned to leave.",
          "The company released its results on Monday.",
          # reports not made: a refusal, a negated cue before a question, a hypothetical, a quantifier
          "A spokeswoman for the ministry declined to comment.",
          "She would not say where the money went.",
          "If anyone had claimed that, the board would have acted.",
          "Many now argue that the tax was a mistake.",
          # a narrative cue reports only a quotation
          "He pleaded guilty to the charge."),
         frames=("preverbal",)),
    Rule("participle-cue", "source-first", "cue",
         "A participle clause on a main clause: its subject is the source.", _participle_cue,
         (Example("He praised the plan, saying it was overdue.", "it was overdue", "He"),),
         ("The team left the hall, saying goodbye.", "The team left the hall after saying goodbye.",
          "The official, speaking on condition of anonymity, said the talks had stalled.",
          '"The talks have stalled," said the diplomat, speaking on condition of anonymity.'),
         frames=("participle",)),
    Rule("unattributed-passive", "source-first", "cue",
         "An impersonal passive report: no source.", _unattributed_passive,
         (Example("It was reported that troops had crossed the border.", "troops had crossed the border"),),
         ("The border was reported closed.",),
         frames=("passive",)),
    Rule("coordinated-cue", "source-first", "cue",
         "A second reporting verb of the same source, joined by 'and' or 'but'.", _coordinated_cue,
         (Example("The minister said the plan was sound and warned that it would cost more.",
                  "it would cost more", "The minister"),),
         ("The minister and the mayor left early.",),
         frames=("coordinated",)),
)
