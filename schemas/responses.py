"""Response bodies, dumped from the engine's frozen dataclasses (`service.attribution.model`).

Every field is `required` (always present) and nullable ones say so: absent things are
`null`, never missing keys. :func:`dump_result` is the one place an engine result becomes the
v1 JSON object: the service, the command line and anything else that prints one call it.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from marshmallow import Schema, fields, validate

if TYPE_CHECKING:
    from service.attribution import Result

QUOTE_TYPES = ("direct", "indirect", "mixed", "partial")
SPEAKER_KINDS = ("person", "organization", "anonymous", "unknown")
STANCE_LABELS = ("support", "oppose", "neutral")
GENDERS = ("female", "male")

_OFFSET = {"description": "Code-point index into the text as received.", "minimum": 0}


def _start() -> fields.Integer:
    return fields.Integer(required=True, metadata={**_OFFSET, "description":
                          "Code-point index of the first character, into the text as received."})


def _end() -> fields.Integer:
    return fields.Integer(required=True, metadata={**_OFFSET, "description":
                          "Code-point index just past the last character (exclusive)."})


class OffsetsSchema(Schema):
    """Where a statement's content lies: `input[start:end]` is the quote's `text`."""
    start = _start()
    end = _end()


class TextSpanSchema(Schema):
    """A piece of the input with its offsets; `text == input[start:end]`."""
    text = fields.String(required=True)
    start = _start()
    end = _end()


class CueSchema(Schema):
    """The reporting word or phrase (`said`, `according to`)."""
    text = fields.String(required=True, metadata={"example": "said"})
    lemma = fields.String(required=True, metadata={"example": "say"})
    start = _start()
    end = _end()


class AffiliationSchema(Schema):
    """For whom a speaker speaks; either part may be null."""
    organization = fields.String(required=True, allow_none=True,
                                 metadata={"example": "Chinese Foreign Ministry"})
    role = fields.String(required=True, allow_none=True, metadata={"example": "spokesman"})
    party = fields.String(required=True, allow_none=True, metadata={
        "example": "Democratic",
        "description": "The person's political party when the article gives it (`Sen. Ann Li "
                       "(D-N.Y.)`, `Republican X`, `the GOP nominee`); null otherwise."})


class StanceSchema(Schema):
    """The speaker's stance in the statement: support, oppose or neutral."""
    label = fields.String(required=True, validate=validate.OneOf(STANCE_LABELS))
    score = fields.Float(required=True, metadata={"description": "Strength of the stance."})
    hedged = fields.Boolean(required=True, metadata={
        "description": "Whether the statement is hedged (may, could, reportedly)."})
    evidence = fields.List(fields.Nested(TextSpanSchema), required=True, metadata={
        "description": "The words that decided the label, with offsets."})


class SpeakerRefSchema(Schema):
    """Who said one statement."""
    name = fields.String(required=True, allow_none=True, metadata={
        "description": "Fullest name the article gives the speaker."})
    kind = fields.String(required=True, validate=validate.OneOf(SPEAKER_KINDS))
    entity = fields.String(required=True, allow_none=True, metadata={
        "description": "Id of the entry in `speakers`."})
    mention = fields.Nested(TextSpanSchema, required=True, allow_none=True, metadata={
        "description": "The words of the attribution itself (`he`, `the spokesperson`)."})
    gender = fields.String(required=True, allow_none=True, validate=validate.OneOf(GENDERS), metadata={
        "description": "`female` or `male` for a single person when the article says so (pronouns, "
                       "honorifics, gendered nouns for that person; never a first name), else null."})


class QuoteSchema(Schema):
    """One attributed statement."""
    id = fields.String(required=True, metadata={"example": "q1"})
    type = fields.String(required=True, validate=validate.OneOf(QUOTE_TYPES))
    text = fields.String(required=True, attribute="span.text", metadata={
        "description": "The statement's content without its enclosing quotation marks."})
    span = fields.Nested(OffsetsSchema, required=True)
    fragments = fields.List(fields.Nested(TextSpanSchema), required=True, metadata={
        "description": "The statement's pieces in order (two when interrupted by its "
                       "attribution)."})
    cue = fields.Nested(CueSchema, required=True, allow_none=True)
    speaker = fields.Nested(SpeakerRefSchema, required=True, allow_none=True, metadata={
        "description": "Null for a statement with no source (`it was reported that`)."})
    affiliation = fields.Nested(AffiliationSchema, required=True, allow_none=True)
    stance = fields.Nested(StanceSchema, required=True)
    confidence = fields.Float(required=True, metadata={"minimum": 0, "maximum": 1})
    rule = fields.String(required=True, metadata={
        "description": "Name of the engine rule that produced this statement."})


class SpeakerSchema(Schema):
    """One entity that makes statements in the article."""
    id = fields.String(required=True, metadata={"example": "s1"})
    name = fields.String(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(SPEAKER_KINDS))
    affiliation = fields.Nested(AffiliationSchema, required=True, allow_none=True)
    mentions = fields.List(fields.Nested(TextSpanSchema), required=True)
    quotes = fields.List(fields.String(), required=True, metadata={
        "description": "Ids of this speaker's statements in `quotes`."})
    gender = fields.String(required=True, allow_none=True, validate=validate.OneOf(GENDERS), metadata={
        "description": "As in a statement's speaker."})
    gender_evidence = fields.List(fields.Nested(TextSpanSchema), required=True, metadata={
        "description": "The words that decided `gender` (`she`, `Mrs.`, `spokeswoman`), with offsets; "
                       "empty when it is null."})


