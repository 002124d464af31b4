"""The repository's pre-commit hook (.pre-commit-hooks.yaml), as pre-commit itself reads and runs
it: the manifest is checked by pre-commit's own schema, then ``pre-commit try-repo`` installs
this repository into a fresh environment and runs the hook on a newsroom repository's drafts.

``try-repo`` installs the project with pip (from the package index, or pip's cache), so this
takes a few seconds more than the other command-line tests.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = ROOT / ".pre-commit-hooks.yaml"


def _pre_commit():
    try:
        import pre_commit.clientlib as clientlib
    except ModuleNotFoundError:
        message = "pre-commit is not installed: pip install -e '.[test]'"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return clientlib


def test_manifest_is_valid_for_pre_commit():
    clientlib = _pre_commit()
    (hook,) = clientlib.load_manifest(str(MANIFEST))
    assert hook["id"] == "attribution-check"
    assert hook["entry"].split()[:2] == ["attribution", "check"]
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is True  # pre-commit hands it the staged files


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"})


def test_try_repo_runs_the_hook_on_staged_drafts(tmp_path):
    _pre_commit()
    if not shutil.which("git") or not (ROOT / ".git").exists():
        pytest.skip("needs git and this project as a git checkout")
    newsroom = tmp_path / "newsroom"
    (newsroom / "drafts").mkdir(parents=True)
    (newsroom / "drafts" / "vote.txt").write_text("The council met on Monday.\n", encoding="utf-8")
    (newsroom / "notes.md").write_text('An "unbalanced note, not a draft.\n', encoding="utf-8")
    _git(newsroom, "init", "-q")
    _git(newsroom, "add", ".")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "PRE_COMMIT_COLOR": "never"}

    def try_repo() -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(ROOT),
                               "attribution-check", "--all-files"], cwd=newsroom, env=env,
                              capture_output=True, text=True, timeout=600)

    clean = try_repo()
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "attribution check" in clean.stdout and "Passed" in clean.stdout

    (newsroom / "drafts" / "broken.txt").write_text('The mayor said "it was fair.\n',
                                                    encoding="utf-8")
    _git(newsroom, "add", ".")
    broken = try_repo()
    assert broken.returncode == 1
    assert "drafts/broken.txt:1:16: unbalanced-quote: " in broken.stdout
    assert "notes.md" not in broken.stdout  # only .txt files are drafts
