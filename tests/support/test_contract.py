"""The shared contract checker (tests/support/contract.py) accepts real results in every form and
fails on each kind of broken result, so the tests that rely on it can fail."""
from __future__ import annotations

import copy
import dataclasses
import json

import pytest

from service.app import create_app
from service.attribution import attribute
from tests.support.contract import as_v1, check_piece, check_result

# Written for this test: a speaker named and then a pronoun, an interrupted quote, stance words,
# a cue, and non-ASCII before the quotes so that code points and bytes differ.
TEXT = ('Zoë Varga, the harbour master of Brenton, spoke on Monday.\n'
        '"The new quay is a disaster," she warned, "and nobody listened." '
        'It was reported that the work may stop.')


@pytest.fixture(scope="module")
def engine_result():
    return attribute(TEXT)


@pytest.fixture(scope="module")
def api_body():
    response = create_app().test_client().post("/v1/attributions", json={"text": TEXT})
    assert response.status_code == 200
    return response.get_json()


def test_the_text_gives_what_the_breakages_below_need(engine_result):
    quote = next(q for q in engine_result.quotes if len(q.fragments) == 2)
    assert quote.cue is not None and quote.speaker is not None and quote.speaker.entity
    assert quote.speaker.mention is not None and quote.stance.evidence
    assert any(q.speaker is None for q in engine_result.quotes), "a statement without a source"


def test_engine_result_and_api_body_pass_and_map_to_the_same_json(engine_result, api_body):
    from_engine = dict(check_result(TEXT, engine_result))
    from_api = dict(check_result(TEXT, api_body))
    for body in (from_engine, from_api):
        body["meta"] = {k: v for k, v in body["meta"].items() if k != "elapsed_ms"}
    assert from_engine == from_api


def test_the_clients_dataclasses_pass_and_map_to_the_json_they_came_from(api_body):
    from service.client import Attribution

    parsed = Attribution.from_dict(api_body)     # the client's own parser, no network needed
    assert as_v1(parsed) == api_body
    check_result(TEXT, parsed)


def test_an_empty_result_passes():
    check_result("", attribute(""))
    check_result("No statement here.", attribute("No statement here."))


def _q(body):
    """The interrupted statement of the body."""
    return next(q for q in body["quotes"] if len(q["fragments"]) == 2)


def _shift_span(body):
    _q(body)["span"]["start"] += 1


def _wrong_text(body):
    _q(body)["text"] = _q(body)["text"].upper()


def _fragments_reversed(body):
    _q(body)["fragments"].reverse()


def _fragments_overlap(body):
    first, second = _q(body)["fragments"]
    second["start"] = first["end"] - 2
    second["text"] = TEXT[second["start"]:second["end"]]


def _empty_fragment(body):
    fragment = _q(body)["fragments"][0]
    fragment["end"] = fragment["start"]
    fragment["text"] = ""


def _no_fragments(body):
    _q(body)["fragments"] = []


def _span_short_of_fragments(body):
    quote = _q(body)
    quote["span"]["end"] = quote["fragments"][0]["end"]
    quote["text"] = TEXT[quote["span"]["start"]:quote["span"]["end"]]


def _quotes_out_of_order(body):
    body["quotes"].reverse()


def _duplicate_quote_id(body):
    body["quotes"][1]["id"] = body["quotes"][0]["id"]


def _dangling_entity(body):
    _q(body)["speaker"]["entity"] = "s99"


def _speaker_does_not_list_its_quote(body):
    speaker = next(s for s in body["speakers"] if _q(body)["id"] in s["quotes"])
    speaker["quotes"].remove(_q(body)["id"])
    speaker["quotes"].append("q99")


def _missing_key(body):
    del _q(body)["cue"]


def _extra_key(body):
    _q(body)["score"] = 1


def _keys_reordered(body):
    quote = _q(body)
    quote["id"] = quote.pop("id")


def _unknown_type(body):
    _q(body)["type"] = "quoted"


def _unknown_kind(body):
    _q(body)["speaker"]["kind"] = "human"


def _unknown_label(body):
    _q(body)["stance"]["label"] = "angry"


def _confidence_over_one(body):
    _q(body)["confidence"] = 1.5


def _score_out_of_range(body):
    _q(body)["stance"]["score"] = -3


def _hedged_not_bool(body):
    _q(body)["stance"]["hedged"] = "no"


def _no_rule(body):
    _q(body)["rule"] = ""


def _cue_off_by_one(body):
    _q(body)["cue"]["start"] -= 1


def _cue_without_lemma(body):
    _q(body)["cue"]["lemma"] = ""


def _mention_off(body):
    _q(body)["speaker"]["mention"]["end"] += 1


def _evidence_off(body):
    _q(body)["stance"]["evidence"][0]["text"] = "nothing"


def _speaker_mention_off(body):
    body["speakers"][0]["mentions"][0]["start"] += 2


def _speaker_without_name(body):
    body["speakers"][0]["name"] = ""


def _float_offsets(body):
    fragment = _q(body)["fragments"][0]
    fragment["start"] = float(fragment["start"])


def _offset_past_the_end(body):
    quote = body["quotes"][-1]
    quote["span"]["end"] = quote["fragments"][-1]["end"] = len(TEXT) + 5


def _characters_wrong(body):
    body["meta"]["characters"] += 1


def _other_engine(body):
    body["meta"]["engine"] = "0.0.1"


def _absent_affiliation_missing_not_null(body):
    del body["quotes"][-1]["affiliation"]


BREAKAGES = [_shift_span, _wrong_text, _fragments_reversed, _fragments_overlap, _empty_fragment,
             _no_fragments, _span_short_of_fragments, _quotes_out_of_order, _duplicate_quote_id,
             _dangling_entity, _speaker_does_not_list_its_quote, _missing_key, _extra_key,
             _keys_reordered, _unknown_type, _unknown_kind, _unknown_label, _confidence_over_one,
             _score_out_of_range, _hedged_not_bool, _no_rule, _cue_off_by_one, _cue_without_lemma,
             _mention_off, _evidence_off, _speaker_mention_off, _speaker_without_name,
             _float_offsets, _offset_past_the_end, _characters_wrong, _other_engine,
             _absent_affiliation_missing_not_null]


@pytest.mark.parametrize("breakage", BREAKAGES, ids=[b.__name__.strip("_") for b in BREAKAGES])
def test_each_broken_result_fails(api_body, breakage):
    broken = copy.deepcopy(api_body)
    breakage(broken)
    assert json.dumps(broken) != json.dumps(api_body), "the breakage changed nothing"
    with pytest.raises(AssertionError):
        check_result(TEXT, broken)


def test_broken_engine_results_fail_too(engine_result):
    first = engine_result.quotes[0]
    longer = dataclasses.replace(first, span=dataclasses.replace(first.span, end=first.span.end + 1))
    broken = dataclasses.replace(engine_result, quotes=(longer,) + engine_result.quotes[1:])
    with pytest.raises(AssertionError, match="q1.span"):
        check_result(TEXT, broken)


def test_check_piece_names_what_is_wrong():
    check_piece("abc", 1, 3, "bc", "piece")
    with pytest.raises(AssertionError, match="outside"):
        check_piece("abc", 2, 4, "c", "piece")
    with pytest.raises(AssertionError, match="integers"):
        check_piece("abc", True, 2, "b", "piece")
    with pytest.raises(AssertionError, match=r"text\[0:1\] == 'a', not 'b'"):
        check_piece("abc", 0, 1, "b", "piece")


def test_something_else_is_not_a_result():
    with pytest.raises(TypeError):
        as_v1(["not", "a", "result"])
