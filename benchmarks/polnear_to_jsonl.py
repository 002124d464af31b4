#!/usr/bin/env python3
"""Convert a clone of PolNeAR (github.com/networkdynamics/PolNeAR) into the gold JSONL that
``benchmarks/evaluate.py`` reads: one article a line.

    git clone https://github.com/networkdynamics/PolNeAR ../PolNeAR
    python3 benchmarks/polnear_to_jsonl.py ../PolNeAR --split dev --out out/polnear-dev.jsonl
    python3 benchmarks/evaluate.py out/polnear-dev.jsonl

PolNeAR (Newell, Margolin & Ruths, LREC 2018) keeps, for each split (``train``, ``dev``,
``test``), the article texts in ``data/<split>/text/<name>.txt`` and one annotator's attributions
per article in ``data/<split>/attributions/<name>_<annotator>.ann``, in BRAT's standoff format:

    T1<TAB>Source 89 106<TAB>The New York Post          a span: type, offsets, its text
    T3<TAB>Content 315 448;463 553<TAB>...              a span in pieces (";"-separated)
    E1<TAB>Attribution:T4 Content:T3 Cue:T2 Source:T1   one attribution and its parts

``data/metadata.tsv`` lists every article with its compartment (split), publisher, date, title
and annotators. An article that several annotators did is converted from the first one listed
(``--annotator`` picks another where they did it).

Each attribution becomes ``{"quote_start", "quote_end", "quote_text", "type", "speaker",
"speaker_start", "speaker_end", "cue", "cue_start", "cue_end", "fragments", "speaker_fragments",
"attribution_kind", "annotation_id", "type_method"}``: the content's pieces are ``fragments``,
the source's are ``speaker_fragments`` (none: ``attribution_kind`` ``no-source`` and a null
speaker). PolNeAR has no direct/indirect label, so ``type`` is derived from the content's
letters and digits that stand inside quotation marks: all of them (95% or more) ``direct``,
some ``mixed``, none ``indirect``.

PolNeAR's authors ask that the test split be looked at once, for a final figure; tune on
``train`` and ``dev``. The corpus carries no license and its articles belong to their publishers:
keep the converted files out of this repository (``out/`` is ignored by git).
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

SPLITS = ("train", "dev", "test")
TYPE_METHOD = "quotation-mark coverage of the content (benchmarks/polnear_to_jsonl.py)"

# Double quotation marks; single curly ones are read apart (see quoted_share).
_OPENERS = {"“", "„", "«"}
_CLOSERS = {"”", "»"}
_STRAIGHT = '"'
_SPAN = re.compile(r"^(?P<label>\S+) (?P<ranges>\d+ \d+(?:;\d+ \d+)*)$")


class ConversionError(Exception):
    """The clone is not laid out as PolNeAR is; the message says what is missing."""


@dataclass(frozen=True)
class Span:
    label: str
    pieces: tuple[tuple[int, int], ...]
    text: str


@dataclass(frozen=True)
class Event:
    id: str
    parts: dict[str, list[str]]  # role (Source, Cue, Content, ...) -> span ids


def parse_ann(lines: list[str]) -> tuple[dict[str, Span], list[Event]]:
    """Spans (T lines) and events (E lines) of one BRAT standoff file; other lines (notes,
    attributes, relations) are left aside."""
    spans: dict[str, Span] = {}
    events: list[Event] = []
    for number, line in enumerate(lines, start=1):
        line = line.rstrip("\r\n")
        if not line.strip():
            continue
        fields = line.split("\t")
        if line.startswith("T"):
            if len(fields) < 2 or not (match := _SPAN.match(fields[1])):
                raise ConversionError(f"line {number}: not a BRAT span: {line[:80]!r}")
            pieces = tuple(tuple(int(n) for n in r.split(" ")) for r in
                           match["ranges"].split(";"))
            spans[fields[0]] = Span(match["label"], pieces,  # type: ignore[arg-type]
                                    fields[2] if len(fields) > 2 else "")
        elif line.startswith("E"):
            parts: dict[str, list[str]] = {}
            for item in fields[1].split() if len(fields) > 1 else []:
                role, _, span_id = item.partition(":")
                parts.setdefault(role.rstrip("0123456789"), []).append(span_id)
            events.append(Event(fields[0], parts))
    return spans, events


def quoted_share(text: str, pieces: list[tuple[int, int]]) -> float:
    """Share of the content's letters and digits that stand inside quotation marks.

    The marks are read over each piece widened by one character on either side, because
    annotators leave a quote's marks inside or just outside the content. Double marks count
    wherever they are; single curly ones (‘ ’, headline style) only where they cannot be an
    apostrophe: ‘ not after a letter, ’ not before one."""
    inside_count = total = 0
    for start, end in pieces:
        lo, hi = max(0, start - 1), min(len(text), end + 1)
        double = single = False
        for i in range(lo, hi):
            char = text[i]
            before = text[i - 1] if i > 0 else " "
            after = text[i + 1] if i + 1 < len(text) else " "
            if char in _OPENERS:
                double = True
            elif char in _CLOSERS:
                double = False
            elif char == _STRAIGHT:
                double = not double
            elif char == "‘" and not before.isalnum():
                single = True
            elif char == "’" and single and not after.isalnum():
                single = False
            elif start <= i < end and char.isalnum():
                total += 1
                inside_count += double or single
    return inside_count / total if total else 0.0


def quote_type(text: str, pieces: list[tuple[int, int]]) -> str:
    share = quoted_share(text, pieces)
    return "direct" if share >= 0.95 else "mixed" if share > 0 else "indirect"


def _pieces(spans: dict[str, Span], ids: list[str]) -> list[tuple[int, int]]:
    return sorted(piece for span_id in ids if span_id in spans
                  for piece in spans[span_id].pieces)


def _fragments(text: str, pieces: list[tuple[int, int]]) -> list[dict[str, object]]:
    return [{"start": start, "end": end, "text": text[start:end]} for start, end in pieces]


def convert_article(text: str, ann_lines: list[str]) -> tuple[list[dict[str, object]], list[str]]:
    """The article's attributions, ordered by position, and warnings about ones left out."""
    spans, events = parse_ann(ann_lines)
    warnings: list[str] = []
    for span_id, span in spans.items():
        shown = " ".join(text[s:e] for s, e in span.pieces)
        if any(e > len(text) or s > e for s, e in span.pieces) or (span.text and
                                                                    shown != span.text):
            warnings.append(f"{span_id}: its text differs from the article at its offsets")
    quotes = []
    for event in events:
        content = _pieces(spans, event.parts.get("Content", []))
        if not content:
            warnings.append(f"{event.id}: no content, left out")
            continue
        if any(e > len(text) for _, e in content):
            warnings.append(f"{event.id}: content beyond the end of the text, left out")
            continue
        source = _pieces(spans, event.parts.get("Source", []))
        cue = _pieces(spans, event.parts.get("Cue", []))
        start, end = content[0][0], max(e for _, e in content)
        quotes.append({
            "quote_start": start, "quote_end": end, "quote_text": text[start:end],
            "type": quote_type(text, content),
            "speaker": " ".join(text[s:e] for s, e in source) if source else None,
            "speaker_start": source[0][0] if source else None,
            "speaker_end": max(e for _, e in source) if source else None,
            "cue": " ".join(text[s:e] for s, e in cue) if cue else None,
            "cue_start": cue[0][0] if cue else None,
            "cue_end": max(e for _, e in cue) if cue else None,
            "fragments": _fragments(text, content),
            "speaker_fragments": _fragments(text, source),
            "attribution_kind": "sourced" if source else "no-source",
            "annotation_id": event.id,
            "type_method": TYPE_METHOD,
        })
    quotes.sort(key=lambda q: (q["quote_start"], q["quote_end"], q["annotation_id"]))
    return quotes, warnings


