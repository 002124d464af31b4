"""Assembly: run the stages in order and build the frozen result.

segment -> quotes -> (per sentence) cues, mentions, rules -> quotes left over -> types ->
resolution and affiliation -> stance -> Result. Pure: no state survives a call.
"""
from __future__ import annotations

import gc
import time
from bisect import bisect_right
from contextlib import contextmanager
from itertools import accumulate
from operator import attrgetter, itemgetter
from types import MappingProxyType
from typing import Callable, Final, Iterator, Mapping, cast

from .affiliation import Reading
from .language import ENGLISH as EN
from .language import LANGUAGES as GRAMMAR_LANGUAGES
from .language import load_language
from .packs import PACK_LANGUAGES, PACKS, REGISTRIES
from .packs.engine import attribute_pack
from .model import Cue, Quote, QuoteType, Result, Span, Speaker, SpeakerKind, SpeakerRef
from .profile import EntityView, TextReading, merge_plan, profile_entities
from .quotes import Quoted, find_quotes
from .resolve import Entity, Resolver
from .rules import (CUE_RULES, PARAGRAPH_RULES, QUOTE_RULES, RULES, Candidate, CueContext, Frame,
                    QuoteContext, TextContext, settle_order)
from .rules.base import Match
from .rules.grammar import DIRECT_SHARE, SentenceView, frame_of, is_direct, quote_share, quotes_over
from .cues import find_cues, has_cue_word
from .furniture import body
from .segment import Sentence, paragraphs, sentences
from .stance import stance_of

ENGINE_VERSION: Final = "1.0.0"

# Languages the engine has data for (English's clause grammar, then every pack language found in
# data/ at import); ``attribute`` refuses any other code.
LANGUAGES: tuple[str, ...] = GRAMMAR_LANGUAGES + PACK_LANGUAGES
LANGUAGE_NAMES: Mapping[str, tuple[str, str]] = MappingProxyType(
    {**{code: (load_language(code).name, load_language(code).native) for code in GRAMMAR_LANGUAGES},
     **{code: (pack.name, pack.native) for code, pack in PACKS.items()}})


class UnknownLanguage(ValueError):
    """A language code the engine has no data for (its message lists those it has)."""

    def __init__(self, code: str) -> None:
        super().__init__(f"unknown language {code!r}; available: {', '.join(LANGUAGES)}")
        self.code = code


def attribute(text: str, language: str = "en") -> Result:
    """Every attributed statement of ``text`` (which is never modified), with speakers.

    The stages, each a pure function of what the ones before returned: segment (paragraphs,
    sentences) -> quotes -> cues and their frames -> match (cue rules, in registry order) ->
    layout (paragraph rules) -> settle (the conflict policy) -> quotations no statement took
    (quote rules) -> assemble (speakers resolved, affiliation, stance, types)."""
    if language not in LANGUAGES:
        raise UnknownLanguage(language)
    with _cycle_collector_paused():
        if language in PACKS:
            return attribute_pack(text, PACKS[language], REGISTRIES[language], time.perf_counter(), ENGINE_VERSION)
        return _attribute(text, time.perf_counter())


@contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for one call of the engine. A call makes some
    thirty objects per statement that all live until its result is built, and no reference cycles
    (reference counting frees what it drops): on a text with tens of thousands of statements the
    collector's full passes over them took half the time, for nothing. It is switched back on
    (when it was on) however the call ends."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _attribute(text: str, started: float) -> Result:
    """The stages of :func:`attribute`, in order."""
    paras = body(text, paragraphs(text))        # page furniture is not article text
    quotes = find_quotes(text, paras)
    sents = sentences(text, paras)
    views = _SentenceViews(text, sents, quotes)
    # a sentence with none of the cue words has no cue: skip tokenising it (most of an article)
    matched = [_match_sentence(views[index]) for index, sent in enumerate(sents)
               if has_cue_word(text, sent.start, sent.end)]
    frames = tuple([frame for sent_frames, _ in matched for frame in sent_frames])
    layout_ctx = TextContext(text, tuple(paras), tuple(quotes))
    proposed = [c for _, stmts in matched for c in stmts] + [
        c for rule in PARAGRAPH_RULES for c in rule.match(layout_ctx)]
    settled = _drop_nested(text, _dedupe(proposed))
    opens = views.quote_starts
    cands = [_with_pieces(c, _closing_mark_kept(text, _clean_pieces(c.pieces), quotes, opens))
             for c in _quote_statements(quotes, settled, views)]
    cands = sorted([c for c in cands if c.pieces], key=_START)
    return _assemble(text, cands, frames, quotes, opens, started, paras)


