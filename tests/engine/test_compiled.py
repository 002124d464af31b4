"""The compiled engine (service/attribution/compiled.py): when its modules are used, when the
sources are read instead, and that both give the same output."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

import service.attribution
from service.attribution import compiled

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def package(tmp_path, monkeypatch):
    """compiled.py pointed at a package of two modules in tmp_path, built by write_build()."""
    (tmp_path / "rules").mkdir()
    (tmp_path / "stage.py").write_text("X = 1\n")
    (tmp_path / "rules" / "family.py").write_text("Y = 2\n")
    monkeypatch.setattr(compiled, "PACKAGE", tmp_path)
    monkeypatch.setattr(compiled, "MANIFEST", tmp_path / "compiled.json")
    monkeypatch.setattr(compiled, "MODULES", ("rules/family", "stage"))
    return tmp_path


def write_build(root: Path, **changes) -> None:
    """What a build leaves: an extension module beside each source and the manifest."""
    sources = {m: compiled.digest(m) for m in compiled.MODULES}
    for m in compiled.MODULES:
        (root / f"{m}{compiled.SUFFIX}").write_bytes(b"")
    manifest = {"suffix": compiled.SUFFIX, "mypy": "2.4.1", "python": "3", "sources": sources, **changes}
    (root / "compiled.json").write_text(json.dumps(manifest))


def test_a_fresh_build_is_used(package):
    write_build(package)
    build = compiled.state({})
    assert build.compiled and build.label == "compiled" and "mypyc 2.4.1" in build.reason


def test_no_build_reads_the_sources(package):
    build = compiled.state({})
    assert not build.compiled and build.label == "python" and "not compiled" in build.reason


def test_a_source_edited_after_the_build_reads_the_sources(package):
    write_build(package)
    (package / "rules" / "family.py").write_text("Y = 3\n")
    build = compiled.state({})
    assert not build.compiled and build.reason == "sources changed since the build: rules/family"


def test_a_missing_extension_module_reads_the_sources(package):
    write_build(package)
    (package / f"stage{compiled.SUFFIX}").unlink()
    assert compiled.state({}).reason == "sources changed since the build: stage"


def test_a_module_added_since_the_build_reads_the_sources(package, monkeypatch):
    write_build(package)
    (package / "rules" / "other.py").write_text("Z = 4\n")
    monkeypatch.setattr(compiled, "MODULES", ("rules/family", "rules/other", "stage"))
    assert "not those of the build" in compiled.state({}).reason


def test_a_build_for_another_python_reads_the_sources(package):
    write_build(package, suffix=".cpython-399-x86_64-linux-gnu.so")
    assert "another Python" in compiled.state({}).reason


def test_an_unreadable_manifest_reads_the_sources(package):
    write_build(package)
    (package / "compiled.json").write_text("{not json")
    assert "unreadable" in compiled.state({}).reason


def test_the_environment_can_ask_for_the_sources(package):
    write_build(package)
    build = compiled.state({"ATTRIBUTION_ENGINE": "python"})
    assert not build.compiled and build.reason == "ATTRIBUTION_ENGINE=python"


def test_every_engine_module_but_the_python_only_ones_is_compiled():
    package = Path(compiled.__file__).parent
    modules = {p.relative_to(package).with_suffix("").as_posix() for p in package.rglob("*.py")}
    assert set(compiled.MODULES) == {m for m in modules
                                     if m not in compiled.PYTHON_ONLY and not m.endswith("__init__")}
    assert {"engine", "rules/grammar", "packs/engine"} <= set(compiled.MODULES)
    assert not set(compiled.PYTHON_ONLY) & set(compiled.MODULES)


def test_the_sources_finder_loads_a_module_from_its_source():
    finder = compiled._Sources()
    spec = finder.find_spec("service.attribution.rules.grammar", None)
    assert spec is not None and spec.origin.endswith("rules/grammar.py")
    assert finder.find_spec("service.attribution.model", None) is None      # Python-only: left alone
    assert finder.find_spec("json", None) is None


def _run(code: str, *args: str, **env: str) -> str:
    environ = {k: v for k, v in os.environ.items() if k != compiled.ENVIRONMENT}
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT,
                          env={**environ, **env}, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.slow
def test_asking_for_the_sources_loads_every_module_from_its_source():
    out = _run("import sys, service.attribution as a, service.attribution.compiled as c\n"
               "print(a.BUILD.label)\n"
               "print(all(sys.modules[c.module_name(m)].__file__.endswith('.py') for m in c.MODULES))",
               ATTRIBUTION_ENGINE="python")
    assert out.split() == ["python", "True"]


def _compiler() -> bool:
    return bool(shutil.which(os.environ.get("CC", "cc")) or shutil.which("gcc")) \
        and Path(sysconfig.get_paths()["include"], "Python.h").exists()


@pytest.mark.slow
def test_the_engine_is_compiled_where_a_compiler_is():
    # make serve / make test / make bench compile it (python -m service.build_engine); after an
    # edit, run one of them again
    if not _compiler():
        pytest.skip("no C compiler or no Python headers here: the engine runs from its sources")
    build = compiled.state({})
    assert build.compiled, f"{build.reason}: run `make install` (python -m service.build_engine)"
    loaded = sys.modules["service.attribution.engine"].__file__
    assert loaded.endswith(compiled.SUFFIX) == service.attribution.BUILD.compiled


_OUTPUT = """
import dataclasses, json, sys
from benchmarks.engine_throughput import Writer
from service.attribution import BUILD, attribute
print(BUILD.label)
writer = Writer(11)
for language, text in [("en", writer.article()) for _ in range(80)] + json.loads(sys.argv[1]):
    result = dataclasses.asdict(attribute(text, language=language))
    result.pop("elapsed_ms")
    print(json.dumps(result, sort_keys=True))
