"""Helpers for the command-line tests: run ``attribution`` as a process or in-process."""
from __future__ import annotations

import io
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from service.cli import main
from tests.support.live_server import LiveServer

SCRIPT = Path(sys.executable).parent / "attribution"


@dataclass
class Ran:
    code: int
    out: str
    err: str


@pytest.fixture()
def cli(capsys):
    """``cli("extract", "a.txt", stdin="...")`` runs main() in-process and captures its output."""

    def run(*argv: str, stdin: str = "") -> Ran:
        out, err = io.StringIO(), io.StringIO()
        code = main(list(argv), stdin=io.StringIO(stdin), stdout=out, stderr=err)
        captured = capsys.readouterr()  # argparse writes --help and usage errors to sys.*
        return Ran(code, out.getvalue() + captured.out, err.getvalue() + captured.err)

    return run


@pytest.fixture()
def script():
    """Runs the installed console script in a subprocess (bytes in, text out)."""
    assert SCRIPT.exists(), f"console script not installed at {SCRIPT}"

    def run(*argv: str, stdin: bytes = b"", cwd: Path | None = None, timeout: float = 60) -> Ran:
        done = subprocess.run([str(SCRIPT), *argv], input=stdin, capture_output=True,
                              cwd=cwd, timeout=timeout)
        return Ran(done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8"))

    return run


@pytest.fixture(scope="session")
def service_url():
    with LiveServer({"LOG_LEVEL": "WARNING"}) as server:
        yield server.base
