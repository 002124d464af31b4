"""Language data: every word the engine knows, per language, read from ``data/<code>/`` and checked
once, at import.

A :class:`Language` holds one language's data as typed, immutable attributes: frozensets of words,
mappings, frozen dataclasses. The engine's modules take their words from it (``ENGLISH``) and hold
no word lists of their own. ``data/<code>/README.md`` describes every file and column.

Files are UTF-8 text, one entry a line; ``#`` starts a comment line; blank lines are skipped.
``.txt`` files hold one item a line. ``.tsv`` files open with a header line naming their columns,
fields are separated by one TAB, lists inside a field by commas, and ``-`` is an empty list or no
value. What each file holds is declared here by a row class whose fields are the file's columns
(``class_`` is the column ``class``); the header must name exactly those columns, in that order.
Anything malformed -- a missing file, an unexpected header, a line with too many fields, an
empty field, a duplicate entry, a value outside its allowed set, a list naming an unknown frame or
role -- raises :class:`LanguageDataError` naming the file and line: the service refuses to start
rather than run with half a lexicon.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from importlib import resources
from importlib.resources.abc import Traversable
from types import MappingProxyType
from typing import Any, Iterable, Mapping, TypeVar


class LanguageDataError(ValueError):
    """A language's data is missing or malformed; the message names the file and line."""


# --- what the engine reads from the data ---------------------------------------------------------

@dataclass(frozen=True, slots=True)
class VerbEntry:
    """One inflected form of a reporting verb, as a cue sees it."""

    form: str
    lemma: str
    cls: str                # speech | belief | evidence | report
    stance: str             # support | oppose | neutral


@dataclass(frozen=True, slots=True)
class Verb:
    """A reporting verb (one line of reporting_verbs.tsv): its frames and its forms."""

    lemma: str
    cls: str
    stance: str
    frames: frozenset[str]
    forms: tuple[str, ...]          # empty: a lemma known only for its frames, never a cue
    that_only: frozenset[str]       # forms that report content only after "that"
    headline: frozenset[str]        # forms that are cues in a Title-Case headline ("Trump Says")
    irregular_past: frozenset[str]  # past forms without -ed ("said", "told")
    cuts: frozenset[str]            # participles that end the content before them (", adding")


@dataclass(frozen=True, slots=True)
class Pronoun:
    word: str
    person: int             # 1 | 2 | 3
    number: str             # singular | plural | any
    gender: str             # male | female | neuter | none
    case: str               # subject | object | relative

    @property
    def refers_to(self) -> str:
        """The kind of entity the pronoun can stand for: ``person``, ``organization`` or ``any``."""
        if self.gender in GENDERED or (self.person == 1 and self.number == SINGULAR):
            return PERSON
        if self.gender == NEUTER and self.number == SINGULAR:
            return ORGANIZATION
        return ANY


@dataclass(frozen=True, slots=True)
class QuotePair:
    open: str
    close: str
    apostrophe: bool        # the marks double as apostrophes: quotes in them are taken cautiously
    after_stop: bool        # the closing mark may follow a sentence's final punctuation (.”)
    encloses: bool          # the closing mark may close an outer quote right after an inner one

    @property
    def ambiguous(self) -> bool:
        """One mark for both ends: which way it points is told from the text around it."""
        return self.open == self.close


@dataclass(frozen=True, slots=True)
class FurnitureShape:
    """A line shape of page furniture (one line of furniture.tsv), its ``{name}`` references
    replaced by what they stand for: a regular expression over one paragraph."""

    name: str
    scope: str              # line: the paragraph is furniture | tail: one ending so is | lead: cut off
    pattern: str


def _role() -> Any:
    """A set of words with one role; the field's name is the role's name in the word files."""
    return field(metadata={"role": True})


def _frame(name: str) -> Any:
    """The lemmas (and multi-word cues) that take frame ``name`` in reporting_verbs.tsv."""
    return field(metadata={"frame": name})


def _suffix(meaning: str) -> Any:
    """The word endings of suffixes.tsv with meaning ``meaning``."""
    return field(metadata={"suffix": meaning})


