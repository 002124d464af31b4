"""Language data (service/attribution/data/<code>/) and the engine's independence from it.

(a) Loading checks the data: a broken copy of a file, in a temporary directory, raises
    LanguageDataError naming the file and line.
(b) Every column of every data file is read: the loader declares each file's columns (the fields
    of its row class), every shipped header names exactly those, and loading reads every one of
    them (a recording row wrapper); every Language attribute is used by an engine module, but for
    the ones pending the lead's migration of rules.py/engine.py.
(c) No engine module holds a word list: an AST scan of every module under service/attribution/
    (recursively) fails on a literal set/frozenset/list/tuple/dict with more than 5 word-like
    strings, on a string of more than 5 words split into a list, and on a regex alternation of more
    than 5 words. rules.py and engine.py are exempt only until the lead has moved their lists.
"""
from __future__ import annotations

import ast
import pathlib
import re
from dataclasses import fields
from importlib import resources
from importlib.resources.abc import Traversable

import pytest

import service.attribution as engine_package
from service.attribution import language
from service.attribution.language import (ENGLISH, LANGUAGES, LISTS, TABLES, Language, LanguageDataError,
                                          columns, load_language, read_language)

DATA = resources.files("service.attribution").joinpath("data")
EN_DIR = DATA.joinpath("en")
PACKAGE = pathlib.Path(engine_package.__file__).parent


def copy_language(source: Traversable, target: pathlib.Path) -> pathlib.Path:
    target.mkdir()
    for item in source.iterdir():
        if item.is_file():
            (target / item.name).write_text(item.read_text(encoding="utf-8"), encoding="utf-8")
    return target


# --- loading ------------------------------------------------------------------------------------

def test_languages_load_once_at_import():
    assert "en" in LANGUAGES
    assert load_language("en") is ENGLISH is load_language("en")
    with pytest.raises(LookupError, match="available: en"):
        load_language("xx")


def test_reading_again_gives_the_same_data():
    assert read_language(EN_DIR, "en") == ENGLISH


def test_english_tables_are_filled():
    assert ENGLISH.verbs["said"].lemma == "say" and ENGLISH.verbs["said"].stance == "neutral"
    assert ENGLISH.verbs["warned"].stance == "oppose" and ENGLISH.verbs["thinks"].cls == "belief"
    assert ENGLISH.verb_lemmas["tell"].frames >= {"object", "backward"}
    assert ENGLISH.multiword_cues["according to"] == ("according", "to")
    assert "according" in ENGLISH.cue_words and "according to" in ENGLISH.backward_lemmas
    assert ENGLISH.title_roles["Sen."] == "senator" and ENGLISH.role_groups["spokeswoman"] == "spokesperson"
    assert ENGLISH.role_org_words["minister"] == "Ministry"
    for name in LISTS:
        assert DATA.joinpath("en", name).is_file()


@pytest.mark.parametrize("word, refers_to", [
    ("he", "person"), ("she", "person"), ("him", "person"), ("her", "person"), ("i", "person"),
    ("it", "organization"), ("we", "any"), ("they", "any"), ("who", "any"),
])
def test_what_a_pronoun_refers_to_follows_from_its_features(word, refers_to):
    assert ENGLISH.pronouns[word].refers_to == refers_to


def test_quote_mark_sets_follow_from_the_pairs():
    en = ENGLISH
    assert en.quote_openers == {"\u201c", "\u201e", "\u00ab", "\u2039", "``"}
    assert en.quote_closers == {"\u201d", "\u00bb", "\u203a"}
    assert en.ambiguous_marks == {'"', "''"}
    assert en.pair_close["\u201e"] == "\u201c"          # German low-high: “ closes „
    assert en.single_openers == {"\u2018"} and en.single_closers == {"\u2019"} and en.single_ambiguous == {"'"}
    assert set(en.quote_starters) == {"\u201c", "\u201e", "\u00ab", "\u2039", "``", '"', "''", "\u2018"}
    assert en.stop_closers == {'"', "'", "\u201d", "\u2019", "\u00bb"}
    assert en.enclosing_closers == {'"', "'", "\u201d", "\u2019"}


# --- (a) a broken copy of a file gives a clear error ---------------------------------------------

def _append(line: str):
    return lambda text: text + line + "\n"


def _replace(old: str, new: str):
    def edit(text: str) -> str:
        assert old in text
        return text.replace(old, new, 1)
    return edit


LAST = "<the appended line>"


