"""Scores attribution predictions against a gold JSONL (the form polnear_to_jsonl.py writes).

This is the project's own scorer, so that the accuracy figures can be reproduced from a clone
of PolNeAR alone. It follows the matching that the team's evaluation uses:

* A statement's content is the set of positions of letters and digits inside its fragments (or
  inside ``quote_start``..``quote_end`` when it has none); a ``that`` opening a fragment is left
  out, so punctuation, quotation marks and "said that" do not count.
* ``overlap(p, g) = |P & G| / |P | G|``; predictions and gold statements are paired one to one,
  greedily, best overlap first (ties: the later prediction, then the later gold statement, as
  the team's scorer breaks them, so that the two agree). A pair counts at a
  threshold T when its overlap is at least T; figures are given at 0.3 and 0.8.
* Precision: paired predictions / predictions. Recall: paired gold / gold, over all gold
  statements, per ``type``, and over the ``speech`` subset: direct and mixed statements and
  indirect ones whose cue is a verb of saying (``SAYING`` below; auxiliaries and adverbs before
  it are skipped: "has said", "later told") or a colon that introduces the words.
* Speaker accuracy, over the pairs: a gold statement with no source is right when the
  prediction has no speaker; otherwise the prediction's mention span must share a letter or
  digit with the gold source, or, with no mention span, a capitalised word of 3+ letters of its
  speaker name must occur in the gold source's text.

``python3 benchmarks/scoring.py GOLD PRED`` prints the report; ``evaluate.py`` calls it.
"""
from __future__ import annotations

import json
import re
import sys
from collections import Counter
from collections.abc import Iterable

THRESHOLDS = (0.3, 0.8)

# Verbs of saying, as cue words: each lemma with its regular forms, plus irregular ones.
_LEMMAS = """say tell add write note report announce tweet argue claim warn explain acknowledge
ask state insist suggest declare respond reply continue recall admit deny confirm agree urge
predict promise vow reveal emphasize emphasise stress concede counter maintain remark observe
point estimate allege accuse blast slam criticize criticise praise joke quip post comment caution
contend complain assert testify muse boast speak reiterate repeat indicate accord""".split()
_IRREGULAR = {"said", "told", "wrote", "written", "spoke", "spoken", "according"}
_SKIP = set("""has have had having is are was were be been being will would could can may might
shall should did does do also later then previously earlier once repeatedly again recently
publicly privately reportedly further just often first""".split())
_THAT = re.compile(r"\s*that\b", re.IGNORECASE)
_CAPITALISED = re.compile(r"\b[A-Z][\w'’-]{2,}")


