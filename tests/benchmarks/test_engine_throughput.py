"""benchmarks/engine_throughput.py's side-by-side comparison (``--against``): both checkouts run the
same corpus, each in its own processes, and the ratio is of their own passes. Speed itself is never
asserted here: only that each side's figure is its own engine's."""
from __future__ import annotations

import re

import pytest

from benchmarks import engine_throughput as bench

ROOT = bench.pathlib.Path(bench.__file__).resolve().parents[1]

pytestmark = pytest.mark.slow           # each pass is a fresh Python process


def _checkout(tmp_path, body: str):
    """A directory laid out like a checkout, whose engine is ``body`` (the module's source)."""
    (tmp_path / "service" / "attribution").mkdir(parents=True)
    (tmp_path / "service" / "__init__.py").write_text("")
    (tmp_path / "service" / "attribution" / "__init__.py").write_text(body)
    return tmp_path


def _figures(out: str) -> tuple[dict[str, float], float]:
    rows = {label: float(v) for label, v in re.findall(r"^  (this checkout|--against)\s+([\d.]+) MB/s", out, re.M)}
    return rows, float(re.search(r"ratio\s+([\d.]+)x", out).group(1))


def test_against_measures_the_other_checkouts_own_engine(tmp_path, capsys):
    # an engine that does nothing is far faster than this one: its row is higher and the ratio
    # (this checkout's throughput over the other's) far below 1
    other = _checkout(tmp_path, "def attribute(text):\n    return None\n")
    corpus = [bench.Writer(7).article() for _ in range(6)]
    bench.against(corpus, str(other), 1)
    out = capsys.readouterr().out
    rows, ratio = _figures(out)
    assert set(rows) == {"this checkout", "--against"}
    assert rows["--against"] > rows["this checkout"] > 0
    assert ratio < 0.5
    # each row says how its engine ran: a checkout without a build state runs its sources
    assert re.search(rf"^  --against .*{re.escape(str(other))} \(python\)$", out, re.M)
    assert re.search(rf"^  this checkout .* \({bench.BUILD.label}\)$", out, re.M)


def test_against_itself_gives_a_ratio_near_one(capsys):
    corpus = [bench.Writer(7).article() for _ in range(6)]
    bench.against(corpus, str(ROOT), 1)
    rows, ratio = _figures(capsys.readouterr().out)
    assert set(rows) == {"this checkout", "--against"} and all(v > 0 for v in rows.values())
    assert 0.2 < ratio < 5.0


def test_against_refuses_a_directory_that_is_not_a_checkout(tmp_path):
    with pytest.raises(SystemExit, match="not a checkout of this repository"):
        bench.against(["Text."], str(tmp_path), 1)


def test_a_checkout_whose_engine_does_not_import_is_named_with_its_error(tmp_path):
    other = _checkout(tmp_path, "raise ImportError('broken')\n")
    with pytest.raises(SystemExit, match=r"failed: ImportError: broken"):
        bench.against(["Text."], str(other), 1)
