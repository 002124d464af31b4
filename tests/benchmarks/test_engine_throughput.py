"""benchmarks/engine_throughput.py's side-by-side comparison (``--against``): both checkouts run the
same corpus and the ratio is of their own passes. Speed itself is never asserted here."""
from __future__ import annotations

import re

import pytest

from benchmarks import engine_throughput as bench

ROOT = bench.pathlib.Path(bench.__file__).resolve().parents[1]

pytestmark = pytest.mark.slow           # each pass is a fresh Python process


def test_against_runs_both_checkouts_and_prints_their_ratio(capsys):
    corpus = [bench.Writer(7).article() for _ in range(6)]
    bench.against(corpus, str(ROOT), 1)
    out = capsys.readouterr().out
    rows = dict(re.findall(r"^  (this checkout|--against)\s+([\d.]+) MB/s", out, re.M))
    assert set(rows) == {"this checkout", "--against"} and all(float(v) > 0 for v in rows.values())
    ratio = float(re.search(r"ratio\s+([\d.]+)x", out).group(1))
    # the same checkout on both sides: the two bests are of one engine, so the ratio is near 1
    assert 0.2 < ratio < 5.0


def test_against_refuses_a_directory_that_is_not_a_checkout(tmp_path):
    with pytest.raises(SystemExit, match="not a checkout of this repository"):
        bench.against(["Text."], str(tmp_path), 1)


def test_a_checkout_whose_engine_does_not_import_is_named_with_its_error(tmp_path):
    (tmp_path / "service" / "attribution").mkdir(parents=True)
    (tmp_path / "service" / "__init__.py").write_text("")
    (tmp_path / "service" / "attribution" / "__init__.py").write_text("raise ImportError('broken')\n")
    with pytest.raises(SystemExit, match=r"failed: ImportError: broken"):
        bench.against(["Text."], str(tmp_path), 1)
