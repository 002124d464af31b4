#!/usr/bin/env python3
"""Load one gunicorn server on loopback and measure what a worker costs: the figures behind the
Kubernetes requests/limits (docker/kubernetes/base/deployment.yaml) and the README's capacity plan.

    python3 benchmarks/service_load.py                    # 1 worker, 1 client, 30 s
    python3 benchmarks/service_load.py --workers 2 --clients 2 --duration 20

It starts gunicorn exactly as the container does (docker/gunicorn.conf.py, service.wsgi:app,
PROMETHEUS_MULTIPROC_DIR set), bound to loopback (tests/support/live_server.py), waits for
/readyz and checks the first answer against the v1 contract (tests/support/contract.py). Then
each client thread POSTs generated articles (benchmarks/corpus.py) to /v1/attributions over a
keep-alive connection, one request at a time, for --duration seconds after --warmup seconds. Then it sends the largest requests the default
limits allow (one text of MAX_TEXT_CHARS characters, one batch of MAX_BATCH_CHARS characters) to
find a worker's peak memory. It prints:

- throughput (articles/s) and latency percentiles (p50, p90, p99, max) seen by the clients;
- CPU seconds the workers spent per article (from /proc/PID/stat), and so articles per
  CPU-second: the per-core throughput;
- each worker's resident memory (RSS and PSS from /proc) after the steady load, and its peak
  (VmHWM) after the largest requests; the master's RSS.

Traffic goes to 127.0.0.1 only, bounded by --duration. Linux only (/proc).
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import pathlib
import statistics
import sys
import tempfile
import threading
import time

if not __package__:  # run as a file: import from the repository root (benchmarks/__init__.py)
    sys.path[0] = str(pathlib.Path(__file__).resolve().parents[1])

from benchmarks.corpus import articles  # noqa: E402
from service.config import DEFAULTS  # noqa: E402
from tests.support.contract import check_result  # noqa: E402
from tests.support.live_server import LiveServer  # noqa: E402

TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    fields = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK  # utime + stime


def memory_kib(pid: int) -> dict[str, int]:
    out = {}
    for line in pathlib.Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            out[key] = int(value.split()[0])
    for line in pathlib.Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            out["Pss"] = int(line.split()[1])
    return out


def request(conn: http.client.HTTPConnection, path: str, body: dict) -> int:
    conn.request("POST", path, body=json.dumps(body), headers={"Content-Type": "application/json"})
    response = conn.getresponse()
    response.read()
    return response.status


def check_first_answer(port: int, doc: dict) -> None:
    """The server answers what the v1 contract promises before anything is measured."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("POST", "/v1/attributions", body=json.dumps(doc),
                     headers={"Content-Type": "application/json"})
        response = conn.getresponse()
        body = response.read()
    finally:
        conn.close()
    if response.status != 200:
        raise SystemExit(f"the first request was answered {response.status}")
    check_result(doc["text"], json.loads(body))


