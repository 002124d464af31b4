"""The hostile-text corpus: texts that real newsroom systems send (or that an attacker would),
generated here from a fixed seed so every run sends the same bytes.

Each entry is ``(name, text)``. Sizes are chosen to be at or near the service's default limits
(MAX_TEXT_CHARS=500,000 characters, MAX_BODY_BYTES=2 MiB), so the corpus exercises the engine at
the largest inputs it is allowed to see, not at toy sizes. ``SCALE`` shrinks every size for a
quick local run (``RELIABILITY_SCALE=0.1``); CI uses 1.
"""
from __future__ import annotations

import os
import random

SCALE = float(os.environ.get("RELIABILITY_SCALE", "1"))

QUOTE_MARKS = ['"', "'", "\u201c", "\u201d", "\u2018", "\u2019", "\u201e", "\u00ab", "\u00bb",
               "\u2039", "\u203a", "''", "``", "\u300c", "\u300d", "\u201a", "\u201f"]
WORDS = ("minister said the talks would resume on Monday and not a day later according to "
         "officials who spoke on condition of anonymity while the spokesperson denied it").split()
CAPITALISED = ("President Minister Ukraine Chinese Foreign Ministry Spokesman Lin Jian North "
               "Korea Said The Pentagon Kyiv Post According Mr Mrs Dr Secretary General").split()


def _n(size: int) -> int:
    return max(1, int(size * SCALE))


def _sentence(rng: random.Random, words: int = 12) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words))


def _fill(piece: str, size: int) -> str:
    """``piece`` repeated up to exactly ``size`` characters."""
    return (piece * (size // len(piece) + 1))[:size]


def hostile_texts() -> list[tuple[str, str]]:
    rng = random.Random(20240604)
    big = _n(480_000)  # just under MAX_TEXT_CHARS
    corpus: list[tuple[str, str]] = []

    def add(name: str, text: str) -> None:
        corpus.append((name, text[:big]))  # at most just under the limit: the engine must cope

    # Quotation marks: unbalanced, nested, enormous runs, every style mixed.
    add("unbalanced-open", '"' + " ".join(_sentence(rng) for _ in range(_n(3000))))
    add("unbalanced-close", " ".join(_sentence(rng) for _ in range(_n(3000))) + '," he said.')
    add("unbalanced-per-paragraph", "\n\n".join(
        f'\u201c{_sentence(rng)}, the minister said' for _ in range(_n(3000))))
    nested = "".join(f'{m}{_sentence(rng, 3)} ' for m in QUOTE_MARKS * 4)
    add("nested-quotes", '"' * 200 + nested + "\u201d" * 200 + " she said.")
    add("deeply-nested", "".join(f'{QUOTE_MARKS[i % len(QUOTE_MARKS)]}he said ' for i in
                                 range(_n(20_000))))
    add("100k-straight-quotes", '"' * _n(100_000))
    add("100k-curly-quotes", "\u201c\u201d" * _n(50_000))
    add("100k-quote-said", _fill('"x," he said. ', _n(100_000 * 14 // 3)))
    add("100k-quotes-spaced", _fill('" ', _n(200_000)))
    add("every-style-mixed", "".join(rng.choice(QUOTE_MARKS) + _sentence(rng, rng.randint(1, 8))
                                     + rng.choice(QUOTE_MARKS) + rng.choice([" he said. ", ", ",
                                                                             " "])
                                     for _ in range(_n(15_000))))
    add("apostrophes", _fill("the minister's dog's owner's 'friend' rock 'n' roll '90s ", big))

    # No punctuation at all; one enormous word; megabytes of capitalised words.
    add("no-punctuation", _fill(" ".join(rng.choice(WORDS) for _ in range(_n(100_000))), big))
    add("one-long-word", "a" * big)
    add("capitalised-words", " ".join(rng.choice(CAPITALISED) for _ in range(_n(60_000))))
    add("capitalised-said", _fill("Minister President General Secretary said ", big))
    add("capitalised-no-space", _fill("MinisterPresidentGeneral", big))

    # Whitespace: pathological runs and mixes, line endings of every kind.
    add("only-spaces", " " * big)
    add("whitespace-mix", _fill(" \t\n\r\u00a0\u2028\u2029\u3000\u200b\u200d\ufeff\u202e", big))
    add("newlines", "\n" * big)
    add("crlf-paragraphs", "\r\n\r\n".join(f'"{_sentence(rng)}," she said.' for _ in
                                           range(_n(8000))))
    add("lone-cr", "\r".join(f'"{_sentence(rng)}," he said' for _ in range(_n(8000))))
    add("spaces-between-quotes", _fill('"' + " " * 1000 + '"', big))

    # Markup.
    add("html", "".join(f'<p class="x"><a href="/a?b=c&amp;d">{_sentence(rng)}</a> '
                        f'&ldquo;{_sentence(rng, 5)}&rdquo; <b>he</b> said.</p>\n'
                        for _ in range(_n(3000))))
    add("markdown", "".join(f'# {_sentence(rng, 3)}\n\n> "{_sentence(rng)}," **she** said.\n\n'
                            f'- [{_sentence(rng, 2)}](http://example.org) `code "x"`\n\n'
                            for _ in range(_n(3000))))
    add("script-tags", _fill('<script>alert("x")</script>"hi," she said. ', _n(100_000)))

    # Control characters and other code points that break naive code.
    add("nul-and-controls", "".join(chr(c) for c in range(32)) * _n(2000) + '"ok," he said.')
    add("nul-inside-quote", '"We\x00will\x00rebuild," the\x00mayor said.')
    add("zero-width-bidi", _fill('\u200b"\u202eWe will\u202c \u2066rebuild,\u2069" he\u200d said. ',
                                 _n(100_000)))
    add("combining-marks", _fill("a\u0301\u0302\u0303\u0304" * 10 + ' "x" said ', _n(100_000)))
    add("emoji-and-astral", _fill('\U0001F600"\U0001F1FA\U0001F1E6," \U0001D400 said. ',
                                  _n(100_000)))
    add("lone-surrogate-escape", '"a\ud800b," he said.')  # only JSON can carry this one
    add("empty", "")
    add("single-quote-mark", '"')
    return corpus


def oversized_texts() -> list[tuple[str, str, str]]:
    """``(name, text, limit)``: texts over a default limit, each answered 413 naming ``limit``
    (characters over MAX_TEXT_CHARS, or UTF-8 bytes over MAX_BODY_BYTES) whatever their content."""
    rng = random.Random(7)
    return [
        ("1mb-no-punctuation", " ".join(rng.choice(WORDS) for _ in range(200_000)),
         "MAX_TEXT_CHARS"),
        ("1mb-of-quote-marks", '"' * 1_000_000, "MAX_TEXT_CHARS"),
        ("3mb-capitalised-words", " ".join(rng.choice(CAPITALISED) for _ in range(400_000)),
         "MAX_BODY_BYTES"),
        ("2mb-of-4-byte-characters", "\U0001F600" * 540_000, "MAX_BODY_BYTES"),
    ]
