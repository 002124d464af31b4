#!/usr/bin/env python3
"""Run the engine in-process over a gold file and score it with the shared scorer.

    python3 benchmarks/evaluate.py ../shared/eval/polnear-dev.jsonl [--pred out/dev.pred.jsonl]
           [--rules]   per-rule counts and precision at overlap 0.3

The gold and the scorer stay in ../shared (measurement only; nothing is copied here). Predictions
are written in the form ../shared/eval/predict.py writes from the HTTP service.
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


def rule_table(gold_path: str, pred_path: str, shared_eval: pathlib.Path, detail: bool = False,
               at: float = 0.3) -> dict[str, tuple[int, int]]:
    """Per rule: predictions and how many of them the scorer's one-to-one matching (best overlap
    first, threshold ``at``) pairs with a gold attribution. Their ratio is the rule's precision."""
    sys.path.insert(0, str(shared_eval))
    from score import positions, spans_of  # type: ignore
    gold = {d["id"]: d for d in map(json.loads, open(gold_path, encoding="utf-8"))}
    stats: dict[str, list[int]] = {}
    for line in open(pred_path, encoding="utf-8"):
        pred = json.loads(line)
        doc = gold[pred["id"]]
        text = doc["text"]
        gpos = [positions(text, spans_of(g)) for g in doc["quotes"]]
        ppos = [positions(text, spans_of(q)) for q in pred["quotes"]]
        pairs = sorted(((len(p & g) / len(p | g), i, j) for i, p in enumerate(ppos)
                        for j, g in enumerate(gpos) if p & g), reverse=True)
        used_p: set[int] = set()
        used_g: set[int] = set()
        for ov, i, j in pairs:
            if ov >= at and i not in used_p and j not in used_g:
                used_p.add(i)
                used_g.add(j)
        for i, q in enumerate(pred["quotes"]):
            key = q["rule"] + ((" " + (q.get("cue") or "").lower()) if detail else "")
            row = stats.setdefault(key, [0, 0])
            row[0] += 1
            row[1] += i in used_p
    print(f"{'rule':28s} {'count':>6s} {'precision':>9s}")
    for rule, (n, ok) in sorted(stats.items(), key=lambda kv: -kv[1][0])[:400]:
        print(f"{rule:28s} {n:6d} {ok / n:9.3f}")
    return {k: (n, ok) for k, (n, ok) in stats.items()}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold")
    ap.add_argument("--pred", default=None)
    ap.add_argument("--rules", action="store_true")
    ap.add_argument("--cues", action="store_true", help="per rule and cue word")
    args = ap.parse_args()
    pred_path = pathlib.Path(args.pred or ROOT / "out" / (pathlib.Path(args.gold).stem + ".pred.jsonl"))
    pred_path.parent.mkdir(parents=True, exist_ok=True)
    chars = 0
    started = time.perf_counter()
    with open(args.gold, encoding="utf-8") as src, open(pred_path, "w", encoding="utf-8") as out:
        for line in src:
            doc = json.loads(line)
            chars += len(doc["text"])
            out.write(json.dumps(to_prediction(doc["id"], attribute(doc["text"]))) + "\n")
    elapsed = time.perf_counter() - started
    print(f"engine: {chars / 1e6:.2f} M chars in {elapsed:.2f} s ({chars / 1e6 / elapsed:.2f} M chars/s)")
    shared_eval = pathlib.Path(args.gold).resolve().parent
    subprocess.run([sys.executable, str(shared_eval / "score.py"), args.gold, str(pred_path)], check=True)
    if args.rules or args.cues:
        rule_table(args.gold, str(pred_path), shared_eval, args.cues)
    return 0


if __name__ == "__main__":
    sys.exit(main())
