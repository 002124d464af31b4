#!/usr/bin/env python3
"""Documents per second on Spark with local[1] and local[2] (the scaling ratio), beside the plain
in-process engine and the plain command line, on the same generated corpus; then the projection
for an archive (10 million articles by default).

    python3 benchmarks/spark_scaling.py                        # 3,000 articles
    python3 benchmarks/spark_scaling.py --docs 6000 --archive 10000000 --executor-cores 4

Needs the `spark` extra and Java 17+. Each Spark run is a fresh process (its own JVM) doing what
`attribution spark` does: read the JSONL corpus, spread it over twice as many partitions as
cores, attribute in the Python workers, write Parquet. The session start and one small warm-up
job (Python workers start, the engine loads) are timed apart from the measured job, which is the
steady rate an archive run sees. Throughput is wall-clock, so anything else running on the
machine lowers it: the 1-minute load average is printed with each figure.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import pathlib
import resource
import subprocess
import sys
import tempfile
import time

if not __package__:  # run as a file: import from the repository root (benchmarks/__init__.py)
    sys.path[0] = str(pathlib.Path(__file__).resolve().parents[1])

ROOT = pathlib.Path(__file__).resolve().parents[1]


TICK = os.sysconf("SC_CLK_TCK")


def tree_cpu_seconds(root: int) -> float:
    """CPU time of ``root`` and all its descendants (the JVM, PySpark's daemon and its Python
    workers), counting the children they have already reaped. Linux /proc."""
    parent: dict[int, int] = {}
    times: dict[int, float] = {}
    for entry in pathlib.Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry.name)
        parent[pid] = int(fields[1])
        times[pid] = sum(int(x) for x in fields[11:15]) / TICK  # utime stime cutime cstime
    total, todo = 0.0, [root]
    while todo:
        pid = todo.pop()
        total += times.get(pid, 0.0)
        todo.extend(child for child, p in parent.items() if p == pid)
    return total


def spark_run(master: str, corpus: str, out_dir: str) -> dict:
    """Runs in its own process: one Spark session, a warm-up job, then the measured job."""
    from service.spark_job import attribute_documents, read_documents, spark_session

    started = time.perf_counter()
    spark = spark_session(master, [("spark.ui.enabled", "false"),
                                   ("spark.ui.showConsoleProgress", "false")])
    session_s = time.perf_counter() - started
    cores = spark.sparkContext.defaultParallelism

    def job(limit: int | None, target: str) -> tuple[float, int]:
        docs = read_documents(spark, corpus)
        if limit:
            docs = docs.limit(limit)
        docs = docs.repartition(2 * cores)
        cpu0, t0 = tree_cpu_seconds(os.getpid()), time.perf_counter()
        attribute_documents(docs, problem_column="problem").write.parquet(target)
        seconds = time.perf_counter() - t0
        cpu = tree_cpu_seconds(os.getpid()) - cpu0
        return seconds, cpu, spark.read.parquet(target).count()

    warm_s, _, _ = job(4 * cores, os.path.join(out_dir, "warm"))
    load = os.getloadavg()[0]
    seconds, cpu, rows = job(None, os.path.join(out_dir, "out"))
    spark.stop()
    return {"master": master, "cores": cores, "session_s": session_s, "warmup_s": warm_s,
            "job_s": seconds, "cpu_s": cpu, "rows": rows,
            "load": [load, os.getloadavg()[0]]}


def engine_run(docs: list[dict]) -> dict:
    from service.attribution import attribute

    attribute(docs[0]["text"])  # imports and first-call costs out of the measurement
    load = os.getloadavg()[0]
    started = time.perf_counter()
    cpu = time.process_time()
    statements = sum(len(attribute(d["text"]).quotes) for d in docs)
    return {"job_s": time.perf_counter() - started, "cpu_s": time.process_time() - cpu,
            "rows": statements, "load": [load, os.getloadavg()[0]]}


def cli_run(corpus: str) -> dict:
    script = pathlib.Path(sys.executable).with_name("attribution")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "service.cli"]
    load = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([*command, "extract", "--format", "jsonl", corpus],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=True, cwd=ROOT)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    rows = sum(len(json.loads(line)["quotes"]) for line in done.stdout.splitlines())
    return {"job_s": seconds, "cpu_s": cpu, "rows": rows, "load": [load, os.getloadavg()[0]]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=3000, help="generated articles (3000)")
    parser.add_argument("--archive", type=int, default=10_000_000,
                        help="articles to project a run for (10,000,000)")
    parser.add_argument("--executor-cores", type=int, default=4,
                        help="cores per executor in the projection (4)")
    parser.add_argument("--hours", type=float, default=1.0,
                        help="wall-clock target of the projection (1 hour)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    parser.add_argument("--_spark", nargs=3, metavar=("MASTER", "CORPUS", "OUT"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args._spark:
        print(json.dumps(spark_run(*args._spark)))
        return

    from benchmarks.corpus import articles

    docs = articles(args.docs)
    chars = sum(len(d["text"]) for d in docs) / len(docs)
    work = tempfile.mkdtemp(prefix="spark-scaling-")
    corpus = os.path.join(work, "corpus.jsonl")
    with open(corpus, "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    print(f"corpus: {len(docs)} generated articles (benchmarks/corpus.py), {chars:.0f} "
          f"characters on average; {os.cpu_count()} CPUs", flush=True)

    results = {"engine": engine_run(docs)}
    results["cli"] = cli_run(corpus)
    for master in ("local[1]", "local[2]"):
        out = os.path.join(work, master.strip("local[]"))
        env = dict(os.environ, PYSPARK_PYTHON=sys.executable)
        done = subprocess.run([sys.executable, __file__, "--_spark", master, corpus, out],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                              check=True, env=env)
        results[master] = json.loads(done.stdout.strip().splitlines()[-1])

    expected = results["engine"]["rows"]
    for name, r in results.items():  # statement rows; the CLI and Spark must agree with the engine
        r["docs_per_s"] = len(docs) / r["job_s"]
        assert r["rows"] == expected, (name, r["rows"], expected)

    print(f"\n{'run':<32}{'docs/s':>9}{'seconds':>9}{'CPU ms/doc':>12}{'cores busy':>12}   "
          "load (1 min) before/after")
    rows = [("engine in-process, 1 core", results["engine"]),
            ("attribution extract (CLI)", results["cli"]),
            ("Spark local[1]", results["local[1]"]),
            ("Spark local[2]", results["local[2]"])]
    for label, r in rows:
        print(f"{label:<32}{r['docs_per_s']:>9.1f}{r['job_s']:>9.1f}"
              f"{r['cpu_s'] * 1000 / len(docs):>12.2f}{r['cpu_s'] / r['job_s']:>12.2f}   "
              f"{r['load'][0]:.2f} / {r['load'][1]:.2f}")
    one, two = results["local[1]"], results["local[2]"]
    ratio = two["docs_per_s"] / one["docs_per_s"]
    print(f"\nscaling local[1] -> local[2]: x{ratio:.2f} documents/s for "
          f"x{(two['cpu_s'] / two['job_s']) / (one['cpu_s'] / one['job_s']):.2f} cores busy; "
          f"Spark local[1] vs the in-process engine: "
          f"{one['docs_per_s'] / results['engine']['docs_per_s']:.0%}")
    print(f"{expected} statements in all (the same count from the CLI and both Spark runs); "
          "CPU ms/doc counts every process of a run (Spark: the JVM and its Python workers); "
          "cores busy = CPU seconds / wall seconds, the share of the machine the run got")
    for r in (one, two):
        print(f"{r['master']}: session start {r['session_s']:.1f} s, warm-up job "
              f"({4 * r['cores']} docs) {r['warmup_s']:.1f} s, not counted above")

    # Projection from local[2]: every core busy, as on an executor whose cores all run tasks
    # (local[1] leaves the JVM's own threads a second core, so it is no per-core figure).
    # Documents are independent, so executors add up; the per-core rate is wall-clock documents
    # per second over the cores, checked against the CPU time those documents took.
    per_core = two["docs_per_s"] / two["cores"]
    per_cpu_second = len(docs) / two["cpu_s"]
    core_hours = args.archive / per_core / 3600
    executors = math.ceil(args.archive / (per_core * args.executor_cores * args.hours * 3600))
    rate = per_core * args.executor_cores  # articles/s per executor
    others = ", ".join(f"{n} executors {args.archive / (rate * n) / 3600:.1f} h"
                       for n in (4, 8, 16, 32))
    print(f"\nprojection for {args.archive:,} articles of this size, from local[2]: "
          f"{per_core:.1f} articles/s per core ({per_cpu_second:.1f} per CPU-second used)")
    print(f"  {core_hours:.1f} core-hours; {executors} executors of {args.executor_cores} cores "
          f"to finish in {args.hours:g} h; {others}")
    if args.json:
        print(json.dumps({"docs": len(docs), "results": results, "ratio": ratio}))


if __name__ == "__main__":
    main()
