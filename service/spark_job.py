"""Attribute statements over whole archives with Apache Spark: the engine runs in-process inside
Spark's Python workers, no HTTP anywhere.

    from service.spark_job import attribute_documents
    docs = spark.read.parquet("archive/")                  # a column `id` and a column `text`
    attribute_documents(docs).write.parquet("statements/")

or from the command line (``pip install '.[spark]'``; Java 17 or later on the machine):

    attribution spark archive.jsonl statements.parquet                 # local[*]
    attribution spark --master spark://host:7077 'archive/*.parquet' statements.parquet

:func:`attribute_documents` returns one row per statement, in the order the engine gives them
within each document, with the schema :data:`STATEMENT_COLUMNS` describes (``statement_schema()``
builds it as a Spark ``StructType``). Every document is attributed in the run's ``language``
(default ``en``), or in its own from ``language_column`` where that is not null. It is built
on ``DataFrame.mapInArrow``: each Python worker imports the engine once, with this module, and
Spark reuses its Python workers from task to task, so the engine's lexicons and regular
expressions load once per worker, never per row.

A document that cannot be processed never fails the job. It gives one row whose ``error`` column
says why and whose statement columns are null: a null id, a null, empty or whitespace-only text,
a text column that is not of string type, a text longer than ``max_chars`` characters (the
service's MAX_TEXT_CHARS default, 500,000, so that one odd document cannot hold a task for
long), a language the engine does not have (from ``language_column``), an engine failure on
that text, and, for JSONL input, a line that is not a JSON object or whose ``text`` (or
language field) is not a JSON string. Statement rows have a null ``error``; a document with no
statement gives no row.

On a cluster, every executor needs this package and its dependencies installed (the wheel built
from this repository, ``pip install statement-attribution-*.whl``): the engine reads its lexicons
from files inside the package.
"""
from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

# Absolute imports: spark-submit runs this file as a script, outside its package.
from service.attribution import LANGUAGES, Result, UnknownLanguage, attribute
from service.config import DEFAULTS

if TYPE_CHECKING:  # pyspark and pyarrow are the optional extra `spark`
    import pyarrow as pa
    from pyspark.sql import DataFrame, SparkSession
    from pyspark.sql.types import StructType

#: The output, one row per statement: (column, Spark SQL type, description).
STATEMENT_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("document_id", "string", "the input row's id"),
    ("quote_id", "string", "the statement's id within its document: q1, q2, ..."),
    ("type", "string", "direct, indirect, mixed or partial"),
    ("text", "string", "the statement's content, exactly text[start:end] of the document"),
    ("start", "int", "offset of the content's first character (Python code-point index)"),
    ("end", "int", "offset just after the content's last character"),
    ("speaker_name", "string", "the fullest name the document gives the speaker; null if none"),
    ("speaker_kind", "string", "person, organization, anonymous or unknown; null if no speaker"),
    ("speaker_gender", "string", "female or male when the document says so of the speaker "
                                 "(pronouns, honorifics, gendered nouns); else null"),
    ("organization", "string", "the organization the speaker speaks for; null if none found"),
    ("role", "string", "the speaker's role or title; null if none found"),
    ("party", "string", "the speaker's political party when the document gives it; else null"),
    ("stance_label", "string", "support, oppose or neutral"),
    ("hedged", "boolean", "whether the statement is hedged (may, could, reportedly, ...)"),
    ("confidence", "double", "the engine's confidence in the attribution, 0 to 1"),
    ("rule", "string", "the name of the engine rule that found the statement"),
    ("error", "string", "null on statement rows; on an error row, why the document was skipped"),
)
COLUMN_NAMES = tuple(name for name, _, _ in STATEMENT_COLUMNS)

#: Longest text attributed, in characters; longer ones give an error row.
DEFAULT_MAX_CHARS: int = DEFAULTS["MAX_TEXT_CHARS"][0]

#: The language of a run (or document) that names none: the service's and the engine's default.
DEFAULT_LANGUAGE = "en"

#: Statements gathered before an Arrow batch goes back to Spark (bounds a worker's memory).
ROWS_PER_BATCH = 10_000


def statement_schema() -> "StructType":
    """:data:`STATEMENT_COLUMNS` as a Spark schema; every column is nullable (error rows)."""
    from pyspark.sql import types as T

    spark_types = {"string": T.StringType(), "int": T.IntegerType(),
                   "boolean": T.BooleanType(), "double": T.DoubleType()}
    return T.StructType([T.StructField(name, spark_types[kind], True,
                                       metadata={"comment": description})
                         for name, kind, description in STATEMENT_COLUMNS])


