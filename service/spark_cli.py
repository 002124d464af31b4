"""``attribution spark INPUT OUTPUT``: the archive job of :mod:`service.spark_job` on the command
line. Kept apart from that module so that ``attribution --help`` and the other commands load
neither pyspark nor the engine; the command line registers it with :func:`add_spark_command`.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from typing import TextIO

from .config import DEFAULTS

DEFAULT_MAX_CHARS: int = DEFAULTS["MAX_TEXT_CHARS"][0]  # the same as spark_job's
DEFAULT_LANGUAGE = "en"  # the same as spark_job's and the service's

SPARK_EPILOG = """\
INPUT is JSONL (.jsonl, .ndjson, .json: one {"id": ..., "text": ...} object a
line) or Parquet (a file, a folder of part files, or a quoted glob) with columns
id and text. OUTPUT is a Parquet folder with one row per statement (columns:
document_id, quote_id, type, text, start, end, speaker_name, speaker_kind,
speaker_gender, organization, role, party, stance_label, hedged, confidence,
rule, error). A document
that cannot be processed (null/empty/non-string text, broken JSONL line, text
over --max-chars, a --language-column code the engine does not have) gives one
row with `error` set, and the job goes on. Documents are attributed in
--language (default en), or in their own --language-column value where it is
not null.

Needs the `spark` extra (pip install '.[spark]') and Java 17 or later
(Debian: apt-get install openjdk-17-jre-headless). Progress is Spark's own
console progress bar.

examples:
  attribution spark archive.jsonl statements.parquet
  attribution spark --master 'local[4]' 'archive/2024-*.parquet' out.parquet
  attribution spark --language en --language-column lang archive.jsonl out.parquet
  attribution spark --master spark://spark-master:7077 --conf spark.executor.instances=8 \\
      archive/ statements.parquet
  spark-submit --master yarn service/spark_job.py archive/ statements.parquet
