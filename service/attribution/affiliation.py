"""Read a speaker mention: its name, kind, role and organization, from the forms news writing uses.

    "Chinese Foreign Ministry spokesman Lin Jian" -> Lin Jian, person, spokesman, Chinese Foreign Ministry
    "President of Ukraine Volodymyr Zelenskyy"    -> Volodymyr Zelenskyy, person, President, Ukraine
    "Ukrainian President Volodymyr Zelenskyy"     -> Volodymyr Zelenskyy, person, President, Ukraine
    "the Kyiv Post"                               -> Kyiv Post, organization
    "South Korea's intelligence agency"           -> South Korea's intelligence agency, organization
    "a source"                                    -> a source, anonymous
    apposition "head of Ukraine's Military Intelligence" -> head, Ukraine's Military Intelligence
"""
from __future__ import annotations

import re
from typing import Final

from .language import ENGLISH as EN

# The language data the functions below read, as module constants (compiled code reads a
# constant from a C static, not an attribute of the language object; a mapping as a dict, not
# a mappingproxy, which compiled code looks up only through generic calls)
_APPOSITION_LINKS: Final = EN.apposition_links
_APPOSITION_SKIPS: Final = EN.apposition_skips
_BOUNDARY_WORDS: Final = EN.boundary_words
_DOCUMENT_LINKS: Final = EN.document_links
_DOCUMENT_NOUNS: Final = EN.document_nouns
_HEAD_ENDS: Final = EN.head_ends
_NAME_CONJUNCTIONS: Final = EN.name_conjunctions
_NAME_PARTICLES: Final = EN.name_particles
_ORG_JOINERS: Final = EN.org_joiners
_ORG_LINKS: Final = EN.org_links
_PAST_MARKERS: Final = EN.past_markers
_PAST_SUFFIXES: Final = EN.past_suffixes
_PLURAL_SUFFIXES: Final = EN.plural_suffixes
_PREPOSITIONS: Final = EN.prepositions
_RANKS: Final = EN.ranks
_RELATIVE: Final = EN.relative
_ROLE_MODIFIERS: Final = EN.role_modifiers
_ROLE_OBJECTS: Final = EN.role_objects
_ROLE_OF: Final = EN.role_of
_ROLE_ORG_WORDS: Final = dict(EN.role_org_words)
_ROLE_SURNAMES: Final = EN.role_surnames
_VERBS: Final = dict(EN.verbs)

ANONYMOUS: Final = EN.anonymous
NATIONALITIES: Final = dict(EN.nationalities)
ORG_WORDS: Final = EN.org_words
ORGANIZATIONS: Final = EN.organizations
PRONOUNS: Final = dict(EN.pronouns)
ROLES: Final = EN.roles
TITLES: Final = EN.titles
# (?:[A-Za-z]\.){2,}|\w+(?:[\u2019'&.-]\w+)*\.?|\S, written as segment.TOKEN is: the first
# character first, then an acronym's periods, a word's characters, or nothing
WORD: Final = re.compile(r"\S(?:\.(?<=[A-Za-z]\.)(?:[A-Za-z]\.)+|(?<=\w)\w*(?:[\u2019'&.-]\w+(?:[\u2019'&.-]\w+)*|)\.?|)")
# Words before a role or a name that belong to neither ("the", "former", "senior").
DETS: Final = EN.premodifiers
# Lower-case head nouns that make a possessive or capitalised phrase an organization
# ("South Korea's intelligence agency", "Trump's campaign").
LOWER_ORG_HEADS: Final = EN.org_heads
TITLE_ROLES: Final = dict(EN.title_roles)
POSSESSIVE: Final = EN.possessive_suffixes
DESCRIPTION_WORDS: Final = 4      # words of a description before a personal name, at most ("Local resident")
ORGANIZATIONS_LOWER: Final = frozenset(name.lower() for name in EN.organizations)
PLURAL_MARKS: Final = frozenset(suffix[-1] for suffix in EN.plural_possessive_suffixes)   # the apostrophes
PORTFOLIO_ROLES: Final = EN.portfolio_roles
ARTICLES: Final = EN.articles
_DEFINITE: Final = frozenset(form for word in EN.definite_articles for form in (word, word.capitalize()))
# A party tag closing a mention: "Rep. Gwen Moore (D-Wis.)" (the tag is the party, not the name; the
# speaker profile reads it after the name).
TRAILING_PARTY_TAG: Final = re.compile(r"\s*\(\s*[A-Z]\s*[-\u2013]\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?\s*\)\s*$")


