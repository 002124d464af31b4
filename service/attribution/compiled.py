"""The engine's working modules compiled to C by mypyc (part of the pinned mypy), and the check,
made once at import, of whether the compiled modules may be used.

``python -m service.build_engine`` (run by ``make serve``, ``make test`` and ``make bench``,
and by the image's build stage) compiles the modules of :data:`MODULES` in place: each gets an
extension module beside its source (``segment.cpython-311-x86_64-linux-gnu.so`` beside
``segment.py``), all share one library (``_native__mypyc.*.so`` in this package), and
``compiled.json`` records the hash of every source they were built from. The compiled engine gives
the same output as its sources (tests/engine/test_compiled.py compares them); only its speed differs.

At import (``service/attribution/__init__.py``) the compiled modules are used only when every one of
them was built, for this interpreter, from the sources now beside it. Otherwise (no build, a source
edited or checked out since the build, a build for another Python, or ``ATTRIBUTION_ENGINE=python``
in the environment) every one of them is read from its source: a finder placed first on
``sys.meta_path`` loads the sources, so an edit is never shadowed by an older build. :data:`BUILD`
says which, and why; ``/readyz`` and ``make bench`` print it.

The data loaders, the result types and the packages' __init__ modules (the registries) stay
Python (:data:`PYTHON_ONLY`).
"""
from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys
from pathlib import Path
from types import ModuleType
from typing import NamedTuple, Sequence

PACKAGE = Path(__file__).resolve().parent
# Modules that stay Python, besides every package's __init__ (the registries): the ones that run
# once at import to read data (the language loader, the packs' tables), the result types the HTTP
# layer reads, and this one. Every other module is compiled, each new rule module too.
PYTHON_ONLY = ("language", "lexicon", "model", "compiled", "packs/data")
# The modules compiled, as paths below this package without ".py" ("engine", "rules/grammar").
MODULES = tuple(sorted(module for module in (path.relative_to(PACKAGE).with_suffix("").as_posix()
                                             for path in PACKAGE.rglob("*.py"))
                       if module not in PYTHON_ONLY and not module.endswith("__init__")))
MANIFEST = PACKAGE / "compiled.json"
GROUP = "service.attribution._native"          # the name of the library the modules share
SUFFIX = importlib.machinery.EXTENSION_SUFFIXES[0]
ENVIRONMENT = "ATTRIBUTION_ENGINE"             # "python": use the sources even when a build is fresh


class Build(NamedTuple):
    """Whether the compiled modules are in use, and why (or why not)."""
    compiled: bool
    reason: str

    @property
    def label(self) -> str:
        return "compiled" if self.compiled else "python"


def module_name(module: str) -> str:
    return "service.attribution." + module.replace("/", ".")


def digest(module: str) -> str:
    return hashlib.sha256((PACKAGE / f"{module}.py").read_bytes()).hexdigest()


def state(environ: dict[str, str] | os._Environ[str] = os.environ) -> Build:
    """Whether the compiled modules may be used now (read, not cached)."""
    if environ.get(ENVIRONMENT, "") == "python":
        return Build(False, f"{ENVIRONMENT}=python")
    try:
        manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Build(False, "not compiled (python -m service.build_engine compiles it)")
    except (OSError, ValueError) as err:
        return Build(False, f"{MANIFEST.name} unreadable ({err})")
    if manifest.get("suffix") != SUFFIX:
        return Build(False, f"compiled for another Python ({manifest.get('suffix')}, this is {SUFFIX})")
    built = manifest.get("sources", {})
    if set(built) != set(MODULES):      # a module added, removed or made Python-only since the build
        return Build(False, "the compiled modules are not those of the build: compile again")
    changed = [m for m in MODULES if built[m] != digest(m) or not (PACKAGE / f"{m}{SUFFIX}").exists()]
    if changed:
        return Build(False, f"sources changed since the build: {', '.join(changed[:3])}"
                            + (f" and {len(changed) - 3} more" if len(changed) > 3 else ""))
    return Build(True, f"compiled with mypyc {manifest.get('mypy', '?')}")


class _Sources(importlib.abc.MetaPathFinder):
    """Loads the compiled modules from their sources (first on sys.meta_path, before the finder
    that would prefer an extension module beside a source)."""

    SOURCES = {module_name(m): PACKAGE / f"{m}.py" for m in MODULES}

    def find_spec(self, fullname: str, path: Sequence[str] | None,
                  target: ModuleType | None = None) -> importlib.machinery.ModuleSpec | None:
        source = self.SOURCES.get(fullname)
        return importlib.util.spec_from_file_location(fullname, source) if source else None


def choose() -> Build:
    """Decide once, before the engine's modules are imported: the sources are read unless the
    build is fresh."""
    build = state()
    if not build.compiled and not any(isinstance(f, _Sources) for f in sys.meta_path):
        sys.meta_path.insert(0, _Sources())
    return build
