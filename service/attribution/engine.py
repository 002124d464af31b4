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
from .model import Affiliation, Cue, Quote, Result, Span, Speaker, SpeakerRef
from .quotes import Quoted, find_quotes
from .resolve import Entity, Resolver
from .rules import RULES, Candidate, SentenceView, apply_rules, paragraph_rules
from .segment import paragraphs, sentences
from .stance import stance_of

ENGINE_VERSION = "1.0.0"
# A sentence with none of these words has no cue: skip tokenising it (most of an article).
CUE_WORD = re.compile(r"\b(?:" + "|".join(sorted((re.escape(f) for f in VERBS), key=len, reverse=True))
                      + r"|according)\b", re.IGNORECASE)
_LETTER = re.compile(r"\w")
MIN_FOLLOW_WORDS = 3
MIN_HEADLINE_WORDS = 2


def attribute(text: str) -> Result:
    """Every attributed statement of ``text`` (which is never modified), with speakers."""
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
        if CUE_WORD.search(text, sent.start, sent.end):
            cands.extend(apply_rules(view))
            seen.extend(view.seen)
    cands.extend(paragraph_rules(text, paras, quotes))
    cands = _dedupe(cands)
    cands.extend(_leftover_quotes(text, quotes, cands, views))
    cands.sort(key=lambda c: c.start)
    return _assemble(text, cands, seen, quotes, started)


def _dedupe(cands: list[Candidate]) -> list[Candidate]:
    """One statement per cue; between statements with the same content, the more precise rule."""
    out: list[Candidate] = []
    for cand in sorted(cands, key=lambda c: -RULES[c.rule].precision):
        clash = False
        for other in out:
            if cand.cue is not None and other.cue is not None and cand.cue.start == other.cue.start:
                clash = True
                break
            if cand.pieces == other.pieces:
                clash = True
                break
        if not clash:
            out.append(cand)
    return out


def _covered(pos: int, cands: list[Candidate]) -> Candidate | None:
    for cand in cands:
        for a, b in cand.pieces:
            if a <= pos < b:
                return cand
    return None


def _leftover_quotes(text: str, quotes: list[Quoted], cands: list[Candidate],
                     views: list[SentenceView]) -> list[Candidate]:
    """Quoted spans no rule took: follow-on sentences of an attributed quote, headline partials."""
    out: list[Candidate] = []
    sent_starts = [v.sent.start for v in views]
    ordered = sorted(cands, key=lambda c: c.end)
    for q in quotes:
        if _covered(q.start, cands) or _covered(q.start, out):
            continue
        words = len(text[q.start:q.end].split())
        si = bisect_right(sent_starts, q.open) - 1
        if si < 0:
            continue
        view = views[si]
        prev = None
        for cand in ordered:
            if cand.end <= q.open:
                prev = cand
            else:
                break
        for cand in out:
            if cand.end <= q.open and (prev is None or cand.end > prev.end):
                prev = cand
        at_sentence_start = q.open - view.sent.start <= 1
        if prev is not None and at_sentence_start and words >= MIN_FOLLOW_WORDS and _adjacent(text, prev, q, views, sent_starts):
            if prev.rule in ("quote-comma-subject-cue", "quote-comma-cue-subject", "interrupted-quote",
                             "follow-on-quote") or _is_direct(text, prev, quotes):
                prev.pieces.extend(q.pieces)
                continue
            out.append(Candidate("follow-on-quote", list(q.pieces), prev.cue, prev.subject, prev.appos, si))
            continue
        if view.sent.start < q.open and words >= MIN_HEADLINE_WORDS and text[q.start:q.start + 1].islower():
            # headline form: 'China "sees no threat" in ...' -- a name right before a quoted verb phrase
            toks = view.toks
            k = 0
            while k < len(toks) and toks[k].start < q.open and toks[k].text[0].isupper():
                k += 1
            if k and toks[k].start >= q.open - 1 and view.sent.paragraph == 0:
                out.append(Candidate("headline-partial", list(q.pieces), None,
                                     (toks[0].start, toks[k - 1].end), None, si))
    return out


def _adjacent(text: str, prev: Candidate, q: Quoted, views: list[SentenceView], sent_starts: list[int]) -> bool:
    """True when nothing but the previous statement's own sentence lies between it and the quote."""
    si_prev = bisect_right(sent_starts, prev.end - 1) - 1
    si_cue = bisect_right(sent_starts, prev.cue.start) - 1 if prev.cue else si_prev
    si_q = bisect_right(sent_starts, q.open) - 1
    last = max(si_prev, si_cue)
    return si_q == last + 1


def _is_direct(text: str, cand: Candidate, quotes: list[Quoted]) -> bool:
    return _quote_share(text, cand.pieces, quotes) >= 0.9


def _quote_share(text: str, pieces: list[tuple[int, int]], quotes: list[Quoted]) -> float:
    total = inside = 0
    for a, b in pieces:
        for i in range(a, b):
            if text[i].isalnum():
                total += 1
    if not total:
        return 0.0
    for q in quotes:
        for qa, qb in q.pieces:
            for a, b in pieces:
                lo, hi = max(a, qa), min(b, qb)
                if lo < hi:
                    inside += sum(1 for ch in text[lo:hi] if ch.isalnum())
    return inside / total


def _opens_with_quote(text: str, pos: int, quotes: list[Quoted]) -> bool:
    while pos < len(text) and not text[pos].isalnum():
        pos += 1
    return any(a <= pos < b for q in quotes for a, b in q.pieces)


def _type(text: str, cand: Candidate, quotes: list[Quoted]) -> str:
    if cand.rule == "headline-partial":
        return "partial"
    share = _quote_share(text, cand.pieces, quotes)
    if share >= 0.9 and _opens_with_quote(text, cand.pieces[0][0], quotes):
        return "direct"
    if share > 0.0:
        return "mixed"
    return "indirect"


def _assemble(text: str, cands: list[Candidate], seen, quotes: list[Quoted], started: float) -> Result:
    resolver = Resolver(text)
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
                speaker = SpeakerRef(ent.name, ent.kind, ent.id, mention)
                used.setdefault(ent.id, []).append(qid)
                if ent.role or ent.organization:
                    affiliation = Affiliation(ent.organization, ent.role)
            else:
                speaker = SpeakerRef(reading.name, reading.kind, None, mention)
        stance = stance_of(text, pieces, verb_stance, (cand.cue.start, cand.cue.end) if cand.cue else None)
        out.append(Quote(qid, _type(text, cand, quotes), span, frags, cue, speaker, affiliation, stance,
                         RULES[cand.rule].precision, cand.rule))
    speakers = []
    for ent in resolver.entities:
        if ent.id not in used:
            continue
        aff = Affiliation(ent.organization, ent.role) if (ent.role or ent.organization) else None
        speakers.append(Speaker(ent.id, ent.name, ent.kind, aff,
                                tuple(Span(a, b, text[a:b]) for a, b in ent.mentions), tuple(used[ent.id])))
    return Result(tuple(out), tuple(speakers), len(text), (time.perf_counter() - started) * 1000.0,
                  ENGINE_VERSION)