class Reading:
    """What a mention says of its speaker; a value, never changed once made (a plain class, not a
    NamedTuple: compiled code makes and reads it natively)."""

    __slots__ = ("name", "kind", "role", "organization", "pronoun", "description")

    def __init__(self, name: str, kind: str, role: str | None, organization: str | None,
                 pronoun: bool = False, description: bool = False) -> None:
        self.name = name
        self.kind = kind                    # person | organization | anonymous | unknown
        self.role = role
        self.organization = organization
        self.pronoun = pronoun
        self.description = description      # a role or common-noun phrase with no name ("the spokesperson")


def _words(text: str) -> list[str]:
    """``WORD.findall(text)``: a text of words of letters and digits (most mentions) is its words."""
    words = text.split()
    for word in words:
        if not word.isalnum():
            return WORD.findall(text)
    return words


def _is_cap(w: str) -> bool:
    return w[:1].isupper()


# Roles as tuples of their lower-case words, and the words they start with: most words start no
# role, and one look-up of the word tells so.
_ROLE_WORDS: Final = frozenset(tuple(role.split(" ")) for role in ROLES)
_ROLE_STARTS: Final = frozenset(words[0] for words in _ROLE_WORDS)
# For each word that starts a role, the roles it starts (as lists of their words), longest first
_ROLES_FROM: Final = {start: sorted((list(words) for words in _ROLE_WORDS if words[0] == start), key=len, reverse=True)
               for start in _ROLE_STARTS}


def _surname_at(words: list[str], lows: list[str], i: int) -> bool:
    """Is the role word at ``i`` a family name ("Brian Baker", "Rob Bishop")? Only for the roles
    roles.tsv marks as surnames, written with a capital right after a capitalised word that is no
    title, role, nationality or possessive."""
    if i == 0 or lows[i] not in _ROLE_SURNAMES or not words[i][:1].isupper():
        return False
    prev = words[i - 1]
    return prev[:1].isupper() and prev.isalpha() and lows[i - 1] not in _ROLE_STARTS \
        and prev not in TITLES and prev + "." not in TITLES and prev not in NATIONALITIES


def _role_sizes(words: list[str], lows: list[str] | None = None) -> list[int]:
    """For each word, the length of the longest role starting there (0 where none does): one table
    per word list, each word lower-cased once (``lows``: the words lower-cased, when known)."""
    if lows is None:
        lows = [w.lower() for w in words]
    sizes = [0] * len(lows)
    for i, low in enumerate(lows):
        roles = _ROLES_FROM.get(low)        # (None for most words: most mentions are a name)
        if roles is not None and not (low in _ROLE_SURNAMES and _surname_at(words, lows, i)):
            for role in roles:
                if lows[i:i + len(role)] == role:
                    sizes[i] = len(role)
                    break
    return sizes


# The space before a word written against the one before it: a possessive ending, a comma or
# full stop of its own, or a word that opens with an apostrophe
_GLUED: Final = re.compile(r" (?=(?:%s)(?: |$)|['\u2019])" % "|".join(map(re.escape, (*POSSESSIVE, ",", "."))))
# A space and the first character of what _GLUED looks for after it: a text holding none has no
# space to drop
_GLUE_STARTS: Final = tuple(sorted({" " + form[0] for form in (*POSSESSIVE, ",", ".", "'", "\u2019")}))


def _join(words: list[str]) -> str:
    """The words (tokens, none empty or holding a space) as written: a space between two, but
    none before a possessive ending, a comma or full stop, or a word opening with an apostrophe."""
    joined = " ".join(words)
    for start in _GLUE_STARTS:
        if start in joined:
            return _GLUED.sub("", joined)
    return joined


