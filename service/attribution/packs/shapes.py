"""The forms of attribution the pack engine reads, as match functions that languages' rule
modules name in their registries (``rules/<code>.py``). Each takes what its scope gives:

- ``cue`` scope: ``(ctx, frame)`` for every reporting cue of a sentence, in registry order, the
  first fit winning;
- ``marker`` scope: ``(ctx,)`` once per sentence, for attributions without a verb of their own
  ("laut X", "X zufolge", "по словам X", "wie X mitteilte");
- ``follow`` scope: ``(ctx, previous)`` for a sentence with no statement of its own, right after a
  statement: a sentence that carries that statement on.

Each returns a :class:`PackCandidate` or None."""
from __future__ import annotations

from bisect import bisect_right
from typing import Callable, Final, NamedTuple

from .clause import BOUNDARY, CueFrame, SentCtx, auxiliary_before, clause_start, phrase_after, phrase_from
from .data import PackVerb
from .text import Tok

Pieces = tuple[tuple[int, int], ...]
MIN_WORDS: Final = 2                  # reported content shorter than this is no statement
MAX_COLON: Final = 8                  # tokens before the colon of "Name: „…“"
FINAL: Final = ".!?\u2026"


class PackCandidate(NamedTuple):
    rule: str
    pieces: Pieces
    cue: tuple[int, int, PackVerb | None] | None      # cue offsets (its particle included) and verb
    subject: tuple[int, int] | None                    # the speaker phrase's offsets
    sentence: int
    inherits: int = -1         # index (in the text's statements) of the statement whose speaker it takes


def _inner(tok: Tok) -> tuple[int, int]:
    """The quoted words of a quotation token (without its marks)."""
    if tok.inner is not None:
        return tok.inner
    return tok.start + 1, tok.end - 1


def _span(ctx: SentCtx, a: int, b: int) -> tuple[int, int] | None:
    """Offsets of tokens a..b-1, without punctuation at either end (None when nothing is left)."""
    toks = ctx.toks
    while a < b and toks[a].kind == "p":
        a += 1
    while b > a and toks[b - 1].kind == "p" and toks[b - 1].text not in ")":
        b -= 1
    if a >= b:
        return None
    return toks[a].start, toks[b - 1].end


def _words(ctx: SentCtx, a: int, b: int) -> int:
    return ctx.words(a, b)


def _cue(ctx: SentCtx, f: CueFrame) -> tuple[int, int, PackVerb | None]:
    tok = ctx.toks[f.cue]
    end = ctx.toks[f.particle].end if f.particle > f.cue else tok.end
    return tok.start, end, ctx.pack.verbs.get(tok.low)


def cue_of(ctx: SentCtx, f: CueFrame) -> tuple[int, int, PackVerb | None]:
    """The cue of a frame as a statement records it."""
    return _cue(ctx, f)


def subject_of(ctx: SentCtx, f: CueFrame) -> tuple[int, int] | None:
    """The speaker phrase of a frame, as offsets."""
    return _subject(ctx, f)


def _subject(ctx: SentCtx, f: CueFrame) -> tuple[int, int] | None:
    if f.speaker is None:
        return None
    a, b = f.speaker
    return ctx.toks[a].start, ctx.toks[b - 1].end


def _before_cue(ctx: SentCtx, f: CueFrame) -> tuple[int, int]:
    """Token range of what stands before the cue's comma or dash, from its clause start."""
    k = f.cue
    while k > 0 and ctx.toks[k - 1].kind == "p" and ctx.toks[k - 1].text in BOUNDARY:
        k -= 1
    return clause_start(ctx, k), k


def _trailing_quote(ctx: SentCtx, f: CueFrame) -> tuple[int, int] | None:
    """The second piece of an interrupted quotation: „A“, sagte sie, „B“."""
    stop = max(f.end, f.speaker[1] if f.speaker and f.speaker[0] > f.cue else f.end)
    toks = ctx.toks
    k = stop
    while k < len(toks) and toks[k].kind == "p" and toks[k].text in BOUNDARY:
        k += 1
    if k > stop and k < len(toks) and toks[k].kind == "q":
        return _inner(toks[k])
    return None


