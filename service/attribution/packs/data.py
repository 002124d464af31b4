"""A language pack: everything the pack engine knows about one language, read from
``data/<code>/`` once and checked (the files and columns are described in ``data/<code>/README.md``
and in ``data/README.md``). Malformed data raises :class:`~..language.LanguageDataError` naming the
file and line, as English data does: the service does not start on a broken pack."""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from functools import cached_property
from importlib.resources.abc import Traversable
from types import MappingProxyType
from typing import Mapping

from ..language import NONE, STANCES, LanguageDataError, SettingRow, _Reader

PACK_GENDERS = frozenset({"male", "female", "neuter", "none", NONE})
PACK_NUMBERS = frozenset({"singular", "plural"})


class WordClass(str, Enum):
    """The classes of ``function_words.tsv``."""

    ARTICLE = "article"
    PREPOSITION = "preposition"
    CONJUNCTION = "conjunction"
    COMPLEMENTIZER = "complementizer"
    SUBORDINATOR = "subordinator"
    ADVERB = "adverb"
    RELATIVE = "relative"
    NEGATION = "negation"


PACK_WORD_CLASSES = frozenset(c.value for c in WordClass)
NOUN_GENDERS = frozenset({"male", "female", "neuter"})
ROLE_KINDS = frozenset({"person", "anonymous"})
POSITIONS = frozenset({"before", "after", "clause", "tail"})
SETTINGS = ("name", "native", "engine", "ordinal_dot", "dialogue_dash", "capital_nouns")


@dataclass(frozen=True, slots=True)
class MarkRow:
    open: str
    close: str


@dataclass(frozen=True, slots=True)
class PackVerbRow:
    form: str
    lemma: str
    particle: str
    gender: str
    stance: str


@dataclass(frozen=True, slots=True)
class MarkerRow:
    marker: str
    position: str


@dataclass(frozen=True, slots=True)
class PackPronounRow:
    word: str
    gender: str
    number: str


@dataclass(frozen=True, slots=True)
class WordClassRow:
    word: str
    class_: str


@dataclass(frozen=True, slots=True)
class GenderedRow:
    word: str
    gender: str


@dataclass(frozen=True, slots=True)
class PackRoleRow:
    word: str
    gender: str
    kind: str


@dataclass(frozen=True, slots=True)
class OrgRow:
    name: str
    forms: str


@dataclass(frozen=True, slots=True)
class PackPartyRow:
    word: str
    party: str


@dataclass(frozen=True, slots=True)
class EndingRow:
    ending: str
    gender: str


@dataclass(frozen=True, slots=True)
class AdjectiveRow:
    gender: str
    ending: str


@dataclass(frozen=True, slots=True)
class PolarityRow:
    word: str
    polarity: str


@dataclass(frozen=True, slots=True)
class RuleRow:
    rule: str
    precision: str
    support: str


@dataclass(frozen=True, slots=True)
class PackVerb:
    """One reporting-verb form: its lemma, the separable particles that make it a cue (empty: the
    bare form is a cue), the speaker's gender the form shows, the stance it lends."""

    form: str
    lemma: str
    particles: tuple[str, ...]
    gender: str | None
    stance: str


@dataclass(frozen=True, slots=True)
class PackRole:
    word: str
    gender: str | None
    kind: str