def _org_of(words: list[str]) -> str | None:
    """The organization named by a pre-modifier: "Ukrainian" -> Ukraine, "US Department of Defense"."""
    if not words:
        return None
    phrase = _join(words)
    if phrase in NATIONALITIES:
        return NATIONALITIES[phrase]
    if words[0] in _DEFINITE:
        phrase = _join(words[1:])
    return phrase or None


_CAPITAL_ORG_WORDS: Final = frozenset(w for w in ORG_WORDS if _is_cap(w))


def is_organization(words: list[str], phrase: str | None = None) -> bool:
    """Whether the words name an organization (``phrase``: the words joined, when known)."""
    if (phrase if phrase is not None else _join(words)) in ORGANIZATIONS:
        return True
    if not _CAPITAL_ORG_WORDS.isdisjoint(words):
        return True
    last = words[-1].lower() if words else ""
    return last in LOWER_ORG_HEADS and any(w in POSSESSIVE or w.endswith(POSSESSIVE) or _is_cap(w)
                                           for w in words)


# The lower-case words some reading of read_mention looks for: pronouns, articles, role, title,
# document, organisation and anonymous-source words, and the words that end a head. A mention of
# capitalised words none of which is one of these, and no organisation's name, is a personal name.
_READING_WORDS: Final = (frozenset(PRONOUNS) | ARTICLES | _ROLE_STARTS | EN.head_ends | ANONYMOUS | LOWER_ORG_HEADS
                  | frozenset(w.lower() for w in EN.document_nouns | ORG_WORDS)
                  | frozenset(t.lower().rstrip(".") for t in TITLES | frozenset(TITLE_ROLES)))


def _plain_name(words: list[str]) -> str | None:
    """The personal name a mention of plain capitalised words is ("Farid Haddad"), found without
    trying every reading: None unless each word is letters only, capitalised and not in
    _READING_WORDS, and the words name no organisation."""
    for w in words:
        if not w[:1].isupper() or not w.isalpha() or w.lower() in _READING_WORDS:
            return None
    name = " ".join(words)
    return name if name not in ORGANIZATIONS else None


