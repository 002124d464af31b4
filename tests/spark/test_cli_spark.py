"""``attribution spark INPUT OUTPUT``: JSONL or Parquet in, Parquet out, bad rows counted."""
from __future__ import annotations

import io
import json
import os
import pathlib
import subprocess
import sys

import pyarrow.parquet as pq
import pytest

from service.attribution import LANGUAGES
from service.cli import main
from service.spark_job import COLUMN_NAMES
from tests.spark.test_spark_job import by_document, engine_rows

SCRIPT = pathlib.Path(sys.executable).with_name("attribution")


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def read_output(folder: pathlib.Path) -> list[tuple]:
    """The written Parquet, read with pyarrow alone (no Spark), rows in file order."""
    rows = []
    for part in sorted(folder.glob("part-*.parquet")):
        table = pq.read_table(part)
        assert tuple(table.column_names) == COLUMN_NAMES
        rows.extend(tuple(r[c] for c in COLUMN_NAMES) for r in table.to_pylist())
    return rows


def write_jsonl(path: pathlib.Path, docs, extra_lines=()) -> None:
    lines = [json.dumps(d, ensure_ascii=False) for d in docs] + list(extra_lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.skipif(not SCRIPT.exists(), reason="the attribution script is not installed")
def test_the_console_script_runs_a_local_job_end_to_end(tmp_path, documents):
    """A fresh process with its own Spark (local[2]), as a user runs it."""
    source, target = tmp_path / "archive.jsonl", tmp_path / "statements.parquet"
    write_jsonl(source, documents[:12], ['{"id": "broken", "text": 12}'])
    env = {k: v for k, v in os.environ.items() if k != "PYSPARK_PYTHON"}
    done = subprocess.run([str(SCRIPT), "spark", "--master", "local[2]",
                           "--conf", "spark.ui.enabled=false", str(source), str(target)],
                          capture_output=True, text=True, timeout=300, env=env)
    assert done.returncode == 0, done.stderr[-3000:]
    rows = read_output(target)
    want = engine_rows(documents[:12])
    assert by_document(r for r in rows if r[-1] is None) == by_document(want)
    assert [r for r in rows if r[-1] is not None] == [
        ("broken", *[None] * 15, "text is int, not a string")]
    summary = done.stdout.strip().splitlines()[-1]
    assert summary.startswith(f"attribution spark: {len(want)} statements from "
                              f"{len({r[0] for r in want})} documents, 1 error rows")


def test_parquet_in_parquet_out_in_this_process(spark, tmp_path, documents):
    source, target = str(tmp_path / "in.parquet"), tmp_path / "out.parquet"
    spark.createDataFrame([(d["id"], d["text"]) for d in documents[4:10]] + [("void", "")],
                          "id string, text string").write.parquet(source)
    code, out, err = run("spark", "--partitions", "3", source, str(target))
    assert code == 0, err
    rows = read_output(target)
    assert by_document(r for r in rows if r[-1] is None) == \
        by_document(engine_rows(documents[4:10]))
    assert [r for r in rows if r[-1]] == [("void", *[None] * 15, "text is empty")]
    assert len(list(target.glob("part-*.parquet"))) == 3
    assert spark.range(1).count() == 1  # the caller's session is still up


def test_custom_column_names(spark, tmp_path):
    source, target = tmp_path / "in.jsonl", tmp_path / "out.parquet"
    text = 'The minister said that the bridge would reopen in May.'
    source.write_text(json.dumps({"slug": "bridge", "body": text}) + "\n", encoding="utf-8")
    code, _, err = run("spark", "--id-column", "slug", "--text-column", "body",
                       str(source), str(target))
    assert code == 0, err
    want = engine_rows([{"id": "bridge", "text": text}])
    assert want and read_output(target) == want


def test_an_existing_output_needs_overwrite(spark, tmp_path, documents):
    source, target = tmp_path / "in.jsonl", tmp_path / "out.parquet"
    write_jsonl(source, documents[:2])
    target.mkdir()
    code, _, err = run("spark", str(source), str(target))
    assert code == 2 and "exists; pass --overwrite" in err
    code, _, err = run("spark", "--overwrite", str(source), str(target))
    assert code == 0, err
    assert by_document(read_output(target)) == by_document(engine_rows(documents[:2]))


def test_a_missing_input_is_a_usage_error(spark, tmp_path):
    code, _, err = run("spark", str(tmp_path / "nowhere.jsonl"), str(tmp_path / "out"))
    assert code == 2
    assert "cannot read" in err and "nowhere.jsonl" in err


def test_parquet_without_the_columns_is_a_usage_error(spark, tmp_path):
    source = str(tmp_path / "in.parquet")
    spark.createDataFrame([("a", "b")], "key string, body string").write.parquet(source)
    code, _, err = run("spark", source, str(tmp_path / "out"))
    assert code == 2
    assert "no column 'id', 'text'" in err


def test_a_language_column_in_jsonl(spark, tmp_path, documents):
    source, target = tmp_path / "in.jsonl", tmp_path / "out.parquet"
    docs = [{**documents[0], "lang": "en"}, documents[1], {**documents[2], "lang": None},
            {"id": "foreign", "text": documents[3]["text"], "lang": "xx"},
            {"id": "odd", "text": documents[3]["text"], "lang": 5}]
    write_jsonl(source, docs)
    code, _, err = run("spark", "--language", "en", "--language-column", "lang",
                       str(source), str(target))
    assert code == 0, err
    rows = read_output(target)
    assert by_document(r for r in rows if r[-1] is None) == by_document(
        engine_rows(documents[:3]))
    assert sorted((r[0], r[-1]) for r in rows if r[-1] is not None) == [
        ("foreign", "unknown language 'xx'; available: " + ", ".join(LANGUAGES)),
        ("odd", "lang is int, not a string")]


def test_an_unknown_language_is_a_usage_error_before_spark_starts(tmp_path):
    code, out, err = run("spark", "--language", "xx", str(tmp_path / "a.jsonl"),
                         str(tmp_path / "out"))
    assert (code, out) == (2, "")
    assert err == ("attribution spark: unknown language 'xx' (--language); available: "
                   f"{', '.join(LANGUAGES)}\n")


@pytest.mark.parametrize("argv, message", [
    (["--conf", "spark.executor.memory"], "--conf wants KEY=VALUE"),
    (["--partitions", "0"], "must be at least 1"),
    (["--max-chars", "0"], "must be at least 1"),
])
def test_bad_options_are_usage_errors(tmp_path, argv, message):
    code, _, err = run("spark", *argv, str(tmp_path / "a.jsonl"), str(tmp_path / "out"))
    assert code == 2 and message in err
