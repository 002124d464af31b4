"""Speaker profiles: what the whole article says about each speaker entity.

A speaker is often named in full once ("Republican vice-presidential nominee Mike Pence") and then
by surname ("Pence said"). Once resolution has grouped the mentions into entities, this stage reads
the article around every occurrence of each person's name:

- name (ENRICHED N1): the fullest form of the name the article gives (first names before the
  surname, most frequent first, no titles);
- affiliation (A1-A3, A7): role and organization from the words before any occurrence of the name
  when the speaker's own mention gave none, a party from party words before it or a party tag
  after it ("(D-N.Y.)"), party nominees as their party's organization, offices named only by a
  title ("Sen.") as their institution;
- gender (G1-G3): from personal pronouns that refer to the person (resolved speaker pronouns, and
  the first pronoun after the person's name in the rest of the sentence outside quotation marks,
  with no other name in between), honorifics before the name and gendered nouns in the person's
  role; evidence both ways gives none.

Pure: reads the text and the entities, returns new values.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate, islice
from typing import Final, Iterable, Iterator, Mapping, Sequence, cast

from .affiliation import MentionReader, is_organization
from .language import ENGLISH as EN, alternatives
from .lexicon import ROLES, TITLES
from .model import Affiliation, Gender, Span
from .resolve import Entity

# The language data the functions below read, as module constants (compiled code reads a
# constant from a C static, not an attribute of the language object; a mapping as a dict, not
# a mappingproxy, which compiled code looks up only through generic calls)
_ARTICLES: Final = EN.articles
_BOUNDARY_WORDS: Final = EN.boundary_words
_CAMPAIGN_NOUNS: Final = EN.campaign_nouns
_CAMPAIGN_ROLES: Final = EN.campaign_roles
_CAMPAIGN_SYNONYMS: Final = EN.campaign_synonyms
_DESCRIPTIONS: Final = dict(EN.descriptions)
_NOMINEE_ROLES: Final = EN.nominee_roles
_OBJECT_PRONOUNS: Final = EN.object_pronouns
_PAST_MARKERS: Final = EN.past_markers
_POSSESSIVE_SUFFIXES: Final = EN.possessive_suffixes
_PREPOSITIONS: Final = EN.prepositions
_PRONOUNS: Final = dict(EN.pronouns)
_RELATIVE: Final = EN.relative
_TITLE_ROLES: Final = dict(EN.title_roles)
_VERBS: Final = dict(EN.verbs)


PRONOUN_GENDER: Final = cast(dict[str, Gender], dict(EN.pronoun_genders))
HONORIFIC_GENDER: Final = cast(dict[str, Gender], dict(EN.honorific_genders))
NOUN_GENDER: Final = cast(dict[str, Gender], dict(EN.noun_genders))
PARTY_WORDS: Final = dict(EN.party_words)
PARTY_TAGS: Final = dict(EN.party_tags)
OFFICES: Final = dict(EN.offices)
NATIONALITIES: Final = dict(EN.nationalities)

# A party tag after a name: "(D-N.Y.)", "(R-Texas)", ", R-Ind.,".
PARTY_TAG: Final = re.compile(r"\s*[(,]\s*(?P<letter>[A-Z])\s*[-\u2013]\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?\s*[),]")
TRAILING_TAG: Final = re.compile(r"\s*\(\s*[A-Z]\s*[-\u2013]\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?\s*\)\s*$")
WORD: Final = re.compile(r"[\w\u2019'.-]+|[^\w\s]")
_PARTY_NAMES: Final = "|".join(sorted(map(re.escape, (w for w in PARTY_WORDS if len(w) > 1)), key=len, reverse=True))
# "the Republican nominee", "the Democratic presidential candidate", "the GOP nominee for president"
# (\b(?:the|The) written as a first letter, then no word character before it: a pattern that opens
# with a character class is searched for that character first, one fast scan of the text)
PARTY_DESCRIPTION: Final = re.compile(
    r"[tT](?<!\w[tT])he\s+(?P<party>%s)\s+(?P<role>(?:(?:%s)\s+){0,2}(?:%s)(?:\s+(?:%s)\s+(?:%s))?)\b"
    % (_PARTY_NAMES,
       "|".join(sorted(map(re.escape, EN.role_modifiers), key=len, reverse=True)),
       "|".join(map(re.escape, sorted(EN.nominee_roles))),
       "|".join(map(re.escape, sorted(EN.org_links))),
       "|".join(sorted((re.escape(r).replace("\\ ", "\\s+") for r in ROLES), key=len, reverse=True))))
# what every party description holds from its second letter on: a pattern opening with a literal is
# searched for it faster still (see _party_description_matches)
PARTY_AFTER_HE: Final = re.compile(r"he\s+(?:%s)" % _PARTY_NAMES)
NAME_AFTER: Final = re.compile(r",?\s(?P<name>[A-Z][\w\u2019'.-]+(?:\s[A-Z][\w\u2019'.-]+){0,3})")


def _whole_words(words: Iterable[str]) -> re.Pattern:
    """``\\b(?:WORDS)\\b`` without regard to case. When the words are ASCII letters, written with
    the first letter first and look-behinds after it for the word boundary before it and, per word,
    for its first letter: a pattern opening with a character class is searched for that class
    first, one fast scan of the text, instead of being tried at every position. The class holds
    both cases of the first letters and every non-ASCII character (the only characters that match
    an ASCII letter when case does not count) and is read with case counting (with case not
    counting, the regex engine would try every position), the rest without. The same matches (of
    words of letters, at most one is a whole word at a place)."""
    words = sorted(set(words))
    if not all(word.isascii() and word.isalpha() for word in words):
        return re.compile(r"\b" + alternatives(words) + r"\b", re.IGNORECASE)
    rests: dict[str, list[str]] = {}
    for word in words:
        rests.setdefault(word[0].lower(), []).append(word[1:])
    firsts = "".join(rests)
    branches = "|".join(f"(?<={first}){alternatives(rest)}" for first, rest in rests.items())
    return re.compile(rf"[{firsts}{firsts.upper()}\x80-\U0010ffff](?i:(?<=\b[{firsts}])(?:{branches}))\b")


PERSONAL: Final = _whole_words(PRONOUN_GENDER)
# [.!?]\s|\n, written with the character every match opens with first (a pattern opening with a
# character class is searched for that class first, one fast scan of the text)
SENTENCE_END: Final = re.compile(r"[.!?\n](?:(?<=\n)|\s)")
PRONOUN_REACH: Final = 300     # characters after a name searched for the pronoun that refers to it
MAX_PREMODIFIER_WORDS: Final = 7
# Words written in capitals before a name that are not first names.
NOT_FIRST_NAMES: Final = (frozenset(TITLES) | frozenset(t.rstrip(".") for t in TITLES) | frozenset(NATIONALITIES)
                   | frozenset(PARTY_WORDS) | frozenset(HONORIFIC_GENDER))


class EntityView:
    """One speaker entity as resolution left it, after merging (see :func:`merge_plan`); a value,
    never changed once made (a plain class: compiled code makes and reads it natively)."""

    __slots__ = ("id", "name", "kind", "role", "organization", "mentions")

    def __init__(self, id: str, name: str, kind: str, role: str | None, organization: str | None,
                 mentions: tuple[tuple[int, int], ...]) -> None:
        self.id = id
        self.name = name
        self.kind = kind
        self.role = role
        self.organization = organization
        self.mentions = mentions


class Profile:
    """What the article says of one speaker entity; a value, never changed once made."""

    __slots__ = ("name", "affiliation", "gender", "gender_evidence", "kind")

    def __init__(self, name: str, affiliation: Affiliation | None, gender: Gender | None,
                 gender_evidence: tuple[Span, ...], kind: str = "unknown") -> None:
        self.name = name
        self.affiliation = affiliation
        self.gender = gender
        self.gender_evidence = gender_evidence
        self.kind = kind


def _strip_title_words(name: str) -> tuple[str, str | None]:
    """'Mayor Bill de Blasio' -> ('Bill de Blasio', 'mayor'); titles, roles, nationalities and
    party words before a person's name are not part of it (N1)."""
    words = name.split()
    role: list[str] = []
    if all(_title_like(w) or not w[:1].isupper() for w in words):
        return name, None               # a description, no personal name: "Finnish Defence Minister"
    while len(words) > 1 and _title_like(words[0]):
        if _is_role_word(words[0]):
            role.append(words[0].lower())
        words = words[1:]
    return " ".join(words), (" ".join(role) or None)


