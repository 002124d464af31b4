"""Engine regressions, named after the case that broke (spaCy style)."""
from __future__ import annotations

from service.attribution import attribute
from tests.support.contract import check_result


def test_multi_paragraph_quote_with_an_empty_paragraph_piece_gives_no_empty_fragment():
    # Found by tests/engine/test_properties.py (quotation-mark storms): a quote carried over
    # paragraphs whose second paragraph held only its opening mark gave a fragment (19, 19).
    text = ('minister"Yes said\n\u201c\n\u201e ,minister\n\u00abno\ntold \n minister ``\n.\n,\nthe,\u2019 '
            'according Smith\nSmith\n"YesHe\n"YesSmith\nsaid\'toto\nwe \nminister\ntheminister``\nwe said ')
    check_result(text, attribute(text))   # fragments non-empty, in order, exact, among the rest


def test_a_quoted_phrase_ending_a_mixed_statement_keeps_its_closing_mark():
    # Issue 15: 'would mean a “significant escalation.”' lost its closing mark (and the full stop
    # inside it) from the span, leaving the statement with an opening mark and no closing one.
    for text, content in [
            ("Rutte said that the move would mean a \u201csignificant escalation.\u201d",
             "the move would mean a \u201csignificant escalation.\u201d"),
            ("Ms Hallam said the plan was \u2018fully funded\u2019.", "the plan was \u2018fully funded\u2019"),
            ('Whitfield said a default would be "catastrophic for every family."',
             'a default would be "catastrophic for every family."')]:
        quote = attribute(text).quotes[0]
        assert (quote.type, quote.span.text) == ("mixed", content)
        check_result(text, attribute(text))


def test_a_direct_statement_keeps_no_quotation_mark():
    quote = attribute("\u201cWe will not borrow a single pound,\u201d Ms Hallam said.").quotes[0]
    assert (quote.type, quote.span.text) == ("direct", "We will not borrow a single pound")