def articles(root: Path, split: str) -> list[dict[str, str]]:
    metadata = root / "data" / "metadata.tsv"
    if not metadata.is_file():
        raise ConversionError(f"{metadata} is missing: give the folder of a clone of "
                              f"github.com/networkdynamics/PolNeAR (it holds data/metadata.tsv)")
    with metadata.open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
                if row.get("compartment") == split]
    if not rows:
        raise ConversionError(f"{metadata} lists no article of the split {split!r}")
    return rows


def convert(root: Path, split: str, annotator: str | None = None,
            log=sys.stderr) -> list[dict[str, object]]:
    documents = []
    for row in articles(root, split):
        name = row["filename"]
        annotators = [a for a in (row.get("annotators") or "").split("|") if a]
        chosen = annotator if annotator in annotators else (annotators[0] if annotators else "")
        text_path = root / "data" / split / "text" / f"{name}.txt"
        ann_path = root / "data" / split / "attributions" / f"{name}_{chosen}.ann"
        if not text_path.is_file() or not ann_path.is_file():
            raise ConversionError(f"{name}: {text_path if not text_path.is_file() else ann_path}"
                                  f" is missing")
        text = text_path.read_text(encoding="utf-8")
        quotes, warnings = convert_article(
            text, ann_path.read_text(encoding="utf-8").splitlines())
        for warning in warnings:
            print(f"{ann_path.name}: {warning}", file=log)
        documents.append({
            "id": f"polnear/{split}/{name}", "text": text, "quotes": quotes,
            "meta": {"dataset": "PolNeAR", "split": split, "filename": name,
                     "publisher": row.get("publisher"),
                     "publication_date": row.get("publication_date"),
                     "title": row.get("title"), "author": row.get("author"),
                     "n_annotators": len(annotators), "annotators_all": annotators,
                     "annotator": chosen},
        })
    return documents


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Convert a clone of PolNeAR into the gold JSONL benchmarks/evaluate.py reads.",
        epilog="example: python3 benchmarks/polnear_to_jsonl.py ../PolNeAR --split dev "
               "--out out/polnear-dev.jsonl")
    parser.add_argument("polnear", type=Path, help="folder of a clone of PolNeAR")
    parser.add_argument("--split", choices=SPLITS, default="dev", help="default: dev")
    parser.add_argument("--out", type=Path, help="JSONL to write (default: "
                                                 "out/polnear-SPLIT.jsonl)")
    parser.add_argument("--annotator", help="for articles several annotators did: whose "
                                            "annotations to take (default: the first listed)")
    args = parser.parse_args(argv)
    out = args.out or Path("out") / f"polnear-{args.split}.jsonl"
    try:
        documents = convert(args.polnear, args.split, args.annotator)
    except ConversionError as error:
        print(f"polnear_to_jsonl: {error}", file=sys.stderr)
        return 2
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as handle:
        for document in documents:
            handle.write(json.dumps(document, ensure_ascii=False) + "\n")
    count = sum(len(d["quotes"]) for d in documents)
    print(f"{out}: {len(documents)} articles, {count} attributions ({args.split})",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
