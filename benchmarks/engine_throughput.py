#!/usr/bin/env python3
"""Throughput of the attribution engine, in process, on one core, and its cost on hostile text.

    python3 benchmarks/engine_throughput.py [--docs 400] [--repeats 3] [--seed 20241025] [--quick]
    make bench

1. News throughput. A corpus of news-like articles is generated here, from word lists and
   sentence templates in this file (deterministic for a seed; nothing is read from disk): names with
   titles and roles, organizations, nationalities, every quotation-mark style of GUIDE section 2,
   direct/indirect/mixed statements, "according to", interrupted and follow-on quotes, pronouns and
   plain narrative sentences. Every document goes through ``attribute(text)``; the corpus is run
   ``--repeats`` times and the fastest pass is reported (others on a shared machine only add noise),
   as documents/s and MB/s (MB = 10^6 characters of text; the corpus is mostly ASCII), with the
   CPU time of that pass beside the wall time.
2. Hostile text. Each hostile text (1 MB without punctuation, 100,000 quotation marks, 50,000
   capitalised words in a row, deeply nested quotes, unbalanced quotes) is run ``--repeats`` times
   in the same process, right after the corpus; its best time per character is divided by the best
   time per character of the news corpus (and of the whole corpus joined into one long text),
   giving the slowdown ratio. The statements found in each text are printed too, so that a ratio
   that comes from a large output can be told from one that does not.

Issue 9's goals are printed beside the figures: >= 5 MB/s per core, hostile <= 3x news.

3. Against another checkout (``--against DIR``, for example a git worktree of an older commit):
   the news corpus is run through this checkout's engine and DIR's, each pass in a fresh process,
   the two alternating so that both see the same load, and the best pass of each is compared
   (``make bench AGAINST=DIR``). This is how a speed-up is measured: two figures from different
   runs on a shared machine differ by more than most changes.
"""
from __future__ import annotations

import argparse
import os
import pathlib
import platform
import json
import random
import subprocess
import sys
import tempfile
import time

if not __package__:  # run as a file: import from the repository root (benchmarks/__init__.py)
    sys.path[0] = str(pathlib.Path(__file__).resolve().parents[1])

from service.attribution import BUILD, ENGINE_VERSION, attribute  # noqa: E402

GOAL_MB_S = 5.0
GOAL_RATIO = 3.0

# --- word lists (written for this benchmark) -----------------------------------------------------
FIRST = ["Helen", "Daniel", "Maria", "Tomas", "Priya", "Jonas", "Amara", "Lucia", "Kenji", "Olga",
         "Samuel", "Ines", "Farid", "Greta", "Rosa", "Kaja", "Aino", "Ilse", "Carl", "Siobhan", "Marek",
         "Leila", "Oskar", "Nadia", "Pavel", "Yusuf", "Elena", "Bruno", "Hana", "Tariq"]
LAST = ["Marsh", "Brenner", "Okafor", "Lindqvist", "Raman", "Weber", "Nwosu", "Ferreira", "Watanabe",
        "Petrenko", "Adeyemi", "Duarte", "Haddad", "Holm", "Imbert", "Tamm", "Virtanen", "Brandt",
        "Benton", "O'Brien", "Kowalski", "Mansour", "Berg", "de la Cruz", "Novak", "Demir", "Rossi",
        "Costa", "Sato", "Aziz"]
TITLES = ["", "", "", "Sen.", "Gen.", "Dr.", "Mr.", "Ms.", "Col.", "Rep."]
NATIONALITIES = ["Estonian", "Finnish", "Norwegian", "Portuguese", "Japanese", "Canadian", "Polish",
                 "Ukrainian", "Turkish", "Brazilian", "Kenyan", "Danish"]
ROLES = ["President", "Prime Minister", "Foreign Minister", "Defence Minister", "spokesman",
         "spokeswoman", "Finance Minister", "ambassador", "mayor", "governor", "Interior Minister"]
ORGS = ["the Valdoria Herald", "the Nordvik Shipping Company", "the Central Statistics Office",
        "the Pentagon", "NATO", "the World Bank", "the Lindenfeld City Council", "the Coast Guard",
        "the Ministry of Energy", "the Harbour Authority", "the Kyiv Post", "the Red Cross"]
ANON = ["a source", "two officials familiar with the talks", "officials who spoke on condition of anonymity",
        "a senior diplomat", "people close to the negotiations"]
NOUNS = ["bridge", "budget", "harbour", "ferry service", "power plant", "rail line", "hospital",
         "school", "pipeline", "ceasefire", "election", "trade deal", "reservoir", "border crossing",
         "factory", "vaccine programme", "tax reform", "airport", "dam", "fishing quota"]
