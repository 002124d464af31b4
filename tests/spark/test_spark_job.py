"""Spark gives exactly the in-process engine's statements, and bad rows become error rows
while the rest of the documents are processed."""
from __future__ import annotations

import json

import pytest

from service.attribution import LANGUAGES, UnknownLanguage, attribute
from service.spark_job import COLUMN_NAMES, attribute_documents, read_documents, statement_schema
from tests.support.contract import check_piece


def engine_rows(documents, language: str = "en") -> list[tuple]:
    """What the in-process engine says, written out field by field here (not through the
    module under test), in document order then engine order."""
    rows = []
    for doc in documents:
        for q in attribute(doc["text"], language=language).quotes:
            rows.append((
                doc["id"], q.id, q.type, q.span.text, q.span.start, q.span.end,
                q.speaker.name if q.speaker else None, q.speaker.kind if q.speaker else None,
                q.speaker.gender if q.speaker else None,
                q.affiliation.organization if q.affiliation else None,
                q.affiliation.role if q.affiliation else None,
                q.affiliation.party if q.affiliation else None,
                q.stance.label, q.stance.hedged, q.confidence, q.rule, None))
    return rows


def by_document(rows) -> dict[str, list[tuple]]:
    grouped: dict[str, list[tuple]] = {}
    for row in rows:
        grouped.setdefault(row[0], []).append(tuple(row))
    return grouped


def test_spark_returns_exactly_the_engines_statements(spark, documents):
    df = spark.createDataFrame(documents, "id string, text string").repartition(4)
    out = attribute_documents(df)
    assert out.schema == statement_schema()
    got = by_document(out.collect())
    want = by_document(engine_rows(documents))
    assert sum(map(len, want.values())) > 100  # the corpus really has statements
    assert got == want  # same rows, and within each document the engine's order
    # The speaker's gender and party are among the compared values, not only nulls.
    rows = [row for rows in got.values() for row in rows]
    assert {row[COLUMN_NAMES.index("speaker_gender")] for row in rows} >= {"female", "male"}
    assert {row[COLUMN_NAMES.index("party")] for row in rows} - {None}


def test_offsets_are_exact_in_the_output(spark, documents):
    texts = {d["id"]: d["text"] for d in documents}
    rows = attribute_documents(spark.createDataFrame(documents, "id string, text string"))
    for row in rows.collect():
        check_piece(texts[row.document_id], row.start, row.end, row.text, row.quote_id)


def test_bad_rows_are_reported_and_the_rest_processed(spark, documents):
    good = documents[:6]
    long_text = "x" * 5001 + ' "Fine," she said.'
    bad = [("null-text", None), ("empty", ""), ("blank", " \n\t "),
           ("too-long", long_text), (None, good[0]["text"])]
    rows = [(d["id"], d["text"]) for d in good[:3]] + bad[:3] + \
        [(d["id"], d["text"]) for d in good[3:]] + bad[3:]
    df = spark.createDataFrame(rows, "id string, text string").repartition(3)
    out = attribute_documents(df, max_chars=5000).collect()

    errors = {r.document_id: r.error for r in out if r.error is not None}
    assert errors == {
        "null-text": "text is null",
        "empty": "text is empty",
        "blank": "text is only whitespace",
        "too-long": f"text has {len(long_text)} characters, more than the limit of 5000",
        None: "id is null",
    }
    for r in out:
        if r.error is not None:  # an error row carries nothing but the id and the reason
            assert [getattr(r, c) for c in COLUMN_NAMES[1:-1]] == [None] * 15
    statements = [tuple(r) for r in out if r.error is None]
    assert by_document(statements) == by_document(engine_rows(good))


def test_a_text_column_that_is_not_string_gives_error_rows(spark):
    df = spark.createDataFrame([("a", 5), ("b", None)], "id string, text int")
    out = sorted((r.document_id, r.error) for r in attribute_documents(df).collect())
    assert out == [("a", "text is of type int, not a string"), ("b", "text is null")]


def test_ids_of_any_type_are_cast_to_string(spark):
    df = spark.createDataFrame([(7, '"We are ready," the coach said.')], "doc bigint, body string")
    out = attribute_documents(df, "doc", "body").collect()
    assert out and {r.document_id for r in out} == {"7"}
    assert [r.quote_id for r in out] == [q.id for q in attribute(
        '"We are ready," the coach said.').quotes]


def test_each_document_runs_in_its_language_column_else_the_runs(spark, documents):
    good = documents[:4]
    rows = [(d["id"], d["text"], code) for d, code in zip(good, [None, "en", None, "en"])]
    rows.append(("foreign", good[0]["text"], "xx"))
    df = spark.createDataFrame(rows, "id string, text string, lang string").repartition(2)
    out = attribute_documents(df, language="en", language_column="lang").collect()
    errors = {r.document_id: r.error for r in out if r.error is not None}
    assert errors == {"foreign": "unknown language 'xx'; available: "
                                 + ", ".join(LANGUAGES)}
    assert by_document(tuple(r) for r in out if r.error is None) == \
        by_document(engine_rows(good))


