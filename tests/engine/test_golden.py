"""Golden tables: one behaviour of the engine a row, one table per rule family (pySBD style).

The tables live in ``golden/*.tsv``; every input in them was written for this project (invented
news sentences). Columns, TAB-separated, in this order:

    case          short name of the behaviour (the test id is ``<table>:<case>``)
    input         the article text; ``\\n`` stands for a line break, ``\\\\`` for a backslash
    content       the expected statement content, a substring of the input; an interrupted
                  statement lists its pieces in order separated by `` | ``
    type          direct | indirect | mixed | partial, or ``none``: no statement may match the
                  content (with content ``*``: the text must give no statement at all)
    speaker       speaker.name            (``null``: the statement has no speaker)
    mention       speaker.mention.text
    kind          speaker.kind
    organization  affiliation.organization (``null``: no organization)
    role          affiliation.role         (``null``: no role)
    stance        stance.label
    hedged        stance.hedged (true | false)
    evidence      stance.evidence texts in text order, comma-separated (``-``: no evidence)
    rule          the rule that must have fired
    xfail         empty, or the precise reason the current engine fails this row

An empty cell is not checked. A statement matches a row when its content letters (letters and
digits inside its fragments, a leading "that" dropped, as ``../shared/eval/score.py`` counts them)
overlap the expected content's letters with intersection-over-union >= 0.8; the best-overlapping
statement is the one whose fields are checked, each exactly. Rows the engine fails today stay in
the table with their reason in ``xfail``; the pass rate is printed at the end of the run.
"""
from __future__ import annotations

import pathlib
from dataclasses import dataclass

import pytest

from service.attribution import LANGUAGES, attribute
from service.attribution.packs import REGISTRIES
from service.attribution.rules import RULES

GOLDEN = pathlib.Path(__file__).parent / "golden"
COLUMNS = ("case", "input", "content", "type", "speaker", "mention", "kind", "organization",
           "role", "stance", "hedged", "evidence", "rule", "xfail")
TYPES = frozenset({"direct", "indirect", "mixed", "partial", "none"})
MATCH = 0.8           # IoU of content letters for a statement to be the row's statement
ABSENT = 0.5          # for type none: no statement may overlap the content this much
QUOTE_MARKS = frozenset("\"'\u201c\u201d\u201e\u00ab\u00bb\u2039\u203a\u2018\u2019`")


@dataclass(frozen=True)
class Row:
    table: str
    line: int
    cells: dict[str, str]
    language: str = "en"

    def __getitem__(self, key: str) -> str:
        return self.cells[key]

    @property
    def id(self) -> str:
        prefix = "" if self.language == "en" else f"{self.language}/"
        return f"{prefix}{self.table}:{self.cells['case']}"


def unescape(cell: str) -> str:
    out = []
    i = 0
    while i < len(cell):
        if cell[i] == "\\" and i + 1 < len(cell) and cell[i + 1] in "n\\":
            out.append("\n" if cell[i + 1] == "n" else "\\")
            i += 2
        else:
            out.append(cell[i])
            i += 1
    return "".join(out)


def rules_of(language: str):
    """The rule names of a language's registry (English's, or a pack language's)."""
    return RULES if language == "en" else REGISTRIES[language].by_name


def tables() -> list[tuple[str, pathlib.Path]]:
    """English tables in golden/, each other language's in golden/<code>/."""
    found = [("en", path) for path in sorted(GOLDEN.glob("*.tsv"))]
    for directory in sorted(p for p in GOLDEN.iterdir() if p.is_dir()):
        assert directory.name in LANGUAGES, f"golden/{directory.name}/: no such language in the engine"
        found += [(directory.name, path) for path in sorted(directory.glob("*.tsv"))]
    return found


def load_rows() -> list[Row]:
    rows = []
    for language, path in tables():
        lines = path.read_text(encoding="utf-8").splitlines()
        header = tuple(lines[0].split("\t"))
        assert header == COLUMNS, f"{path.name}: header must be {COLUMNS}, is {header}"
        for number, line in enumerate(lines[1:], 2):
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            assert len(parts) == len(COLUMNS), f"{path.name}:{number}: {len(parts)} cells, not {len(COLUMNS)}"
            cells = dict(zip(COLUMNS, (p.strip() for p in parts)))
            cells["input"] = unescape(parts[1])       # inputs keep their spaces exactly
            rows.append(Row(path.stem, number, cells, language))
    return rows


ROWS = load_rows()


def _letters(text: str, start: int, end: int) -> set[int]:
    return {i for i in range(start, end) if text[i].isalnum()}


# the word that brings in reported speech, left out of a statement's letters as score.py does with
# "that" (the tables write content without it)
COMPLEMENTIZERS = {"en": "that", "de": "dass", "ru": "что"}


def _drop_leading_that(text: str, start: int, end: int, language: str = "en") -> int:
    i = start
    while i < end and not text[i].isalnum():
        i += 1
    word = COMPLEMENTIZERS.get(language, "that")
    if text[i:i + len(word)].lower() == word and (i + len(word) >= end or not text[i + len(word)].isalnum()):
        return i + len(word)
    return start


def statement_letters(text: str, quote, language: str = "en") -> set[int]:
    out: set[int] = set()
    for k, frag in enumerate(quote.fragments):
        start = _drop_leading_that(text, frag.start, frag.end, language) if k == 0 else frag.start
        out |= _letters(text, start, frag.end)
    return out


