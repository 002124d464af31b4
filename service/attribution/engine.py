"""Assembly: run the stages in order and build the frozen result (first version: direct quotes)."""
from __future__ import annotations

import re
import time

from .model import Quote, Result, Span, Stance

ENGINE_VERSION = "0.1.0"

_QUOTE = re.compile(r'"([^"\n]{1,2000})"|“([^”\n]{1,2000})”')


def attribute(text: str) -> Result:
    """Return every attributed statement found in ``text`` (never modified)."""
    started = time.perf_counter()
    quotes = []
    for m in _QUOTE.finditer(text):
        g = 1 if m.group(1) is not None else 2
        span = Span(m.start(g), m.end(g), m.group(g))
        quotes.append(Quote(id=f"q{len(quotes) + 1}", type="direct", span=span, fragments=(span,),
                            cue=None, speaker=None, affiliation=None,
                            stance=Stance("neutral", 0.0, False, ()), confidence=0.5,
                            rule="quoted-span"))
    return Result(tuple(quotes), (), len(text), (time.perf_counter() - started) * 1000.0,
                  ENGINE_VERSION)