@dataclass(frozen=True, slots=True)
class Language:
    """One language's data. Attribute names follow the engine constants they replace."""

    code: str
    name: str                                # its English name and its own (language.tsv)
    native: str

    # reporting verbs (reporting_verbs.tsv, multiword_cues.tsv, irregular_verbs.tsv)
    verbs: Mapping[str, VerbEntry]           # every cue form -> its entry
    verb_lemmas: Mapping[str, Verb]          # lemma -> its line
    multiword_cues: Mapping[str, tuple[str, ...]]   # "according to" -> ("according", "to")
    cue_words: frozenset[str]                # a word one of the cues starts with
    needs_that: frozenset[str]               # the that_only forms of every verb
    headline_cues: frozenset[str]
    irregular_past: frozenset[str]
    participle_cuts: frozenset[str]
    irregular_verbs: frozenset[str]          # irregular_verbs.tsv, finite
    passive_participles: frozenset[str]      # irregular_verbs.tsv, passive

    # pronouns (pronouns.tsv)
    pronouns: Mapping[str, Pronoun]
    pronoun_subjects: frozenset[str]         # case subject or relative: he, she, it, ..., who
    personal_subjects: frozenset[str]        # case subject: he, she, they, it, i, we
    animate_subjects: frozenset[str]         # case subject, not neuter: i, he, she, we, they
    object_pronouns: frozenset[str]          # case object: him, her
    relative_pronouns: frozenset[str]        # case relative: who

    # quotation marks (quote_marks.tsv)
    quote_pairs: tuple[QuotePair, ...]
    quote_marks: frozenset[str]              # every mark of the pairs that are not apostrophes
    quote_openers: frozenset[str]            # marks that only open (“ „ « ‹ ``)
    quote_closers: frozenset[str]            # marks that only close (” » ›)
    ambiguous_marks: frozenset[str]          # one mark for both ends (" '')
    pair_close: Mapping[str, str]            # opening mark -> its closing mark
    quote_starters: tuple[str, ...]          # marks a quote may open with, apostrophes but ‘ aside
    single_openers: frozenset[str]           # apostrophe-like pairs: opening marks (‘)
    single_closers: frozenset[str]           # apostrophe-like pairs: closing marks (’)
    single_ambiguous: frozenset[str]         # apostrophe-like marks for both ends (')
    stop_closers: frozenset[str]             # characters of the after_stop closing marks
    enclosing_closers: frozenset[str]        # characters of the encloses closing marks
    opening_marks: frozenset[str]            # every opening mark
    closing_marks: frozenset[str]            # every closing mark
    open_chars: frozenset[str]               # first characters of the opening marks
    close_chars: frozenset[str]              # first characters of the closing marks

    # titles and roles (titles.tsv, roles.tsv)
    titles: frozenset[str]
    title_roles: Mapping[str, str]           # "Sen." -> "senator"
    name_titles: tuple[str, ...]             # titles the personal-name search takes with a name
    roles: frozenset[str]
    role_first_words: frozenset[str]
    max_role_words: int
    role_surnames: frozenset[str]            # roles that are also family names ("Baker")
    role_groups: Mapping[str, str]           # member role -> its group
    portfolio_roles: frozenset[str]
    role_org_words: Mapping[str, str]        # "minister" -> "Ministry"

    # other lexicons
    org_words: frozenset[str]
    organizations: frozenset[str]
    nationalities: Mapping[str, str]
    anonymous: frozenset[str]
    stance_words: Mapping[str, str]
    hedges: frozenset[str]
    lower_only_hedges: frozenset[str]

    # speaker profiles (gender_words.tsv, parties.tsv, offices.tsv, sentence_openers.txt,
    # role_modifiers.txt)
    pronoun_genders: Mapping[str, str]
    honorific_genders: Mapping[str, str]
    noun_genders: Mapping[str, str]
    party_words: Mapping[str, tuple[str, str | None]]
    party_tags: Mapping[str, tuple[str, str | None]]
    offices: Mapping[str, tuple[str, str]]
    member_offices: frozenset[str]           # offices.tsv titles whose place modifier is a constituency
    descriptions: Mapping[str, frozenset[str]]   # descriptions.tsv: "lawmaker" -> roles and titles it may describe
    role_verbs: Mapping[str, tuple[str | None, bool]]   # role_verbs.tsv: "heads" -> ("head", False)
    sentence_openers: frozenset[str]
    role_modifiers: frozenset[str]

    # stance (evaluative_lexicons.tsv, obligations.txt, calls.txt)
    evaluative: Mapping[str, float]          # word -> polarity in [-1, 1]
    obligations: frozenset[str]
    calls: frozenset[str]                    # cue forms (or form and next word) of a call to act
    call_adopt: frozenset[str]               # actions that make a call one to support or adopt
    call_scrutiny: frozenset[str]            # actions that make a call one for scrutiny
    status_words: frozenset[str]             # after a negation: it reports a state ("not been", "no ... yet")
    negations: frozenset[str]
    abbreviations: frozenset[str]
    not_speakers: frozenset[str]
    clause_joins: tuple[str, ...]            # " but ", "; ", ...: from the clause_join_words role

    # page furniture (furniture.tsv, furniture_words.tsv)
    furniture_shapes: tuple[FurnitureShape, ...]     # the line and lead shapes, in file order
    furniture_words: Mapping[str, frozenset[str]]    # kind -> its words (what the shapes name)

    # frames of reporting_verbs.tsv and multiword_cues.tsv
    backward_lemmas: frozenset[str] = _frame("backward")
    object_verbs: frozenset[str] = _frame("object")
    object_clause_lemmas: frozenset[str] = _frame("object_clause")
    naming_lemmas: frozenset[str] = _frame("naming")
    charge_lemmas: frozenset[str] = _frame("charge")
    about_lemmas: frozenset[str] = _frame("about")
    infinitive_lemmas: frozenset[str] = _frame("infinitive")
    raising_lemmas: frozenset[str] = _frame("raising")
    refusal_lemmas: frozenset[str] = _frame("refusal")
    quote_only_lemmas: frozenset[str] = _frame("quote_only")

    # word endings (suffixes.tsv)
    plural_suffixes: tuple[str, ...] = _suffix("plural")
    past_suffixes: tuple[str, ...] = _suffix("past")
    participle_suffixes: tuple[str, ...] = _suffix("participle")
    adverb_suffixes: tuple[str, ...] = _suffix("adverb")
    possessive_suffixes: tuple[str, ...] = _suffix("possessive")
    plural_possessive_suffixes: tuple[str, ...] = _suffix("plural_possessive")
    negation_suffixes: tuple[str, ...] = _suffix("negation")

    # roles of function_words.tsv, time_words.tsv and nouns.tsv (data/en/README.md says what each
    # does); a word lists all its roles on its line
    # ... read by cues, mentions, affiliation, resolve
    determiners: frozenset[str] = _role()
    infinitive_markers: frozenset[str] = _role()
    aux_adv: frozenset[str] = _role()
    weekdays: frozenset[str] = _role()
    day_prepositions: frozenset[str] = _role()
    months: frozenset[str] = _role()
    boundary_words: frozenset[str] = _role()
    boundary_punct: frozenset[str] = _role()
    name_conjunctions: frozenset[str] = _role()
    prepositions: frozenset[str] = _role()
    apposition_starts: frozenset[str] = _role()
    apposition_prepositions: frozenset[str] = _role()
    apposition_joiners: frozenset[str] = _role()
    finite: frozenset[str] = _role()
    relative: frozenset[str] = _role()
    intro_words: frozenset[str] = _role()
    articles: frozenset[str] = _role()
    definite_articles: frozenset[str] = _role()
    np_prepositions: frozenset[str] = _role()
    name_joiners: frozenset[str] = _role()
    subject_nouns: frozenset[str] = _role()
    premodifiers: frozenset[str] = _role()
    name_particles: frozenset[str] = _role()
    head_ends: frozenset[str] = _role()
    ranks: frozenset[str] = _role()
    role_of: frozenset[str] = _role()
    org_links: frozenset[str] = _role()
    apposition_links: frozenset[str] = _role()
    apposition_skips: frozenset[str] = _role()
    org_joiners: frozenset[str] = _role()
    org_heads: frozenset[str] = _role()
    org_anaphors: frozenset[str] = _role()
    past_markers: frozenset[str] = _role()
    nominee_roles: frozenset[str] = _role()
    campaign_nouns: frozenset[str] = _role()
    campaign_synonyms: frozenset[str] = _role()
    campaign_roles: frozenset[str] = _role()
    role_objects: frozenset[str] = _role()
    # ... for rules.py and engine.py (pending the lead's migration: the same sets as their constants)
    object_words: frozenset[str] = _role()
    intro_openers: frozenset[str] = _role()
    bad_content_starts: frozenset[str] = _role()
    about_prepositions: frozenset[str] = _role()
    passive_aux: frozenset[str] = _role()
    passive_adverbs: frozenset[str] = _role()
    passive_lead: frozenset[str] = _role()
    participle_lead: frozenset[str] = _role()
    object_determiners: frozenset[str] = _role()
    trailing_starts: frozenset[str] = _role()
    scare_leads: frozenset[str] = _role()
    indefinites: frozenset[str] = _role()
    title_small: frozenset[str] = _role()
    clause_join_words: frozenset[str] = _role()
    adverbial_nouns: frozenset[str] = _role()
    time_words: frozenset[str] = _role()
    time_nouns: frozenset[str] = _role()
    time_modifiers: frozenset[str] = _role()
    day_parts: frozenset[str] = _role()
    deictic_days: frozenset[str] = _role()
    wh_words: frozenset[str] = _role()
    quantifiers: frozenset[str] = _role()
    aside_nouns: frozenset[str] = _role()
    question_labels: frozenset[str] = _role()
    document_nouns: frozenset[str] = _role()
    document_links: frozenset[str] = _role()
    venue_prepositions: frozenset[str] = _role()
    answer_labels: frozenset[str] = _role()