class _SentenceViews:
    """The views of a text's sentences, each made when first asked for (most are never read)."""

    def __init__(self, text: str, sents: list[Sentence], quotes: list[Quoted]) -> None:
        self.text = text
        self.sents = sents
        self.quotes = quotes
        self.quote_starts = [q.open for q in quotes]
        self.starts = [s.start for s in sents]
        self._made: dict[int, SentenceView] = {}

    def __getitem__(self, index: int) -> SentenceView:
        view = self._made.get(index)
        if view is None:
            view = self._made[index] = SentenceView(self.text, self.sents[index], index, self.quotes,
                                                    self.quote_starts)
        return view


QUOTE_ONLY_LEMMAS: Final = EN.quote_only_lemmas
# the match functions of each frame kind's cue rules and of the quote rules, in registry order
# (read from the registry once, not for every cue and every quotation)
_CUE_MATCHES: Final[dict[str, tuple[Callable[..., Match], ...]]] = {
    kind: tuple([rule.match for rule in rules]) for kind, rules in CUE_RULES.items()}
_QUOTE_MATCHES: Final[tuple[Callable[..., Candidate | None], ...]] = tuple([rule.match for rule in QUOTE_RULES])


def _match_sentence(view: SentenceView) -> tuple[tuple[Frame, ...], tuple[Candidate, ...]]:
    """Each cue's frame, and the statements the cue rules make of the sentence's cues: for each
    cue, the rules of its frame in registry order; the first whose form fits decides. (A cue
    rule's statement comes with its pieces trimmed and its sentence: see grammar.statement.)"""
    frames: list[Frame] = []
    made: tuple[Candidate, ...] = ()
    for hit in find_cues(view.toks, view.inside):
        frame = frame_of(view, hit)
        frames.append(frame)
        ctx = CueContext(view, hit, frame, made)
        for match in _CUE_MATCHES[frame.kind]:
            found = match(ctx)
            if found is None:
                continue
            if isinstance(found, Candidate) and not (
                    hit.lemma in QUOTE_ONLY_LEMMAS and not is_direct(view, found.pieces)):
                made += (found,)    # (a narrative cue, "cried", "whispered", reports only a quotation)
            break
    return tuple(frames), made


CLAUSE_JOINS: Final = EN.clause_joins
_START: Final = attrgetter("start")


def _drop_nested(text: str, cands: list[Candidate]) -> list[Candidate]:
    """A subject-cue-content statement whose cue lies inside another statement's content is part
    of that statement ("He said officials told him that ..."): on PolNeAR train, keeping them adds
    more duplicates of the outer statement than statements of their own. When the inner statement
    opens its own clause ("..., but Shelby said he refused"), it stays and the outer one ends there."""
    owners = sorted([(a, b, i) for i, c in enumerate(cands) for a, b in c.pieces], key=itemgetter(0))
    starts = [a for a, _, _ in owners]
    cut_at: dict[int, int] = {}
    dropped: set[int] = set()

    def pieces_of(i: int) -> tuple[tuple[int, int], ...]:
        cut = cut_at.get(i)
        if cut is None:
            return cands[i].pieces
        return tuple((a, min(b, cut)) for a, b in cands[i].pieces if a < cut)

    for index, cand in enumerate(cands):
        if cand.rule != "subject-cue-content" or cand.cue is None or cand.subject is None:
            continue
        pos = cand.cue.start
        i = bisect_right(starts, pos) - 1
        outer = None
        last = max(0, i - 7)        # the eight pieces starting last at or before the cue, at most
        while i >= last:
            a, b, owner = owners[i]
            if owner != index and a <= pos < b:
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
            cut_at[outer] = min(cut, cut_at.get(outer, cut))
            if pieces_of(outer):
                continue
        dropped.add(index)
    kept = (c.with_pieces(pieces_of(i)) if i in cut_at else c
            for i, c in enumerate(cands) if i not in dropped)
    return [c for c in kept if c.pieces]


