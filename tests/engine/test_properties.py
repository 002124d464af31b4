"""Properties of the engine over arbitrary text (hypothesis).

Whatever the input -- any Unicode, control characters, NUL, CR/LF mixes, zero-width and bidi
marks, combining characters, emoji, very long words, storms of quotation marks of every style --
``attribute(text)``:

- returns a Result and never raises;
- gives exact offsets: for every span, fragment, cue, speaker mention, stance evidence and speaker
  mention in ``speakers``, ``text[start:end] == .text``, inside ``[0, len(text)]``;
- lists each statement's fragments in order, non-empty, non-overlapping, inside the text, and its
  span runs from the first fragment's start to the last fragment's end;
- orders statements by ``span.start``; statement ids and speaker ids are unique;
- links both ways: every ``speaker.entity`` is a listed speaker whose ``quotes`` holds that
  statement, every id in a speaker's ``quotes`` is a statement spoken by that speaker;
- uses only the closed label sets of the contract, confidence in [0, 1], stance score in [-1, 1];
- is deterministic (two runs give equal results, timing aside) and works on the text as received:
  ``characters == len(text)`` and the exact offsets above. (A Python ``str`` cannot be changed in
  place, so "input not mutated" comes down to these: nothing is measured on a normalised copy.)

All but determinism are the contract's promises, checked by the checker the API, wire, client and
command-line tests share (tests/support/contract.py).

Examples are bounded (``max_examples`` 200 a property, no deadline) so the module runs in well
under a minute; speed itself is measured in benchmarks/engine_throughput.py, not here.
"""
from __future__ import annotations

import dataclasses

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service.attribution import attribute
from service.attribution.model import Result
from tests.support.contract import check_result

QUOTE_MARKS = ['"', "'", "\u201c", "\u201d", "\u2018", "\u2019", "\u201e", "\u201a", "\u00ab", "\u00bb",
               "\u2039", "\u203a", "''", "``", "`", "\u300c", "\u300d", "\uff02"]
ODD = ["\x00", "\r", "\r\n", "\n", "\n\n", "\t", "\x0b", "\x0c", "\x1c", "\x1f", "\x7f", "\x85",
       "\u2028", "\u2029", "\u00a0", "\u2009", "\u3000",
       "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff",                    # zero-width
       "\u200e", "\u200f", "\u061c", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",
       "\u2066", "\u2067", "\u2068", "\u2069",                              # bidi marks
       "\u0301", "\u0308", "\u0327", "\u20dd", "e\u0301", "\u1100\u1161",   # combining
       "\U0001f600", "\U0001f44d\U0001f3fd", "\U0001f468\u200d\U0001f469\u200d\U0001f467",
       "\U0001f1fa\U0001f1e6", "\ufffd", "\U000e0041", "\ud800", "\udfff"]  # emoji, tags, lone surrogates
WORDS = ["said", "says", "told", "warned", "praised", "adding", "saying", "reported", "according", "to",
         "that", "It", "was", "he", "she", "they", "He", "The", "the", "Pentagon", "Kyiv", "Post",
         "Helen", "Marsh", "Sen.", "Mr.", "U.S.", "Gen.", "J.", "de", "la", "spokesman", "Foreign",
         "Ministry", "Ukrainian", "President", "of", "for", "a", "source", "officials", "who", "May",
         "may", "illegal", "escalation", "no", "not", "reporters", "on", "Tuesday", "in", "statement",
         "O'Brien", "players'", "'90s", "rock", "'n'", "so-called", "\u00e9t\u00e9", "\u0417\u0435\u043b\u0435\u043d\u0441\u044c\u043a\u0438\u0439", "\u5317\u4eac", "\u0627\u0644\u0633\u0644\u0627\u0645"]
PUNCT = [",", ".", ":", ";", "?", "!", "\u2014", "\u2013", "-", "(", ")", "[", "]", "...", "\u2026", "&",
         "/", "#", "@", "1,000", "10", "2024"]