ROLE_NAMES: frozenset[str] = frozenset(f.name for f in fields(Language) if f.metadata.get("role"))
FRAMES: Mapping[str, str] = MappingProxyType(
    {f.metadata["frame"]: f.name for f in fields(Language) if "frame" in f.metadata})
SUFFIX_MEANINGS: Mapping[str, str] = MappingProxyType(
    {f.metadata["suffix"]: f.name for f in fields(Language) if "suffix" in f.metadata})

# Allowed values of the closed columns.
VERB_CLASSES = frozenset({"speech", "belief", "evidence", "report"})
STANCES = frozenset({"support", "oppose", "neutral"})
POLARITIES = frozenset({"support", "oppose"})
CALL_ROLES = frozenset({"cue", "adopt", "scrutiny"})
PERSON, ORGANIZATION, ANY = "person", "organization", "any"
SINGULAR, NEUTER = "singular", "neuter"
GENDERED = frozenset({"male", "female"})
GENDERS = GENDERED | {NEUTER, "none"}
GENDER_WORD_KINDS = ("pronoun", "honorific", "noun")
NUMBERS = frozenset({SINGULAR, "plural", ANY})
CASES = frozenset({"subject", "object", "relative"})
PERSONS = frozenset({"1", "2", "3"})
FLAGS = MappingProxyType({"yes": True, "no": False})
NONE = "-"


# --- the files: one row class a file, its fields the file's columns ------------------------------

@dataclass(frozen=True, slots=True)
class VerbRow:
    lemma: str
    class_: str
    stance: str
    frames: str
    forms: str
    that_only: str
    headline: str
    irregular_past: str
    cuts: str


@dataclass(frozen=True, slots=True)
class CueRow:
    phrase: str
    frames: str


@dataclass(frozen=True, slots=True)
class PronounRow:
    pronoun: str
    person: str
    number: str
    gender: str
    case: str


@dataclass(frozen=True, slots=True)
class WordRow:
    word: str
    roles: str


@dataclass(frozen=True, slots=True)
class QuoteRow:
    open: str
    close: str
    apostrophe: str
    after_stop: str
    encloses: str


@dataclass(frozen=True, slots=True)
class TitleRow:
    title: str
    role: str
    in_name_search: str


@dataclass(frozen=True, slots=True)
class RoleRow:
    role: str
    group: str
    portfolio: str
    heads: str
    surname: str


