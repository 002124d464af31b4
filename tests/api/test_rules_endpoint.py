"""GET /v1/rules: the engine's rules with their measured precision, the same numbers that every
statement's `confidence` carries."""
from __future__ import annotations

from service.attribution.rules import RULES

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
