"""Editorial findings for ``attribution check``: what an editor should look at before publishing.

Kinds, most severe first (``--fail-on KIND`` fails on that kind and every kind above it):

====================  =====================================================================
unbalanced-quote      a quotation mark opened and never closed, or closed and never opened
                      (read from the text itself, not from the engine)
unresolved-pronoun    a statement whose speaker is only a pronoun (``he said``) that the engine
                      could not resolve to a name earlier in the text
no-speaker            a statement with no speaker at all (``it was reported that ...``)
anonymous-source      a statement attributed to an anonymous source (``a source said``)
====================  =====================================================================

Beside the findings, :func:`sources` sums up whom each document quotes, for a desk that holds
drafts to a sourcing policy: its distinct sources (the speakers), how many of each kind, how
many the article says are women or men, and the share of them that are anonymous.
"""
from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from ..client import Attribution, Quote
from .inputs import InputDocument

KINDS: tuple[str, ...] = ("unbalanced-quote", "unresolved-pronoun", "no-speaker",
                          "anonymous-source")
SEVERITY = {kind: len(KINDS) - rank for rank, kind in enumerate(KINDS)}
DEFAULT_FAIL_ON = "no-speaker"

# A mention made only of one of these words names nobody by itself.
PRONOUNS = frozenset("""
    i me my we us our ours you your he him his she her hers it its they them their theirs
    one someone somebody this that these those who
""".split())

# Double quotation marks only: single marks (' ‘ ’) are too often apostrophes to count.
# Each opening mark with the mark that closes it; " and '' close themselves.
_CLOSER_OF = {"“": "”", "„": "“", "«": "»", "‹": "›", "``": "''", '"': '"', "''": "''"}
_CLOSERS = frozenset({"”", "»", "›"})


@dataclass(frozen=True, slots=True)
class Finding:
    location: str
    line: int
    column: int
    start: int
    end: int
    kind: str
    message: str
    document: str
    quote: str | None = None
    end_line: int = 0     # where the finding ends (exclusive column), 1-based like line/column
    end_column: int = 0

    def as_line(self) -> str:
        """``file:line:col: kind: message``, the form CI systems and editors read."""
        return f"{self.location}:{self.line}:{self.column}: {self.kind}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {"file": self.location, "line": self.line, "column": self.column,
                "start": self.start, "end": self.end, "kind": self.kind,
                "message": self.message, "document": self.document, "quote": self.quote}


# The speaker kinds and genders of the v1 contract, in the order summaries list them.
SOURCE_KINDS: tuple[str, ...] = ("person", "organization", "anonymous", "unknown")
GENDERS: tuple[str, ...] = ("female", "male")
NOT_STATED = "not_stated"


@dataclass(frozen=True, slots=True)
class Sources:
    """Whom one document quotes. ``by_kind`` and ``by_gender`` each add up to ``total``; a
    source whose gender the article does not give (always so for organizations and groups) is
    counted as not stated."""
    by_kind: dict[str, int]
    by_gender: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.by_kind.values())

    @property
    def anonymous(self) -> int:
        return self.by_kind.get("anonymous", 0)

    @property
    def anonymous_share(self) -> float | None:
        """Anonymous sources over all sources; None when there is no source to share."""
        return self.anonymous / self.total if self.total else None

    def as_dict(self) -> dict[str, object]:
        share = self.anonymous_share
        return {"total": self.total, "by_kind": dict(self.by_kind),
                "by_gender": dict(self.by_gender),
                "anonymous_share": None if share is None else round(share, 4)}

    def _kinds(self) -> str:
        return ", ".join(f"{n} {kind}" for kind, n in self.by_kind.items())

    def _genders(self) -> str:
        return ", ".join(f"{n} {gender.replace('_', ' ')}" for gender, n in self.by_gender.items())

    def _anonymous(self) -> str:
        share = self.anonymous_share
        return f"{self.anonymous} of {self.heading()}" + \
            ("" if share is None else f" ({share:.0%})")

    def heading(self) -> str:
        return f"{self.total} source{'' if self.total == 1 else 's'}"

    def as_lines(self, location: str) -> list[str]:
        """The text format's block: ``FILE: N sources`` and, when there are any, three lines
        indented under it (by kind, by gender, the anonymous share)."""
        lines = [f"{location}: {self.heading()}"]
        if self.total:
            lines += [f"  by kind: {self._kinds()}", f"  by gender: {self._genders()}",
                      f"  anonymous: {self._anonymous()}"]
        return lines

    def as_sentence(self) -> str:
        """The same on one line (a CI annotation)."""
        if not self.total:
            return self.heading()
        return (f"{self.heading()}: {self._kinds()}; by gender: {self._genders()}; "
                f"anonymous: {self._anonymous()}")


def sources(result: Attribution) -> Sources:
    """The distinct sources of one result: each entry of ``speakers``, and each speaker of a
    statement that the engine tied to no entry (one per distinct name or, without a name, per
    distinct mention words such as an unresolved ``he``)."""
    seen: dict[tuple[str, ...], tuple[str, str | None]] = {
        ("entity", speaker.id): (speaker.kind, speaker.gender) for speaker in result.speakers}
    for quote in result.quotes:
        ref = quote.speaker
        if ref is None or ("entity", ref.entity or "") in seen:
            continue
        words = ref.name or (ref.mention.text if ref.mention else None) or ""
        key = ("name", ref.kind, " ".join(words.lower().split())) if words.strip() \
            else ("quote", quote.id)
        seen.setdefault(key, (ref.kind, ref.gender))
    kinds = Counter(kind for kind, _ in seen.values())
    genders = Counter(gender if gender else NOT_STATED for _, gender in seen.values())
    by_kind = {kind: kinds.pop(kind, 0) for kind in SOURCE_KINDS} | dict(sorted(kinds.items()))
    by_gender = {gender: genders.pop(gender, 0) for gender in GENDERS}
    not_stated = genders.pop(NOT_STATED, 0)
    by_gender |= dict(sorted(genders.items())) | {NOT_STATED: not_stated}
    return Sources(by_kind, by_gender)


