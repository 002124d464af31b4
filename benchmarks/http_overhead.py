"""What the HTTP layer adds to the engine's time, per request, in process (no network).

    .venv/bin/python benchmarks/http_overhead.py [ARTICLE.txt] [--requests N]

Sends the article (default: a synthetic one written below, about 2,800 characters) N times to
POST /v1/attributions through Flask's test client, and prints the median and 95th percentile
of the whole request (parsing, checks, engine, serialization, metrics, log line) and of the
engine alone (the response's meta.elapsed_ms), and their difference.
"""
from __future__ import annotations

import argparse
import pathlib
import statistics
import sys
import time
from pathlib import Path

if not __package__:  # run as a file: import from the repository root (benchmarks/__init__.py)
    sys.path[0] = str(pathlib.Path(__file__).resolve().parents[1])

from service.app import create_app  # noqa: E402

PARAGRAPH = ('"We will not accept any delay," the transport minister, Ana Ruiz, said on Monday. '
             'According to a spokesperson for the city council, the works may start in May. '
             '“It is a significant step,” she told reporters, adding that critics had warned '
             'that costs could rise. Officials who spoke on condition of anonymity said the '
             'budget was “under review.”\n\n')


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", nargs="?", type=Path)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    text = args.article.read_text(encoding="utf-8") if args.article else PARAGRAPH * 8

    client = create_app({"LOG_LEVEL": "WARNING"}).test_client()
    for _ in range(10):  # warm-up
        client.post("/v1/attributions", json={"text": text})
    total_ms, engine_ms = [], []
    for _ in range(args.requests):
        started = time.perf_counter()
        response = client.post("/v1/attributions", json={"text": text})
        total_ms.append((time.perf_counter() - started) * 1000.0)
        assert response.status_code == 200, response.status_code
        engine_ms.append(response.get_json()["meta"]["elapsed_ms"])
    overhead = [t - e for t, e in zip(total_ms, engine_ms)]
    print(f"text: {len(text)} characters, {args.requests} requests, Python "
          f"{sys.version.split()[0]}")
    for name, values in (("request", total_ms), ("engine", engine_ms),
                         ("HTTP layer", overhead)):
        print(f"{name:>10}: median {statistics.median(values):7.2f} ms   "
              f"p95 {percentile(values, 0.95):7.2f} ms")


if __name__ == "__main__":
    main()
