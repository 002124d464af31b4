"""The v1 result contract, checked on any result: one checker for every test and benchmark.

``check_result(text, result)`` asserts everything the contract promises about a result for
``text`` (README "Results", GUIDE section 4), whatever the engine found:

- shape: every key present, in the documented order, none added; absent things are ``null``
  (a missing cue, speaker, mention or affiliation), never missing keys; closed label sets for
  ``type``, ``speaker.kind`` and ``stance.label``; ``confidence`` in [0, 1], ``stance.score`` in
  [-1, 1], ``hedged`` a boolean, ``rule`` and ``cue.lemma`` named;
- offsets: for every span, fragment, cue, speaker mention, stance evidence and mention in
  ``speakers``, ``start`` and ``end`` are integers with ``0 <= start <= end <= len(text)`` and
  ``text[start:end] == .text`` (the quote's own ``text`` for its ``span``);
- statements: ordered by ``span.start``; each has fragments, none empty, in order and not
  overlapping, and its span runs from the first fragment's start to the last one's end;
- ids: statement ids and speaker ids unique; every ``speaker.entity`` is a listed speaker that
  lists the statement, and every statement a speaker lists exists and names that speaker;
  every listed speaker has a name and at least one statement;
- ``meta``: ``characters == len(text)``, ``elapsed_ms`` a number >= 0, ``engine`` the engine's
  version (or the ``engine`` argument).

A result may come in any form the project produces it: the v1 JSON as a dict (the API, the
wire, the command line), the engine's ``Result`` or the Python client's ``Attribution``. The
last two are first mapped, field by field, onto the v1 JSON by :func:`as_v1`, so one set of
checks reads them all. A failed check raises ``AssertionError`` naming the piece that broke it
(``q2.fragments[1]``).
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from service.attribution import ENGINE_VERSION

RESULT_KEYS = ["id", "quotes", "speakers", "meta"]
META_KEYS = ["characters", "elapsed_ms", "engine", "language"]
QUOTE_KEYS = ["id", "type", "text", "span", "fragments", "cue", "speaker", "affiliation",
              "stance", "confidence", "rule"]
SPEAKER_REF_KEYS = ["name", "kind", "entity", "mention", "gender"]
AFFILIATION_KEYS = ["organization", "role", "party"]
STANCE_KEYS = ["label", "score", "hedged", "evidence"]
SPEAKER_KEYS = ["id", "name", "kind", "affiliation", "mentions", "quotes", "gender", "gender_evidence"]
SPAN_KEYS = {"start", "end"}
PIECE_KEYS = {"text", "start", "end"}
CUE_KEYS = {"text", "lemma", "start", "end"}

TYPES = frozenset({"direct", "indirect", "mixed", "partial"})
KINDS = frozenset({"person", "organization", "anonymous", "unknown"})
LABELS = frozenset({"support", "oppose", "neutral"})
GENDERS = frozenset({"female", "male", None})


# --- any result as the v1 JSON ----------------------------------------------------------------

def _piece(span: Any) -> dict[str, Any]:
    return {"text": span.text, "start": span.start, "end": span.end}


def _cue(cue: Any) -> dict[str, Any] | None:
    if cue is None:
        return None
    return {"text": cue.text, "lemma": cue.lemma, "start": cue.start, "end": cue.end}


def _affiliation(affiliation: Any) -> dict[str, Any] | None:
    if affiliation is None:
        return None
    return {"organization": affiliation.organization, "role": affiliation.role, "party": affiliation.party}


def _speaker_ref(speaker: Any) -> dict[str, Any] | None:
    if speaker is None:
        return None
    return {"name": speaker.name, "kind": speaker.kind, "entity": speaker.entity,
            "mention": None if speaker.mention is None else _piece(speaker.mention),
            "gender": speaker.gender}


def _stance(stance: Any) -> dict[str, Any] | None:
    if stance is None:
        return None
    return {"label": stance.label, "score": stance.score, "hedged": stance.hedged,
            "evidence": [_piece(e) for e in stance.evidence]}


def _quote(quote: Any, text: str) -> dict[str, Any]:
    return {"id": quote.id, "type": quote.type, "text": text,
            "span": {"start": quote.span.start, "end": quote.span.end},
            "fragments": [_piece(f) for f in quote.fragments], "cue": _cue(quote.cue),
            "speaker": _speaker_ref(quote.speaker), "affiliation": _affiliation(quote.affiliation),
            "stance": _stance(quote.stance), "confidence": quote.confidence, "rule": quote.rule}


def _speaker(speaker: Any) -> dict[str, Any]:
    return {"id": speaker.id, "name": speaker.name, "kind": speaker.kind,
            "affiliation": _affiliation(speaker.affiliation),
            "mentions": [_piece(m) for m in speaker.mentions], "quotes": list(speaker.quotes),
            "gender": speaker.gender, "gender_evidence": [_piece(e) for e in speaker.gender_evidence]}


def as_v1(result: Any, language: str = "en") -> Mapping[str, Any]:
    """The v1 JSON of ``result``: a mapping as it is; the engine's ``Result`` (statement text in
    ``span.text``, no id, meta fields on the result) or the client's ``Attribution`` (statement
    text in ``quote.text``, ``meta`` object) mapped field by field."""
    if isinstance(result, Mapping):
        return result
    if hasattr(result, "characters"):          # service.attribution.model.Result
        return {"id": None,
                "quotes": [_quote(q, q.span.text) for q in result.quotes],
                "speakers": [_speaker(s) for s in result.speakers],
                "meta": {"characters": result.characters, "elapsed_ms": result.elapsed_ms,
                         "engine": result.engine, "language": language}}
    if hasattr(result, "meta"):                # service.client.Attribution
        return {"id": result.id,
                "quotes": [_quote(q, q.text) for q in result.quotes],
                "speakers": [_speaker(s) for s in result.speakers],
                "meta": {"characters": result.meta.characters,
                         "elapsed_ms": result.meta.elapsed_ms, "engine": result.meta.engine,
                         "language": result.meta.language}}
    raise TypeError(f"not a result: {type(result).__name__}")


# --- the checks ---------------------------------------------------------------------------------

def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _is_offset(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _name(item: Any) -> str:
    return repr(item.get("id")) if isinstance(item, Mapping) else repr(item)


def _keys(value: Any, keys: Sequence[str] | set[str], what: str) -> None:
    assert isinstance(value, Mapping), f"{what}: an object, not {value!r}"
    if isinstance(keys, set):
        assert set(value) == keys, f"{what}: keys {sorted(value)}, not {sorted(keys)}"
    else:
        assert list(value) == list(keys), f"{what}: keys {list(value)}, not {list(keys)}"


def check_piece(text: str, start: Any, end: Any, piece: Any, what: str) -> None:
    """Integer offsets inside the text that give exactly ``piece``."""
    assert _is_offset(start) and _is_offset(end), (
        f"{what}: offsets must be integers, not {start!r}, {end!r}")
    assert 0 <= start <= end <= len(text), f"{what}: [{start}, {end}) outside [0, {len(text)}]"
    assert text[start:end] == piece, (
        f"{what}: text[{start}:{end}] == {text[start:end]!r}, not {piece!r}")


def _check_span(text: str, piece: Any, what: str, keys: set[str] = PIECE_KEYS) -> None:
    _keys(piece, keys, what)
    check_piece(text, piece["start"], piece["end"], piece["text"], what)


def _check_affiliation(affiliation: Any, what: str) -> None:
    if affiliation is None:
        return
    _keys(affiliation, AFFILIATION_KEYS, what)
    for key in AFFILIATION_KEYS:
        assert affiliation[key] is None or isinstance(affiliation[key], str), (
            f"{what}.{key}: a string or null, not {affiliation[key]!r}")


def _check_quote(text: str, quote: Any, listed: Mapping[str, set[str]]) -> None:
    """One statement; ``listed`` maps each speaker id to the set of statement ids it lists."""
    _keys(quote, QUOTE_KEYS, f"quote {_name(quote)}")
    qid = quote["id"]
    assert isinstance(qid, str) and qid, f"statement id {qid!r}"
    assert quote["type"] in TYPES, f"{qid}.type {quote['type']!r} not in {sorted(TYPES)}"

    _keys(quote["span"], SPAN_KEYS, f"{qid}.span")
    check_piece(text, quote["span"]["start"], quote["span"]["end"], quote["text"], f"{qid}.span")
    fragments = quote["fragments"]
    assert isinstance(fragments, list) and fragments, f"{qid}: a statement has no fragment"
    previous_end = 0
    for k, fragment in enumerate(fragments):
        _check_span(text, fragment, f"{qid}.fragments[{k}]")
        assert fragment["start"] < fragment["end"], f"{qid}.fragments[{k}] is empty"
        assert fragment["start"] >= previous_end, f"{qid}: fragments out of order or overlapping"
        previous_end = fragment["end"]
    assert (quote["span"]["start"], quote["span"]["end"]) == (fragments[0]["start"],
                                                                fragments[-1]["end"]), (
        f"{qid}: span {quote['span']} does not run from the first fragment to the last")

    cue = quote["cue"]
    if cue is not None:
        _check_span(text, cue, f"{qid}.cue", CUE_KEYS)
        assert isinstance(cue["lemma"], str) and cue["lemma"], f"{qid}: cue without lemma"

    speaker = quote["speaker"]
    if speaker is not None:
        _keys(speaker, SPEAKER_REF_KEYS, f"{qid}.speaker")
        assert speaker["name"] is None or isinstance(speaker["name"], str), f"{qid}.speaker.name"
        assert speaker["kind"] in KINDS, f"{qid}.speaker.kind {speaker['kind']!r}"
        assert speaker["gender"] in GENDERS, f"{qid}.speaker.gender {speaker['gender']!r}"
        if speaker["mention"] is not None:
            _check_span(text, speaker["mention"], f"{qid}.speaker.mention")
        entity = speaker["entity"]
        if entity is not None:
            assert entity in listed, f"{qid}: entity {entity!r} is not a listed speaker"
            assert qid in listed[entity], f"{qid}: speaker {entity} does not list it"

    _check_affiliation(quote["affiliation"], f"{qid}.affiliation")

    stance = quote["stance"]
    _keys(stance, STANCE_KEYS, f"{qid}.stance")
    assert stance["label"] in LABELS, f"{qid}.stance.label {stance['label']!r}"
    assert _is_number(stance["score"]) and -1.0 <= stance["score"] <= 1.0, (
        f"{qid}.stance.score {stance['score']!r} outside [-1, 1]")
    assert isinstance(stance["hedged"], bool), f"{qid}.stance.hedged {stance['hedged']!r}"
    assert isinstance(stance["evidence"], list), f"{qid}.stance.evidence is a list"
    for k, evidence in enumerate(stance["evidence"]):
        _check_span(text, evidence, f"{qid}.stance.evidence[{k}]")

    assert _is_number(quote["confidence"]) and 0.0 <= quote["confidence"] <= 1.0, (
        f"{qid}.confidence {quote['confidence']!r} outside [0, 1]")
    assert isinstance(quote["rule"], str) and quote["rule"], f"{qid}: no rule"


def _check_speaker(text: str, speaker: Any, quotes: Mapping[str, Any]) -> None:
    sid = speaker["id"]
    assert isinstance(sid, str) and sid, f"speaker id {sid!r}"
    assert isinstance(speaker["name"], str) and speaker["name"], f"{sid}: speaker without a name"
    assert speaker["kind"] in KINDS, f"{sid}.kind {speaker['kind']!r}"
    _check_affiliation(speaker["affiliation"], f"{sid}.affiliation")
    assert speaker["gender"] in GENDERS, f"{sid}.gender {speaker['gender']!r}"
    assert isinstance(speaker["gender_evidence"], list), f"{sid}.gender_evidence is a list"
    assert bool(speaker["gender_evidence"]) == (speaker["gender"] is not None), (
        f"{sid}: gender evidence exactly when a gender is given")
    for k, evidence in enumerate(speaker["gender_evidence"]):
        _check_span(text, evidence, f"{sid}.gender_evidence[{k}]")
    assert isinstance(speaker["mentions"], list), f"{sid}.mentions is a list"
    for k, mention in enumerate(speaker["mentions"]):
        _check_span(text, mention, f"{sid}.mentions[{k}]")
    assert speaker["quotes"], f"{sid}: a listed speaker with no statements"
    for qid in speaker["quotes"]:
        assert qid in quotes, f"{sid}: refers to missing statement {qid!r}"
        said = quotes[qid]["speaker"]
        assert said is not None and said["entity"] == sid, (
            f"{sid} lists {qid}, which another speaker (or none) said")


def check_result(text: str, result: Any, *, engine: str = ENGINE_VERSION,
                 language: str = "en") -> Mapping[str, Any]:
    """Assert every promise of the v1 contract about ``result`` for ``text`` (see the module's
    description); returns the result as v1 JSON."""
    body = as_v1(result, language)
    _keys(body, RESULT_KEYS, "result")
    assert body["id"] is None or isinstance(body["id"], str), f"id {body['id']!r}"
    meta = body["meta"]
    _keys(meta, META_KEYS, "meta")
    assert meta["characters"] == len(text), f"meta.characters {meta['characters']} != {len(text)}"
    assert _is_number(meta["elapsed_ms"]) and meta["elapsed_ms"] >= 0, (
        f"meta.elapsed_ms {meta['elapsed_ms']!r}")
    assert meta["engine"] == engine, f"meta.engine {meta['engine']!r}, not {engine!r}"
    assert meta["language"] == language, f"meta.language {meta['language']!r}, not {language!r}"

    quotes, speakers = body["quotes"], body["speakers"]
    assert isinstance(quotes, list) and isinstance(speakers, list), "quotes and speakers are lists"
    for speaker in speakers:
        _keys(speaker, SPEAKER_KEYS, f"speaker {_name(speaker)}")
    speaker_ids = [s["id"] for s in speakers]
    assert len(set(speaker_ids)) == len(speaker_ids), f"duplicate speaker ids {speaker_ids}"
    assert all(isinstance(s["quotes"], list) for s in speakers), "a speaker's quotes are a list"
    listed = {s["id"]: set(s["quotes"]) for s in speakers}
    for quote in quotes:
        _check_quote(text, quote, listed)
    quote_ids = [q["id"] for q in quotes]
    assert len(set(quote_ids)) == len(quote_ids), f"duplicate statement ids {quote_ids}"
    starts = [q["span"]["start"] for q in quotes]
    assert starts == sorted(starts), f"statements not ordered by span.start: {starts}"
    by_quote = dict(zip(quote_ids, quotes))
    for speaker in speakers:
        _check_speaker(text, speaker, by_quote)
    return body
