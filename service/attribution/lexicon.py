"""Load the lexicons under ``data/`` once, at import, into immutable lookup tables.

Each file is one entry a line, ``#`` comments, TAB-separated fields (see ``data/README.md``).
A malformed line raises :class:`LexiconError` at import: the service refuses to start rather than
run with half a lexicon.
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType
from typing import Mapping

VERB_CLASSES = frozenset({"speech", "belief", "evidence", "report"})
STANCES = frozenset({"support", "oppose", "neutral"})


class LexiconError(ValueError):
    """A lexicon file has a malformed line."""


@dataclass(frozen=True, slots=True)
class VerbEntry:
    form: str
    lemma: str
    cls: str
    stance: str


def _lines(name: str) -> list[tuple[int, str]]:
    raw = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    out = []
    for number, line in enumerate(raw.splitlines(), 1):
        line = line.rstrip()
        if line and not line.lstrip().startswith("#"):
            out.append((number, line))
    return out


def _fields(name: str, count: int) -> list[list[str]]:
    rows = []
    for number, line in _lines(name):
        parts = line.split("\t")
        if len(parts) != count or not all(p.strip() for p in parts):
            raise LexiconError(f"{name}:{number}: expected {count} TAB-separated fields: {line!r}")
        rows.append([p.strip() for p in parts])
    return rows


def _words(name: str) -> frozenset[str]:
    return frozenset(line.strip() for _, line in _lines(name))


def _load_verbs() -> Mapping[str, VerbEntry]:
    table: dict[str, VerbEntry] = {}
    for lemma, cls, stance, forms in _fields("reporting_verbs.tsv", 4):
        if cls not in VERB_CLASSES:
            raise LexiconError(f"reporting_verbs.tsv: unknown class {cls!r} for {lemma!r}")
        if stance not in STANCES:
            raise LexiconError(f"reporting_verbs.tsv: unknown stance {stance!r} for {lemma!r}")
        for form in forms.split(","):
            form = form.strip().lower()
            if form and form not in table:
                table[form] = VerbEntry(form, lemma, cls, stance)
    return MappingProxyType(table)


def _load_pairs(name: str, values: frozenset[str] | None = None) -> Mapping[str, str]:
    table: dict[str, str] = {}
    for key, value in _fields(name, 2):
        if values is not None and value not in values:
            raise LexiconError(f"{name}: unknown value {value!r} for {key!r}")
        table[key] = value
    return MappingProxyType(table)


VERBS: Mapping[str, VerbEntry] = _load_verbs()
TITLES: frozenset[str] = _words("titles.txt")
ROLES: frozenset[str] = frozenset(w.lower() for w in _words("roles.txt"))
ROLE_FIRST_WORDS: frozenset[str] = frozenset(r.split()[0] for r in ROLES)
MAX_ROLE_WORDS: int = max(len(r.split()) for r in ROLES)
ORG_WORDS: frozenset[str] = _words("org_words.txt")
ORGANIZATIONS: frozenset[str] = _words("organizations.txt")
NATIONALITIES: Mapping[str, str] = _load_pairs("nationalities.tsv")
PRONOUNS: Mapping[str, str] = _load_pairs("pronouns.tsv", frozenset({"person", "organization", "any"}))
ANONYMOUS: frozenset[str] = _words("anonymous.txt")
STANCE_WORDS: Mapping[str, str] = _load_pairs("stance_words.tsv", frozenset({"support", "oppose"}))
HEDGES: frozenset[str] = frozenset(w.lower() for w in _words("hedges.txt"))
NEGATIONS: frozenset[str] = frozenset(w.lower() for w in _words("negations.txt"))
ABBREVIATIONS: frozenset[str] = _words("abbreviations.txt")
