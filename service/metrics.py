"""Prometheus metrics of the service, and the ``/metrics`` exposition.

The metric objects live at module level (one set per process). Under gunicorn with
``PROMETHEUS_MULTIPROC_DIR`` set, prometheus-client writes each worker's values to that directory
and ``/metrics`` merges every worker's files, so any worker answers for the whole server.
"""
from __future__ import annotations

import os

from prometheus_client import (CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, Counter,
                               Histogram, generate_latest, multiprocess)

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)

REQUESTS = Counter("attribution_http_requests_total", "HTTP requests answered.",
                   ("method", "endpoint", "status"))
LATENCY = Histogram("attribution_http_request_duration_seconds",
                    "Time to answer an HTTP request, in seconds.",
                    ("method", "endpoint", "status"), buckets=LATENCY_BUCKETS)
DOCUMENTS = Counter("attribution_documents_total", "Documents run through the engine.")
CHARACTERS = Counter("attribution_characters_total",
                     "Characters (code points) of text run through the engine.")
STATEMENTS = Counter("attribution_statements_total", "Attributed statements found, by type.",
                     ("type",))

METRICS_MEDIA_TYPE = CONTENT_TYPE_LATEST


def observe_request(method: str, endpoint: str, status: int, seconds: float) -> None:
    REQUESTS.labels(method, endpoint, str(status)).inc()
    LATENCY.labels(method, endpoint, str(status)).observe(seconds)


def observe_result(characters: int, quote_types: list[str]) -> None:
    DOCUMENTS.inc()
    CHARACTERS.inc(characters)
    for quote_type in quote_types:
        STATEMENTS.labels(quote_type).inc()


def exposition() -> bytes:
    """The metrics in Prometheus text format: this process's, or all workers' when multiprocess."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry)
    return generate_latest(REGISTRY)
