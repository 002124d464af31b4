"""Reading README.md and docs/*.md as a reader sees them: sections, fenced blocks, tables."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
DOCS = ROOT / "docs"


def text(path: Path = README) -> str:
    return path.read_text(encoding="utf-8")


def section(heading: str, path: Path = README) -> str:
    """The text under a heading (``## Quick start``), up to the next heading of its level."""
    body = text(path)
    level = heading.split(" ", 1)[0]
    assert f"\n{heading}\n" in "\n" + body, f"{path.name} has no {heading!r} section"
    after = ("\n" + body).split(f"\n{heading}\n", 1)[1]
    return re.split(rf"^{level} ", after, flags=re.M)[0]


def blocks(part: str, language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```$", part, flags=re.S | re.M)


def table(part: str, first_header: str) -> list[list[str]]:
    """The rows of the Markdown table whose header starts with ``| first_header``."""
    lines = part.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"| {first_header}"))
    rows = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip().strip("|").split(" | ")])
    return rows


def shell_commands(block: str) -> list[str]:
    """The commands of a shell block: comments dropped, continued lines joined."""
    joined = re.sub(r"\\\n\s*", "", block)
    return [re.sub(r"\s+#.*$", "", line).strip() for line in joined.splitlines()
            if line.strip() and not line.lstrip().startswith("#")]
