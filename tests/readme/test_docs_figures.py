"""Figures in docs/accuracy.md (and the README's summary of them) that change with the code:
the rule table against ``GET /v1/rules``, and, where the team's PolNeAR copy is in ../shared,
every dev figure against a new run of the engine scored by benchmarks/scoring.py."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from tests.readme.readme_text import DOCS, ROOT, section, table, text

ACCURACY = DOCS / "accuracy.md"
SHARED_EVAL = ROOT.parent / "shared" / "eval"
DEV = SHARED_EVAL / "polnear-dev.jsonl"
needs_shared = pytest.mark.skipif(not DEV.exists(), reason="../shared/eval/polnear-dev.jsonl "
                                                           "not present")


def rule_rows() -> list[list[str]]:
    return table(section("## What the engine finds", ACCURACY), "rule")


def number(cell: str) -> float:
    return float(cell.replace(",", ""))


def test_rule_table_is_the_registry_in_order(client):
    rules = client.get("/v1/rules").get_json()["rules"]
    rows = rule_rows()
    assert [row[0].strip("`") for row in rows] == [rule["name"] for rule in rules]
    for row, rule in zip(rows, rules):
        statements, precision = row[2], row[3]
        assert number(statements) == rule["support"], rule["name"]
        if rule["support"]:
            assert number(precision) == rule["precision"], rule["name"]
        else:
            assert precision == f"prior {rule['precision']}", rule["name"]


@pytest.fixture(scope="module")
def dev_run(tmp_path_factory):
    from benchmarks import evaluate, scoring
    pred = tmp_path_factory.mktemp("dev") / "dev.pred.jsonl"
    report, _ = evaluate.evaluate(str(DEV), pred)
    return report, pred, scoring, evaluate


@needs_shared
def test_dev_accuracy_table_is_a_new_run(dev_run):
    report = dev_run[0]
    rows = {row[0]: row for row in table(section("## Accuracy on PolNeAR dev", ACCURACY), "")}
    for at in ("0.3", "0.8"):
        row = rows[f"overlap >= {at}"]
        r = report[f"overlap>={at}"]
        assert number(row[1]) == round(r["precision"], 3)
        assert number(row[2]) == round(r["f1_speech"], 3)
        assert number(row[3]) == round(r["recall"]["speech"], 3)
        assert [number(x) for x in row[4].split(" / ")] == [
            round(r["recall"][t], 3) for t in ("direct", "mixed", "indirect")]
        assert number(row[5]) == round(r["speaker_accuracy"], 3)
    gold = report["overlap>=0.3"]["counts"]["gold"]
    prose = section("## Accuracy on PolNeAR dev", ACCURACY)
    assert f"{gold['all']:,} annotated attributions, {gold['speech']:,} of them speech" in prose
    # The README's summary of it.
    assert round(report["overlap>=0.3"]["precision"], 1) == 0.9
    assert "about nine in ten of the statements" in text()


@needs_shared
def test_dev_columns_of_the_rule_table_are_a_new_run(dev_run):
    _, pred, _, evaluate = dev_run
    stats = evaluate.rule_table(str(DEV), str(pred))
    for row in rule_rows():
        name, statements, precision = row[0].strip("`"), row[4], row[5]
        count, matched = stats.get(name, (0, 0))
        assert int(number(statements)) == count, name
        if count:
            assert number(precision) == round(matched / count, 3), name
        else:
            assert precision == "", name


@needs_shared
def test_the_teams_scorer_figures_quoted_beside_ours(dev_run):
    _, pred, _, _ = dev_run
    done = subprocess.run([sys.executable, str(SHARED_EVAL / "score.py"), str(DEV), str(pred),
                           "--json"], capture_output=True, text=True, timeout=120)
    theirs = json.loads(done.stdout)
    prose = " ".join(section("## Accuracy on PolNeAR dev", ACCURACY).split())
    lenient, strict = theirs["overlap>=0.3"], theirs["overlap>=0.8"]
    assert (f"({lenient['counts']['gold']['speech']:,} speech attributions on dev), so it gives "
            f"F1 (speech) {lenient['f1_speech']:.3f} at overlap 0.3 and "
            f"{strict['f1_speech']:.3f} at 0.8") in prose


@needs_shared
def test_pronoun_figures_are_a_new_run():
    from service.attribution import attribute
    from service.cli.check import PRONOUNS
    with_pronoun = unresolved = 0
    for line in DEV.read_text(encoding="utf-8").splitlines():
        for quote in attribute(json.loads(line)["text"]).quotes:
            speaker = quote.speaker
            if speaker and speaker.mention and speaker.mention.text.lower() in PRONOUNS:
                with_pronoun += 1
                unresolved += speaker.name is None or speaker.name.lower() in PRONOUNS
    prose = " ".join(section("## Accuracy on PolNeAR dev", ACCURACY).split())
    share = f"{100 * unresolved / with_pronoun:.1f}%"
    assert re.search(rf"{with_pronoun} statements on dev have a pronoun .*; {unresolved} of them "
                     rf"\({re.escape(share)}\) stay unresolved", prose), prose


ENRICHED = SHARED_EVAL / "enriched-dev.jsonl"


@pytest.mark.skipif(not ENRICHED.exists(), reason="../shared/eval/enriched-dev.jsonl not present")
def test_speaker_field_figures_are_a_new_run(client, monkeypatch, capsys):
    """The speaker-field table of docs/accuracy.md is the team's enriched_check.py run now, in
    process, against the service's v1 answer."""
    monkeypatch.syspath_prepend(str(SHARED_EVAL))
    import enriched_check
    monkeypatch.setattr(enriched_check, "ask", lambda url, doc: client.post(
        "/v1/attributions", json={"id": doc["id"], "text": doc["text"]}).get_json())
    monkeypatch.setattr(sys, "argv", ["enriched_check.py", str(ENRICHED), str(DEV)])
    enriched_check.main()
    out = capsys.readouterr().out
    figures = dict(re.findall(r"(\w+) \d\.\d\d \((\d+/\d+)\)", out))
    rows = {row[0]: row for row in table(section("## Accuracy on PolNeAR dev", ACCURACY), "field")}
    assert set(rows) == set(figures), out
    for field, row in rows.items():
        right, labelled = figures[field].split("/")
        assert row[3] == f"{right} / {labelled}", field
        assert number(row[2]) == round(int(right) / int(labelled), 2), field
    found = re.search(r"found (\d+)/", out)
    assert found is not None and f"({found.group(1)} of the" in " ".join(
        section("## Accuracy on PolNeAR dev", ACCURACY).split())


def test_house_style_row_counts_are_the_tables():
    """The row counts of the house-style tables quoted in docs/accuracy.md are the tables'."""
    from tests.engine.test_golden import GOLDEN
    prose = " ".join(section("## News from other newsrooms", ACCURACY).split())
    quoted = re.findall(r"`(\w+\.tsv)` \((\d+) rows\)", prose)
    assert len(quoted) >= 5, prose
    for name, count in quoted:
        lines = (GOLDEN / name).read_text(encoding="utf-8").splitlines()
        rows = [line for line in lines[1:] if line.strip() and not line.startswith("#")]
        assert len(rows) == int(count), name
