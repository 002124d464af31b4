"""Who a pack language's statements are by: each speaker phrase read into a name, a kind, a role,
an organisation, a party and gender evidence; pronouns and bare role phrases resolved to the
person or body named before them; one entity per person across the article."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Final, NamedTuple

from .data import Pack, PackRole
from .text import WORD


class Reading(NamedTuple):
    name: str | None
    kind: str                   # person | organization | anonymous | unknown
    role: str | None
    organization: str | None
    party: str | None
    gender: str | None
    pronoun: bool
    plural: bool


@dataclass
class Entity:
    id: str
    name: str
    kind: str
    role: str | None = None
    organization: str | None = None
    party: str | None = None
    gender: str | None = None
    evidence: list[tuple[int, int]] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)


ROLE_REACH: Final = 3            # words before a name searched for its role ("министр иностранных дел")
MAX_LEXICON_WORD: Final = 48   # longer words are looked up in no lexicon
MIN_ROLE_TAIL: Final = 5        # a compound ending in a role of this many letters is that role ("Hafensenator")


def _stem_match(pack: Pack, low: str) -> str | None:
    """The role of ``pack.roles`` that the word ``low`` is (exactly, or inflected: the role word
    followed by at most three letters of ending, the longest role first; in a language that
    writes compounds as one word, a compound ending in a role: "Gesundheitssprecherin")."""
    if low in pack.roles:
        return low
    if len(low) > MAX_LEXICON_WORD:
        return None                              # no role is this long (and slicing it would cost)
    found = _stem_match_plain(pack, low)
    if found or not pack.capital_nouns:
        return found
    for start in range(1, len(low) - MIN_ROLE_TAIL + 1):
        tail = low[start:]
        if tail in pack.roles:
            return low           # the compound itself is the role
    return None


def _stem_match_plain(pack: Pack, low: str) -> str | None:
    for cut in range(1, 4):
        if len(low) - cut >= 4 and low[:-cut] in pack.roles:
            return low[:-cut]
    if len(low) >= 5:
        # a Russian stem loses its last vowel before an ending: министр-а, глав-ы
        for cut in range(0, 3):
            stem = low[:len(low) - cut]
            for vowel in "аяь":
                if stem + vowel in pack.roles and len(stem) >= 4:
                    return stem + vowel
    return None


def _role_entry(pack: Pack, found: str) -> PackRole:
    """The entry of a matched role; a compound takes its last role's gender and kind."""
    entry = pack.roles.get(found)
    if entry is not None:
        return entry
    tail = next(found[k:] for k in range(1, len(found)) if found[k:] in pack.roles)
    base = pack.roles[tail]
    return PackRole(found, base.gender, base.kind)


def _display(pack: Pack, word: str) -> str:
    return word[0].upper() + word[1:] if pack.capital_nouns else word


MAX_ORG_WORDS: Final = 5
OPENING_MARKS: Final = "\u00ab\u201e\u201c\u00bb\u2039\u203a"      # « „ “ » ‹ ›: any mark that may open a name
CLOSING_MARKS: Final = "\u00bb\u201c\u201d\u00ab\u203a\u2039"


def _organizations_in(pack: Pack, words: list[str]) -> dict[int, tuple[int, str]]:
    """Known organisations among ``words``: start index -> (words taken, name), longest first."""
    found: dict[int, tuple[int, str]] = {}
    i = 0
    while i < len(words):
        for size in range(min(MAX_ORG_WORDS, len(words) - i), 0, -1):
            name = pack.organizations.get(" ".join(words[i:i + size]))
            if name is not None:
                found[i] = (size, name)
                i += size
                break
        else:
            i += 1
    return found


def _nominative_head(pack: Pack, word: str) -> str:
    """An organisation's head noun without a case ending, when what is left ends in one of the
    pack's organisation words ("Innenministeriums" -> "Innenministerium")."""
    low = word.lower()
    for ending in pack.case_endings:
        stem = low[:len(low) - len(ending)]
        if low.endswith(ending) and any(stem.endswith(w) for w in pack.org_words if len(w) >= 4):
            return word[:len(word) - len(ending)]
    return word


