"""Shared by the benchmark scripts: the live gunicorn (tests/support/live_server.py), the
generated articles, percentiles, a process's memory and a one-line description of the machine.

Benchmarks talk only to 127.0.0.1, are bounded in time and request count, and stop what they
started.
"""
from __future__ import annotations

import http.client
import json
import os
import platform
import random
import time
from datetime import datetime, timezone

from tests.support.live_server import LiveServer

__all__ = ["LiveServer", "article", "machine", "percentile", "post", "request_bodies", "rss_kib",
           "wait_until"]

PEOPLE = ["Ana Ruiz", "Lin Jian", "Mark Rutte", "Kyrylo Budanov", "Maria Keller", "Tom Okafor"]
ROLES = ["Mayor", "spokesman", "Defense Minister", "the head of the agency", "a senator"]
ORGS = ["the Foreign Ministry", "the Pentagon", "the city council", "NATO", "the union"]
CLAUSES = ["the talks would resume on Monday", "the plan had no support in parliament",
           "prices had risen faster than expected", "the troops would stay until spring",
           "there was no threat to the region", "the report was deeply flawed",
           "the budget would be balanced next year", "nobody had been told in advance"]
VERBS = ["said", "told reporters", "warned", "added", "denied", "claimed", "stressed"]

# (characters, share of requests): short news items to long features.
SIZE_MIX = [(1_000, 0.3), (3_000, 0.35), (8_000, 0.25), (20_000, 0.1)]


def article(rng: random.Random, size: int) -> str:
    """A generated news-like article of about ``size`` characters: direct, indirect, mixed and
    interrupted quotes, according-to, pronouns, paragraphs."""
    paragraphs: list[str] = []
    length = 0
    while length < size:
        who, role, org = rng.choice(PEOPLE), rng.choice(ROLES), rng.choice(ORGS)
        clause, clause2, verb = rng.choice(CLAUSES), rng.choice(CLAUSES), rng.choice(VERBS)
        paragraph = rng.choice([
            f"\u201c{clause.capitalize()},\u201d {who}, {role} of {org}, {verb}.",
            f"{role.capitalize()} {who} {verb} that {clause}.",
            f"According to {org}, {clause}.",
            f"\"{clause.capitalize()},\" {who} {verb}. \"And {clause2}.\"",
            f"{who} said {clause} would mean a \u201cserious escalation.\u201d",
            f"It was reported that {clause}. Officials who spoke on condition of anonymity "
            f"said {clause2}.",
            f"The city has {rng.randint(2, 90)} districts and {rng.randint(1000, 90000)} "
            f"residents; {clause}, the figures show.",
        ])
        paragraphs.append(paragraph)
        length += len(paragraph) + 2
    return "\n\n".join(paragraphs)[:size]


def request_bodies(count: int = 200, seed: int = 1) -> list[tuple[int, bytes]]:
    """``count`` JSON request bodies for POST /v1/attributions, sizes drawn from SIZE_MIX."""
    rng = random.Random(seed)
    sizes, weights = zip(*SIZE_MIX)
    bodies = []
    for index in range(count):
        size = rng.choices(sizes, weights)[0]
        text = article(rng, size)
        bodies.append((size, json.dumps({"id": f"bench-{index}", "text": text}).encode()))
    return bodies


def rss_kib(pid: int) -> int:
    """Resident set size of one process, in KiB (VmRSS from /proc)."""
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise ValueError(f"no VmRSS for {pid}")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


def post(port: int, path: str, body: bytes, timeout: float = 120.0) -> int:
    """One POST on a new connection; the status, or raises on a connection failure."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("POST", path, body=body, headers={"Content-Type": "application/json"})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def machine() -> str:
    cpus = len(os.sched_getaffinity(0))
    model = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo", encoding="ascii", errors="replace"):
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC, {cpus} cores ({model}), "
            f"Python {platform.python_version()}, {platform.system()} {platform.release()}")


def wait_until(predicate, timeout: float, step: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return predicate()
