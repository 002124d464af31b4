"""The pack engine: attribution for a language given as data (``data/<code>/``) and a rule module
(``rules/<code>.py``). Stages, each a pure function of what the ones before returned:
paragraphs -> quotations -> sentences -> tokens and cues -> rules (cue, marker, then follow-on
rules, in registry order) -> settle (the registry's conflict policy) -> speakers, affiliation,
stance -> Result (the same v1 result as English)."""
from __future__ import annotations

import time
from bisect import bisect_right, insort
from typing import Final, cast

from ..model import Affiliation, Cue, Gender, Quote, QuoteType, Result, Span, Speaker, SpeakerKind, SpeakerRef
from ..segment import paragraphs
from .clause import SentCtx, auxiliary_before, counts, frame, is_cue
from .data import Pack
from .registry import PackRegistry
from .shapes import PackCandidate, cue_of, subject_of
from .speakers import Entity, Reading, Resolver
from .stance import pack_stance
from .text import Quotation, Sent, find_quotations, sentences, tokens

FOLLOW_REACH: Final = 1            # a follow-on sentence comes right after its statement's sentence
DIRECT_SHARE: Final = 0.8
DIRECT_FORMS: Final = frozenset({"quote-cue-speaker", "speaker-cue-quote", "speaker-colon-quote"})


def attribute_pack(text: str, pack: Pack, registry: PackRegistry, started: float, version: str) -> Result:
    paras = [p for p in paragraphs(text) if not _furniture(text, p, pack)]
    quotes = find_quotations(text, paras, pack)
    opens = [q.open for q in quotes]
    sents = sentences(text, paras, quotes, pack)
    cands: list[PackCandidate] = []
    pending = None          # a cue ending its sentence with a colon: its quotation may follow
    q_index = 0
    for sent in sents:
        colon = None
        while q_index < len(quotes) and quotes[q_index].close < sent.start:
            q_index += 1
        quoted = q_index < len(quotes) and quotes[q_index].open < sent.end
        if not quoted and pending is None and not _may_attribute(text, sent.start, sent.end, pack):
            continue                            # no quotation, cue, marker or reported form: narrative
        toks = tokens(text, sent.start, sent.end, quotes, opens)
        cues = tuple(i for i, t in enumerate(toks) if t.kind == "w" and (t.low in pack.verbs or t.low in pack.tail_markers)
                     and not (pack.capital_nouns and i and t.text[0].isupper()))   # "laut Angaben": a noun
        before = sents[sent.number - 1] if sent.number and sent.paragraph - sents[sent.number - 1].paragraph <= 1 else None
        ctx = SentCtx(text, sent, toks, pack, cues, (before.start, before.end) if before else None,
                      counts(toks, "w"), counts(toks, "q"))
        made: list[PackCandidate] = []
        real = 0
        for i in cues:
            end = is_cue(ctx, i)
            if end is None:
                continue
            f = frame(ctx, i, end)
            if f.speaker is not None and toks[-1].text == ":" and f.after < 0 and not f.content_first:
                colon = (f, ctx)                # "X заявил:" and the quotation in the next paragraph
            aux = auxiliary_before(ctx, i)
            # a cue of its own, unless in the mood of reported speech ("Das Land habe zugesagt")
            real += not (aux >= 0 and toks[aux].low in pack.reported_forms or toks[i].low in pack.reported_forms)
            for rule in registry.cue:
                found = rule.match(ctx, f)
                if found is not None:
                    made.append(found)
                    break
        for rule in registry.marker:
            found = rule.match(ctx)
            if found is not None:
                made.append(found)
        if pending is not None and not made and ctx.quotations(0, len(toks)) == 1 and not ctx.words(0, len(toks)):
            opener = next((r for r in registry.cue if r.family == "speaker-cue-quote"), None)
            if opener is not None:
                pf, pctx = pending
                q = next(t for t in toks if t.kind == "q")
                made.append(PackCandidate(opener.name, (q.inner or (q.start + 1, q.end - 1),), cue_of(pctx, pf),
                                          subject_of(pctx, pf), sent.number))
        pending = colon if not made else None
        made = [c for c in _settle(made, registry)
                if not any(a < y and x < b for prev in cands[-3:] for a, b in prev.pieces for x, y in c.pieces)]
        if not made and cands and not real:
            prev_index = len(cands) - 1
            prev = cands[prev_index]
            if sent.number - prev.sentence <= FOLLOW_REACH and _same_or_next_paragraph(sents, prev.sentence, sent):
                for rule in registry.follow:
                    found = rule.match(ctx, prev)
                    if found is None:
                        continue
                    if rule.family == "quote-follow-on" and registry.by_name[prev.rule].family in DIRECT_FORMS:
                        # a quotation carrying on a quotation: one statement in pieces
                        cands[prev_index] = prev._replace(pieces=prev.pieces + found.pieces, sentence=sent.number)
                    else:
                        root = prev.inherits if prev.inherits >= 0 else prev_index
                        made.append(found._replace(inherits=root))
                    break
        cands.extend(made)
    return _assemble(text, cands, quotes, opens, pack, registry, started, version)


