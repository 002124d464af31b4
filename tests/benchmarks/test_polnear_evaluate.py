"""Reproducing the accuracy figures without ../shared: the PolNeAR converter (on a hand-made tree
in PolNeAR's layout, tests/fixtures/polnear), the project's scorer, and evaluate.py's messages."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "polnear"
SHARED_EVAL = ROOT.parent / "shared" / "eval"
from benchmarks import polnear_to_jsonl as converter
from benchmarks import scoring

ARTICLE = "polnear/dev/example_2016-01-01_bridge-to-reopen"


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


# --- the converter ----------------------------------------------------------------------------

def test_converter_reads_brat_standoff_into_the_gold_form(tmp_path):
    out = tmp_path / "dev.jsonl"
    done = run("benchmarks/polnear_to_jsonl.py", str(FIXTURE), "--split", "dev", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "1 articles, 5 attributions (dev)" in done.stderr
    (doc,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    text = (FIXTURE / "data/dev/text/example_2016-01-01_bridge-to-reopen.txt").read_text()
    assert doc["id"] == ARTICLE and doc["text"] == text
    assert doc["meta"]["annotator"] == "ab12" and doc["meta"]["annotators_all"] == ["ab12", "cd34"]
    assert doc["meta"]["title"] == "Bridge to reopen in May"
    keys = {"quote_start", "quote_end", "quote_text", "type", "speaker", "speaker_start",
            "speaker_end", "cue", "fragments", "speaker_fragments", "attribution_kind"}
    for quote in doc["quotes"]:
        assert keys <= set(quote)
        for piece in quote["fragments"] + quote["speaker_fragments"]:
            assert text[piece["start"]:piece["end"]] == piece["text"]
        assert text[quote["quote_start"]:quote["quote_end"]] == quote["quote_text"]
    got = [(q["annotation_id"], q["type"], q["speaker"], q["cue"], q["attribution_kind"],
            [f["text"] for f in q["fragments"]]) for q in doc["quotes"]]
    assert got == [
        ("E1", "indirect", "Mayor Ana Ruiz", "said", "sourced",
         ["the bridge would reopen in May"]),
        ("E2", "direct", "Ruiz", "told", "sourced",
         ["“We will not wait another year,”", "“The money is there.”"]),
        ("E3", "mixed", "Ruiz", "called", "sourced", ["the delay “a disgrace”"]),
        ("E4", "indirect", "the council", "According to", "sourced", ["the budget doubled"]),
        ("E5", "indirect", None, "is expected", "no-source", ["the works will start soon"]),
    ]
    no_source = doc["quotes"][-1]
    assert (no_source["speaker_start"], no_source["speaker_end"],
            no_source["speaker_fragments"]) == (None, None, [])
    second = doc["quotes"][1]  # a quote interrupted by its attribution: one statement, 2 pieces
    assert (second["quote_start"], second["quote_end"]) == (second["fragments"][0]["start"],
                                                           second["fragments"][1]["end"])


def test_converter_takes_the_annotator_asked_for_and_the_split_asked_for():
    docs = converter.convert(FIXTURE, "dev", annotator="cd34")
    assert docs[0]["meta"]["annotator"] == "cd34" and len(docs[0]["quotes"]) == 1
    (train,) = converter.convert(FIXTURE, "train")
    (quote,) = train["quotes"]
    assert (quote["quote_text"], quote["speaker"], quote["type"]) == ("Taxes will fall",
                                                                      "the senator", "direct")


def test_converter_says_what_is_missing(tmp_path):
    done = run("benchmarks/polnear_to_jsonl.py", str(tmp_path))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "data/metadata.tsv is missing" in done.stderr and "PolNeAR" in done.stderr
    done = run("benchmarks/polnear_to_jsonl.py", str(FIXTURE), "--split", "test",
               "--out", str(tmp_path / "t.jsonl"))
    assert done.returncode == 2 and "is missing" in done.stderr


def test_a_span_that_is_not_brat_is_an_error_naming_its_line():
    with pytest.raises(converter.ConversionError, match="line 2"):
        converter.parse_ann(["T1\tSource 0 4\tRuiz", "T2\tCue four five\tsaid"])


def test_type_comes_from_the_quotation_marks_around_the_content():
    text = "He said ‘no’ and it’s over. She said “yes.” They said it was “fine” today."
    def pieces(words): i = text.index(words); return [(i, i + len(words))]
    assert converter.quote_type(text, pieces("yes.")) == "direct"       # marks just outside
    assert converter.quote_type(text, pieces("it was “fine” today")) == "mixed"
    assert converter.quote_type(text, pieces("and it’s over")) == "indirect"  # an apostrophe
    assert converter.quote_type(text, pieces("no")) == "direct"       # headline single marks


# --- the scorer -------------------------------------------------------------------------------

TEXT = 'Ann Lee said that taxes will fall. "We are ready," Bo Kim said. Polls show a tie.'


def _gold(words: str, type_: str, speaker: str | None, cue: str) -> dict:
    start = TEXT.index(words)
    quote = {"quote_start": start, "quote_end": start + len(words), "type": type_, "cue": cue,
             "fragments": [{"start": start, "end": start + len(words)}],
             "speaker": speaker, "speaker_start": None, "speaker_end": None,
             "speaker_fragments": []}
    if speaker:
        s = TEXT.index(speaker)
        quote.update(speaker_start=s, speaker_end=s + len(speaker),
                     speaker_fragments=[{"start": s, "end": s + len(speaker)}])
    return quote


def _pred(words: str, speaker: str | None, mention: str | None) -> dict:
    start = TEXT.index(words)
    m = TEXT.index(mention) if mention else None
    return {"quote_start": start, "quote_end": start + len(words), "speaker": speaker,
            "speaker_start": m, "speaker_end": m + len(mention) if mention else None}


def test_scorer_matches_one_to_one_and_counts_speech():
    gold = {"d": {"id": "d", "text": TEXT, "quotes": [
        _gold("that taxes will fall", "indirect", "Ann Lee", "said"),
        _gold("We are ready,", "direct", "Bo Kim", "said"),
        _gold("a tie", "indirect", "Polls", "show")]}}
    pred = {"d": {"id": "d", "quotes": [
        _pred("taxes will fall", "Ann Lee", "Ann Lee"),   # "that" is not content: overlap 1.0
        _pred("We are", "Bo Kim", None),                  # 5 of 10 letters: 0.3 only
        _pred("Polls show a", None, None)]}}              # 1 of 12 letters: under 0.3
    report = scoring.score(gold, pred)
    lenient, strict = report["overlap>=0.3"], report["overlap>=0.8"]
    assert lenient["counts"] == {"predicted": 3, "matched": 2,
                                 "gold": {"all": 3, "indirect": 2, "speech": 2, "direct": 1}}
    assert lenient["precision"] == round(2 / 3, 4)
    assert lenient["recall"]["speech"] == 1.0 and lenient["recall"]["all"] == round(2 / 3, 4)
    assert lenient["speaker_accuracy"] == 1.0  # by mention span, then by a name word
    assert strict["counts"]["matched"] == 1 and strict["recall"]["direct"] == 0.0


def test_scorer_speaker_needs_the_right_span_or_name():
    gold = _gold("We are ready,", "direct", "Bo Kim", "said")
    assert scoring.speaker_right(TEXT, _pred("We are ready,", "Bo Kim", "Bo Kim"), gold)
    assert not scoring.speaker_right(TEXT, _pred("We are ready,", "Ann Lee", "Ann Lee"), gold)
    assert not scoring.speaker_right(TEXT, _pred("We are ready,", None, None), gold)
    unsourced = _gold("a tie", "indirect", None, "show")
    assert scoring.speaker_right(TEXT, _pred("a tie", None, None), unsourced)


@pytest.mark.parametrize("cue,speech", [("said", True), ("has repeatedly warned", True),
                                        (":", True), ("told", True), ("show", False),
                                        ("wants", False), (None, False)])
def test_speech_subset_of_indirect_statements(cue, speech):
    assert scoring.is_speech({"type": "indirect", "cue": cue}) is speech


# --- evaluate.py ------------------------------------------------------------------------------

def test_evaluate_without_its_gold_file_says_how_to_make_it():
    done = run("benchmarks/evaluate.py", "../shared/eval/no-such-file.jsonl")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "no gold file at ../shared/eval/no-such-file.jsonl" in done.stderr
    assert "benchmarks/polnear_to_jsonl.py" in done.stderr and "PolNeAR" in done.stderr


def test_evaluate_runs_on_a_converted_clone(tmp_path):
    gold = tmp_path / "dev.jsonl"
    assert run("benchmarks/polnear_to_jsonl.py", str(FIXTURE), "--out", str(gold)).returncode == 0
    done = run("benchmarks/evaluate.py", str(gold), "--pred", str(tmp_path / "p.jsonl"), "--rules")
    assert done.returncode == 0, done.stderr
    assert "overlap>=0.3: P=" in done.stdout and "rule" in done.stdout
    report = scoring.score(scoring.load(str(gold)), scoring.load(str(tmp_path / "p.jsonl")))
    assert report["overlap>=0.3"]["counts"]["gold"]["all"] == 5
    assert report["overlap>=0.3"]["counts"]["matched"] >= 2  # the two quotes by Ruiz at least


def test_evaluate_refuses_a_file_that_is_not_gold(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"no": "text"}\n', encoding="utf-8")
    done = run("benchmarks/evaluate.py", str(bad), "--pred", str(tmp_path / "p.jsonl"))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "polnear_to_jsonl.py" in done.stderr


@pytest.mark.skipif(not (SHARED_EVAL / "score.py").exists(), reason="../shared/eval not present")
def test_scorer_agrees_with_the_teams_scorer_on_dev(tmp_path):
    """Everything but the speech subset (whose list of verbs of saying differs) is the same."""
    from benchmarks import evaluate
    gold = str(SHARED_EVAL / "polnear-dev.jsonl")
    pred = tmp_path / "dev.pred.jsonl"
    ours, _ = evaluate.evaluate(gold, pred)
    done = run(str(SHARED_EVAL / "score.py"), gold, str(pred), "--json")
    theirs = json.loads(done.stdout)
    for key in ("overlap>=0.3", "overlap>=0.8"):
        a, b = ours[key], theirs[key]
        assert (a["precision"], a["speaker_accuracy"], a["f1_all"]) == (
            b["precision"], b["speaker_accuracy"], b["f1_all"])
        for group in ("all", "direct", "indirect", "mixed"):
            assert a["recall"][group] == b["recall"][group], group
