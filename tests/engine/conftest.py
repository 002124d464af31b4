"""Engine tests: print the golden tables' pass rate (per table and overall) after the run.

The rows themselves are the assertions (tests/engine/test_golden.py); this only counts them, so
that the pass rate is visible in every run, as pySBD publishes its golden-rule pass rate.
"""
from __future__ import annotations

from collections import defaultdict

_OUTCOMES: dict[str, dict[str, str]] = defaultdict(dict)
_MARKER = "test_golden.py::test_golden["


def pytest_runtest_logreport(report):
    if _MARKER not in report.nodeid:
        return
    case = report.nodeid.split(_MARKER, 1)[1].rstrip("]")
    table = case.split(":", 1)[0]
    if report.when == "call" or (report.when == "setup" and report.outcome != "passed"):
        if hasattr(report, "wasxfail"):
            outcome = "xpass" if report.outcome == "passed" else "xfail"
        else:
            outcome = report.outcome
        _OUTCOMES[table][case] = outcome


def pytest_terminal_summary(terminalreporter):
    if not _OUTCOMES:
        return
    write = terminalreporter.write_line
    terminalreporter.section("golden tables (tests/engine/golden)")
    total = passed = 0
    for table in sorted(_OUTCOMES):
        cases = _OUTCOMES[table]
        ok = sum(1 for o in cases.values() if o in ("passed", "xpass"))
        counts = defaultdict(int)
        for o in cases.values():
            counts[o] += 1
        detail = ", ".join(f"{counts[k]} {k}" for k in ("passed", "xfail", "xpass", "failed", "skipped") if counts[k])
        write(f"{table:28} {ok:3}/{len(cases):<3} pass  ({detail})")
        total += len(cases)
        passed += ok
    write(f"{'all tables':28} {passed:3}/{total:<3} pass  = {100.0 * passed / total:.1f}%")
    xpassed = [c for t in _OUTCOMES.values() for c, o in t.items() if o == "xpass"]
    if xpassed:
        write("rows marked xfail that now pass (drop their xfail cell): " + ", ".join(sorted(xpassed)))