_SPACING: Final = str.maketrans({ch: " " for ch in ",.;:!?()[]\"'\u201e\u201c\u201d\u00ab\u00bb\u2013\u2014"})
MAX_FURNITURE_WORDS: Final = 16     # a furniture line (link, credit, label) is short


def _furniture(text: str, para: tuple[int, int], pack: Pack) -> bool:
    """A paragraph that is page furniture: a short line opening with one of the pack's furniture
    openings ("Lesen Sie auch:", "Foto:", "Читайте также")."""
    a, b = para
    head = text[a:min(b, a + 60)].lstrip().lower()
    return any(head.startswith(f) for f in pack.furniture) and len(text[a:b].split()) <= MAX_FURNITURE_WORDS


def _may_attribute(text: str, start: int, end: int, pack: Pack) -> bool:
    """Whether a sentence holds a word that can attribute (a cue, the first word of a marker, a
    form of reported speech): one set lookup a word, before any token is made."""
    words = pack.attributing_words
    return any(w in words for w in text[start:end].lower().translate(_SPACING).split())


def _same_or_next_paragraph(sents: list[Sent], prev_sentence: int, sent: Sent) -> bool:
    return sent.paragraph - sents[prev_sentence].paragraph <= 1


def _settle(made: list[PackCandidate], registry: PackRegistry) -> list[PackCandidate]:
    """The conflict policy: registry priority, then the longer, then the earlier statement; a
    statement overlapping one kept before it is dropped."""
    if len(made) < 2:
        return made
    kept: list[PackCandidate] = []
    taken: list[tuple[int, int]] = []            # the kept statements' pieces, sorted, disjoint
    for cand in sorted(made, key=registry.settle_order):
        if any(_overlaps(taken, x, y) for x, y in cand.pieces):
            continue
        kept.append(cand)
        for piece in cand.pieces:
            insort(taken, piece)
    return sorted(kept, key=lambda c: c.pieces[0][0])


def _overlaps(taken: list[tuple[int, int]], x: int, y: int) -> bool:
    """Whether [x, y) overlaps one of the sorted, disjoint intervals of ``taken``."""
    i = bisect_right(taken, (x, x))
    return (i > 0 and taken[i - 1][1] > x) or (i < len(taken) and taken[i][0] < y)


MAX_NAME_WORDS: Final = 4


def _a_name(text: str, q: Quotation, piece_start: int, pack: Pack) -> bool:
    """A quotation that names something inside a statement ("Совет директоров «Северного
    терминала»"): a few words opening with a capital, not at the statement's start, in a language
    whose capitals mark names (in German every noun has one)."""
    inner = text[q.start:q.end]
    return (not pack.capital_nouns and q.open > piece_start and inner[:1].isupper()
            and len(inner.split()) <= MAX_NAME_WORDS)