@dataclass(frozen=True, eq=False)
class Pack:
    """One language's data for the pack engine (immutable)."""

    code: str
    name: str
    native: str
    ordinal_dot: bool               # "am 3. März": a period after a day number ends no sentence
    dialogue_dash: bool             # a paragraph opening with a dash is a quotation ("— Мы готовы, — ...")
    capital_nouns: bool             # every noun is capitalised: a capital letter is not a name
    quote_pairs: Mapping[str, str]  # opening mark -> its closing mark
    abbreviations: frozenset[str]
    verbs: Mapping[str, PackVerb]
    particles: frozenset[str]
    according: Mapping[tuple[str, ...], str]     # marker words -> before | after | clause
    pronouns: Mapping[str, PackPronounRow]
    word_classes: Mapping[str, str]
    titles: Mapping[str, str | None]
    roles: Mapping[str, PackRole]
    organizations: Mapping[str, str]             # a form as written -> the name to print
    org_words: frozenset[str]
    parties: Mapping[str, str]
    first_names: frozenset[str]                  # given names: they mark a name, never a gender
    stance_words: Mapping[str, str]              # stem -> support | oppose
    hedges: frozenset[str]
    reported_forms: frozenset[str]
    non_speakers: frozenset[str]
    attachments: frozenset[str]                  # words that join a genitive or "von" to a phrase
    indefinite_articles: frozenset[str]          # an unnamed source: "ein Sprecher"
    auxiliaries: frozenset[str]                  # finite verbs before a participle cue: "hatte ... angekündigt"
    impersonal: frozenset[str]                   # a cue with no source: "heißt es"
    anaphors: frozenset[str]                     # "Das teilte X mit": the sentence before is the content
    act_lemmas: frozenset[str]                   # reports whose object is what was said ("forderte eine Prüfung")
    reflexives: frozenset[str]                   # passed between a cue and its source: "äußerte sich X"
    noun_genders: tuple[tuple[str, str], ...]    # noun ending -> gender, longest first
    adjective_endings: Mapping[str, str]         # gender -> the adjective's nominative ending with no article
    adjective_inflections: tuple[str, ...]       # an adjective's endings in the cases, longest first
    case_endings: tuple[str, ...]                # endings a surname takes in the cases, longest first
    furniture: tuple[str, ...]                   # openings of page-furniture lines ("lesen sie auch")
    passives: frozenset[str]                     # auxiliaries of the passive: "X wurde aufgefordert" (X is no source)
    rule_order: tuple[str, ...]
    rule_measures: Mapping[str, tuple[float, int]]

    @cached_property
    def org_word_tails(self) -> tuple[str, ...]:
        """Organisation words a compound may end in ("Innenministerium"), in a language that writes
        compounds as one word (or a Russian "профсоюза"): those of five letters or more (a shorter one, `amt`, `rat`, would
        match inside unrelated words)."""
        return tuple(sorted(w for w in self.org_words if len(w) >= 5))

    @cached_property
    def marker_starts(self) -> frozenset[str]:
        """The first word of every marker of according.tsv."""
        return frozenset(words[0] for words in self.according)

    @cached_property
    def attributing_words(self) -> frozenset[str]:
        """Every word that can make a sentence attribute: cue forms, markers' words (a compound
        marker's ending is matched inside the pack engine, so its first word stands for it),
        reported-mood forms, anaphors. A sentence with none of them and no quotation is narrative."""
        marker_words = {w for words in self.according for w in words if not w.startswith("*")}
        return frozenset(self.verbs) | marker_words | self.reported_forms | self.anaphors

    @cached_property
    def compound_markers(self) -> tuple[tuple[tuple[str, ...], str, str], ...]:
        """Markers whose last word is written ``*ending``: any word with that ending, a compound
        that names its source ("nach Polizeiangaben"): (words before, ending, position)."""
        return tuple((words[:-1], words[-1][1:], position) for words, position in self.according.items()
                     if words[-1].startswith("*"))

    @cached_property
    def tail_markers(self) -> frozenset[str]:
        """One-word markers that attribute the content before them and a comma ("„…“, so Müller")."""
        return frozenset(words[0] for words, position in self.according.items()
                         if position == "tail" and len(words) == 1)

    @cached_property
    def negations(self) -> frozenset[str]:
        return frozenset(w for w, c in self.word_classes.items() if c == "negation")


def _gender(r: _Reader, name: str, line: int, value: str) -> str | None:
    r.one_of(name, line, "gender", value, PACK_GENDERS)
    return value if value in ("male", "female") else None


def _words(r: _Reader, name: str) -> frozenset[str]:
    return frozenset(r.lower(name, n, w) for n, w in r.items(name))


def _optional_items(r: _Reader, name: str) -> frozenset[str]:
    """A list file that may hold no entries for a language (its header comment says why)."""
    try:
        return _words(r, name)
    except LanguageDataError as exc:
        if "has no entries" in str(exc):
            return frozenset()
        raise


def _optional_rows(r: _Reader, name: str, row_type: type) -> list:
    try:
        return r.rows(name, row_type)
    except LanguageDataError as exc:
        if "has no entries" in str(exc):
            return []
        raise


