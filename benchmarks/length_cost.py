#!/usr/bin/env python3
"""CPU time of the engine on one text of growing length: how much more a long document costs.

    python3 benchmarks/length_cost.py                    # 4,000 to 500,000 characters

The text is the generated corpus (benchmarks/corpus.py) joined and cut to each length, so every
length is news prose of the same kind. Each length runs --repeat times; the lowest CPU time is
printed (the least disturbed by anything else on the machine), with the time per 1,000
characters, which stays flat when the cost is linear in the length.
"""
from __future__ import annotations

import argparse
import pathlib
import sys
import time

if not __package__:  # run as a file: import from the repository root (benchmarks/__init__.py)
    sys.path[0] = str(pathlib.Path(__file__).resolve().parents[1])

from benchmarks.corpus import articles  # noqa: E402
from service.attribution import attribute  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lengths", default="4000,20000,50000,100000,250000,500000")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    text = "\n\n".join(d["text"] for d in articles(300))
    attribute(text[:2000])
    print(f"{'characters':>11}{'statements':>12}{'CPU s':>10}{'ms per 1,000 chars':>20}")
    for length in map(int, args.lengths.split(",")):
        piece = text[:length]
        best, found = float("inf"), 0
        for _ in range(args.repeat):
            started = time.process_time()
            found = len(attribute(piece).quotes)
            best = min(best, time.process_time() - started)
        print(f"{length:>11,}{found:>12}{best:>10.3f}{best * 1e6 / length:>20.2f}")


if __name__ == "__main__":
    main()