def read_mention(text: str) -> Reading:
    words = _words((TRAILING_PARTY_TAG.sub("", text) or text) if "(" in text else text)   # a tag has a "("
    if not words:
        return Reading(text, "unknown", None, None)
    plain = _plain_name(words)
    if plain is not None:
        return Reading(plain, "person", None, None)
    if len(words) == 1 and words[0].lower() in PRONOUNS:
        return Reading(words[0], "unknown", None, None, pronoun=True)
    core = words
    while core and core[0].lower() in ARTICLES:
        core = core[1:]
    if not core:
        return Reading(text, "unknown", None, None)
    name_text = _join(core)
    lows = [w.lower() for w in core]
    roles = _role_sizes(core, lows)
    found = _person_of_organisation(core) or _document(core, name_text) or _unnamed_of(core, words, roles)
    if found is not None:
        return found
    # organizations: "the Kyiv Post", "China's Foreign Ministry", "South Korea's intelligence agency"
    if is_organization(core, name_text) and not _has_person_tail(core, roles):
        return Reading(name_text, "organization", None, name_text)
    # anonymous sources: "a source", "officials who spoke on condition of anonymity"
    # the head: the word before the first word that ends a head ("officials who ..."), else the last
    ends = len(core) if _HEAD_ENDS.isdisjoint(lows) else next(i for i, low in enumerate(lows) if low in _HEAD_ENDS)
    head = core[ends - 1] if ends else core[0]
    if head.lower() in ANONYMOUS and not any(_is_cap(w) for w in core[:ends] if w not in NATIONALITIES):
        # "a source close to the Treasurer": a name after the head is not the source's
        return Reading(_join(words), "anonymous", None, None)
    # "a tearful Daniel Brenner": drop lower-case words before a name
    lead = 0
    while lead < len(core) and core[lead].islower() and not roles[lead]:
        lead += 1
    if 0 < lead < len(core) and all(_is_cap(w) or w in (".", "-") for w in core[lead:]):
        core = core[lead:]
        roles = roles[lead:]
        name_text = _join(core)
    # ROLE of ORG NAME: "President of Ukraine Volodymyr Zelenskyy"
    size = roles[0]
    if size and len(core) > size + 1 and core[size] in _ROLE_OF:
        rest = core[size + 1:]
        name_start = _trailing_name_start(rest)
        org_words = rest[:name_start]
        name_words = rest[name_start:]
        if org_words and name_words:
            return Reading(_join(name_words), "person", _join(core[:size]), _org_of(org_words))
        if org_words:
            return Reading(name_text, "person", _join(core[:size]), _org_of(org_words), description=True)
    # [ORG] ROLE NAME: "NATO Secretary General Mark Rutte", "Ukrainian President Volodymyr Zelenskyy"
    for i, size in enumerate(roles):
        if not size or (i > 0 and roles[i - 1] > 1):
            continue
        after = core[i + size:]
        start = i
        if size == 1 and core[i].lower() in PORTFOLIO_ROLES and i > 0 and core[i - 1].isalpha() \
                and (core[i - 1].islower() and core[i - 1] not in DETS and core[i - 1] not in _PAST_MARKERS
                     or _is_cap(core[i - 1]) and _is_cap(core[i]) and core[i - 1] not in NATIONALITIES
                     and not core[i - 1].isupper() and not is_organization(core[i - 1:i]) and not roles[i - 1]):
            start = i - 1           # "the home secretary", "Housing Minister": the portfolio is part of the role
        while start > 0 and core[start - 1].islower() and core[start - 1] in _ROLE_MODIFIERS \
                and core[start - 1] not in _PAST_MARKERS:
            start -= 1              # "the shadow chancellor", "a senior adviser": the role's own words
        before = core[:start]
        role = _join(core[start:i + size])
        if after and all(_is_cap(w) or w in (".", "-") for w in after):
            name = _strip_titles(after)
            return Reading(_join(name), "person", role, _modifier_org(before, role))
        if not after:
            # a description: "the spokesperson", "The South Korean Defense Minister"
            org = _modifier_org(before, role)
            return Reading(name_text, "person", role, org, description=True)
        if after and after[0] in _ORG_LINKS:
            if 1 < len(after) <= 4 and after[0] != "to" and all(w.isalpha() and w.islower() for w in after[1:]) \
                    and _modifier_org(before, role) is not None:
                # "Unison's head of health": the field is part of the role, the organisation before it
                return Reading(name_text, "person", _join(core[start:]), _modifier_org(before, role), description=True)
            org = _org_of(after[1:]) if after[1:] else None
            return Reading(name_text, "person", role, org, description=True)
    # titles: "Sen. Ted Cruz", "Mr. Garin"
    if core[0] in TITLES or core[0] + "." in TITLES:
        title_role = TITLE_ROLES.get(core[0])
        return Reading(_join(_strip_titles(core)), "person", title_role, None)
    # a title inside the mention: "New Jersey Gov. Chris Christie" (what stands before it is the organization)
    for i in range(1, len(core) - 1):
        if core[i] in TITLE_ROLES and all(_is_cap(w) for w in core[:i]) and all(_is_cap(w) for w in core[i + 1:]):
            last = i            # "Retired Lt. Gen. Michael Flynn": the last title of the run is the role
            while last + 1 < len(core) - 1 and core[last + 1] in TITLE_ROLES:
                last += 1
            return Reading(_join(_strip_titles(core[i:])), "person", TITLE_ROLES[core[last]],
                           _modifier_org(core[:i], TITLE_ROLES[core[last]]))
    if any(_is_cap(w) for w in core) and all(_is_cap(w) or w == "-" or w in _NAME_PARTICLES for w in core):
        # a possessive org "Trump's campaign" is handled above; a bare capitalised phrase is a name
        return Reading(name_text, "person", None, None)
    described = _described_person(core, head)
    if described is not None:
        return described
    if head.lower() in ANONYMOUS:
        return Reading(_join(words), "anonymous", None, None)
    return Reading(name_text, "unknown", None, None, description=True)


