"""``attribution check``: the sources summary of each document (distinct sources, by kind, by
gender, the share of anonymous sources) in every output format."""
from __future__ import annotations

import json
import re

import pytest

from service.cli.check import sources
from service.client import Attribution

FINDING = re.compile(r"^.+:\d+:\d+: [a-z-]+: .+$")
HEADING = re.compile(r"^(?P<file>.+): (?P<total>\d+) sources?$")
BY_KIND = re.compile(r"^  by kind: (?P<counts>.+)$")
BY_GENDER = re.compile(r"^  by gender: (?P<counts>.+)$")
ANONYMOUS = re.compile(r"^  anonymous: (?P<n>\d+) of (?P<total>\d+) sources? \((?P<pct>\d+)%\)$")


# ---- counting, on results built by hand (whatever today's engine finds)

def _span(text, start):
    return {"text": text, "start": start, "end": start + len(text)}


def _ref(name, kind, entity, mention, gender=None):
    return {"name": name, "kind": kind, "entity": entity, "mention": _span(mention, 0),
            "gender": gender}


def _quote(qid, speaker):
    return {"id": qid, "type": "direct", "text": "x", "span": {"start": 0, "end": 1},
            "fragments": [_span("x", 0)], "cue": None, "speaker": speaker, "affiliation": None,
            "stance": {"label": "neutral", "score": 0.0, "hedged": False, "evidence": []},
            "confidence": 0.5, "rule": "test"}


def _entry(sid, name, kind, gender, quotes):
    return {"id": sid, "name": name, "kind": kind, "affiliation": None, "mentions": [],
            "quotes": quotes, "gender": gender,
            "gender_evidence": [_span("she" if gender == "female" else "he", 0)] if gender else []}


def _result(quotes, speakers):
    return Attribution.from_dict({"id": "d", "quotes": quotes, "speakers": speakers,
                                  "meta": {"characters": 1, "elapsed_ms": 0.0, "engine": "t"}})


# Two women, a man, a ministry, an anonymous official; a "he" the engine tied to no entity,
# speaking twice; a statement with no speaker (not a source).
SPEAKERS = [_entry("s1", "Ann Li", "person", "female", ["q1", "q2"]),
            _entry("s2", "Joan Park", "person", "female", ["q3"]),
            _entry("s3", "Tom Hale", "person", "male", ["q4"]),
            _entry("s4", "Foreign Ministry", "organization", None, ["q5"]),
            _entry("s5", "an official", "anonymous", None, ["q6"])]
QUOTES = [_quote("q1", _ref("Ann Li", "person", "s1", "Ann Li", "female")),
          _quote("q2", _ref("Ann Li", "person", "s1", "she", "female")),
          _quote("q3", _ref("Joan Park", "person", "s2", "Joan Park", "female")),
          _quote("q4", _ref("Tom Hale", "person", "s3", "Mr. Hale", "male")),
          _quote("q5", _ref("Foreign Ministry", "organization", "s4", "the ministry")),
          _quote("q6", _ref("an official", "anonymous", "s5", "an official")),
          _quote("q7", _ref(None, "person", None, "he")),
          _quote("q8", _ref(None, "person", None, "He")),
          _quote("q9", None)]


def test_each_speaker_is_one_source_counted_by_kind_and_gender():
    counted = sources(_result(QUOTES, SPEAKERS))
    assert counted.total == 6
    assert counted.by_kind == {"person": 4, "organization": 1, "anonymous": 1, "unknown": 0}
    assert counted.by_gender == {"female": 2, "male": 1, "not_stated": 3}
    assert counted.anonymous_share == pytest.approx(1 / 6)
    assert counted.as_dict() == {
        "total": 6, "by_kind": {"person": 4, "organization": 1, "anonymous": 1, "unknown": 0},
        "by_gender": {"female": 2, "male": 1, "not_stated": 3}, "anonymous_share": 0.1667}


def test_speakers_without_an_entity_count_once_per_name():
    quotes = [_quote("q1", _ref("Sam Roe", "person", None, "Sam Roe", "male")),
              _quote("q2", _ref("Sam  roe", "person", None, "Roe", "male")),
              _quote("q3", _ref("a source", "anonymous", None, "a source")),
              _quote("q4", _ref("Ann Li", "person", "s1", "Ann Li", "female"))]
    counted = sources(_result(quotes, [_entry("s1", "Ann Li", "person", "female", ["q4"])]))
    assert counted.by_kind == {"person": 2, "organization": 0, "anonymous": 1, "unknown": 0}
    assert counted.by_gender == {"female": 1, "male": 1, "not_stated": 1}
    assert counted.anonymous_share == pytest.approx(1 / 3)


def test_no_source_has_no_share():
    counted = sources(_result([_quote("q1", None)], []))
    assert (counted.total, counted.anonymous_share) == (0, None)
    assert counted.as_dict()["anonymous_share"] is None
    assert counted.as_lines("a.txt") == ["a.txt: 0 sources"]


def test_the_text_block():
    counted = sources(_result(QUOTES, SPEAKERS))
    assert counted.as_lines("drafts/a.txt") == [
        "drafts/a.txt: 6 sources",
        "  by kind: 4 person, 1 organization, 1 anonymous, 0 unknown",
        "  by gender: 2 female, 1 male, 3 not stated",
        "  anonymous: 1 of 6 sources (17%)"]
    one = sources(_result([QUOTES[5]], [SPEAKERS[4]]))
    assert one.as_lines("b.txt")[0] == "b.txt: 1 source"
    assert one.as_lines("b.txt")[-1] == "  anonymous: 1 of 1 source (100%)"


# ---- the command, on the engine's results

