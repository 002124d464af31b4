"""The README's installation, command-line, client and CI steps, run as a reader runs them: in a
fresh clone, through `make install`, from a shell where nothing of this test run's environment
is on PATH or PYTHONPATH; the client snippet from another project's environment, in a folder
outside the clone; the CI workflow's steps in a scratch newsroom repository.

A clone holds what is committed: run these on a clean checkout (CI does). They install the
project with pip (from PyPI or pip's cache), so they take a little longer than most tests.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.readme.readme_text import ROOT, blocks, section

SECTION = "## The command line and the Python client"
CI_SECTION = "## In CI and pre-commit"


def reader_env() -> dict[str, str]:
    """This process's environment without the test run's Python: no virtualenv, no PYTHONPATH,
    and no PATH entry inside it or inside this checkout's .venv."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "PYTHONSAFEPATH")}
    hidden = {Path(sys.prefix).resolve(), (ROOT / ".venv").resolve()}
    keep = [p for p in env.get("PATH", os.defpath).split(os.pathsep)
            if p and not any(Path(p).resolve().is_relative_to(h) for h in hidden)]
    env["PATH"] = os.pathsep.join(keep)
    return env


def sh(script: str, cwd: Path, env: dict[str, str], timeout: float = 600
       ) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
                          cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


def must(done: subprocess.CompletedProcess[str], what: str) -> subprocess.CompletedProcess[str]:
    if done.returncode != 0:
        message = f"{what} failed ({done.returncode}):\n{done.stdout[-3000:]}{done.stderr[-3000:]}"
        if os.environ.get("CI") != "true" and ("pypi" in done.stderr.lower() or
                                               "Could not find a version" in done.stderr):
            pytest.skip(f"no package index here: {message}")
        pytest.fail(message)
    return done


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    if not shutil.which("git") or not (ROOT / ".git").exists():
        pytest.skip("needs git and this project as a git checkout")
    if not shutil.which("make"):
        pytest.skip("needs make, as the README does")
    where = tmp_path_factory.mktemp("reader") / "statement-attribution"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(where)], check=True, timeout=120)
    return where


@pytest.fixture(scope="module")
def other_project(clone, tmp_path_factory) -> Path:
    """Another project's environment with this one installed as the README says."""
    project = tmp_path_factory.mktemp("newsroom-tool")
    must(sh(f"python3 -m venv .venv && .venv/bin/python -m pip install --quiet '{clone}'",
            project, reader_env()), "pip install of the checkout")
    return project


def test_command_line_block_runs_as_written(clone):
    (block,) = [b for b in blocks(section(SECTION), "sh") if "make install" in b]
    done = must(sh(block, clone, reader_env()), "the README's command-line block")
    assert "usage: attribution" in done.stdout
    assert "Ana Ruiz" in done.stdout  # the table of examples/article.txt's statements
    # The install prints no deprecation from the build (setuptools' warnings about a license
    # table ran to some 40 lines and named a date after which such builds fail).
    again = must(sh("make install", clone, reader_env()), "make install")
    output = again.stdout + again.stderr
    assert "deprecat" not in output.lower() and "license" not in output.lower(), output


def test_without_activation_neither_command_nor_package_is_found(clone, tmp_path):
    """What the README warns about: the project is in .venv, not on the system's Python."""
    must(sh("make install", clone, reader_env()), "make install")
    env = reader_env()
    missing = sh("attribution --help", tmp_path, env)
    if missing.returncode == 0:
        pytest.skip("an `attribution` command is installed on this machine's PATH")
    assert missing.returncode == 127
    imported = sh("python3 -c 'import service.client'", tmp_path, env)
    assert imported.returncode != 0 and "ModuleNotFoundError" in imported.stderr


def test_install_line_for_another_project_is_the_one_the_readme_gives():
    (block,) = [b for b in blocks(section(SECTION), "sh") if b.startswith("pip install")]
    assert block.strip() == "pip install /path/to/statement-attribution"