PREDICATES = ["would reopen {time}", "had been damaged in the storm", "was running out of money",
              "would be extended to the coast", "had cost more than {num} million euros",
              "could be delayed {time}", "was safe for the public", "would create {num} jobs",
              "had failed to meet its targets", "was an illegal escalation", "would be debated {time}",
              "may need another {num} workers", "had made real progress", "was a dangerous gamble",
              "would not be affected by the strike", "was reportedly behind schedule"]
TIMES = ["in May", "next week", "by the end of the year", "on Tuesday", "within days", "in the spring",
         "after the summer", "before the elections", "this winter", "in 2027"]
CUES = ["said", "said", "said", "told reporters", "warned", "announced", "added", "noted", "stressed",
        "insisted", "confirmed", "denied", "claimed", "explained", "said on Monday", "said in a statement"]
CUES_THAT = ["said that", "warned that", "announced that", "noted that", "argued that", "said on Friday that"]
NARRATIVE = ["The {noun} was built in {year} and has been closed twice since.",
             "Traffic on the main road was heavy throughout the afternoon.",
             "Hundreds of people gathered outside the {noun} on {day}.",
             "The {noun} lies about {num} kilometres north of the capital.",
             "Talks between the two sides resumed on {day} after a break of {num} weeks.",
             "Prices for fuel rose by {num} percent in the third quarter.",
             "The so-called \u201cgreen corridor\u201d opened to lorries at dawn.",
             "Her novel \u201cThe Salt Road Home\u201d sold {num},000 copies.",
             "The players' union and the club's owners met again on {day}."]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
QUOTES = [('"', '"'), ("\u201c", "\u201d"), ("\u201e", "\u201c"), ("\u00ab", "\u00bb"), ("''", "''"),
          ("``", "''"), ("\u2018", "\u2019")]
QUOTE_WEIGHTS = [40, 30, 5, 5, 10, 5, 5]


class Writer:
    """Deterministic generator of news-like articles."""

    def __init__(self, seed: int) -> None:
        self.rnd = random.Random(seed)

    def pick(self, items):
        return self.rnd.choice(items)

    def fill(self, template: str) -> str:
        return template.format(time=self.pick(TIMES), num=self.rnd.randint(2, 90), day=self.pick(DAYS),
                               noun=self.pick(NOUNS), year=self.rnd.randint(1950, 2020))

    def person(self) -> tuple[str, str]:
        """(full mention, short name) of a person, with title, role or nationality at random."""
        first, last = self.pick(FIRST), self.pick(LAST)
        name = f"{first} {last}"
        form = self.rnd.random()
        if form < 0.25:
            mention = f"{self.pick(NATIONALITIES)} {self.pick(ROLES)} {name}"
        elif form < 0.4:
            title = self.pick(TITLES)
            mention = f"{title} {name}".strip()
        else:
            mention = name
        return mention, last

    def clause(self) -> str:
        return f"the {self.pick(NOUNS)} {self.fill(self.pick(PREDICATES))}"

    def quote(self) -> tuple[str, str]:
        return self.rnd.choices(QUOTES, QUOTE_WEIGHTS)[0]

    def spoken(self) -> str:
        clause = self.clause()
        return clause[0].upper() + clause[1:]

    def paragraph(self, speaker: tuple[str, str] | None) -> tuple[str, tuple[str, str]]:
        mention, short = speaker if speaker and self.rnd.random() < 0.5 else self.person()
        who = self.pick([mention, short, "he", "she"]) if speaker else mention
        opening, closing = self.quote()
        kind = self.rnd.randrange(12)
        if kind == 0:
            text = f"{mention} {self.pick(CUES_THAT)} {self.clause()}."
        elif kind == 1:
            text = f"{opening}{self.spoken()},{closing} {who} {self.pick(CUES)}."
        elif kind == 2:
            text = f"{opening}{self.spoken()},{closing} said {mention}."
        elif kind == 3:
            text = f"{self.spoken()}, according to {self.pick(ORGS)}."
        elif kind == 4:
            org = self.pick(ORGS)
            text = f"According to {org}, {self.clause()}."
        elif kind == 5:
            text = (f"{opening}{self.spoken()},{closing} {who} said, "
                    f"{opening}and {self.clause()}.{closing}")
        elif kind == 6:
            text = (f"{opening}{self.spoken()}.{closing} {mention} said. "
                    f"{opening}{self.spoken()}.{closing}")
        elif kind == 7:
            text = f"It was reported that {self.clause()}."
        elif kind == 8:
            text = f"{self.pick(ANON).capitalize()} said {self.clause()}."
        elif kind == 9:
            text = f"{mention} said the plan was {opening}a step in the right direction{closing} for the {self.pick(NOUNS)}."
        elif kind == 10:
            text = f"{mention}, head of {self.pick(ORGS)}, said {self.clause()}, adding that {self.clause()}."
        else:
            text = f"{mention} said: {opening}{self.spoken()}.{closing}"
        narrative = " ".join(self.fill(self.pick(NARRATIVE)) for _ in range(self.rnd.randint(0, 3)))
        if narrative and self.rnd.random() < 0.5:
            text = f"{narrative} {text}"
        elif narrative:
            text = f"{text} {narrative}"
        return text, (mention, short)

    def article(self) -> str:
        headline = f"{self.pick(LAST)} {self.pick(['warns', 'says', 'denies', 'welcomes'])} {self.pick(NOUNS)} {self.pick(['plan', 'delay', 'deal', 'report'])}"
        paras = [headline]
        speaker = None
        for _ in range(self.rnd.randint(6, 14)):
            text, speaker = self.paragraph(speaker)
            paras.append(text)
        return "\n\n".join(paras)