BROKEN = [
    # (file, edit, the line the error names: LAST for the appended line, or the start of a line)
    ("reporting_verbs.tsv", _replace("lemma\tclass\tstance", "lemma\tkind\tstance"), "lemma\tkind"),
    ("reporting_verbs.tsv", _append("shout2\tspeech\tneutral\t-\tshouted2"), LAST),              # 5 fields
    ("reporting_verbs.tsv", _append("yodel\tspeech\tneutral\t-\tyodels\t-\t-\t-\t-\textra"), LAST),
    ("reporting_verbs.tsv", _append("yodel\tspeech\t\t-\tyodels\t-\t-\t-\t-"), LAST),          # empty
    ("reporting_verbs.tsv", _append("yodel speech neutral - yodels - - - -"), LAST),           # spaces
    ("reporting_verbs.tsv", _append("yodel\tshouting\tneutral\t-\tyodels\t-\t-\t-\t-"), LAST),  # class
    ("reporting_verbs.tsv", _append("yodel\tspeech\tangry\t-\tyodels\t-\t-\t-\t-"), LAST),     # stance
    ("reporting_verbs.tsv", _append("yodel\tspeech\tneutral\tsideways\tyodels\t-\t-\t-\t-"), LAST),
    ("reporting_verbs.tsv", _append("yodel\tspeech\tneutral\t-\tyodels\tyodeled\t-\t-\t-"), LAST),
    ("reporting_verbs.tsv", _append("yodel\tspeech\tneutral\t-\tyodels,said\t-\t-\t-\t-"), LAST),
    ("reporting_verbs.tsv", _append("say\tspeech\tneutral\t-\tsayeth\t-\t-\t-\t-"), LAST),     # lemma twice
    ("reporting_verbs.tsv", _append("yodel\tspeech\tneutral\t-\tYodels\t-\t-\t-\t-"), LAST),   # case
    ("pronouns.tsv", _append("xe\t3\tsingular\tmasculine\tsubject"), LAST),
    ("pronouns.tsv", _append("xe\t4\tsingular\tnone\tsubject"), LAST),
    ("pronouns.tsv", _append("xe\t3\tsingular\tnone"), LAST),
    ("function_words.tsv", _append("yon\tdemonstratives"), LAST),
    ("function_words.tsv", _append("yon\tarticles,articles"), LAST),
    ("time_words.tsv", _append("monday\tweekdays"), LAST),
    ("nouns.tsv", _append("of\tprepositions"), LAST),                              # in two files
    ("quote_marks.tsv", _append("q\tp\tno\tyes\tyes"), LAST),
    ("quote_marks.tsv", _append("<<\t>>\tno\tmaybe\tyes"), LAST),
    ("titles.tsv", _append("Mr.\t-\tyes"), LAST),
    ("roles.tsv", _append("bishop of rome\tpontiff\tno\t-"), LAST),                      # group unknown
    ("stance_words.tsv", _append("grim\tbad"), LAST),
    ("hedges.tsv", _append("perchance\tsometimes"), LAST),
    ("suffixes.tsv", _append("est\tsuperlative"), LAST),
    ("irregular_verbs.tsv", _append("swam\ty\tn"), LAST),
    ("multiword_cues.tsv", _append("as per\tbackwards"), LAST),
    ("multiword_cues.tsv", _append("per\tbackward"), LAST),
    ("nationalities.tsv", _append("Ruritanian"), LAST),
    ("anonymous.txt", _append("source"), LAST),
    ("org_words.txt", _append(" Ministry"), LAST),
    ("furniture.tsv", _append("kicker\tfooter\tKICKER:"), LAST),                     # scope
    ("furniture.tsv", _append("kicker\tline\t(?i:{kickers}):"), LAST),               # no such kind
    ("furniture.tsv", _append("kicker\tline\t(?i:{link_labels}:"), LAST),            # unbalanced
    ("furniture.tsv", _append("name\tpart\t[A-Z]{1,9}"), LAST),                      # part twice
    ("furniture_words.tsv", _append("kicker\tKickers"), LAST),                       # kind's spelling
]


@pytest.mark.parametrize("name, edit, needle", BROKEN, ids=[f"{b[0]}-{i}" for i, b in enumerate(BROKEN)])
def test_a_broken_file_names_its_file_and_line(tmp_path, name, edit, needle):
    directory = copy_language(EN_DIR, tmp_path / "en")
    path = directory / name
    text = edit(path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LanguageDataError) as caught:
        read_language(directory, "en")
    message = str(caught.value)
    lines = text.splitlines()
    line = len(lines) if needle is LAST else next(n for n, l in enumerate(lines, 1) if l.startswith(needle))
    assert message.startswith(f"en/{name}:{line}: "), message


