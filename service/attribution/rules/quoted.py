"""Quotations no other statement took, once the others are settled: a quotation that carries on
the statement of the sentence before ('"A," she said. "B."'), a quoted fragment after a verb the
lexicon does not hold ('Trump likened the refugees to a "vicious snake."'), and a headline's
quoted verb phrase ('China "sees no threat" in cooperation')."""
from __future__ import annotations

from bisect import bisect_left
from typing import Final

from ..cues import CueHit
from ..lexicon import VERBS, VerbEntry
from ..mentions import skip_aux_back, subject_before
from ..language import ENGLISH as EN
from .base import Candidate, Example, QuoteContext, Rule
from .grammar import (AUX_ADV, IRREGULAR_VERBS, PRONOUN_SUBJECTS, TITLE_SMALL, TOKEN_START, SentenceView,
                      content_end, extend_with_quotes, is_direct, naming_end)
from ..lexicon import ANONYMOUS

MIN_FOLLOW_WORDS: Final = 3
MIN_HEADLINE_WORDS: Final = 2
MAX_TITLE_WORDS: Final = 6
VERB_REACH: Final = 12         # tokens before a quoted fragment searched for its verb
# Words before a quotation that make it a name or a title, not a statement: 'the so-called "deal"'.
NAMING_WORDS: Final = EN.scare_leads


def _words(ctx: QuoteContext, most: int) -> list[str]:
    """The quotation's words, split no further than ``most`` of them (past that, the rest is one
    last piece): enough to tell whether it holds ``most`` words or more, however long it is."""
    q = ctx.quote
    return ctx.view.text[q.start:q.end].split(None, most - 1)


def _follow_on_quote(ctx: QuoteContext) -> Candidate | None:
    prev, view, q = ctx.previous, ctx.view, ctx.quote
    if prev is None or not ctx.follows_previous or q.open - view.sent.start > 1 or len(_words(ctx, MIN_FOLLOW_WORDS)) < MIN_FOLLOW_WORDS:
        return None
    continues = ctx.previous_carried_on or is_direct(view, prev.pieces)
    return Candidate("follow-on-quote", q.pieces, prev.cue, prev.subject, prev.appos, view.index,
                     continues=continues)


SENTENCE_TAIL: Final = 16          # characters read at a sentence's end for its final punctuation
MAX_CLOSING_MARKS: Final = 3       # closing marks passed over there ('...."\u2019')


def _full_sentence(view: SentenceView) -> bool:
    """Does the sentence end with a full stop, a question or an exclamation mark (inside or before its
    closing marks)? A headline in the first paragraph does not."""
    # the sentence's last few characters only: a sentence of thousands of marks costs no more
    end = view.text[max(view.sent.start, view.sent.end - SENTENCE_TAIL):view.sent.end].rstrip()
    for _ in range(MAX_CLOSING_MARKS):
        mark = next((m for m in EN.closing_marks if end.endswith(m)), None)
        if mark is None:
            break
        end = end[:-len(mark)].rstrip()
    return end.endswith((".", "!", "?"))