@functools.cache
def _arrow_schema() -> "pa.Schema":
    import pyarrow as pa

    arrow_types = {"string": pa.string(), "int": pa.int32(), "boolean": pa.bool_(),
                   "double": pa.float64()}
    return pa.schema([pa.field(name, arrow_types[kind], nullable=True)
                      for name, kind, _ in STATEMENT_COLUMNS])


# ----------------------------------------------------------------------------- the library

def attribute_documents(documents: "DataFrame", id_column: str = "id",
                        text_column: str = "text", *, max_chars: int = DEFAULT_MAX_CHARS,
                        problem_column: str | None = None, language: str = DEFAULT_LANGUAGE,
                        language_column: str | None = None) -> "DataFrame":
    """One row per attributed statement of every document in ``documents``.

    ``documents`` needs a column ``id_column`` (any type; cast to string) and a column
    ``text_column`` (string; of any other type, every row becomes an error row). With
    ``problem_column`` (as :func:`read_documents` gives it), a row where that column is not
    null becomes an error row with that reason. Documents are attributed in ``language``
    (one of ``service.attribution.LANGUAGES``; another raises ``UnknownLanguage``, a
    ValueError, before any job), or in the code of their ``language_column`` where it is not
    null (a code the engine does not have gives an error row). Nothing runs until an action
    (``write``, ``count``, ...); the result has :func:`statement_schema`.
    """
    from pyspark.sql import functions as F
    from pyspark.sql.types import StringType

    wanted = (id_column, text_column) + ((language_column,) if language_column else ())
    missing = [c for c in wanted if c not in documents.columns]
    if missing:
        raise ValueError(f"the documents have no column {', '.join(map(repr, missing))}; "
                         f"columns: {', '.join(documents.columns)}")
    if max_chars < 1:
        raise ValueError(f"max_chars must be at least 1, got {max_chars}")
    if language not in LANGUAGES:
        raise UnknownLanguage(language)
    text_type = documents.schema[text_column].dataType
    if isinstance(text_type, StringType):
        text, problem = F.col(text_column), F.lit(None).cast("string")
    else:
        text = F.lit(None).cast("string")
        problem = F.when(F.col(text_column).isNull(), F.lit("text is null")).otherwise(
            F.lit(f"text is of type {text_type.simpleString()}, not a string"))
    if problem_column is not None:
        problem = F.coalesce(F.col(problem_column), problem)
    row_language = F.col(language_column).cast("string") if language_column \
        else F.lit(None).cast("string")
    prepared = documents.select(F.col(id_column).cast("string").alias("id"),
                                text.alias("text"), problem.alias("problem"),
                                row_language.alias("language"))
    return prepared.mapInArrow(functools.partial(_attribute_batches, max_chars=max_chars,
                                                 language=language),
                               statement_schema())


def read_documents(spark: "SparkSession", path: str, input_format: str = "auto",
                   id_column: str = "id", text_column: str = "text",
                   language_column: str | None = None) -> "DataFrame":
    """Documents from JSONL or Parquet files (a path, a directory or a glob), with columns
    ``id``, ``text``, ``problem`` and ``language`` (null without ``language_column``) for
    :func:`attribute_documents` (``problem_column="problem"``, and
    ``language_column="language"`` to use each document's language).

    JSONL is parsed in Python, line by line, so that a line which is not JSON, not an object,
    or has a ``text`` that is not a string gives an error row instead of a value Spark would
    coerce (Spark's JSON reader turns ``"text": 5`` into the string ``"5"``). Blank lines are
    skipped. Parquet is read as it is; its text column must be of string type.
    """
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    fmt = input_format if input_format != "auto" else guess_format(path)
    if fmt == "parquet":
        df = spark.read.parquet(path)
        wanted = (id_column, text_column) + ((language_column,) if language_column else ())
        missing = [c for c in wanted if c not in df.columns]
        if missing:
            raise ValueError(f"{path}: no column {', '.join(map(repr, missing))}; "
                             f"columns: {', '.join(df.columns)}")
        language = F.col(language_column).cast("string") if language_column \
            else F.lit(None).cast("string")
        return df.select(F.col(id_column).cast("string").alias("id"),
                         F.col(text_column).alias("text"),
                         F.lit(None).cast("string").alias("problem"),
                         language.alias("language"))
    if fmt != "jsonl":
        raise ValueError(f"unknown input format {fmt!r}: use jsonl or parquet")
    lines = (spark.read.text(path)
             .select(F.col("value").alias("line"), F.input_file_name().alias("file"))
             .where(F.trim(F.col("line")) != ""))
    schema = T.StructType([T.StructField(n, T.StringType(), True)
                           for n in ("id", "text", "problem", "language")])
    return lines.mapInArrow(functools.partial(_parse_jsonl, id_key=id_column,
                                              text_key=text_column,
                                              language_key=language_column), schema)


