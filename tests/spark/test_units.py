"""The per-document pieces of the Spark job, without Spark."""
from __future__ import annotations

import pytest

from service import spark_job
from service.attribution import LANGUAGES
from service.spark_job import (attribute_one, guess_format, parse_jsonl_document,
                               parse_jsonl_line, problem_with)


@pytest.mark.parametrize("text, reason", [
    (None, "text is null"), (5, "text is int, not a string"), (b"x", "text is bytes, not a string"),
    ("", "text is empty"), ("  \n", "text is only whitespace"),
    ("abcdef", "text has 6 characters, more than the limit of 5"),
    ("abcde", None),
])
def test_problem_with(text, reason):
    assert problem_with(text, max_chars=5) == reason


def test_an_engine_failure_is_an_error_row_not_a_failed_job(monkeypatch):
    def broken(text, language="en"):
        raise RuntimeError("lexicon missing")

    monkeypatch.setattr(spark_job, "attribute", broken)
    rows = attribute_one("d1", '"Hi," he said.')
    assert len(rows) == 1
    assert rows[0]["document_id"] == "d1"
    assert rows[0]["error"] == "the engine failed: RuntimeError: lexicon missing"
    assert [rows[0][c] for c in spark_job.COLUMN_NAMES[1:-1]] == [None] * 15


def test_a_problem_found_earlier_wins():
    assert attribute_one(None, None, "line is not valid JSON")[0]["error"] == \
        "line is not valid JSON"
    assert attribute_one(None, "text")[0]["error"] == "id is null"


@pytest.mark.parametrize("line, parsed", [
    ('{"id": "a", "text": "t"}', ("a", "t", None)),
    ('{"id": 3, "text": "t", "extra": 1}', ("3", "t", None)),
    ('{"id": "a", "text": null}', ("a", None, None)),  # attribute_one reports "text is null"
    ('{"id": true, "text": "t"}', (None, None, "id is bool, not a string: "
                                               "'{\"id\": true, \"text\": \"t\"}'")),
    ('{"id": "a", "text": ["t"]}', ("a", None, "text is list, not a string")),
    ('{"id": "a"}', ("a", None, "line has no 'text' field")),
    ('"just a string"', (None, None, "line is a JSON str, not an object: "
                                     "'\"just a string\"'")),
])
def test_parse_jsonl_line(line, parsed):
    assert parse_jsonl_line(line) == parsed


@pytest.mark.parametrize("path, fmt", [
    ("a.jsonl", "jsonl"), ("A.NDJSON", "jsonl"), ("x/b.json", "jsonl"),
    ("archive/", "parquet"), ("part-0.parquet", "parquet"), ("'dir/*.parquet'", "parquet"),
])
def test_guess_format(path, fmt):
    assert guess_format(path) == fmt


def test_the_schema_lists_every_field_the_issue_names():
    names = spark_job.COLUMN_NAMES
    for wanted in ("document_id", "quote_id", "type", "text", "start", "end", "speaker_name",
                   "speaker_kind", "speaker_gender", "organization", "role", "party",
                   "stance_label", "hedged", "confidence", "rule", "error"):
        assert wanted in names


# --- languages ----------------------------------------------------------------------------------

TEXT = '"We are ready," the coach said on Friday.'


def test_a_document_in_a_known_language_gives_the_engines_rows():
    rows = attribute_one("d1", TEXT, language="en")
    assert rows and rows == attribute_one("d1", TEXT)
    assert all(row["error"] is None for row in rows)


def test_a_german_document_gives_the_german_rules_rows():
    rows = attribute_one("d1", "„Wir sind bereit“, sagte die Ministerin.", language="de")
    assert [(r["text"], r["rule"], r["error"]) for r in rows] == [
        ("Wir sind bereit", "de-quote-cue-speaker", None)]
    assert attribute_one("d1", "„Wir sind bereit“, sagte die Ministerin.") == []  # not in English


def test_a_document_in_an_unknown_language_is_an_error_row():
    (row,) = attribute_one("d1", TEXT, language="xx")
    assert row["document_id"] == "d1"
    assert row["error"] == f"unknown language 'xx'; available: {', '.join(LANGUAGES)}"
    assert [row[c] for c in spark_job.COLUMN_NAMES[1:-1]] == [None] * 15


def test_each_row_runs_in_its_own_language_else_the_runs(monkeypatch):
    """Inside the workers (no Spark needed): a second language code, as when the engine gains
    one, to see which language each document is given."""
    import pyarrow as pa

    asked = []
    real = spark_job.attribute

    def spy(text, language="en"):
        asked.append(language)
        return real(text)

    import service.attribution.engine as engine

    for module in (spark_job, engine):
        monkeypatch.setattr(module, "LANGUAGES", ("en", "zz"))
    monkeypatch.setattr(spark_job, "attribute", spy)
    batch = pa.RecordBatch.from_pydict({
        "id": ["a", "b", "c", "d"], "text": [TEXT] * 4, "problem": [None] * 4,
        "language": [None, "en", "zz", "xx"]})
    rows = [row for out in spark_job._attribute_batches([batch], max_chars=1000, language="zz")
            for row in out.to_pylist()]
    assert asked == ["zz", "en", "zz"]
    assert [r["error"] for r in rows if r["document_id"] == "d"] == [
        "unknown language 'xx'; available: en, zz"]
    assert {r["document_id"] for r in rows if r["error"] is None} == {"a", "b", "c"}


@pytest.mark.parametrize("line, parsed", [
    ('{"id": "a", "text": "t", "lang": "en"}', ("a", "t", None, "en")),
    ('{"id": "a", "text": "t"}', ("a", "t", None, None)),
    ('{"id": "a", "text": "t", "lang": null}', ("a", "t", None, None)),
    ('{"id": "a", "text": "t", "lang": 5}', ("a", None, "lang is int, not a string", None)),
    ('{"id": "a", "text": 5, "lang": "en"}', ("a", None, "text is int, not a string", None)),
    ("[1]", (None, None, "line is a JSON list, not an object: '[1]'", None)),
])
def test_parse_jsonl_document_with_a_language_field(line, parsed):
    assert parse_jsonl_document(line, language_key="lang") == parsed
    assert parse_jsonl_line(line) == parse_jsonl_document(line)[:3]


def test_rows_carry_the_speakers_gender_and_party_from_the_engine():
    """Without Spark: each row's speaker_gender and party are the engine's, field by field."""
    from service.attribution import attribute
    from tests.spark.conftest import ARTICLES

    text = ARTICLES["senate"]
    rows = attribute_one("senate", text)
    quotes = attribute(text).quotes
    assert [r["quote_id"] for r in rows] == [q.id for q in quotes]
    for row, quote in zip(rows, quotes):
        assert row["speaker_gender"] == (quote.speaker.gender if quote.speaker else None)
        assert row["party"] == (quote.affiliation.party if quote.affiliation else None)
    # The article states both, so the comparison is not one of nulls.
    assert {r["speaker_gender"] for r in rows} >= {"female", "male"}
    assert {r["party"] for r in rows} - {None}