def expected_pieces(row: Row) -> list[tuple[int, int]]:
    text = row["input"]
    pieces = []
    at = 0
    for piece in row["content"].split(" | "):
        start = text.find(piece, at)
        assert start >= 0, f"{row.id}: content piece {piece!r} is not in the input (after offset {at})"
        pieces.append((start, start + len(piece)))
        at = start + len(piece)
    return pieces


def iou(a: set[int], b: set[int]) -> float:
    return len(a & b) / len(a | b) if a | b else 0.0


def describe(text: str, quote) -> str:
    sp = quote.speaker
    aff = quote.affiliation
    return (f"{quote.id} {quote.type} rule={quote.rule} fragments={[f.text for f in quote.fragments]} "
            f"speaker={sp.name if sp else None!r} mention={sp.mention.text if sp and sp.mention else None!r} "
            f"kind={sp.kind if sp else None} org={aff.organization if aff else None!r} "
            f"role={aff.role if aff else None!r} stance={quote.stance.label} hedged={quote.stance.hedged} "
            f"evidence={[e.text for e in quote.stance.evidence]}")


def actual_fields(quote) -> dict[str, str]:
    sp = quote.speaker
    aff = quote.affiliation

    def show(value) -> str:
        return "null" if value is None else str(value)

    return {
        "type": quote.type,
        "speaker": show(sp.name if sp else None),
        "mention": show(sp.mention.text if sp and sp.mention else None),
        "kind": show(sp.kind if sp else None),
        "organization": show(aff.organization if aff else None),
        "role": show(aff.role if aff else None),
        "stance": quote.stance.label,
        "hedged": "true" if quote.stance.hedged else "false",
        "evidence": ", ".join(e.text for e in quote.stance.evidence) or "-",
        "rule": quote.rule,
    }


def _params() -> list:
    params = []
    for row in ROWS:
        marks = [pytest.mark.xfail(reason=row["xfail"], strict=False)] if row["xfail"] else []
        params.append(pytest.param(row, id=row.id, marks=marks))
    return params


def test_tables_are_well_formed():
    """Every table has rows, unique case names, known types, and content that is in its input."""
    assert ROWS, "no golden rows found"
    seen: set[str] = set()
    for row in ROWS:
        assert row.id not in seen, f"duplicate case {row.id}"
        seen.add(row.id)
        assert row["type"] in TYPES | {""}, f"{row.id}: unknown type {row['type']!r}"
        assert row["input"], f"{row.id}: empty input"
        if row["type"] != "none":
            assert row["rule"], f"{row.id}: a statement row names its rule"
            assert row["rule"] in rules_of(row.language), f"{row.id}: {row['rule']!r} is not a rule of the engine"
            expected_pieces(row)
        if row["hedged"]:
            assert row["hedged"] in ("true", "false"), f"{row.id}: hedged is true or false"


def test_every_rule_has_a_golden_row():
    """Each rule of the engine's registry is specified by at least one statement row that names
    it in its rule column (a row the engine fails today, marked xfail, still specifies it)."""
    named = {row["rule"] for row in ROWS if row["type"] != "none"}
    missing = [name for language in LANGUAGES for name in rules_of(language) if name not in named]
    assert not missing, f"rules with no golden row naming them in the rule column: {missing}"


@pytest.mark.parametrize("row", _params())
def test_golden(row: Row) -> None:
    text = row["input"]
    result = attribute(text, language=row.language)
    listing = "\n".join("    " + describe(text, q) for q in result.quotes) or "    (no statements)"
    if row["type"] == "none":
        if row["content"] == "*":
            assert not result.quotes, f"{row.id}: expected no statement, got\n{listing}"
            return
        expected = set().union(*(_letters(text, a, b) for a, b in expected_pieces(row)))
        for quote in result.quotes:
            overlap = iou(expected, statement_letters(text, quote, row.language))
            assert overlap < ABSENT, (f"{row.id}: {row['content']!r} must not be a statement; "
                                      f"{quote.id} overlaps it {overlap:.2f}\n{listing}")
        return
    pieces = expected_pieces(row)
    expected = set().union(*(_letters(text, a, b) for a, b in pieces))
    scored = sorted(((iou(expected, statement_letters(text, q, row.language)), q) for q in result.quotes),
                    key=lambda pair: -pair[0])
    best = scored[0] if scored else (0.0, None)
    assert best[1] is not None and best[0] >= MATCH, (
        f"{row.id}: no statement matches {row['content']!r} (best overlap {best[0]:.2f})\n{listing}")
    quote = best[1]
    problems = []
    got = actual_fields(quote)
    for column in ("type", "speaker", "mention", "kind", "organization", "role", "stance", "hedged",
                   "evidence", "rule"):
        want = row[column]
        if want and got[column] != want:
            problems.append(f"{column}: expected {want!r}, got {got[column]!r}")
    if len(pieces) > 1:
        # one statement in pieces: the words between the pieces (the attribution) are not content
        gaps = set().union(*(_letters(text, pieces[k][1], pieces[k + 1][0]) for k in range(len(pieces) - 1)))
        inside = gaps & statement_letters(text, quote, row.language)
        if inside:
            problems.append(f"the attribution between the pieces is inside the statement: "
                            f"{''.join(text[i] for i in sorted(inside))!r}")
    if row["type"] == "direct":
        # span and fragments cover the content without its enclosing quotation marks
        for frag in quote.fragments:
            if frag.text[:1] in QUOTE_MARKS or frag.text.rstrip(".,!?")[-1:] in QUOTE_MARKS:
                problems.append(f"fragment {frag.text!r} keeps a quotation mark")
    assert not problems, f"{row.id}:\n  " + "\n  ".join(problems) + f"\n  statement: {describe(text, quote)}\n{listing}"
