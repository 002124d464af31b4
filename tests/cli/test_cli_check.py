"""``attribution check``: each finding kind, the line format, --fail-on and exit codes."""
from __future__ import annotations

import json
import re

import pytest

from service.cli.check import DEFAULT_FAIL_ON, KINDS, findings, unbalanced_quotes
from service.cli.inputs import InputDocument
from service.client import Attribution

LINE = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<col>\d+): (?P<kind>[a-z-]+): (?P<msg>.+)$")


def finding_lines(out: str) -> list[re.Match]:
    """The finding lines of the text format; each document's sources block (its heading
    ``FILE: N sources`` and the lines indented under it) is left out."""
    found = []
    for line in out.splitlines():
        if line.startswith("  ") or re.search(r": \d+ sources?$", line):
            continue
        match = LINE.match(line)
        assert match, f"neither a finding nor a sources line: {line!r}"
        found.append(match)
    return found

BALANCED = 'The council met.\n"We are done," the mayor said.\n'
# The opening mark on line 3 is never closed: line 3, column 4.
UNBALANCED = 'The council met.\n\nIt "was late, the mayor said.\n'


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


# ---- unbalanced quotation marks, read from the text (golden table)

@pytest.mark.parametrize("text, expected", [
    ('"Yes," he said.', []),
    ("“Yes,” he said.", []),
    ("„Ja“, sagte er.", []),
    ("« Il a dit “non” », dit-elle.", []),
    ("``Yes,'' he said.", []),
    ("It's the mayor's plan, isn't it?", []),
    ("“First paragraph of a long quote.\n\n“Second paragraph,” she said.", []),
    ('"First.\n"Second.\n"Third," she said.', []),
    ("“Yes, he said.", [(0, "“")]),
    ('He said "yes.', [(8, '"')]),
    ("He said yes.”", [(12, "”")]),
    ("“Open paragraph.\nNo quote continues here.", [(0, "“")]),
    ("“One” and “two.\n\nNext paragraph.", [(10, "“")]),
    ("» Backwards", [(0, "»")]),
])
def test_unbalanced_quotes(text, expected):
    assert [(offset, mark) for offset, mark, _ in unbalanced_quotes(text)] == expected


def test_unbalanced_quotes_is_fast_on_hostile_input():
    # Correctness on 200,000 marks (no timing assertion: it must simply finish and be right).
    text = "“" * 100_000 + "\nx" + '"' * 100_001
    problems = unbalanced_quotes(text)
    assert len(problems) == 100_001
    assert problems[-1][0] == len(text) - 1


# ---- findings from the engine's result (synthetic results, independent of today's engine)

def _result(*quotes):
    return Attribution.from_dict({"id": "d", "quotes": list(quotes), "speakers": [],
                                  "meta": {"characters": 0, "elapsed_ms": 0.0, "engine": "t"}})


def _quote(text, start, speaker):
    return {"id": "q1", "type": "direct", "text": text, "span": {"start": start,
                                                                   "end": start + len(text)},
            "fragments": [{"text": text, "start": start, "end": start + len(text)}],
            "cue": None, "speaker": speaker, "affiliation": None,
            "stance": {"label": "neutral", "score": 0.0, "hedged": False, "evidence": []},
            "confidence": 0.5, "rule": "test"}


def _speaker(name, kind, mention, start):
    return {"name": name, "kind": kind, "entity": None,
            "mention": {"text": mention, "start": start, "end": start + len(mention)}}


TEXT = 'Intro line.\n"We will win," he said.\n'
QUOTE_AT = TEXT.index("We will")
HE_AT = TEXT.index("he said")


