"""pyproject.toml stays installable by a fresh machine later: the license is an SPDX string (the
table form is deprecated and setuptools stops building it in 2027), and the build backend is
capped below a major version this file was not checked with."""
from __future__ import annotations

import re
import tomllib

from packaging.requirements import Requirement
from packaging.version import Version

from tests.readme.readme_text import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_license_is_an_spdx_expression():
    license_ = PYPROJECT["project"]["license"]
    assert isinstance(license_, str)
    assert re.fullmatch(r"[A-Za-z0-9.+-]+( (AND|OR|WITH) [A-Za-z0-9.+-]+)*", license_)


def test_setuptools_is_pinned_to_a_range_that_reads_that_license():
    (setuptools,) = [Requirement(r) for r in PYPROJECT["build-system"]["requires"]
                     if Requirement(r).name == "setuptools"]
    specifier = setuptools.specifier
    assert any(spec.operator == "<" for spec in specifier), "no upper bound"
    assert not specifier.contains(Version("76.1.0")), "setuptools before 77 cannot read it"
    assert specifier.contains(Version("84.2.1"))  # the one this file was checked with