def _sourced(ctx: SentCtx, f: CueFrame) -> bool:
    """The cue has a source, or says it has none: an impersonal word after it ("heißt es"), or a
    passive auxiliary before it with no subject ("Ihm wird vorgeworfen, ...")."""
    if f.speaker is not None:
        return True
    toks, pack = ctx.toks, ctx.pack
    if f.cue > 0 and ctx.pack.according.get((toks[f.cue - 1].low,)) == "clause":
        return False                            # "Как говорится, ...": a saying, no report
    after = f.cue + 1
    if after < len(toks) and toks[after].low in pack.impersonal:
        return True
    aux = auxiliary_before(ctx, f.cue)
    if aux >= 0 and toks[aux].low in pack.passives:
        return True
    return pack.verbs.get(toks[f.cue].low) is not None and pack.verbs[toks[f.cue].low].lemma in pack.impersonal


def quote_cue_speaker(ctx: SentCtx, f: CueFrame) -> PackCandidate | None:
    """„Wir sind bereit“, sagte sie. / «Мы готовы», — заявил он. / — Мы готовы, — сказал он."""
    if not f.content_first or not _sourced(ctx, f):
        return None
    a, b = _before_cue(ctx, f)
    if ctx.quotations(a, b) != 1 or _words(ctx, a, b) > 0:
        return None
    quoted = [k for k in range(a, b) if ctx.toks[k].kind == "q"]
    pieces: Pieces = (_inner(ctx.toks[quoted[0]]),)
    more = _trailing_quote(ctx, f)
    if more:
        pieces += (more,)
    return PackCandidate("", pieces, _cue(ctx, f), _subject(ctx, f), ctx.sent.number)


def content_cue_speaker(ctx: SentCtx, f: CueFrame) -> PackCandidate | None:
    """Die Lage sei ernst, sagte der Minister. / Ситуация стабильная, заявил министр. / (the
    sentence before) Das teilte die Polizei mit."""
    if not f.content_first:
        return _anaphoric(ctx, f)
    if not _sourced(ctx, f):
        return None
    a, b = _before_cue(ctx, f)
    if _words(ctx, a, b) + ctx.quotations(a, b) < MIN_WORDS:
        return None
    if ctx.pack.word_classes.get(ctx.toks[a].low) == "subordinator" and not any(
            t.text == "," for t in ctx.toks[a:b]):
        return None                             # "Als er nach Hause kam, sagte er nichts."
    span = _span(ctx, a, b)
    if span is None:
        return None
    return PackCandidate("", (span,), _cue(ctx, f), _subject(ctx, f), ctx.sent.number)


def _anaphoric(ctx: SentCtx, f: CueFrame) -> PackCandidate | None:
    """"Das teilte die Polizei mit." / "Dies bestätigte der Minister.": the sentence before is the
    content, when it is in the same paragraph."""
    toks = ctx.toks
    start = clause_start(ctx, f.cue)
    if f.speaker is None or ctx.previous is None or start != 0 or not 0 < f.cue <= 2 \
            or any(t.low not in ctx.pack.anaphors for t in toks[:f.cue]):
        return None
    a, b = ctx.previous
    text = ctx.text
    while b > a and (text[b - 1] in FINAL or text[b - 1].isspace()):
        b -= 1
    if b <= a:
        return None
    return PackCandidate("", ((a, b),), _cue(ctx, f), _subject(ctx, f), ctx.sent.number)


def speaker_cue_quote(ctx: SentCtx, f: CueFrame) -> PackCandidate | None:
    """Müller sagte: „Wir sind bereit.“ / Песков заявил: «Мы готовы»."""
    if f.content_first or f.speaker is None or f.after < 0 or ctx.toks[f.cue].low not in ctx.pack.verbs:
        return None
    toks = ctx.toks
    k = f.after
    if toks[k].kind != "q":
        return None
    a, b = _inner(toks[k])
    rest = _span(ctx, k + 1, len(toks))
    if rest is not None and _words(ctx, k + 1, len(toks)) >= MIN_WORDS:
        return None                           # the quotation is part of a longer content
    return PackCandidate("", ((a, b),), _cue(ctx, f), _subject(ctx, f), ctx.sent.number)


