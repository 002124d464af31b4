"""Speaker mentions: the noun phrase that is the source of a cue, found around the cue's tokens.

No parser: a subject is the run of tokens between the cue (after auxiliaries and adverbs) and the
nearest clause boundary before it; an inverted subject ("said Smith") runs from the cue to the
next comma or sentence end. Appositions ("Kyrylo Budanov, head of ..., said") are split off and
kept for the affiliation stage.
"""
from __future__ import annotations

from typing import Final, NamedTuple

from .cues import AUX_ADV, WEEKDAYS
from .language import ENGLISH as EN
from .segment import Token

# The language data the functions below read, as module constants (compiled code reads a
# constant from a C static, not an attribute of the language object; a mapping as a dict, not
# a mappingproxy, which compiled code looks up only through generic calls)
_ADVERB_SUFFIXES: Final = EN.adverb_suffixes
_APPOSITION_JOINERS: Final = EN.apposition_joiners
_APPOSITION_PREPOSITIONS: Final = EN.apposition_prepositions
_DAY_PREPOSITIONS: Final = EN.day_prepositions
_NAME_CONJUNCTIONS: Final = EN.name_conjunctions
_NAME_JOINERS: Final = EN.name_joiners
_NAME_PARTICLES: Final = EN.name_particles
_NEGATION_SUFFIXES: Final = EN.negation_suffixes
_NP_PREPOSITIONS: Final = EN.np_prepositions
_PARTICIPLE_SUFFIXES: Final = EN.participle_suffixes
_PAST_SUFFIXES: Final = EN.past_suffixes
_PLURAL_SUFFIXES: Final = EN.plural_suffixes
_QUANTIFIERS: Final = EN.quantifiers
_SUBJECT_NOUNS: Final = EN.subject_nouns
_TIME_WORDS: Final = EN.time_words

VERBS: Final = dict(EN.verbs)
ANONYMOUS: Final = EN.anonymous
PRONOUNS: Final = dict(EN.pronouns)
ROLES: Final = EN.roles
ROLE_FIRST_WORDS: Final = EN.role_first_words
TITLES: Final = EN.titles
# Words and punctuation that end a subject when walking back from a cue.
BOUNDARY_WORDS: Final = EN.boundary_words
BOUNDARY_PUNCT: Final = EN.boundary_punct
PREPOSITIONS: Final = EN.prepositions
MONTHS: Final = EN.months
APPOSITION_STARTS: Final = EN.apposition_starts
FINITE: Final = EN.finite
RELATIVE: Final = EN.relative
INTRO_WORDS: Final = EN.intro_words
ARTICLES: Final = EN.articles
POSSESSIVES: Final = EN.possessive_suffixes
# Pronouns that cannot be the subject of a cue ("told him"), and relative ones ("officials, who").
OBJECT_PRONOUNS: Final = EN.object_pronouns
RELATIVE_PRONOUNS: Final = EN.relative_pronouns
_PAST_OR_ADVERB: Final = EN.past_suffixes + EN.adverb_suffixes
MAX_SUBJECT: Final = 14
_APOSTROPHES: Final = ("'", "\u2019")     # a lone one may mark a possessive: see _possessive_mark


class Mention(NamedTuple):
    first: int                 # token index range [first, last] of the mention
    last: int
    appos: tuple[int, int] | None = None     # token range of an apposition, if any
    relative: bool = False     # the mention stands for a relative pronoun's antecedent


def _is_word(tok: Token) -> bool:
    return tok.text[0].isalnum()


def _cap(tok: Token) -> bool:
    return tok.text[0].isupper()


