"""Reports written in traditional characters (繁體): read as the same report in simplified characters.

Web sites offer a 繁體 version of every page, and mirrors of government sites keep only that one, so a real report
can arrive as 「第二十條第（一）項」「收到和處理政府信息公開申請情況」. Its labels, headings and title are then not the
template's, and the report would be taken for a damaged one (a "misspelling" on every label) or for no report at all.

:func:`simplified` turns such a document into simplified characters character by character (OpenCC's
Traditional→Simplified table), so every cell keeps its length and its position in the source; a document that is
not written in traditional characters is returned unchanged. The conversion is noted on the document.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from auditor.patterns import compiled

if TYPE_CHECKING:
    from auditor.document import Document

# Traditional characters that are frequent in these reports and never written in simplified text (開 条 報 …):
# counting them tells a traditional document without converting anything.
_TRADITIONAL_CHARACTERS = "開條報與機關請處況結數據計總業構費會這經務縣鄉鎮區門網發實辦資項號過動於為時當們"
CJK = compiled(r"[\u4e00-\u9fff]")  # one Chinese character (汉字: CJK Unified Ideographs), as counted everywhere
_MIN_CHARACTERS = 20  # a few traditional characters in a simplified report (a quoted name) are not a script
_MIN_SHARE = 0.03  # of the document's Chinese characters (a traditional report has 15–25 %)


def is_traditional(text: str) -> bool:
    """Whether ``text`` is written in traditional characters."""
    # Each character looked for by itself (``in``, then ``count`` for one that is there): a report in simplified
    # characters holds none of them, and forty searches of the text cost less than the regex's one pass over it.
    found = 0
    for char in _TRADITIONAL_CHARACTERS:
        if char in text:
            found += text.count(char)
    if found < _MIN_CHARACTERS:
        return False
    return found >= _MIN_SHARE * len(CJK.findall(text))


@lru_cache(maxsize=1)
def _converter() -> object:
    import opencc  # only documents in traditional characters need it

    return opencc.OpenCC("t2s")


def _table(text: str) -> dict[int, str]:
    """Each traditional character of ``text`` → its simplified character (one for one, so positions hold)."""
    convert = _converter().convert  # type: ignore[attr-defined]
    table: dict[int, str] = {}
    for char in set(CJK.findall(text)):
        simple = convert(char)
        if simple != char and len(simple) == 1:
            table[ord(char)] = simple
    return table


def simplified(document: Document, text: str | None = None) -> Document:
    """``document`` in simplified characters if it is written in traditional ones (noted), else unchanged. ``text``:
    its lines joined by line breaks, when the caller has made it already."""
    if text is None:
        text = "\n".join(document.lines)
    if not is_traditional(text):
        return document
    table = _table(text)
    ruby = _RUBY.search(text) is not None
    for block in document.blocks:
        for cell in block.cells:
            cell.text = cell.text.translate(table)
            if ruby:
                cell.text = _RUBY.sub("", cell.text)
    document.lines = [line.translate(table) for line in document.lines]
    if ruby:
        document.lines = [_RUBY.sub("", line) for line in document.lines]
    document.notes.append({"kind": "traditional-script", "characters": len(table)})
    if ruby:
        document.notes.append({"kind": "ruby-pinyin"})
    return document


# The pinyin a mirror site writes after a character in brackets (「規(guī)章」「數(shù)量」): a syllable with a tone
# mark right after a Chinese character. No report writes it; it is dropped from the cells (a cell's own position in
# the source is kept; offsets inside a cell after a dropped syllable move by its length).
_RUBY = compiled(r"(?<=[\u4e00-\u9fff])\((?:[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*)\)")
