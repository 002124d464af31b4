"""``attribution check --format github`` and ``--format sarif``: findings as CI systems show them.

* ``github``: GitHub Actions workflow commands, one a line,
  ``::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=T::MESSAGE`` (``::warning`` for
  findings below ``--fail-on``). Actions turns each into an annotation on the file and line of
  the pull request. Escaping as GitHub documents it: ``%``, CR and LF in the message; also ``:``
  and ``,`` in the properties.
* ``sarif``: one SARIF 2.1.0 log (the OASIS standard that GitHub code scanning uploads with
  ``github/codeql-action/upload-sarif``), one rule per finding kind, columns counted in Unicode
  code points as the findings are.

A document from a JSONL file has no line of its own in that file, so its findings annotate the
file as a whole and say the document's id and the line and column inside its text.

Each document's sources (:class:`~service.cli.check.Sources`) are a ``::notice`` on its file in
``github``, and the run's property bag in ``sarif`` (``runs[0].properties.files``, as
``--format json`` gives them): they are a summary, not a result to fix.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from urllib.parse import quote

from .check import KINDS, SEVERITY, Finding, Sources

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
TOOL_NAME = "attribution check"

# Each finding kind, as a rule of the tool: a short line and what to do about it.
RULES: dict[str, tuple[str, str]] = {
    "unbalanced-quote": (
        "A quotation mark is opened and never closed, or closed and never opened.",
        "Close or remove the quotation mark. A quote that runs over several paragraphs is fine "
        "when each of its paragraphs opens with a quotation mark."),
    "unresolved-pronoun": (
        "A statement's speaker is only a pronoun with no name before it to refer to.",
        "Name the speaker, in this sentence or in one before it."),
    "no-speaker": (
        "A statement has no speaker.",
        "Say who said it, or make sure an unsourced statement is meant."),
    "anonymous-source": (
        "A statement is attributed to an anonymous source.",
        "Check the newsroom's policy on anonymous sources."),
}
assert set(RULES) == set(KINDS)


def is_failing(finding: Finding, fail_on: str) -> bool:
    return is_failing_kind(finding.kind, fail_on)


def is_failing_kind(kind: str, fail_on: str) -> bool:
    return fail_on != "never" and SEVERITY[kind] >= SEVERITY[fail_on]


def file_of(finding: Finding) -> tuple[str, bool]:
    """The file a finding is in, and whether its line and column are lines of that file (not
    of one document inside a JSONL file, whose location is ``FILE#ID``)."""
    return _file_of(finding.location, finding.document)


def _file_of(location: str, document: str) -> tuple[str, bool]:
    suffix = "#" + document
    if location != document and location.endswith(suffix):
        return location[:-len(suffix)], False
    return location, True


def _where_inside(finding: Finding) -> str:
    return f"document {finding.document}, line {finding.line}, column {finding.column}: "


# --- GitHub Actions workflow commands ---------------------------------------------------------

def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github_line(finding: Finding, fail_on: str) -> str:
    command = "error" if is_failing(finding, fail_on) else "warning"
    path, own_lines = file_of(finding)
    properties = [("file", path)]
    message = finding.message
    if own_lines:
        properties += [("line", str(finding.line)), ("col", str(finding.column)),
                       ("endLine", str(finding.end_line)),
                       ("endColumn", str(finding.end_column))]
    else:
        message = _where_inside(finding) + message
    properties.append(("title", finding.kind))
    joined = ",".join(f"{key}={_escape_property(value)}" for key, value in properties)
    return f"::{command} {joined}::{_escape_data(message)}"


def github_sources_line(location: str, document: str, sources: Sources) -> str:
    """One document's sources as a notice on its file (a JSONL file's notice names the
    document)."""
    path, own_file = _file_of(location, document)
    message = sources.as_sentence() if own_file else \
        f"document {document}: {sources.as_sentence()}"
    return f"::notice file={_escape_property(path)},title=sources::{_escape_data(message)}"


# --- SARIF 2.1.0 --------------------------------------------------------------------------------

def sarif_log(findings: Iterable[Finding], fail_on: str, version: str,
              files: list[dict[str, object]] | None = None) -> dict[str, object]:
    """The log of one run; ``files`` (each document's ``file``, ``document`` and ``sources``)
    goes into the run's property bag."""
    rules = [{
        "id": kind,
        "name": "".join(part.capitalize() for part in kind.split("-")),
        "shortDescription": {"text": RULES[kind][0]},
        "help": {"text": RULES[kind][1]},
        "defaultConfiguration": {"level": "error" if is_failing_kind(kind, fail_on)
                                 else "warning"},
    } for kind in KINDS]
    results = []
    for finding in findings:
        path, own_lines = file_of(finding)
        location: dict[str, object] = {"artifactLocation": {"uri": _uri(path)}}
        message = finding.message
        if own_lines:
            location["region"] = {
                "startLine": finding.line, "startColumn": finding.column,
                "endLine": finding.end_line, "endColumn": finding.end_column,
                "charOffset": finding.start, "charLength": finding.end - finding.start}
        else:
            message = _where_inside(finding) + message
        results.append({
            "ruleId": finding.kind,
            "ruleIndex": KINDS.index(finding.kind),
            "level": "error" if is_failing(finding, fail_on) else "warning",
            "message": {"text": message},
            "locations": [{"physicalLocation": location}],
        })
    run: dict[str, object] = {
        "tool": {"driver": {"name": TOOL_NAME, "version": version, "rules": rules}},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    if files is not None:
        run["properties"] = {"files": files}
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def _uri(path: str) -> str:
    """A relative URI reference for a path as given (``drafts/a b.txt`` -> ``drafts/a%20b.txt``)."""
    return quote(path.replace("\\", "/"), safe="/")


def dump_sarif(log: dict[str, object]) -> str:
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