def guess_format(path: str) -> str:
    """jsonl for .jsonl/.ndjson/.json paths, parquet for everything else (files or folders)."""
    stem = path.rstrip("/").lower()
    return "jsonl" if stem.endswith((".jsonl", ".ndjson", ".json")) else "parquet"


# --------------------------------------------------------- inside Spark's Python workers

def problem_with(text: Any, max_chars: int = DEFAULT_MAX_CHARS) -> str | None:
    """Why ``text`` cannot be attributed, or None when it can."""
    if text is None:
        return "text is null"
    if not isinstance(text, str):
        return f"text is {type(text).__name__}, not a string"
    if not text.strip():
        return "text is empty" if not text else "text is only whitespace"
    if len(text) > max_chars:
        return f"text has {len(text)} characters, more than the limit of {max_chars}"
    return None


def statement_rows(document_id: str, result: Result) -> Iterator[dict[str, Any]]:
    """The output rows of one engine result (the same engine call the HTTP service makes)."""
    for q in result.quotes:
        speaker, affiliation = q.speaker, q.affiliation
        yield {
            "document_id": document_id, "quote_id": q.id, "type": q.type,
            "text": q.span.text, "start": q.span.start, "end": q.span.end,
            "speaker_name": speaker.name if speaker else None,
            "speaker_kind": speaker.kind if speaker else None,
            "speaker_gender": speaker.gender if speaker else None,
            "organization": affiliation.organization if affiliation else None,
            "role": affiliation.role if affiliation else None,
            "party": affiliation.party if affiliation else None,
            "stance_label": q.stance.label, "hedged": q.stance.hedged,
            "confidence": q.confidence, "rule": q.rule, "error": None,
        }


def error_row(document_id: str | None, reason: str) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(COLUMN_NAMES)
    row["document_id"], row["error"] = document_id, reason
    return row


def attribute_one(document_id: str | None, text: Any, problem: str | None = None,
                  max_chars: int = DEFAULT_MAX_CHARS,
                  language: str = DEFAULT_LANGUAGE) -> list[dict[str, Any]]:
    """The rows of one document, attributed in ``language``: its statements, or one error
    row. Never raises."""
    reason = problem or ("id is null" if document_id is None else None) \
        or problem_with(text, max_chars) \
        or (None if language in LANGUAGES else str(UnknownLanguage(language)))
    if reason:
        return [error_row(document_id, reason)]
    try:
        result = attribute(text, language=language)
    except Exception as exc:  # noqa: BLE001 - one bad document must not fail the job
        return [error_row(document_id, f"the engine failed: {type(exc).__name__}: {exc}")]
    return list(statement_rows(document_id, result))


def _attribute_batches(batches: Iterable["pa.RecordBatch"], max_chars: int,
                       language: str = DEFAULT_LANGUAGE) -> Iterator["pa.RecordBatch"]:
    """mapInArrow body: (id, text, problem, language) batches in, statement batches out; a
    null language is the run's ``language``."""
    import pyarrow as pa

    schema = _arrow_schema()
    rows: list[dict[str, Any]] = []
    for batch in batches:
        columns = batch.to_pydict()
        for doc_id, text, problem, own in zip(columns["id"], columns["text"],
                                              columns["problem"], columns["language"]):
            rows.extend(attribute_one(doc_id, text, problem, max_chars,
                                      language if own is None else own))
            if len(rows) >= ROWS_PER_BATCH:
                yield pa.RecordBatch.from_pylist(rows, schema=schema)
                rows = []
    if rows:
        yield pa.RecordBatch.from_pylist(rows, schema=schema)


def parse_jsonl_line(line: str, id_key: str = "id",
                     text_key: str = "text") -> tuple[str | None, str | None, str | None]:
    """(id, text, problem) of one JSONL line; problem is None when the line is usable."""
    return parse_jsonl_document(line, id_key, text_key)[:3]