class MetaSchema(Schema):
    """How the document was processed."""
    characters = fields.Integer(required=True, metadata={
        "description": "Length of the text in code points."})
    elapsed_ms = fields.Float(required=True, metadata={
        "description": "Engine time for this document, in milliseconds."})
    engine = fields.String(required=True, metadata={"description": "Engine version."})
    language = fields.String(required=True, metadata={
        "description": "Language the text was attributed in: the request's, or the default.",
        "example": "en"})


class AttributionResponseSchema(Schema):
    """The result for one document. Quotes are ordered by `span.start`."""
    id = fields.String(required=True, allow_none=True, metadata={
        "description": "The request's id, or null when it gave none."})
    quotes = fields.List(fields.Nested(QuoteSchema), required=True)
    speakers = fields.List(fields.Nested(SpeakerSchema), required=True)
    meta = fields.Nested(MetaSchema, required=True)


class BatchResponseSchema(Schema):
    """The results of a batch request."""
    results = fields.List(fields.Nested(AttributionResponseSchema), required=True, metadata={
        "description": "One result per document, in the order of the request."})


class RuleExampleSchema(Schema):
    """A worked example of a rule: the text, the statement's content and its source mention."""
    text = fields.String(required=True)
    content = fields.String(required=True)
    source = fields.String(required=True, allow_none=True)


class RuleSchema(Schema):
    """One attribution rule of the engine, with its measured precision."""
    name = fields.String(required=True, metadata={"example": "quote-comma-subject-cue"})
    example = fields.String(required=True, metadata={
        "description": "A sentence of the form the rule reads."})
    precision = fields.Float(required=True, metadata={
        "minimum": 0, "maximum": 1,
        "description": "Share of the rule's statements matched by a human annotation on the "
                       "corpus named by `measured_on` (for English, the PolNeAR training split); "
                       "the `confidence` of every statement it makes."})
    support = fields.Integer(required=True, metadata={
        "minimum": 0, "description": "How many statements the rule made on that split (0: the "
                                     "precision is a stated prior)."})
    family = fields.String(required=True, metadata={
        "example": "content-first",
        "description": "The family the rule belongs to: for English, its engine module; for another "
                       "language, the shared form of attribution it reads (`quote-cue-speaker`)."})
    scope = fields.String(required=True, metadata={
        "enum": ["cue", "paragraph", "quote", "marker", "follow"],
        "description": "What the rule is tried on: each reporting cue (`cue`), the text's paragraphs "
                       "(`paragraph`), or quotations no other statement took (`quote`); in a "
                       "language other than English also each sentence, for an attribution "
                       "without a verb of its own (`marker`: `laut X`), or a sentence right after "
                       "a statement that carries it on (`follow`)."})
    frames = fields.List(fields.String(), required=True, metadata={
        "description": "For cue rules, the cue frames the rule reads (`preverbal`, `inverted`, "
                       "`participle`, `coordinated`, `passive`, `according`); empty otherwise."})
    description = fields.String(required=True, metadata={"description": "What the rule reads."})
    examples = fields.List(fields.Nested(RuleExampleSchema), required=True, metadata={
        "description": "Worked examples: each text gives a statement by this rule (tested)."})
    counterexamples = fields.List(fields.String(), required=True, metadata={
        "description": "Texts that look alike but give no statement by this rule (tested)."})


class RulesResponseSchema(Schema):
    """The rules of one language in registry order: the order in which a cue's rules are tried
    (the first whose form fits wins) and in which conflicts between statements are settled."""
    engine = fields.String(required=True, metadata={"description": "Engine version."})
    language = fields.String(required=True, metadata={
        "description": "The language whose rules these are: the request's, or the default.",
        "example": "en"})
    measured_on = fields.String(required=True, metadata={
        "description": "The corpus and scoring the rules' precision was measured with.",
        "example": "polnear-train.jsonl"})
    rules = fields.List(fields.Nested(RuleSchema), required=True)


class LanguageSchema(Schema):
    """One language the engine has data for."""
    code = fields.String(required=True, metadata={
        "description": "The code to send as `language`.", "example": "en"})
    default = fields.Boolean(required=True, metadata={
        "description": "Whether this is the language of a request that names none."})
    name = fields.String(required=True, metadata={
        "description": "The language's name in English.", "example": "German"})
    native = fields.String(required=True, metadata={
        "description": "The language's name in that language, as a language menu shows it.",
        "example": "Deutsch"})


class LanguagesResponseSchema(Schema):
    """The languages a request may name."""
    languages = fields.List(fields.Nested(LanguageSchema), required=True)


class HealthSchema(Schema):
    """Liveness."""
    status = fields.String(required=True, metadata={"example": "ok"})


class ReadySchema(Schema):
    """Readiness, the engine version and its build."""
    status = fields.String(required=True, metadata={"example": "ready"})
    engine = fields.String(required=True, metadata={"description": "Engine version.",
                                                    "example": "1.0.0"})
    build = fields.String(required=True, validate=validate.OneOf(["compiled", "python"]), metadata={
        "description": "`compiled`: the engine's modules run compiled to C (mypyc); `python`: from "
                       "their Python sources (no build, or one older than the sources). The output "
                       "is the same; the compiled engine is faster (docs/speed.md).",
        "example": "compiled"})


_result_schema = AttributionResponseSchema()


def dump_result(result: "Result", doc_id: str | None, language: str) -> dict[str, Any]:
    """The v1 JSON object (as plain dicts and lists) of one engine result: its statements and
    speakers through :class:`AttributionResponseSchema`, with ``id`` and ``meta``."""
    return _result_schema.dump({
        "id": doc_id, "quotes": result.quotes, "speakers": result.speakers,
        "meta": {"characters": result.characters, "elapsed_ms": round(result.elapsed_ms, 3),
                 "engine": result.engine, "language": language}})
