"""A local Spark session for the Spark tests (skipped when pyspark or Java is missing, which
`make test` never leaves missing: it installs the `spark` extra and .ci/run installs a JDK)."""
from __future__ import annotations

import os
import shutil

import pytest

pytest.importorskip("pyspark", reason="the spark extra is not installed")
if not (os.environ.get("JAVA_HOME") or shutil.which("java")):
    pytest.skip("no Java for Spark", allow_module_level=True)

# Articles written for these tests: each form of attribution the engine knows, and text around.
ARTICLES = {
    "council": (
        'Mayor Helena Strand defended the harbour plan on Tuesday. "We cannot wait another '
        'decade for this," Strand said. "The ships are getting bigger, and the quay is not."\n\n'
        "Opposition leader Tomas Reyes warned that the costs could double before the work is "
        "finished. According to the port authority, the first berth will open in 2027.\n\n"
        "It was reported that the contract had been awarded without a tender."),
    "strike": (
        "Rail workers walked out at dawn. “This is about safety, not money,” said Aino "
        "Virtanen, a spokesperson for the drivers' union. The transport ministry said in a "
        'statement that talks would resume on Friday.\n\nAsked about the delays, the minister '
        'told reporters: "Nobody wants this to drag on."'),
    "quiet": "The market opened at nine. Prices were stable and the weather was fine.",
    "unicode": (
        "«Nous ne reculerons pas», a déclaré la ministre. Officials in Zürich said the "
        "agreement was “a significant step forward” for the region."),
    "senate": (
        "Republican Sen. Mark Ellis said he would vote against the bill on Thursday. "
        '"It costs too much and does too little," Ellis said.\n\n'
        "Rep. Joan Park (D-Ore.) said she welcomed the vote. Her office said the bill would "
        "pass the House by June."),
}


@pytest.fixture(scope="session")
def spark():
    from service.spark_job import spark_session

    session = spark_session("local[2]", [("spark.ui.enabled", "false"),
                                         ("spark.sql.shuffle.partitions", "4"),
                                         ("spark.ui.showConsoleProgress", "false")])
    yield session
    session.stop()


@pytest.fixture(scope="session")
def documents() -> list[dict[str, str]]:
    """The handwritten articles and 40 generated ones (benchmarks/corpus.py)."""
    from benchmarks.corpus import articles

    return [{"id": k, "text": v} for k, v in ARTICLES.items()] + articles(40, seed=11)
