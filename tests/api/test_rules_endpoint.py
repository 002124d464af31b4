"""GET /v1/rules: the engine's rules with their measured precision, the same numbers that every
statement's `confidence` carries; `?language=` lists another language's rules."""
from __future__ import annotations

import pytest

from service.attribution import LANGUAGES
from service.attribution.packs import REGISTRIES
from service.attribution.rules import RULES, RULES_MEASURED_ON

# `client` is the default app's test client (tests/api/conftest.py).


def test_rules_lists_every_engine_rule_with_its_precision(client):
    answer = client.get("/v1/rules")
    assert answer.status_code == 200
    assert answer.headers["Content-Type"].startswith("application/json")
    body = answer.get_json()
    assert [r["name"] for r in body["rules"]] == list(RULES)
    for row in body["rules"]:
        rule = RULES[row["name"]]
        assert row["precision"] == rule.precision and row["support"] == rule.support
        assert row["example"] == rule.example
        assert 0.0 <= row["precision"] <= 1.0
    assert body["engine"] and body["measured_on"]


def test_every_statement_names_a_listed_rule_and_carries_its_precision(client):
    rules = {r["name"]: r for r in client.get("/v1/rules").get_json()["rules"]}
    text = ('Mayor Ana Ruiz visited the depot. "The trains will run again," she said. '
            'According to the council, repairs will take a month. "We are ready," said Jonas Weber.')
    quotes = client.post("/v1/attributions", json={"text": text}).get_json()["quotes"]
    assert quotes
    for quote in quotes:
        assert quote["rule"] in rules
        assert quote["confidence"] == rules[quote["rule"]]["precision"]


def test_rules_is_read_only(client):
    assert client.post("/v1/rules", json={}).status_code == 405


def test_every_listed_example_gives_its_rule_over_http(client):
    """What /v1/rules documents is what the service does: each example, posted as a client would,
    gives a statement by its rule with the stated content; no counterexample does."""
    rules = client.get("/v1/rules").get_json()["rules"]
    assert all(r["examples"] and r["counterexamples"] for r in rules)
    for row in rules:
        for example in row["examples"]:
            quotes = client.post("/v1/attributions", json={"text": example["text"]}).get_json()["quotes"]
            made = [q for q in quotes if q["rule"] == row["name"]]
            assert example["content"] in [q["text"] for q in made], (row["name"], example, quotes)
            if example["source"] is not None:
                assert example["source"] in [q["speaker"]["mention"]["text"] for q in made if q["speaker"]]
        for text in row["counterexamples"]:
            quotes = client.post("/v1/attributions", json={"text": text}).get_json()["quotes"]
            assert row["name"] not in [q["rule"] for q in quotes], (row["name"], text)


def test_rules_describe_their_family_scope_and_frames(client):
    rules = client.get("/v1/rules").get_json()["rules"]
    scopes = [r["scope"] for r in rules]
    assert scopes == sorted(scopes, key=["cue", "paragraph", "quote"].index)
    for row in rules:
        assert row["family"] and row["description"]
        assert bool(row["frames"]) == (row["scope"] == "cue"), row["name"]


# --- ?language=: the rules of another language --------------------------------------------------

PACK_CODES = [code for code in LANGUAGES if code in REGISTRIES]


def test_english_is_the_default_and_answers_the_same_when_named(client, check_against_spec):
    default = client.get("/v1/rules")
    named = client.get("/v1/rules?language=en")
    check_against_spec(default, "/v1/rules", "get")
    check_against_spec(named, "/v1/rules", "get")
    assert default.get_json() == named.get_json()
    body = default.get_json()
    assert set(body) == {"engine", "language", "measured_on", "rules"}
    assert body["language"] == "en" and body["measured_on"] == RULES_MEASURED_ON


def test_german_is_listed_by_its_own_rules():
    """The pack languages below are found in data/ at import; German is one today."""
    assert "de" in PACK_CODES


@pytest.mark.parametrize("code", PACK_CODES)
def test_a_languages_rules_are_its_registry_in_order(client, check_against_spec, code):
    registry = REGISTRIES[code]
    response = client.get("/v1/rules", query_string={"language": code})
    assert response.status_code == 200
    check_against_spec(response, "/v1/rules", "get")
    body = response.get_json()
    assert body["language"] == code and body["measured_on"] == registry.measured_on
    assert [row["name"] for row in body["rules"]] == [rule.name for rule in registry.rules]
    assert not set(registry.by_name) & set(RULES)  # no English rule among them, nor the reverse
    for row, rule in zip(body["rules"], registry.rules):
        assert (row["precision"], row["support"]) == (rule.precision, rule.support)
        assert (row["family"], row["scope"], row["description"]) == (rule.family, rule.scope, rule.description)
        assert row["example"] == rule.examples[0].text
        assert row["examples"] == [{"text": e.text, "content": e.content, "source": e.source}
                                   for e in rule.examples]
        assert row["counterexamples"] == list(rule.counterexamples)
        assert row["frames"] == list(rule.frames)


@pytest.mark.parametrize("code", PACK_CODES)
def test_a_languages_statements_name_its_listed_rules_and_their_precision(client, code):
    rules = {r["name"]: r for r in client.get(f"/v1/rules?language={code}").get_json()["rules"]}
    made = []
    for row in rules.values():
        for example in row["examples"]:
            answer = client.post("/v1/attributions", json={"text": example["text"], "language": code})
            made += answer.get_json()["quotes"]
    assert made
    for quote in made:
        assert quote["rule"] in rules, quote["rule"]
        assert quote["confidence"] == rules[quote["rule"]]["precision"]


@pytest.mark.parametrize("code", ["xx", "EN", "", " en", "en-US", "q" * 60])
def test_a_language_the_engine_lacks_is_422_as_for_attributions(client, check_against_spec, code):
    response = client.get("/v1/rules", query_string={"language": code})
    assert response.status_code == 422, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    check_against_spec(response, "/v1/rules", "get")
    body = response.get_json()
    assert body["type"] == "/docs#problem-validation-failed" and body["status"] == 422
    shown = code if len(code) <= 40 else code[:40] + "..."
    assert body["errors"] == {"language": [f"Unknown language {shown!r}; available: {', '.join(LANGUAGES)}."]}
    # the same message as POST /v1/attributions gives for the same code
    posted = client.post("/v1/attributions", json={"text": "x", "language": code}).get_json()
    assert posted["errors"] == body["errors"]


def test_other_query_parameters_of_rules_are_ignored(client):
    response = client.get("/v1/rules?lang=xx&format=csv")
    assert response.status_code == 200 and response.get_json()["language"] == "en"


def test_openapi_describes_the_rules_language_parameter(spec):
    operation = spec["paths"]["/v1/rules"]["get"]
    (parameter,) = operation["parameters"]
    assert parameter["in"] == "query" and parameter["name"] == "language"
    assert parameter["required"] is False
    assert parameter["schema"]["enum"] == list(LANGUAGES) and parameter["schema"]["default"] == "en"
    assert "422" in operation["responses"]
    response = spec["components"]["schemas"]["RulesResponse"]
    assert "language" in response["properties"] and "language" in response["required"]
    scopes = spec["components"]["schemas"]["Rule"]["properties"]["scope"]["enum"]
    assert {rule.scope for code in PACK_CODES for rule in REGISTRIES[code].rules} <= set(scopes)


def test_docs_page_shows_the_rules_query_parameter(client):
    html = client.get("/docs").get_data(as_text=True)
    section = html.split('id="op-attributions_rules"', 1)[1].split("</section>", 1)[0]
    assert "Query parameters" in section and "<code>language</code>" in section
