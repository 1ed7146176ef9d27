"""The shortcuts taken for speed decide exactly what the slower code they replace decided.

Each hot-path shortcut (a string test instead of a regular expression, a search skipped when the text cannot
hold a match) is checked here against the plain definition it stands for, on generated text made of the characters
that matter to it.
"""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from auditor import metadata
from auditor.readers import text as text_reader

# What the layout counts, as regular expressions over the whole text (the definition the line-by-line count keeps).
_CELL_LINE = re.compile(r"^\t[^\t\n]*$", re.M)
_TAB_LINE = re.compile(r"^[^\n]*\t", re.M)
_PIPE_LINE = re.compile(r"^[^\n\t]*\|[^\n]*\|", re.M)


_LINE = st.text(alphabet="\t| a0一", max_size=8)


@given(st.lists(_LINE, max_size=60))
def test_layout_counts_lines_as_the_patterns_do(lines: list[str]) -> None:
    text = "\n".join(lines)
    cell_per_line = len(_CELL_LINE.findall(text))
    expected = (cell_per_line, len(_TAB_LINE.findall(text)) - cell_per_line, len(_PIPE_LINE.findall(text)))
    assert text_reader.line_counts(text, text.split("\n")) == expected


def test_layout_of_each_kind() -> None:
    cells = "\n".join(["标题", *["\t单元格"] * 20])
    assert text_reader._layout(cells, cells.split("\n")) == "cell-per-line"
    tabs = "\n".join(["a\tb\tc"] * 10)
    assert text_reader._layout(tabs, tabs.split("\n")) == "tab-separated"
    pipes = "\n".join(["| a | 1 |"] * 5 + ["x\t| y |"] * 9)
    assert text_reader._layout(pipes, pipes.split("\n")) == "pipe-separated"


_META = st.text(alphabet="附件表发布日期时间于：:2024年1月5日 \n。", max_size=120)


@given(st.lists(_META, max_size=8), st.integers(0, 200), st.integers(0, 400))
def test_publication_matches_as_finditer(parts: list[str], start: int, end: int) -> None:
    text = "".join(parts)
    expected = [m.span() for m in metadata._PUBLISHED.finditer(text, start, end)]
    assert [m.span() for m in metadata.published_matches(text, start, end)] == expected


_DOCNUMS = st.text(alphabet="〔[【（(［{〕]】）)］}第号 \u3000\n0123456789２国办函年", max_size=40)


@given(st.lists(_DOCNUMS, max_size=6))
def test_document_numbers_as_finditer(parts: list[str]) -> None:
    text = "".join(parts)
    expected = [m.span() for m in metadata._DOCNUM.finditer(text)]
    assert [m.span() for m in metadata.docnum_matches(text)] == expected


def test_document_numbers_of_a_report() -> None:
    text = (
        "根据《国务院办公厅政府信息与政务公开办公室关于印发…的通知》（国办公开办函〔2021〕 30号）和（[2019] 第 60 号）"
    )
    found = [m.group(0) for m in metadata.docnum_matches(text)]
    assert found == ["〔2021〕 30号", "[2019] 第 60 号"]


_PERIODS = st.text(alphabet="统计期限自至2023年1月12日起—。； \n", max_size=60)


@given(st.lists(_PERIODS, max_size=6))
def test_statistics_period_as_searched_from_the_start(parts: list[str]) -> None:
    text = metadata.Text("".join(parts).split("\n"))
    expected = None
    for match in metadata._PERIOD.finditer(text.text):  # the definition: every match, from the first character
        if "统计" in metadata._SENTENCE_END.split(text.text[max(0, match.start() - 40) : match.start()])[-1]:
            expected = match.group(0)
            break
    found = metadata._period(text)
    assert (found.text if found else None) == expected


@given(st.lists(_META, max_size=8))
def test_appendix_signature_needs_the_character_the_shortcut_looks_for(parts: list[str]) -> None:
    text = "".join(parts)
    if "附" not in text:
        assert metadata._BEFORE_APPENDIX.search(text) is None


def test_publication_date_found_in_head_and_tail() -> None:
    head = metadata.Text(["发布日期：2024-03-05", "正文"])
    found = metadata._publication_date(head)
    assert found is not None and found.value == "2024-03-05"
    since = metadata._publication_date(metadata.Text(["某镇2024年度报告", "发布于 2024-03-07"]))
    assert since is not None and since.value == "2024-03-07"
    tail = metadata.Text(["正文" * 1500, "发布时间：2024年3月6日"])
    found = metadata._publication_date(tail)
    assert found is not None and found.value == "2024-03-06"
    signed = metadata.Text(["报告正文。", "某某镇人民政府", "2024年3月6日", "附件1：统计表"])
    date, _issuer = metadata._signature_before_appendix(signed)
    assert date is not None and date.value == "2024-03-06"
