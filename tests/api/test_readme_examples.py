"""The README's quick-start request and answer, and its GET /v1/languages answer, are what the
service says (all but `elapsed_ms`, which varies)."""
from __future__ import annotations

import json
import re
from pathlib import Path

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def test_quick_start_answer_is_the_services():
    request = re.search(r"curl -s http://localhost:8000/v1/attributions -H 'Content-Type: "
                        r"application/json' \\\n  -d '(\{.*?\})'\n", README)
    answer = re.search(r"The answer \(engine [^)]*\):\n\n```json\n(.*?)```", README, re.S)
    assert request and answer, "README.md has no quick-start request and answer"
    documented = json.loads(answer.group(1))
    from service.app import create_app

    body = create_app().test_client().post("/v1/attributions",
                                           json=json.loads(request.group(1))).get_json()
    body["meta"]["elapsed_ms"] = documented["meta"]["elapsed_ms"]
    assert body == documented


def test_languages_answer_in_the_api_table_is_the_services(client):
    """The row shows the answer's first languages, then `...` for the others."""
    row = next(line for line in README.splitlines() if line.startswith("| `GET /v1/languages`"))
    printed = re.search(r"`(\{\"languages\".*?\})`", row).group(1)
    assert printed.endswith(", ...]}")
    documented = json.loads(printed.removesuffix(", ...]}") + "]}")["languages"]
    served = client.get("/v1/languages").get_json()["languages"]
    assert documented and served[:len(documented)] == documented
    assert len(served) > len(documented)