def test_a_furniture_kind_no_shape_uses_is_an_error(tmp_path):
    directory = copy_language(EN_DIR, tmp_path / "en")
    path = directory / "furniture_words.tsv"
    path.write_text(path.read_text(encoding="utf-8") + "kicker\tkickers\n", encoding="utf-8")
    with pytest.raises(LanguageDataError, match=r"^en/furniture\.tsv: no shape uses kickers"):
        read_language(directory, "en")


def test_furniture_shapes_are_expanded_in_file_order():
    shapes = {s.name: s for s in ENGLISH.furniture_shapes}
    assert [s.scope for s in ENGLISH.furniture_shapes if s.scope == "lead"] and not re.search(r"\{[a-z_]+\}", shapes["dateline"].pattern)
    assert ENGLISH.furniture_words["link_labels"] >= {"read more", "watch", "related"}
    assert "Reuters" in ENGLISH.furniture_words["agencies"]


def test_a_missing_file_is_named(tmp_path):
    directory = copy_language(EN_DIR, tmp_path / "en")
    (directory / "pronouns.tsv").unlink()
    with pytest.raises(LanguageDataError, match=r"^en/pronouns\.tsv: required file is missing"):
        read_language(directory, "en")


def test_a_role_no_word_has_is_an_error(tmp_path):
    directory = copy_language(EN_DIR, tmp_path / "en")
    path = directory / "function_words.tsv"
    kept = []
    for line in path.read_text(encoding="utf-8").splitlines():
        word, _, roles = line.partition("\t")
        roles = ",".join(r for r in roles.split(",") if r != "name_particles")
        if roles or not _:
            kept.append(f"{word}\t{roles}" if _ else line)
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    with pytest.raises(LanguageDataError, match="no word has the role 'name_particles'"):
        read_language(directory, "en")


# --- (b) every column of every file is read, every attribute used --------------------------------

def data_files(code: str = "en") -> set[str]:
    return {p.name for p in DATA.joinpath(code).iterdir() if p.is_file() and p.name != "README.md"}


def test_every_data_file_is_declared_and_described():
    readme = EN_DIR.joinpath("README.md").read_text(encoding="utf-8")
    assert data_files() == set(TABLES) | set(LISTS)
    for name in data_files():
        assert f"`{name}`" in readme, f"data/en/README.md does not describe {name}"
    for name, row_type in TABLES.items():
        for column in columns(row_type):
            assert f"`{column}`" in readme, f"data/en/README.md does not describe column {column} of {name}"
    for f in fields(Language):
        if f.metadata.get("role"):
            assert f"`{f.name}`" in readme, f"data/en/README.md does not describe the role {f.name}"


