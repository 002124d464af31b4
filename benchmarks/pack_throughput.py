#!/usr/bin/env python3
"""Throughput of the pack languages (German, Russian) beside English, in one process, and their
cost on hostile text.

    python3 benchmarks/pack_throughput.py [--docs 300] [--repeats 3] [--seed 20261130] [--quick]

1. News throughput per language. For each language a corpus of news-like articles is generated
   here from sentence templates and made-up names in this file (deterministic for a seed; nothing
   is read from disk): quotations with their cues before and after, reported speech, "laut X" /
   "по словам X", follow-on sentences in the reported mood, narrative sentences. English is
   measured on the corpus of ``engine_throughput.py`` in the same run, so that the ratios beside
   the figures (language MB/s / English MB/s) compare like with like on the same machine state.
2. Hostile text per language: runs of cues, markers, dashes and quotation marks of that language
   in one sentence or in many short paragraphs (480,000 characters each); the best time per
   character is divided by that language's news time per character. The engine's rule: linear
   time, hostile text at most 3x news.
"""
from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.engine_throughput import Writer  # noqa: E402
from service.attribution import ENGINE_VERSION, attribute  # noqa: E402

GOAL_RATIO = 3.0
SIZE = 480_000

GERMAN = {
    "first": ["Anna", "Jens", "Petra", "Lukas", "Marta", "Ole", "Sabine", "Henrik"],
    "last": ["Berger", "Sommerfeld", "Kranz", "Lindholm", "Vogt", "Reuter", "Albers", "Hagen"],
    "role": ["Bürgermeisterin", "Innenminister", "Sprecher", "Landrätin", "Polizeisprecher", "Ministerin"],
    "org": ["die Stadtverwaltung", "die Polizei", "das Landesamt", "die Feuerwehr", "der Verband"],
    "said": ["sagte", "erklärte", "betonte", "kritisierte", "warnte"],
    "content": ["die Lage sei unter Kontrolle", "die Brücke werde im Mai saniert",
                "es gebe keine Hinweise auf ein Verbrechen", "die Kosten seien deutlich gestiegen",
                "der Zeitplan könne gehalten werden"],
    "quote": ["Wir haben keine Zeit zu verlieren", "Das ist ein guter Tag für die Region",
              "Niemand wurde verletzt", "Wir brauchen mehr Personal"],
    "narrative": ["Der Zug fuhr am Morgen mit zwei Stunden Verspätung ab.",
                  "In der Stadt leben rund 40.000 Menschen.", "Am Abend regnete es stark."],
}
RUSSIAN = {
    "first": ["Анна", "Сергей", "Ольга", "Игорь", "Мария", "Павел", "Вера", "Олег"],
    "last": ["Зимина", "Лапин", "Белова", "Круглов", "Орлова", "Сеченов", "Ладыгина", "Громов"],
    "role": ["министр", "губернатор", "пресс-секретарь", "глава района", "депутат"],
    "org": ["МЧС", "мэрия", "пресс-служба", "министерство"],
    "said": ["заявил", "сообщил", "отметил", "подчеркнул", "сказал"],
    "content": ["ситуация остается стабильной", "дорогу откроют в мае", "жертв нет",
                "работы завершатся к осени", "цены вырастут к весне"],
    "quote": ["Мы готовы к переговорам", "Работы закончим к осени", "Никто не пострадал",
              "Это правильное решение"],
    "narrative": ["Утром в городе шел снег.", "В поселке живут около трех тысяч человек.",
                  "Поезд прибыл с опозданием на час."],
}


def article(rnd: random.Random, lang: str) -> str:
    """One made-up article of 4-8 paragraphs in ``lang``."""
    w = GERMAN if lang == "de" else RUSSIAN
    paras = []
    for _ in range(rnd.randint(4, 8)):
        name = f"{rnd.choice(w['first'])} {rnd.choice(w['last'])}"
        role = rnd.choice(w["role"])
        said, content, quote = rnd.choice(w["said"]), rnd.choice(w["content"]), rnd.choice(w["quote"])
        if lang == "de":
            forms = [f"„{quote}“, {said} {role} {name}.",
                     f"{role} {name} {said}, {content}.",
                     f"{content[0].upper() + content[1:]}, {said} {rnd.choice(w['org'])}.",
                     f"Laut {rnd.choice(w['org']).split()[1]} {rnd.choice(['wurde niemand verletzt', 'bleibt die Straße gesperrt'])}.",
                     f"{name} {said}: „{quote}.“ Es gebe keine weiteren Angaben."]
        else:
            forms = [f"«{quote}», — {said} {role} {name}.",
                     f"— {quote}, — {said} {role} {name}.",
                     f"{role.capitalize()} {name} {said}, что {content}.",
                     f"По словам {rnd.choice(['губернатора', 'министра', 'мэра'])}, {content}.",
                     f"{content.capitalize()}, {said} {rnd.choice(w['org'])}."]
        sentences = [rnd.choice(forms) for _ in range(rnd.randint(1, 2))]
        sentences += [rnd.choice(w["narrative"]) for _ in range(rnd.randint(0, 2))]
        rnd.shuffle(sentences)
        paras.append(" ".join(sentences))
    return "\n\n".join(paras)


