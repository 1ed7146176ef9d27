"""The text reader's fast paths give what the slower reading gives (issue 12: reading speed, same output).

Each fast path — page footers found from the characters a footer must hold, a cell line told by its first character
where every tab opens its line, the layout's tab lines counted by two counts — is checked against the slower code it
stands for, on text generated from the characters that matter to it and on reports rendered by :mod:`auditor.synth`.
"""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from auditor import synth
from auditor.document import Block, Document, Location
from auditor.errors import LimitExceeded, ReadError
from auditor.readers import Limits
from auditor.readers import text as text_reader


def _plain(text: str) -> Document:
    """The document as read line by line with every test made, as if some tab did not open its line."""
    leading_tabs = text_reader._leading_tabs
    text_reader._leading_tabs = lambda _text: -1  # type: ignore[assignment]
    try:
        return text_reader.document_from_text(text, "t.txt", "text")
    finally:
        text_reader._leading_tabs = leading_tabs


def _cells(blocks: list[Block]) -> list[tuple[str, list[tuple[str, tuple[object, ...]]]]]:
    return [(block.kind, [(cell.text, tuple(cell.loc)) for cell in block.cells]) for block in blocks]


def _same(text: str) -> None:
    fast = text_reader.document_from_text(text, "t.txt", "text")
    plain = _plain(text)
    assert _cells(fast.blocks) == _cells(plain.blocks)
    assert (fast.lines, fast.layout, fast.notes) == (plain.lines, plain.layout, plain.notes)


# Lines of a report copied one cell per line (where the shortcut applies) …
_SIMPLE_LINES = st.sampled_from(
    ["\t0", "\t12", "\t规章", "\t", "", "", "续行", "这是一句话。", "一、总体情况", "a | b | 1 |"]
)
# … and what breaks its conditions: a second tab, a space after the tab, Word's residue, a page footer, a crawler's
# header.
_OTHER_LINES = st.sampled_from(
    ["\t 5", "\t\u30007", "\t1\t2", "1\t2", "\t[bookmark: _GoBack]3", "— 2 —", "标题: 某某", "==== 正文 ===="]
)


@given(
    st.lists(_SIMPLE_LINES, max_size=80),
    st.lists(st.tuples(st.integers(min_value=0, max_value=80), _OTHER_LINES), max_size=2),
    st.integers(min_value=0, max_value=40),
)
def test_cell_lines_read_as_with_every_test(lines: list[str], others: list[tuple[int, str]], cells: int) -> None:
    for at, line in others:
        lines.insert(at, line)
    # enough simple cell lines for the layout to be cell-per-line
    _same("\n".join(lines + ["\t0"] * cells))


# Lines the text split at each cell line's tab meets between two cell lines (see _cell_line_blocks): space around a
# cell, indented lines, continuations, Markdown and pipes, blank lines of spaces.
_BETWEEN_CELLS = st.sampled_from(
    ["\t 5", "\t\u3000\u30007", "\t5 ", "\t \u3000", "  缩进的行", "\u3000\u3000续", "续行。", "**粗体**", "# 标题",
     "0 |", "|", "a | b", "   ", "x" * 61, "_x_", ""]
)  # fmt: skip


@given(st.lists(st.one_of(_SIMPLE_LINES, _BETWEEN_CELLS), max_size=60), st.integers(min_value=0, max_value=30))
def test_cell_lines_split_at_their_tabs_read_as_line_by_line(lines: list[str], cells: int) -> None:
    _same("\n".join(["\t0"] * cells + lines + ["\t0"] * 20))
    _same("\n".join(["一、总体情况", *lines, *["\t0"] * 20, ""]))


@pytest.mark.parametrize("seed", range(12))
def test_rendered_reports_read_as_with_every_test(seed: int) -> None:
    rng = random.Random(seed)
    for layout in synth.LAYOUTS:
        _spec, _layout, text = synth.generate(rng, layout)
        _same(text)


