"""The command line's inputs: files, directories, globs and stdin, as plain text or JSONL.

* ``FILE.txt`` (any extension but ``.jsonl``/``.ndjson``): one document, its id the path.
* ``FILE.jsonl`` / ``FILE.ndjson``: one document per line, ``{"id": ..., "text": ...}``; a line
  without ``id`` gets ``<line number>``. Blank lines are skipped.
* a directory: every ``*.txt`` below it, sorted by path.
* a glob (``'drafts/**/*.txt'``, quoted so the shell leaves it alone): the files it matches.
* ``-``: standard input, plain text (or JSONL with ``--input-format jsonl``).

A text that is empty or only whitespace is an input error (exit 2), as the service refuses it
(422): nothing is attributed for it.

Text is decoded as UTF-8 (a leading byte-order mark is dropped) and otherwise kept exactly as
read, line endings included, so offsets in the output index the document as it is on disk.
"""
from __future__ import annotations

import glob
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal

NOTHING_TO_ANALYSE = "nothing to analyse (the text is empty or only whitespace)"

InputFormat = Literal["auto", "text", "jsonl"]
JSONL_SUFFIXES = (".jsonl", ".ndjson")


class InputError(Exception):
    """An input that cannot be read; the message names it."""


@dataclass(frozen=True, slots=True)
class Source:
    path: str  # "-" for standard input
    kind: Literal["text", "jsonl"]


@dataclass(frozen=True, slots=True)
class InputDocument:
    """One document to attribute. ``location`` names it in findings (``file`` or ``file#id``)."""

    id: str
    text: str
    location: str


def expand(specs: list[str], input_format: InputFormat = "auto") -> tuple[list[Source], list[str]]:
    """Turn the command line's arguments into sources, in order, each once; plus error messages."""
    sources: list[Source] = []
    errors: list[str] = []
    seen: set[str] = set()

    def add(path: str) -> None:
        key = path if path == "-" else os.path.normpath(path)
        if key in seen:
            return
        seen.add(key)
        sources.append(Source(path, _kind(path, input_format)))

    for spec in specs:
        if spec == "-":
            add(spec)
        elif os.path.isdir(spec):
            found = sorted(_txt_below(spec))
            if not found:
                errors.append(f"{spec}: directory has no .txt files")
            for path in found:
                add(path)
        elif os.path.exists(spec):
            add(spec)
        elif glob.has_magic(spec):
            found = sorted(p for p in glob.glob(spec, recursive=True) if os.path.isfile(p))
            if not found:
                errors.append(f"{spec}: no file matches")
            for path in found:
                add(path)
        else:
            errors.append(f"{spec}: no such file or directory")
    return sources, errors


def read(source: Source, read_stdin: Callable[[], bytes], report: Callable[[str], None],
         stdin_name: str = "<stdin>") -> Iterator[InputDocument]:
    """The documents of one source. Unreadable sources and bad JSONL lines go to ``report``."""
    name = stdin_name if source.path == "-" else source.path
    try:
        data = read_stdin() if source.path == "-" else _read_bytes(source.path)
        text = _decode(data, name)
    except InputError as exc:
        report(str(exc))
        return
    if source.kind == "text":
        if not text.strip():  # as the service answers 422: there is nothing to attribute
            report(f"{name}: {NOTHING_TO_ANALYSE}")
            return
        yield InputDocument(id=name, text=text, location=name)
        return
    # split("\n"), not splitlines(): JSON strings may hold U+2028 and other line separators.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            yield _jsonl_document(line, name, number)
        except InputError as exc:
            report(str(exc))


def _kind(path: str, input_format: InputFormat) -> Literal["text", "jsonl"]:
    if input_format != "auto":
        return input_format
    return "jsonl" if path.lower().endswith(JSONL_SUFFIXES) else "text"


def _txt_below(directory: str) -> Iterator[str]:
    for root, dirs, files in os.walk(directory):
        dirs.sort()
        for name in files:
            if name.lower().endswith(".txt"):
                yield os.path.join(root, name)


def _read_bytes(path: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not UTF-8 (byte {exc.start}: {exc.reason})") from None


def _jsonl_document(line: str, name: str, number: int) -> InputDocument:
    where = f"{name}:{number}"
    try:
        record = json.loads(line)
    except ValueError as exc:
        raise InputError(f"{where}: not JSON: {exc}") from None
    if not isinstance(record, dict):
        raise InputError(f"{where}: expected a JSON object with \"text\"")
    text = record.get("text")
    if not isinstance(text, str):
        raise InputError(f"{where}: \"text\" must be a string")
    if not text.strip():
        raise InputError(f"{where}: {NOTHING_TO_ANALYSE}")
    raw_id = record.get("id")
    if raw_id is None:
        doc_id = str(number)
    elif isinstance(raw_id, (str, int)) and not isinstance(raw_id, bool):
        doc_id = str(raw_id)
    else:
        raise InputError(f"{where}: \"id\" must be a string or a whole number")
    return InputDocument(id=doc_id, text=text, location=f"{name}#{doc_id}")