class MentionReader:
    """:func:`read_mention` and :func:`read_apposition_at` for one text, each distinct phrase read
    once: resolution reads the speakers' mentions and appositions, profiling then reads the words
    before and beside their names, mostly the same phrases. Made for one call of the engine and
    dropped with it (the readings are pure functions of the phrase: nothing else is kept)."""

    __slots__ = ("_mentions", "_appositions")

    def __init__(self) -> None:
        self._mentions: dict[str, Reading] = {}
        self._appositions: dict[str, Appositive] = {}

    def mention(self, text: str) -> Reading:
        """``read_mention(text)``."""
        found = self._mentions.get(text)
        if found is None:
            found = self._mentions[text] = read_mention(text)
        return found

    def apposition(self, text: str) -> Appositive:
        """``read_apposition_at(text)``."""
        found = self._appositions.get(text)
        if found is None:
            found = self._appositions[text] = read_apposition_at(text)
        return found


def _person_of_organisation(core: list[str]) -> Reading | None:
    """ "Tamas Varga of oil broker PVM", "Paul Krugman of the New York Times": a personal name,
    then "of" and the organisation it speaks for; "Phil Bryant of Mississippi" names a place."""
    if _ROLE_OF.isdisjoint(core):
        return None
    run = 0
    while run < len(core) and _is_cap(core[run]) and core[run].isalpha():
        run += 1
    if not (run >= 2 and run + 1 < len(core) and core[run] in _ROLE_OF and _is_cap(core[-1])) \
            or any(_role_sizes(core[:run])) or any(w in _NAME_CONJUNCTIONS for w in core[run:]) \
            or is_organization(core[:run]) or core[0].lower() in _ROLE_MODIFIERS:
        return None
    rest = core[run + 1:]
    org_start = len(rest)
    while org_start > 0 and (_is_cap(rest[org_start - 1]) or rest[org_start - 1] in _ORG_JOINERS):
        org_start -= 1
    sizes = _role_sizes(rest[:org_start])
    role = next((_join(rest[k:k + size]) for k, size in enumerate(sizes) if size), None)
    org_words = rest[org_start:]
    # the organisation only when it reads as one: described ("of oil broker PVM", "of the
    # Brookings Institution") or named by an organisation word; "of Mississippi" is a place
    described = org_start > 0 and rest[0] not in _ORG_JOINERS or rest[0] in ARTICLES
    org = _org_of(org_words if rest[0] not in ARTICLES else rest) if described or is_organization(org_words) else None
    return Reading(_join(core[:run]), "person", role, org)


def _document(core: list[str], name_text: str) -> Reading | None:
    """Documents as speakers (ENRICHED D1): an organisation whose organization is the issuer the
    mention names, after "by"/"from" ("a report by the IMF") or before it ("an Ipsos poll",
    "POLITICO's analysis"; not "Hoff's letter"); never a person. The document word in lower case:
    "the Beige Book" is a proper name."""
    if _DOCUMENT_NOUNS.isdisjoint(core):
        return None
    document = next(k for k, w in enumerate(core) if w in _DOCUMENT_NOUNS)
    if document == len(core) - 1:
        issuer = core[:document]
        while issuer and issuer[0].lower() in DETS:
            issuer = issuer[1:]
        possessive = bool(issuer) and (issuer[-1] in POSSESSIVE or _without_possessive(issuer[-1]) != issuer[-1])
        if possessive:
            issuer = issuer[:-1] + ([_without_possessive(issuer[-1])] if issuer[-1] not in POSSESSIVE else [])
        if issuer and all(_is_cap(w) or w in _ORG_JOINERS for w in issuer) and _is_cap(issuer[-1]) \
                and (not possessive or is_organization(issuer) or _join(issuer).lower() in ORGANIZATIONS_LOWER):
            return Reading(name_text, "organization", None, _org_of(issuer))
    elif core[document + 1] in _DOCUMENT_LINKS:
        issuer = core[document + 2:]
        if issuer and (is_organization(issuer) or _org_of(issuer) in ORGANIZATIONS
                       or issuer[-1].lower() in LOWER_ORG_HEADS):
            return Reading(name_text, "organization", None, _org_of(issuer))
    return None