_FOOTERS = st.sampled_from(["— 2 —", "第 2 页", "第3页 共7页", " - 12 -", "－1－\u3000", "第2页/共3页", "–7–"])
_FOOTER_LINES = st.one_of(_FOOTERS, st.text(alphabet="—–-－页第共 \t\u30001２,，/x", max_size=12))


@given(st.lists(_FOOTER_LINES, max_size=12))
def test_footers_are_the_pattern_s_matches(lines: list[str]) -> None:
    text = "\n".join(lines)
    expected = [match.span() for match in text_reader._FOOTER.finditer(text)]
    assert [match.span() for match in text_reader._footers(text)] == expected


_ROW = st.text(alphabet="\t 　a0一\u2003", max_size=30)


@given(_ROW, st.integers(min_value=1, max_value=500))
def test_split_places_cells_as_the_plain_loop(line: str, number: int) -> None:
    expected = []
    column = 1
    for part in line.split("\t"):
        stripped = part.strip()
        start = column + len(part) - len(part.lstrip()) if stripped else column
        expected.append((stripped, Location(number, start)))
        column += len(part) + 1
    assert [(cell.text, cell.loc) for cell in text_reader._split(line, "\t", number)] == expected


_CONTROLLED = st.text(alphabet="规章0\n\t\x00\x01\x07\x0b\x1f\x7f a", min_size=1, max_size=400)


@given(_CONTROLLED, st.sampled_from(["utf-8", "gb18030", "utf-16"]), st.integers(min_value=0, max_value=30))
def test_control_characters_counted_in_the_bytes_refuse_what_the_text_search_refuses(
    text: str, encoding: str, padding: int
) -> None:
    text = "规章" * padding + text  # enough Chinese for the encoding to be told
    data = text.encode(encoding)
    try:
        decoded, _found = text_reader.decode(data, "t.txt")
    except ReadError:
        return  # refused as binary before any count of control characters, whichever way they are counted
    try:
        text_reader.check_text(decoded, "t.txt")
        refused = False
    except ReadError:
        refused = True
    try:
        text_reader.read_text(data, "t.txt")
        read_refused = False
    except ReadError:
        read_refused = True
    assert read_refused == refused


def _limits_refusal(limits: Limits, document: Document, text: str | None) -> str | None:
    try:
        limits.check_document(document, text)
    except LimitExceeded as exc:
        return str(exc)
    return None


@given(st.lists(st.text(alphabet="规章0\t a", max_size=9), max_size=6), st.integers(min_value=1, max_value=30))
def test_limits_measured_from_the_joined_text_refuse_what_the_lines_refuse(lines: list[str], allowed: int) -> None:
    # max_lines=1: at most 20 characters of text; a line may hold at most ``allowed``
    limits = Limits(max_lines=1, max_line_chars=allowed)
    document = Document("t.txt", "text", [], lines)
    expected = None
    if sum(map(len, lines)) > limits.max_chars:
        expected = "more than 20 characters"
    elif max(map(len, lines), default=0) > allowed:
        expected = f"a line of {max(map(len, lines))} characters"
    for text in (None, "\n".join(lines)):
        refusal = _limits_refusal(limits, document, text)
        assert (refusal is None) == (expected is None)
        assert expected is None or expected in (refusal or "")


@given(
    st.text(alphabet="開條報與機關們资讯公开政府信息 \n0", max_size=120),
    st.integers(min_value=0, max_value=400),
)
def test_traditional_characters_counted_one_by_one_tell_what_the_regex_tells(text: str, padding: int) -> None:
    from auditor import script

    # what is_traditional decided from one regex over the text
    found = len(re.findall(f"[{script._TRADITIONAL_CHARACTERS}]", text))
    chinese = len(script.CJK.findall(text))
    expected = found >= script._MIN_CHARACTERS and found >= script._MIN_SHARE * chinese
    assert script.is_traditional(text) == expected
    padded = text + "政" * padding  # the share of traditional characters falls
    found_share = found >= script._MIN_SHARE * (chinese + padding)
    assert script.is_traditional(padded) == (found >= script._MIN_CHARACTERS and found_share)
