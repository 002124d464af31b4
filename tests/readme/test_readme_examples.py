"""The README's quick start, errors, configuration and links, checked against the running
service and the code: every command as printed (only the port changed), every example answer
equal to what the service returns now (but ``elapsed_ms``)."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess

import pytest

from tests.readme.readme_text import DOCS, README, ROOT, blocks, section, shell_commands, table, text

LOCALHOST = "http://localhost:8000"


def curl(command: str, url: str) -> subprocess.CompletedProcess[str]:
    if not shutil.which("curl"):
        if os.environ.get("CI") == "true":
            pytest.fail("curl is needed to run the README's commands as written")
        pytest.skip("curl is not installed")
    assert LOCALHOST in command
    return subprocess.run(["bash", "-c", command.replace(LOCALHOST, url)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)


def quick_start_curls() -> list[str]:
    commands = [c for block in blocks(section("## Quick start"), "sh")
                for c in shell_commands(block) if c.startswith("curl ")]
    assert len(commands) == 2, commands
    return commands


def without_timing(body: dict) -> dict:
    return {**body, "meta": {k: v for k, v in body["meta"].items() if k != "elapsed_ms"}}


def test_quick_start_answer_is_what_the_service_answers(service_url):
    (printed,) = blocks(section("## Quick start"), "json")
    json_call = quick_start_curls()[0]
    done = curl(json_call, service_url)
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert without_timing(answer) == without_timing(json.loads(printed))
    # The figure the newcomer met: the confidence shown is the rule's, as /v1/rules lists it.
    rules = {rule["name"]: rule for rule in
             json.loads(curl(f"curl -s {LOCALHOST}/v1/rules", service_url).stdout)["rules"]}
    (quote,) = answer["quotes"]
    assert quote["confidence"] == rules[quote["rule"]]["precision"]


def test_plain_text_example_posts_a_file_that_is_there(service_url):
    plain_call = quick_start_curls()[1]
    path = re.search(r"@(\S+)", plain_call).group(1)
    article = (ROOT / path).read_text(encoding="utf-8")
    done = curl(plain_call, service_url)
    assert done.returncode == 0 and done.stderr == ""
    answer = json.loads(done.stdout)
    assert answer["id"] is None and answer["meta"]["characters"] == len(article)
    assert answer["quotes"], "the example article has statements to show"
    as_json = json.loads(curl(
        f"curl -s {LOCALHOST}/v1/attributions -H 'Content-Type: application/json' -d "
        f"@- <<'EOF'\n{json.dumps({'text': article})}\nEOF", service_url).stdout)
    assert without_timing(answer) == without_timing(as_json)


@pytest.mark.parametrize("replacement", ["@examples/no-such-file.txt", "@/dev/null"])
def test_a_missing_or_empty_file_gets_nothing_to_analyse(service_url, replacement):
    plain_call = re.sub(r"@\S+", replacement, quick_start_curls()[1])
    done = curl(plain_call + " -w '\\n%{http_code}'", service_url)
    body, status = done.stdout.rsplit("\n", 1)
    assert status == "422"
    assert json.loads(body)["detail"].startswith("Nothing to analyse")
    assert "Nothing to analyse" in section("## Quick start")
    assert done.stderr == ""  # curl -s says nothing about the missing file: the 422 does


def test_configuration_table_gives_the_code_defaults():
    from service.config import DEFAULTS
    rows = {row[0].strip("`"): row[1] for row in table(section("## Configuration"), "Variable")}
    for name, (default, _) in DEFAULTS.items():
        assert rows[name].split()[0] == f"`{default}`", name
    conf = (ROOT / "docker" / "gunicorn.conf.py").read_text(encoding="utf-8")
    for name, default in re.findall(r'_int\("(GUNICORN_\w+)", (\d+)\)', conf):
        assert rows[name] == f"`{default}`", name
    documented = {n for n in rows if n.startswith("GUNICORN_")}
    assert documented == set(re.findall(r"\b(GUNICORN_[A-Z_]+)\b", conf)) - {"GUNICORN_CMD_ARGS"}


def test_the_error_table_names_the_statuses_the_service_answers():
    rows = [row[0] for row in table(section("## API"), "Status")]
    assert rows == ["400", "413", "415", "422", "404, 405", "500", "504"]


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading."""
    cleaned = re.sub(r"[^\w\- ]", "", heading.strip().lower().replace("`", ""))
    return cleaned.replace(" ", "-")


