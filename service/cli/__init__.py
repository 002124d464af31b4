"""``attribution``: the statement-attribution engine and service on the command line.

Commands: ``extract`` (statements as json, jsonl, csv or a table), ``check`` (editorial findings
for CI, ``file:line:col: kind: message``) and ``serve`` (gunicorn with the project's config).
``attribution COMMAND --help`` shows each command's options with examples.

Exit codes: 0 success (``check``: no finding at or above ``--fail-on``); 1 ``check`` found
something at or above ``--fail-on``; 2 usage or input error (a missing or unreadable file, bad
JSONL, a document the service refused with 4xx); 3 the engine or service failed (unreachable
after the retries, a 5xx, or an internal error, reported with its traceback).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ..client import AttributionClient, AttributionClientError, ProblemError
from . import check as checks
from . import ci_formats
from .inputs import InputDocument, Source, expand, read
from .output import FORMATS, writer

if TYPE_CHECKING:
    from .runner import Runner

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_SERVICE = 0, 1, 2, 3
EXIT_INTERRUPTED, EXIT_BROKEN_PIPE = 130, 141  # as a shell reports SIGINT and SIGPIPE
PROG = "attribution"

_EXIT_CODES = """\
exit codes:
  0  success{clean}
  1  {findings}
  2  usage or input error: missing or unreadable file, bad JSONL, a document the
     service refused (4xx)
  3  the engine or service failed: unreachable after the retries, a 5xx answer,
     or an internal error (with a traceback on stderr)
"""

_INPUTS = """\
inputs:
  FILE           a text file (UTF-8): one document, its id the path
  FILE.jsonl     one document per line: {"id": "...", "text": "..."} (also .ndjson)
  DIR            every *.txt file below DIR
  'GLOB'         files matching a quoted glob, e.g. 'drafts/**/*.txt'
  -              standard input (text; JSONL with --input-format jsonl)
"""

EXTRACT_EPILOG = _INPUTS + """
examples:
  attribution extract article.txt
  attribution extract --format table drafts/
  attribution extract --format csv 'archive/2024-*/*.txt' > statements.csv
  attribution extract --format jsonl archive.jsonl > results.jsonl
  attribution extract --language de artikel.txt
  echo '"We will not back down," the minister said.' | attribution extract -
  attribution extract --url http://localhost:8000 --format json drafts/

""" + _EXIT_CODES.format(clean="", findings="(not used by extract)")

CHECK_EPILOG = _INPUTS + """
finding kinds, most severe first (--fail-on KIND fails on KIND and all above it):
  unbalanced-quote     a quotation mark opened and never closed, or closed and
                       never opened (a quote running over several paragraphs,
                       each opening with a quotation mark, is fine)
  unresolved-pronoun   the speaker is only a pronoun ("he said") with no name
                       before it to refer to
  no-speaker           a statement with no speaker ("it was reported that ...")
  anonymous-source     a statement attributed to an anonymous source
  --fail-on never reports without failing; the default is no-speaker.