GERMAN = [{"id": "de-1", "text": "„Wir sind bereit“, sagte die Ministerin."},
          {"id": "de-2", "text": "Laut Polizei wurde niemand verletzt. Der Sprecher sagte, "
                                 "die Lage sei weiterhin ernst."}]


def test_german_documents_are_read_with_the_german_rules(spark, documents):
    """German by the run's language and by a document's own column, beside English ones."""
    english = documents[:2]
    rows = [(d["id"], d["text"], "de") for d in GERMAN] + [(d["id"], d["text"], None) for d in english]
    df = spark.createDataFrame(rows, "id string, text string, lang string").repartition(2)
    out = [tuple(r) for r in attribute_documents(df, language="en", language_column="lang").collect()]
    assert by_document(out) == by_document(engine_rows(GERMAN, "de") + engine_rows(english))
    assert ("de-1", "Wir sind bereit", "de-quote-cue-speaker") in {(r[0], r[3], r[15]) for r in out}
    whole = attribute_documents(spark.createDataFrame(GERMAN, "id string, text string"),
                                language="de").collect()
    assert by_document(tuple(r) for r in whole) == by_document(engine_rows(GERMAN, "de"))
    assert {r.rule for r in whole} >= {"de-quote-cue-speaker", "de-according"}


def test_an_unknown_run_language_or_a_missing_language_column_fails_before_any_job(spark):
    df = spark.createDataFrame([("a", "text")], "id string, text string")
    with pytest.raises(UnknownLanguage, match="unknown language 'xx'; available: "):
        attribute_documents(df, language="xx")
    with pytest.raises(ValueError, match="no column 'lang'"):
        attribute_documents(df, language_column="lang")


def test_missing_columns_fail_before_any_job(spark):
    df = spark.createDataFrame([("a",)], "name string")
    with pytest.raises(ValueError, match="no column 'id', 'text'"):
        attribute_documents(df)


def test_jsonl_bad_lines_become_error_rows(spark, tmp_path, documents):
    path = tmp_path / "docs.jsonl"
    good = documents[:5]
    lines = [json.dumps(d) for d in good[:2]] + [
        "", "   ",                                   # blank lines are skipped
        '{"id": "num", "text": 5}',                  # Spark's reader would make this "5"
        '{"id": "obj", "text": {"body": "x"}}',
        '{"id": "gone"}',
        '{"id": "nul", "text": null}',
        "not json at all",
        "[1, 2, 3]",
        '{"text": "no id, she said."}',
        '{"id": 42, "text": ""}',
    ] + [json.dumps(d) for d in good[2:]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    out = attribute_documents(read_documents(spark, str(path)),
                              problem_column="problem").collect()
    errors = sorted((r.document_id or "", r.error) for r in out if r.error)
    uri = path.as_uri().replace("file:///", "file:/")
    assert [(i, e.replace(uri, "FILE").replace(path.as_uri(), "FILE")) for i, e in errors] == [
        ("", "id is missing or null: '{\"text\": \"no id, she said.\"}' in FILE"),
        ("", "line is a JSON list, not an object: '[1, 2, 3]' in FILE"),
        ("", "line is not valid JSON (Expecting value: line 1 column 1 (char 0)): "
             "'not json at all' in FILE"),
        ("42", "text is empty"),
        ("gone", "line has no 'text' field"),
        ("nul", "text is null"),
        ("num", "text is int, not a string"),
        ("obj", "text is dict, not a string"),
    ]
    statements = [tuple(r) for r in out if r.error is None]
    assert by_document(statements) == by_document(engine_rows(good))


def test_parquet_input_is_read_by_column(spark, tmp_path, documents):
    folder = str(tmp_path / "in.parquet")
    spark.createDataFrame(documents[:8], "id string, text string").write.parquet(folder)
    out = attribute_documents(read_documents(spark, folder), problem_column="problem")
    assert by_document(out.collect()) == by_document(engine_rows(documents[:8]))


def test_the_function_spark_ships_refers_to_the_engine_by_name():
    """Workers import the engine once with this module; the pickled task function carries a
    reference to it, not the engine's lexicons and compiled patterns."""
    import functools

    from pyspark import cloudpickle

    from service import spark_job

    shipped = cloudpickle.dumps(functools.partial(spark_job._attribute_batches, max_chars=10))
    assert b"service.spark_job" in shipped
    assert len(shipped) < 1000, len(shipped)