def _quoted_words(text: str, start: int, end: int, words: list[tuple[str, int]]) -> set[int]:
    """Indexes of the words that stand inside quotation marks within the phrase."""
    out: set[int] = set()
    depth = 0
    k = 0
    for pos in range(start, end):
        ch = text[pos]
        if depth and ch in CLOSING_MARKS:
            depth -= 1
        elif ch in OPENING_MARKS:
            depth += 1
        while k < len(words) and words[k][1] < pos:
            k += 1
        if depth and k < len(words) and words[k][1] == pos:
            out.add(k)
    return out


def _nominative_adjective(pack: Pack, word: str, head: str) -> str:
    """A capitalised adjective before an organisation's head noun in the nominative without an
    article, by the head's gender ("Dem Statistischen Landesamt" -> "Statistisches Landesamt"):
    the head's gender from ``noun_genders.tsv`` (by ending), the adjective's ending from
    ``adjective_endings.tsv``; unchanged when either is unknown."""
    if not pack.adjective_endings or not word[:1].isupper():
        return word
    low_head = head.lower()
    gender = next((g for ending, g in pack.noun_genders if low_head.endswith(ending)), None)
    if gender is None:
        return word
    for inflected in pack.adjective_inflections:
        if word.endswith(inflected) and len(word) > len(inflected) + 2:
            return word[:len(word) - len(inflected)] + pack.adjective_endings[gender]
    return word


def read_phrase(text: str, start: int, end: int, pack: Pack, gender_hint: str | None) -> Reading:
    """What one speaker phrase says of its speaker."""
    words = [(m.group(), m.start()) for m in WORD.finditer(text, start, end)]
    lows = [w.lower() for w, _ in words]
    if len(words) == 1 and lows[0] in pack.pronouns:
        row = pack.pronouns[lows[0]]
        gender = row.gender if row.gender in ("male", "female") else gender_hint
        return Reading(None, "unknown", None, None, None, gender, True, row.number == "plural")
    role = None
    role_gender = None
    role_kind = "person"
    org = None
    party = None
    gender = gender_hint
    indefinite = False
    names: list[str] = []
    org_words: list[str] = []
    quoted = _quoted_words(text, start, end, words)
    orgs_at = _organizations_in(pack, [w for w, _ in words])
    skip_to = -1
    for index, ((word, pos), low) in enumerate(zip(words, lows)):
        if index < skip_to:
            continue
        if index in orgs_at:
            size, org_name = orgs_at[index]
            org = org or org_name
            skip_to = index + size
            continue
        if not word[0].isalnum():
            continue
        if index in quoted:
            org_words.append(word)              # "центра погоды «Метеовектор»": a name in quotes is a body's
            continue
        if word in pack.parties:
            party = pack.parties[word]
            continue
        if word in pack.organizations:
            org = org or pack.organizations[word]
            continue
        if low in pack.titles:
            gender = gender or pack.titles[low]
            continue
        if pack.word_classes.get(low) == "article":
            indefinite = indefinite or index == 0 and low in pack.indefinite_articles
            continue
        found = _stem_match(pack, low) if role is None else None
        if found:
            entry = _role_entry(pack, found)
            role = _display(pack, entry.word)
            role_gender = entry.gender
            role_kind = entry.kind
            continue
        if low in pack.org_words or pack.org_word_tails and low.endswith(pack.org_word_tails):
            org_words.append(word)
            continue
        if word[0].isupper() and not pack.word_classes.get(low):
            if pack.capital_nouns and not names and word not in pack.first_names \
                    and index > 0 and pack.word_classes.get(lows[index - 1]) == "article":
                org_words.append(word)          # "der Bericht": a capitalised noun, no name
                continue
            if org_words and not names and word not in pack.first_names:
                org_words.append(word)          # "der Stadtwerke Brunnfeld": the body's name
                continue
            names.append(word)
        elif org_words and not names and not pack.capital_nouns and not pack.word_classes.get(low) \
                and not _stem_match(pack, low):
            org_words.append(word)              # "профсоюза докеров": the body's genitive complement
    given = next((k for k, w in enumerate(names) if w in pack.first_names), 0)
    if given and len(names) - given >= 2:
        org_words += names[:given]              # "Президент России Владимир Путин": the name opens at the given name
        names = names[given:]
    if org_words and names and not role and not any(n in pack.first_names for n in names):
        org_words += names                      # "die Polizei Hagenried": the names are the body's
        names = []
    if org is None and org_words and not pack.capital_nouns:
        org_words[0] = _nominative_head(pack, org_words[0])      # "профсоюза докеров" -> "профсоюз докеров"
    if org is None and org_words:
        head = _nominative_head(pack, org_words[-1])
        org = " ".join([_nominative_adjective(pack, w, head) for w in org_words[:-1]] + [head])
    name = " ".join(names) if names else None
    gender = gender or role_gender
    if name and org_words and org == " ".join(org_words) and not role:
        kind = "person"
    if name:
        kind = "person"
    elif role:
        kind = "anonymous" if indefinite or role_kind == "anonymous" else "person"
    elif org:
        kind = "organization"
    else:
        kind = "unknown"
    return Reading(name, kind, role, org, party, gender, False, False)