def _share_quoted(pieces: tuple[tuple[int, int], ...], quotes: list[Quotation], opens: list[int], text: str,
                  pack: Pack) -> float:
    total = sum(1 for a, b in pieces for ch in text[a:b] if ch.isalnum())
    if not total:
        return 0.0
    inside = 0
    for a, b in pieces:
        i = max(0, bisect_right(opens, a) - 1)
        while i < len(quotes) and quotes[i].open < b:
            q = quotes[i]
            lo, hi = max(a, q.start), min(b, q.end)
            if hi > lo and not _a_name(text, q, a, pack):
                inside += sum(1 for ch in text[lo:hi] if ch.isalnum())
            i += 1
    return inside / total


def _type(text: str, cand: PackCandidate, quotes: list[Quotation], opens: list[int], pack: Pack) -> str:
    share = _share_quoted(cand.pieces, quotes, opens, text, pack)
    first = cand.pieces[0][0]
    opens_quoted = any(q.start <= first <= q.start + 1 for q in quotes[max(0, bisect_right(opens, first) - 2):
                                                                        bisect_right(opens, first) + 1])
    if share >= DIRECT_SHARE and opens_quoted:
        return "direct"
    return "mixed" if share > 0 else "indirect"


def _assemble(text: str, cands: list[PackCandidate], quotes: list[Quotation], opens: list[int], pack: Pack,
              registry: PackRegistry, started: float, version: str) -> Result:
    resolver = Resolver(text, pack)
    resolved: dict[int, tuple[Entity | None, Reading, tuple[int, int]]] = {}
    for index, cand in enumerate(cands):
        if cand.subject is None:
            continue
        verb = cand.cue[2] if cand.cue else None
        ent, reading = resolver.mention(cand.subject, verb.gender if verb else None)
        resolved[index] = (ent, reading, cand.subject)
    used: dict[str, list[str]] = {}
    out: list[Quote] = []
    for index, cand in enumerate(cands):
        qid = f"q{len(out) + 1}"
        pieces = cand.pieces
        frags = tuple(Span(a, b, text[a:b]) for a, b in pieces)
        span = Span(pieces[0][0], pieces[-1][1], text[pieces[0][0]:pieces[-1][1]])
        source = resolved.get(cand.inherits if cand.inherits >= 0 else index)
        speaker = affiliation = None
        if source is not None:
            ent, reading, (ma, mb) = source
            mention = Span(ma, mb, text[ma:mb])
            if ent is not None:
                speaker = SpeakerRef(ent.name, cast(SpeakerKind, ent.kind), ent.id, mention,
                                     cast(Gender, ent.gender) if ent.gender in ("male", "female") else None)
                affiliation = _affiliation(ent.organization, ent.role, ent.party)
                used.setdefault(ent.id, []).append(qid)
            else:
                speaker = SpeakerRef(reading.name, cast(SpeakerKind, reading.kind), None, mention)
                affiliation = _affiliation(reading.organization, reading.role, reading.party)
        cue = None
        verb_stance = None
        cue_span = None
        if cand.cue is not None:
            ca, cb, verb = cand.cue
            cue = Cue(text[ca:cb], verb.lemma if verb else text[ca:cb].lower(), ca, cb)
            verb_stance = verb.stance if verb else None
            cue_span = (ca, cb)
        stance = pack_stance(text, pieces, pack, verb_stance, cue_span)
        rule = registry.by_name[cand.rule]
        out.append(Quote(qid, cast(QuoteType, _type(text, cand, quotes, opens, pack)), span, frags, cue, speaker,
                         affiliation, stance, rule.precision, cand.rule))
    speakers = []
    for ent in resolver.entities:
        if ent.id not in used:
            continue
        speakers.append(Speaker(ent.id, ent.name, cast(SpeakerKind, ent.kind),
                                _affiliation(ent.organization, ent.role, ent.party),
                                tuple(Span(a, b, text[a:b]) for a, b in ent.mentions), tuple(used[ent.id]),
                                cast(Gender, ent.gender) if ent.gender in ("male", "female") else None,
                                tuple(Span(a, b, text[a:b]) for a, b in ent.evidence)))
    return Result(tuple(out), tuple(speakers), len(text), (time.perf_counter() - started) * 1000.0, version)


def _affiliation(org: str | None, role: str | None, party: str | None) -> Affiliation | None:
    if org is None and role is None and party is None:
        return None
    return Affiliation(org, role, party)