@dataclass(frozen=True, slots=True)
class DescriptionRow:
    word: str
    describes: str


@dataclass(frozen=True, slots=True)
class NationalityRow:
    adjective: str
    country: str


@dataclass(frozen=True, slots=True)
class StanceRow:
    word: str
    polarity: str


@dataclass(frozen=True, slots=True)
class CallRow:
    word: str
    role: str


@dataclass(frozen=True, slots=True)
class LexiconRow:
    package: str
    file: str
    scale: str


@dataclass(frozen=True, slots=True)
class GenderRow:
    word: str
    gender: str
    kind: str


@dataclass(frozen=True, slots=True)
class PartyRow:
    word: str
    party: str
    organization: str


@dataclass(frozen=True, slots=True)
class ShapeRow:
    shape: str
    scope: str
    pattern: str


@dataclass(frozen=True, slots=True)
class FurnitureWordRow:
    word: str
    kinds: str


@dataclass(frozen=True, slots=True)
class OfficeRow:
    title: str
    organization: str
    role: str
    constituency: str


@dataclass(frozen=True, slots=True)
class RoleVerbRow:
    verb: str
    role: str
    past: str


@dataclass(frozen=True, slots=True)
class HedgeRow:
    hedge: str
    lower_only: str


@dataclass(frozen=True, slots=True)
class IrregularRow:
    form: str
    finite: str
    passive: str


@dataclass(frozen=True, slots=True)
class SuffixRow:
    suffix: str
    meaning: str


@dataclass(frozen=True, slots=True)
class SettingRow:
    key: str
    value: str


# file -> the row class that declares its columns
TABLES: Mapping[str, type] = MappingProxyType({
    "language.tsv": SettingRow,
    "reporting_verbs.tsv": VerbRow,
    "multiword_cues.tsv": CueRow,
    "irregular_verbs.tsv": IrregularRow,
    "pronouns.tsv": PronounRow,
    "function_words.tsv": WordRow,
    "time_words.tsv": WordRow,
    "nouns.tsv": WordRow,
    "quote_marks.tsv": QuoteRow,
    "titles.tsv": TitleRow,
    "roles.tsv": RoleRow,
    "nationalities.tsv": NationalityRow,
    "stance_words.tsv": StanceRow,
    "calls.tsv": CallRow,
    "hedges.tsv": HedgeRow,
    "suffixes.tsv": SuffixRow,
    "gender_words.tsv": GenderRow,
    "evaluative_lexicons.tsv": LexiconRow,
    "parties.tsv": PartyRow,
    "offices.tsv": OfficeRow,
    "descriptions.tsv": DescriptionRow,
    "role_verbs.tsv": RoleVerbRow,
    "furniture_words.tsv": FurnitureWordRow,
    "furniture.tsv": ShapeRow,
})
# files of one item a line
LISTS: tuple[str, ...] = ("org_words.txt", "organizations.txt", "anonymous.txt", "negations.txt",
                          "abbreviations.txt", "non_speakers.txt", "sentence_openers.txt",
                          "role_modifiers.txt", "obligations.txt", "event_words.txt", "status_words.txt")
WORD_FILES: tuple[str, ...] = ("function_words.tsv", "time_words.tsv", "nouns.tsv")


def columns(row_type: type) -> tuple[str, ...]:
    """The columns a row class declares, in order (``class_`` is the column ``class``)."""
    return tuple(f.name.rstrip("_") for f in fields(row_type))


R = TypeVar("R")


class _Reader:
    """Reads one language directory; every error names ``<code>/<file>:<line>``."""

    def __init__(self, directory: Traversable, code: str) -> None:
        self.directory = directory
        self.code = code

    def fail(self, name: str, line: int | None, message: str) -> LanguageDataError:
        where = f"{self.code}/{name}" + (f":{line}" if line is not None else "")
        return LanguageDataError(f"{where}: {message}")

    def _lines(self, name: str) -> list[tuple[int, str]]:
        path = self.directory.joinpath(name)
        if not path.is_file():
            raise self.fail(name, None, "required file is missing")
        out = []
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip() and not line.lstrip().startswith("#"):
                out.append((number, line))
        return out

    def items(self, name: str) -> list[tuple[int, str]]:
        """The items of a one-item-a-line file, each checked for stray spaces and repeats."""
        seen: dict[str, int] = {}
        out = []
        for number, line in self._lines(name):
            if line != line.strip() or "\t" in line:
                raise self.fail(name, number, f"stray space or TAB around {line!r}")
            if line in seen:
                raise self.fail(name, number, f"{line!r} is listed twice (first on line {seen[line]})")
            seen[line] = number
            out.append((number, line))
        if not out:
            raise self.fail(name, None, "has no entries")
        return out

    def rows(self, name: str, row_type: type[R]) -> list[tuple[int, R]]:
        """The rows of a TSV file, after its header; the first column is a key listed once."""
        lines = self._lines(name)
        want = columns(row_type)
        if not lines:
            raise self.fail(name, None, "has no header line")
        number, header = lines[0]
        if tuple(header.split("\t")) != want:
            raise self.fail(name, number, f"header is {header!r}, expected the columns {chr(9).join(want)!r}")
        seen: dict[str, int] = {}
        out = []
        for number, line in lines[1:]:
            parts = line.split("\t")
            if len(parts) != len(want):
                raise self.fail(name, number, f"{len(parts)} TAB-separated fields, expected {len(want)} "
                                              f"({', '.join(want)}): {line!r}")
            for column, value in zip(want, parts):
                if not value or value != value.strip():
                    raise self.fail(name, number, f"column {column!r} is empty or has stray spaces: {line!r}")
            if parts[0] in seen:
                raise self.fail(name, number, f"{parts[0]!r} is listed twice (first on line {seen[parts[0]]})")
            seen[parts[0]] = number
            out.append((number, row_type(*parts)))
        if not out:
            raise self.fail(name, None, "has no entries")
        return out

    def one_of(self, name: str, line: int, column: str, value: str, allowed: frozenset[str]) -> str:
        if value not in allowed:
            raise self.fail(name, line, f"{column} {value!r} is not one of {', '.join(sorted(allowed))}")
        return value

    def flag(self, name: str, line: int, column: str, value: str) -> bool:
        return FLAGS[self.one_of(name, line, column, value, frozenset(FLAGS))]

    def listed(self, name: str, line: int, column: str, value: str,
               allowed: frozenset[str] | None = None) -> tuple[str, ...]:
        """A comma-separated list (``-``: empty), no item twice, each in ``allowed`` if given."""
        if value == NONE:
            return ()
        items = tuple(value.split(","))
        for item in items:
            if not item or item != item.strip():
                raise self.fail(name, line, f"{column}: empty item or stray space in {value!r}")
            if allowed is not None and item not in allowed:
                raise self.fail(name, line, f"{column}: {item!r} is not one of {', '.join(sorted(allowed))}")
        if len(set(items)) != len(items):
            raise self.fail(name, line, f"{column}: an item is listed twice in {value!r}")
        return items

    def lower(self, name: str, line: int, value: str) -> str:
        if value != value.lower():
            raise self.fail(name, line, f"{value!r} must be written in lower case")
        return value

    def optional(self, value: str) -> str | None:
        return None if value == NONE else value