class Person(NamedTuple):
    """A person the article names, speaker or not: a run of capitalised words opening with a
    given name of the pack, or after a title or role ("Innenministerin Petra Kohl")."""

    start: int
    end: int
    name: str
    gender: str | None
    role: str | None


WORD_RUN: Final = re.compile(r"[^\W\d_][\w'\u2019-]*")
GAP: Final = re.compile(r"[ \t]+")


def _runs(text: str):
    """Runs of capitalised words separated by spaces only, each with the word before the run."""
    run: list[tuple[str, int]] = []
    before: list[str] = []              # the words before the run (the last ROLE_REACH of them)
    last_end = -1
    for m in WORD_RUN.finditer(text):
        word = m.group()
        joined = run and GAP.fullmatch(text, last_end, m.start()) is not None
        if word[0].isupper() and (joined or not run):
            run.append((word, m.start()))
        else:
            if run:
                yield before, run
                before = [run[-1][0]]
            run = [(word, m.start())] if word[0].isupper() else []
            if not run:
                before = (before + [word])[-ROLE_REACH:]
        last_end = m.end()
    if run:
        yield before, run


def people(text: str, pack: Pack) -> list[Person]:
    """Every person the text names (linear: one pass over its words)."""
    out: list[Person] = []
    for prev_word, run in _runs(text):
        caps = [w for w, _ in run[:6]]
        starts = [p for _, p in run[:6]]
        role = None
        gender = None
        lead = prev_word[-1].lower() if prev_word else ""
        given = next((k for k, w in enumerate(caps[:-1]) if w in pack.first_names), -1)
        if given > 0:
            lead = caps[given - 1].lower()
            caps, starts = caps[given:], starts[given:]
        while caps and (_stem_match(pack, caps[0].lower()) or caps[0].lower() in pack.titles
                        or pack.word_classes.get(caps[0].lower())):
            low = caps.pop(0).lower()
            starts.pop(0)
            if low in pack.titles:
                gender = gender or pack.titles[low]
            elif not pack.word_classes.get(low):
                role = _display(pack, _role_entry(pack, _stem_match(pack, low) or low).word)
            lead = low
        if not role and lead and _stem_match(pack, lead):
            role = _display(pack, _role_entry(pack, _stem_match(pack, lead) or lead).word)
        elif not role and not pack.capital_nouns and given <= 0:
            # "министр иностранных дел Виктор Ланской": a role and its complement before the name
            k = next((k for k in range(len(prev_word) - 1, -1, -1) if _stem_match(pack, prev_word[k].lower())), -1)
            if k >= 0:
                head = _role_entry(pack, _stem_match(pack, prev_word[k].lower()) or prev_word[k].lower()).word
                role = " ".join([head] + [w.lower() for w in prev_word[k + 1:]])
        if len(caps) < 2 or not (caps[0] in pack.first_names or role or gender):
            continue                            # a person: a given name, or a role or title, then a name
        name = " ".join(caps[:4])
        out.append(Person(starts[0], starts[0] + len(name), name, gender, role))
    return out