def _title_like(word: str) -> bool:
    return word in NOT_FIRST_NAMES or word.rstrip(".") in NOT_FIRST_NAMES or _is_role_word(word)


# Words that make up role phrases: every role word of a one-word role, and the first and last
# words of longer ones ("vice president", "foreign minister").
ROLE_WORDS: Final = frozenset(w for r in ROLES for w in ((r,) if " " not in r else (r.split()[0], r.split()[-1])))


def _is_role_word(word: str) -> bool:
    return word.lower().strip(".") in ROLE_WORDS


LETTERS: Final = re.compile(r"[A-Za-z]+")
MAX_OCCURRENCES: Final = 40     # occurrences of one name read for its profile
MAX_READINGS: Final = 2000      # occurrences read in one text, all names together (hostile text stays linear)
CAP_WORD: Final = re.compile(r"[A-Z][\w\u2019'-]*\.?")
CAP_WORD_SPLIT: Final = re.compile(f"({CAP_WORD.pattern})")      # re.split keeps the words
INITIAL: Final = re.compile(r"[A-Z]\.")
KEY: Final = re.compile(r"[A-Z][\w'-]*")       # the form of a capitalised word's key (see NameIndex)
MAX_SEARCHED: Final = 32        # words searched for one by one in a text; past them, all are indexed at once


def _in_word(char: str) -> bool:
    """A character a capitalised word goes on with (CAP_WORD's [\\w'-]; apostrophes made one kind)."""
    return char.isalnum() or char == "_" or char == "'" or char == "-"


