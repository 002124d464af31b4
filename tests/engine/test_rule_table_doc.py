"""The rule table in the project's documentation is the registry's: same rules, same order, the
same measured support and precision as service/attribution/rules/precision.tsv."""
from __future__ import annotations

import re
from pathlib import Path

from service.attribution.rules import REGISTRY

ROOT = Path(__file__).resolve().parents[2]
ROW = re.compile(r"^\| `(?P<name>[a-z-]+)` \| [^|]* \| (?P<support>[\d,]+) \| (?P<precision>prior 0\.5|[01]\.\d{3}) \|")


def _tables() -> dict[Path, list[re.Match[str]]]:
    found = {}
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        rows = [m for line in path.read_text(encoding="utf-8").splitlines() if (m := ROW.match(line))]
        names = {r.name for r in REGISTRY}
        rows = [m for m in rows if m["name"] in names]
        if len(rows) >= len(REGISTRY) // 2:
            found[path] = rows
    return found


def test_the_documented_rule_table_is_the_registry():
    tables = _tables()
    assert tables, "no rule table found in README.md or docs/*.md"
    for path, rows in tables.items():
        assert [m["name"] for m in rows] == [r.name for r in REGISTRY], path
        for m, rule in zip(rows, REGISTRY):
            assert int(m["support"].replace(",", "")) == rule.support, (path, rule.name)
            if rule.support == 0:
                assert m["precision"] == "prior 0.5", (path, rule.name)
            else:
                assert float(m["precision"]) == rule.precision, (path, rule.name)
