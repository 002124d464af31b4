"""Output formats on a result built by hand, so every cell is checked whatever the engine finds."""
from __future__ import annotations

import copy
import csv
import io
import json

import pytest

from service.cli.inputs import InputDocument
from service.cli.output import CSV_COLUMNS, writer
from service.client import Attribution

TEXT = ('Chinese Foreign Ministry spokesman Lin Jian spoke.\n'
        '"We firmly oppose the sanctions," he said.\n')
Q_START = TEXT.index("We firmly")
Q_TEXT = "We firmly oppose the sanctions,"
HE = TEXT.index("he said")

RESULT = {
    "id": "doc", "speakers": [],
    "meta": {"characters": len(TEXT), "elapsed_ms": 0.1, "engine": "test"},
    "quotes": [{
        "id": "q1", "type": "direct", "text": Q_TEXT,
        "span": {"start": Q_START, "end": Q_START + len(Q_TEXT)},
        "fragments": [{"text": Q_TEXT, "start": Q_START, "end": Q_START + len(Q_TEXT)}],
        "cue": {"text": "said", "lemma": "say", "start": HE + 3, "end": HE + 7},
        "speaker": {"name": "Lin Jian", "kind": "person", "entity": "s1",
                    "mention": {"text": "he", "start": HE, "end": HE + 2}, "gender": "male"},
        "affiliation": {"organization": "Chinese Foreign Ministry", "role": "spokesman",
                        "party": None},
        "stance": {"label": "oppose", "score": -0.8, "hedged": True, "evidence": []},
        "confidence": 0.9, "rule": "quote-comma-pronoun-verb"}],
}
DOC = InputDocument("doc", TEXT, "story.txt")


def _render(fmt: str, result: dict = RESULT) -> str:
    out = io.StringIO()
    w = writer(fmt, out)
    w.write(DOC, Attribution.from_dict(result))
    w.close()
    return out.getvalue()


def _with(gender: str | None, party: str | None) -> dict:
    """RESULT with another gender for the speaker and another party in the affiliation."""
    result = copy.deepcopy(RESULT)
    (quote,) = result["quotes"]
    quote["speaker"]["gender"] = gender
    quote["affiliation"]["party"] = party
    return result


def test_json_and_jsonl_are_the_result_unchanged():
    assert json.loads(_render("json")) == {"results": [RESULT]}
    assert json.loads(_render("jsonl")) == RESULT


def test_json_with_no_documents_is_an_empty_list():
    out = io.StringIO()
    writer("json", out).close()
    assert json.loads(out.getvalue()) == {"results": []}


def test_csv_cells():
    rows = list(csv.DictReader(io.StringIO(_render("csv"))))
    assert rows == [{
        "document": "story.txt", "quote": "q1", "type": "direct", "start": str(Q_START),
        "end": str(Q_START + len(Q_TEXT)), "line": "2", "column": "2", "text": Q_TEXT,
        "speaker": "Lin Jian", "speaker_kind": "person", "mention": "he",
        "organization": "Chinese Foreign Ministry", "role": "spokesman", "stance": "oppose",
        "hedged": "true", "confidence": "0.9", "rule": "quote-comma-pronoun-verb",
        "party": "", "gender": "male"}]
    assert tuple(rows[0]) == CSV_COLUMNS


@pytest.mark.parametrize("gender, party", [("female", "Independent"), (None, "Democratic"),
                                           ("male", None), (None, None)])
def test_csv_party_and_gender_come_from_the_result_and_null_is_empty(gender, party):
    (row,) = csv.DictReader(io.StringIO(_render("csv", _with(gender, party))))
    assert (row["gender"], row["party"]) == (gender or "", party or "")
    # The columns that were there before keep their places; the new ones come last.
    assert CSV_COLUMNS[-2:] == ("party", "gender")
    assert CSV_COLUMNS[:-2] == (
        "document", "quote", "type", "start", "end", "line", "column", "text", "speaker",
        "speaker_kind", "mention", "organization", "role", "stance", "hedged", "confidence",
        "rule")


@pytest.mark.parametrize("columns", [72, 80, 100, 160])
def test_table_cells_fit_the_terminal(monkeypatch, columns):
    monkeypatch.setenv("COLUMNS", str(columns))
    lines = _render("table").splitlines()
    assert lines[0] == "story.txt: 1 statement"
    assert lines[1].split() == ["STATEMENT", "TYPE", "SPEAKER", "GENDER", "AFFILIATION", "PARTY",
                                "STANCE"]
    assert all(len(line) < columns for line in lines)
    row = lines[2]
    assert row.startswith("We firmly")
    for cell in ("direct", "Lin", "male", "spokes", "oppose"):
        assert cell in row
    if columns >= 160:
        assert "Lin Jian" in row and "spokesman, Chinese Foreign Ministry" in row
        assert "oppose, hedged" in row and Q_TEXT in row


def _table_cells(result: dict) -> dict[str, str]:
    """The one statement row of the table, cut into cells at the header's column starts."""
    lines = _render("table", result).splitlines()
    head, row = lines[1], lines[2]
    names = head.split()
    starts = [head.index(name) for name in names]
    ends = starts[1:] + [None]
    return {name: row[a:b].strip() for name, a, b in zip(names, starts, ends)}


@pytest.mark.parametrize("gender, party", [("female", "Republican"), (None, "Democratic"),
                                           ("male", None), (None, None)])
def test_table_gender_and_party_cells_and_a_dash_for_null(monkeypatch, gender, party):
    monkeypatch.setenv("COLUMNS", "160")
    cells = _table_cells(_with(gender, party))
    assert cells["GENDER"] == (gender or "—")
    assert cells["PARTY"] == (party or "—")
    assert cells["SPEAKER"] == "Lin Jian"