def _unnamed_of(core: list[str], words: list[str], roles: list[int]) -> Reading | None:
    """ "Administration officials", "Two Fed officials": unnamed people of a named organisation
    or country (K3), anonymous; a modifier that is neither ("Clinton supporters") gives none."""
    if not (len(core) > 1 and core[-1].lower() in ANONYMOUS and core[-1].islower()) or any(roles) \
            or not all(_is_cap(w) or w in _ORG_JOINERS for w in core[:-1]):
        return None
    mods = core[:-1]
    while mods and mods[0].lower() in DETS:
        mods = mods[1:]             # "Two Fed officials", "Top advisers"
    org = _org_of(mods) if mods and (is_organization(mods) or _join(mods) in NATIONALITIES
                                     or _join(mods) in ORGANIZATIONS) else None
    return Reading(_join(words), "anonymous", None, org)


def _described_person(core: list[str], head: str) -> Reading | None:
    """ "Local resident Jane Doe", "GOP rival Ted Cruz": a description of a few words before a
    personal name; the name is the speaker's. Not when the words hold a preposition, a verb, an
    article or an organisation head ("activist group Mosul Eye")."""
    tail = len(core)
    while tail > 0 and _is_cap(core[tail - 1]) and core[tail - 1].replace("-", "").isalpha():
        tail -= 1
    if len(core) - tail < 2 or not 0 < tail <= DESCRIPTION_WORDS or core[tail].isupper() \
            or not (core[tail - 1].isalpha() and core[tail - 1].islower()) \
            or is_organization(core[tail:]) or head.lower() in ANONYMOUS:
        return None
    if any(w.lower() in _PREPOSITIONS or w.lower() in _BOUNDARY_WORDS or w.lower() in ARTICLES
           or w.lower() in _NAME_PARTICLES or w.lower() in _VERBS or w.lower().endswith(_PAST_SUFFIXES)
           or w.lower() in LOWER_ORG_HEADS for w in core[:tail]):
        return None
    return Reading(_join(core[tail:]), "person", None, None)


def _without_possessive(word: str) -> str:
    """The word without its possessive ending ("Finland's" -> "Finland"); the word itself when it
    has none."""
    for suffix in POSSESSIVE:
        if word.endswith(suffix) and len(word) > len(suffix):
            return word[:-len(suffix)]
    return word


def _role_of_head(core: list[str]) -> bool:
    return any(_role_sizes(core))


def _has_person_tail(core: list[str], roles: list[int]) -> bool:
    """"Chinese Foreign Ministry spokesman Lin Jian" is a person, not the ministry (``roles``: the
    role sizes of ``core``)."""
    for i, size in enumerate(roles):
        if not size:
            continue
        after = core[i + size:]
        if core[i].islower() or (after and all(_is_cap(w) for w in after) and after[-1] not in ORG_WORDS):
            return True
    return False


def _trailing_name_start(words: list[str]) -> int:
    """Where a trailing personal name starts: "Ukraine Volodymyr Zelenskyy" -> 1."""
    caps = 0
    i = len(words)
    while i > 0 and _is_cap(words[i - 1]) and words[i - 1] not in NATIONALITIES:
        i -= 1
        caps += 1
    if caps >= 3:
        return len(words) - 2
    if caps == len(words) and caps >= 2:
        return 1 if caps >= 3 else len(words)
    return i if caps >= 2 else len(words)


def _strip_titles(words: list[str]) -> list[str]:
    out = list(words)
    while out and (out[0] in TITLES or out[0] + "." in TITLES or out[0] == "."):
        out = out[1:]
    return out or list(words)


def _field_minister(role: str) -> bool:
    """ "Defense Minister" heads a ministry; "Prime Minister" does not."""
    words = role.split()
    return len(words) > 1 and words[-1].lower() in _ROLE_ORG_WORDS and words[0].lower() not in _RANKS \
        and all(_is_cap(w) for w in words)


def _field_org(phrase: str, role: str) -> str:
    """The organisation a field role heads: "South Korean" + "Defense Minister" -> "South Korean
    Defense Ministry" (the role's last word replaced by its organisation word)."""
    last = role.split()[-1]
    return f"{phrase} {role[:-len(last)]}{_ROLE_ORG_WORDS[last.lower()]}".replace("  ", " ")