def read_language(directory: Traversable, code: str) -> Language:
    """Read and check one language's data from ``directory`` (uncached; see :func:`load_language`)."""
    r = _Reader(directory, code)
    values: dict[str, Any] = {"code": code}
    settings = {row.key: row.value for _, row in r.rows("language.tsv", SettingRow)}
    if settings.get("engine") != GRAMMAR or not {"name", "native"} <= set(settings):
        raise r.fail("language.tsv", None, f"needs the settings name, native and engine {GRAMMAR!r}")
    values["name"], values["native"] = settings["name"], settings["native"]
    frames: dict[str, set[str]] = {name: set() for name in FRAMES}

    # reporting verbs
    name = "reporting_verbs.tsv"
    verbs: dict[str, VerbEntry] = {}
    lemmas: dict[str, Verb] = {}
    form_line: dict[str, int] = {}
    for line, v in r.rows(name, VerbRow):
        lemma = r.lower(name, line, v.lemma)
        cls = r.one_of(name, line, "class", v.class_, VERB_CLASSES)
        stance = r.one_of(name, line, "stance", v.stance, STANCES)
        takes = r.listed(name, line, "frames", v.frames, frozenset(FRAMES))
        forms = r.listed(name, line, "forms", v.forms)
        for form in forms:
            r.lower(name, line, form)
            if form in form_line:
                raise r.fail(name, line, f"form {form!r} is already a form of line {form_line[form]}")
            form_line[form] = line
            verbs[form] = VerbEntry(form, lemma, cls, stance)
        subsets = [frozenset(r.listed(name, line, column, value, frozenset(forms))) for column, value in
                   (("that_only", v.that_only), ("headline", v.headline),
                    ("irregular_past", v.irregular_past), ("cuts", v.cuts))]
        lemmas[lemma] = Verb(lemma, cls, stance, frozenset(takes), forms, *subsets)
        for frame in takes:
            frames[frame].add(lemma)
    values["verbs"] = MappingProxyType(verbs)
    values["verb_lemmas"] = MappingProxyType(lemmas)
    values["needs_that"] = frozenset(f for v in lemmas.values() for f in v.that_only)
    values["headline_cues"] = frozenset(f for v in lemmas.values() for f in v.headline)
    values["irregular_past"] = frozenset(f for v in lemmas.values() for f in v.irregular_past)
    values["participle_cuts"] = frozenset(f for v in lemmas.values() for f in v.cuts)

    name = "multiword_cues.tsv"
    multi: dict[str, tuple[str, ...]] = {}
    for line, c in r.rows(name, CueRow):
        words = tuple(r.lower(name, line, c.phrase).split(" "))
        if len(words) < 2 or not all(words):
            raise r.fail(name, line, f"{c.phrase!r} is not two or more words with single spaces")
        multi[c.phrase] = words
        for frame in r.listed(name, line, "frames", c.frames, frozenset(FRAMES)):
            frames[frame].add(c.phrase)
    values["multiword_cues"] = MappingProxyType(multi)
    values["cue_words"] = frozenset(verbs) | {words[0] for words in multi.values()}
    for frame, field_name in FRAMES.items():
        values[field_name] = frozenset(frames[frame])

    name = "irregular_verbs.tsv"
    finite, passive = set(), set()
    for line, i in r.rows(name, IrregularRow):
        form = r.lower(name, line, i.form)
        if r.flag(name, line, "finite", i.finite):
            finite.add(form)
        if r.flag(name, line, "passive", i.passive):
            passive.add(form)
    values["irregular_verbs"] = frozenset(finite)
    values["passive_participles"] = frozenset(passive)

    # pronouns
    name = "pronouns.tsv"
    pronouns: dict[str, Pronoun] = {}
    for line, p in r.rows(name, PronounRow):
        pronouns[p.pronoun] = Pronoun(r.lower(name, line, p.pronoun),
                                      int(r.one_of(name, line, "person", p.person, PERSONS)),
                                      r.one_of(name, line, "number", p.number, NUMBERS),
                                      r.one_of(name, line, "gender", p.gender, GENDERS),
                                      r.one_of(name, line, "case", p.case, CASES))
    values["pronouns"] = MappingProxyType(pronouns)
    values["pronoun_subjects"] = frozenset(w for w, p in pronouns.items() if p.case != "object")
    values["personal_subjects"] = frozenset(w for w, p in pronouns.items() if p.case == "subject")
    values["animate_subjects"] = frozenset(w for w, p in pronouns.items()
                                           if p.case == "subject" and p.gender != NEUTER)
    values["object_pronouns"] = frozenset(w for w, p in pronouns.items() if p.case == "object")
    values["relative_pronouns"] = frozenset(w for w, p in pronouns.items() if p.case == "relative")

    # words by role
    by_role: dict[str, set[str]] = {role: set() for role in ROLE_NAMES}
    for name in WORD_FILES:
        for line, w in r.rows(name, WordRow):
            for role in r.listed(name, line, "roles", w.roles, ROLE_NAMES):
                if w.word in by_role[role]:
                    raise r.fail(name, line, f"{w.word!r} has role {role!r} in another word file too")
                by_role[role].add(w.word)
    for role, members in by_role.items():
        if not members:
            raise r.fail(WORD_FILES[0], None, f"no word has the role {role!r}")
        values[role] = frozenset(members)
    values["clause_joins"] = tuple(sorted(f" {w} " if w[0].isalnum() else f"{w} " for w in by_role["clause_join_words"]))

    # quotation marks
    name = "quote_marks.tsv"
    pairs = []
    for line, q in r.rows(name, QuoteRow):
        for mark in (q.open, q.close):
            if len(mark) > 2 or any(ch.isalnum() or ch.isspace() for ch in mark):
                raise r.fail(name, line, f"{mark!r} is not a quotation mark (one or two punctuation characters)")
        pairs.append(QuotePair(q.open, q.close, r.flag(name, line, "apostrophe", q.apostrophe),
                               r.flag(name, line, "after_stop", q.after_stop),
                               r.flag(name, line, "encloses", q.encloses)))
    values.update(_quote_sets(tuple(pairs)))

    # titles and roles
    name = "titles.tsv"
    titles, title_roles, name_titles = set(), {}, []
    for line, t in r.rows(name, TitleRow):
        titles.add(t.title)
        title_role = r.optional(t.role)
        if title_role is not None:
            title_roles[t.title] = r.lower(name, line, title_role)
        if r.flag(name, line, "in_name_search", t.in_name_search):
            name_titles.append(t.title)
    values["titles"] = frozenset(titles)
    values["title_roles"] = MappingProxyType(title_roles)
    values["name_titles"] = tuple(name_titles)

    name = "roles.tsv"
    roles, groups, portfolio, heads, surnames = set(), {}, set(), {}, set()
    role_rows = r.rows(name, RoleRow)
    for line, o in role_rows:
        roles.add(r.lower(name, line, o.role))
    for line, o in role_rows:
        group = r.optional(o.group)
        if group is not None:
            groups[o.role] = r.one_of(name, line, "group", group, frozenset(roles))
        if r.flag(name, line, "portfolio", o.portfolio):
            portfolio.add(o.role)
        head = r.optional(o.heads)
        if head is not None:
            heads[o.role] = head
        if r.flag(name, line, "surname", o.surname):
            surnames.add(o.role)
    values["roles"] = frozenset(roles)
    values["role_surnames"] = frozenset(surnames)
    values["role_first_words"] = frozenset(role.split()[0] for role in roles)
    values["max_role_words"] = max(len(role.split()) for role in roles)
    values["role_groups"] = MappingProxyType(groups)
    values["portfolio_roles"] = frozenset(portfolio)
    values["role_org_words"] = MappingProxyType(heads)

    # the other lexicons
    values["nationalities"] = MappingProxyType({n.adjective: n.country for _, n in
                                                r.rows("nationalities.tsv", NationalityRow)})
    name = "stance_words.tsv"
    values["stance_words"] = MappingProxyType({r.lower(name, line, s.word): r.one_of(name, line, "polarity", s.polarity, POLARITIES)
                                               for line, s in r.rows(name, StanceRow)})
    name = "hedges.tsv"
    hedges = r.rows(name, HedgeRow)
    values["hedges"] = frozenset(r.lower(name, line, h.hedge) for line, h in hedges)
    values["lower_only_hedges"] = frozenset(h.hedge for line, h in hedges if r.flag(name, line, "lower_only", h.lower_only))
    name = "suffixes.tsv"
    endings: dict[str, list[str]] = {meaning: [] for meaning in SUFFIX_MEANINGS}
    for line, s in r.rows(name, SuffixRow):
        endings[r.one_of(name, line, "meaning", s.meaning, frozenset(SUFFIX_MEANINGS))].append(s.suffix)
    for meaning, field_name in SUFFIX_MEANINGS.items():
        values[field_name] = tuple(endings[meaning])
    lists = {name: frozenset(item for _, item in r.items(name)) for name in LISTS}
    values["org_words"] = lists["org_words.txt"]
    values["organizations"] = lists["organizations.txt"]
    values["anonymous"] = frozenset(r.lower("anonymous.txt", line, item) for line, item in r.items("anonymous.txt"))
    values["negations"] = frozenset(r.lower("negations.txt", line, item) for line, item in r.items("negations.txt"))
    values["abbreviations"] = lists["abbreviations.txt"]
    values["not_speakers"] = lists["non_speakers.txt"]
    values["sentence_openers"] = lists["sentence_openers.txt"]
    values["role_modifiers"] = lists["role_modifiers.txt"]
    values["obligations"] = frozenset(o.lower() for o in lists["obligations.txt"])
    name = "calls.tsv"
    calls: dict[str, set[str]] = {role: set() for role in CALL_ROLES}
    for line, call in r.rows(name, CallRow):
        calls[r.one_of(name, line, "role", call.role, CALL_ROLES)].add(r.lower(name, line, call.word))
    values["calls"] = frozenset(calls["cue"])
    values["call_adopt"] = frozenset(calls["adopt"])
    values["call_scrutiny"] = frozenset(calls["scrutiny"])
    values["status_words"] = frozenset(r.lower("status_words.txt", line, item) for line, item in r.items("status_words.txt"))

    name = "evaluative_lexicons.tsv"
    evaluative: dict[str, float] = {}
    for line, lex in r.rows(name, LexiconRow):
        try:
            scale = float(lex.scale)
            source = resources.files(lex.package).joinpath(lex.file).read_text(encoding="utf-8")
        except (ValueError, ModuleNotFoundError, FileNotFoundError) as exc:
            raise r.fail(name, line, f"cannot read {lex.package}/{lex.file} with scale {lex.scale!r}: {exc}")
        for entry in source.splitlines():
            cells = entry.split("\t")
            if len(cells) >= 2 and cells[0].isalpha() and cells[0].islower() and cells[0] not in evaluative:
                try:
                    evaluative[cells[0]] = max(-1.0, min(1.0, float(cells[1]) / scale))
                except ValueError:
                    continue
    events = frozenset(w.lower() for w in lists["event_words.txt"])
    values["evaluative"] = MappingProxyType({w: v for w, v in evaluative.items() if w not in events})

    name = "gender_words.tsv"
    genders: dict[str, dict[str, str]] = {kind: {} for kind in GENDER_WORD_KINDS}
    for line, g in r.rows(name, GenderRow):
        gender = r.one_of(name, line, "gender", g.gender, GENDERED)
        kind = r.one_of(name, line, "kind", g.kind, frozenset(GENDER_WORD_KINDS))
        word = g.word if kind == "honorific" else r.lower(name, line, g.word)
        genders[kind][word] = gender
    values["pronoun_genders"] = MappingProxyType(genders["pronoun"])
    values["honorific_genders"] = MappingProxyType(genders["honorific"])
    values["noun_genders"] = MappingProxyType(genders["noun"])

    name = "parties.tsv"
    party_words: dict[str, tuple[str, str | None]] = {}
    party_tags: dict[str, tuple[str, str | None]] = {}
    for line, pr in r.rows(name, PartyRow):
        party_entry = (pr.party, None if pr.organization == "-" else pr.organization)
        (party_tags if len(pr.word) == 1 else party_words)[pr.word] = party_entry
    values["party_words"] = MappingProxyType(party_words)
    values["party_tags"] = MappingProxyType(party_tags)

    name = "offices.tsv"
    values["offices"] = MappingProxyType({o.title: (o.organization, r.lower(name, line, o.role))
                                          for line, o in r.rows(name, OfficeRow)})
    values["member_offices"] = frozenset(o.title for line, o in r.rows(name, OfficeRow)
                                         if r.flag(name, line, "constituency", o.constituency))
    name = "descriptions.tsv"
    values["descriptions"] = MappingProxyType({r.lower(name, line, d.word): frozenset(r.listed(name, line, "describes", d.describes))
                                               for line, d in r.rows(name, DescriptionRow)})
    name = "role_verbs.tsv"
    values["role_verbs"] = MappingProxyType({r.lower(name, line, v.verb): (r.optional(v.role), r.flag(name, line, "past", v.past))
                                             for line, v in r.rows(name, RoleVerbRow)})
    values.update(_furniture(r, by_role))
    return Language(**values)