@pytest.mark.parametrize("name", sorted(TABLES))
def test_the_header_names_the_declared_columns(name):
    lines = [line for line in EN_DIR.joinpath(name).read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    assert tuple(lines[0].split("\t")) == columns(TABLES[name])


class Recording:
    """A row that notes which of its columns are read."""

    def __init__(self, row, seen: set[str]) -> None:
        self._row = row
        self._seen = seen

    def __getattr__(self, name: str):
        self._seen.add(name)
        return getattr(self._row, name)


def test_loading_reads_every_declared_column(monkeypatch):
    read: dict[str, set[str]] = {name: set() for name in TABLES}
    rows = language._Reader.rows

    def recording_rows(self, name, row_type):
        return [(line, Recording(row, read[name])) for line, row in rows(self, name, row_type)]

    monkeypatch.setattr(language._Reader, "rows", recording_rows)
    read_language(EN_DIR, "en")
    for name, row_type in TABLES.items():
        assert read[name] == {f.name for f in fields(row_type)}, f"{name}: columns never read"


# Attributes no engine module reads yet (none: every one is read).
PENDING_LEAD: set[str] = set()
# The loaded tables themselves, from which the sets the modules read are derived.
AS_LOADED = {"quote_pairs", "verb_lemmas", "clause_join_words", "furniture_words"}


def _attributes_used_by_engine() -> set[str]:
    used = set()
    for path in PACKAGE.rglob("*.py"):
        if path.name != "language.py":
            used |= {n.attr for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                     if isinstance(n, ast.Attribute)}
    return used


def test_every_language_attribute_is_used_by_the_engine():
    used = _attributes_used_by_engine()
    unused = {f.name for f in fields(Language)} - used - PENDING_LEAD - AS_LOADED - {"code"}
    assert not unused, f"Language attributes no engine module reads: {sorted(unused)}"
    now_used = PENDING_LEAD & used
    assert not now_used, f"now used by the engine, drop from PENDING_LEAD: {sorted(now_used)}"


# --- (c) no word lists in the engine's code ------------------------------------------------------

# Modules exempt from the scan (none: it covers every engine module, rules/ and packs/ included;
# paths relative to the package).
PENDING_MIGRATION: set[str] = set()
MAX_WORDS = 5
WORD_LIKE = re.compile(r"[^\W\d_]+(?:['\u2019 ][^\W\d_]+)*")    # letters; "n't", "according to"
ALTERNATION = re.compile(r"\((?:\?:)?((?:[^\W\d_]+\|){%d,}[^\W\d_]+)\)" % MAX_WORDS)


def _words_in(values) -> int:
    return sum(1 for v in values if isinstance(v, ast.Constant) and isinstance(v.value, str)
               and WORD_LIKE.fullmatch(v.value.strip()))        # " but " of a join list counts


def word_lists(source: str) -> list[str]:
    """Literal word lists in Python source: (line, what) of each offence."""
    tree = ast.parse(source)
    names = set()                          # __all__/__slots__ hold identifiers, not words
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id in ("__all__", "__slots__")
                                                for t in node.targets):
            names.add(id(node.value))
    found = []
    for node in ast.walk(tree):
        if id(node) in names:
            continue
        count = 0
        if isinstance(node, (ast.Set, ast.List, ast.Tuple)):
            count = _words_in(node.elts)
        elif isinstance(node, ast.Dict):
            count = _words_in([k for k in node.keys if k is not None]) + _words_in(node.values)
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "split"
              and isinstance(node.func.value, ast.Constant) and isinstance(node.func.value.value, str)):
            count = len(node.func.value.value.split())
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and ALTERNATION.search(node.value):
            count = MAX_WORDS + 1
        if count > MAX_WORDS:
            found.append(f"line {node.lineno}: {count} words in a {type(node).__name__}")
    return found


@pytest.mark.parametrize("source, offends", [
    ('X = frozenset({"a", "b", "c", "d", "e", "f"})', True),
    ('X = ("said", "told", "wrote", "gave", "made", "took")', True),
    ('X = {"spokesman": "spokesperson", "aide": "adviser", "envoy": "ambassador"}', True),
    ('X = "mon tue wed thu fri sat sun".split()', True),
    ('X = re.compile(r"(?:Mr|Mrs|Ms|Dr|Sen|Rep)\\.")', True),
    ('X = ["according to", "n\'t", "so", "as", "if", "or"]', True),
    ('X = frozenset({"a", "b", "c", "d", "e"})', False),                     # a few words
    ('X = ("\u201c", "\u201d", ",", ";", ":", "(", ")")', False),            # punctuation
    ('X = ("quote-comma-subject-cue", "a-b", "c-d", "e-f", "g-h", "i-j")', False),  # identifiers
    ('__all__ = ["A", "B", "C", "D", "E", "F"]', False),
])
def test_the_scan_finds_word_lists(source, offends):
    assert bool(word_lists(source)) is offends


def engine_modules(root: pathlib.Path = PACKAGE) -> list[pathlib.Path]:
    return sorted(root.rglob("*.py"))


def test_the_scan_covers_subpackages(tmp_path):
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "family.py").write_text('WORDS = ("a", "b", "c", "d", "e", "f")\n')
    found = engine_modules(tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in found] == ["rules/family.py"]
    assert word_lists(found[0].read_text())


@pytest.mark.parametrize("path", engine_modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_engine_module_holds_a_word_list(path):
    offences = word_lists(path.read_text(encoding="utf-8"))
    if path.relative_to(PACKAGE).as_posix() in PENDING_MIGRATION:
        if not offences:
            pytest.fail(f"{path.name} holds no word list any more: remove it from PENDING_MIGRATION")
        pytest.xfail(f"{path.name}: {len(offences)} word lists, pending the lead's migration")
    assert not offences, f"{path.relative_to(PACKAGE)} holds word lists (move them to data/<language>/): " \
                         + "; ".join(offences)