def test_client_snippet_from_another_project(other_project, service_url, tmp_path):
    (code,) = blocks(section(SECTION), "python")
    (tmp_path / "example.py").write_text(code, encoding="utf-8")
    env = {**reader_env(), "ATTRIBUTION_URL": service_url}
    done = must(sh(f"'{other_project}/.venv/bin/python' example.py", tmp_path, env),
                "the README's client snippet")
    lines = done.stdout.splitlines()
    assert any("We will not back down" in line for line in lines)
    assert "['a', 'b']" in lines
    assert lines[-1].startswith("413 ")


# --- the worked CI workflow ---------------------------------------------------------------------

def workflow() -> dict:
    (text,) = [b for b in blocks(section(CI_SECTION), "yaml") if "jobs:" in b]
    return yaml.safe_load(text)


def git(cwd: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Desk", "GIT_AUTHOR_EMAIL": "desk@example.org",
           "GIT_COMMITTER_NAME": "Desk", "GIT_COMMITTER_EMAIL": "desk@example.org"}
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True,
                          text=True).stdout.strip()


def test_ci_workflow_checks_the_changed_drafts(other_project, tmp_path):
    (job,) = workflow()["jobs"].values()
    steps = job["steps"]
    install = [s for s in steps if "pip install" in s.get("run", "")]
    checks = [s for s in steps if "attribution check" in s.get("run", "")]
    assert len(install) == 1 and len(checks) == 1
    assert steps.index(install[0]) < steps.index(checks[0])
    (check,) = checks
    assert set(check.get("env", {})) == {"BASE"}

    newsroom = tmp_path / "newsroom"
    (newsroom / "drafts").mkdir(parents=True)
    (newsroom / "drafts" / "old.txt").write_text('An old draft says "unclosed.\n')
    git(newsroom, "init", "-q")
    git(newsroom, "add", ".")
    git(newsroom, "commit", "-qm", "base")
    base = git(newsroom, "rev-parse", "HEAD")
    # The job's environment: the project installed by the install step (here: the other
    # project's environment, installed the same way), bash as Actions runs a step.
    env = {**reader_env(), "BASE": base}
    env["PATH"] = f"{other_project / '.venv' / 'bin'}{os.pathsep}{env['PATH']}"

    def run_step() -> subprocess.CompletedProcess[str]:
        return sh(check["run"], newsroom, env, timeout=120)

    nothing = run_step()
    assert nothing.returncode == 0 and "No draft changed." in nothing.stdout

    (newsroom / "drafts" / "politics").mkdir()
    (newsroom / "drafts" / "politics" / "vote.txt").write_text(
        "The council met on Monday.\n"
        '"We will leave," an official who spoke on condition of anonymity said.\n')
    (newsroom / "notes.md").write_text('A "note that is not a draft.\n')
    git(newsroom, "add", ".")
    git(newsroom, "commit", "-qm", "a clean draft")
    clean = run_step()
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "::warning file=drafts/politics/vote.txt," in clean.stdout  # anonymous source
    assert "::error" not in clean.stdout and "old.txt" not in clean.stdout

    (newsroom / "drafts" / "politics" / "vote.txt").write_text(
        'The council met on Monday.\nThe mayor said "it was fair.\n')
    (newsroom / "drafts" / "pronoun.txt").write_text('"We are ready," he said.\n')
    git(newsroom, "add", ".")
    git(newsroom, "commit", "-qm", "two broken drafts")
    broken = run_step()
    assert broken.returncode != 0
    assert ("::error file=drafts/politics/vote.txt,line=2,col=16,endLine=2,endColumn=17,"
            "title=unbalanced-quote::") in broken.stdout
    assert "::error file=drafts/pronoun.txt," in broken.stdout
    assert "title=unresolved-pronoun" in broken.stdout
