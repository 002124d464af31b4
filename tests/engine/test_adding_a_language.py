"""Adding a language needs nothing but its data and its own rule module.

A copy of the project's packages (``service`` and the ``schemas`` it imports) gains a made-up
language ``xx``: ``service/attribution/data/xx/`` (German's data under another name, its rule
order and precision in ``rules.tsv`` under the new rule names) and ``service/attribution/rules/
xx.py`` (German's rule module with its rules renamed ``xx-...``). Nothing else in the copy is
touched, which the test checks file by file. A fresh Python on that copy then attributes a German
sentence in ``xx`` by the rule ``xx-quote-cue-speaker``, lists ``xx`` among the engine's
languages, and serves it over HTTP (``GET /v1/languages``, ``GET /v1/rules``, ``POST
/v1/attributions``).
"""
from __future__ import annotations

import filecmp
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from service.attribution.packs import REGISTRIES

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("service", "schemas")     # service imports schemas; schemas imports service
TEXT = "„Wir sind bereit“, sagte die Ministerin."
DATA = Path("service/attribution/data")
RULES = Path("service/attribution/rules")
SKIP = shutil.ignore_patterns("__pycache__", "*.pyc")

SCRIPT = r'''
import json, sys
import service
from service.attribution import LANGUAGES, attribute
from service.attribution.engine import LANGUAGE_NAMES
from service.app import create_app

TEXT = sys.argv[1]
result = attribute(TEXT, language="xx")
client = create_app().test_client()
posted = client.post("/v1/attributions", json={"text": TEXT, "language": "xx"})
rules = client.get("/v1/rules?language=xx")
out = {
    "service": service.__file__,
    "project_modules": sorted(name for name, module in sys.modules.items()
                              if (getattr(module, "__file__", None) or "").startswith(tuple(sys.argv[2:]))),
    "languages": list(LANGUAGES),
    "names": LANGUAGE_NAMES["xx"],
    "statements": [[q.rule, q.span.text, q.speaker.mention.text if q.speaker and q.speaker.mention else None]
                   for q in result.quotes],
    "served_languages": client.get("/v1/languages").get_json()["languages"],
    "posted": [posted.status_code, posted.get_json()],
    "rules": [rules.status_code, rules.get_json()],
}
sys.stdout.write("RESULT " + json.dumps(out) + "\n")
'''


def files(root: Path) -> set[Path]:
    """Every file of the packages under ``root``, relative to it (no byte code)."""
    found = set()
    for package in PACKAGES:
        for path in (root / package).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                found.add(path.relative_to(root))
    return found


def renamed(name: str) -> str:
    return "xx-" + name.removeprefix("de-")


def add_language_xx(copy: Path) -> set[Path]:
    """What a contributor adds for a new language, made from German; returns the added files."""
    german = REGISTRIES["de"]
    shutil.copytree(copy / DATA / "de", copy / DATA / "xx")
    language = (copy / DATA / "xx" / "language.tsv").read_text(encoding="utf-8")
    language = re.sub(r"^name\tGerman$", "name\tXish", language, flags=re.M)
    language = re.sub(r"^native\tDeutsch$", "native\tXisch", language, flags=re.M)
    assert "Xish" in language and "Xisch" in language and "engine\tpack" in language
    (copy / DATA / "xx" / "language.tsv").write_text(language, encoding="utf-8")

    order = (copy / DATA / "xx" / "rules.tsv").read_text(encoding="utf-8")
    module = (copy / RULES / "de.py").read_text(encoding="utf-8")
    for rule in german.rules:
        assert f"\n{rule.name}\t" in order and f'"{rule.name}"' in module, rule.name
        order = order.replace(f"\n{rule.name}\t", f"\n{renamed(rule.name)}\t")
        module = module.replace(f'"{rule.name}"', f'"{renamed(rule.name)}"')
    (copy / DATA / "xx" / "rules.tsv").write_text(order, encoding="utf-8")
    (copy / RULES / "xx.py").write_text(module, encoding="utf-8")
    return {Path(RULES / "xx.py")} | {Path(DATA / "xx" / path.name) for path in (copy / DATA / "xx").iterdir()}


def test_a_language_is_its_data_and_its_rule_module(tmp_path):
    copy = tmp_path / "project"
    for package in PACKAGES:
        shutil.copytree(ROOT / package, copy / package, ignore=SKIP)
    added = add_language_xx(copy)
    original = files(ROOT)

    def only_the_language_was_added() -> None:
        assert files(copy) - original == added
        assert original - files(copy) == set()
        changed = [str(path) for path in sorted(original)
                   if not filecmp.cmp(ROOT / path, copy / path, shallow=False)]
        assert changed == []

    only_the_language_was_added()

    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONHOME", "PYTHONSTARTUP")}
    env.update(PYTHONPATH=str(copy), PYTHONDONTWRITEBYTECODE="1", LOG_LEVEL="WARNING")
    checkout = [str(ROOT / package) + os.sep for package in PACKAGES]
    done = subprocess.run([sys.executable, "-c", SCRIPT, TEXT, *checkout], cwd=tmp_path,
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    (line,) = [line for line in done.stdout.splitlines() if line.startswith("RESULT ")]
    out = json.loads(line.removeprefix("RESULT "))

    # The copy was run, and nothing of this checkout's packages was imported.
    assert Path(out["service"]).is_relative_to(copy)
    assert out["project_modules"] == []

    assert "xx" in out["languages"] and out["languages"][0] == "en"
    assert out["names"] == ["Xish", "Xisch"]
    assert ["xx-quote-cue-speaker", "Wir sind bereit", "die Ministerin"] in out["statements"]

    assert {"code": "xx", "default": False, "name": "Xish", "native": "Xisch"} in out["served_languages"]
    status, body = out["posted"]
    assert status == 200 and body["meta"]["language"] == "xx"
    assert [(q["rule"], q["text"]) for q in body["quotes"]] == [("xx-quote-cue-speaker", "Wir sind bereit")]
    status, body = out["rules"]
    assert status == 200 and body["language"] == "xx"
    assert [rule["name"] for rule in body["rules"]] == [renamed(rule.name) for rule in REGISTRIES["de"].rules]

    only_the_language_was_added()   # and running it wrote nothing into the packages