def speaker_cue_content(ctx: SentCtx, f: CueFrame) -> PackCandidate | None:
    """Der Sprecher sagte, die Lage sei ernst. / Министр заявил, что ситуация стабильная."""
    if f.content_first or not _sourced(ctx, f) or f.after < 0 or ctx.toks[f.cue].low not in ctx.pack.verbs:
        return None
    toks = ctx.toks
    if _words(ctx, f.after, len(toks)) < MIN_WORDS and not ctx.quotations(f.after, len(toks)):
        return None
    span = _span(ctx, f.after, _content_end(ctx, f.after))
    if span is None:
        return None
    return PackCandidate("", (span,), _cue(ctx, f), _subject(ctx, f), ctx.sent.number)


def _content_end(ctx: SentCtx, start: int) -> int:
    """Where reported content after a cue ends: the sentence's end, or a comma and conjunction
    that bring in another cue of the same subject (", но не назвал их число")."""
    toks, pack = ctx.toks, ctx.pack
    k = bisect_right(ctx.cues, start)
    if k < len(ctx.cues):
        j = ctx.cues[k] - 1
        while j > start and pack.word_classes.get(toks[j].low) == "negation":
            j -= 1
        if j - 1 > start and pack.word_classes.get(toks[j].low) == "conjunction" and toks[j - 1].text == ",":
            return j - 1
    return len(toks)


def reported_act(ctx: SentCtx, f: CueFrame) -> PackCandidate | None:
    """A report with no content clause: the sentence itself says what the source said or did
    ("Der Kommissar nannte den Beschluss einen fairen Kompromiss.", "Die Gewerkschaft forderte eine
    Überprüfung."): the whole sentence, its subject the source."""
    toks = ctx.toks
    verb = ctx.pack.verbs.get(toks[f.cue].low)
    if f.content_first or f.after >= 0 or f.speaker is None or f.speaker[0] > f.cue or verb is None \
            or verb.lemma not in ctx.pack.act_lemmas or _words(ctx, f.end, len(toks)) < MIN_WORDS:
        return None
    if ctx.quotations(0, len(toks)) or toks[-1].text not in FINAL:
        return None                             # quotations are read by their forms; a headline has no stop
    span = _span(ctx, 0, len(toks))
    if span is None:
        return None
    return PackCandidate("", (span,), _cue(ctx, f), _subject(ctx, f), ctx.sent.number)


def _marker_at(ctx: SentCtx, k: int) -> tuple[int, str, bool] | None:
    """The attribution marker starting at token ``k``: its length in tokens, its position, and
    whether its last word is a compound naming the source ("nach Polizeiangaben")."""
    toks = ctx.toks
    if toks[k].low not in ctx.pack.marker_starts:
        return None
    for size in (4, 3, 2, 1):
        words = tuple(t.low for t in toks[k:k + size])
        if len(words) == size and words in ctx.pack.according:
            return size, ctx.pack.according[words], False
    for before, ending, position in ctx.pack.compound_markers:
        size = len(before) + 1
        words = tuple(t.low for t in toks[k:k + size])
        if len(words) == size and words[:-1] == before and words[-1].endswith(ending) \
                and len(words[-1]) > len(ending) + 2:
            return size, position, True
    return None