DRAFT = ("Republican Sen. Mark Ellis said he would vote against the bill on Thursday. "
         '"It costs too much," Ellis said.\n'
         "Rep. Joan Park said she welcomed the vote. The ministry said in a statement that "
         "talks would resume.\n"
         '"We will leave," an official who spoke on condition of anonymity said.\n'
         'It was reported that "nothing" had changed.\n')
QUIET = "The council met on Monday and adjourned at noon.\n"


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def expected_sources(result: dict) -> dict:
    """The summary worked out here from extract's JSON: one source per speaker entity, plus one
    per distinct name (or mention) of a speaker with no entity."""
    people = {("entity", s["id"]): (s["kind"], s["gender"]) for s in result["speakers"]}
    for quote in result["quotes"]:
        ref = quote["speaker"]
        if ref and ("entity", ref["entity"]) not in people:
            words = (ref["name"] or ref["mention"]["text"]).lower()
            people.setdefault(("name", ref["kind"], " ".join(words.split())),
                              (ref["kind"], ref["gender"]))
    kinds = [kind for kind, _ in people.values()]
    genders = [gender for _, gender in people.values()]
    total = len(people)
    return {"total": total,
            "by_kind": {k: kinds.count(k) for k in ("person", "organization", "anonymous",
                                                    "unknown")},
            "by_gender": {"female": genders.count("female"), "male": genders.count("male"),
                          "not_stated": genders.count(None)},
            "anonymous_share": round(kinds.count("anonymous") / total, 4) if total else None}


def test_json_has_each_documents_sources_as_extract_gives_them(cli, tmp_path):
    paths = [_write(tmp_path, "a.txt", DRAFT), _write(tmp_path, "b.txt", QUIET)]
    results = json.loads(cli("extract", *paths).out)["results"]
    ran = cli("check", "--format", "json", "--fail-on", "never", *paths)
    assert ran.code == 0, ran.err
    body = json.loads(ran.out)
    assert body["files"] == [{"file": path, "document": path,
                              "sources": expected_sources(result)}
                             for path, result in zip(paths, results)]
    # The draft was written with a man, a woman, an organization and an anonymous source.
    drafted = body["files"][0]["sources"]
    assert drafted["total"] >= 4 and drafted["by_kind"]["anonymous"] >= 1
    assert drafted["by_gender"]["male"] >= 1 and drafted["by_gender"]["female"] >= 1
    assert body["files"][1]["sources"]["total"] == 0


def test_text_prints_a_block_per_file_after_its_findings(cli, tmp_path):
    paths = [_write(tmp_path, "a.txt", DRAFT), _write(tmp_path, "b.txt", QUIET)]
    files = json.loads(cli("check", "--format", "json", "--fail-on", "never", *paths)
                       .out)["files"]
    ran = cli("check", "--fail-on", "never", *paths)
    lines = ran.out.splitlines()
    headings = [i for i, line in enumerate(lines) if HEADING.match(line)]
    assert [HEADING.match(lines[i])["file"] for i in headings] == paths
    # a.txt: its findings, then its block of four lines; b.txt (no statement): its heading.
    first, second = headings
    assert lines[:first] and all(FINDING.match(line) and line.startswith(paths[0])
                                 for line in lines[:first])
    assert second == first + 4 and lines[second:] == [f"{paths[1]}: 0 sources"]
    counted = files[0]["sources"]
    block = lines[first:second]
    assert HEADING.match(block[0])["total"] == str(counted["total"])
    assert BY_KIND.match(block[1])["counts"] == ", ".join(
        f"{n} {kind}" for kind, n in counted["by_kind"].items())
    assert BY_GENDER.match(block[2])["counts"] == ", ".join(
        f"{n} {gender.replace('_', ' ')}" for gender, n in counted["by_gender"].items())
    anonymous = ANONYMOUS.match(block[3])
    assert (int(anonymous["n"]), int(anonymous["total"])) == (counted["by_kind"]["anonymous"],
                                                              counted["total"])
    assert int(anonymous["pct"]) == round(100 * counted["anonymous_share"])


def test_jsonl_documents_have_a_block_each(cli, tmp_path):
    archive = _write(tmp_path, "drafts.jsonl", "\n".join(
        json.dumps({"id": i, "text": t}) for i, t in (("one", DRAFT), ("two", QUIET))))
    body = json.loads(cli("check", "--format", "json", "--fail-on", "never", archive).out)
    assert [(f["file"], f["document"]) for f in body["files"]] == [
        (f"{archive}#one", "one"), (f"{archive}#two", "two")]
    text = cli("check", "--fail-on", "never", archive).out.splitlines()
    assert f"{archive}#two: 0 sources" in text
    assert f"{archive}#one: {body['files'][0]['sources']['total']} sources" in text


def test_the_summary_does_not_change_what_fails(cli, tmp_path):
    """Sources are reported, never a finding: a draft with only anonymous sources fails only
    on --fail-on anonymous-source, as before."""
    path = _write(tmp_path, "a.txt", '"We will leave," a source said.\n')
    assert cli("check", path).code == 0
    assert cli("check", "--fail-on", "anonymous-source", path).code == 1
    body = json.loads(cli("check", "--format", "json", "--fail-on", "never", path).out)
    assert body["counts"] == {"unbalanced-quote": 0, "unresolved-pronoun": 0, "no-speaker": 0,
                              "anonymous-source": len(body["findings"])}


def test_help_says_what_the_summary_holds(cli):
    text = " ".join(cli("check", "--help").out.split())
    for words in ("FILE: N sources", "not stated", "anonymous_share", "runs[0].properties.files",
                  "::notice", "Sources never fail a check"):
        assert words in text, words