def _plural_possessive(words: list[str], i: int) -> bool:
    """Is words[i] the apostrophe of a plural possessive ("Farmers'", "Sanders'")?"""
    return i > 0 and words[i] in PLURAL_MARKS and words[i - 1].endswith(_PLURAL_SUFFIXES)


def _modifier_org(before: list[str], role: str) -> str | None:
    """Organization from the words before a role: nationality, possessive or a capitalised name."""
    while before and before[0].lower() in DETS:
        before = before[1:]
    if not before:
        return None
    phrase = _join(before)
    if phrase in NATIONALITIES:
        nation = NATIONALITIES[phrase]
        if _field_minister(role):
            return _field_org(phrase, role)
        return nation
    if before[-1] in POSSESSIVE or _plural_possessive(before, len(before) - 1):
        return _join(before[:-1])
    if before[-1].endswith(POSSESSIVE) and len(before[-1]) > 2:
        return _join(before[:-1] + [_without_possessive(before[-1])])     # "Finland's" -> Finland
    if _field_minister(role) and all(_is_cap(w) for w in before):
        return _field_org(phrase, role)
    if all(_is_cap(w) or w in _ORG_JOINERS or w == "&" or _plural_possessive(before, i) for i, w in enumerate(before)):
        return phrase       # "National Farmers' Federation"
    if len(before) > 1 and before[-1] in LOWER_ORG_HEADS and all(_is_cap(w) for w in before[:-1]):
        return phrase       # "Trump campaign spokesman Jason Miller"
    return None


class Appositive:
    """What an apposition says of the speaker beside it; a value, never changed once made."""

    __slots__ = ("role", "organization", "former")

    def __init__(self, role: str | None, organization: str | None, former: bool = False) -> None:
        self.role = role
        self.organization = organization
        self.former = former        # "a former Clinton aide", "who headed ...": a past role (A5)


_ROLE_VERBS: Final = dict(EN.role_verbs)
_MAX_VERB_WORDS: Final = max((len(form.split()) for form in _ROLE_VERBS), default=1)


def read_apposition_at(text: str) -> Appositive:
    """Role and organization from an apposition ("head of Ukraine's Military Intelligence", "an
    expert on trade at the Peterson Institute") or a relative clause that names a role ("who heads
    the Center ...", "who served as U.S. ambassador to Burma"); a relative clause with any other
    verb names none ("who has campaigned for GOP nominee X")."""
    words = _words(text)
    relative = bool(words) and words[0].lower() in _RELATIVE
    former = False
    while words and words[0].lower() in _APPOSITION_SKIPS:
        former = former or words[0].lower() in _PAST_MARKERS
        words = words[1:]
    if relative and words:
        lows = [w.lower() for w in words]
        verb = next((n for n in range(_MAX_VERB_WORDS, 0, -1) if " ".join(lows[:n]) in _ROLE_VERBS), 0)
        if verb:
            role, past = _ROLE_VERBS[" ".join(lows[:verb])]
            words = words[verb:]
            former = former or past
            if role is not None:
                return Appositive(role, _org_phrase(words), former)
        elif words[0].islower() and lows[0] not in _ROLE_STARTS and lows[0] not in _ROLE_MODIFIERS:
            return Appositive(None, None)
    first: Appositive | None = None
    sizes = _role_sizes(words)
    i = 0
    while i < len(words):
        size = sizes[i]
        if not size:
            i += 1
            continue
        if size == 1 and i + 1 < len(words) and sizes[i + 1] and words[i].islower() \
                and words[i] in _ROLE_MODIFIERS:
            i += 1                  # "chief economist": a role word modifying the next role
            continue
        start = i
        if size == 1 and words[i].lower() in PORTFOLIO_ROLES and i > 0 and words[i - 1].isalpha() \
                and words[i - 1].islower() and words[i - 1] not in DETS:
            start = i - 1           # "the transport minister": the portfolio is part of the role
        while start > 0 and words[start - 1].islower() and words[start - 1] in _ROLE_MODIFIERS \
                and words[start - 1] not in DETS and words[start - 1] not in _PAST_MARKERS:
            start -= 1              # "an associate professor", "executive vice president"
        found = _role_and_org(words, start, i + size, former or any(w.lower() in _PAST_MARKERS
                                                                     for w in words[:start]))
        if found.organization:
            return found
        if first is not None:
            return first
        first = found
        # "a tax lawyer and senior fellow at the ...": a second role joined with "and" may be the one tied to the organization
        nxt = i + size
        if nxt < len(words) and words[nxt].lower() in _NAME_CONJUNCTIONS:
            i = nxt + 1
            continue
        return first
    if first is not None:
        return first
    # "the top Democrat on the House Intelligence Committee": a party noun as the role
    for i, w in enumerate(words):
        if w in PARTY_NOUNS and i + 2 < len(words) and words[i + 1] in _APPOSITION_LINKS:
            start = i
            while start > 0 and words[start - 1].islower() and words[start - 1] not in ARTICLES:
                start -= 1
            return _role_and_org(words, start, i + 1, former)
    return Appositive(None, None, former)