SHAPE_SCOPES = frozenset({"part", "line", "tail", "lead"})
# A reference in a shape: "{name}".
_REFERENCE = re.compile(r"\{([a-z_]{1,40})\}")


def alternatives(words: Iterable[str]) -> str:
    """Words as one regex alternation that tries the words that fit longest first (so that "read
    more" is tried before "read"), written as a prefix tree ("re(?:ad(?:\\ more)?|lated)"): the
    regex engine follows one branch per character instead of trying every word in turn, and meets
    the words that fit in the same order. Where two branches at one point could match the same
    character when case does not count (two cases of a letter, or a non-ASCII letter), the tree
    could meet them in another order: the words are then a flat list, longest first."""
    words = sorted(set(words))
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}                       # a word ends here

    def emit(node: dict[str, dict]) -> str | None:
        chars = sorted(ch for ch in node if ch)
        if len({ch.lower() for ch in chars}) < len(chars) or not all(
                ch.isascii() or ch.lower() == ch == ch.upper() for ch in chars):
            return None
        branches = []
        for ch in chars:
            rest = emit(node[ch])
            if rest is None:
                return None
            branches.append(re.escape(ch) + rest)
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    as_tree = emit(tree)
    if as_tree is None:
        as_tree = "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))
    return "(?:" + as_tree + ")"