@pytest.mark.parametrize("page", [README, *sorted(DOCS.glob("*.md"))], ids=lambda p: p.name)
def test_relative_links_and_anchors_resolve(page):
    for target in re.findall(r"\]\(([^)\s]+)\)", text(page)):
        if re.match(r"[a-z]+:", target):
            continue
        path, _, anchor = target.partition("#")
        destination = (page.parent / path).resolve() if path else page
        assert destination.exists(), f"{page.name}: {target} does not exist"
        if anchor:
            headings = re.findall(r"^#+ (.+)$", text(destination), flags=re.M)
            assert anchor in {_slug(h) for h in headings}, f"{page.name}: no #{anchor}"


def test_the_readme_keeps_to_what_a_user_needs():
    """The measurement reports live in docs/, linked from the README."""
    body = text()
    assert len(body.splitlines()) < 520
    for report in ("accuracy.md", "speed.md", "reliability.md", "scaling.md"):
        assert (DOCS / report).exists() and f"docs/{report}" in body
    for heading in ("## Quick start", "## API", "## Configuration", "## Deploying", "## Limits"):
        assert f"\n{heading}\n" in body


def test_pre_commit_snippet_is_a_valid_config_for_the_hook(tmp_path):
    try:
        import pre_commit.clientlib as clientlib
    except ModuleNotFoundError:
        if os.environ.get("CI") == "true":
            pytest.fail("pre-commit is not installed")
        pytest.skip("pre-commit is not installed: pip install -e '.[test]'")
    import yaml
    snippets = [b for b in blocks(section("## In CI and pre-commit"), "yaml") if "repos:" in b]
    (snippet,) = snippets
    config = tmp_path / ".pre-commit-config.yaml"
    config.write_text(snippet, encoding="utf-8")
    (repo,) = clientlib.load_config(str(config))["repos"]
    hooks = {hook["id"] for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert {hook["id"] for hook in repo["hooks"]} <= hooks


def test_the_spark_output_columns_are_the_jobs_and_its_help_lists_them_too():
    from service import spark_cli
    from service.spark_job import COLUMN_NAMES

    body = " ".join(section("### Archives on Apache Spark").split())
    (listed,) = re.findall(r"one row per statement: `([a-z_, ]+)`", body)
    assert tuple(listed.split(", ")) == COLUMN_NAMES
    helped = " ".join(spark_cli.SPARK_EPILOG.split())
    assert f"(columns: {', '.join(COLUMN_NAMES)})" in helped


def test_the_sourcing_policy_example_fails_a_draft_over_the_share(tmp_path):
    """The README's jq line, run as printed in a folder with drafts/: it fails exactly when a
    draft's share of anonymous sources is over a quarter, as check's own JSON says."""
    if not shutil.which("jq"):
        pytest.skip("jq is not installed (the README's example uses it)")
    import sys
    from pathlib import Path

    (block,) = [b for b in blocks(section("## The command line and the Python client"), "sh")
                if "jq " in b]
    script = Path(sys.executable).parent / "attribution"
    assert script.exists(), f"console script not installed at {script}"
    env = {**os.environ, "PATH": f"{script.parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    named = ('"We will rebuild the bridge," Mayor Ana Ruiz said.\n'
             'Councillor Ben Okafor said the budget could double.\n')
    unnamed = '"We will leave," an official who spoke on condition of anonymity said.\n'
    outcomes = {}
    for name, text in (("named", named), ("unnamed", named + unnamed + unnamed.replace(
            "We will leave", "It is over").replace("an official", "a diplomat"))):
        (drafts / "story.txt").write_text(text, encoding="utf-8")
        done = subprocess.run(["bash", "-c", block], cwd=tmp_path, env=env, capture_output=True,
                              text=True, timeout=120)
        checked = subprocess.run([str(script), "check", "--format", "json", "--fail-on", "never",
                                  "drafts/"], cwd=tmp_path, capture_output=True, text=True,
                                 timeout=120)
        (document,) = json.loads(checked.stdout)["files"]
        over = (document["sources"]["anonymous_share"] or 0) > 0.25
        assert done.returncode == (1 if over else 0), done.stdout + done.stderr
        outcomes[name] = over
    assert outcomes == {"named": False, "unnamed": True}  # both ways were tried
