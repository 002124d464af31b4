"""Output formats of ``attribution extract``: json, jsonl, csv and a terminal table.

``json`` is the batch endpoint's answer, ``{"results": [<one v1 result per document>]}``, and
``jsonl`` is one v1 result per line: the same objects whether the engine ran in-process or behind
``--url``. ``csv`` and ``table`` have one row per statement; ``csv`` keeps its older columns in
their places and adds ``party`` and ``gender`` at the end, so that scripts reading columns by
position go on working.
"""
from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Callable
from typing import Protocol, TextIO

from ..client import Attribution, Quote
from .inputs import InputDocument

FORMATS = ("json", "jsonl", "csv", "table")

CSV_COLUMNS = ("document", "quote", "type", "start", "end", "line", "column", "text", "speaker",
               "speaker_kind", "mention", "organization", "role", "stance", "hedged",
               "confidence", "rule", "party", "gender")


class Writer(Protocol):
    def write(self, doc: InputDocument, result: Attribution) -> None: ...

    def close(self) -> None: ...


def writer(fmt: str, out: TextIO) -> Writer:
    writers: dict[str, Callable[[TextIO], Writer]] = {
        "json": JsonWriter, "jsonl": JsonlWriter, "csv": CsvWriter, "table": TableWriter}
    return writers[fmt](out)


def _dumps(result: Attribution) -> str:
    return json.dumps(result.raw, ensure_ascii=False)


class JsonWriter:
    """Streams ``{"results": [...]}`` one result a line, so long archives need little memory."""

    def __init__(self, out: TextIO) -> None:
        self.out, self.count = out, 0

    def write(self, doc: InputDocument, result: Attribution) -> None:
        self.out.write(('{"results": [\n' if self.count == 0 else ",\n") + _dumps(result))
        self.count += 1

    def close(self) -> None:
        self.out.write('{"results": []}\n' if self.count == 0 else "\n]}\n")


class JsonlWriter:
    def __init__(self, out: TextIO) -> None:
        self.out = out

    def write(self, doc: InputDocument, result: Attribution) -> None:
        self.out.write(_dumps(result) + "\n")

    def close(self) -> None:
        pass


class CsvWriter:
    """One row per statement; ``line``/``column`` (1-based) locate ``start`` in the document."""

    def __init__(self, out: TextIO) -> None:
        self.rows = csv.writer(out, lineterminator="\n")
        self.rows.writerow(CSV_COLUMNS)

    def write(self, doc: InputDocument, result: Attribution) -> None:
        for quote in result.quotes:
            line, column = _position(doc.text, quote.span.start)
            speaker = quote.speaker
            aff = quote.affiliation
            self.rows.writerow([
                doc.location, quote.id, quote.type, quote.span.start, quote.span.end, line,
                column, quote.text, speaker.name if speaker else "",
                speaker.kind if speaker else "",
                speaker.mention.text if speaker and speaker.mention else "",
                (aff.organization or "") if aff else "", (aff.role or "") if aff else "",
                quote.stance.label if quote.stance else "",
                str(quote.stance.hedged).lower() if quote.stance else "",
                quote.confidence, quote.rule or "",
                (aff.party or "") if aff else "", (speaker.gender or "") if speaker else ""])

    def close(self) -> None:
        pass


class TableWriter:
    """Statement, type, speaker, gender, affiliation, party, stance: sized to the terminal, one
    block a file."""

    HEAD = ("STATEMENT", "TYPE", "SPEAKER", "GENDER", "AFFILIATION", "PARTY", "STANCE")

    def __init__(self, out: TextIO) -> None:
        self.out = out
        width = max(72, shutil.get_terminal_size((120, 24)).columns)
        # A spare column, six gaps, TYPE and GENDER ("indirect", "female"). Every other column
        # starts as wide as its heading (STATEMENT a few words, STANCE "oppose, hedged"); what
        # the terminal has beyond that goes to them in shares, the rest to the statement. On a
        # terminal too narrow even for that, STANCE gives up what is missing, down to its label.
        free = width - 1 - 2 * 6 - 8 - 6
        extra = free - (12 + len("SPEAKER") + len("AFFILIATION") + len("PARTY") + 14)
        speaker = min(30, len("SPEAKER") + max(0, extra) * 20 // 100)
        affiliation = min(40, len("AFFILIATION") + max(0, extra) * 30 // 100)
        party = min(11, len("PARTY") + max(0, extra) * 8 // 100)  # "Independent"
        stance = max(len("support, "), 14 + min(0, extra))
        self.widths = [free - speaker - affiliation - party - stance, 8, speaker, 6,
                       affiliation, party, stance]
        self.first = True

    def write(self, doc: InputDocument, result: Attribution) -> None:
        count = len(result.quotes)
        noun = "statement" if count == 1 else "statements"
        self.out.write(("" if self.first else "\n") + f"{doc.location}: {count} {noun}\n")
        self.first = False
        if count:
            self._row(self.HEAD)
            for quote in result.quotes:
                self._row(_cells(quote))

    def _row(self, cells: tuple[str, ...]) -> None:
        self.out.write("  ".join(_fit(c, w) for c, w in zip(cells, self.widths)).rstrip() + "\n")

    def close(self) -> None:
        pass


def _cells(quote: Quote) -> tuple[str, ...]:
    speaker = quote.speaker
    if speaker is None:
        who = "—"
    else:
        who = speaker.name or (speaker.mention.text if speaker.mention else "") or "?"
        if speaker.kind == "anonymous":
            who += " (anonymous)"
    aff = quote.affiliation
    where = ", ".join(x for x in ((aff.role, aff.organization) if aff else ()) if x) or "—"
    stance = quote.stance.label + (", hedged" if quote.stance.hedged else "") \
        if quote.stance else "—"
    gender = (speaker.gender if speaker else None) or "—"
    party = (aff.party if aff else None) or "—"
    return (" ".join(quote.text.split()), quote.type, who, gender, where, party, stance)


def _fit(text: str, width: int) -> str:
    return text.ljust(width) if len(text) <= width else text[:width - 1] + "…"


def _position(text: str, offset: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1
