"""POST /v1/attributions: both request forms, the exact response mapping, and the contract's
invariants on the real engine's output (shape and offsets, never today's particular results)."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from service.attribution import ENGINE_VERSION

QUOTE_KEYS = ["id", "type", "text", "span", "fragments", "cue", "speaker", "affiliation",
              "stance", "confidence", "rule"]
SPEAKER_KEYS = ["id", "name", "kind", "affiliation", "mentions", "quotes"]

# Texts written for these tests: quotation marks of several kinds, non-ASCII before the quotes
# (so byte offsets and code-point offsets differ), an interrupted quote, and no quotes at all.
TEXTS = [
    'The minister said, "We will not give up." Then she left.',
    "Zoë Müller 👩🏽‍⚖️, la présidente, a dit : « Nous continuerons. » „Das ist gut“, sagte er.",
    '"The plan is sound," Lee said. "But it needs money."\n\n“Another paragraph,” they added.',
    "No quotation at all in this sentence.",
]


def assert_contract(text: str, body: dict) -> None:
    """Every key present, every offset exact, ids consistent, quotes ordered by span.start."""
    assert list(body) == ["id", "quotes", "speakers", "meta"]
    assert body["meta"] == {"characters": len(text), "elapsed_ms": body["meta"]["elapsed_ms"],
                            "engine": ENGINE_VERSION}
    assert isinstance(body["meta"]["elapsed_ms"], (int, float)) and body["meta"]["elapsed_ms"] >= 0

    def exact(piece: dict) -> None:
        assert text[piece["start"]:piece["end"]] == piece["text"], piece

    quote_ids = [quote["id"] for quote in body["quotes"]]
    speaker_ids = [speaker["id"] for speaker in body["speakers"]]
    assert len(set(quote_ids)) == len(quote_ids)
    assert len(set(speaker_ids)) == len(speaker_ids)
    starts = [quote["span"]["start"] for quote in body["quotes"]]
    assert starts == sorted(starts)
    for quote in body["quotes"]:
        assert list(quote) == QUOTE_KEYS
        assert quote["type"] in ("direct", "indirect", "mixed", "partial")
        exact({**quote["span"], "text": quote["text"]})
        assert quote["fragments"], "a statement has at least one fragment"
        for fragment in quote["fragments"]:
            exact(fragment)
        if quote["cue"] is not None:
            exact(quote["cue"])
        if quote["speaker"] is not None:
            assert list(quote["speaker"]) == ["name", "kind", "entity", "mention"]
            if quote["speaker"]["mention"] is not None:
                exact(quote["speaker"]["mention"])
            if quote["speaker"]["entity"] is not None:
                assert quote["speaker"]["entity"] in speaker_ids
        if quote["affiliation"] is not None:
            assert list(quote["affiliation"]) == ["organization", "role"]
        assert list(quote["stance"]) == ["label", "score", "hedged", "evidence"]
        assert quote["stance"]["label"] in ("support", "oppose", "neutral")
        for evidence in quote["stance"]["evidence"]:
            exact(evidence)
        assert 0.0 <= quote["confidence"] <= 1.0
    for speaker in body["speakers"]:
        assert list(speaker) == SPEAKER_KEYS
        for mention in speaker["mentions"]:
            exact(mention)
        assert set(speaker["quotes"]) <= set(quote_ids)


@pytest.mark.parametrize("text", TEXTS)
def test_json_request_follows_the_contract(client, check_against_spec, text):
    response = client.post("/v1/attributions", json={"text": text, "id": "doc-7"})
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert body["id"] == "doc-7"
    assert_contract(text, body)
    check_against_spec(response, "/v1/attributions")


@pytest.mark.parametrize("text", TEXTS)
def test_text_plain_request_gives_the_same_result_with_null_id(client, text):
    as_json = client.post("/v1/attributions", json={"text": text}).get_json()
    response = client.post("/v1/attributions", data=text.encode("utf-8"),
                           content_type="text/plain; charset=utf-8")
    assert response.status_code == 200
    body = response.get_json()
    assert body["id"] is None
    assert_contract(text, body)
    for result in (as_json, body):
        result["meta"].pop("elapsed_ms")
    assert body == as_json


def test_text_plain_without_charset_is_read_as_utf8(client):
    text = "Café « déjà » 😀"
    response = client.post("/v1/attributions", data=text.encode("utf-8"),
                           content_type="text/plain")
    assert response.status_code == 200
    assert response.get_json()["meta"]["characters"] == len(text)


def test_missing_id_is_null_and_explicit_null_is_accepted(client):
    for payload in ({"text": "x"}, {"text": "x", "id": None}):
        response = client.post("/v1/attributions", json=payload)
        assert response.status_code == 200
        assert response.get_json()["id"] is None


def test_offsets_are_code_points_not_bytes_or_utf16(client):
    # Astral characters are one code point but two UTF-16 units and four UTF-8 bytes.
    text = '😀😀😀 she said "ok 😀 fine" and left'
    body = client.post("/v1/attributions", json={"text": text}).get_json()
    assert_contract(text, body)


def test_every_engine_field_is_mapped_to_the_contract(client, fake_engine, check_against_spec):
    FULL_TEXT = fake_engine.text
    response = client.post("/v1/attributions", json={"text": FULL_TEXT, "id": "full"})
    assert response.status_code == 200
    check_against_spec(response, "/v1/attributions")
    body = response.get_json()
    q1, q2 = fake_engine.result.quotes
    speaker = fake_engine.result.speakers[0]
    assert body["meta"] == {"characters": len(FULL_TEXT), "elapsed_ms": 1.235,
                            "engine": "test-engine"}
    assert body["quotes"][0] == {
        "id": "q1", "type": "direct", "text": q1.span.text,
        "span": {"start": q1.span.start, "end": q1.span.end},
        "fragments": [{"text": q1.span.text, "start": q1.span.start, "end": q1.span.end}],
        "cue": {"text": "said", "lemma": "say", "start": q1.cue.start, "end": q1.cue.end},
        "speaker": {"name": "Ana Ruiz", "kind": "person", "entity": "s1",
                    "mention": {"text": "Mayor Ana Ruiz", "start": q1.speaker.mention.start,
                                "end": q1.speaker.mention.end}},
        "affiliation": {"organization": "Springfield", "role": "Mayor"},
        "stance": {"label": "support", "score": 0.6, "hedged": False,
                   "evidence": [{"text": "rebuild", "start": q1.stance.evidence[0].start,
                                 "end": q1.stance.evidence[0].end}]},
        "confidence": 0.9, "rule": "quote-comma-name-verb"}
    assert body["quotes"][1]["affiliation"] is None
    assert body["quotes"][1]["stance"]["hedged"] is True
    assert body["quotes"][1]["speaker"]["mention"]["text"] == "she"
    assert body["speakers"] == [{
        "id": "s1", "name": "Ana Ruiz", "kind": "person",
        "affiliation": {"organization": "Springfield", "role": "Mayor"},
        "mentions": [{"text": m.text, "start": m.start, "end": m.end} for m in speaker.mentions],
        "quotes": ["q1", "q2"]}]
    assert_contract(FULL_TEXT, {**body, "meta": {**body["meta"], "engine": ENGINE_VERSION}})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.sampled_from(list('ab é😀 .,:"“”«»„\'\n')) | st.characters(),
                    max_size=300))
def test_any_text_gets_a_contract_response(client, text):
    if not text.strip():  # blank texts are refused: tests/api/test_errors_next_steps.py
        assert client.post("/v1/attributions", json={"text": text}).status_code == 422
        return
    response = client.post("/v1/attributions", json={"text": text})
    assert response.status_code == 200
    assert_contract(text, response.get_json())


@pytest.mark.parametrize("raw", [
    b'{"text": "broken \\ud800 surrogate, \\"quoted \\udfff part\\" said X"}',
    b'{"text": "nul \\u0000 \\"inside\\u0000quote\\" said Y"}',
])
def test_escaped_oddities_in_json_text_are_processed_not_crashed(client, raw):
    import json
    text = json.loads(raw)["text"]
    response = client.post("/v1/attributions", data=raw, content_type="application/json")
    assert response.status_code == 200
    assert_contract(text, json.loads(response.get_data(as_text=True)))