@pytest.mark.parametrize("speaker, kinds", [
    (None, ["no-speaker"]),
    (_speaker("Lin Jian", "person", "he", HE_AT), []),
    (_speaker(None, "unknown", "he", HE_AT), ["unresolved-pronoun"]),
    (_speaker("he", "person", "he", HE_AT), ["unresolved-pronoun"]),
    (_speaker(None, "unknown", "er", HE_AT), ["unresolved-pronoun"]),        # a German pronoun, unresolved
    (_speaker(None, "unknown", "sources close", HE_AT), []),
    (_speaker("a source", "anonymous", "a source", HE_AT), ["anonymous-source"]),
    (_speaker("The Pentagon", "organization", "The Pentagon", HE_AT), []),
])
def test_finding_kinds_from_the_result(speaker, kinds):
    doc = InputDocument("d", TEXT, "story.txt")
    found = findings(doc, _result(_quote("We will win,", QUOTE_AT, speaker)))
    assert [f.kind for f in found] == kinds
    for finding in found:
        assert finding.quote == "q1"
        expected_at = HE_AT if finding.kind == "unresolved-pronoun" else QUOTE_AT
        assert finding.start == expected_at
        assert (finding.line, finding.column) == (2, expected_at - TEXT.index("\n"))
        assert LINE.match(finding.as_line()).group("kind") == finding.kind


def test_findings_are_ordered_by_position():
    text = '"One," he said.\n"Two," a source said. "Three.\n'
    doc = InputDocument("d", text, "s.txt")
    quotes = [_quote("One,", 1, None),
              _quote("Two,", 17, _speaker("a source", "anonymous", "a source", 23))]
    found = findings(doc, _result(*quotes))
    assert [f.kind for f in found] == ["no-speaker", "anonymous-source", "unbalanced-quote"]
    assert [f.start for f in found] == sorted(f.start for f in found)


# ---- the command

def test_clean_text_exits_0_and_prints_nothing(cli, tmp_path):
    path = _write(tmp_path, "ok.txt", BALANCED)
    ran = cli("check", "--fail-on", "unbalanced-quote", path)
    assert ran.code == 0, ran.err
    assert not [line for line in ran.out.splitlines() if ": unbalanced-quote: " in line]


def test_text_without_statements_is_clean_at_every_level(cli, tmp_path):
    path = _write(tmp_path, "plain.txt", "The council met on Monday and adjourned at noon.\n")
    ran = cli("check", "--fail-on", "anonymous-source", path)
    assert (ran.code, ran.out) == (0, f"{path}: 0 sources\n")  # no finding, no source


def test_unbalanced_quote_exits_1_with_file_line_col(cli, tmp_path):
    path = _write(tmp_path, "draft.txt", UNBALANCED)
    ran = cli("check", "--fail-on", "unbalanced-quote", path)
    assert ran.code == 1
    lines = finding_lines(ran.out)
    unbalanced = [m for m in lines if m["kind"] == "unbalanced-quote"]
    assert [(m["file"], m["line"], m["col"]) for m in unbalanced] == [(path, "3", "4")]


def test_fail_on_never_reports_without_failing(cli, tmp_path):
    path = _write(tmp_path, "draft.txt", UNBALANCED)
    ran = cli("check", "--fail-on", "never", path)
    assert ran.code == 0
    assert ": unbalanced-quote: " in ran.out


def test_default_fail_on_is_documented_and_fails_on_unbalanced_quotes(cli, tmp_path):
    assert DEFAULT_FAIL_ON == "no-speaker"
    ran = cli("check", _write(tmp_path, "draft.txt", UNBALANCED))
    assert ran.code == 1


def test_fail_on_threshold_counts_kinds_at_or_above(cli, tmp_path):
    """Whatever the engine finds, exit 1 iff a finding at or above the threshold was printed."""
    text = ('"We will leave," an official who spoke on condition of anonymity said.\n'
            '"We are ready," he said.\nIt was reported that "nothing" had changed.\n')
    path = _write(tmp_path, "draft.txt", text)
    reported = {m["kind"] for m in finding_lines(cli("check", "--fail-on", "never", path).out)}
    assert reported, "three quotations without a named speaker give findings"
    for rank, kind in enumerate(KINDS):
        ran = cli("check", "--fail-on", kind, path)
        assert ran.code == (1 if reported & set(KINDS[:rank + 1]) else 0), kind