class NameIndex:
    """Where the capitalised words of the text stand, by their form (possessive and final period
    aside), so that finding a name's occurrences costs about those occurrences. The words are
    CAP_WORD's matches in the text, its apostrophes made one kind: a capital and the word
    characters, apostrophes and hyphens after it, with a period after them; each starts at the
    first capital of a run of such characters ('al-Assad' holds 'Assad'). A word's key is the
    word without its period and its possessive ending. The words of a key are found when the key
    is first asked for, with a search of the text for the key (texts name few people); past
    MAX_SEARCHED keys, every word of the text is indexed in one pass (hostile text stays linear)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._flat = text.replace("\u2019", "'")        # the same words at the same places
        self._at: dict[str, list[tuple[int, int]]] = {}     # key -> where its first words start and end
        self._all: dict[str, list[tuple[int, int]]] | None = None     # every key's, once indexed
        self._befores: dict[int, tuple[int, int] | None] = {}       # word start -> see _before
        self._names: dict[str, tuple[dict[str, int], list[str]]] = {}     # surname -> _full_names

    def _words(self, key: str) -> list[tuple[int, int]]:
        """Where the words of this key start and end, the first MAX_OCCURRENCES of them."""
        found = self._at.get(key)
        if found is None:
            if len(self._at) < MAX_SEARCHED:
                found = self._search(key)
            else:
                found = self._index().get(key, [])
            self._at[key] = found
        return found

    def _search(self, key: str) -> list[tuple[int, int]]:
        """The first MAX_OCCURRENCES words of the key, found where the text holds the key."""
        out: list[tuple[int, int]] = []
        if KEY.fullmatch(key) is None:
            return out          # no word has this key
        flat = self._flat
        size = len(flat)
        at = flat.find(key)
        while at >= 0 and len(out) < MAX_OCCURRENCES:
            if not self._starts_word(at):
                at = flat.find(key, at + 1)     # inside a word
                continue
            end = at + len(key)
            while end < size and _in_word(flat[end]):
                end += 1
            word = flat[at:end]
            if (word[:-2] if word.endswith("'s") else word) == key:
                out.append((at, end + 1 if end < size and flat[end] == "." else end))
            at = flat.find(key, end)        # (no word starts inside this one)
        return out

    def _starts_word(self, at: int) -> bool:
        """Whether a word starts at this capital: no capital before it in its run of word characters."""
        flat = self._flat
        k = at - 1
        while k >= 0 and _in_word(flat[k]):
            if "A" <= flat[k] <= "Z":
                return False
            k -= 1
        return True

    def _index(self) -> dict[str, list[tuple[int, int]]]:
        """Every key's words, the first MAX_OCCURRENCES of each, from one split of the text at its
        words (gaps and words alternate: where each word starts and ends is the length of all
        that comes before)."""
        if self._all is None:
            parts = CAP_WORD_SPLIT.split(self._flat)
            bounds = list(accumulate(map(len, parts)))
            self._all = {}
            for i, word in enumerate(parts[1::2]):
                key = _word_key(word) if word.endswith((".", "'s")) else word
                found = self._all.setdefault(key, [])
                if len(found) < MAX_OCCURRENCES:
                    found.append((bounds[2 * i], bounds[2 * i + 1]))
        return self._all

    def occurrences(self, word: str, first: Iterable[str] = ()) -> list[int]:
        """Where the word stands, the first MAX_OCCURRENCES times (what an article says of a name
        is said by then; the bound keeps hostile text of a few repeated names linear). With the
        name's first names, not where another first name stands before it: 'Ivanka Trump' is not
        an occurrence of Donald Trump."""
        found = self._words(_word_key(word))
        firsts = {_word_key(w) for w in first}
        if not firsts:
            return [start for start, _ in found]
        out = []
        for start, _ in found:
            before = self._before(start)
            if before is not None:
                other = self.text[before[0]:before[1]]
                if _word_key(other) not in firsts and _first_name_like(other):
                    continue
            out.append(start)
        return out

    def _before(self, start: int) -> tuple[int, int] | None:
        """Where the capitalised word right before the word at ``start``, one space away, starts
        and ends; None when there is none."""
        if start in self._befores:
            return self._befores[start]
        found = None
        flat = self._flat
        gap = start - 1
        if gap > 0 and flat[gap].isspace() and flat[gap] != "\n":
            k = gap - 1 if flat[gap - 1] == "." else gap      # a word may end with a period
            first = -1
            while k > 0 and _in_word(flat[k - 1]):
                k -= 1
                if "A" <= flat[k] <= "Z":
                    first = k       # the word starts at the first capital of the run
            if first >= 0:
                found = (first, gap)
        self._befores[start] = found
        return found

    def alone(self, surname: str, first: str) -> bool:
        """Whether the article also writes the surname without this word before it ("Clinton"
        beside "Hillary Clinton": a person's name, not a place's "Middle West")."""
        text = self.text
        for start, _ in self._words(surname):
            before = self._before(start)
            if before is None or text[before[0]:before[1]] != first:
                return True
        return False

    def full_name(self, surname: str) -> str | None:
        """The most frequent 'First [M.] Surname' the article writes for a one-word person name;
        when its text names two people of that surname, the one it names first below the headline."""
        counts, body = self._full_names(surname)
        if not counts:
            return None
        if len(body) > 1:
            return body[0]      # two people of one name: the surname alone is the one the article names first
        return max(counts, key=lambda n: (counts[n], "." not in n, len(n)))

    def shared_by(self, surname: str) -> str | None:
        """When the article names two people of this surname below the headline, the one it names
        first, whom the surname alone means; None otherwise."""
        body = self._full_names(surname)[1]
        return body[0] if len(body) > 1 else None

    def _full_names(self, surname: str) -> tuple[dict[str, int], list[str]]:
        """How often the article writes each 'First [M.] Surname', and those it writes below the
        headline, in text order (found once per surname; read, never changed, by the callers)."""
        found = self._names.get(surname)
        if found is None:
            found = self._names[surname] = self._count_full_names(surname)
        return found

    def _count_full_names(self, surname: str) -> tuple[dict[str, int], list[str]]:
        text = self.text
        counts: dict[str, int] = {}
        body: list[str] = []
        headline = text.find("\n")
        for start, _ in self._words(_word_key(surname)):
            before = self._before(start)
            if before is None:
                continue
            first = text[before[0]:before[1]]
            if INITIAL.fullmatch(first):
                before = self._before(before[0])
                if before is None:
                    continue
                first = text[before[0]:before[1]] + " " + first
            if not _first_name_like(first.split()[0]):
                continue
            name = f"{first} {surname}"
            counts[name] = counts.get(name, 0) + 1
            if start > headline and name not in body:
                body.append(name)
        return counts, body


def _first_name_like(head: str) -> bool:
    """A capitalised word right before a surname that may be a first name: no title, role, party,
    nationality, sentence opener, possessive, abbreviation or word in capitals."""
    return not (head in NOT_FIRST_NAMES or head.rstrip(".") in NOT_FIRST_NAMES or _is_role_word(head)
                or head.endswith(("'s", "\u2019s", ".")) or head.isupper() or head.lower() in _SENTENCE_OPENERS)


def _word_key(word: str) -> str:
    word = word.rstrip(".").replace("\u2019", "'")
    return word[:-2] if word.endswith("'s") else word      # (no \u2019 left to end "\u2019s")


_SENTENCE_OPENERS: Final = EN.sentence_openers


def _premodifier(text: str, start: int) -> list[str]:
    """The words right before a name that can describe its bearer ("Republican vice-presidential
    nominee", "Fed Chair"), nearest last; stops at punctuation, a sentence start or a verb."""
    if not start or text[start - 1] == "\n":
        return []           # the name opens the text or a line
    line = max(0, start - 120, text.rfind("\n", max(0, start - 120), start) + 1)    # where the line starts
    out: list[str] = []
    # The WORD tokens of the line, last first, tokenized as they are read: no token spans a blank,
    # so the pieces of the line between blanks, read back from the name, give the same tokens
    # piece by piece (a piece of letters and digits is one); the reading stops within
    # MAX_PREMODIFIER_WORDS + 1 tokens.
    end = start
    while True:
        while end > line and text[end - 1].isspace():
            end -= 1
        if end == line:
            break
        begin = end - 1
        while begin > line and not text[begin - 1].isspace():
            begin -= 1
        piece = text[begin:end]
        words = [piece] if piece.isalnum() else WORD.findall(piece)
        for k in range(len(words) - 1, -1, -1):
            if not _premodifier_word(words[k], out):
                out.reverse()
                return out
        end = begin
    out.reverse()
    return out


def _premodifier_word(w: str, out: list[str]) -> bool:
    """Whether a premodifier read back from a name (``out``, nearest first) goes on with the word
    before it, ``w``: if so, the word is added to it."""
    if len(out) >= MAX_PREMODIFIER_WORDS:
        return False
    if not (w[0].isalnum() or w[0] == "_"):         # opens with no word character (\w)
        if w in ("'", "\u2019") and out:
            out.append(w)
            return True
        return False
    if w.endswith(".") and w not in TITLES and not (len(w) == 2 and "A" <= w[0] <= "Z") \
            and w[:-1] not in _ABBREVIATIONS:
        return False        # "... President Obama.  Trump said": the sentence before ends here (an initial does not)
    if w[0].isupper() or _is_role_word(w) or w.lower() in _MODIFIERS or "-" in w:
        out.append(w)
        return True
    if w in _ROLE_OF and out and out[-1][0].isupper():
        out.append(w)       # "Republican Secretary of State Jon Husted"
        return True
    return False


_MODIFIERS: Final = EN.role_modifiers
_ABBREVIATIONS: Final = EN.abbreviations
_ROLE_OF: Final = EN.role_of


def _describes(word: str) -> bool:
    """A word that can make the words before a name a description of its bearer."""
    bare = word.strip(".,")
    return (_is_role_word(bare) or bare in PARTY_WORDS or bare in NATIONALITIES or bare in OFFICES
            or word in TITLES or bare.lower() in _MODIFIERS)


def _party_of(words: Iterable[str]) -> tuple[str, str | None] | None:
    for w in words:
        found = PARTY_WORDS.get(w.strip(".,"))
        if found:
            return found
    return None


def _affiliation_from(words: list[str], name: str, reader: MentionReader) -> tuple[str | None, str | None, str | None]:
    """(organization, role, party) from the words before a name (read as a mention by ``reader``)."""
    if not words:
        return None, None, None
    if any(w.lower() in _PAST_MARKERS for w in words):
        return None, None, None
    party = _party_of(words)
    lowered = [w for w in words if w.strip(".,") not in PARTY_WORDS]
    role_words = [w for w in lowered if not w[0].isupper() or _is_role_word(w)]
    if party and any(w.lower() in _NOMINEE_ROLES for w in role_words):
        # "Republican vice-presidential nominee Mike Pence" -> Republican Party, vice-presidential nominee
        return party[1], " ".join(w.lower() for w in role_words), party[0]
    reading = reader.mention(" ".join(lowered + [name]))
    org, role = reading.organization, reading.role
    if org is None and role is not None:
        office = OFFICES.get(" ".join(lowered)) or OFFICES.get(role)
        if office is not None and (role.lower() == office[1] or " ".join(lowered) in OFFICES):
            org, role = office
    elif role is None and lowered:
        office = OFFICES.get(" ".join(lowered))
        if office is not None:
            org, role = office
    if role is not None:
        role = role.lower()
    return org, role, party[0] if party else None


Candidate = tuple[str | None, str | None, bool]      # organization, role, a past role (A5)


def _strength(c: Candidate) -> tuple[bool, bool, bool, bool]:
    org, role, past = c
    office = org is not None and role is not None and OFFICES.get(role.title(), (None, None))[0] == org
    return (bool(org or role) and not past, bool(org) and not office, bool(org), bool(role))


def _better(cur: Candidate, new: Candidate) -> Candidate:
    """The affiliation to keep (A5): a current one over a past one, then the most specific (an
    organization read from the article over an office named only by its title, over none); the
    first of equals."""
    if not (new[0] or new[1]):
        return cur
    if not (cur[0] or cur[1]):
        return new
    if new[0] and not new[1] and cur[1] and not cur[0]:
        return (new[0], cur[1], cur[2] and new[2])     # the organization of a role already known
    return new if _strength(new) > _strength(cur) else cur


MEMBER_OFFICES: Final = {OFFICES[t][1]: OFFICES[t] for t in EN.member_offices}
_COUNTRIES: Final = frozenset(NATIONALITIES.values())


def _office_of(org: str | None, role: str | None) -> tuple[str | None, str | None]:
    """An office named only by its title gives its institution (A3: `Sen.` -> U.S. Senate); a
    place before a member's title is the constituency, not the organization (`the Vermont
    senator` -> U.S. Senate, senator; `the California congressman` -> representative)."""
    if not role:
        return org, role
    office = OFFICES.get(role.title()) or OFFICES.get(role)
    if office is None:
        return org, role
    if org is None:
        return office[0], office[1] if office[1] in MEMBER_OFFICES else role
    if office[1] in MEMBER_OFFICES and org not in _COUNTRIES and org not in NATIONALITIES \
            and all(w[:1].isupper() for w in org.split()) and not is_organization(org.split()):
        return office
    return org, role


CAMPAIGN: Final = next(iter(EN.campaign_nouns))


def _campaign(org: str | None, role: str | None) -> str | None:
    """N2: a campaign is `<Surname> campaign` whatever the words (`Trump's campaign`, `the Trump
    team`); a campaign role after a surname is of that campaign (`a top Trump surrogate`)."""
    if not org:
        return org
    words = org.split()
    last = words[-1].lower()
    if len(words) > 1 and (last in _CAMPAIGN_NOUNS or last in _CAMPAIGN_SYNONYMS):
        owner = words[-2]
        for suffix in _POSSESSIVE_SUFFIXES:
            if owner.endswith(suffix):
                owner = owner[:-len(suffix)]
        if owner[:1].isupper() and not is_organization([owner]):
            return " ".join(words[:-2] + [owner, CAMPAIGN])
    if role and (role.split()[-1] in _CAMPAIGN_ROLES or role.split()[0] in _CAMPAIGN_NOUNS) \
            and len(words) <= 3 and all(w[:1].isupper() for w in words) and not is_organization(words) \
            and org not in NATIONALITIES and org not in _COUNTRIES:
        owner = words[-1]       # "a top Trump surrogate", "Hillary Clinton's campaign manager"
        for suffix in _POSSESSIVE_SUFFIXES:
            if owner.endswith(suffix):
                owner = owner[:-len(suffix)]
        return f"{owner} {CAMPAIGN}"
    return org


def _party_descriptions(text: str, entities: list[Entity | EntityView], index: NameIndex) -> dict[str, tuple[str | None, str, str]]:
    """A2 from descriptions with no name beside them ("the Republican nominee's stance", "the
    Democratic presidential candidate's former doctor"): by surname, the organization, role and
    party of the person named last before it (not the subject of a reporting verb there: "Melanie
    said to the Republican nominee" is not Melanie), or named right after it ("the Republican
    nominee, Donald Trump")."""
    surnames: dict[str, bool] | None = None      # made at the first description (most texts have none)
    out: dict[str, tuple[str | None, str, str]] = {}
    for m in islice(_party_description_matches(text), MAX_DESCRIPTIONS):
        if surnames is None:
            surnames = {}
            for ent in entities:
                if ent.kind == "person":
                    words = _strip_title_words(ent.name)[0].split()
                    if words and words[-1][:1].isupper():
                        surnames[words[-1].rstrip(".,")] = True
        if not surnames:
            return {}
        party = PARTY_WORDS.get(m.group("party"))
        if party is None:
            continue
        role = " ".join(m.group("role").lower().split())
        after = text[m.end():m.end() + 60]
        named = NAME_AFTER.match(after)
        if named and not named.group(0).startswith(","):
            continue            # "GOP nominee Donald Trump": the premodifier reading has it
        target = None
        if named:
            target = next((w for w in reversed(named.group("name").split()) if w in surnames), None)
        if target is None:
            target = _named_before(text, m.start(), surnames, index)
        if target is not None and target not in out:
            out[target] = (party[1], role, party[0])
    return out


def _party_description_matches(text: str) -> Iterator[re.Match]:
    """PARTY_DESCRIPTION.finditer(text), found from where PARTY_AFTER_HE finds its 'he' and party
    word: a match starts one character before such a place, and the places are few."""
    pos = 0
    while (place := PARTY_AFTER_HE.search(text, pos + 1)) is not None:
        m = PARTY_DESCRIPTION.match(text, place.start() - 1)
        if m is not None:
            yield m
            pos = m.end()
        else:
            pos = place.start()


DESCRIPTION_REACH: Final = 600     # characters before a party description searched for the person it describes
MAX_DESCRIPTIONS: Final = 200      # party descriptions read in one text


FOLLOWER: Final = re.compile(r"\s+([a-z]+)")


def _named_before(text: str, pos: int, surnames: Mapping[str, bool], index: "NameIndex") -> str | None:
    """The surname of the person named last before pos (within DESCRIPTION_REACH), skipping one
    that is the subject of a reporting verb right after the name."""
    caps = list(CAP_WORD.finditer(text, max(0, pos - DESCRIPTION_REACH), pos))
    for k in range(len(caps) - 1, -1, -1):
        m = caps[k]
        word = _word_key(m.group())
        follower = FOLLOWER.match(text[m.end():m.end() + 30])
        subject = bool(follower and follower.group(1) in _VERBS)
        if word in surnames:
            if subject:
                continue
            return word
        if k > 0 and caps[k - 1].end() + 1 == m.start() and not subject \
                and caps[k - 1].group() not in NOT_FIRST_NAMES and not _is_role_word(caps[k - 1].group()) \
                and index.alone(word, caps[k - 1].group()):
            return None         # "Hillary Clinton", later "Clinton": someone else is named nearer
    return None


class TextReading:
    """What profiling reads in one text, kept while its entities are profiled: the name index, and
    by position the words before a name, the appositions beside it and the pronoun after it (the
    entities of one name read the same places; so do the merged entities of a second call), and
    the affiliation read from the words before a name. ``mentions`` reads the phrases before and
    beside a name (give the one resolution read the speakers' mentions with: they are mostly the
    same phrases)."""

    def __init__(self, text: str, quotes_cover, mentions: MentionReader | None = None) -> None:
        self.text = text
        self.quotes_cover = quotes_cover
        self.mentions = mentions if mentions is not None else MentionReader()
        self.index = NameIndex(text)
        self.readings: dict[tuple[tuple[str, ...], str], tuple[str | None, str | None, str | None]] = {}
        self._premodifiers: dict[int, list[str]] = {}
        self._appositions: dict[tuple[int, int], list[tuple[int, str]]] = {}
        self._pronouns: dict[int, list[tuple[Gender, Span]]] = {}

    def premodifier(self, start: int) -> list[str]:
        found = self._premodifiers.get(start)
        if found is None:
            found = self._premodifiers[start] = _premodifier(self.text, start)
        return found

    def appositions(self, start: int, end: int) -> list[tuple[int, str]]:
        found = self._appositions.get((start, end))
        if found is None:
            found = self._appositions[start, end] = _appositions(self.text, start, end)
        return found

    def pronoun_after(self, pos: int) -> list[tuple[Gender, Span]]:
        found = self._pronouns.get(pos)
        if found is None:
            found = self._pronouns[pos] = _pronoun_after(self.text, pos, self.quotes_cover)
        return found


def profile_entities(text: str, entities: Iterable[Entity | EntityView], quotes_cover,
                     contents: dict[str, list[int]], reading: TextReading | None = None) -> dict[str, Profile]:
    """A profile for each entity (``id``, ``name``, ``kind``, ``role``, ``organization``,
    ``mentions``); ``quotes_cover(pos)`` tells whether a position lies inside quotation marks;
    ``contents`` gives, per entity id, where the content of each of its statements starts.
    ``reading``, a :class:`TextReading` the caller makes for one call of the engine (of this text
    and ``quotes_cover``) and passes to each call on it, keeps what a call read in the text for
    the next."""
    out: dict[str, Profile] = {}
    if reading is None or reading.text is not text:
        reading = TextReading(text, quotes_cover)
    index, readings, mentions = reading.index, reading.readings, reading.mentions
    budget = MAX_READINGS
    entities = list(entities)
    descriptions = _party_descriptions(text, entities, index)
    for ent in entities:
        name, kind = ent.name, ent.kind
        aff: tuple[str | None, str | None, str | None] = (ent.organization, ent.role, None)
        if kind == "organization" and ent.organization:
            aff = (_campaign(ent.organization, None), ent.role, None)
        gender: Gender | None = None
        evidence: list[tuple[Gender, Span]] = []
        tag = TRAILING_TAG.search(name) if "(" in name else None     # a tag has a "("
        if tag and kind in ("person", "unknown"):
            # "Sen. Lindsey Graham (R-S.C.)": a party tag follows a person's name, never part of it
            name, kind = name[:tag.start()], "person"
        titled = _titled_person(name) if kind in ("organization", "person") else None
        if titled is not None:
            # "Retired U.S. Air Force Gen. Norman Hale": a person with a title, not the force
            name, kind = titled[0], "person"
            aff = (titled[1], titled[2], None)
        if kind == "unknown" and name.lower() in PRONOUN_GENDER:
            # an unresolved 'she' is still one person (K1), of the gender its pronouns say (G1)
            kind = "person"
            kinds = {PRONOUN_GENDER[text[a:b].lower()] for a, b in ent.mentions if text[a:b].lower() in PRONOUN_GENDER}
            if len(kinds) == 1:
                gender = kinds.pop()
                evidence = [(gender, Span(a, b, text[a:b])) for a, b in ent.mentions]
        elif kind == "person":
            name, title_role = _strip_title_words(name)
            words = name.split()
            if len(words) == 1:
                full = index.full_name(words[0].title() if words[0].isupper() and len(words[0]) > 2
                                       else words[0])
                if full:
                    name = full
            parts = name.split()        # the name's words, from here on as they stay
            surname = parts[-1]
            org, role, party = aff[0], aff[1] or title_role, None
            if org is not None and org in PARTY_WORDS:
                party, org = PARTY_WORDS[org][0], PARTY_WORDS[org][1]
            past = any(w.lower() in _PAST_MARKERS for w in ent.name.split())
            best = (*_clean_org(org, role, name), past)
            for start, end in ent.mentions:
                own = text[start:end].split()
                if not _party_of(own):
                    continue
                # "the current Democratic presidential nominee": a mention itself gives the party
                # (A2, A7), and a nominee's organization is the party
                lead = [w for w in own if w.strip(".,") not in parts]
                o_org, o_role, o_party = _affiliation_from(lead, name, mentions)
                party = party or o_party
                if o_org and (not best[0] or best[0] in PARTY_WORDS):
                    best = (o_org, o_role or best[1], False)
            first = parts[:-1]
            occurrences = index.occurrences(surname, first)[:budget]
            budget -= len(occurrences)
            first_names = " ".join(first)
            for pos in occurrences:
                first_start = pos
                if first and text[max(0, pos - len(first_names) - 1):pos].strip() == first_names:
                    first_start = pos - len(first_names) - 1
                # "Donald Trump ... Ivanka Trump ... Trump said he": the surname alone is the person
                # named first, so it says nothing of the other's gender
                ours = first_start != pos or index.shared_by(surname) in (None, name)
                before = reading.premodifier(first_start)
                if first and first_start == pos and before and before[-1][:1].isupper() \
                        and not _describes(before[-1]):
                    before = []         # "Bill Clinton" is not Hillary Clinton: another first name
                if any(_describes(w) for w in before):
                    key = (tuple(before), name)
                    if key not in readings:
                        readings[key] = _affiliation_from(before, name, mentions)
                    b_org, b_role, b_party = readings[key]
                    party = party or b_party
                    best = _better(best, (*_clean_org(b_org, b_role, name), False))
                tag = PARTY_TAG.match(text, pos + len(surname))
                if tag and not party:
                    party = PARTY_TAGS.get(tag.group("letter"), (None, None))[0]
                if before and ours:
                    honorific = before[-1]
                    g = HONORIFIC_GENDER.get(honorific)
                    if g:
                        at = first_start - 1 - len(honorific)
                        if text[at:at + len(honorific)] == honorific:
                            evidence.append((g, Span(at, at + len(honorific), honorific)))
                if ours:
                    evidence.extend(reading.pronoun_after(pos + len(surname)))
                for phrase_start, phrase in reading.appositions(first_start, pos + len(surname)):
                    for m in LETTERS.finditer(phrase):
                        g = NOUN_GENDER.get(m.group().lower()) if ours else None
                        if g:
                            at = phrase_start + m.start()
                            evidence.append((g, Span(at, at + len(m.group()), m.group())))
                    phrase_words = phrase.split()
                    phrase_party = _party_of(phrase_words)
                    if phrase_start > pos:
                        appos = mentions.apposition(phrase)
                        best = _better(best, (appos.organization, appos.role.lower() if appos.role else None,
                                              appos.former))
                    elif phrase_party:
                        # "the Republican nominee, Donald Trump": the description before the name
                        d_org, d_role, _ = _affiliation_from(phrase_words[-MAX_PREMODIFIER_WORDS:], name, mentions)
                        best = _better(best, (d_org, d_role, False))
                    party = party or (phrase_party or (None, None))[0]
            if len(parts) > 1:
                # "Ban Ki-moon ... Mr. Ban said": an honorific before the first word of a name
                # written family name first
                heads = index.occurrences(parts[0])[:budget]
                budget -= len(heads)
                for pos in heads:
                    window = text[max(0, pos - 8):pos]
                    hon = window[:-1].rsplit(None, 1)[-1] if window.endswith(" ") and window.strip() else ""
                    if hon in HONORIFIC_GENDER and not text.startswith(name, pos):
                        at = pos - 1 - len(hon)
                        evidence.append((HONORIFIC_GENDER[hon], Span(at, pos - 1, hon)))
                        evidence.extend(reading.pronoun_after(pos + len(parts[0])))
            described = descriptions.get(surname)
            if described is not None and not (best[0] or best[1]):
                # only when the article says nothing else of the person: the description may be another's
                best = (described[0], described[1], False)
                party = party or described[2]
            org, role = _office_of(best[0], best[1])
            org, role = _clean_org(org, role, name)
            org = _campaign(org, role)
            aff = (org, role, party)
            for start in contents.get(ent.id, ()):
                evidence.extend(_pronoun_opening(text, start, quotes_cover))
            for start, end in ent.mentions:
                low = text[start:end].lower()
                if low in PRONOUN_GENDER:
                    evidence.append((PRONOUN_GENDER[low], Span(start, end, text[start:end])))
            for word in (role or "").lower().split():
                g = NOUN_GENDER.get(word)
                if g:
                    found = _find_word(text, word, ent.mentions)
                    if found is not None:
                        evidence.append((g, Span(found, found + len(word), text[found:found + len(word)])))
            kinds = {g for g, _ in evidence}
            if len(kinds) == 1:
                gender = kinds.pop()
        org, role, party = aff
        affiliation = Affiliation(org, role, party) if (org or role or party) else None
        decided = tuple(sorted({s for g, s in evidence if g == gender}, key=lambda s: s.start)) if gender else ()
        out[ent.id] = Profile(name, affiliation, gender, decided, kind)
    return out


def _find_word(text: str, word: str, mentions: Sequence[tuple[int, int]]) -> int | None:
    for start, end in mentions:
        m = re.search(r"\b" + re.escape(word) + r"\b", text[start:end], re.IGNORECASE)
        if m:
            return start + m.start()
    return None


def _pronoun_after(text: str, pos: int, quotes_cover) -> list[tuple[Gender, Span]]:
    """The first personal pronoun after a name in the rest of its sentence, outside quotation
    marks, when no other capitalised name stands between them."""
    reach = min(len(text), pos + PRONOUN_REACH)
    end_m = SENTENCE_END.search(text, pos, reach)
    end = end_m.start() if end_m else reach
    m = PERSONAL.search(text, pos, end)
    if m is None or quotes_cover(m.start()):
        return []
    between = text[pos:m.start()]
    if CAPITALISED.search(between) and not THAT_LAST.search(between):
        return []           # another name may be meant, unless the pronoun opens a clause: "told X that he"
    word = m.group()
    if _object_use(text, m.start(), m.end()) and not _clause_between(between):
        return []           # "McConnell met with her": the object of the name's own clause is someone else
    return [(PRONOUN_GENDER[word.lower()], Span(m.start(), m.end(), word))]


CAPITALISED: Final = re.compile(r"\b[A-Z][a-z]+\b")
THAT_LAST: Final = re.compile(r"\bthat\s+$")
LOWER_WORD: Final = re.compile(r"[a-z]+")
_NOT_NOUNS: Final = EN.prepositions | EN.articles | EN.boundary_words | EN.name_conjunctions | EN.infinitive_markers
NEXT_WORD: Final = re.compile(r"\s*([\w\u2019'-]*)")


def _object_use(text: str, start: int, end: int) -> bool:
    """An object pronoun used as an object: 'him', and 'her' when no noun follows it ('met with
    her and', 'invited her to'), not the possessive 'her campaign'."""
    word = text[start:end].lower()
    if word not in _OBJECT_PRONOUNS:
        return False
    if _PRONOUNS[word].gender != "female":
        return True
    following = NEXT_WORD.match(text, end)
    nxt = following.group(1).lower() if following else ""
    return not nxt or nxt in _NOT_NOUNS


def _clause_between(between: str) -> bool:
    """Whether a clause boundary (a comma, a conjunction, a relative pronoun) separates a name
    from a pronoun after it."""
    return "," in between or any(w in _BOUNDARY_WORDS or w in _RELATIVE
                                 for w in LOWER_WORD.findall(between.lower()))


SUBJECT_PRONOUN: Final = _whole_words(p.word for p in EN.pronouns.values() if p.case == "subject"
                               and p.gender in ("male", "female"))
NAME_OR_STOP: Final = re.compile(r"[A-Z][a-z]+|[.;:\n]")
OPENING_REACH: Final = 60      # characters from the start of reported content searched for its subject


def _pronoun_opening(text: str, start: int, quotes_cover) -> list[tuple[Gender, Span]]:
    """A subject pronoun opening reported content refers to its speaker: "Sanders said he would"."""
    m = SUBJECT_PRONOUN.search(text, start, min(len(text), start + OPENING_REACH))
    if m is None or quotes_cover(m.start()) or NAME_OR_STOP.search(text[start:m.start()]):
        return []
    return [(PRONOUN_GENDER[m.group().lower()], Span(m.start(), m.end(), m.group()))]


def _name_key(name: str) -> str:
    return " ".join([w.strip(".,").lower() for w in name.replace("\u2019", "'").split()])


def merge_plan(entities: Iterable[Entity], profiles: dict[str, Profile], text: str = "") -> dict[str, str]:
    """Entity ids that are one person or organisation (N1, N3), mapped to the first of them:
    persons whose fullest names agree (letter case aside), a shorter name and the one fuller name
    of the article that ends with it ('Pence', 'De Blasio' -> 'Bill de Blasio'), and a role-only
    description ('the mayor') to the one named person of the article with that role, and one headed
    by a gendered noun ('the mother of three') to the person named last before it, of that gender. Indexed by
    name suffix and role head, so linear in the number of entities."""
    ents = list(entities)
    by_id = {ent.id: ent for ent in ents}
    plan: dict[str, str] = {}
    by_name: dict[tuple[str, str], str] = {}
    name_words: dict[str, tuple[str, ...]] = {}     # the words of each name keyed in by_name
    for ent in ents:
        prof = profiles[ent.id]
        if ent.kind not in ("person", "organization") or not prof.name[:1].isupper() \
                or _is_description(prof.name):
            continue
        key = (ent.kind, _name_key(prof.name))
        name_words[ent.id] = tuple(key[1].split())
        if key in by_name:
            plan[ent.id] = by_name[key]
        else:
            by_name[key] = ent.id
    # the persons named with more than one word, each by its first entity
    full_named = [cid for (kind, _), cid in by_name.items() if kind == "person" and len(name_words[cid]) > 1]
    by_suffix: dict[tuple[str, ...], set[str]] = {}
    by_role: dict[str, set[str]] = {}
    for cid in full_named:
        words = name_words[cid]
        for k in range(1, len(words)):
            by_suffix.setdefault(words[k:], set()).add(cid)
        head = _role_head(profiles[cid])
        if head:
            by_role.setdefault(head, set()).add(cid)
    # every mention of a named person, in text order, with the person's id
    named_at = sorted((start, cid) for cid in full_named for start, _ in by_id[cid].mentions)
    for ent in ents:
        prof = profiles[ent.id]
        if ent.id in plan or ent.kind != "person":
            continue
        if ent.id in name_words:
            same = by_suffix.get(name_words[ent.id], set()) - {ent.id}
            if len(same) == 1:
                plan[ent.id] = next(iter(same))
            continue
        head = _role_head(prof)
        named = by_role.get(head, set()) - {ent.id} if head else set()
        if len(named) == 1:
            plan[ent.id] = next(iter(named))
        elif head and not named and ent.mentions:
            # "Sanders said ... the Vermont senator added": a role-only description with no named
            # holder of that role goes to the person named last before it, if of no other role
            k = bisect_right(named_at, (min(ent.mentions)[0], "")) - 1
            if k >= 0 and _role_head(profiles[named_at[k][1]]) in (None, head):
                plan[ent.id] = named_at[k][1]
    # a description standing alone, before or after the name ("Lawmaker urges ..." over an article
    # naming Rep. Adam Schiff; "the candidate's former doctor" ... "Dr. Connie Mariano"): the one
    # named person of the article the description fits
    persons = [(cid, by_id[cid]) for cid in full_named]
    person_ids = set(full_named)
    for ent in ents:
        if ent.id in plan or ent.kind not in ("person", "unknown", "organization") or not ent.mentions:
            continue
        if ent.id in person_ids:
            continue
        head_words = _head_words(profiles[ent.id].name)
        head = _description_head(head_words)
        if head is None:
            # "Ivanka Trump ... the 34-year-old mother of three replied": a description headed by a
            # gendered noun goes to the person named last before it, if the person is of that gender
            gender = _gendered_head(head_words)
            k = bisect_right(named_at, (min(ent.mentions)[0], "")) - 1 if gender else -1
            if k >= 0 and profiles[named_at[k][1]].gender == gender:
                plan[ent.id] = named_at[k][1]
            continue
        fits = {cid for cid, other in persons if _described(head, profiles[cid], other, text)}
        if len(fits) == 1:
            plan[ent.id] = next(iter(fits))
    return plan


def _head_words(name: str) -> list[str]:
    """The words of a phrase (periods and commas aside) before the first preposition after its
    first word, the last of them its head: '34-year-old mother of three' -> 34-year-old, mother."""
    words = [w.strip(".,") for w in name.split()]
    cut = next((i for i, w in enumerate(words) if i and w.lower() in _PREPOSITIONS), len(words))
    return words[:cut]


def _gendered_head(words: list[str]) -> Gender | None:
    """The gender of the noun heading a description with no name in it (its :func:`_head_words`:
    '34-year-old mother of three' -> female); None when the phrase is not one."""
    if not words or any(w[:1].isupper() for w in words[1:]) or (len(words) == 1 and words[0][:1].isupper()):
        return None
    return NOUN_GENDER.get(words[-1].lower())


def _description_head(words: list[str]) -> str | None:
    """The role noun heading a description with no name in it (its :func:`_head_words`: 'Former
    White House Doctor' -> doctor, 'Member of House panel' -> member, 'Senator from Texas' ->
    senator); None when the phrase is not one."""
    if not words or any(w.lower() in PRONOUN_GENDER for w in words):
        return None
    head = words[-1].lower()
    return head if head in ROLE_WORDS else None


def _described(head: str, prof: Profile, ent: Entity, text: str) -> bool:
    """Whether a description headed by ``head`` fits a named person: the person's role has that
    head, or one of the roles or titles the description word may describe (descriptions.tsv)."""
    role = _role_head(prof)
    if role == head:
        return True
    covers = _DESCRIPTIONS.get(head)
    if not covers:
        return False
    if role in covers:
        return True
    return any(w in covers for start, end in ent.mentions for w in text[start:end].split())


def _is_description(name: str) -> bool:
    """A role phrase, not a name: 'the Vermont senator', 'Finnish Defence Minister'."""
    words = name.split()
    return bool(words) and _is_role_word(words[-1])


def _role_head(prof: Profile) -> str | None:
    role = prof.affiliation.role if prof.affiliation is not None else None
    return role.lower().split()[-1] if role else None


APPOSITION_AFTER: Final = re.compile(r",\s(?P<phrase>(?:the|a|an|[a-z][\w-]*)\b[^,.;:\n\"\u201c\u201d]{0,80}?),")
MAX_APPOSITION_WORDS: Final = 12
CLAUSE_STOP: Final = re.compile(r"[.;:!?\n\"\u201c\u201d]")


def _appositions(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """Noun phrases set beside a name with commas: after it ('Tomas Weber, the chairman of the
    port board, said') or before it ('The spokeswoman for the authority, Lena Berg, said')."""
    out = []
    m = APPOSITION_AFTER.match(text, end)
    if m and len(m.group("phrase").split()) <= MAX_APPOSITION_WORDS:
        out.append((m.start("phrase"), m.group("phrase")))
    before = text[max(0, start - 100):start]
    if before.endswith(", "):
        clause = CLAUSE_STOP.split(before[:-2])[-1]
        words = clause.split()
        if words and words[0].lower() in _ARTICLES and len(words) <= MAX_APPOSITION_WORDS:
            out.append((start - 2 - len(clause) + (len(clause) - len(clause.lstrip())), clause.strip()))
    return out


LEADING_QUALIFIERS: Final = frozenset({"retired", "former"}) | EN.articles


def _clean_org(org: str | None, role: str | None, name: str) -> tuple[str | None, str | None]:
    """An organisation read from a mention with no comma may hold the person's name and title
    ('Retired U.S. Air Force Gen. Norman Ham' -> 'U.S. Air Force', general; 'House Newt
    Gingrich' -> 'House'): cut the name, then the titles before it (their role kept when none is
    known), then a leading 'retired', 'former' or article."""
    if not org:
        return org, role
    words = org.split()
    names = name.split()
    k = len(names)
    if len(words) > k and [w.rstrip(".,") for w in words[-k:]] == names:
        words = words[:-k]
    while words and (words[-1] in TITLES or words[-1] in _TITLE_ROLES):
        role = role or _TITLE_ROLES.get(words[-1])
        words = words[:-1]
    while words and words[0].lower() in LEADING_QUALIFIERS:
        words = words[1:]
    return " ".join(words) or None, role


MAX_NAME_WORDS: Final = 3


def _titled_person(name: str) -> tuple[str, str | None, str | None] | None:
    """'U.S. Air Force Gen. Norman Hale' -> ('Norman Hale', 'U.S. Air Force', 'general'): a
    title followed by up to three capitalised words ends the phrase; None when there is none."""
    words = name.split()
    for i in range(len(words) - 2, -1, -1):
        if words[i] in _TITLE_ROLES:
            rest = words[i + 1:]
            if len(rest) <= MAX_NAME_WORDS and all(w[:1].isupper() for w in rest):
                org, _ = _clean_org(" ".join(words[:i]) or None, None, " ".join(rest))
                return " ".join(rest), org, _TITLE_ROLES[words[i]]
            return None
    return None
