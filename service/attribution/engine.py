"""Assembly: run the stages in order and build the frozen result.

segment -> quotes -> (per sentence) cues, mentions, rules -> quotes left over -> types ->
resolution and affiliation -> stance -> Result. Pure: no state survives a call.
"""
from __future__ import annotations

import re
import time
from bisect import bisect_right

from .affiliation import Reading
from .lexicon import VERBS
from typing import cast

from .model import Affiliation, Cue, Quote, QuoteType, Result, Span, Speaker, SpeakerKind, SpeakerRef
from .quotes import Quoted, find_quotes
from .resolve import Entity, Resolver
from .rules import RULES, Candidate, SentenceView, apply_rules, paragraph_rules, quoted_fragment
from .segment import paragraphs, sentences
from .stance import stance_of

ENGINE_VERSION = "1.0.0"
# A sentence with none of the cue words has no cue: skip tokenising it (most of an article).
ALPHA_WORD = re.compile(r"[A-Za-z]+")
CUE_WORDS = frozenset(VERBS) | {"according"}


def _has_cue_word(text: str, start: int, end: int) -> bool:
    return not CUE_WORDS.isdisjoint(w.lower() for w in ALPHA_WORD.findall(text, start, end))
_LETTER = re.compile(r"\w")
MIN_FOLLOW_WORDS = 3
MIN_HEADLINE_WORDS = 2


# Languages the engine has data for; ``attribute`` refuses any other code.
LANGUAGES: tuple[str, ...] = ("en",)


class UnknownLanguage(ValueError):
    """A language code the engine has no data for (its message lists those it has)."""

    def __init__(self, code: str) -> None:
        super().__init__(f"unknown language {code!r}; available: {', '.join(LANGUAGES)}")
        self.code = code


def attribute(text: str, language: str = "en") -> Result:
    """Every attributed statement of ``text`` (which is never modified), with speakers."""
    if language not in LANGUAGES:
        raise UnknownLanguage(language)
    started = time.perf_counter()
    paras = paragraphs(text)
    sents = sentences(text, paras)
    quotes = find_quotes(text, paras)
    quote_starts = [q.open for q in quotes]
    cands: list[Candidate] = []
    seen: list[tuple[tuple[int, int], tuple[int, int] | None]] = []
    views: list[SentenceView] = []
    for index, sent in enumerate(sents):
        view = SentenceView(text, sent, index, quotes, quote_starts)
        views.append(view)
        if _has_cue_word(text, sent.start, sent.end):
            cands.extend(apply_rules(view))
            seen.extend(view.seen)
    cands.extend(paragraph_rules(text, paras, quotes))
    cands = _drop_nested(text, _dedupe(cands))
    cands.extend(_leftover_quotes(text, quotes, cands, views))
    for cand in cands:
        cand.pieces = _clean_pieces(cand.pieces)
    cands = [c for c in cands if c.pieces]
    cands.sort(key=lambda c: c.start)
    return _assemble(text, cands, seen, quotes, started)


CLAUSE_JOINS = (" but ", " and ", " while ", " though ", " although ", " whereas ", "; ", " yet ")


def _drop_nested(text: str, cands: list[Candidate]) -> list[Candidate]:
    """A subject-cue-content statement whose cue lies inside another statement's content is part
    of that statement ("He said officials told him that ..."): on PolNeAR train, keeping them adds
    more duplicates of the outer statement than statements of their own. When the inner statement
    opens its own clause ("..., but Shelby said he refused"), it stays and the outer one ends there."""
    owners = sorted(((a, b, c) for c in cands for a, b in c.pieces), key=lambda t: t[0])
    starts = [a for a, _, _ in owners]
    dropped: set[int] = set()
    for cand in cands:
        if cand.rule != "subject-cue-content" or cand.cue is None or cand.subject is None:
            continue
        pos = cand.cue.start
        i = bisect_right(starts, pos) - 1
        outer = None
        while i >= 0 and i >= bisect_right(starts, pos) - 8:
            a, b, owner = owners[i]
            if owner is not cand and a <= pos < b:
                outer = owner
                break
            i -= 1
        if outer is None:
            continue
        lead = text[max(0, cand.subject[0] - 10):cand.subject[0]]
        join = max((lead.rfind(j) for j in CLAUSE_JOINS), default=-1)
        if join >= 0 and lead[join:].strip(" ;,").split()[-1:] != [] and len(lead[join:].split()) <= 1:
            cut = cand.subject[0] - len(lead) + join
            while cut > 0 and text[cut - 1] in " ,;":
                cut -= 1
            outer.pieces = [(a, min(b, cut)) for a, b in outer.pieces if a < cut]
            if outer.pieces:
                continue
        dropped.add(id(cand))
    return [c for c in cands if id(c) not in dropped and c.pieces]


