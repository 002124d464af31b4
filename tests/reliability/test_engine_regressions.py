"""Engine defects found by the reliability work, kept as regression tests. The engine is the
lead's (service/attribution/); a defect still open would be marked xfail with its reason."""
from __future__ import annotations

from service.attribution import attribute


def test_two_one_letter_straight_quotes_pair_their_own_marks():
    # Fixed on main: the second statement used to run from inside the first quote to inside
    # the second ('x," he said. "y').
    text = '"x," he said. "y," she said.'
    assert [quote.span.text for quote in attribute(text).quotes] == ["x", "y"]


def test_longer_straight_quotes_pair_their_own_marks():
    text = '"Yes," he said. "No," she said.'
    assert [quote.span.text for quote in attribute(text).quotes] == ["Yes", "No"]


def test_statements_in_text_without_sentence_ends_do_not_overlap():
    # Fixed on main: each "said" used to open a statement running to the end of the text, so
    # the output grew with the square of the input.
    text = "the minister said the talks would resume " * 50 + '," he said.'
    spans = sorted((q.span.start, q.span.end) for q in attribute(text).quotes)
    assert all(end <= next_start for (_, end), (next_start, _) in zip(spans, spans[1:]))
