"""Lexicon files under service/attribution/data: every file parses with the engine's loader, every
line has valid fields, no entry is listed twice, and a malformed line raises LexiconError.

The malformed-line tests point the loader (``service.attribution.lexicon``) at files written to a
temporary directory by replacing its ``resources`` module for the duration of the test; the engine
and its data are not touched.
"""
from __future__ import annotations

import re
import types
from collections import Counter
from importlib import resources

import pytest

from service.attribution import lexicon
from service.attribution.lexicon import LexiconError

DATA = resources.files("service.attribution").joinpath("data")
README = DATA.joinpath("README.md").read_text(encoding="utf-8")

LOWER_PHRASE = re.compile(r"[a-z][a-z'\u2019-]*(?: [a-z][a-z'\u2019-]*)*")   # "secretary of state", "n't"
CAPITALISED = re.compile(r"[A-Z0-9][\w.&'\u2019-]*(?: [\w.&'\u2019-]+)*")      # "White House", "U.N."
ONE_TOKEN = re.compile(r"\S+")


def _lower(value: str) -> bool:
    return bool(LOWER_PHRASE.fullmatch(value)) or value == "n't"


# file -> (number of TAB-separated fields, a check per field)
SPECS: dict[str, tuple[int, tuple]] = {
    "reporting_verbs.tsv": (4, (_lower, lambda v: v in lexicon.VERB_CLASSES, lambda v: v in lexicon.STANCES,
                                lambda v: all(_lower(f.strip()) for f in v.split(",")))),
    "titles.txt": (1, (lambda v: bool(re.fullmatch(r"[A-Z][A-Za-z]*\.?", v)),)),
    "roles.txt": (1, (_lower,)),
    "org_words.txt": (1, (lambda v: bool(re.fullmatch(r"[A-Z][A-Za-z]*\.?", v)),)),
    "organizations.txt": (1, (lambda v: bool(CAPITALISED.fullmatch(v)),)),
    "nationalities.tsv": (2, (lambda v: bool(CAPITALISED.fullmatch(v)), lambda v: bool(CAPITALISED.fullmatch(v)))),
    "pronouns.tsv": (2, (_lower, lambda v: v in ("person", "organization", "any"))),
    "anonymous.txt": (1, (_lower,)),
    "stance_words.tsv": (2, (_lower, lambda v: v in ("support", "oppose"))),
    "hedges.txt": (1, (_lower,)),
    "negations.txt": (1, (_lower,)),
    "abbreviations.txt": (1, (lambda v: bool(ONE_TOKEN.fullmatch(v)) and not v.endswith("."),)),
}

# Duplicates known in the data (none today: the duplicates this test found were removed).
KNOWN_DUPLICATES: dict[str, str] = {}