def hostile(lang: str) -> dict[str, str]:
    """Texts of ``lang``'s own forms in pathological runs, each ``SIZE`` characters."""
    def fill(unit: str) -> str:
        return (unit * (SIZE // len(unit) + 1))[:SIZE]

    if lang == "de":
        return {"quote-cue chain in one sentence": fill("„Wir kommen“, sagte er, "),
                "cue run": fill("sagte "),
                "laut run": fill("Laut Polizei "),
                "reported-mood lines": "Der Minister sagte, es sei gut. " + fill("Es sei gut. ")[32:],
                "separable verb without particle": fill("Die Polizei teilte "),
                "capitalised compound without space": fill("Gesundheitssprecherin"),
                "unclosed „ in every paragraph": fill("„Die Lage sei ernst, sagte er\n")}
    return {"dash-cue chain in one sentence": fill("— Да, — сказал он, — "),
            "dialogue paragraphs": fill("— Да, — сказал он.\n"),
            "по словам run": fill("По словам министра, "),
            "guillemet runs": ("«" * (SIZE // 2)) + ("»" * (SIZE // 2)),
            "interrupted quotation chain": fill("«Мы готовы, — сказал он. — Но не сейчас» "),
            "capitalised words in a row": fill("Сергей Лавров Мария Белова ")}


def best(texts: list[str], lang: str, repeats: int) -> tuple[float, int]:
    """(best wall seconds, statements) over ``repeats`` passes."""
    runs = []
    statements = 0
    for _ in range(repeats):
        start = time.perf_counter()
        results = [attribute(t, language=lang) for t in texts]
        runs.append(time.perf_counter() - start)
        statements = sum(len(r.quotes) for r in results)
    return min(runs), statements


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=300, help="articles per language")
    parser.add_argument("--repeats", type=int, default=3, help="passes per measurement; the best counts")
    parser.add_argument("--seed", type=int, default=20261130)
    parser.add_argument("--quick", action="store_true", help="60 documents, 1 repeat, no hostile text")
    args = parser.parse_args(argv)
    if args.quick:
        args.docs, args.repeats = 60, 1
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    print(f"engine {ENGINE_VERSION}, Python {platform.python_version()}, {os.cpu_count()} CPUs, "
          f"load average {load[0]:.2f}; best of {args.repeats} passes, one process")
    english = [Writer(args.seed).article() for _ in range(args.docs)]
    corpora = {"en": english}
    for lang in ("de", "ru"):
        rnd = random.Random(f"{args.seed}-{lang}")
        corpora[lang] = [article(rnd, lang) for _ in range(args.docs)]
    news_ns: dict[str, float] = {}
    print(f"\n{'language':10} {'documents':>10} {'characters':>12} {'MB/s':>8} {'x English':>10} {'statements':>11}")
    for lang, docs in corpora.items():
        attribute(docs[0], language=lang)                      # warm-up
        wall, statements = best(docs, lang, args.repeats)
        chars = sum(len(d) for d in docs)
        news_ns[lang] = wall / chars * 1e9
        ratio = news_ns["en"] / news_ns[lang]
        print(f"{lang:10} {len(docs):10,} {chars:12,} {chars / wall / 1e6:8.2f} {ratio:9.2f}x {statements:11,}")
    if args.quick:
        return 0
    worst = 0.0
    for lang in ("de", "ru"):
        print(f"\nHostile {lang} text (ratio = ns per character / {lang} news ns per character; goal <= {GOAL_RATIO:.0f}x)")
        for name, text in hostile(lang).items():
            wall, statements = best([text], lang, args.repeats)
            ratio = wall / len(text) * 1e9 / news_ns[lang]
            worst = max(worst, ratio)
            flag = "" if ratio <= GOAL_RATIO else "  over goal"
            print(f"  {name:40} {len(text):9,} {wall:8.3f} s {ratio:7.2f}x {statements:9,}{flag}")
    print(f"\nworst hostile ratio {worst:.2f}x (goal <= {GOAL_RATIO:.0f}x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