def _clean_pieces(pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A statement's pieces in order, none empty, none overlapping (touching ones merged)."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(p for p in pieces if p[1] > p[0]):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _dedupe(cands: list[Candidate]) -> list[Candidate]:
    """One statement per cue; between statements with the same content, the more precise rule."""
    out: list[Candidate] = []
    cues: set[int] = set()
    contents: set[tuple[tuple[int, int], ...]] = set()
    for cand in sorted(cands, key=lambda c: -RULES[c.rule].precision):
        key = tuple(cand.pieces)
        if (cand.cue is not None and cand.cue.start in cues) or key in contents:
            continue
        if cand.cue is not None:
            cues.add(cand.cue.start)
        contents.add(key)
        out.append(cand)
    return out


def _leftover_quotes(text: str, quotes: list[Quoted], cands: list[Candidate],
                     views: list[SentenceView]) -> list[Candidate]:
    """Quoted spans no rule took: follow-on sentences of an attributed quote, headline partials.
    One pass over the quotes in order, with bisection over the statements' pieces: linear."""
    out: list[Candidate] = []
    opens = [q.open for q in quotes]
    sent_starts = [v.sent.start for v in views]
    intervals = sorted((a, b) for c in cands for a, b in c.pieces)
    starts = [a for a, _ in intervals]
    reach = []                      # reach[i]: the furthest end among intervals[:i + 1]
    far = -1
    for _, b in intervals:
        far = max(far, b)
        reach.append(far)
    ordered = sorted(cands, key=lambda c: c.end)
    p = 0
    latest: Candidate | None = None     # the statement ending last before the current quote
    for q in quotes:
        while p < len(ordered) and ordered[p].end <= q.open:
            if latest is None or ordered[p].end >= latest.end:
                latest = ordered[p]
            p += 1
        i = bisect_right(starts, q.start) - 1
        if i >= 0 and reach[i] > q.start:
            continue                    # inside a statement already
        if latest is not None and latest.end > q.start:
            continue                    # inside a statement this pass made
        words = len(text[q.start:q.end].split())
        si = bisect_right(sent_starts, q.open) - 1
        if si < 0:
            continue
        view = views[si]
        prev = latest if latest is not None and latest.end <= q.open else None
        at_sentence_start = q.open - view.sent.start <= 1
        if prev is not None and at_sentence_start and words >= MIN_FOLLOW_WORDS and _adjacent(prev, q, sent_starts):
            if prev.rule in ("quote-comma-subject-cue", "quote-comma-cue-subject", "interrupted-quote",
                             "follow-on-quote") or _is_direct(text, prev, quotes, opens):
                prev.pieces.extend(q.pieces)
                continue
            latest = Candidate("follow-on-quote", list(q.pieces), prev.cue, prev.subject, prev.appos, si)
            out.append(latest)
            continue
        if view.sent.start < q.open and words >= 1 and view.sent.paragraph > 0:
            cand = quoted_fragment(view, q)
            if cand is not None:
                cand.sentence = si
                cand.pieces = [p for p in cand.pieces if p[1] > p[0]]
                if cand.pieces:
                    latest = cand
                    out.append(cand)
                    continue
        if view.sent.start < q.open and words >= MIN_HEADLINE_WORDS and text[q.start:q.start + 1].islower() \
                and view.sent.paragraph == 0:
            # headline form: 'China "sees no threat" in ...' -- a name right before a quoted verb phrase
            toks = view.toks
            k = 0
            while k < len(toks) and toks[k].start < q.open and toks[k].text[0].isupper():
                k += 1
            if k and toks[k].start >= q.open - 1:
                latest = Candidate("headline-partial", list(q.pieces), None,
                                   (toks[0].start, toks[k - 1].end), None, si)
                out.append(latest)
    return out


def _adjacent(prev: Candidate, q: Quoted, sent_starts: list[int]) -> bool:
    """True when nothing but the previous statement's own sentence lies between it and the quote."""
    si_prev = bisect_right(sent_starts, prev.end - 1) - 1
    si_cue = bisect_right(sent_starts, prev.cue.start) - 1 if prev.cue else si_prev
    si_q = bisect_right(sent_starts, q.open) - 1
    last = max(si_prev, si_cue)
    return si_q == last + 1


def _is_direct(text: str, cand: Candidate, quotes: list[Quoted], opens: list[int] | None = None) -> bool:
    return _quote_share(text, cand.pieces, quotes, opens) >= 0.9


def _quotes_over(quotes: list[Quoted], opens: list[int], a: int, b: int) -> list[Quoted]:
    """Quotes overlapping [a, b): quotes do not overlap each other, so ends rise with starts."""
    i = bisect_right(opens, b) - 1
    found = []
    while i >= 0 and quotes[i].close > a:
        found.append(quotes[i])
        i -= 1
    return found


def _quote_share(text: str, pieces: list[tuple[int, int]], quotes: list[Quoted],
                 opens: list[int] | None = None) -> float:
    """Share of the content's letters and digits that lie inside quotation marks."""
    if opens is None:
        opens = [q.open for q in quotes]
    total = inside = 0
    for a, b in pieces:
        total += len(_LETTER.findall(text, a, b))
        for q in _quotes_over(quotes, opens, a, b):
            qp = q.pieces
            k = max(0, bisect_right(qp, (a, float("inf"))) - 1)
            while k < len(qp) and qp[k][0] < b:
                lo, hi = max(a, qp[k][0]), min(b, qp[k][1])
                if lo < hi:
                    inside += len(_LETTER.findall(text, lo, hi))
                k += 1
    return inside / total if total else 0.0


def _opens_with_quote(text: str, pos: int, quotes: list[Quoted], opens: list[int]) -> bool:
    end = min(len(text), pos + 8)
    while pos < end and not text[pos].isalnum():
        pos += 1
    return any(q.covers(pos) for q in _quotes_over(quotes, opens, pos, pos + 1))


def _type(text: str, cand: Candidate, quotes: list[Quoted], opens: list[int]) -> str:
    if cand.rule == "headline-partial":
        return "partial"
    share = _quote_share(text, cand.pieces, quotes, opens)
    if share >= 0.9 and _opens_with_quote(text, cand.pieces[0][0], quotes, opens):
        return "direct"
    if share > 0.0:
        return "mixed"
    return "indirect"


def _assemble(text: str, cands: list[Candidate], seen, quotes: list[Quoted], started: float) -> Result:
    resolver = Resolver(text)
    opens = [q.open for q in quotes]
    # register every subject in text order, so that antecedents exist before pronouns
    mentions: dict[tuple[int, int], tuple[Entity | None, Reading]] = {}
    events = sorted({(s, a) for s, a in seen} | {(c.subject, c.appos) for c in cands if c.subject},
                    key=lambda e: e[0][0])
    for subj, appos in events:
        if subj not in mentions:
            mentions[subj] = resolver.mention(subj[0], subj[1], appos)
    used: dict[str, list[str]] = {}
    out: list[Quote] = []
    for cand in cands:
        qid = f"q{len(out) + 1}"
        pieces = tuple(cand.pieces)
        frags = tuple(Span(a, b, text[a:b]) for a, b in pieces)
        span = Span(pieces[0][0], pieces[-1][1], text[pieces[0][0]:pieces[-1][1]])
        cue = None
        verb_stance = None
        if cand.cue is not None:
            cue = Cue(text[cand.cue.start:cand.cue.end], cand.cue.lemma, cand.cue.start, cand.cue.end)
            verb_stance = cand.cue.entry.stance if cand.cue.entry else None
        speaker = None
        affiliation = None
        if cand.subject is not None:
            ent, reading = mentions[cand.subject]
            mention = Span(cand.subject[0], cand.subject[1], text[cand.subject[0]:cand.subject[1]])
            if ent is not None:
                speaker = SpeakerRef(ent.name, cast(SpeakerKind, ent.kind), ent.id, mention)
                used.setdefault(ent.id, []).append(qid)
                if ent.role or ent.organization:
                    affiliation = Affiliation(ent.organization, ent.role)
            else:
                speaker = SpeakerRef(reading.name, cast(SpeakerKind, reading.kind), None, mention)
        stance = stance_of(text, pieces, verb_stance, (cand.cue.start, cand.cue.end) if cand.cue else None)
        out.append(Quote(qid, cast(QuoteType, _type(text, cand, quotes, opens)), span, frags, cue, speaker, affiliation, stance,
                         RULES[cand.rule].precision, cand.rule))
    speakers = []
    for ent in resolver.entities:
        if ent.id not in used:
            continue
        aff = Affiliation(ent.organization, ent.role) if (ent.role or ent.organization) else None
        speakers.append(Speaker(ent.id, ent.name, cast(SpeakerKind, ent.kind), aff,
                                tuple(Span(a, b, text[a:b]) for a, b in ent.mentions), tuple(used[ent.id])))
    return Result(tuple(out), tuple(speakers), len(text), (time.perf_counter() - started) * 1000.0,
                  ENGINE_VERSION)
