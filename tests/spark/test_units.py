"""The per-document pieces of the Spark job, without Spark."""
from __future__ import annotations

import pytest

from service import spark_job
from service.spark_job import attribute_one, guess_format, parse_jsonl_line, problem_with


@pytest.mark.parametrize("text, reason", [
    (None, "text is null"), (5, "text is int, not a string"), (b"x", "text is bytes, not a string"),
    ("", "text is empty"), ("  \n", "text is only whitespace"),
    ("abcdef", "text has 6 characters, more than the limit of 5"),
    ("abcde", None),
])
def test_problem_with(text, reason):
    assert problem_with(text, max_chars=5) == reason


def test_an_engine_failure_is_an_error_row_not_a_failed_job(monkeypatch):
    def broken(text):
        raise RuntimeError("lexicon missing")

    monkeypatch.setattr(spark_job, "attribute", broken)
    rows = attribute_one("d1", '"Hi," he said.')
    assert len(rows) == 1
    assert rows[0]["document_id"] == "d1"
    assert rows[0]["error"] == "the engine failed: RuntimeError: lexicon missing"
    assert [rows[0][c] for c in spark_job.COLUMN_NAMES[1:-1]] == [None] * 13


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
                   "speaker_kind", "organization", "role", "stance_label", "hedged",
                   "confidence", "rule", "error"):
        assert wanted in names
