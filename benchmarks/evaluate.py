#!/usr/bin/env python3
"""Run the engine in-process over a gold file and score it.

    python3 benchmarks/evaluate.py GOLD.jsonl [--pred out/NAME.pred.jsonl] [--rules] [--cues]
           [--scorer PATH/score.py]

GOLD is PolNeAR in the JSONL form that benchmarks/polnear_to_jsonl.py makes from a clone of
github.com/networkdynamics/PolNeAR (or the team's copy in ../shared/eval). Scoring is
benchmarks/scoring.py's; ``--scorer`` also runs another scorer script (GOLD PRED) on the same
predictions, e.g. the team's ../shared/eval/score.py. ``--rules``: per-rule counts and
precision at overlap 0.3 (the `confidence` of each rule's statements); ``--cues``: per rule and
cue word. Predictions are written in the form ../shared/eval/predict.py writes from the service.
"""
from __future__ import annotations

import argparse
import json
import pathlib
import subprocess
import sys
import time

if not __package__:  # run as a file: import from the repository root (benchmarks/__init__.py)
    sys.path[0] = str(pathlib.Path(__file__).resolve().parents[1])

ROOT = pathlib.Path(__file__).resolve().parents[1]

from benchmarks import scoring  # noqa: E402
from service.attribution import attribute  # noqa: E402


def to_prediction(doc_id: str, result) -> dict:
    quotes = []
    for q in result.quotes:
        m = q.speaker.mention if q.speaker else None
        quotes.append({"quote_start": q.span.start, "quote_end": q.span.end,
                       "fragments": [{"start": f.start, "end": f.end} for f in q.fragments],
                       "type": q.type, "rule": q.rule,
                       "cue": q.cue.text if q.cue else None, "cue_start": q.cue.start if q.cue else None,
                       "speaker": q.speaker.name if q.speaker else None,
                       "speaker_start": m.start if m else None, "speaker_end": m.end if m else None})
    return {"id": doc_id, "quotes": quotes}


def rule_table(gold_path: str, pred_path: str, detail: bool = False,
               at: float = 0.3) -> dict[str, tuple[int, int]]:
    """Per rule: predictions and how many of them the scorer's one-to-one matching (best overlap
    first, threshold ``at``) pairs with a gold attribution. Their ratio is the rule's precision."""
    gold = scoring.load(gold_path)
    stats: dict[str, list[int]] = {}
    for line in open(pred_path, encoding="utf-8"):
        pred = json.loads(line)
        doc = gold[pred["id"]]
        used_p = {i for i, _ in scoring.pairs(doc["text"], pred["quotes"], doc["quotes"], at)}
        for i, q in enumerate(pred["quotes"]):
            key = q["rule"] + ((" " + (q.get("cue") or "").lower()) if detail else "")
            row = stats.setdefault(key, [0, 0])
            row[0] += 1
            row[1] += i in used_p
    print(f"{'rule':28s} {'count':>6s} {'precision':>9s}")
    for rule, (n, ok) in sorted(stats.items(), key=lambda kv: -kv[1][0])[:400]:
        print(f"{rule:28s} {n:6d} {ok / n:9.3f}")
    return {k: (n, ok) for k, (n, ok) in stats.items()}


MISSING_GOLD = """evaluate.py: no gold file at {path}.
The accuracy figures are measured on PolNeAR (github.com/networkdynamics/PolNeAR, dev split).
Make the gold file from a clone of it, then run this again:

    git clone https://github.com/networkdynamics/PolNeAR ../PolNeAR
    python3 benchmarks/polnear_to_jsonl.py ../PolNeAR --split dev --out out/polnear-dev.jsonl
    python3 benchmarks/evaluate.py out/polnear-dev.jsonl --rules
"""


def evaluate(gold_path: str, pred_path: pathlib.Path, language: str = "en") -> tuple[dict, float]:
    """Writes the engine's predictions for every gold document; returns the score report and
    the engine's throughput in million characters per second."""
    pred_path.parent.mkdir(parents=True, exist_ok=True)
    chars = 0
    started = time.perf_counter()
    with open(gold_path, encoding="utf-8") as src, open(pred_path, "w", encoding="utf-8") as out:
        for line in src:
            if not line.strip():
                continue
            doc = json.loads(line)
            chars += len(doc["text"])
            out.write(json.dumps(to_prediction(doc["id"], attribute(doc["text"], language=language))) + "\n")
    elapsed = time.perf_counter() - started
    report = scoring.score(scoring.load(gold_path), scoring.load(str(pred_path)))
    return report, chars / 1e6 / elapsed if elapsed else 0.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("gold")
    ap.add_argument("--pred", default=None)
    ap.add_argument("--rules", action="store_true")
    ap.add_argument("--cues", action="store_true", help="per rule and cue word")
    ap.add_argument("--scorer", metavar="PATH", help="also score with this script (GOLD PRED)")
    ap.add_argument("--language", default="en", help="the documents' language (default en; de for German Wikinews)")
    args = ap.parse_args(argv)
    if not pathlib.Path(args.gold).is_file():
        print(MISSING_GOLD.format(path=args.gold), end="", file=sys.stderr)
        return 2
    pred_path = pathlib.Path(args.pred or ROOT / "out" / (pathlib.Path(args.gold).stem + ".pred.jsonl"))
    try:
        report, speed = evaluate(args.gold, pred_path, args.language)
    except (ValueError, KeyError) as error:  # not JSONL of the expected form
        print(f"evaluate.py: {args.gold} is not a gold JSONL file ({error!r}); make one with "
              f"benchmarks/polnear_to_jsonl.py", file=sys.stderr)
        return 2
    print(f"engine: {speed:.2f} M chars/s in process; predictions in {pred_path}")
    print(scoring.format_report(report))
    if args.scorer:
        subprocess.run([sys.executable, args.scorer, args.gold, str(pred_path)], check=True)
    if args.rules or args.cues:
        rule_table(args.gold, str(pred_path), args.cues)
    return 0


if __name__ == "__main__":
    sys.exit(main())
