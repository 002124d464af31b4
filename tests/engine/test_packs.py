"""The pack engine (service/attribution/packs/) and its languages (German, Russian).

(a) Each pack language's registry follows data/<code>/rules.tsv (its rules' worked examples and
    counterexamples run with English's, in tests/engine/test_rule_examples.py).
(b) Each pack's data: every file is described in its README, headers name the declared columns,
    loading reads every column, a broken file names its file and line.
(c) Results keep the v1 contract (offsets exact) on every golden input, and on hostile text.
(d) Language grammar the packs carry: separable particles, verb-second order, Konjunktiv I
    carrying a statement on, the dialogue dash, gendered verb forms, surnames across cases.
"""
from __future__ import annotations

import pathlib
import re
from dataclasses import fields

import pytest

from service.attribution import LANGUAGES, attribute
from service.attribution.language import LanguageDataError
from service.attribution.packs import PACK_LANGUAGES, PACKS, REGISTRIES
from service.attribution.packs import data as pack_data
from service.attribution.packs.data import read_pack
from service.attribution.packs.shapes import SHAPES
from tests.reliability.hostile_corpus import hostile_texts
from tests.support.contract import as_v1, check_result

DATA = pathlib.Path(pack_data.__file__).parent.parent / "data"
GOLDEN = pathlib.Path(__file__).parent / "golden"

def test_the_pack_languages_are_served():
    assert {"de", "ru"} <= set(PACK_LANGUAGES)
    assert LANGUAGES[0] == "en" and set(PACK_LANGUAGES) <= set(LANGUAGES)


# --- (a) rules --------------------------------------------------------------------------------

@pytest.mark.parametrize("code", PACK_LANGUAGES)
def test_registry_follows_its_rules_table(code):
    registry = REGISTRIES[code]
    assert [r.name for r in registry.rules] == list(PACKS[code].rule_order)
    for rule in registry.rules:
        assert rule.name.startswith(f"{code}-"), rule.name
        assert rule.family in SHAPES and rule.scope == SHAPES[rule.family][0]
        assert rule.examples and rule.counterexamples and rule.description, rule.name
        assert (rule.precision, rule.support) == PACKS[code].rule_measures[rule.name]


def test_statement_confidence_is_its_rule_precision():
    result = attribute("„Wir sind bereit“, sagte die Ministerin. Laut Polizei wurde niemand verletzt.",
                       language="de")
    assert len(result.quotes) == 2
    for quote in result.quotes:
        assert quote.confidence == REGISTRIES["de"].by_name[quote.rule].precision


# --- (b) data -----------------------------------------------------------------------------------

def _table_files(code: str) -> list[pathlib.Path]:
    return sorted(p for p in (DATA / code).iterdir() if p.suffix in (".tsv", ".txt"))


@pytest.mark.parametrize("code", PACK_LANGUAGES)
def test_every_data_file_is_described(code):
    readme = (DATA / code / "README.md").read_text(encoding="utf-8")
    for path in _table_files(code):
        assert f"`{path.name}`" in readme, f"data/{code}/README.md does not describe {path.name}"


ROW_TYPES = {"language.tsv": "SettingRow", "quote_marks.tsv": "MarkRow", "reporting_verbs.tsv": "PackVerbRow",
             "according.tsv": "MarkerRow", "pronouns.tsv": "PackPronounRow", "function_words.tsv": "WordClassRow",
             "titles.tsv": "GenderedRow", "roles.tsv": "PackRoleRow", "organizations.tsv": "OrgRow",
             "parties.tsv": "PackPartyRow",
             "stance_words.tsv": "PolarityRow", "rules.tsv": "RuleRow", "noun_genders.tsv": "EndingRow",
             "adjective_endings.tsv": "AdjectiveRow"}


@pytest.mark.parametrize("code", PACK_LANGUAGES)
def test_every_table_is_read_with_its_declared_columns(code, monkeypatch):
    from service.attribution import language

    tables = {p.name for p in _table_files(code) if p.suffix == ".tsv"}
    assert tables == set(ROW_TYPES), f"data/{code}: tables without a row class, or missing: {tables ^ set(ROW_TYPES)}"
    read: dict[str, set[str]] = {}
    rows = language._Reader.rows

    class Recording:
        def __init__(self, row, seen):
            self._row, self._seen = row, seen

        def __getattr__(self, name):
            self._seen.add(name)
            return getattr(self._row, name)

    def recording_rows(self, name, row_type):
        assert row_type.__name__ == ROW_TYPES[name], name
        seen = read.setdefault(name, set())
        return [(line, Recording(row, seen)) for line, row in rows(self, name, row_type)]

    monkeypatch.setattr(language._Reader, "rows", recording_rows)
    read_pack(language.DATA.joinpath(code), code)
    for name, type_name in ROW_TYPES.items():
        row_type = getattr(pack_data, type_name, None) or getattr(language, type_name)
        want = {f.name for f in fields(row_type)}
        if read.get(name):
            assert read[name] == want, f"{code}/{name}: columns never read: {want - read[name]}"


def test_every_pack_attribute_is_read_by_the_engine():
    import ast

    from service.attribution.packs.data import Pack

    package = pathlib.Path(pack_data.__file__).parent.parent
    used: set[str] = set()
    for path in package.rglob("*.py"):
        if path.name != "data.py":
            used |= {n.attr for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                     if isinstance(n, ast.Attribute)}
    unused = {f.name for f in fields(Pack)} - used - {"code"}
    assert not unused, f"Pack attributes no engine module reads: {sorted(unused)}"


