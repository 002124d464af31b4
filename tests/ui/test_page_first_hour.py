"""The page fixes of issue 17, in Chromium against gunicorn: results on the first screen, a card
that leaves the statement, its neighbours and the totals in view, text files in other encodings,
a 413 in an editor's words, and one control to open a file."""
from __future__ import annotations

import pytest

from .conftest import SMALL_LIMITS, save_screenshot
from .test_page import ARTICLE, analyse, assert_clean, error_shown

RECT_JS = """(selector) => Array.from(document.querySelectorAll(selector)).map((n) => {
  const r = n.getBoundingClientRect();
  return {left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height};
})"""


def rect(page, selector: str) -> dict:
    (box,) = page.evaluate(RECT_JS, selector)
    return box


def overlaps(a: dict, b: dict) -> bool:
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and \
        b["top"] < a["bottom"]


def test_results_start_on_the_first_screen_at_1280x900(browser, server, probe):
    page = probe.page
    page.set_viewport_size({"width": 1280, "height": 900})
    analyse(page, server.url, ARTICLE)
    height = 900
    totals = rect(page, "#totals")
    article = rect(page, "#article")
    assert 0 <= totals["top"] and totals["bottom"] <= height
    assert article["top"] <= height / 2, "the highlighted article starts below mid-screen"
    lines = page.evaluate(RECT_JS, "#article .line")
    assert lines and all(line["bottom"] <= height for line in lines), \
        "this short article should be on the first screen whole"
    # The box shrank to make room; going back to it gives it its full height again.
    shrunk = rect(page, "#text")["height"]
    page.locator("#text").focus()
    assert rect(page, "#text")["height"] > shrunk * 1.5
    assert_clean(probe, browser)


@pytest.mark.parametrize("width", [1280, 640])
def test_the_card_leaves_the_statement_its_text_and_the_totals_in_view(browser, server, probe,
                                                                      width):
    page = probe.page
    page.set_viewport_size({"width": width, "height": 900})
    analyse(page, server.url, ARTICLE)
    marks = page.locator("#article mark.stmt")
    for index in range(marks.count()):
        mark = marks.nth(index)
        mark.focus()
        assert page.is_visible("#card")
        card = rect(page, "#card")
        totals = rect(page, "#totals")
        assert not overlaps(card, totals), "the card covers the totals line"
        for piece in page.evaluate(
                "(m) => Array.from(m.getClientRects()).map((r) => ({left: r.left, top: r.top, "
                "right: r.right, bottom: r.bottom}))", mark.element_handle()):
            assert not overlaps(card, piece), "the card covers its own statement"
        assert card["left"] >= 0 and card["right"] <= width
        if width == 1280:
            # Two columns: the card stands beside the article, so no text around the statement
            # is hidden, and within the screen.
            assert not overlaps(card, rect(page, "#article")), "the card covers the article"
            assert card["top"] >= 0 and card["bottom"] <= 900
    assert_clean(probe, browser)


# --- text files in other encodings -------------------------------------------------------------

WESTERN = "Café owner Zoë Brontë said: “We reopen on Monday — at 9 o’clock.”\n"


def load_bytes(page, name: str, data: bytes) -> None:
    page.set_input_files("#file", files=[{"name": name, "mimeType": "text/plain", "buffer": data}])


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_a_western_european_file_is_read_as_such_and_flagged(browser, server, probe, encoding):
    text = WESTERN if encoding == "cp1252" else WESTERN.replace("“", '"').replace("”", '"') \
        .replace("—", "-").replace("’", "'")
    page = probe.page
    page.goto(server.url + "/")
    load_bytes(page, "old.txt", text.encode(encoding))
    page.wait_for_function("(t) => document.getElementById('text').value === t", arg=text)
    assert "\ufffd" not in page.input_value("#text")
    assert page.is_visible("#notice")
    notice = page.text_content("#notice")
    assert "old.txt" in notice and "not UTF-8" in notice and "Windows-1252" in notice
    assert page.is_hidden("#error")

    # The same article in UTF-8 loads without a notice.
    load_bytes(page, "new.txt", WESTERN.encode("utf-8"))
    page.wait_for_function("(t) => document.getElementById('text').value === t", arg=WESTERN)
    assert page.is_hidden("#notice")
    assert_clean(probe, browser)


def test_utf16_and_binary_files(browser, server, probe):
    page = probe.page
    page.goto(server.url + "/")
    load_bytes(page, "wide.txt", WESTERN.encode("utf-16"))  # with its byte-order mark
    page.wait_for_function("(t) => document.getElementById('text').value === t", arg=WESTERN)
    assert "UTF-16" in page.text_content("#notice")
    load_bytes(page, "report.txt", b"%PDF-1.7\n\x00\x01\x02 binary")
    title, detail = error_shown(page)
    assert title == "Not a text file" and "report.txt" in detail
    assert page.input_value("#text") == WESTERN  # the article in the box is kept
    assert_clean(probe, browser)


# --- 413 in an editor's words -------------------------------------------------------------------

@pytest.mark.parametrize("size,setting", [(400, "MAX_TEXT_CHARS"), (2500, "MAX_BODY_BYTES")])
def test_an_oversized_article_is_explained_without_setting_names(browser, small_server, probe,
                                                                 tmp_path, size, setting):
    sentence = '"We will rebuild the bridge," Mayor Ana Ruiz said. '
    text = (sentence * (size // len(sentence) + 1))[:size]
    api = small_server.post(text)
    assert api.status_code == 413 and setting in api.json()["detail"]
    page = probe.page
    analyse(page, small_server.url, text)
    title, detail = error_shown(page)
    assert title == "This article is too long"
    assert "MAX_" not in title + detail and "=" not in detail and setting not in detail
    assert "Split the article into parts" in detail
    if setting == "MAX_TEXT_CHARS":
        assert f"It has {size} characters" in detail
        assert f"at most {SMALL_LIMITS['MAX_TEXT_CHARS']} at a time" in detail
    else:
        assert "(1.9 KB of text" in detail  # 2,000 bytes
    assert page.is_hidden("#results")
    save_screenshot(page, tmp_path, f"error-413-{setting}.png")
    assert probe.page_errors == [] and page.evaluate("window.__cspViolations") == []
    # Chromium logs the failed fetch itself ("...status of 413..."); nothing else.
    assert all("413" in message for message in probe.console_errors)


# --- one control to open a file ---------------------------------------------------------------

def test_one_control_opens_a_file(browser, server, probe, tmp_path):
    page = probe.page
    page.goto(server.url + "/")
    controls = page.locator(".controls")
    assert "Choose File" not in controls.inner_text() and "No file chosen" not in \
        controls.inner_text()
    assert controls.inner_text().count("file") == 1
    native = rect(page, "#file")
    assert native["width"] <= 1 and native["height"] <= 1  # present, but out of sight
    # The label is the button: clicking it opens the file chooser.
    with page.expect_file_chooser() as chooser:
        page.click("label[for=file]")
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    chooser.value.set_files(str(path))
    page.wait_for_function("(t) => document.getElementById('text').value === t", arg=ARTICLE)
    # From the keyboard: Tab from the button reaches the file control, whose label shows focus.
    page.locator("#run").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "file"
    outline = page.evaluate("() => getComputedStyle(document.querySelector('label[for=file]'))"
                            ".outlineStyle")
    assert outline == "solid"
    assert_clean(probe, browser)
