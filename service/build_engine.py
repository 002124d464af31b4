"""Compile the engine with mypyc, or say whether its build is fresh (see
:mod:`service.attribution.compiled`).

    python -m service.build_engine            compile unless fresh; a failure is reported, exit 0
    python -m service.build_engine --strict   compile unless fresh; a failure exits 1
    python -m service.build_engine --check    exit 1 unless the build is fresh
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from .attribution import compiled
from .attribution.compiled import Build


def compile_modules(strict: bool = False) -> Build:
    """Compile the modules of :data:`compiled.MODULES` in place (unless the build is fresh) and
    write the manifest. A failure (no C compiler, no Python headers, no mypy) leaves the sources in
    use and, unless ``strict``, is only reported."""
    current = compiled.state({})
    if current.compiled:
        return current
    root = compiled.PACKAGE.parent.parent
    try:
        from mypyc.build import mypycify
        from setuptools import Distribution
        import mypy.version
    except ImportError as err:
        return _failed(f"mypyc or setuptools missing ({err}); install the 'compile' extra", strict)
    compiled.MANIFEST.unlink(missing_ok=True)
    sources = {m: compiled.digest(m) for m in compiled.MODULES}
    cwd = Path.cwd()
    os.chdir(root)
    try:
        paths = [str((compiled.PACKAGE / f"{m}.py").relative_to(root)) for m in compiled.MODULES]
        extensions = mypycify(paths, group_name=compiled.GROUP, target_dir="build/mypyc")
        dist = Distribution({"name": "statement-attribution-engine", "ext_modules": extensions,
                             "script_args": ["--quiet", "build_ext", "--inplace",
                                             "--build-temp", "build/mypyc-temp"]})
        dist.parse_command_line()
        dist.run_commands()
    except (Exception, SystemExit) as err:       # distutils reports a compiler failure as SystemExit
        return _failed(f"compiling failed: {err}", strict)
    finally:
        os.chdir(cwd)
    if any(compiled.digest(m) != built for m, built in sources.items()):
        return _failed("a source changed while it was compiled; compile again", strict)
    manifest = {"suffix": compiled.SUFFIX, "mypy": mypy.version.__version__,
                "python": sys.version.split()[0], "sources": sources}
    compiled.MANIFEST.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return compiled.state({})


def _failed(reason: str, strict: bool) -> Build:
    if strict:
        raise SystemExit(f"engine not compiled: {reason}")
    return Build(False, reason)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args not in ([], ["--strict"], ["--check"]):
        print("usage: python -m service.build_engine [--strict | --check]\n"
              "  compiles the engine with mypyc unless its build is fresh; --strict fails when it\n"
              "  cannot, --check only says whether the build is fresh (exit 1 when it is not)",
              file=sys.stderr)
        return 2
    build = compiled.state({}) if args == ["--check"] else compile_modules(strict=args == ["--strict"])
    print(f"engine: {build.label} ({build.reason})"
          + ("" if build.compiled else "; the engine runs from its Python sources"))
    return 0 if build.compiled or args != ["--check"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