AFTER_PARENTHESIS: Final = re.compile(r"[ \t]*\(([^()]{1,40})\)")
MAX_APPOSITION_WORDS: Final = 7
APPOSITIVE_ROLE: Final = re.compile(r",[ \t]+([^,.;:()\n]{3,80}?)[ \t]*(?=[,.;]|$)")
APPOSITIVE_NAME: Final = re.compile(r",[ \t]+([^\W\d_][\w'\u2019-]*(?:[ \t]+[^\W\d_][\w'\u2019-]*){1,3})[ \t]*(?=[,.;:)]|$)")


MIN_NAME_STEM: Final = 4


def name_key(pack: Pack, word: str) -> str:
    """A surname as a key that its inflected forms share: the word without the longest of the
    pack's case endings that leaves at least four letters ("Ланского", "Ланской" -> "ланск";
    "Merkels" -> "merkel")."""
    low = word.lower()
    for ending in pack.case_endings:
        if low.endswith(ending) and len(low) - len(ending) >= MIN_NAME_STEM:
            return low[:len(low) - len(ending)]
    return low


class Resolver:
    """Entities of one article, made as speaker phrases come in text order."""

    def __init__(self, text: str, pack: Pack) -> None:
        self.text = text
        self.pack = pack
        self.entities: list[Entity] = []
        self.by_key: dict[str, Entity] = {}
        self._people: list[Person] | None = None
        self._people_starts: list[int] = []

    @property
    def people(self) -> list[Person]:
        """The people the text names, found when a pronoun or a bare role first needs them."""
        if self._people is None:
            self._people = people(self.text, self.pack)
            self._people_starts = [p.start for p in self._people]
        return self._people

    @property
    def people_starts(self) -> list[int]:
        self.people
        return self._people_starts

    def _new(self, name: str, kind: str) -> Entity:
        ent = Entity(f"s{len(self.entities) + 1}", name, kind)
        self.entities.append(ent)
        return ent

    def mention(self, span: tuple[int, int], gender_hint: str | None) -> tuple[Entity | None, Reading]:
        text = self.text
        reading = read_phrase(text, span[0], span[1], self.pack, gender_hint)
        after = AFTER_PARENTHESIS.match(text, span[1])
        if after and after.group(1) in self.pack.parties and not reading.pronoun:
            reading = reading._replace(party=self.pack.parties[after.group(1)])
        role_appos = APPOSITIVE_ROLE.match(text, span[1])
        if role_appos and not reading.pronoun and not reading.role and reading.kind == "person":
            words = role_appos.group(1).split()
            if len(words) <= MAX_APPOSITION_WORDS and _stem_match(self.pack, words[0].lower()) \
                    and not any(w.lower() in self.pack.verbs or w.lower() in self.pack.reported_forms for w in words):
                # "Lea Hartmann, Sprecherin der Bundesregierung, sagte": the apposition's role
                extra = read_phrase(text, role_appos.start(1), role_appos.end(1), self.pack, None)
                reading = reading._replace(role=extra.role, organization=reading.organization or extra.organization)
        appos = APPOSITIVE_NAME.match(text, span[1])
        if appos and not reading.name and not reading.pronoun and reading.kind != "organization" \
                and appos.group(1).split()[0] in self.pack.first_names:
            # "die Vorsitzende der Gewerkschaft, Sandra Feldmann, sagte": the name is the apposition's
            name = appos.group(1)
            reading = reading._replace(name=name, kind="person")
        ent: Entity | None = None
        if reading.pronoun:
            ent = self._antecedent(reading, span[0])
        elif reading.name:
            parts = reading.name.split()
            key = name_key(self.pack, parts[-1])
            ent = self.by_key.get(key) if reading.kind == "person" else None
            if ent is None:
                person = self._named_before(parts[-1], span[0])
                ent = self._new(person.name if person and len(person.name) > len(reading.name) else reading.name,
                                reading.kind)
                if person:
                    ent.role = person.role
                    ent.gender = person.gender
                    if person.gender:
                        ent.evidence.append((person.start, person.end))
            elif len(reading.name) > len(ent.name):
                ent.name = reading.name
            ent.keys.add(key)
            self.by_key[key] = ent
            self.by_key[reading.name.lower()] = ent
        elif reading.role or reading.organization:
            label = reading.role or reading.organization or ""
            key = ("role:" if reading.role else "org:") + label.lower() + ("|" + (reading.organization or "").lower())
            if reading.kind != "anonymous":
                ent = self.by_key.get(key)
                if ent is None and reading.role:
                    ent = self._holder(reading.role, span[0])
            if ent is None:
                name = " ".join(w for w in (reading.role, reading.organization) if w)
                ent = self._new(name, reading.kind)
                self.by_key[key] = ent
        if ent is not None:
            ent.mentions.append(span)
            ent.role = ent.role or reading.role
            ent.organization = ent.organization or reading.organization
            ent.party = ent.party or reading.party
            if reading.gender and ent.kind == "person" and not reading.pronoun or reading.pronoun and reading.gender and ent.gender is None:
                if ent.gender is None:
                    ent.gender = reading.gender
                    ent.evidence.append(span)
        if ent is not None and ent.gender and not ent.evidence:
            ent.evidence.append(span)
        return ent, reading

    def _person_entity(self, person: Person) -> Entity:
        key = name_key(self.pack, person.name.split()[-1])
        ent = self.by_key.get(key)
        if ent is None:
            ent = self._new(person.name, "person")
            ent.gender, ent.role = person.gender, person.role
            if person.gender:
                ent.evidence.append((person.start, person.end))
            self.by_key[key] = ent
        return ent

    def _named_before(self, surname: str, pos: int) -> Person | None:
        """The fuller naming of ``surname`` earlier in the text ("Petra Kohl" for "Kohl")."""
        i = bisect_right(self.people_starts, pos) - 1
        while i >= 0:
            person = self.people[i]
            if name_key(self.pack, person.name.split()[-1]) == name_key(self.pack, surname) and person.start < pos:
                return person
            i -= 1
        return None

    def _holder(self, role: str, pos: int) -> Entity | None:
        """The person last named with ``role`` before ``pos`` ("der Minister" for "Minister Bernd Aschauer")."""
        low = role.lower()
        ent = next((e for e in reversed(self.entities)
                    if e.role and e.role.lower().endswith(low) and e.kind == "person"), None)
        i = bisect_right(self.people_starts, pos) - 1
        while i >= 0:
            person = self.people[i]
            if person.role and person.role.lower().endswith(low):
                if ent is None or not ent.mentions or person.start > ent.mentions[-1][0]:
                    return self._person_entity(person)
                break
            i -= 1
        return ent

    def _antecedent(self, reading: Reading, pos: int) -> Entity | None:
        ent = self._antecedent_entity(reading)
        if reading.plural or reading.gender == "neuter":
            return ent
        i = bisect_right(self.people_starts, pos) - 1
        while i >= 0:
            person = self.people[i]
            if person.end <= pos and (reading.gender in (None, person.gender) or person.gender is None):
                if ent is None or not ent.mentions or person.start > ent.mentions[-1][0]:
                    return self._person_entity(person)
                break
            i -= 1
        return ent

    def _antecedent_entity(self, reading: Reading) -> Entity | None:
        for ent in reversed(self.entities):
            if reading.plural:
                if ent.kind == "organization":
                    return ent
                continue
            if ent.kind != "person":
                if reading.gender == "neuter" and ent.kind == "organization":
                    return ent
                continue
            if reading.gender in (None, ent.gender) or ent.gender is None:
                return ent
        return None
