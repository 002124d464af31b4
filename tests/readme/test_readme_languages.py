"""The README's Languages section against the engine: the languages it names are the engine's, by
their English names and codes, and what it says a language is made of (its data directory, its
rule module, its rules.tsv, its golden tables, the tests that check them) is where it says, for
every language the engine has beside English."""
from __future__ import annotations

import re

import pytest

from service.attribution import LANGUAGES
from service.attribution.engine import LANGUAGE_NAMES
from service.attribution.packs import PACK_LANGUAGES, REGISTRIES
from service.attribution.packs.shapes import SHAPES
from tests.readme.readme_text import ROOT, section, text

SECTION = "## Languages"
# Russian is being added (issue 16); its golden tables are in, its data and rules on their way.
RUSSIAN_PENDING = pytest.mark.xfail("ru" not in LANGUAGES, strict=True,
                                    reason="the README names Russian, which the engine gains next")


def named() -> dict[str, str]:
    """The languages of the section's first sentence: code -> English name."""
    first = section(SECTION).strip().split(". ", 1)[0]
    return {code: name for name, code in re.findall(r"(\w+) \(`([a-z]{2,3})`", first)}


def test_every_language_of_the_engine_is_named_with_its_code():
    assert named(), "no language named as Name (`code`)"
    for code in LANGUAGES:
        assert named().get(code) == LANGUAGE_NAMES[code][0], code
    assert "English (`en`, the default)" in section(SECTION)


@RUSSIAN_PENDING
def test_no_language_is_named_that_the_engine_lacks():
    assert set(named()) == set(LANGUAGES)


@RUSSIAN_PENDING
def test_the_422_example_lists_the_engines_languages():
    (listed,) = re.findall(r"Unknown language 'xx'; available: ([a-z, ]+)\.", text())
    assert listed.split(", ") == list(LANGUAGES)


def paths_of_a_language(code: str) -> list[str]:
    return [path.replace("<code>", code) for path in re.findall(r"`([\w/.<>-]*<code>[\w/.<>-]*)`",
                                                                 section(SECTION))]


@pytest.mark.parametrize("code", PACK_LANGUAGES)
def test_a_language_is_made_of_what_the_section_says(code):
    paths = paths_of_a_language(code)
    data = f"service/attribution/data/{code}/"
    assert data in paths and f"service/attribution/rules/{code}.py" in paths
    assert f"tests/engine/golden/{code}/" in paths
    assert f"data/{code}/rules.tsv" in paths
    for path in paths:
        if "/" in path:   # a path from the repository's root, or data/ of the engine's
            where = ROOT / "service" / "attribution" / path if path.startswith("data/") else ROOT / path
            assert where.exists(), path
    language = (ROOT / data / "language.tsv").read_text(encoding="utf-8")
    assert re.search(r"^engine\tpack$", language, re.M)
    assert re.search(rf"^name\t{LANGUAGE_NAMES[code][0]}$", language, re.M)
    assert re.search(rf"^native\t{LANGUAGE_NAMES[code][1]}$", language, re.M)
    # Rules under the language's name, each one of the shared forms; the example name is one.
    rules = REGISTRIES[code].rules
    assert f"{code}-quote-cue-speaker" in [rule.name for rule in rules]
    assert all(rule.family in SHAPES and rule.name.startswith(f"{code}-") for rule in rules)
    assert all(rule.examples and rule.counterexamples for rule in rules)


def test_the_tests_it_names_are_there():
    body = section(SECTION)
    names = re.findall(r"`(tests/engine/test_\w+\.py)`", body)
    assert set(names) == {"tests/engine/test_golden.py", "tests/engine/test_packs.py",
                          "tests/engine/test_rule_examples.py", "tests/engine/test_adding_a_language.py"}
    for name in names:
        assert (ROOT / name).is_file(), name
    assert "service/attribution/packs/" in body and (ROOT / "service/attribution/packs").is_dir()