def skip_aux_back(toks: list[Token], j: int) -> int:
    """Walk back from token j over auxiliaries, adverbs and day names ("has also said Tuesday")."""
    while j >= 0:
        low = toks[j].low
        if low in AUX_ADV or (low.endswith(_ADVERB_SUFFIXES) and not _cap(toks[j]) and len(low) > 4) or (
                low.endswith(_NEGATION_SUFFIXES) and not _cap(toks[j])):
            j -= 1              # "has also", "publicly", "wouldn't"
        elif low in WEEKDAYS and j > 0 and toks[j - 1].low in _DAY_PREPOSITIONS:
            j -= 2
        elif low in WEEKDAYS:
            j -= 1
        else:
            break
    return j


def title_dot(toks: list[Token], k: int) -> bool:
    """Token k is the period of a title or an initial: "Sen." "J." "Rep.", not a sentence end."""
    if toks[k].text != "." or k == 0:
        return False
    word = toks[k - 1].text
    return word + "." in TITLES or (len(word) == 1 and word.isupper())


def _clause_start(toks: list[Token], j: int, floor: int) -> int:
    """First token of the noun phrase ending at j: walk back to a clause boundary."""
    k = j
    while k - 1 >= floor and j - k < MAX_SUBJECT:
        prev = toks[k - 1]
        low = prev.low
        if low == "." or low in _APOSTROPHES and _possessive_mark(toks, k - 1):
            k -= 1                # "Sen.", "R-Ky.", "veterans' families": inside the phrase
            continue
        if low in BOUNDARY_PUNCT or (not _is_word(prev) and low not in POSSESSIVES and low not in ("&", "-", ".")):
            break
        if low == "-" and (k - 2 < floor or not _is_word(toks[k - 2])):
            break                 # '"Enough"--Mrs. Vane said': a dash before the name is no hyphen
        if low in VERBS and prev.text.islower() and low not in _SUBJECT_NOUNS and not (
                k - 2 >= floor and (toks[k - 2].low in RELATIVE or low.endswith(_PARTICIPLE_SUFFIXES)
                                    and toks[k - 2].low.rstrip("s") in ANONYMOUS)):
            break                 # "said Mr. Kamin, who emphasized": a verb ends the noun phrase,
            #                       unless it is a relative clause's ("officials who spoke on ...",
            #                       "an official speaking on condition of anonymity")
        if low in BOUNDARY_WORDS:
            # "Smith and Jones said": keep "and" between two capitalised words
            if low in _NAME_CONJUNCTIONS and k - 2 >= floor and _cap(toks[k - 2]) and _cap(toks[k]):
                k -= 1
                continue
            break
        k -= 1
    return k


def _strip_leading(toks: list[Token], k: int, j: int) -> int:
    """Drop a leading prepositional phrase or time word: "On Tuesday Trump", "Later, the ..."."""
    if k < j and toks[k].low in PREPOSITIONS:
        # keep the last capitalised run or determiner phrase after the preposition's object
        for m in range(k + 1, j + 1):
            if toks[m].low in ARTICLES and m > k + 1:
                return m
        for m in range(j, k, -1):
            if not _cap(toks[m]) and toks[m].low not in POSSESSIVES and toks[m].low not in _NAME_JOINERS \
                    and toks[m].low != "-":
                return m + 1 if m + 1 <= j else j
        return j
    return k


NAME_REACH: Final = 6      # words of a name read back before an apposition, at most
TAG_TOKENS: Final = 8      # tokens inside a parenthetical tag after a name, at most: "(D-N.Y.)"


def subject_before(toks: list[Token], cue_first: int, floor: int = 0) -> Mention | None:
    """The subject of the cue whose first token is ``cue_first``, read back from before its
    auxiliaries and adverbs."""
    return subject_ending_at(toks, skip_aux_back(toks, cue_first - 1), floor)


