"""The text reader's fast paths give what the plain line-by-line reading gives (issue 12: reading speed, same output).

Each fast path — page footers found from the characters a footer must hold, a run of cell lines made one row's
cells at once, a row split at its tabs without a loop — is checked against the slower code it stands for, on text
generated from the characters that matter to it and on reports rendered by :mod:`auditor.synth`.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from auditor import synth
from auditor.document import Block, Document
from auditor.readers import text as text_reader


def _plain(text: str) -> Document:
    """The document as read line by line, every fast path of the reader turned off."""
    runs = text_reader._cell_runs
    text_reader._cell_runs = lambda _text: None  # type: ignore[assignment]
    try:
        return text_reader.document_from_text(text, "t.txt", "text")
    finally:
        text_reader._cell_runs = runs


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
def test_cell_runs_read_as_line_by_line(lines: list[str], others: list[tuple[int, str]], cells: int) -> None:
    for at, line in others:
        lines.insert(at, line)
    # enough simple cell lines for the layout to be cell-per-line
    _same("\n".join(lines + ["\t0"] * cells))


@pytest.mark.parametrize("seed", range(12))
def test_rendered_reports_read_as_line_by_line(seed: int) -> None:
    rng = random.Random(seed)
    for layout in synth.LAYOUTS:
        _spec, _layout, text = synth.generate(rng, layout)
        _same(text)


def test_runs_are_used_where_every_cell_line_is_simple() -> None:
    text = "标题\n\n\t规章\n\t0\n\t1\n\n\t规范性文件\n\t2\n续\n\t3\n"
    assert text_reader._cell_runs(text) == {3: 3, 7: 2, 10: 1}
    assert text_reader._cell_runs(text.replace("\t0", "\t 0")) is None  # a space after the tab: line by line
    assert text_reader._cell_runs(text.replace("\t0", "\t0\t")) is None  # a second tab: line by line


_FOOTERS = st.sampled_from(["— 2 —", "第 2 页", "第3页 共7页", " - 12 -", "－1－\u3000", "第2页/共3页", "–7–"])
_FOOTER_LINES = st.one_of(_FOOTERS, st.text(alphabet="—–-－页第共 \t\u30001２,，/x", max_size=12))


@given(st.lists(_FOOTER_LINES, max_size=12))
def test_footers_are_the_pattern_s_matches(lines: list[str]) -> None:
    text = "\n".join(lines)
    expected = [match.span() for match in text_reader._FOOTER.finditer(text)]
    assert [match.span() for match in text_reader._footers(text)] == expected


_ROW = st.text(alphabet="\t 　a0一\u2003", max_size=30)


@given(_ROW, st.integers(min_value=1, max_value=500))
def test_split_is_the_loop_it_replaces(line: str, number: int) -> None:
    fast = text_reader._split(line, "\t", number)
    reference = text_reader._split_spaced(line.split("\t"), number)
    assert [(cell.text, cell.loc) for cell in fast] == [(cell.text, cell.loc) for cell in reference]
    assert all(type(cell.loc) is type(reference[0].loc) for cell in fast)