def according(ctx: SentCtx) -> PackCandidate | None:
    """Laut Polizei ... / ... X zufolge ... / Nach Angaben der Feuerwehr ... / Wie X mitteilte, ...
    / По словам министра, ... / Как сообщил X, ... The content is the rest of the sentence."""
    toks = ctx.toks
    n = len(toks)
    for k in range(n):
        if toks[k].kind != "w":
            continue
        found = _marker_at(ctx, k)
        if found is None:
            continue
        size, position, compound = found
        if position == "tail":
            continue                            # read as a cue: „…“, so Müller
        cue = None
        if position == "before":
            a = k + size
            b = phrase_from(ctx, a, a + 12, loose=True)
            inside = next((x for x in range(k, a) if toks[x].low in ctx.pack.pronouns), -1)
            if b == a and not compound and inside < 0:
                continue
            if b == a and inside >= 0:
                a, b = inside, inside + 1       # "по его словам": the source inside the marker
                taken = (k, k + size)
            else:
                taken = (k, b if b > a else a)
            subject = (a, b) if b > a else (a - 1, a)
        elif position == "after":
            start = clause_start(ctx, k)
            subject = None
            for a in range(max(start, k - 8), k):
                if phrase_from(ctx, a, k) == k:
                    subject = (a, k)
                    break
            if subject is None:
                continue
            taken = (subject[0], k + size)
        else:                                   # "wie X mitteilte," / "как сообщил X,"
            stop = next((j for j in range(k + size, min(n, k + size + 12)) if toks[j].text == ","), -1)
            if stop < 0:
                continue
            verb = next((j for j in range(k + size, stop) if toks[j].low in ctx.pack.verbs), -1)
            if verb < 0:
                continue
            if verb == k + size:
                behind = phrase_after(ctx, verb)       # "Как заявил журналистам глава ..."
                subject = behind if behind is not None and behind[1] <= stop else None
            else:
                b = phrase_from(ctx, k + size, verb)
                subject = (k + size, b) if b > k + size else None
            if subject is None:
                continue
            last = max(verb, subject[1] - 1)
            cue = (toks[verb].start, toks[verb].end, ctx.pack.verbs.get(toks[verb].low))
            taken = (k, max(last + 1, stop))
        pieces = tuple(p for p in (_span(ctx, 0, taken[0]), _span(ctx, taken[1], n)) if p is not None)
        if sum(_words(ctx, a, b) for a, b in ((0, taken[0]), (taken[1], n))) < MIN_WORDS:
            continue
        if cue is None:
            cue = (toks[k].start, toks[k + size - 1].end, None)
        if subject is None:
            continue
        sa, sb = subject
        return PackCandidate("", pieces, cue, (toks[sa].start, toks[sb - 1].end), ctx.sent.number)
    return None


def speaker_colon_quote(ctx: SentCtx) -> PackCandidate | None:
    """A speaker phrase, a colon and a quotation, with no verb: BKA-Präsident Berg: „…“"""
    toks = ctx.toks
    k = next((j for j in range(min(len(toks), MAX_COLON)) if toks[j].text == ":"), -1)
    if k < 1 or k + 1 >= len(toks) or toks[k + 1].kind != "q" or _words(ctx, k + 2, len(toks)) \
            or phrase_from(ctx, 0, k) != k:
        return None
    return PackCandidate("", (_inner(toks[k + 1]),), None, (toks[0].start, toks[k - 1].end), ctx.sent.number)


def reported_follow_on(ctx: SentCtx, previous: PackCandidate) -> PackCandidate | None:
    """A sentence in the mood of reported speech ("Es gebe keine Hinweise.") with no cue, right
    after a statement: the same speaker's words."""
    if not any(t.low in ctx.pack.reported_forms for t in ctx.toks if t.kind == "w"):
        return None
    span = _span(ctx, 0, len(ctx.toks))
    if span is None or _words(ctx, 0, len(ctx.toks)) < MIN_WORDS:
        return None
    return PackCandidate("", (span,), None, None, ctx.sent.number)


def quote_follow_on(ctx: SentCtx, previous: PackCandidate) -> PackCandidate | None:
    """A sentence that is a quotation and nothing else, right after a statement: its speaker's."""
    toks = ctx.toks
    quoted = [t for t in toks if t.kind == "q"]
    if len(quoted) != 1 or any(t.kind == "w" for t in toks):
        return None
    return PackCandidate("", (_inner(quoted[0]),), None, None, ctx.sent.number)


SHAPES: dict[str, tuple[str, Callable[..., PackCandidate | None]]] = {
    "quote-cue-speaker": ("cue", quote_cue_speaker),
    "content-cue-speaker": ("cue", content_cue_speaker),
    "speaker-cue-quote": ("cue", speaker_cue_quote),
    "speaker-cue-content": ("cue", speaker_cue_content),
    "reported-act": ("cue", reported_act),
    "according": ("marker", according),
    "speaker-colon-quote": ("marker", speaker_colon_quote),
    "reported-follow-on": ("follow", reported_follow_on),
    "quote-follow-on": ("follow", quote_follow_on),
}