def parse_jsonl_document(line: str, id_key: str = "id", text_key: str = "text",
                         language_key: str | None = None
                         ) -> tuple[str | None, str | None, str | None, str | None]:
    """(id, text, problem, language) of one JSONL line: the language is the line's
    ``language_key`` field (None when absent, null, or no key is given)."""
    doc_id, text, problem, doc = _parse_jsonl_object(line, id_key, text_key)
    if problem is not None or language_key is None or doc is None:
        return doc_id, text, problem, None
    language = doc.get(language_key)
    if language is not None and not isinstance(language, str):
        return doc_id, None, f"{language_key} is {type(language).__name__}, not a string", None
    return doc_id, text, None, language


def _parse_jsonl_object(line: str, id_key: str, text_key: str
                        ) -> tuple[str | None, str | None, str | None, dict[str, Any] | None]:
    """(id, text, problem, the parsed object or None)."""
    try:
        doc = json.loads(line)
    except ValueError as exc:
        return None, None, f"line is not valid JSON ({exc}): {line[:80]!r}", None
    if not isinstance(doc, dict):
        return (None, None, f"line is a JSON {type(doc).__name__}, not an object: "
                            f"{line[:80]!r}", None)
    raw_id = doc.get(id_key)
    if isinstance(raw_id, bool) or not isinstance(raw_id, (str, int, type(None))):
        return (None, None, f"{id_key} is {type(raw_id).__name__}, not a string: "
                            f"{line[:80]!r}", None)
    if raw_id is None:
        return None, None, f"{id_key} is missing or null: {line[:80]!r}", None
    doc_id = str(raw_id)
    text = doc.get(text_key)
    if text_key not in doc:
        return doc_id, None, f"line has no {text_key!r} field", None
    if text is not None and not isinstance(text, str):
        return doc_id, None, f"text is {type(text).__name__}, not a string", None
    return doc_id, text, None, doc


def _parse_jsonl(batches: Iterable["pa.RecordBatch"], id_key: str, text_key: str,
                 language_key: str | None = None) -> Iterator["pa.RecordBatch"]:
    import pyarrow as pa

    schema = pa.schema([pa.field(n, pa.string()) for n in ("id", "text", "problem",
                                                            "language")])
    for batch in batches:
        columns = batch.to_pydict()
        parsed = [parse_jsonl_document(line, id_key, text_key, language_key)
                  for line in columns["line"]]
        problems = [p if p is None or i is not None else f"{p} in {f}"
                    for (i, _, p, _), f in zip(parsed, columns["file"])]
        yield pa.RecordBatch.from_arrays(
            [pa.array([p[0] for p in parsed], pa.string()),
             pa.array([p[1] for p in parsed], pa.string()),
             pa.array(problems, pa.string()),
             pa.array([p[3] for p in parsed], pa.string())], schema=schema)


# ------------------------------------------------------------------ running a job

def summarize(spark: "SparkSession", output: str) -> dict[str, int]:
    """Statement rows, documents with statements and error rows in a written output."""
    from pyspark.sql import functions as F

    row = spark.read.parquet(output).agg(
        F.count(F.when(F.col("error").isNull(), 1)).alias("statements"),
        F.countDistinct(F.when(F.col("error").isNull(), F.col("document_id"))).alias("documents"),
        F.count(F.when(F.col("error").isNotNull(), 1)).alias("errors")).first()
    return {"statements": row["statements"], "documents": row["documents"],
            "errors": row["errors"]}


def spark_session(master: str | None = None,
                  conf: Iterable[tuple[str, str]] = ()) -> "SparkSession":
    """A SparkSession whose Python workers run this interpreter (so they see this package).

    ``master`` None means local[*], unless spark-submit started this process, whose master
    then stands.
    """
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("statement-attribution")
    if master or "PYSPARK_GATEWAY_PORT" not in os.environ:
        builder = builder.master(master or "local[*]")
    builder = builder.config("spark.ui.showConsoleProgress", "true") \
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "1000")
    for key, value in conf:
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    return spark


def main(argv: list[str] | None = None) -> int:
    """``spark-submit service/spark_job.py INPUT OUTPUT``: the options of ``attribution spark``."""
    from service.spark_cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    # Run the package's module, not this script's copy, so that the functions Spark ships to
    # its workers are found there by name (service.spark_job), as they are on executors.
    from service.spark_job import main as _main

    sys.exit(_main())