"""

_OTHER_LANGUAGES = [
    ("de", "„Wir sind bereit“, sagte die Ministerin am Montag in Berlin. Sie sagte, der Plan sei solide."),
    ("ru", "«Мы готовы», — заявил министр в понедельник. Он сказал, что план надёжен."),
]


@pytest.mark.slow
def test_compiled_and_sources_give_the_same_output():
    if not service.attribution.BUILD.compiled:
        pytest.skip(f"the engine is not compiled here ({service.attribution.BUILD.reason})")
    texts = json.dumps(_OTHER_LANGUAGES, ensure_ascii=False)
    fast = _run(_OUTPUT, texts).splitlines()
    plain = _run(_OUTPUT, texts, ATTRIBUTION_ENGINE="python").splitlines()
    assert fast[0] == "compiled" and plain[0] == "python"
    assert len(fast) == 1 + 80 + len(_OTHER_LANGUAGES)
    assert fast[1:] == plain[1:]
    assert all(json.loads(line)["quotes"] for line in fast[-len(_OTHER_LANGUAGES):])


def test_build_engine_refuses_an_unknown_option(capsys):
    from service import build_engine
    assert build_engine.main(["--fast"]) == 2
    assert "usage: python -m service.build_engine" in capsys.readouterr().err


def test_build_engine_check_says_whether_the_build_is_fresh(capsys):
    from service import build_engine
    fresh = compiled.state({}).compiled
    assert build_engine.main(["--check"]) == (0 if fresh else 1)
    assert capsys.readouterr().out.startswith(f"engine: {'compiled' if fresh else 'python'} (")


@pytest.mark.parametrize("strict", [False, True])
def test_without_mypyc_the_build_is_reported_or_fails_when_strict(monkeypatch, strict):
    from service import build_engine
    monkeypatch.setattr(compiled, "state", lambda environ: compiled.Build(False, "not compiled"))
    monkeypatch.setitem(sys.modules, "mypyc.build", None)        # import mypyc.build fails
    if strict:
        with pytest.raises(SystemExit, match="engine not compiled: mypyc or setuptools missing"):
            build_engine.compile_modules(strict=True)
    else:
        build = build_engine.compile_modules()
        assert not build.compiled and "install the 'compile' extra" in build.reason