SEPARATORS = [" ", " ", " ", "", "\n", "\r\n", "\r", "\n\n", "  ", "\t", "\u00a0"]

token = st.one_of(st.sampled_from(WORDS), st.sampled_from(QUOTE_MARKS), st.sampled_from(PUNCT),
                  st.sampled_from(ODD), st.text(max_size=4))
news_like = st.lists(st.tuples(token, st.sampled_from(SEPARATORS)), max_size=120).map(
    lambda parts: "".join(t + s for t, s in parts))
any_unicode = st.text(alphabet=st.characters(exclude_categories=()), max_size=300)
quote_storm = st.lists(st.tuples(st.sampled_from(QUOTE_MARKS + WORDS[:12] + [",", ".", "\n"]),
                                 st.sampled_from(["", " ", "\n"])), min_size=20, max_size=400).map(
    lambda parts: "".join(t + s for t, s in parts))
long_words = st.lists(st.one_of(
    st.builds(lambda ch, n: ch * n, st.sampled_from(["a", "Z", "\u00e9", "e\u0301", "\u200b", "x'", "\u201c"]),
              st.integers(500, 20000)),
    st.sampled_from(WORDS + QUOTE_MARKS)), min_size=1, max_size=8).map(" ".join)

BOUNDED = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check(text: str) -> Result:
    """Run the engine on ``text`` and check every invariant of the contract
    (tests/support/contract.py), then determinism; returns the result."""
    result = attribute(text)
    assert isinstance(result, Result)
    check_result(text, result)
    again = attribute(text)
    assert dataclasses.replace(again, elapsed_ms=0.0) == dataclasses.replace(result, elapsed_ms=0.0), (
        "two runs on the same text differ")
    return result


@BOUNDED
@given(any_unicode)
def test_any_unicode(text: str) -> None:
    check(text)


@BOUNDED
@given(news_like)
def test_news_like_mixtures(text: str) -> None:
    check(text)


@BOUNDED
@given(quote_storm)
def test_quotation_mark_storms(text: str) -> None:
    check(text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(long_words)
def test_very_long_words(text: str) -> None:
    check(text)


@BOUNDED
@given(st.lists(st.sampled_from(ODD + QUOTE_MARKS), max_size=60).map("".join))
def test_only_odd_characters(text: str) -> None:
    check(text)


def test_the_checks_see_statements():
    """The invariants above are checked on real output, not only on empty results."""
    text = ('Estonian President Kaja Tamm said the border would stay open.\r\n'
            '\u201cTrade will continue,\u201d she said.\u200b "\U0001f600 is fine," Tamm added.')
    result = check(text)
    assert len(result.quotes) >= 2
    assert result.speakers and result.speakers[0].quotes


def test_empty_and_blank_texts():
    for text in ("", " ", "\n\n", "\r", "\x00", '"', "\u201c\u201d"):
        result = check(text)
        assert result.quotes == () and result.speakers == ()


def _broken(change):
    """``attribute`` with one statement of its output altered by ``change``."""
    real = attribute

    def run(text: str) -> Result:
        result = real(text)
        first = change(result.quotes[0])
        return dataclasses.replace(result, quotes=(first,) + result.quotes[1:])
    return run


def test_the_checks_catch_broken_output(monkeypatch):
    """The checker fails on wrong offsets, fragment order and dangling ids (so it can fail)."""
    import sys
    module = sys.modules[__name__]
    text = '"We will rebuild the school," Helen Marsh said, "and the library."'
    shifted = lambda q: dataclasses.replace(q, span=dataclasses.replace(q.span, start=q.span.start + 1))
    reordered = lambda q: dataclasses.replace(q, fragments=tuple(reversed(q.fragments)))
    dangling = lambda q: dataclasses.replace(q, speaker=dataclasses.replace(q.speaker, entity="s99"))
    for change in (shifted, reordered, dangling):
        monkeypatch.setattr(module, "attribute", _broken(change))
        try:
            check(text)
        except AssertionError:
            pass
        else:
            raise AssertionError(f"check() accepted output altered by {change}")