def _quoted_fragment_verb(ctx: QuoteContext) -> Candidate | None:
    view, q = ctx.view, ctx.quote
    if not (view.sent.start < q.open and (view.sent.paragraph > 0 or _full_sentence(view))):
        return None
    words = _words(ctx, MAX_TITLE_WORDS + 1)
    if not words:
        return None
    if len(words) <= MAX_TITLE_WORDS and all(w[:1].isupper() or not w[:1].isalpha() or w.lower() in TITLE_SMALL
                                             for w in words):
        return None               # a title: "Fox News Sunday", "The Silent Harbour"
    toks = view.toks              # (tokenised only now: the checks above need no tokens)
    n = len(toks)
    qk = bisect_left(toks, q.open, key=TOKEN_START)      # the first token at or after the quote's opening
    if qk == 0 or qk >= n or toks[qk - 1].low in NAMING_WORDS:
        return None               # scare quotes and titles are not statements
    for v in range(qk - 1, max(-1, qk - VERB_REACH - 1), -1):
        t = toks[v]
        low = t.low
        if view.inside[v] or not t.text.islower() or low in AUX_ADV or "'" in low or "\u2019" in low:
            continue
        if not (low.endswith("ed") or low in IRREGULAR_VERBS or VERBS.get(low) is not None
                or (low.endswith("s") and len(low) > 4 and not low.endswith(("ss", "us", "is")))):
            continue
        subj = subject_before(toks, v)
        if subj is None or subj.last != skip_aux_back(toks, v - 1) and subj.appos is None:
            continue          # (a subject with an apposition ends before it: "The minister, Ana Ruiz, likened")
        subject_words = toks[subj.first:subj.last + 1]
        if not any(w.text[0].isupper() or w.low in PRONOUN_SUBJECTS or w.low in ANONYMOUS
                   for w in subject_words):
            continue          # "recent weeks", "black listeners": no subject, no verb
        if any(b.text.islower() and b.low.endswith(EN.past_suffixes) and (a.text[0].isupper() or a.low in PRONOUN_SUBJECTS)
               for a, b in zip(subject_words, subject_words[1:])):
            continue          # "Ms Ferreira compared the waiting lists to": 'lists' is no verb, 'compared' is
        if v + 1 >= n:
            return None
        entry = VERBS.get(low) or VerbEntry(low, low, "speech", "neutral")
        hit = CueHit(v, v, entry, t.start, t.end, None, entry.lemma)
        if toks[qk - 1].text == ":":
            # 'The club posted a picture of its captain with one line: "Home again."': the
            # quotation after the colon is what was said, not the verb's object
            pieces = list(q.pieces)
        else:
            pieces = extend_with_quotes(view, toks[v + 1].start,
                                        naming_end(view, entry.lemma, toks[v + 1].start, content_end(view, v + 1)))
        pieces = [p for p in pieces if p[1] > p[0]]
        if not pieces:
            return None
        appos = view.span(subj.appos[0], subj.appos[1]) if subj.appos else None
        return Candidate("quoted-fragment-verb", tuple(pieces), hit, view.span(subj.first, subj.last),
                         appos, view.index)
    return None


def _headline_partial(ctx: QuoteContext) -> Candidate | None:
    view, q = ctx.view, ctx.quote
    text = view.text
    if not (view.sent.start < q.open and view.sent.paragraph == 0 and len(_words(ctx, MIN_HEADLINE_WORDS)) >= MIN_HEADLINE_WORDS
            and text[q.start:q.start + 1].islower()):
        return None
    toks = view.toks
    k = 0
    while k < len(toks) and toks[k].start < q.open and toks[k].text[0].isupper():
        k += 1
    if k and toks[k].start >= q.open - 1:
        return Candidate("headline-partial", q.pieces, None, (toks[0].start, toks[k - 1].end), None,
                         view.index)
    return None


RULES: Final = (
    Rule("follow-on-quote", "quoted", "quote",
         "A quotation opening the sentence after a statement, with no source of its own: the same "
         "source's. After a quotation it carries that statement on; otherwise it is a statement of "
         "its own.", _follow_on_quote,
         (Example('Headline\n\nThe mayor said the budget was balanced. "We did not borrow a single pound."',
                  "We did not borrow a single pound.", "The mayor"),),
         ('Headline\n\nThe mayor said the budget was balanced. Rain fell. "We did not borrow a single pound."',),
         carried_on=True),
    Rule("quoted-fragment-verb", "quoted", "quote",
         "A quoted fragment after a verb the lexicon does not hold: the clause's subject said it.",
         _quoted_fragment_verb,
         (Example('Headline\n\nTrump likened the refugees to a "vicious snake."',
                  'the refugees to a "vicious snake."', "Trump"),
          Example('Headline\n\nThe club posted a picture of its captain with one line: "Home again."',
                  "Home again.", "The club")),
         ('Headline\n\nShe starred in the so-called "summer of love" films.',
          'Headline\n\nHe appeared on "Fox News Sunday" last week.')),
    Rule("headline-partial", "quoted", "quote",
         "A headline: a name, then a quoted verb phrase.", _headline_partial,
         (Example('China "sees no threat" in cooperation', "sees no threat", "China"),),
         ('Hopes of a "quick deal" fade in Brussels\n\nThe talks ended without a date.',)),
)