def _furniture(r: "_Reader", by_role: Mapping[str, set[str]]) -> dict[str, Any]:
    """Page furniture: the kinds of words, then the shapes with their references replaced. A
    reference names a ``part`` shape above it, a kind of furniture word or a role of the word files;
    the expanded pattern must compile; every kind and every part must be used."""
    name = "furniture_words.tsv"
    kinds: dict[str, set[str]] = {}
    for line, w in r.rows(name, FurnitureWordRow):
        for kind in r.listed(name, line, "kinds", w.kinds):
            if not re.fullmatch(r"[a-z_]{1,40}", kind):
                raise r.fail(name, line, f"kind {kind!r} is not lower-case letters and underscores")
            kinds.setdefault(kind, set()).add(w.word)
    name = "furniture.tsv"
    parts: dict[str, str] = {}
    used: set[str] = set()
    shapes = []
    for line, row in r.rows(name, ShapeRow):
        scope = r.one_of(name, line, "scope", row.scope, SHAPE_SCOPES)

        def expand(m: "re.Match[str]", line: int = line) -> str:
            ref = m.group(1)
            used.add(ref)
            if ref in parts:
                return parts[ref]
            if ref in kinds:
                return alternatives(kinds[ref])
            if ref in by_role and ref not in kinds:
                return alternatives(by_role[ref])
            raise r.fail(name, line, f"{{{ref}}} names no part above, no kind of furniture_words.tsv "
                                     f"and no role of the word files")
        pattern = _REFERENCE.sub(expand, row.pattern)
        try:
            re.compile(pattern)
        except re.error as error:
            raise r.fail(name, line, f"pattern does not compile: {error}") from None
        if row.shape in parts:
            raise r.fail(name, line, f"part {row.shape!r} is defined twice")
        if scope == "part":
            parts[row.shape] = f"(?:{pattern})"
        else:
            shapes.append(FurnitureShape(row.shape, scope, pattern))
    unused = sorted((set(kinds) | set(parts)) - used)
    if unused:
        raise r.fail(name, None, f"no shape uses {', '.join(unused)}")
    return {"furniture_shapes": tuple(shapes),
            "furniture_words": MappingProxyType({k: frozenset(v) for k, v in kinds.items()})}


