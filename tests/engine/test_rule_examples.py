"""Every registered rule's worked examples (in every language) give a statement by that rule (with the content and
source the example states), and none of its counterexamples does: the registry's examples are
executable documentation. Also: the registry is consistent (order, scopes, precision table)."""
from __future__ import annotations

import pytest

from service.attribution import LANGUAGES, attribute
from service.attribution.packs import REGISTRIES
from service.attribution.rules import ORDER, REGISTRY, RULES


def registry_of(language: str):
    """A language's rules in registry order: English's clause grammar, or a pack language's."""
    return REGISTRY if language == "en" else REGISTRIES[language].rules


EXAMPLES = [(code, rule.name, i, ex) for code in LANGUAGES for rule in registry_of(code)
            for i, ex in enumerate(rule.examples)]
COUNTER = [(code, rule.name, i, text) for code in LANGUAGES for rule in registry_of(code)
           for i, text in enumerate(rule.counterexamples)]


def _id(code: str, name: str, index: int) -> str:
    return f"{name}-{index}" if code == "en" else f"{code}:{name}-{index}"


@pytest.mark.parametrize("code,name,index,example", EXAMPLES, ids=[_id(c, n, i) for c, n, i, _ in EXAMPLES])
def test_example_gives_its_rule(code, name, index, example):
    result = attribute(example.text, language=code)
    made = [q for q in result.quotes if q.rule == name]
    assert made, f"{name} example {index}: got {[(q.rule, q.span.text) for q in result.quotes]}"
    assert example.content in [q.span.text for q in made], [q.span.text for q in made]
    if example.source is not None:
        quote = next(q for q in made if q.span.text == example.content)
        assert quote.speaker is not None and quote.speaker.mention is not None
        assert quote.speaker.mention.text == example.source


@pytest.mark.parametrize("code,name,index,text", COUNTER, ids=[_id(c, n, i) for c, n, i, _ in COUNTER])
def test_counterexample_does_not_give_its_rule(code, name, index, text):
    result = attribute(text, language=code)
    assert not [q for q in result.quotes if q.rule == name], [(q.rule, q.span.text) for q in result.quotes]


def test_every_rule_has_examples_and_counterexamples():
    for rule in (r for code in LANGUAGES for r in registry_of(code)):
        assert rule.examples and rule.counterexamples, rule.name
        assert rule.description, rule.name


def test_registry_follows_the_order_and_the_precision_table():
    assert [r.name for r in REGISTRY] == list(ORDER) == list(RULES)
    for rule in REGISTRY:
        assert 0.0 < rule.precision <= 1.0 and rule.support >= 0
        if rule.scope == "cue":
            assert rule.frames, f"{rule.name}: a cue rule names the frames it reads"
        else:
            assert not rule.frames


def test_statement_confidence_is_its_rule_precision():
    result = attribute('"We are ready," he said. Troops are ready to move, the minister said.')
    assert result.quotes
    for quote in result.quotes:
        assert quote.confidence == RULES[quote.rule].precision
