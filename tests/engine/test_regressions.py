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
