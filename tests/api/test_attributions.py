"""POST /v1/attributions: both request forms, the exact response mapping, and the contract's
invariants on the real engine's output (shape and offsets, never today's particular results)."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from schemas.requests import is_blank

from tests.support.contract import check_result

# Texts written for these tests: quotation marks of several kinds, non-ASCII before the quotes
# (so byte offsets and code-point offsets differ), an interrupted quote, and no quotes at all.
TEXTS = [
    'The minister said, "We will not give up." Then she left.',
    "Zoë Müller 👩🏽‍⚖️, la présidente, a dit : « Nous continuerons. » „Das ist gut“, sagte er.",
    '"The plan is sound," Lee said. "But it needs money."\n\n“Another paragraph,” they added.',
    "No quotation at all in this sentence.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_json_request_follows_the_contract(client, check_against_spec, text):
    response = client.post("/v1/attributions", json={"text": text, "id": "doc-7"})
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert body["id"] == "doc-7"
    check_result(text, body)
    check_against_spec(response, "/v1/attributions")


@pytest.mark.parametrize("text", TEXTS)
def test_text_plain_request_gives_the_same_result_with_null_id(client, text):
    as_json = client.post("/v1/attributions", json={"text": text}).get_json()
    response = client.post("/v1/attributions", data=text.encode("utf-8"),
                           content_type="text/plain; charset=utf-8")
    assert response.status_code == 200
    body = response.get_json()
    assert body["id"] is None
    check_result(text, body)
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
    check_result(text, body)


def test_every_engine_field_is_mapped_to_the_contract(client, fake_engine, check_against_spec):
    FULL_TEXT = fake_engine.text
    response = client.post("/v1/attributions", json={"text": FULL_TEXT, "id": "full"})
    assert response.status_code == 200
    check_against_spec(response, "/v1/attributions")
    body = response.get_json()
    q1, q2 = fake_engine.result.quotes
    speaker = fake_engine.result.speakers[0]
    assert body["meta"] == {"characters": len(FULL_TEXT), "elapsed_ms": 1.235,
                            "engine": "test-engine", "language": "en"}
    assert body["quotes"][0] == {
        "id": "q1", "type": "direct", "text": q1.span.text,
        "span": {"start": q1.span.start, "end": q1.span.end},
        "fragments": [{"text": q1.span.text, "start": q1.span.start, "end": q1.span.end}],
        "cue": {"text": "said", "lemma": "say", "start": q1.cue.start, "end": q1.cue.end},
        "speaker": {"name": "Ana Ruiz", "kind": "person", "entity": "s1",
                    "mention": {"text": "Mayor Ana Ruiz", "start": q1.speaker.mention.start,
                                "end": q1.speaker.mention.end}, "gender": "female"},
        "affiliation": {"organization": "Springfield", "role": "Mayor", "party": "Independent"},
        "stance": {"label": "support", "score": 0.6, "hedged": False,
                   "evidence": [{"text": "rebuild", "start": q1.stance.evidence[0].start,
                                 "end": q1.stance.evidence[0].end}]},
        "confidence": 0.9, "rule": "quote-comma-name-verb"}
    assert body["quotes"][1]["affiliation"] is None
    assert body["quotes"][1]["stance"]["hedged"] is True
    assert body["quotes"][1]["speaker"]["mention"]["text"] == "she"
    assert body["speakers"] == [{
        "id": "s1", "name": "Ana Ruiz", "kind": "person",
        "affiliation": {"organization": "Springfield", "role": "Mayor", "party": "Independent"},
        "mentions": [{"text": m.text, "start": m.start, "end": m.end} for m in speaker.mentions],
        "quotes": ["q1", "q2"], "gender": "female",
        "gender_evidence": [{"text": "she", "start": speaker.gender_evidence[0].start,
                             "end": speaker.gender_evidence[0].end}]}]
    check_result(FULL_TEXT, body, engine="test-engine")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.sampled_from(list('ab é😀 .,:"“”«»„\'\n')) | st.characters(),
                    max_size=300))
def test_any_text_gets_a_contract_response(client, text):
    if is_blank(text):  # blank texts are refused: tests/api/test_errors_next_steps.py
        assert client.post("/v1/attributions", json={"text": text}).status_code == 422
        return
    response = client.post("/v1/attributions", json={"text": text})
    assert response.status_code == 200
    check_result(text, response.get_json())


@pytest.mark.parametrize("raw", [
    b'{"text": "broken \\ud800 surrogate, \\"quoted \\udfff part\\" said X"}',
    b'{"text": "nul \\u0000 \\"inside\\u0000quote\\" said Y"}',
])
def test_escaped_oddities_in_json_text_are_processed_not_crashed(client, raw):
    import json
    text = json.loads(raw)["text"]
    response = client.post("/v1/attributions", data=raw, content_type="application/json")
    assert response.status_code == 200
    check_result(text, json.loads(response.get_data(as_text=True)))
