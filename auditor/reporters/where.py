"""Where a finding is in its file, in words a reader of that file understands.

A line number means something only in a plain-text report; in a DOCX the auditor's lines are its paragraphs and
table rows, in a PDF the lines of a page's text layer. So: 「第 70 行第 3 列」 for a text file, 「第 2 页」 for a PDF,
「第 12 段」 or 「表格 2 第 5 行第 3 列」 for a DOCX (the reference ``P12`` / ``T2R5C3`` the reader recorded).
"""

from __future__ import annotations

from pathlib import Path

from auditor.document import Location
from auditor.patterns import compiled

_REF = compiled(r"^(?:P(?P<paragraph>\d+)|T(?P<table>\d+)R(?P<row>\d+)C(?P<cell>\d+))$")
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown", ""})


def is_text_file(path: str) -> bool:
    """A file whose lines are the auditor's lines (plain text): CI annotations can point at them."""
    return Path(path).suffix.lower() in TEXT_SUFFIXES


def location_text(loc: Location | None, lang: str, text_file: bool = True) -> str:
    """The location in words: PDF page, DOCX paragraph or table cell, or line and column of a text file."""
    if loc is None:
        return "全文" if lang == "zh" else "whole file"
    zh = lang == "zh"
    parts: list[str] = []
    if loc.page is not None:
        parts.append(f"第{loc.page}页" if zh else f"page {loc.page}")
    match = _REF.match(loc.ref or "")
    if match and match["paragraph"]:
        parts.append(f"第{match['paragraph']}段" if zh else f"paragraph {match['paragraph']}")
    elif match:
        parts.append(
            f"表格{match['table']}第{match['row']}行第{match['cell']}列"
            if zh
            else f"table {match['table']}, row {match['row']}, cell {match['cell']}"
        )
    if text_file:
        if loc.page is not None:  # the line of the page's text, as the text output shows it
            parts.append(f"第{loc.line}行" if zh else f"line {loc.line}")
        else:
            parts.append(f"第{loc.line}行第{loc.column}列" if zh else f"line {loc.line}, column {loc.column}")
    elif not parts:  # a web page: the line of the text the auditor extracted, not of the HTML source
        parts.append(f"正文第{loc.line}行" if zh else f"line {loc.line} of the extracted text")
    return "".join(parts) if zh else ", ".join(parts)