# --- hostile texts ---------------------------------------------------------------------------------

def hostile_texts(seed: int) -> dict[str, str]:
    rnd = random.Random(seed)
    words = [w.lower() for w in NOUNS + FIRST + LAST] + ["the", "and", "of", "said", "would", "that"]
    no_punct = []
    size = 0
    while size < 1_000_000:
        word = rnd.choice(words).replace("'", "").replace(" ", "")
        no_punct.append(word)
        size += len(word) + 1
    marks = ['"', "\u201c", "\u201d", "\u201e", "\u00ab", "\u00bb", "\u2039", "\u203a", "''", "``", "'",
             "\u2018", "\u2019"]
    capitalised = [rnd.choice(FIRST + LAST + ["Ministry", "President", "Foreign", "Herald", "NATO", "Sen."])
                   for _ in range(50_000)]
    return {
        "1 MB without punctuation": " ".join(no_punct)[:1_000_000],
        "100,000 straight quotation marks": '"' * 100_000,
        "100,000 mixed quotation marks": "".join(rnd.choice(marks) for _ in range(100_000)),
        "100,000 marks each before a word": " ".join(rnd.choice(marks) + rnd.choice(words) for _ in range(100_000)),
        "50,000 capitalised words in a row": " ".join(w.replace(" ", "") for w in capitalised) + " said the bridge was open.",
        "nested quotes 5,000 deep": "".join(f"{o}Level {i} said " for i, (o, _) in enumerate(
            QUOTES[k % len(QUOTES)] for k in range(5_000))) + "end" + "".join(
            c for _, c in reversed([QUOTES[k % len(QUOTES)] for k in range(5_000)])),
        "50,000 unclosed opening quotes": " ".join(f"\u201c{rnd.choice(words)}" for _ in range(50_000)),
        "unclosed quote in every paragraph (2,000)": "\n".join(
            f'"Paragraph {i} opens a quote that never closes, Helen Marsh said' for i in range(2_000)),
        "unclosed quote in every paragraph (8,000)": "\n".join(
            f'"Paragraph {i} opens a quote that never closes, Helen Marsh said' for i in range(8_000)),
    }


# --- measuring -------------------------------------------------------------------------------------

def run_once(texts: list[str]) -> tuple[float, float, int, int]:
    """(wall seconds, cpu seconds, statements, characters of statement content) for one pass."""
    statements = content = 0
    wall0, cpu0 = time.perf_counter(), time.process_time()
    results = [attribute(t) for t in texts]
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    for r in results:
        statements += len(r.quotes)
        content += sum(f.end - f.start for q in r.quotes for f in q.fragments)
    return wall, cpu, statements, content


def best_of(texts: list[str], repeats: int) -> tuple[float, float, int, int]:
    runs = [run_once(texts) for _ in range(repeats)]
    wall = min(r[0] for r in runs)
    cpu = min(r[1] for r in runs)
    return wall, cpu, runs[0][2], runs[0][3]


# Run in a fresh process per pass by --against: one checkout's engine over the corpus in a JSON file.
_PASS = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
import service.attribution
from service.attribution import attribute
build = getattr(service.attribution, "BUILD", None)      # older checkouts: always their sources
texts = json.load(open(sys.argv[2], encoding="utf-8"))
for text in texts[:5]:
    attribute(text)
start = time.perf_counter()
for text in texts:
    attribute(text)
