"""The English lexicons under their former names, for the modules that still import them from here
(rules.py and engine.py, until they take their words from ``language.ENGLISH`` directly).

The data, its loading and its checks live in :mod:`language`; nothing here reads a file.
"""
from __future__ import annotations

from typing import Mapping

from .language import ENGLISH as EN
from .language import STANCES, VERB_CLASSES, LanguageDataError, Pronoun, VerbEntry

LexiconError = LanguageDataError

VERBS: Mapping[str, VerbEntry] = EN.verbs
TITLES: frozenset[str] = EN.titles
ROLES: frozenset[str] = EN.roles
ROLE_FIRST_WORDS: frozenset[str] = EN.role_first_words
MAX_ROLE_WORDS: int = EN.max_role_words
ORG_WORDS: frozenset[str] = EN.org_words
ORGANIZATIONS: frozenset[str] = EN.organizations
NATIONALITIES: Mapping[str, str] = EN.nationalities
PRONOUNS: Mapping[str, Pronoun] = EN.pronouns
ANONYMOUS: frozenset[str] = EN.anonymous
STANCE_WORDS: Mapping[str, str] = EN.stance_words
HEDGES: frozenset[str] = EN.hedges
NEGATIONS: frozenset[str] = EN.negations
ABBREVIATIONS: frozenset[str] = EN.abbreviations