def entries(name: str) -> list[tuple[int, str]]:
    """(line number, line) of every entry: what the loader reads, comments and blanks skipped."""
    out = []
    for number, line in enumerate(DATA.joinpath(name).read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.lstrip().startswith("#"):
            out.append((number, line))
    return out


def test_every_data_file_has_a_spec_and_a_readme_line():
    files = {p.name for p in DATA.iterdir() if p.is_file() and p.name != "README.md"}
    assert files == set(SPECS), f"data files without a spec here: {files - set(SPECS)}; gone: {set(SPECS) - files}"
    for name in files:
        assert f"`{name}`" in README, f"data/README.md does not describe {name}"


@pytest.mark.parametrize("name", sorted(SPECS))
def test_file_parses_with_the_loader(name: str) -> None:
    count, _ = SPECS[name]
    if count == 1:
        words = lexicon._words(name)
        assert words, f"{name} has no entries"
    else:
        rows = lexicon._fields(name, count)
        assert rows and all(len(r) == count for r in rows)


def test_loaded_tables_are_filled():
    assert {"say", "tell", "warn"} <= {e.lemma for e in lexicon.VERBS.values()}
    assert lexicon.VERBS["said"].lemma == "say" and lexicon.VERBS["said"].stance == "neutral"
    assert lexicon.VERBS["warned"].stance == "oppose"
    for table in (lexicon.TITLES, lexicon.ROLES, lexicon.ORG_WORDS, lexicon.ORGANIZATIONS, lexicon.NATIONALITIES,
                  lexicon.PRONOUNS, lexicon.ANONYMOUS, lexicon.STANCE_WORDS, lexicon.HEDGES, lexicon.NEGATIONS,
                  lexicon.ABBREVIATIONS):
        assert len(table) > 0


@pytest.mark.parametrize("name", sorted(SPECS))
def test_fields_are_valid(name: str) -> None:
    count, checks = SPECS[name]
    bad = []
    for number, line in entries(name):
        if line != line.rstrip() or "  " in line:
            bad.append(f"{name}:{number}: stray spaces in {line!r}")
        parts = line.split("\t")
        if len(parts) != count:
            bad.append(f"{name}:{number}: {len(parts)} fields, not {count}: {line!r}")
            continue
        for k, (value, ok) in enumerate(zip(parts, checks)):
            if value != value.strip() or not ok(value):
                bad.append(f"{name}:{number}: field {k + 1} {value!r} is not valid")
    assert not bad, "\n".join(bad)


def _params():
    for name in sorted(SPECS):
        marks = [pytest.mark.xfail(reason=KNOWN_DUPLICATES[name], strict=False)] if name in KNOWN_DUPLICATES else []
        yield pytest.param(name, marks=marks, id=name)


@pytest.mark.parametrize("name", list(_params()))
def test_no_duplicate_entries(name: str) -> None:
    keys = Counter()
    forms = Counter()
    for _, line in entries(name):
        parts = line.split("\t")
        keys[parts[0].strip() if name != "roles.txt" else parts[0].strip().lower()] += 1
        if name == "reporting_verbs.tsv" and len(parts) == 4:
            forms.update(f.strip().lower() for f in parts[3].split(",") if f.strip())
    repeated = sorted(k for k, n in keys.items() if n > 1)
    repeated_forms = sorted(f for f, n in forms.items() if n > 1)
    assert not repeated, f"{name}: listed more than once: {repeated}"
    assert not repeated_forms, f"{name}: verb forms listed under more than one line: {repeated_forms}"


# --- the loader on malformed files -------------------------------------------------------------

@pytest.fixture()
def data_dir(tmp_path, monkeypatch):
    """Point the loader at tmp_path/data instead of the package's data directory."""
    (tmp_path / "data").mkdir()
    monkeypatch.setattr(lexicon, "resources", types.SimpleNamespace(files=lambda package: tmp_path))
    return tmp_path / "data"


def test_loader_reads_a_well_formed_file(data_dir):
    (data_dir / "reporting_verbs.tsv").write_text(
        "# comment\n\nsay\tspeech\tneutral\tsay,says,said\nwarn\tspeech\toppose\twarn,warned\n", encoding="utf-8")
    verbs = lexicon._load_verbs()
    assert set(verbs) == {"say", "says", "said", "warn", "warned"}
    assert verbs["warned"].lemma == "warn" and verbs["warned"].stance == "oppose"


@pytest.mark.parametrize("content, loader", [
    ("say\tspeech\tneutral\n", "verbs"),                              # three fields, not four
    ("say\tspeech\tneutral\tsay,said\textra\n", "verbs"),           # five fields
    ("say\tspeech\t\tsaid\n", "verbs"),                               # an empty field
    ("say speech neutral said\n", "verbs"),                           # spaces, not TABs
    ("say\tshouting\tneutral\tsaid\n", "verbs"),                      # unknown class
    ("say\tspeech\tangry\tsaid\n", "verbs"),                          # unknown stance
    ("he\tperson\textra\n", "pronouns"),                              # three fields in a pair file
    ("he\tplanet\n", "pronouns"),                                     # unknown kind
    ("escalation\n", "stance"),                                       # no polarity
    ("escalation\tbad\n", "stance"),                                  # unknown polarity
], ids=["3-fields", "5-fields", "empty-field", "spaces-not-tabs", "bad-class", "bad-stance",
        "pair-3-fields", "bad-kind", "missing-polarity", "bad-polarity"])
def test_malformed_line_raises_lexicon_error(data_dir, content, loader):
    files = {"verbs": "reporting_verbs.tsv", "pronouns": "pronouns.tsv", "stance": "stance_words.tsv"}
    (data_dir / files[loader]).write_text("# header comment\n" + content, encoding="utf-8")
    with pytest.raises(LexiconError):
        if loader == "verbs":
            lexicon._load_verbs()
        elif loader == "pronouns":
            lexicon._load_pairs("pronouns.tsv", frozenset({"person", "organization", "any"}))
        else:
            lexicon._load_pairs("stance_words.tsv", frozenset({"support", "oppose"}))


def test_error_names_the_file_and_line(data_dir):
    (data_dir / "nationalities.tsv").write_text("# adjective\tcountry\nFrench\tFrance\nGerman\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"nationalities\.tsv:3"):
        lexicon._load_pairs("nationalities.tsv")