def _quote_sets(pairs: tuple[QuotePair, ...]) -> dict[str, Any]:
    """The sets the quote pass, the segmenter and the rules read, from the pairs."""
    main = [p for p in pairs if not p.apostrophe]
    cautious = [p for p in pairs if p.apostrophe]
    ambiguous = frozenset(p.open for p in main if p.ambiguous)
    openers = frozenset(p.open for p in main if not p.ambiguous)
    single_ambiguous = frozenset(p.open for p in cautious if p.ambiguous)
    return {
        "quote_pairs": pairs,
        "quote_marks": frozenset(m for p in main for m in (p.open, p.close)),
        "quote_openers": openers,
        "quote_closers": frozenset(p.close for p in main if not p.ambiguous) - openers - ambiguous,
        "ambiguous_marks": ambiguous,
        "pair_close": MappingProxyType({p.open: p.close for p in pairs if not p.ambiguous}),
        "quote_starters": tuple(dict.fromkeys([p.open for p in main] + [p.open for p in cautious if not p.ambiguous])),
        "single_openers": frozenset(p.open for p in cautious if not p.ambiguous),
        "single_closers": frozenset(p.close for p in cautious if not p.ambiguous),
        "single_ambiguous": single_ambiguous,
        "stop_closers": frozenset(ch for p in pairs if p.after_stop for ch in p.close),
        "enclosing_closers": frozenset(ch for p in pairs if p.encloses for ch in p.close),
        # a two-character mark (``) reaches the rules as two tokens of its first character
        "opening_marks": frozenset(p.open for p in pairs) | frozenset(p.open[0] for p in pairs),
        "closing_marks": frozenset(p.close for p in pairs),
        "open_chars": frozenset(p.open[0] for p in pairs),
        "close_chars": frozenset(p.close[0] for p in pairs),
    }


# --- every language the package has data for, loaded once at import ------------------------------

GRAMMAR = "grammar"      # language.tsv `engine`: the English clause grammar (this module's Language)
PACK = "pack"            # ... or the pack engine (packs/), with a rule module rules/<code>.py


def engine_of(directory: Traversable) -> str:
    """Which engine serves the language of ``directory`` (its language.tsv ``engine`` setting)."""
    path = directory.joinpath("language.tsv")
    if not path.is_file():
        raise LanguageDataError(f"{directory.name}/language.tsv: required file is missing")
    for line in path.read_text(encoding="utf-8").splitlines():
        key, _, value = line.partition("\t")
        if key == "engine":
            return value
    raise LanguageDataError(f"{directory.name}/language.tsv: the setting 'engine' is missing")


DATA: Traversable = resources.files(__package__).joinpath("data")
DIRECTORIES: tuple[str, ...] = tuple(sorted(p.name for p in DATA.iterdir()
                                            if p.is_dir() and not p.name.startswith(("_", "."))))
LANGUAGES: tuple[str, ...] = tuple(code for code in DIRECTORIES if engine_of(DATA.joinpath(code)) == GRAMMAR)
_LOADED: Mapping[str, Language] = MappingProxyType({code: read_language(DATA.joinpath(code), code) for code in LANGUAGES})


def load_language(code: str) -> Language:
    """The data of language ``code`` (read and checked once, at import)."""
    try:
        return _LOADED[code]
    except KeyError:
        raise LookupError(f"no language data for {code!r}; available: {', '.join(LANGUAGES)}") from None


ENGLISH: Language = load_language("en")
