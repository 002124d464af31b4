"""The README's CI step and Python snippet, run exactly as written (read from README.md)."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow   # bash and the installed script as processes (tests/conftest.py)

README = Path(__file__).resolve().parents[2] / "README.md"
SECTION = "## Command line and Python client"
BIN = Path(sys.executable).parent


def _blocks(language: str) -> list[str]:
    text = README.read_text(encoding="utf-8")
    assert SECTION in text, f"README.md has no {SECTION!r} section"
    section = text.split(SECTION, 1)[1].split("\n## ", 1)[0]
    return re.findall(rf"^```{language}\n(.*?)^```$", section, flags=re.S | re.M)


def _ci_commands() -> list[str]:
    (yaml,) = _blocks("yaml")
    commands = re.findall(r"^\s*run: (.+)$", yaml, flags=re.M)
    assert commands and all(c.startswith("attribution check") for c in commands)
    return commands


def _run_ci(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    # As a CI runner runs a step: bash, the project's scripts on PATH, in the repository's root.
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    return subprocess.run(["bash", "-e", "-c", command], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120)


@pytest.mark.parametrize("command", _ci_commands())
def test_readme_ci_step_passes_clean_drafts_and_fails_broken_ones(command, tmp_path):
    drafts = tmp_path / "drafts"
    (drafts / "politics").mkdir(parents=True)
    (drafts / "clean.txt").write_text("The council met on Monday and adjourned at noon.\n",
                                      encoding="utf-8")
    (drafts / "politics" / "vote.txt").write_text("The vote was held on Tuesday.\n",
                                                  encoding="utf-8")
    clean = _run_ci(command, tmp_path)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert clean.stdout == ""

    (drafts / "politics" / "broken.txt").write_text(
        "The vote was held on Tuesday.\nThe mayor said \"it was fair.\n", encoding="utf-8")
    broken = _run_ci(command, tmp_path)
    assert broken.returncode == 1
    assert "drafts/politics/broken.txt:2:16: unbalanced-quote: " in broken.stdout


def test_readme_python_snippet_runs_against_the_service(service_url):
    (code,) = _blocks("python")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "ATTRIBUTION_URL": service_url})
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert any("We will not back down" in line for line in lines)
    assert "['a', 'b']" in lines
    assert lines[-1].startswith("413 ")