def _with_pieces(cand: Candidate, pieces: tuple[tuple[int, int], ...]) -> Candidate:
    """The candidate with these pieces (itself when it has them already)."""
    return cand if cand.pieces == pieces else cand.with_pieces(pieces)


def _clean_pieces(pieces: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
    """A statement's pieces in order, none empty, none overlapping (touching ones merged)."""
    if len(pieces) == 1:
        return pieces if pieces[0][1] > pieces[0][0] else ()
    out: list[tuple[int, int]] = []
    for a, b in sorted(p for p in pieces if p[1] > p[0]):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return tuple(out)


def _closing_mark_kept(text: str, pieces: tuple[tuple[int, int], ...], quotes: list[Quoted],
                       opens: list[int]) -> tuple[tuple[int, int], ...]:
    """A statement that ends with a quotation opened inside it keeps that quotation's closing mark
    (and the punctuation before it): 'would mean a “significant escalation.”', 'was ‘a con’'.
    A direct statement, inside its quotation from the start, stays without its marks."""
    if not pieces:
        return pieces
    start, end = pieces[-1]
    for q in quotes_over(quotes, opens, end - 1, end + 1):
        if q.closed and start <= q.open and end <= q.close <= end + 4 and q.end >= end - 1 \
                and not text[end:q.close].strip(".,;:!?\u2026" + "".join(EN.close_chars)):
            return pieces[:-1] + ((start, q.close),)
    return pieces


def _dedupe(cands: list[Candidate]) -> list[Candidate]:
    """The conflict policy (``settle_order``: registry priority, then the longer statement, then
    the earlier one): one statement per cue, one per content."""
    out: list[Candidate] = []
    cues: set[int] = set()
    contents: set[tuple[tuple[int, int], ...]] = set()
    for cand in sorted(cands, key=settle_order):
        key = cand.pieces
        if (cand.cue is not None and cand.cue.start in cues) or key in contents:
            continue
        if cand.cue is not None:
            cues.add(cand.cue.start)
        contents.add(key)
        out.append(cand)
    return out


def _quote_statements(quotes: list[Quoted], cands: list[Candidate],
                      views: _SentenceViews) -> list[Candidate]:
    """Quotations no statement took, offered to the quote rules in text order; a follow-on quote
    that continues the statement before it becomes part of that statement. One pass over the
    quotes with bisection over the statements' pieces: linear."""
    sent_starts = views.starts
    intervals = sorted([piece for c in cands for piece in c.pieces])
    starts = [a for a, _ in intervals]
    reach = list(accumulate([b for _, b in intervals], max))    # the furthest end among intervals[:i + 1]
    made = list(cands)
    pieces = [list(c.pieces) for c in cands]
    ends = [c.pieces[-1][1] for c in cands]
    ordered = sorted(range(len(cands)), key=ends.__getitem__)
    p = 0
    latest: int | None = None       # the statement ending last before the current quote
    for q in quotes:
        q_start = q.start
        while p < len(ordered) and pieces[ordered[p]][-1][1] <= q.open:
            if latest is None or pieces[ordered[p]][-1][1] >= pieces[latest][-1][1]:
                latest = ordered[p]
            p += 1
        i = bisect_right(starts, q_start) - 1
        if i >= 0 and reach[i] > q_start:
            continue                    # inside a statement already
        if latest is not None and pieces[latest][-1][1] > q_start:
            continue                    # inside a statement this pass made
        si = bisect_right(sent_starts, q.open) - 1
        if si < 0:
            continue
        prev = None
        if latest is not None and pieces[latest][-1][1] <= q.open:
            prev = _with_pieces(made[latest], tuple(pieces[latest]))
        ctx = QuoteContext(views[si], q, prev, prev is not None and _adjacent(prev, q, sent_starts),
                           prev is not None and RULES[prev.rule].carried_on)
        for match in _QUOTE_MATCHES:
            found = match(ctx)
            if found is None:
                continue
            if found.continues and latest is not None:
                pieces[latest].extend(found.pieces)
            else:
                made.append(found)
                pieces.append(list(found.pieces))
                latest = len(made) - 1
            break
    return [c.with_pieces(tuple(ps)) if len(ps) != len(c.pieces) else c for c, ps in zip(made, pieces)]


def _adjacent(prev: Candidate, q: Quoted, sent_starts: list[int]) -> bool:
    """True when nothing but the previous statement's own sentence lies between it and the quote."""
    si_prev = bisect_right(sent_starts, prev.end - 1) - 1
    si_cue = bisect_right(sent_starts, prev.cue.start) - 1 if prev.cue else si_prev
    si_q = bisect_right(sent_starts, q.open) - 1
    last = max(si_prev, si_cue)
    return si_q == last + 1


def _opens_with_quote(text: str, pos: int, quotes: list[Quoted], opens: list[int]) -> bool:
    end = min(len(text), pos + 8)
    while pos < end and not text[pos].isalnum():
        pos += 1
    return any(q.covers(pos) for q in quotes_over(quotes, opens, pos, pos + 1))


def _type(text: str, cand: Candidate, quotes: list[Quoted], opens: list[int]) -> QuoteType:
    if cand.rule == "headline-partial":
        return "partial"
    share = quote_share(text, cand.pieces, quotes, opens)
    if share >= DIRECT_SHARE and _opens_with_quote(text, cand.pieces[0][0], quotes, opens):
        return "direct"
    if share > 0.0:
        return "mixed"
    return "indirect"


def _span(text: str, spans: dict[tuple[int, int], Span], a: int, b: int) -> Span:
    """The span text[a:b], made once per call (in ``spans``): a statement's source mention is also
    one of its speaker's mentions."""
    span = spans.get((a, b))
    if span is None:
        span = spans[a, b] = Span(a, b, text[a:b])
    return span


def _mention_order(event: tuple[tuple[int, int], tuple[int, int] | None]) -> tuple[int, int, int, int]:
    """Sources in text order; of two readings of one mention, the one with an apposition first
    (it is the one kept: it says more about the speaker)."""
    (start, end), appos = event
    return start, end, 0 if appos else 1, appos[0] if appos else 0


def _assemble(text: str, cands: list[Candidate], frames: tuple[Frame, ...], quotes: list[Quoted],
              opens: list[int], started: float, paras: list[tuple[int, int]] | None = None) -> Result:
    """The result: speakers resolved and profiled, each statement typed and given its stance
    (``opens``: where each of ``quotes`` opens, for bisection)."""

    def quoted(pos: int) -> bool:
        return any(q.covers(pos) for q in quotes_over(quotes, opens, pos, pos + 1))

    resolver = Resolver(text, paras, quoted)
    # register every subject in text order, so that antecedents exist before pronouns
    mentions: dict[tuple[int, int], tuple[Entity | None, Reading]] = {}
    sources = {(f.subject_span, f.appos_span) for f in frames if f.kind == "preverbal" and f.subject_span}
    events = sorted(sources | {(c.subject, c.appos) for c in cands if c.subject},
                    key=_mention_order)
    for subj, appos in events:
        if subj not in mentions:
            mentions[subj] = resolver.mention(subj[0], subj[1], appos)

    contents: dict[str, list[int]] = {}
    for cand in cands:
        ent = mentions[cand.subject][0] if cand.subject is not None else None
        if ent is not None:
            contents.setdefault(ent.id, []).append(cand.start)
    # what profiling reads in the text, for both profile_entities calls (with the phrases resolution read)
    read = TextReading(text, quoted, resolver.reader)
    profiles = profile_entities(text, resolver.entities, quoted, contents, read)
    plan = merge_plan(resolver.entities, profiles, text)
    groups: dict[str, list[Entity]] = {}
    for ent in resolver.entities:
        groups.setdefault(plan.get(ent.id, ent.id), []).append(ent)
    # a merged entity is of the kind of the one it merged into; its role and organization come
    # from that one first, then from members of its kind ("Former White House Doctor", read as an
    # organization, gives Dr. Connie Mariano neither)
    views = []
    for cid, members in groups.items():
        if len(members) > 1:
            ordered = sorted(members, key=lambda m: m.id != cid)   # the one merged into first
            kept = [m for m in ordered if m.kind == ordered[0].kind]
        else:
            kept = members
        views.append(EntityView(cid, profiles[cid].name, kept[0].kind,
                                next((m.role for m in kept if m.role), None),
                                next((m.organization for m in kept if m.organization), None),
                                tuple(sorted(span for m in members for span in m.mentions))))
    if plan:
        merged_contents: dict[str, list[int]] = {}
        for ent_id, starts in contents.items():
            merged_contents.setdefault(plan.get(ent_id, ent_id), []).extend(starts)
        merged = [v for v in views if len(groups[v.id]) > 1]
        profiles = {**profiles, **profile_entities(text, merged, quoted, merged_contents, read)}
    used: dict[str, list[str]] = {}
    spans: dict[tuple[int, int], Span] = {}     # the mentions' spans, each made once
    out: list[Quote] = []
    for cand in cands:
        qid = f"q{len(out) + 1}"
        pieces = cand.pieces
        frags = tuple([Span(a, b, text[a:b]) for a, b in pieces])
        # the statement's span: its one fragment (the same value, made once), or all of them
        span = frags[0] if len(frags) == 1 else Span(pieces[0][0], pieces[-1][1], text[pieces[0][0]:pieces[-1][1]])
        cue = None
        verb_stance = None
        cue_span = None
        hit = cand.cue
        if hit is not None:
            cue_span = (hit.start, hit.end)
            cue = Cue(text[hit.start:hit.end], hit.lemma, hit.start, hit.end)
            verb_stance = hit.entry.stance if hit.entry else None
        speaker = None
        affiliation = None
        if cand.subject is not None:
            ent, reading = mentions[cand.subject]
            mention = _span(text, spans, cand.subject[0], cand.subject[1])
            if ent is not None:
                ent_id = plan.get(ent.id, ent.id)
                prof = profiles[ent_id]
                speaker = SpeakerRef(prof.name, cast(SpeakerKind, prof.kind), ent_id, mention, prof.gender)
                used.setdefault(ent_id, []).append(qid)
                affiliation = prof.affiliation
            else:
                speaker = SpeakerRef(reading.name, cast(SpeakerKind, reading.kind), None, mention)
        stance = stance_of(text, pieces, verb_stance, cue_span)
        out.append(Quote(qid, _type(text, cand, quotes, opens), span, frags, cue, speaker, affiliation, stance,
                         RULES[cand.rule].precision, cand.rule))
    speakers = []
    for view in views:
        if view.id not in used:
            continue
        prof = profiles[view.id]
        speakers.append(Speaker(view.id, prof.name, cast(SpeakerKind, prof.kind), prof.affiliation,
                                tuple([_span(text, spans, a, b) for a, b in view.mentions]), tuple(used[view.id]),
                                prof.gender, prof.gender_evidence))
    return Result(tuple(out), tuple(speakers), len(text), (time.perf_counter() - started) * 1000.0,
                  ENGINE_VERSION)