PARTY_NOUNS: Final = frozenset(w for w in EN.party_words if len(w) > 1)


def _role_and_org(words: list[str], start: int, end: int, former: bool) -> Appositive:
    """The role words[start:end], lengthened by lower-case words after a link that name no
    organization ("professor of surgery", "secretary of the economy"), and its organization: after
    a link word ("at the Peterson Institute", "head of Ukraine's ...", "chairman of the port
    board") or before the role ("Finland's ambassador"); a country before the role keeps "to X" in
    the role ("U.S. ambassador to Burma")."""
    role_words = words[start:end]
    after = words[end:]
    before_org = _modifier_org(words[:start], _join(role_words))
    while len(after) > 1 and after[0] in _APPOSITION_LINKS:
        rest = after[1:]
        lead = 1 if rest[0].lower() in ARTICLES else 0
        while lead < len(rest) - 1 and lead < 3 and rest[lead].islower() and rest[lead] not in _APPOSITION_LINKS \
                and _is_cap(rest[lead + 1]):
            lead += 1           # "at the libertarian Cato Institute"
        if lead < len(rest) and _is_cap(rest[lead]):
            if before_org and after[0] in _ROLE_OBJECTS:
                role_words = role_words + after[:1] + rest[:lead + len(_org_words(rest[lead:]))]
                break
            return Appositive(_join(role_words), _org_phrase(rest), former)
        j = lead
        while j < len(rest) and rest[j].isalpha() and rest[j].islower() and rest[j] not in _APPOSITION_LINKS:
            j += 1
        if j == lead or j > lead + 3:
            break
        if rest[j - 1].lower() in LOWER_ORG_HEADS and not before_org:
            return Appositive(_join(role_words), _join(rest[lead:j]), former)    # "chairman of the port board"
        role_words = role_words + after[:1] + rest[:j]
        after = rest[j:]
    return Appositive(_join(role_words), before_org, former)


def _org_words(words: list[str]) -> list[str]:
    """The capitalised name at the start of words ("Center of Research for Development in Mexico
    City" -> up to "Development"; "Burma from 2012" -> "Burma")."""
    out: list[str] = []
    for i, w in enumerate(words):
        if _is_cap(w) or w == "&" or w in POSSESSIVE or (w.endswith(POSSESSIVE) and _is_cap(w)):
            out.append(w)
        elif out and (out[-1] in POSSESSIVE or out[-1].endswith(POSSESSIVE) or out[-1].islower()) \
                and w.isalpha() and w.islower() and w not in _ORG_JOINERS and w not in _APPOSITION_LINKS:
            out.append(w)       # "Portugal's water authority"
        elif w in _ORG_JOINERS and i + 1 < len(words) and _is_cap(words[i + 1]) and out:
            out.append(w)
        else:
            break
    return out


def _org_phrase(words: list[str]) -> str | None:
    lead = 1 if words and words[0].lower() in ARTICLES else 0
    if lead < len(words) - 1 and words[lead].islower() and _is_cap(words[lead + 1]):
        lead += 1           # "the libertarian Cato Institute"
    name = _org_words(words[lead:])
    return _org_of(name) if name else None
