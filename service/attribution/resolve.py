"""Resolution: group speaker mentions into entities across the article.

Pronouns go to the most recent entity of a fitting kind, descriptions ("the spokesperson") to the
most recent entity with that role, and name variants merge ("Zelenskyy" = "Volodymyr Zelenskyy").
An entity keeps the role and organization it was first given.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from typing import Final

from .affiliation import MentionReader, Reading, read_mention
from .language import ENGLISH as EN
from .language import ORGANIZATION, PERSON

# The language data the functions below read, as module constants (compiled code reads a
# constant from a C static, not an attribute of the language object; a mapping as a dict, not
# a mappingproxy, which compiled code looks up only through generic calls)
_HONORIFIC_GENDERS: Final = dict(EN.honorific_genders)
_NAME_PARTICLES: Final = EN.name_particles
_NOUN_GENDERS: Final = dict(EN.noun_genders)
_PRONOUNS: Final = dict(EN.pronouns)
_RELATIVE: Final = EN.relative
_ROLE_GROUPS: Final = dict(EN.role_groups)
_TITLES: Final = EN.titles

# A personal name: an optional title, then two or more capitalised words ("Sen. Ann Li", "Farid Haddad").
#   (?:\b(?:TITLE|...)[ ])?\b[A-Z]REST
_NAME_REST: Final = r"[a-z\u00e0-\u00ff'\u2019-]{1,20}(?:[ ][A-Z]\.)?(?:[ ][A-Z][a-z\u00e0-\u00ff'\u2019-]{1,20}){1,2}\b"
if EN.name_titles and all("A" <= t[0] <= "Z" for t in EN.name_titles):
    # The same, written (as quotes.MARK is) with the capital every match opens with first: the regex
    # engine skips from capital to capital instead of trying the pattern at every position. Look-
    # behinds check the word boundary before the capital and, for each title, its first letter.
    PERSON_NAME = re.compile(r"[A-Z](?<=\b[A-Z])(?:(?:%s)[ ]\b[A-Z]%s|%s)" % (
        "|".join(f"(?<={t[0]}){re.escape(t[1:])}" for t in EN.name_titles), _NAME_REST, _NAME_REST))
else:
    PERSON_NAME = re.compile(r"(?:\b(?:%s)[ ])?\b[A-Z]%s" % ("|".join(map(re.escape, EN.name_titles)), _NAME_REST))
# A description headed by one of these refers back to the most recent organization ("the company").
ORG_HEADS: Final = EN.org_anaphors
_DEFINITE: Final = tuple(f"{word} " for word in EN.definite_articles)


class Entity:
    """A speaker entity: its name, kind, role and organization, its mentions (start, end) so far,
    where it was mentioned last and whether it was named (a plain class, not a dataclass: compiled
    code makes it natively)."""

    __slots__ = ("id", "name", "kind", "role", "organization", "mentions", "last", "named")

    def __init__(self, id: str, name: str, kind: str, role: str | None, organization: str | None,
                 mentions: list[tuple[int, int]] | None = None, last: int = -1, named: bool = False) -> None:
        self.id = id
        self.name = name
        self.kind = kind
        self.role = role
        self.organization = organization
        self.mentions: list[tuple[int, int]] = mentions if mentions is not None else []
        self.last = last
        self.named = named


def _appositive_name(text: str) -> str | None:
    """The personal name an apposition consists of ("Ravi Desai", "Dr Priya Nair"), or None."""
    text = text.strip(" ,")
    if PERSON_NAME.fullmatch(text) is None and not _particle_name(text):
        return None
    reading = read_mention(text)
    return reading.name if reading.kind == "person" and not reading.description else None


APPOSITIVE_NAME_WORDS: Final = 6     # words of a name with particles, at most: "Prince Abdulaziz bin Salman"


def _particle_name(text: str) -> bool:
    """Is ``text`` a name with a lower-case particle inside ("Abdulaziz bin Salman", "Ursula von der
    Leyen"): capitalised words and particles only, the particles between capitalised words?"""
    words = text.split()
    if not 3 <= len(words) <= APPOSITIVE_NAME_WORDS or not words[0][:1].isupper() or not words[-1][:1].isupper():
        return False
    return all(w[:1].isupper() and w.replace("-", "").replace("'", "").isalpha() or w in _NAME_PARTICLES
               for w in words) and any(w in _NAME_PARTICLES for w in words)


def _norm(name: str) -> list[str]:
    return [w.strip(".,").lower().replace("\u2019", "'") for w in name.split() if w.strip(".,")]


def _head_word(name: str) -> str:
    words = name.lower().split()
    return words[-1] if words else ""


def _role_key(role: str | None) -> str:
    """The office a role names, for descriptions that refer back: the group of the longest grouped
    role it ends with ("deputy press secretary" -> spokesperson, "foreign minister" -> minister)."""
    if not role:
        return ""
    low = role.lower()
    best = ""
    for member in _ROLE_GROUPS:
        if (low == member or low.endswith(" " + member)) and len(member) > len(best):
            best = member
    return _ROLE_GROUPS[best] if best else low


# Capitalised words that are no part of a personal name ("On Wednesday", "In October")
NOT_NAME_WORDS: Final = (EN.prepositions | EN.articles | EN.intro_words | EN.boundary_words | EN.sentence_openers
                  | EN.weekdays | EN.months)
# A capitalised word, not inside a word ("iPhone"): written with the capital first, then a look-
# behind at the character before it, so that the regex engine skips from capital to capital
CAP_WORD: Final = re.compile(r"[A-Z](?<![\w\u2019'-][A-Z])[\w\u2019'-]*\.?")
CAP_WORD_SPLIT: Final = re.compile(f"({CAP_WORD.pattern})")      # re.split keeps the words
RELATIVE_AFTER: Final = re.compile(r"\s*,\s*(\w+)")
SENTENCE_BREAK: Final = re.compile(r"[.!?][\"\u201d\u2019']?\s")


def _pronoun_gender(word: str) -> str | None:
    pronoun = _PRONOUNS.get(word.lower())
    return pronoun.gender if pronoun is not None and pronoun.gender in ("male", "female") else None


# The words that say a gender, in lower case: a mention with none of them says none
_GENDER_WORDS: Final = frozenset(w.lower() for w in (*EN.honorific_genders, *EN.noun_genders))


def _mention_gender(mention: str) -> str | None:
    """The gender a name's own words say: an honorific ('Mrs. Li') or a gendered noun ('the
    spokeswoman'); None when they say none or both."""
    if _GENDER_WORDS.isdisjoint(mention.lower().split()):
        return None
    said = {_HONORIFIC_GENDERS.get(w) or _NOUN_GENDERS.get(w.lower()) for w in mention.split()} - {None}
    return said.pop() if len(said) == 1 else None


class Resolver:
    def __init__(self, text: str, body: list[tuple[int, int]] | None = None, quoted=None,
                 reader: MentionReader | None = None) -> None:
        self.text = text
        # reads each distinct mention and apposition once (shared with profiling, when given)
        self.reader = reader if reader is not None else MentionReader()
        # the paragraphs that are article text (not page furniture), searched for personal names
        self.body = body if body is not None else [(0, len(text))]
        self._body_ends = [b for _, b in self.body]
        self._names: dict[int, list[tuple[int, int]]] = {}     # paragraph index -> its personal names
        self.quoted = quoted or (lambda pos: False)     # whether a position is inside quotation marks
        self.entities: list[Entity] = []
        self.recency: list[Entity] = []         # most recently mentioned last
        self.by_name: dict[tuple[str, ...], Entity] = {}    # normalised full name -> entity
        self.by_last: dict[str, Entity] = {}    # a person's last name -> the latest such entity
        self.last_of_kind: dict[str, Entity] = {}   # kind -> the entity of that kind mentioned last
        self._normal: dict[str, tuple[str, ...]] = {}   # a name -> its normalised words
        self._first_names: dict[str, list[str] | None] = {}    # surname -> see _first_named
        self._alone: frozenset[str] | None = None  # the capitalised words that stand alone in the text
        self.genders: dict[str, str] = {}          # entity id -> the gender its mentions so far say

    def _read(self, mention: str) -> Reading:
        """``read_mention``, once per distinct mention text of the article."""
        return self.reader.mention(mention)

    def _normal_words(self, name: str) -> tuple[str, ...]:
        """``_norm``, once per distinct name of the article."""
        words = self._normal.get(name)
        if words is None:
            words = self._normal[name] = tuple(_norm(name))
        return words

    def _new(self, reading: Reading, kind: str, named: bool) -> Entity:
        ent = Entity(f"s{len(self.entities) + 1}", reading.name, kind, reading.role, reading.organization,
                     named=named)
        self.entities.append(ent)
        if named:
            self._index(ent)
        return ent

    def _index(self, ent: Entity) -> None:
        words = self._normal_words(ent.name)
        if words:
            self.by_name[words] = ent
            if ent.kind == "person":
                self.by_last[words[-1]] = ent

    def _recent(self, before: int, accept) -> Entity | None:
        """The most recently mentioned entity that ``accept`` takes (among the last 64)."""
        for ent in reversed(self.recency[-64:]):
            if ent.last < before and accept(ent):
                return ent
        return None

    def _name_before(self, before: int, gender: str | None = None) -> Entity | None:
        """A person named earlier in the article though never as a speaker ("Farid Haddad visited
        the village. He said ..."): the last name within 400 characters before the pronoun, of no
        other gender than the pronoun's (G2: a known 'he' is never 'she')."""
        for start, end in self._names_back(before, before - 400):
            if end < before - 400:
                break
            reading = self._read(self.text[start:end])
            if reading.kind != "person":
                return None
            ent = self._same_name(reading, "person")
            if gender is not None and ent is None and not self._personal(start, end, alone=False):
                continue
            if not self._fits(ent, gender) or _mention_gender(self.text[start:end]) not in (None, gender):
                continue
            return ent or self._new(reading, "person", named=True)
        return None

    def _names_in(self, k: int) -> list[tuple[int, int]]:
        """The personal names of the k-th paragraph of article text, found once."""
        names = self._names.get(k)
        if names is None:
            a, b = self.body[k]
            names = self._names[k] = [(m.start(), m.end()) for m in PERSON_NAME.finditer(self.text, a, b)]
        return names

    def _names_back(self, before: int, reach: int) -> list[tuple[int, int]]:
        """The personal names that end by ``before``, nearest first, from the paragraphs of article
        text between ``reach`` and ``before`` (only those paragraphs are searched)."""
        out: list[tuple[int, int]] = []
        k = bisect_left(self._body_ends, reach)
        while k < len(self.body) and self.body[k][0] <= before:
            out.extend(name for name in self._names_in(k) if name[1] <= before)
            k += 1
        out.reverse()
        return out

    def _name_in_sentence(self, before: int, gender: str | None, since: int) -> Entity | None:
        """The nearest personal name before a pronoun in its own sentence, after position
        ``since`` and of no other gender, as an entity; None when there is none."""
        lead = self.text[max(0, since, before - 400):before]
        cut = max(lead.rfind("\n"), max((m.end() for m in SENTENCE_BREAK.finditer(lead)), default=-1))
        floor = before - len(lead) + cut + 1
        for start, end in self._names_back(before, floor):
            if start < floor:
                break
            if not self._personal(start, end):
                continue
            reading = self._read(self.text[start:end])
            if reading.kind != "person":
                continue
            ent = self._same_name(reading, "person")
            if self._fits(ent, gender) and _mention_gender(self.text[start:end]) in (None, gender):
                return ent or self._new(reading, "person", named=True)
        return None

    def _personal(self, start: int, end: int, alone: bool = True) -> bool:
        """Whether two or more capitalised words are a person's name the article uses: not in
        quotation marks, no function word or date among them ('On Wednesday'), and (``alone``)
        the surname stands on its own elsewhere ('Hillary Clinton' ... 'Clinton said'; not
        'United States')."""
        words = self.text[start:end].split()
        if self.quoted(start) or any(w.lower() in NOT_NAME_WORDS for w in words):
            return False
        if not alone:
            return True
        if self._alone is None:
            # every capitalised word, once: those that somewhere stand without a capitalised word
            # one blank before them (the text split at its capitalised words: gaps and words
            # alternate, the first word has none before it)
            parts = CAP_WORD_SPLIT.split(self.text)
            self._alone = frozenset([word.rstrip(".") for word in parts[1:2]]
                                    + [word.rstrip(".") for gap, word in zip(parts[2::2], parts[3::2]) if gap != " "])
        return words[-1] in self._alone

    def _relative_of(self, ent: Entity, before: int) -> bool:
        """Whether a position lies in a relative clause set after the entity's last mention
        ('Christie, who has campaigned for Trump since he ...': the clause speaks of Christie)."""
        end = next((e for s, e in ent.mentions if s == ent.last), None)
        if end is None:
            return False
        m = RELATIVE_AFTER.match(self.text, end)
        return m is not None and m.group(1).lower() in _RELATIVE and not SENTENCE_BREAK.search(self.text, end, before)

    def _fits(self, ent: Entity | None, gender: str | None) -> bool:
        """Whether a pronoun of this gender may refer to the entity: no mention of it so far says
        the other gender."""
        return ent is None or gender is None or self.genders.get(ent.id, gender) == gender

    def _same_name(self, reading: Reading, kind: str) -> Entity | None:
        words = self._normal_words(reading.name)
        if not words:
            return None
        ent = self.by_name.get(words)
        if ent is not None:
            return ent
        if kind == "person":
            ent = self.by_last.get(words[-1])
            if ent is not None and (len(words) == 1 or len(self._normal_words(ent.name)) == 1) \
                    and not (len(words) == 1 and self._first_owner(words[-1], ent)):
                return ent
        if kind == "organization":
            joined = " ".join(words)
            for ent in reversed(self.recency[-64:]):
                if ent.kind == "organization" and ent.named:
                    other = " ".join(self._normal_words(ent.name))
                    if joined in other or other in joined:
                        return ent
        return None

    def _first_owner(self, surname: str, ent: Entity) -> bool:
        """Whether the article names another person with this surname before it first names the
        entity ("Donald Trump's plan ... Ivanka Trump said ... Trump said": the bare surname is
        the person the article introduced first, not the last speaker of that surname)."""
        own = list(self._normal_words(ent.name))
        if len(own) < 2:
            return False
        first = self._first_named(surname)
        return first is not None and first != own

    def _first_named(self, surname: str) -> list[str] | None:
        """The normalised words of the first personal name of the article text that ends with this
        surname (not in quotation marks, no function word or date among them, no title or honorific
        before them), None when there is none; looked for once per surname."""
        if surname in self._first_names:
            return self._first_names[surname]
        found = None
        for k in range(len(self.body)):         # every personal name of the article text, in text order
            for start, end in self._names_in(k):
                name = self.text[start:end]
                if surname not in name.lower().replace("\u2019", "'"):
                    continue            # (the normalised words of a name are its words in lower case)
                words = [w[:-2] if w.endswith("'s") else w for w in _norm(name)]
                if len(words) >= 2 and words[-1] == surname and self._personal(start, end, alone=False) \
                        and not any(w in _HONORIFIC_GENDERS or w.title() in _TITLES for w in name.split()[:1]):
                    found = words
                    break
            if found is not None:
                break
        self._first_names[surname] = found
        return found

    def mention(self, start: int, end: int, appos: tuple[int, int] | None) -> tuple[Entity | None, Reading]:
        """Register a speaker mention; return its entity (None when it cannot be told) and reading."""
        reading = self._read(self.text[start:end])
        if appos is not None and reading.description and reading.kind != "organization" \
                and _head_word(reading.name) not in ORG_HEADS:
            named = _appositive_name(self.text[appos[0]:appos[1]])
            if named is not None:
                # "The shadow chancellor, Ravi Desai, said": the apposition names the described person
                reading = Reading(named, "person", reading.role, reading.organization)
                appos = None
        if appos is not None:
            found = self.reader.apposition(self.text[appos[0]:appos[1]])
            role, org = found.role, found.organization
            if role or org:
                reading = Reading(reading.name, "person" if reading.kind in ("person", "unknown") else reading.kind,
                                  reading.role or role, reading.organization or org, reading.pronoun,
                                  reading.description)
        ent: Entity | None
        if reading.pronoun:
            refers_to = _PRONOUNS[reading.name.lower()].refers_to
            if refers_to == PERSON:
                gender = _pronoun_gender(reading.name)
                ent = self.last_of_kind.get("person")
                near = self._name_in_sentence(start, gender, ent.last if ent is not None else -1)
                if near is not None and not (ent is not None and self._relative_of(ent, start)):
                    # "Christie described Hillary Clinton as a disgrace after she attacked ...":
                    # a person named in the pronoun's own sentence since the last speaker
                    ent = near
                if not self._fits(ent, gender):
                    # "Obama said. ... she said": the last person is a known 'he'; the last person
                    # or earlier name who may be a 'she' (else the last person still)
                    ent = self._recent(start, lambda e: e.kind == "person" and self.genders.get(e.id) == gender) \
                        or self._name_before(start, gender)
                elif ent is None:
                    ent = self._name_before(start, gender)
            elif refers_to == ORGANIZATION:
                ent = self.last_of_kind.get("organization")
            else:
                ent = self._recent(start, lambda e: e.kind in ("organization", "anonymous"))
            if ent is None:
                ent = self._new(reading, "unknown", named=False)
        elif reading.kind == "anonymous":
            ent = None
            if reading.name.lower().startswith(_DEFINITE):
                head = reading.name.lower().split()[-1]
                ent = self._recent(start, lambda e: e.kind == "anonymous" and e.name.lower().endswith(head))
            if ent is None:
                ent = self._new(reading, "anonymous", named=False)
        elif reading.description and reading.kind == "unknown" and _head_word(reading.name) in ORG_HEADS:
            # "the company", "the ministry": the most recent organization
            ent = self._recent(start, lambda e: e.kind == "organization")
            if ent is None:
                ent = self._new(reading, "organization", named=True)
        elif reading.description:
            key = _role_key(reading.role)
            ent = None
            if key:
                ent = self._recent(start, lambda e: e.kind == "person" and e.named and _role_key(e.role) == key)
            if ent is None:
                ent = self._same_name(reading, reading.kind) or self._new(reading, reading.kind, named=True)
        else:
            ent = self._same_name(reading, reading.kind)
            if ent is None:
                ent = self._new(reading, reading.kind, named=True)
            else:
                if len(reading.name) > len(ent.name) and reading.kind == ent.kind:
                    ent.name = reading.name
                    self._index(ent)
                ent.role = ent.role or reading.role
                ent.organization = ent.organization or reading.organization
        ent.mentions.append((start, end))
        ent.last = max(ent.last, start)
        if ent.kind in ("person", "unknown") and ent.id not in self.genders:
            # the first mention that says a gender gives the entity's
            said = _pronoun_gender(reading.name) if reading.pronoun else _mention_gender(self.text[start:end])
            if said is not None:
                self.genders[ent.id] = said
        self.last_of_kind[ent.kind] = ent
        if not self.recency or self.recency[-1] is not ent:
            # move the entity to the most recent end (only the last 64 are ever searched; an entity
            # mentioned for the first time is in none of them)
            recent = self.recency[-64:] if len(ent.mentions) > 1 else []
            for k in range(len(recent) - 1, -1, -1):
                if recent[k] is ent:
                    del self.recency[len(self.recency) - len(recent) + k]
                    break
            self.recency.append(ent)
            if len(self.recency) > 256:
                del self.recency[:-64]
        return ent, reading