def subject_ending_at(toks: list[Token], j: int, floor: int = 0) -> Mention | None:
    """The subject of a cue whose auxiliaries and adverbs have been passed: it ends at token ``j``
    (:func:`skip_aux_back` of the token before the cue), or there is none."""
    if j < floor:
        return None
    if j - 2 >= floor and toks[j - 2].low in RELATIVE_PRONOUNS and toks[j - 1].low in PREPOSITIONS \
            and (toks[j].text.isdigit() or toks[j].low in _TIME_WORDS):
        j -= 2                    # "McConnell, ..., who in 2010 said": a time phrase after "who"
    if toks[j].text == ")":
        # a party-and-state tag or aside after the name: "Rep. John Mica (R-Fla.) said"
        k = j - 1
        while k >= floor and toks[k].text != "(" and j - k <= TAG_TOKENS:
            k -= 1
        if k > floor and toks[k].text == "(":
            np = _np_before(toks, k - 1, floor)
            if np is not None:
                return Mention(np[0], j)
        return None
    tok = toks[j]
    if tok.low in PRONOUNS and tok.low not in OBJECT_PRONOUNS:
        if tok.low in RELATIVE_PRONOUNS and j - 1 >= floor and toks[j - 1].text == ",":
            ante = _name_before(toks, j - 2, floor) or _np_before(toks, j - 2, floor)
            if ante is not None and ante[0] - 2 >= floor and toks[ante[0] - 1].text == "," \
                    and _looks_like_apposition(toks, ante[0], ante[1]):
                # "McConnell, now the Senate majority leader, who said": the name before the apposition
                k = ante[0] - 2
                while k >= floor and ante[0] - 2 - k < NAME_REACH and (_cap(toks[k]) and toks[k].text.isalpha()
                                      or (toks[k].low in _NAME_PARTICLES or toks[k].low == "of")
                                      and k > floor and _cap(toks[k - 1])):   # "Dianne Feinstein of California"
                    k -= 1
                if k < ante[0] - 2 and (ante[0] - 2 - k >= 2 or k >= floor and toks[k].text.isalpha()
                                        and toks[k].text.islower()):
                    return Mention(k + 1, ante[0] - 2, ante, True)
            if ante is not None:
                return Mention(ante[0], ante[1], None, True)
        if tok.low in RELATIVE_PRONOUNS:
            return None
        return Mention(j, j)
    if tok.text == ",":
        return _subject_with_apposition(toks, j, floor)
    np = _np_before(toks, j, floor)
    if np is None or np[0] == np[1] and toks[j].low in _QUANTIFIERS:
        return None               # "Many now argue ...": a quantifier alone is no source
    return Mention(np[0], np[1])


def _appositive(toks: list[Token], a: int, b: int, more_before: bool) -> bool:
    """Is tokens[a..b] an apposition or aside ("a spokesman", "who ...", "45", "of Springfield")?"""
    first = toks[a]
    low = first.low
    if low in APPOSITION_STARTS or low in ROLE_FIRST_WORDS or low.isdigit() or low in _APPOSITION_PREPOSITIONS:
        return True
    if low.endswith(_PARTICIPLE_SUFFIXES) and not _cap(first):
        return True
    if more_before and low.endswith(_PAST_SUFFIXES) and not _cap(first) and b > a:
        return True             # a reduced relative: "The report, published May 3, said"
    if any(t.low in ROLES for t in toks[a:b + 1]):
        return True
    if more_before and b - a <= 5 and all(_cap(t) or t.low in _APPOSITION_JOINERS or t.low in (".", "-", "&")
                                          for t in toks[a:b + 1]):
        return True             # "Democrat of California", "Va."
    # a noun phrase with no finite verb: "Pyongyang's only ally and its economic lifeline"
    return more_before and not any(t.low in FINITE or (t.low.endswith(_PAST_SUFFIXES) and not _cap(t))
                                   for t in toks[a:b + 1])


