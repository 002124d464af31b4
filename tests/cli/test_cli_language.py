"""``--language`` of ``attribution extract`` and ``check``: carried to the engine (or the
service), echoed in ``meta.language``, and an unknown code is a usage error (exit 2) that
lists the languages there are, before any document is processed."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from service.attribution import LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
A = '"We will not back down," the minister said on Monday.\n'


def _write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.fixture()
def article(tmp_path):
    return _write(tmp_path, "a.txt", A)


@pytest.fixture()
def engine_calls(monkeypatch):
    """The languages the command line asks the in-process engine for, in order."""
    import service.cli.serialize as serialize

    calls: list[str] = []
    real = serialize.attribute

    def spy(text, language="en"):
        calls.append(language)
        return real(text, language=language)

    monkeypatch.setattr(serialize, "attribute", spy)
    return calls


def _results(ran) -> list[dict]:
    assert ran.code == 0, ran.err
    return json.loads(ran.out)["results"]


def _without_timing(result: dict) -> dict:
    return {**result, "meta": {k: v for k, v in result["meta"].items() if k != "elapsed_ms"}}


def test_default_is_en_and_echoed(cli, article, engine_calls):
    (result,) = _results(cli("extract", article))
    assert result["meta"]["language"] == "en"
    assert engine_calls == ["en"]


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_known_language_is_carried_to_the_engine(cli, article, engine_calls, code):
    (result,) = _results(cli("extract", "--language", code, article))
    assert result["meta"]["language"] == code
    assert engine_calls == [code]
    if code == "en":
        (default,) = _results(cli("extract", article))
        assert _without_timing(result) == _without_timing(default)


@pytest.mark.parametrize("command", ["extract", "check"])
@pytest.mark.parametrize("code", ["xx", "EN", ""])
def test_an_unknown_language_is_a_usage_error_listing_the_available(cli, article, engine_calls,
                                                                    command, code):
    ran = cli(command, "--language", code, article)
    assert ran.code == 2
    assert ran.out == ""
    assert ran.err == (f"attribution: unknown language {code!r} (--language); available: "
                       f"{', '.join(LANGUAGES)}\n")
    assert engine_calls == []


def test_check_runs_in_the_language_given(cli, tmp_path, engine_calls):
    path = tmp_path / "clean.txt"
    path.write_text("The council met on Monday and adjourned at noon.\n", encoding="utf-8")
    ran = cli("check", "--language", "en", str(path))
    assert (ran.code, ran.out) == (0, f"{path}: 0 sources\n")  # no finding, no source
    assert engine_calls == ["en"]


def test_help_documents_the_option(cli):
    for command in ("extract", "check"):
        ran = cli(command, "--help")
        assert ran.code == 0 and "--language CODE" in ran.out


def test_help_lists_the_engines_languages_by_name(cli):
    from service.attribution.engine import LANGUAGE_NAMES

    for command in ("extract", "check"):
        text = " ".join(cli(command, "--help").out.split())
        listed = ", ".join(f"{code} ({LANGUAGE_NAMES[code][0]})" for code in LANGUAGES)
        assert f"language of the documents: {listed};" in text
        assert "de (German)" in text


def test_building_the_command_line_loads_no_engine():
    """The languages are read for the help only: a run with --url, or `serve`, does without."""
    script = ("import sys; from service.cli import build_parser; "
              "build_parser().parse_args(['extract', '--language', 'de', '--url', 'http://x', 'a.txt']); "
              "print(sorted(m for m in sys.modules if m.startswith('service.attribution')))")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


GERMAN = "„Wir sind bereit“, sagte die Ministerin.\n"


@pytest.fixture()
def german(tmp_path):
    return _write(tmp_path, "artikel.txt", GERMAN)


def test_german_is_read_with_the_german_rules(cli, german):
    (result,) = _results(cli("extract", "--language", "de", german))
    assert result["meta"]["language"] == "de"
    (quote,) = result["quotes"]
    assert (quote["text"], quote["rule"]) == ("Wir sind bereit", "de-quote-cue-speaker")
    assert quote["speaker"]["mention"]["text"] == "die Ministerin"
    (english,) = _results(cli("extract", german))
    assert english["quotes"] == []  # the English rules read no German
    table = cli("extract", "--language", "de", "--format", "table", german)
    assert table.code == 0 and "Wir sind bereit" in table.out
    checked = cli("check", "--language", "de", "--format", "json", german)
    assert checked.code == 0, checked.err
    (document,) = json.loads(checked.out)["files"]
    assert document["sources"]["total"] == 1


# --- with --url: the service's languages ----------------------------------------------------

def test_url_sends_the_language_and_gives_the_same_json(cli, article, service_url):
    (remote,) = _results(cli("extract", "--url", service_url, "--language", "en", article))
    (local,) = _results(cli("extract", "--language", "en", article))
    assert remote["meta"]["language"] == "en"
    assert _without_timing(remote) == _without_timing(local)


def test_url_in_german_gives_the_same_json_as_in_process(cli, german, service_url):
    (remote,) = _results(cli("extract", "--url", service_url, "--language", "de", german))
    (local,) = _results(cli("extract", "--language", "de", german))
    assert remote["meta"]["language"] == "de" and remote["quotes"]
    assert _without_timing(remote) == _without_timing(local)


def test_url_with_an_unknown_language_lists_the_services(cli, article, service_url):
    import requests

    served = [item["code"] for item in
              requests.get(service_url + "/v1/languages", timeout=10).json()["languages"]]
    ran = cli("check", "--url", service_url, "--language", "xx", article)
    assert ran.code == 2
    assert ran.err == (f"attribution: unknown language 'xx' (--language); available at "
                       f"{service_url}: {', '.join(served)}\n")


# --- a second language, as when the engine gains one ---------------------------------------

SECOND_LANGUAGE_SCRIPT = textwrap.dedent('''
    import io, json, sys
    import service.attribution as attribution
    import service.attribution.engine as engine
    engine.LANGUAGES = attribution.LANGUAGES = ("en", "zz")   # before the schemas read it
    from service.cli import main

    out = {}
    for code in ("zz", "en", "xx"):
        stdout, stderr = io.StringIO(), io.StringIO()
        status = main(["extract", "--language", code, sys.argv[1]], stdout=stdout, stderr=stderr)
        results = json.loads(stdout.getvalue())["results"] if status == 0 else []
        out[code] = [status, [r["meta"]["language"] for r in results], stderr.getvalue()]
    sys.stdout.write("RESULT " + json.dumps(out) + "\\n")
''')


def test_a_second_language_reaches_the_engine_and_the_output(article):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", SECOND_LANGUAGE_SCRIPT, article], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    (line,) = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    out = json.loads(line.removeprefix("RESULT "))
    assert out["zz"] == [0, ["zz"], ""]
    assert out["en"] == [0, ["en"], ""]
    assert out["xx"] == [2, [], "attribution: unknown language 'xx' (--language); "
                                "available: en, zz\n"]