def percentile(sorted_values: list[float], q: float) -> float:
    index = min(len(sorted_values) - 1, max(0, round(q * (len(sorted_values) - 1))))
    return sorted_values[index]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--clients", type=int, default=1)
    parser.add_argument("--duration", type=float, default=30.0)
    parser.add_argument("--warmup", type=float, default=5.0)
    parser.add_argument("--docs", type=int, default=300, help="distinct generated articles")
    parser.add_argument("--no-large", action="store_true",
                        help="skip the largest-request phase (peak memory)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead")
    args = parser.parse_args()

    docs = articles(args.docs)
    load_before = os.getloadavg()[0]
    metrics_dir = tempfile.mkdtemp(prefix="attribution-metrics-")
    server = LiveServer({"PROMETHEUS_MULTIPROC_DIR": metrics_dir, "GUNICORN_MAX_REQUESTS": "0"},
                        workers=args.workers)
    port = server.port
    try:
        server.start()
        check_first_answer(port, docs[0])
        time.sleep(0.5)
        workers = sorted(server.worker_pids())
        idle = {pid: memory_kib(pid) for pid in workers}

        latencies: list[list[float]] = [[] for _ in range(args.clients)]
        errors = [0] * args.clients
        phase = {"measuring": False, "stop": False}
        marks: dict[str, float] = {}

        def client(index: int) -> None:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            i = index
            while not phase["stop"]:
                doc = docs[i % len(docs)]
                i += args.clients
                started = time.perf_counter()
                status = request(conn, "/v1/attributions", doc)
                if phase["measuring"]:
                    latencies[index].append(time.perf_counter() - started)
                    if status != 200:
                        errors[index] += 1
            conn.close()

        threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
        for t in threads:
            t.start()
        time.sleep(args.warmup)
        cpu_before = sum(cpu_seconds(pid) for pid in workers)
        marks["start"] = time.perf_counter()
        phase["measuring"] = True
        time.sleep(args.duration)
        phase["measuring"] = False
        marks["end"] = time.perf_counter()
        cpu_after = sum(cpu_seconds(pid) for pid in workers)
        phase["stop"] = True
        for t in threads:
            t.join()
        loaded = {pid: memory_kib(pid) for pid in workers}

        peak = {}
        if not args.no_large:
            big = "\n\n".join(d["text"] for d in docs)
            max_text = DEFAULTS["MAX_TEXT_CHARS"][0]
            max_batch = DEFAULTS["MAX_BATCH_CHARS"][0]
            one = {"id": "largest", "text": big[:max_text]}
            per = max_batch // 10
            batch = {"documents": [{"id": f"b{i}", "text": big[i * per:(i + 1) * per]}
                                   for i in range(10)]}
            for _ in range(args.workers * 2):  # new connections spread over the workers
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
                assert request(conn, "/v1/attributions", one) == 200
                assert request(conn, "/v1/attributions/batch", batch) == 200
                conn.close()
            peak = {pid: memory_kib(pid) for pid in workers}
        master = memory_kib(server.pid)
    finally:
        server.close()

    done = sorted(x for per in latencies for x in per)
    seconds = marks["end"] - marks["start"]
    cpu = cpu_after - cpu_before
    report = {
        "workers": args.workers, "clients": args.clients, "duration_s": round(seconds, 1),
        "articles": len(done), "errors": sum(errors),
        "mean_chars": round(statistics.mean(len(d["text"]) for d in docs)),
        "articles_per_s": round(len(done) / seconds, 1),
        "latency_ms": {name: round(percentile(done, q) * 1000, 1)
                       for name, q in (("p50", .5), ("p90", .9), ("p99", .99), ("max", 1.0))},
        "worker_cpu_ms_per_article": round(cpu * 1000 / len(done), 2),
        "articles_per_cpu_second": round(len(done) / cpu, 1),
        "worker_rss_mib_idle": [round(idle[p]["VmRSS"] / 1024, 1) for p in workers],
        "worker_rss_mib_loaded": [round(loaded[p]["VmRSS"] / 1024, 1) for p in workers],
        "worker_pss_mib_loaded": [round(loaded[p]["Pss"] / 1024, 1) for p in workers],
        "worker_peak_rss_mib_after_largest": [round(peak[p]["VmHWM"] / 1024, 1)
                                              for p in workers] if peak else None,
        "master_rss_mib": round(master["VmRSS"] / 1024, 1),
        "cpus": os.cpu_count(), "load_average_1m": [round(load_before, 2),
                                                   round(os.getloadavg()[0], 2)],
    }
    if args.json:
        print(json.dumps(report))
        return
    lat = report["latency_ms"]
    print(f"gunicorn workers={args.workers} clients={args.clients} "
          f"measured {report['duration_s']} s after {args.warmup:g} s warm-up, "
          f"articles of {report['mean_chars']} characters on average")
    print(f"  throughput        {report['articles_per_s']} articles/s "
          f"({report['articles']} answered, {report['errors']} not 200)")
    print(f"  latency           p50 {lat['p50']} ms  p90 {lat['p90']} ms  p99 {lat['p99']} ms  "
          f"max {lat['max']} ms")
    print(f"  worker CPU        {report['worker_cpu_ms_per_article']} ms per article = "
          f"{report['articles_per_cpu_second']} articles per CPU-second")
    print(f"  worker RSS        idle {report['worker_rss_mib_idle']} MiB, after load "
          f"{report['worker_rss_mib_loaded']} MiB (PSS {report['worker_pss_mib_loaded']} MiB)")
    if peak:
        print(f"  worker peak RSS   {report['worker_peak_rss_mib_after_largest']} MiB after a "
              f"{DEFAULTS['MAX_TEXT_CHARS'][0]}-character text and a "
              f"{DEFAULTS['MAX_BATCH_CHARS'][0]}-character batch")
    print(f"  master RSS        {report['master_rss_mib']} MiB")
    print(f"  machine           {report['cpus']} CPUs, 1-minute load average "
          f"{report['load_average_1m'][0]} before, {report['load_average_1m'][1]} after "
          "(anything else running inflates latency, not CPU per article)")


if __name__ == "__main__":
    main()