def _subject_with_apposition(toks: list[Token], j: int, floor: int) -> Mention | None:
    """ "Kyrylo Budanov, head of Ukraine's Military Intelligence, later reported" -> Kyrylo Budanov.
    The comma-separated segments before the cue are read backwards: appositions and asides are
    passed over, and the subject is the noun phrase that ends the first segment that is not one."""
    k = j - 1
    commas = [j]
    while k >= floor and j - k <= 60:
        t = toks[k]
        if t.text == ",":
            commas.append(k)
        elif t.low in BOUNDARY_PUNCT and t.low != "." and not _possessive_mark(toks, k):
            break
        k -= 1
    region_start = k + 1
    # segments between commas, nearest to the cue first: (first, last) token ranges
    bounds = commas + [region_start - 1]
    segments = [(bounds[i + 1] + 1, bounds[i] - 1) for i in range(len(bounds) - 1)]
    for index, (a, b) in enumerate(segments):
        if a > b:
            return None
        more_before = index + 1 < len(segments)
        if more_before and _appositive(toks, a, b, more_before):
            continue
        if index == 0:
            return None           # no apposition at all: "In a statement, said ..." is not a subject
        if toks[a].low in PREPOSITIONS or toks[a].low in INTRO_WORDS or _participle_opening(toks, a, b):
            # "In a statement, one of the attorneys, Justin Bamberg, said": the phrase before the
            # first comma is an introduction; the subject is the segment after it ("Speaking to
            # the BBC, the shadow chancellor, Mel Stride, said": a participle phrase is one too)
            a, b = segments[index - 1]
            np = _np_before(toks, b, a)
            if np is None or np[1] - np[0] > 10:
                return None
            appos = (segments[index - 2][0], segments[0][1]) if index >= 2 else None
            return Mention(np[0], np[1], appos)
        np = _np_before(toks, b, a)
        if np is None or np[1] - np[0] > 10:
            return None
        first = toks[np[0]].low
        if first in PREPOSITIONS or first in INTRO_WORDS:
            return None
        return Mention(np[0], np[1], (segments[index - 1][0], segments[0][1]))
    return None


def _participle_opening(toks: list[Token], a: int, b: int) -> bool:
    """Do tokens[a..b] open with a participle ('Speaking to reporters', 'Asked about the plan')
    followed by more words? A capitalised -ing or -ed word, not a name: lower-case words follow."""
    first = toks[a].low
    return b > a and (first.endswith(_PARTICIPLE_SUFFIXES) or first.endswith(_PAST_SUFFIXES)) \
        and not _cap(toks[a + 1])


def _possessive_mark(toks: list[Token], k: int) -> bool:
    """A lone apostrophe after a plural ("veterans' families") or before a decade ("the '90s")."""
    if toks[k].text not in _APOSTROPHES:
        return False
    if k + 1 < len(toks) and toks[k + 1].text[0].isdigit() and toks[k + 1].start == toks[k].end:
        return True
    return k > 0 and toks[k - 1].low.endswith(_PLURAL_SUFFIXES) and toks[k - 1].end == toks[k].start


def _name_before(toks: list[Token], j: int, floor: int) -> tuple[int, int] | None:
    """The capitalised name that ends at token j, when a lower-case word that opens no name
    stands before it: the antecedent of "..., who said" is "McConnell" in "Obama met McConnell,
    who said", not the clause."""
    k = j
    while k >= floor and (_cap(toks[k]) or toks[k].text in ".-" and k < j):
        k -= 1
    if k == j or k < floor or not toks[k].text[:1].isalpha() or _cap(toks[k]) \
            or toks[k].low in ARTICLES or toks[k].low in ROLE_FIRST_WORDS or toks[k].low in PREPOSITIONS \
            or toks[k].low in BOUNDARY_WORDS:
        return None             # "The senator from Kentucky, who": the name ends a longer phrase
    return (k + 1, j) if _cap(toks[k + 1]) else None


