"""A generated news corpus for the benchmarks: deterministic, written here, no external data.

``articles(n, seed)`` returns ``n`` documents ``{"id": str, "text": str}`` of 2,500-5,000
characters each, built from sentence patterns newsrooms write every day: direct quotes with
``he said`` after them, quotes interrupted by their attribution, ``X said that ...``,
``according to X``, unattributed ``it was reported that ...``, and plain narrative between them.
The same ``(n, seed)`` always gives the same texts, so figures from two runs compare.

    python3 benchmarks/corpus.py 1000 > corpus.jsonl     # write a corpus as JSONL
"""
from __future__ import annotations

import json
import random
import sys

FIRST = ("Maria", "Jonas", "Aiko", "Daniel", "Fatima", "Pavel", "Grace", "Omar", "Lena", "Tomas",
         "Sofia", "Kwame", "Ingrid", "Rahul", "Elena", "Marcus")
LAST = ("Okafor", "Lindqvist", "Tanaka", "Moreau", "Haddad", "Novak", "Whitfield", "Castillo",
        "Brandt", "Mensah", "Kowalski", "Rivera", "Sato", "Petrov", "Ahmed", "Keller")
ROLES = ("Finance Minister", "spokesperson", "mayor", "chief executive", "union leader",
         "Defense Minister", "senator", "economist", "police chief", "health commissioner")
ORGS = ("the Ministry of Finance", "the city council", "the transport union", "the central bank",
        "the Health Department", "the opposition party", "the port authority", "Northwind Energy")
TOPICS = ("the new budget", "the rail strike", "the water tariffs", "the harbour expansion",
          "the hospital reforms", "the tax on imports", "the election timetable",
          "the housing plan", "the emissions targets", "the school closures")
VERBS = ("said", "told reporters", "warned", "added", "argued", "insisted", "stated", "explained",
         "denied", "claimed")
CLAIMS = ("the plan would cut costs by a third within two years",
          "nobody had been consulted before the decision was announced",
          "the figures published last week were simply wrong",
          "families in the northern districts would pay the price",
          "the talks could resume as early as next month",
          "the government had no intention of backing down",
          "the project was already running behind schedule",
          "investors were watching the negotiations closely",
          "the agreement was a significant step forward for the region",
          "the new rules may never be enforced")
NARRATIVE = ("The vote is expected on Thursday after a week of heated debate in the chamber.",
             "Protesters gathered outside the building for a third consecutive day.",
             "The proposal was first published in March and has been amended twice since.",
             "Officials have not released the full text of the agreement.",
             "Markets reacted calmly to the announcement on Monday morning.",
             "The measure affects about two hundred thousand households across the province.",
             "Several committees are due to review the plan before the end of the year.",
             "Local newspapers reported long queues at the offices on Tuesday.")


def _cap(words: str) -> str:
    return words[:1].upper() + words[1:]


def _person(rng: random.Random) -> tuple[str, str, str]:
    return rng.choice(FIRST) + " " + rng.choice(LAST), rng.choice(ROLES), rng.choice(ORGS)


def _paragraph(rng: random.Random, cast: list[tuple[str, str, str]]) -> str:
    name, role, org = rng.choice(cast)
    last = name.split()[-1]
    topic, claim, verb = rng.choice(TOPICS), rng.choice(CLAIMS), rng.choice(VERBS)
    claim2 = rng.choice(CLAIMS)
    forms = (
        f'"{_cap(claim)}," {last} {verb}. {rng.choice(NARRATIVE)}',
        f'{_cap(role)} {name} {verb} that {claim}. {rng.choice(NARRATIVE)}',
        f'"{_cap(claim)}," {name}, the {role} of {org}, {verb}. '
        f'"{_cap(claim2)}."',
        f'According to {name}, {claim}. {rng.choice(NARRATIVE)}',
        f'It was reported that {claim}. {rng.choice(NARRATIVE)}',
        f'Asked about {topic}, {last} {verb}: "{_cap(claim)}."',
        f'{rng.choice(NARRATIVE)} {rng.choice(NARRATIVE)}',
        f'“{_cap(claim)},” {last} {verb}, adding that {claim2}.',
    )
    return rng.choice(forms)


def article(rng: random.Random) -> str:
    cast = [_person(rng) for _ in range(rng.randint(2, 4))]
    name, role, org = cast[0]
    lead = (f"{_cap(role)} {name} of {org} on Monday defended {rng.choice(TOPICS)}, "
            f"as critics questioned {rng.choice(TOPICS)}.")
    paras = [lead]
    target = rng.randint(2500, 5000)
    while sum(map(len, paras)) < target:
        paras.append(_paragraph(rng, cast))
    return "\n\n".join(paras)


def articles(n: int, seed: int = 7) -> list[dict[str, str]]:
    rng = random.Random(seed)
    return [{"id": f"art-{i:06d}", "text": article(rng)} for i in range(n)]


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    for doc in articles(count):
        sys.stdout.write(json.dumps(doc, ensure_ascii=False) + "\n")