"""


def add_spark_command(commands: "argparse._SubParsersAction") -> argparse.ArgumentParser:
    """Register ``spark`` on the ``attribution`` command line's sub-commands."""
    spark = commands.add_parser(
        "spark", help="attribute an archive on Apache Spark (Parquet out)",
        description="Run the engine inside Spark executors over JSONL or Parquet documents "
                    "and write one Parquet row per statement.",
        epilog=SPARK_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    _spark_arguments(spark)
    return spark


def _spark_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("input", metavar="INPUT", help="JSONL or Parquet path, folder or glob")
    parser.add_argument("output", metavar="OUTPUT", help="Parquet folder to write")
    parser.add_argument("--master", help="Spark master URL (default: local[*], or what "
                                         "spark-submit was given)")
    parser.add_argument("--input-format", choices=("auto", "jsonl", "parquet"), default="auto",
                        help="auto: JSONL for .jsonl/.ndjson/.json, else Parquet "
                             "(default: auto)")
    parser.add_argument("--id-column", default="id", metavar="NAME",
                        help="column or JSON field of the document id (default: id)")
    parser.add_argument("--text-column", default="text", metavar="NAME",
                        help="column or JSON field of the text (default: text)")
    parser.add_argument("--language", default=DEFAULT_LANGUAGE, metavar="CODE",
                        help="language of the documents, one the engine has data for; an "
                             f"unknown one is a usage error that lists them "
                             f"(default: {DEFAULT_LANGUAGE})")
    parser.add_argument("--language-column", metavar="NAME",
                        help="column or JSON field with each document's own language code; "
                             "where it is null, --language applies (default: none)")
    parser.add_argument("--partitions", type=int, metavar="N",
                        help="spread the documents over N partitions (default: twice the "
                             "cores Spark has, when the input has fewer partitions)")
    parser.add_argument("--max-chars", type=int, default=DEFAULT_MAX_CHARS, metavar="N",
                        help=f"longest text to attribute; longer ones give an error row "
                             f"(default: {DEFAULT_MAX_CHARS})")
    parser.add_argument("--overwrite", action="store_true", help="replace OUTPUT if it exists")
    parser.add_argument("--conf", action="append", default=[], metavar="KEY=VALUE",
                        help="a Spark setting, e.g. --conf spark.executor.memory=4g "
                             "(repeatable)")


def run_spark_command(args: argparse.Namespace, stdout: TextIO = sys.stdout,
                      stderr: TextIO = sys.stderr) -> int:
    """Run ``attribution spark``; returns the exit code (0 done, 2 usage or input error,
    3 Spark failed)."""
    prog = "attribution spark"
    try:
        import pyarrow  # noqa: F401
        import pyspark  # noqa: F401
    except ImportError as exc:
        print(f"{prog}: {exc.name} is not installed: pip install '.[spark]'", file=stderr)
        return 2
    if not (os.environ.get("JAVA_HOME") or shutil.which("java")):  # Spark would say it worse
        print(f"{prog}: Spark needs Java 17 or later and none was found "
              "(Debian: apt-get install openjdk-17-jre-headless)", file=stderr)
        return 2
    conf = []
    for item in args.conf:
        key, sep, value = item.partition("=")
        if not sep or not key:
            print(f"{prog}: --conf wants KEY=VALUE, got {item!r}", file=stderr)
            return 2
        conf.append((key, value))
    if args.partitions is not None and args.partitions < 1 or args.max_chars < 1:
        print(f"{prog}: --partitions and --max-chars must be at least 1", file=stderr)
        return 2
    from .attribution import LANGUAGES
    if args.language not in LANGUAGES:
        print(f"{prog}: unknown language {args.language!r} (--language); available: "
              f"{', '.join(LANGUAGES)}", file=stderr)
        return 2
    if not args.overwrite and _exists(args.output):
        print(f"{prog}: {args.output} exists; pass --overwrite to replace it", file=stderr)
        return 2

    from pyspark.errors import AnalysisException
    from pyspark.sql import SparkSession

    from .spark_job import attribute_documents, read_documents, spark_session, summarize

    started = time.perf_counter()
    existing = SparkSession.getActiveSession()  # a caller's session stays up after the run
    spark = spark_session(args.master, conf)
    try:
        try:
            documents = read_documents(spark, args.input, args.input_format,
                                       args.id_column, args.text_column, args.language_column)
        except (AnalysisException, ValueError) as exc:
            print(f"{prog}: cannot read {args.input}: {_first_line(exc)}", file=stderr)
            return 2
        parallelism = spark.sparkContext.defaultParallelism
        wanted = args.partitions or 2 * parallelism
        if args.partitions or documents.rdd.getNumPartitions() < wanted:
            documents = documents.repartition(wanted)
        try:
            statements = attribute_documents(
                documents, "id", "text", max_chars=args.max_chars, problem_column="problem",
                language=args.language,
                language_column="language" if args.language_column else None)
            statements.write.mode("overwrite" if args.overwrite else "errorifexists") \
                .parquet(args.output)
        except Exception as exc:  # noqa: BLE001 - py4j and Spark raise many kinds
            print(f"{prog}: Spark failed: {_first_line(exc)}", file=stderr)
            return 3
        summary = summarize(spark, args.output)
    finally:
        if existing is None:
            spark.stop()
    seconds = time.perf_counter() - started
    print(f"{prog}: {summary['statements']} statements from {summary['documents']} documents, "
          f"{summary['errors']} error rows (column error) -> {args.output} "
          f"in {seconds:.1f} s", file=stdout)
    return 0


def _exists(path: str) -> bool:
    return "://" not in path and os.path.exists(path)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]


def main(argv: list[str] | None = None) -> int:
    """``python -m service.spark_cli`` / ``spark-submit service/spark_job.py``: the options of
    ``attribution spark``."""
    parser = argparse.ArgumentParser(prog="spark_job", description="Attribute an archive with "
                                     "Apache Spark (JSONL/Parquet -> Parquet).",
                                     epilog=SPARK_EPILOG,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    _spark_arguments(parser)
    return run_spark_command(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