def findings(doc: InputDocument, result: Attribution) -> list[Finding]:
    """Every finding in one document, ordered by position, then by severity."""
    lines = _LineIndex(doc.text)

    def make(start: int, end: int, kind: str, message: str, quote: str | None = None) -> Finding:
        line, column = lines.position(start)
        end_line, end_column = lines.position(end)
        return Finding(doc.location, line, column, start, end, kind, message, doc.id, quote,
                       end_line, end_column)

    found = [make(start, start + len(mark), "unbalanced-quote", message)
             for start, mark, message in unbalanced_quotes(doc.text)]
    for quote in result.quotes:
        found.extend(make(*item, quote=quote.id) for item in _quote_findings(quote))
    return sorted(found, key=lambda f: (f.start, -SEVERITY[f.kind], f.end))


def _quote_findings(quote: Quote) -> Iterator[tuple[int, int, str, str]]:
    start, end = quote.span.start, quote.span.end
    speaker = quote.speaker
    if speaker is None:
        yield start, end, "no-speaker", f"statement has no speaker: {_excerpt(quote.text)}"
        return
    if speaker.kind == "anonymous":
        said_by = f" ({speaker.mention.text})" if speaker.mention and speaker.mention.text else ""
        yield (start, end, "anonymous-source",
               f"statement attributed to an anonymous source{said_by}: {_excerpt(quote.text)}")
    mention = speaker.mention
    if mention is not None and (_is_pronoun(mention.text) and (speaker.name is None or _is_pronoun(speaker.name))
                                or _unresolved_word(speaker.name, speaker.kind, mention.text)):
        yield (mention.start, mention.end, "unresolved-pronoun",
               f"speaker is only \"{mention.text}\", with no name found for it: "
               f"name the speaker of {_excerpt(quote.text)}")


def _unresolved_word(name: str | None, kind: str, mention: str) -> bool:
    """A one-word source the engine could not name or classify, in any language: a pronoun it
    could not resolve ("…“, sagte er.", "— …, — сказал он.")."""
    return name is None and kind == "unknown" and len(mention.split()) == 1


def _is_pronoun(words: str | None) -> bool:
    return words is not None and words.strip().lower() in PRONOUNS


def _excerpt(text: str, width: int = 50) -> str:
    flat = " ".join(text.split())
    return "“" + (flat if len(flat) <= width else flat[:width - 1].rstrip() + "…") + "”"


def unbalanced_quotes(text: str) -> list[tuple[int, str, str]]:
    """``(offset, mark, message)`` for each quotation mark that is not balanced, in text order.

    Paragraphs are lines. A paragraph that leaves a quotation open is fine when the next
    non-blank paragraph opens with a quotation mark (the newsroom convention for a quote that runs
    over several paragraphs). Quotations nest (``« ... “ ... ” ... »``); straight ``"`` and ``''``
    close an open ``"``/``''`` and open otherwise; ``“`` closes a ``„`` (German style) and opens
    otherwise; a closing mark closes whatever is open, so mixed styles are not flagged. Linear in
    the length of the text.
    """
    problems: list[tuple[int, str, str]] = []
    stack: list[tuple[int, str]] = []  # open quotations: (offset, mark)

    def never_closed() -> None:
        problems.extend((at, mark, f"{mark} opened here is never closed") for at, mark in stack)
        stack.clear()

    position = 0
    for paragraph in text.split("\n"):
        body = paragraph.lstrip()
        lead = position + len(paragraph) - len(body)
        position += len(paragraph) + 1
        if not body.strip():
            continue
        marks = list(_marks(body, lead))
        if stack:
            if marks and marks[0][0] == lead and marks[0][1] not in _CLOSERS:
                marks = marks[1:]  # the continuation's opening mark: still the same quotation
            else:
                never_closed()
        for offset, mark in marks:
            if stack and mark == _CLOSER_OF[stack[-1][1]]:
                stack.pop()
            elif mark in _CLOSERS:
                if stack:
                    stack.pop()
                else:
                    problems.append((offset, mark, f"{mark} closes a quotation that was never "
                                                   f"opened"))
            else:
                stack.append((offset, mark))
    never_closed()
    return sorted(problems)


def _marks(paragraph: str, offset: int) -> Iterator[tuple[int, str]]:
    i, n = 0, len(paragraph)
    while i < n:
        pair = paragraph[i:i + 2]
        if pair in ("``", "''"):
            yield offset + i, pair
            i += 2
            continue
        char = paragraph[i]
        if char in '"“”„«»‹›':
            yield offset + i, char
        i += 1


class _LineIndex:
    """1-based line and column (in code points) of an offset."""

    def __init__(self, text: str) -> None:
        self._starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset) - 1
        return line + 1, offset - self._starts[line] + 1