output: one finding a line, "FILE:LINE:COL: KIND: MESSAGE" (a JSONL document is
FILE#ID), then each document's sources: "FILE: N sources" and, indented under
it, their count by kind, by gender (female, male, not stated) and the share of
anonymous sources. Or --format json: {"findings": [...], "counts": {...},
"failed": bool, "files": [{"file", "document", "sources": {"total", "by_kind",
"by_gender", "anonymous_share"}}, ...]}, or --format github: GitHub Actions
annotations (::error for findings at or above --fail-on, ::warning below, a
::notice of each file's sources), or --format sarif: a SARIF 2.1.0 log (for
code scanning uploads; the sources in runs[0].properties.files). Sources never
fail a check; the exit code is the same in every format.

examples:
  attribution check drafts/story.txt
  attribution check --fail-on unresolved-pronoun 'drafts/**/*.txt'
  attribution check --fail-on never --format json drafts/ > findings.json
  attribution check --language en drafts/
  attribution check --format github 'drafts/**/*.txt'
  attribution check --format sarif drafts/ > attributions.sarif
  git diff --name-only main -- '*.txt' | xargs attribution check

""" + _EXIT_CODES.format(clean=": no finding at or above --fail-on",
                         findings="a finding at or above --fail-on")

SERVE_EPILOG = """\
Runs gunicorn with docker/gunicorn.conf.py and service.wsgi:app, as `make serve`
does. Arguments after -- go to gunicorn unchanged. Service limits come from the
environment (MAX_BODY_BYTES, MAX_TEXT_CHARS, MAX_BATCH_DOCUMENTS, MAX_BATCH_CHARS).

examples:
  attribution serve
  attribution serve --port 9000
  attribution serve --bind 127.0.0.1:8080 -- --workers 4
  MAX_TEXT_CHARS=100000 attribution serve
"""


class _Parser(argparse.ArgumentParser):
    """An argument parser whose ``--language`` help lists the engine's languages. They are read
    when the help is shown, not when the parser is built, so that a run (with ``--url`` none at
    all) loads the engine only when it needs it."""

    language_action: argparse.Action | None = None

    def format_help(self) -> str:
        if self.language_action is not None:
            self.language_action.help = _language_help()
        return super().format_help()


def _language_help() -> str:
    from ..attribution import LANGUAGES
    from ..attribution.engine import LANGUAGE_NAMES

    here = ", ".join(f"{code} ({LANGUAGE_NAMES[code][0]})" for code in LANGUAGES)
    return (f"language of the documents: {here}; with --url, a code the service has (its "
            f"GET /v1/languages). An unknown one is a usage error that lists them (default: en)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG, formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Find attributed statements (who said what, for whom, with what stance) "
                    "in news text.",
        epilog="examples:\n"
               "  attribution extract --format table article.txt\n"
               "  attribution check drafts/\n"
               "  attribution serve --port 8000\n\n"
               "`attribution COMMAND --help` shows each command's options and examples.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    extract = commands.add_parser(
        "extract", help="print the attributed statements of documents",
        description="Print the attributed statements of each document. The engine runs "
                    "in-process unless --url names a running service; both give the same JSON.",
        epilog=EXTRACT_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    _add_inputs(extract)
    extract.add_argument("--format", "-f", choices=FORMATS, default="json",
                         help="json: {\"results\": [...]} as the batch endpoint answers; jsonl: "
                              "one result a line; csv or table: one row a statement "
                              "(default: json)")
    _add_service(extract)

    check = commands.add_parser(
        "check", help="report editorial findings in drafts (for CI)",
        description="Report statements an editor should look at before publishing: no speaker, "
                    "anonymous sources, unresolved pronouns, unbalanced quotation marks; and "
                    "each document's sources: how many, of which kind and gender, and the "
                    "share of anonymous ones.",
        epilog=CHECK_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    _add_inputs(check)
    check.add_argument("--format", "-f", choices=("text", "json", "github", "sarif"),
                       default="text",
                       help="text: FILE:LINE:COL: KIND: MESSAGE lines, then each file's "
                            "sources; json; github: GitHub Actions annotations "
                            "(::error/::warning/::notice workflow commands); sarif: a SARIF "
                            "2.1.0 log for code scanning (default: text)")
    check.add_argument("--fail-on", choices=(*checks.KINDS, "never"),
                       default=checks.DEFAULT_FAIL_ON, metavar="KIND",
                       help="exit 1 when a finding of KIND or a more severe kind is found: "
                            f"{', '.join(checks.KINDS)} (most severe first) or never "
                            f"(default: {checks.DEFAULT_FAIL_ON})")
    _add_service(check)

    serve = commands.add_parser(
        "serve", help="start the HTTP service (gunicorn)",
        description="Start the HTTP service with gunicorn and the project's configuration.",
        epilog=SERVE_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    serve.add_argument("--port", type=int, help="port to listen on, on all interfaces "
                                                "(default: $PORT or 8000)")
    serve.add_argument("--bind", metavar="HOST:PORT", help="address to listen on instead")
    serve.add_argument("--config", metavar="PATH", help="gunicorn config file "
                                                        "(default: docker/gunicorn.conf.py)")
    serve.add_argument("gunicorn_args", nargs=argparse.REMAINDER, metavar="-- ARGS",
                       help="more gunicorn arguments")

    from ..spark_cli import add_spark_command  # `attribution spark`: service/spark_cli.py
    add_spark_command(commands)
    return parser


def _add_inputs(command: argparse.ArgumentParser) -> None:
    command.add_argument("inputs", nargs="+", metavar="INPUT",
                         help="files, directories, quoted globs, or - for standard input")
    command.add_argument("--input-format", choices=("auto", "text", "jsonl"), default="auto",
                         help="how to read inputs: auto decides by extension (.jsonl/.ndjson "
                              "are JSONL, the rest text; stdin is text) (default: auto)")
    command.add_argument("--stdin-name", default="<stdin>", metavar="NAME",
                         help="name of standard input in the output (default: <stdin>)")


def _add_service(command: argparse.ArgumentParser) -> None:
    language = command.add_argument("--language", metavar="CODE",
                                    help="language of the documents: a code the engine (or, with "
                                         "--url, the service) has data for; an unknown one is a "
                                         "usage error that lists them (default: en)")
    if isinstance(command, _Parser):  # the help then lists the engine's languages by name
        command.language_action = language
    command.add_argument("--url", metavar="URL",
                         help="call the service at URL (e.g. http://localhost:8000) instead of "
                              "running the engine in-process")
    command.add_argument("--timeout", type=float, default=30.0, metavar="SECONDS",
                         help="with --url: seconds to wait for each answer (default: 30)")
    command.add_argument("--retries", type=int, default=3, metavar="N",
                         help="with --url: repeats after a connection error or 503 "
                              "(default: 3)")


def main(argv: Sequence[str] | None = None, *, stdin: TextIO | None = None,
         stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run one command; returns the exit code (the console script passes it to ``sys.exit``)."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: --help exits 0, usage errors 2
        return int(exc.code or 0)
    if args.command == "serve":
        return _serve(args, stderr)
    if args.command == "spark":
        from ..spark_cli import run_spark_command
        return run_spark_command(args, stdout, stderr)
    return _Run(args, stdin, stdout, stderr).execute()


class _Run:
    """One ``extract`` or ``check`` run: inputs -> results -> output, with errors counted."""

    def __init__(self, args: argparse.Namespace, stdin: TextIO, stdout: TextIO,
                 stderr: TextIO) -> None:
        self.args, self.stdin, self.stdout, self.stderr = args, stdin, stdout, stderr
        self.input_errors = 0
        self.progress = _Progress(stderr)

    def error(self, message: str) -> None:
        self.progress.clear()
        self.input_errors += 1
        print(f"{PROG}: {message}", file=self.stderr)

    def documents(self, sources: list[Source]) -> Iterator[InputDocument]:
        if sum(s.path == "-" for s in sources) and self.stdin.isatty():
            print(f"{PROG}: reading standard input (end with Ctrl-D)", file=self.stderr)
        buffer = getattr(self.stdin, "buffer", None)  # a text stream in tests has none
        read_stdin = buffer.read if buffer is not None else \
            (lambda: self.stdin.read().encode("utf-8"))
        for number, source in enumerate(sources, start=1):
            self.progress.show(number, len(sources), source.path)
            yield from read(source, read_stdin, self.error, self.args.stdin_name)

    def execute(self) -> int:
        args = self.args
        if args.retries < 0 or args.timeout <= 0:
            print(f"{PROG}: --retries must be >= 0 and --timeout > 0", file=self.stderr)
            return EXIT_USAGE
        if not args.url and not self._known_language():
            return EXIT_USAGE
        sources, errors = expand(args.inputs, args.input_format)
        for message in errors:
            self.error(message)
        if not sources:
            return EXIT_USAGE
        try:
            runner = self._runner()
            if runner is None:
                return EXIT_USAGE
            if args.command == "extract":
                code = self._extract(runner, sources)
            else:
                code = self._check(runner, sources)
        except AttributionClientError as exc:
            self.progress.clear()
            print(f"{PROG}: service failed: {exc}", file=self.stderr)
            return EXIT_SERVICE
        except BrokenPipeError:  # the reader went away (`... | head`): stop quietly
            _silence(self.stdout)
            return EXIT_BROKEN_PIPE
        except KeyboardInterrupt:
            return EXIT_INTERRUPTED
        except Exception:  # never let a crash pass for exit 1 ("findings")
            self.progress.clear()
            print(f"{PROG}: internal error, please report it:\n{traceback.format_exc()}",
                  file=self.stderr)
            return EXIT_SERVICE
        finally:
            self.progress.clear()
        return EXIT_USAGE if self.input_errors else code

    def _known_language(self, client: AttributionClient | None = None) -> bool:
        """Whether --language names a language of the engine (of the service, with --url);
        if not, says which there are. A service without GET /v1/languages (404) is left to
        answer for itself."""
        code = self.args.language
        if code is None:
            return True
        if client is None:
            from ..attribution import LANGUAGES
            available, where = tuple(LANGUAGES), "available"
        else:
            try:
                available = tuple(language.code for language in client.languages())
            except ProblemError as exc:
                if exc.status == 404:
                    return True
                raise
            where = f"available at {self.args.url}"
        if code in available:
            return True
        print(f"{PROG}: unknown language {code!r} (--language); {where}: "
              f"{', '.join(available)}", file=self.stderr)
        return False

    def _runner(self) -> Runner | None:
        """The engine in-process, or the service at --url; None when the service does not
        have the --language asked for (said on stderr)."""
        from .runner import LocalRunner, RemoteRunner

        if self.args.url:
            client = AttributionClient(self.args.url, timeout=self.args.timeout,
                                       retries=self.args.retries)
            if not self._known_language(client):
                return None
            return RemoteRunner(client, language=self.args.language)
        return LocalRunner(language=self.args.language)

    def _refused(self, doc: InputDocument, problem: ProblemError) -> None:
        self.error(f"{doc.location}: the service refused it: {problem}")

    def _extract(self, runner: Runner, sources: list[Source]) -> int:
        out = writer(self.args.format, self.stdout)
        for doc, result in runner.run(self.documents(sources)):
            if isinstance(result, ProblemError):
                self._refused(doc, result)
            else:
                out.write(doc, result)
        out.close()
        return EXIT_OK

    def _check(self, runner: Runner, sources: list[Source]) -> int:
        found: list[checks.Finding] = []
        files: list[dict[str, object]] = []  # each document's sources, in input order
        fmt = self.args.format
        for doc, result in runner.run(self.documents(sources)):
            if isinstance(result, ProblemError):
                self._refused(doc, result)
                continue
            for finding in checks.findings(doc, result):
                found.append(finding)
                if fmt in ("text", "github"):
                    self.progress.clear()
                    print(finding.as_line() if fmt == "text" else
                          ci_formats.github_line(finding, self.args.fail_on), file=self.stdout)
            quoted = checks.sources(result)
            files.append({"file": doc.location, "document": doc.id, "sources": quoted.as_dict()})
            if fmt in ("text", "github"):
                self.progress.clear()
                print("\n".join(quoted.as_lines(doc.location)) if fmt == "text" else
                      ci_formats.github_sources_line(doc.location, doc.id, quoted),
                      file=self.stdout)
        fail_on = self.args.fail_on
        threshold = None if fail_on == "never" else checks.SEVERITY[fail_on]
        failing = [f for f in found
                   if threshold is not None and checks.SEVERITY[f.kind] >= threshold]
        counts = {kind: sum(f.kind == kind for f in found) for kind in checks.KINDS}
        if fmt == "json":
            json.dump({"findings": [f.as_dict() for f in found], "counts": counts,
                       "fail_on": fail_on, "failed": bool(failing), "files": files},
                      self.stdout, ensure_ascii=False, indent=2)
            self.stdout.write("\n")
        elif fmt == "sarif":
            self.stdout.write(ci_formats.dump_sarif(
                ci_formats.sarif_log(found, fail_on, _version(), files)))
        if found:
            self.progress.clear()
            summary = ", ".join(f"{n} {kind}" for kind, n in counts.items() if n)
            print(f"{PROG}: {len(found)} finding{'s' * (len(found) != 1)} ({summary}); "
                  f"{len(failing)} at or above --fail-on {fail_on}", file=self.stderr)
        return EXIT_FINDINGS if failing else EXIT_OK


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version
    try:
        return version("statement-attribution")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown"


def _silence(stream: TextIO) -> None:
    """After a broken pipe: point stdout at /dev/null so the interpreter's final flush is quiet."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file (tests)
        pass


class _Progress:
    """``[3/40] drafts/c.txt`` on one rewritten stderr line, only when stderr is a terminal."""

    def __init__(self, stream: TextIO) -> None:
        isatty = getattr(stream, "isatty", None)
        self.stream = stream
        self.enabled = bool(isatty and isatty())
        self.width = 0

    def show(self, number: int, total: int, name: str) -> None:
        if not self.enabled or total < 2:
            return
        line = f"[{number}/{total}] {name}"[:max(20, _columns() - 1)]
        self.stream.write("\r" + line.ljust(self.width))
        self.stream.flush()
        self.width = len(line)

    def clear(self) -> None:
        if self.enabled and self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
            self.width = 0


def _columns() -> int:
    import shutil
    return shutil.get_terminal_size((80, 24)).columns


def _serve(args: argparse.Namespace, stderr: TextIO) -> int:
    root = Path(__file__).resolve().parents[2]
    config = Path(args.config) if args.config else root / "docker" / "gunicorn.conf.py"
    if not config.is_file():
        print(f"{PROG}: no gunicorn config at {config}; pass --config PATH", file=stderr)
        return EXIT_USAGE
    extra = list(args.gunicorn_args)
    if extra and extra[0] == "--":
        extra = extra[1:]
    command = [sys.executable, "-m", "gunicorn", "--config", str(config.resolve())]
    if args.bind:
        command += ["--bind", args.bind]
    elif args.port is not None:
        command += ["--bind", f"0.0.0.0:{args.port}"]
    command += [*extra, "service.wsgi:app"]
    stderr.flush()
    os.execv(sys.executable, command)
    return EXIT_SERVICE  # not reached: execv replaces this process


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