print(build.label if build else "python", time.perf_counter() - start)
"""


def against(corpus: list[str], other: str, repeats: int) -> None:
    """News throughput of this checkout and of ``other`` in alternating fresh processes."""
    here = str(pathlib.Path(__file__).resolve().parents[1])
    other = str(pathlib.Path(other).resolve())
    if not (pathlib.Path(other) / "service" / "attribution").is_dir():
        raise SystemExit(f"--against {other}: not a checkout of this repository (no service/attribution)")
    chars = sum(len(d) for d in corpus)
    rounds = max(repeats, 3)
    sides = (("this checkout", here), ("--against", other))      # both run even when one directory
    best = [float("inf"), float("inf")]
    builds = ["", ""]
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8", delete=False) as fh:
        json.dump(corpus, fh)
    try:
        for _ in range(rounds):
            for side, (_label, root) in enumerate(sides):
                done = subprocess.run([sys.executable, "-c", _PASS, root, fh.name], capture_output=True,
                                      text=True, cwd=root)
                if done.returncode != 0:
                    last = (done.stderr.strip().splitlines() or ["no message"])[-1]
                    raise SystemExit(f"the engine of {root} failed: {last}")
                builds[side], seconds = done.stdout.split()[-2:]
                best[side] = min(best[side], float(seconds))
    finally:
        os.unlink(fh.name)
    print()
    print(f"Against another checkout (news corpus, best of {rounds} alternating passes, each in a fresh process)")
    for (label, root), seconds, build in zip(sides, best, builds):
        print(f"  {label:14} {chars / seconds / 1e6:6.2f} MB/s   {root} ({build})")
    print(f"  ratio          {best[1] / best[0]:6.2f}x  (this checkout's throughput / the other's)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=400, help="articles in the generated corpus")
    parser.add_argument("--repeats", type=int, default=3, help="passes per measurement; the best counts")
    parser.add_argument("--seed", type=int, default=20241025)
    parser.add_argument("--quick", action="store_true", help="100 documents, 1 repeat: a smoke run")
    parser.add_argument("--show", type=int, default=0, help="print the first N generated articles and stop")
    parser.add_argument("--against", metavar="DIR", help="another checkout: compare news throughput "
                        "side by side in this run (alternating fresh processes)")
    args = parser.parse_args(argv)
    if args.quick:
        args.docs, args.repeats = 100, 1

    writer = Writer(args.seed)
    corpus = [writer.article() for _ in range(args.docs)]
    if args.show:
        for doc in corpus[:args.show]:
            print(doc, end="\n\n----\n\n")
        return 0
    chars = sum(len(d) for d in corpus)
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    print(f"engine {ENGINE_VERSION} ({BUILD.label}: {BUILD.reason}), Python {platform.python_version()} on {platform.machine()}, "
          f"{os.cpu_count()} CPUs, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print(f"corpus: {len(corpus)} generated articles (seed {args.seed}), {chars:,} characters, "
          f"mean {chars / len(corpus):,.0f} a document; best of {args.repeats} passes, one process")
    attribute(corpus[0])                                       # warm-up: imports, first-call costs

    wall, cpu, statements, content = best_of(corpus, args.repeats)
    news_ns = wall / chars * 1e9
    print()
    print("News throughput")
    print(f"  documents/s      {len(corpus) / wall:10,.1f}")
    print(f"  MB/s (wall)      {chars / wall / 1e6:10.2f}    goal >= {GOAL_MB_S:.0f} MB/s per core")
    print(f"  MB/s (cpu)       {chars / cpu / 1e6:10.2f}")
    print(f"  ns per character {news_ns:10.0f}")
    print(f"  statements       {statements:10,}    ({statements / len(corpus):.1f} a document, "
          f"{statements / chars * 1000:.2f} per 1,000 characters)")

    joined = "\n\n".join(corpus)
    j_wall, _j_cpu, j_statements, _ = best_of([joined], args.repeats)
    joined_ns = j_wall / len(joined) * 1e9
    print(f"  one text of the whole corpus ({len(joined):,} characters): {joined_ns:.0f} ns per character, "
          f"{j_statements:,} statements")

    print()
    print(f"Hostile text (best of {args.repeats}; ratio = ns per character / news ns per character; "
          f"goal <= {GOAL_RATIO:.0f}x)")
    header = f"  {'text':44} {'characters':>11} {'seconds':>9} {'ns/char':>9} {'ratio':>7} {'statements':>11}"
    print(header)
    print(f"  {'news corpus (reference)':44} {chars:11,} {wall:9.3f} {news_ns:9.0f} {1.0:6.2f}x {statements:11,}")
    worst = 0.0
    for name, text in hostile_texts(args.seed).items():
        h_wall, _h_cpu, h_statements, _ = best_of([text], args.repeats)
        ns = h_wall / len(text) * 1e9
        ratio = ns / news_ns
        worst = max(worst, ratio)
        flag = "" if ratio <= GOAL_RATIO else "  over goal"
        print(f"  {name:44} {len(text):11,} {h_wall:9.3f} {ns:9.0f} {ratio:6.2f}x {h_statements:11,}{flag}")
    print()
    print(f"worst hostile ratio {worst:.2f}x news (goal <= {GOAL_RATIO:.0f}x); "
          f"news {chars / wall / 1e6:.2f} MB/s (goal >= {GOAL_MB_S:.0f})")
    if args.against:
        against(corpus, args.against, args.repeats)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