def _forms(lemma: str) -> set[str]:
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    third = lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x")) else "s")
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        return {lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    return {lemma, third, stem + "ed", stem + "ing"}


SAYING = frozenset(_IRREGULAR.union(*(_forms(lemma) for lemma in _LEMMAS)))


def positions(text: str, pieces: Iterable[tuple[int, int]]) -> frozenset[int]:
    found: set[int] = set()
    for start, end in pieces:
        that = _THAT.match(text, start, end)
        if that:
            start = that.end()
        found.update(i for i in range(start, end) if text[i].isalnum())
    return frozenset(found)


def pieces_of(quote: dict) -> list[tuple[int, int]]:
    fragments = quote.get("fragments") or []
    if fragments:
        return [(int(f["start"]), int(f["end"])) for f in fragments]
    return [(int(quote["quote_start"]), int(quote["quote_end"]))]


def is_speech(quote: dict) -> bool:
    if quote.get("type") in ("direct", "mixed"):
        return True
    for word in (quote.get("cue") or "").lower().split():
        if word == ":":  # "PENCE: ...", "He said this:": a colon that introduces the words
            return True
        word = word.strip(":,;.")
        if word and word not in _SKIP:
            return word in SAYING
    return False


def speaker_right(text: str, pred: dict, gold: dict) -> bool:
    if not gold.get("speaker"):
        return not pred.get("speaker")
    source = [(f["start"], f["end"]) for f in gold.get("speaker_fragments") or []]
    if not source and gold.get("speaker_start") is not None:
        source = [(gold["speaker_start"], gold["speaker_end"])]
    start, end = pred.get("speaker_start"), pred.get("speaker_end")
    if start is not None and end is not None and source:
        return bool(positions(text, [(start, end)]) & positions(text, source))
    return any(word in gold["speaker"] for word in _CAPITALISED.findall(pred.get("speaker") or ""))


def pairs(text: str, predicted: list[dict], gold: list[dict], at: float) -> list[tuple[int, int]]:
    """One-to-one pairs (prediction index, gold index), best overlap first, overlap >= at."""
    pred_sets = [positions(text, pieces_of(q)) for q in predicted]
    gold_sets = [positions(text, pieces_of(q)) for q in gold]
    scored = []
    for i, p in enumerate(pred_sets):
        for j, g in enumerate(gold_sets):
            shared = len(p & g)
            if shared:
                overlap = shared / len(p | g)
                if overlap >= at:
                    scored.append((-overlap, -i, -j))
    scored.sort()
    used_p: set[int] = set()
    used_g: set[int] = set()
    chosen = []
    for _, i, j in scored:
        i, j = -i, -j
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            chosen.append((i, j))
    return chosen


def score(gold_docs: dict[str, dict], pred_docs: dict[str, dict]) -> dict[str, object]:
    report: dict[str, object] = {
        "documents": len(gold_docs),
        "documents_without_prediction": sum(doc_id not in pred_docs for doc_id in gold_docs)}
    for at in THRESHOLDS:
        predicted = matched = speaker_ok = 0
        gold_counts: Counter[str] = Counter()
        hits: Counter[str] = Counter()
        for doc_id, gold in gold_docs.items():
            text = gold["text"]
            pred = (pred_docs.get(doc_id) or {}).get("quotes") or []
            chosen = pairs(text, pred, gold["quotes"], at)
            paired_gold = {j for _, j in chosen}
            predicted += len(pred)
            matched += len(chosen)
            speaker_ok += sum(speaker_right(text, pred[i], gold["quotes"][j]) for i, j in chosen)
            for j, quote in enumerate(gold["quotes"]):
                groups = ["all", quote.get("type") or "unknown"] + (["speech"] if is_speech(quote)
                                                                    else [])
                for group in groups:
                    gold_counts[group] += 1
                    hits[group] += j in paired_gold
        precision = matched / predicted if predicted else 0.0
        recall = {group: hits[group] / n for group, n in sorted(gold_counts.items())}

        def f1(r: float) -> float:
            return 2 * precision * r / (precision + r) if precision + r else 0.0

        report[f"overlap>={at}"] = {
            "precision": round(precision, 4),
            "recall": {group: round(r, 4) for group, r in recall.items()},
            "f1_all": round(f1(recall.get("all", 0.0)), 4),
            "f1_speech": round(f1(recall.get("speech", 0.0)), 4),
            "speaker_accuracy": round(speaker_ok / matched, 4) if matched else 0.0,
            "counts": {"predicted": predicted, "matched": matched, "gold": dict(gold_counts)},
        }
    return report


def load(path: str) -> dict[str, dict]:
    with open(path, encoding="utf-8") as handle:
        return {doc["id"]: doc for doc in (json.loads(line) for line in handle if line.strip())}


def format_report(report: dict) -> str:
    lines = [f"documents: {report['documents']} (without prediction: "
             f"{report['documents_without_prediction']})"]
    for at in THRESHOLDS:
        r = report[f"overlap>={at}"]
        recall = " ".join(f"{group}={value:.3f}" for group, value in r["recall"].items())
        lines.append(f"overlap>={at}: P={r['precision']:.3f} F1(speech)={r['f1_speech']:.3f} "
                     f"F1(all)={r['f1_all']:.3f} speaker={r['speaker_accuracy']:.3f} | R {recall}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: python3 benchmarks/scoring.py GOLD.jsonl PRED.jsonl", file=sys.stderr)
        return 2
    print(format_report(score(load(args[0]), load(args[1]))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