def _np_before(toks: list[Token], j: int, floor: int) -> tuple[int, int] | None:
    if j >= floor and toks[j].text == ")":
        # "Rep. Gregory W. Meeks (D-N.Y.)": the tag belongs to the name before it
        k = j - 1
        while k > floor and toks[k].text != "(" and j - k <= TAG_TOKENS:
            k -= 1
        if k > floor and toks[k].text == "(":
            inner = _np_before(toks, k - 1, floor)
            return (inner[0], j) if inner is not None else None
        return None
    if j < floor or not _is_word(toks[j]) or toks[j].low in BOUNDARY_WORDS:
        return None           # "... in Charlotte and said": no noun phrase ends in "and"
    k = _clause_start(toks, j, floor)
    k = _strip_leading(toks, k, j)
    if k > j:
        return None
    if not any(_cap(t) or t.low in ANONYMOUS or t.low in ROLE_FIRST_WORDS or t.low in PRONOUNS
               or _is_noun_like(t) for t in toks[k:j + 1]):
        return None
    # a subject must end in a noun-like word, not a verb or a preposition
    last = toks[j].low
    if last in PREPOSITIONS or last in ARTICLES or last in AUX_ADV:
        return None
    return k, j


def _is_noun_like(tok: Token) -> bool:
    return tok.text.isalpha() and not tok.low.endswith(_PAST_OR_ADVERB)


def _looks_like_apposition(toks: list[Token], a: int, b: int) -> bool:
    first = toks[a].low
    if first in APPOSITION_STARTS or first in ROLE_FIRST_WORDS or first.isdigit():
        return True
    return any(t.low in ROLES for t in toks[a:b + 1])


def past_tag(toks: list[Token], k: int, end: int) -> int | None:
    """The token after a parenthetical tag opening at ``k`` ("Rep. Joseph Crowley (D-N.Y.), ..."),
    or None when no short tag closes there."""
    m = k + 1
    while m < end and toks[m].text != ")" and m - k <= TAG_TOKENS:
        m += 1
    return m + 1 if m < end and toks[m].text == ")" else None


def subject_after(toks: list[Token], cue: int, end: int, any_noun: bool = False) -> Mention | None:
    """Inverted subject: "..., said Smith." / "..., said the spokesman, adding ..."."""
    j = cue + 1
    while j < end and toks[j].low in AUX_ADV:
        j += 1
    if j >= end or not _is_word(toks[j]):
        return None
    if toks[j].low in PRONOUNS and toks[j].low not in OBJECT_PRONOUNS and toks[j].low not in RELATIVE_PRONOUNS:
        return Mention(j, j)
    k = j
    while k < end:
        t = toks[k]
        low = t.low
        if low in _NAME_CONJUNCTIONS and k > j and _cap(toks[k - 1]) and k + 1 < end and _cap(toks[k + 1]):
            k += 1                # "answer Li and Moss": two names, one source; "according to the
            continue              # Canada Mortgage and Housing Corporation": one name
        if low in BOUNDARY_PUNCT and low not in (".",) or low in BOUNDARY_WORDS:
            break
        if k > j and title_dot(toks, k):
            k += 1
            continue
        if t.text == "(":
            past = past_tag(toks, k, end)
            if past is not None:
                k = past
                continue
        if low == ".":
            break
        if (low in PREPOSITIONS and low not in _NP_PREPOSITIONS and not any_noun) or low in WEEKDAYS:
            break
        k += 1
    if k == j:
        return None
    last = k - 1
    if toks[last].low in _NP_PREPOSITIONS or toks[last].low in ARTICLES:
        return None
    if not any_noun and not any(_cap(t) or t.low in ANONYMOUS or t.low in ROLE_FIRST_WORDS
                                for t in toks[j:last + 1]):
        return None
    appos = None
    if k < end and toks[k].text == "," and not any_noun:
        m = k + 1
        while m < end and toks[m].text not in (",", ".", ";") and m - k < 40:
            m += 1
        if m > k + 1 and _looks_like_apposition(toks, k + 1, m - 1):
            appos = (k + 1, m - 1)
    return Mention(j, last, appos)


def subject_forward(toks: list[Token], start: int, end: int, any_noun: bool = False) -> Mention | None:
    """A noun phrase starting at ``start`` (the source after "according to")."""
    return subject_after(toks, start - 1, end, any_noun)
