"""The readers' fast paths give what the slower calls they replace give (issue 12: reading speed, same output).

Each fast path stands for a library call whose result is the reference: a regex (white space in HTML text), an XPath
(an HTML cell without structure), pypdfium2's object iterator and its checked ctypes calls (PDF).
"""

from __future__ import annotations

import ctypes
import random
import re
from pathlib import Path

import pytest

from tests.conftest import FIXTURES

PDFS = [*sorted((FIXTURES / "formats").glob("*.pdf"))[:2], FIXTURES / "real" / "huaian-municipal-2024.pdf"]
_SPACES = re.compile(r"[ \t\n\r\f\v\u00a0]+")


def test_html_white_space_is_collapsed_as_the_regex_does() -> None:
    from auditor.readers.html import _WIDE_BREAK, _clean

    def reference(text: str) -> str:  # a line break between two wide characters goes first (see _clean)
        return _SPACES.sub(" ", _WIDE_BREAK.sub("", text)).strip()

    # Every white space character (the regex's and the others) and every character of the BMP.
    characters = [chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF]
    characters += [chr(c) for c in range(0x10000, 0x110000) if chr(c).isspace()]
    for ch in characters:
        for text in (ch, f"a{ch}b", f" {ch} ", f"{ch}{ch}x"):
            assert _clean(text) == reference(text), repr(text)
    rng = random.Random(12)
    pool = [" ", "  ", "\t", "\n", "\xa0", "\u3000", "a", "中", "1", "\x1c", "\x85", "\u2028", "\u200b"]
    for _ in range(20_000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 8)))
        assert _clean(text) == reference(text), repr(text)


def test_html_simple_cell_is_the_xpath_it_replaces() -> None:
    from lxml import etree

    from auditor.readers.html import _lxml, _simple_cell

    xpath = etree.XPath(
        "not(.//br) and count(.//p|.//div|.//li|.//table|.//tr|.//h1|.//h2|.//h3|.//h4|.//h5|.//h6|.//script"
        "|.//style) <= 1"
    )
    tags = ["p", "div", "span", "b", "br", "li", "table", "tr", "td", "h3", "script", "style", "o:p", "img", "font"]
    rng = random.Random(12)

    def content(depth: int) -> str:
        if depth > 3 or rng.random() < 0.3:
            return rng.choice(["", "12", " 合计 ", "a"])
        tag = rng.choice(tags)
        if tag in ("br", "img"):
            return f"<{tag}>"
        return f"<{tag}>{''.join(content(depth + 1) for _ in range(rng.randint(0, 3)))}</{tag}>"

    checked = 0
    for _ in range(2_000):
        page = f"<html><body><table><tr><td>{content(0)}{content(0)}</td></tr></table></body></html>"
        root = etree.fromstring(page, _lxml()[0])
        for cell in root.iter("td", "th"):
            assert _simple_cell(cell) == bool(xpath(cell)), etree.tostring(cell)
            checked += 1
    assert checked >= 2_000


@pytest.mark.parametrize("path", PDFS, ids=lambda p: Path(p).name)
def test_pdf_path_objects_are_those_pypdfium2_iterates(path: Path) -> None:
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    from auditor.readers.pdf import _path_objects

    def address(raw: object) -> int | None:
        return ctypes.cast(raw, ctypes.c_void_p).value

    pdf = pdfium.PdfDocument(path.read_bytes())
    try:
        found = 0
        for index in range(len(pdf)):
            page = pdf[index]
            expected = [address(obj.raw) for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=3)]
            assert [address(raw) for raw in _path_objects(page.raw)] == expected
            found += len(expected)
            page.close()
        assert found > 0
    finally:
        pdf.close()


def test_pdf_unchecked_calls_give_what_the_checked_ones_give() -> None:
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    from auditor.readers.pdf import _unchecked

    # A parameter a Python int does not fill exactly (unsigned long) keeps ctypes' conversion.
    assert _unchecked("FPDFFormObj_GetObject") is pdfium_c.FPDFFormObj_GetObject
    assert _unchecked("FPDFText_GetLooseCharBox") is not pdfium_c.FPDFText_GetLooseCharBox
    pdf = pdfium.PdfDocument(PDFS[0].read_bytes())
    page = pdf[0]
    textpage = page.get_textpage()
    try:
        raw = textpage.raw
        rect = pdfium_c.FS_RECTF()
        x, y = ctypes.c_double(), ctypes.c_double()
        count = pdfium_c.FPDFText_CountChars(raw)
        assert count > 100
        for index in range(count):
            checked = (
                pdfium_c.FPDFText_IsGenerated(raw, index),
                pdfium_c.FPDFText_GetLooseCharBox(raw, index, ctypes.byref(rect)),
                (rect.left, rect.right, rect.bottom, rect.top),
                pdfium_c.FPDFText_GetCharOrigin(raw, index, ctypes.byref(x), ctypes.byref(y)),
                (x.value, y.value),
            )
            rect.left = rect.right = rect.bottom = rect.top = x.value = y.value = 0
            unchecked = (
                _unchecked("FPDFText_IsGenerated")(raw, index),
                _unchecked("FPDFText_GetLooseCharBox")(raw, index, ctypes.byref(rect)),
                (rect.left, rect.right, rect.bottom, rect.top),
                _unchecked("FPDFText_GetCharOrigin")(raw, index, ctypes.byref(x), ctypes.byref(y)),
                (x.value, y.value),
            )
            assert unchecked == checked, index
    finally:
        textpage.close()
        page.close()
        pdf.close()