def test_findings_agree_with_extract_output(cli, tmp_path):
    """check's engine-based findings are exactly what the extract JSON implies."""
    text = ('"We will leave," an official who spoke on condition of anonymity said.\n'
            '"We are ready," he said.\n'
            'Mayor Ann Lee spoke on Monday. "It is over," she said.\n'
            'It was reported that "nothing" had changed.\n')
    path = _write(tmp_path, "draft.txt", text)
    (result,) = json.loads(cli("extract", path).out)["results"]
    expected = set()
    for quote in result["quotes"]:
        speaker = quote["speaker"]
        if speaker is None:
            expected.add(("no-speaker", quote["span"]["start"]))
            continue
        if speaker["kind"] == "anonymous":
            expected.add(("anonymous-source", quote["span"]["start"]))
        mention = speaker["mention"]
        pronouns = {"he", "she", "they", "it", "we", "i", "you"}
        if mention and mention["text"].lower() in pronouns and (
                speaker["name"] is None or speaker["name"].lower() in pronouns):
            expected.add(("unresolved-pronoun", mention["start"]))
    ran = cli("check", "--format", "json", "--fail-on", "never", path)
    got = {(f["kind"], f["start"]) for f in json.loads(ran.out)["findings"]
           if f["kind"] != "unbalanced-quote"}
    assert got == expected
    assert len(result["quotes"]) >= 3


def test_json_format(cli, tmp_path):
    path = _write(tmp_path, "draft.txt", UNBALANCED)
    ran = cli("check", "--format", "json", "--fail-on", "unbalanced-quote", path)
    assert ran.code == 1
    body = json.loads(ran.out)
    assert set(body) == {"findings", "counts", "fail_on", "failed", "files"}
    assert [(f["file"], f["document"]) for f in body["files"]] == [(path, path)]
    assert body["fail_on"] == "unbalanced-quote" and body["failed"] is True
    assert list(body["counts"]) == list(KINDS)
    assert body["counts"]["unbalanced-quote"] == 1
    assert sum(body["counts"].values()) == len(body["findings"])
    (finding,) = [f for f in body["findings"] if f["kind"] == "unbalanced-quote"]
    assert finding == {"file": path, "line": 3, "column": 4, "start": UNBALANCED.index('"'),
                       "end": UNBALANCED.index('"') + 1, "kind": "unbalanced-quote",
                       "message": finding["message"], "document": path, "quote": None}
    assert finding["message"]


def test_json_format_clean(cli, tmp_path):
    ran = cli("check", "--format", "json", "--fail-on", "unbalanced-quote",
              _write(tmp_path, "ok.txt", BALANCED))
    body = json.loads(ran.out)
    assert ran.code == 0 and body["failed"] is False
    assert body["counts"]["unbalanced-quote"] == 0


def test_jsonl_documents_are_located_as_file_hash_id(cli, tmp_path):
    archive = _write(tmp_path, "drafts.jsonl", json.dumps({"id": "story-9", "text": UNBALANCED}))
    ran = cli("check", "--fail-on", "unbalanced-quote", archive)
    assert ran.code == 1
    assert f"{archive}#story-9:3:4: unbalanced-quote: " in ran.out


def test_stdin_is_named(cli):
    ran = cli("check", "--fail-on", "unbalanced-quote", "--stdin-name", "draft.md", "-",
              stdin=UNBALANCED)
    assert ran.code == 1
    assert "draft.md:3:4: unbalanced-quote: " in ran.out


@pytest.mark.parametrize("args", [["check"], ["check", "--fail-on", "everything", "x.txt"],
                                  ["check", "--format", "xml", "x.txt"]])
def test_usage_errors_exit_2(cli, args):
    assert cli(*args).code == 2


def test_input_error_wins_over_findings(cli, tmp_path):
    path = _write(tmp_path, "draft.txt", UNBALANCED)
    ran = cli("check", path, str(tmp_path / "missing.txt"))
    assert ran.code == 2
    assert ": unbalanced-quote: " in ran.out  # the readable file was still checked


def test_check_with_url_matches_in_process(cli, tmp_path, service_url):
    path = _write(tmp_path, "draft.txt", UNBALANCED + BALANCED)
    local = cli("check", "--fail-on", "never", path)
    remote = cli("check", "--fail-on", "never", "--url", service_url, path)
    assert (remote.code, remote.out) == (local.code, local.out)
    assert local.out