def read_pack(directory: Traversable, code: str) -> Pack:
    """Read and check the pack of ``code`` from ``directory``."""
    r = _Reader(directory, code)
    settings = {row.key: (n, row.value) for n, row in r.rows("language.tsv", SettingRow)}
    for key in SETTINGS:
        if key not in settings:
            raise r.fail("language.tsv", None, f"the setting {key!r} is missing")
    for key, (n, _) in settings.items():
        if key not in SETTINGS:
            raise r.fail("language.tsv", n, f"unknown setting {key!r}; known: {', '.join(SETTINGS)}")

    def flag(key: str) -> bool:
        n, value = settings[key]
        return r.flag("language.tsv", n, key, value)

    pairs = {row.open: row.close for _, row in r.rows("quote_marks.tsv", MarkRow)}
    verbs: dict[str, PackVerb] = {}
    for n, row in r.rows("reporting_verbs.tsv", PackVerbRow):
        verbs[r.lower("reporting_verbs.tsv", n, row.form)] = PackVerb(
            row.form, row.lemma, r.listed("reporting_verbs.tsv", n, "particle", row.particle),
            _gender(r, "reporting_verbs.tsv", n, row.gender),
            r.one_of("reporting_verbs.tsv", n, "stance", row.stance, STANCES))
    according = {tuple(r.lower("according.tsv", n, row.marker).split()):
                 r.one_of("according.tsv", n, "position", row.position, POSITIONS)
                 for n, row in r.rows("according.tsv", MarkerRow)}
    pronouns: dict[str, PackPronounRow] = {}
    for n, prow in r.rows("pronouns.tsv", PackPronounRow):
        r.one_of("pronouns.tsv", n, "gender", prow.gender, PACK_GENDERS)
        r.one_of("pronouns.tsv", n, "number", prow.number, PACK_NUMBERS)
        pronouns[r.lower("pronouns.tsv", n, prow.word)] = prow
    classes = {r.lower("function_words.tsv", n, row.word):
               r.one_of("function_words.tsv", n, "class", row.class_, PACK_WORD_CLASSES)
               for n, row in r.rows("function_words.tsv", WordClassRow)}
    titles = {r.lower("titles.tsv", n, row.word): _gender(r, "titles.tsv", n, row.gender)
              for n, row in r.rows("titles.tsv", GenderedRow)}
    roles = {r.lower("roles.tsv", n, row.word): PackRole(row.word, _gender(r, "roles.tsv", n, row.gender),
                                                         r.one_of("roles.tsv", n, "kind", row.kind, ROLE_KINDS))
             for n, row in r.rows("roles.tsv", PackRoleRow)}
    orgs: dict[str, str] = {}
    for n, orow in r.rows("organizations.tsv", OrgRow):
        for form in (orow.name,) + r.listed("organizations.tsv", n, "forms", orow.forms):
            orgs.setdefault(form, orow.name)
    stance = {r.lower("stance_words.tsv", n, row.word):
              r.one_of("stance_words.tsv", n, "polarity", row.polarity, frozenset({"support", "oppose"}))
              for n, row in r.rows("stance_words.tsv", PolarityRow)}
    rule_rows = r.rows("rules.tsv", RuleRow)
    measures: dict[str, tuple[float, int]] = {}
    for n, rrow in rule_rows:
        try:
            measures[rrow.rule] = (float(rrow.precision), int(rrow.support))
        except ValueError:
            raise r.fail("rules.tsv", n, f"precision and support must be numbers: {rrow}") from None
    return Pack(
        code=code, name=settings["name"][1], native=settings["native"][1],
        ordinal_dot=flag("ordinal_dot"), dialogue_dash=flag("dialogue_dash"),
        capital_nouns=flag("capital_nouns"),
        quote_pairs=MappingProxyType(pairs),
        abbreviations=_words(r, "abbreviations.txt"),
        verbs=MappingProxyType(verbs),
        particles=frozenset(p for v in verbs.values() for p in v.particles),
        according=MappingProxyType(according),
        pronouns=MappingProxyType(pronouns),
        word_classes=MappingProxyType(classes),
        titles=MappingProxyType(titles),
        roles=MappingProxyType(roles),
        organizations=MappingProxyType(orgs),
        org_words=_words(r, "org_words.txt"),
        parties=MappingProxyType({row.word: row.party for _, row in r.rows("parties.tsv", PackPartyRow)}),
        first_names=frozenset(name for _, name in r.items("first_names.txt")),
        stance_words=MappingProxyType(stance),
        hedges=_words(r, "hedges.txt"),
        reported_forms=_optional_items(r, "reported_forms.txt"),
        non_speakers=_words(r, "non_speakers.txt"),
        attachments=_optional_items(r, "attachments.txt"),
        indefinite_articles=_optional_items(r, "indefinite_articles.txt"),
        auxiliaries=_optional_items(r, "auxiliaries.txt"),
        impersonal=_optional_items(r, "impersonal.txt"),
        anaphors=_optional_items(r, "anaphors.txt"),
        act_lemmas=_optional_items(r, "act_lemmas.txt"),
        reflexives=_optional_items(r, "reflexives.txt"),
        passives=_optional_items(r, "passives.txt"),
        furniture=tuple(sorted(_words(r, "furniture.txt"))),
        noun_genders=tuple(sorted(((r.lower("noun_genders.tsv", n, row.ending),
                                    r.one_of("noun_genders.tsv", n, "gender", row.gender, NOUN_GENDERS))
                                   for n, row in _optional_rows(r, "noun_genders.tsv", EndingRow)),
                                  key=lambda e: (-len(e[0]), e[0]))),
        adjective_endings=MappingProxyType({
            r.one_of("adjective_endings.tsv", n, "gender", row.gender, NOUN_GENDERS): row.ending
            for n, row in _optional_rows(r, "adjective_endings.tsv", AdjectiveRow)}),
        adjective_inflections=tuple(sorted(_optional_items(r, "adjective_inflections.txt"), key=lambda e: (-len(e), e))),
        case_endings=tuple(sorted(_optional_items(r, "case_endings.txt"), key=lambda e: (-len(e), e))),
        rule_order=tuple(rrow.rule for _, rrow in rule_rows),
        rule_measures=MappingProxyType(measures),
    )