def _copy(code: str, target: pathlib.Path) -> pathlib.Path:
    target.mkdir()
    for path in (DATA / code).iterdir():
        (target / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    return target


@pytest.mark.parametrize("name,edit,needle", [
    ("reporting_verbs.tsv", lambda t: t.replace("\tneutral", "\tshouting", 1), "stance 'shouting'"),
    ("pronouns.tsv", lambda t: t.replace("\tsingular", "\tdual", 1), "number 'dual'"),
    ("according.tsv", lambda t: t.replace("\tbefore", "\tsomewhere", 1), "position 'somewhere'"),
    ("rules.tsv", lambda t: re.sub(r"(\n[a-z-]+\t)[0-9.]+", r"\1high", t, count=1), "must be numbers"),
    ("language.tsv", lambda t: t.replace("capital_nouns\tyes", "capital_nouns\tmaybe"), "capital_nouns"),
])
def test_a_broken_file_names_its_file_and_line(tmp_path, name, edit, needle):
    directory = _copy("de", tmp_path / "de")
    path = directory / name
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(LanguageDataError, match=rf"de/{name}(:\d+)?: .*{needle}"):
        read_pack(directory, "de")


def test_a_missing_file_is_named(tmp_path):
    directory = _copy("ru", tmp_path / "ru")
    (directory / "roles.tsv").unlink()
    with pytest.raises(LanguageDataError, match="ru/roles.tsv: required file is missing"):
        read_pack(directory, "ru")


# --- (c) the contract ---------------------------------------------------------------------------

def _golden_inputs(code: str) -> list[str]:
    out = []
    for path in sorted((GOLDEN / code).glob("*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines()[1:]:
            if line and not line.startswith("#"):
                out.append(line.split("\t")[1].replace("\\n", "\n"))
    return out


@pytest.mark.parametrize("code", PACK_LANGUAGES)
def test_every_golden_input_keeps_the_contract(code):
    texts = _golden_inputs(code)
    assert texts
    found = 0
    for text in texts:
        result = attribute(text, language=code)
        check_result(text, as_v1(result, code), language=code)
        found += len(result.quotes)
    assert found >= len(texts) // 2


@pytest.mark.slow
@pytest.mark.parametrize("code", PACK_LANGUAGES)
def test_hostile_text_keeps_the_contract(code):
    for name, text in hostile_texts():
        check_result(text, as_v1(attribute(text, language=code), code), language=code)


# --- (d) grammar ---------------------------------------------------------------------------------

def _only(text: str, code: str):
    result = attribute(text, language=code)
    assert len(result.quotes) == 1, [(q.rule, q.span.text) for q in result.quotes]
    return result.quotes[0]


def test_a_separable_verb_is_a_cue_only_with_its_particle():
    assert not attribute("Die Firma teilte den Gewinn unter den Mitarbeitern auf.", language="de").quotes
    quote = _only("Die Firma teilte am Montag mit, der Gewinn sei gestiegen.", "de")
    assert quote.cue.text == "teilte am Montag mit" and quote.cue.lemma == "mitteilen"
    assert quote.span.text == "der Gewinn sei gestiegen"


def test_verb_second_puts_the_source_after_the_cue():
    quote = _only("Am Montag sagte die Bürgermeisterin Anna Roth, die Brücke werde gesperrt.", "de")
    assert quote.speaker.mention.text == "die Bürgermeisterin Anna Roth"
    assert quote.speaker.name == "Anna Roth" and quote.speaker.gender == "female"
    assert quote.affiliation.role == "Bürgermeisterin"


def test_konjunktiv_carries_the_statement_on_and_the_indicative_does_not():
    text = "Der Minister sagte, die Lage sei ernst. Es gebe keine Hinweise auf Opfer. Die Feuerwehr ist vor Ort."
    result = attribute(text, language="de")
    assert [(q.rule, q.span.text) for q in result.quotes] == [
        ("de-speaker-cue-content", "die Lage sei ernst"),
        ("de-reported-follow-on", "Es gebe keine Hinweise auf Opfer")]
    assert result.quotes[1].speaker.mention.text == "Der Minister"


def test_a_negated_stance_word_is_the_evidence_of_the_opposite_stance():
    quote = _only("Der Minister sagte, er werde den Plan nicht unterstützen.", "de")
    assert quote.stance.label == "oppose"
    assert [e.text for e in quote.stance.evidence] == ["unterstützen"]


def test_a_capitalised_noun_is_no_name():
    quote = _only("Der Bericht sagt, die Mieten seien gestiegen.", "de")
    assert quote.speaker.kind != "person" and quote.speaker.gender is None


def test_the_dialogue_dash_and_a_gendered_verb():
    quote = _only("— Мы готовы к переговорам, — сказала она.", "ru")
    assert quote.type == "direct" and quote.span.text == "Мы готовы к переговорам"
    assert quote.rule == "ru-quote-cue-speaker" and quote.speaker.mention.text == "она"


def test_a_surname_in_the_genitive_is_the_person_named_before():
    text = "Министр Виктор Ланской прибыл в Казань. По словам Ланского, переговоры пройдут завтра."
    quote = _only(text, "ru")
    assert quote.speaker.mention.text == "Ланского" and quote.speaker.name == "Виктор Ланской"
    assert quote.affiliation.role == "министр"
    assert quote.speaker.gender is None          # a name gives no gender (G1-G3): nothing else says it


def test_a_first_name_gives_no_gender():
    quote = _only("Anna Roth sagte, die Brücke werde gesperrt.", "de")
    assert quote.speaker.name == "Anna Roth" and quote.speaker.gender is None


def test_a_feminine_verb_form_gives_the_gender():
    quote = _only("Глава района Ольга Зимина заявила, что дорогу откроют в мае.", "ru")
    assert quote.speaker.gender == "female" and quote.speaker.name == "Ольга Зимина"
