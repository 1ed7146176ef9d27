"""Two searches of the pre-lexer over long lines (flattened web text), written for the regex engine to skip ahead
(issue 12), checked against the forms they replaced: the labels found inside a line (a trie of the labels instead of
their alternation, longest first) and a row number's 「、」 read as 「.」 in a key (the number's first digit before
the look back instead of after it)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from auditor import normalize
from auditor.parse import prelexer
from auditor.prelex import longest_first

LABELS = sorted(prelexer().vocab.exact)
ALTERNATION = re.compile("|".join(re.escape(label) for label in sorted(LABELS, key=len, reverse=True)))
# A label's pieces: whole labels, their beginnings and ends, figures, prose
_PIECES = st.sampled_from(LABELS) | st.sampled_from(LABELS).map(lambda label: label[: len(label) // 2])
_PIECES |= st.sampled_from(LABELS).map(lambda label: label[len(label) // 2 :])
_PIECES |= st.sampled_from(["0", "12", "、", ",", "。", "本年", "其他", "（一）", "1.", "总计", "a", " "]) | st.text(
    max_size=2
)


@given(st.lists(_PIECES, max_size=12).map("".join))
def test_the_trie_finds_the_labels_the_alternation_finds(text: str) -> None:
    trie = re.compile(longest_first(LABELS))
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in ALTERNATION.finditer(text)]


def test_the_trie_prefers_the_longer_label_and_has_no_groups() -> None:
    pattern = re.compile(longest_first(["其他", "其他处理", "总计", "abc"]))
    assert [m.group(0) for m in pattern.finditer("其他处理其他总计ab其他")] == ["其他处理", "其他", "总计", "其他"]
    assert pattern.groups == 0


OLD_ENUM_COMMA = re.compile(r"(?<![0-9])([0-9]{1,2})(?:、|,(?=[\u4e00-\u9fff]))")


@given(st.text(alphabet=st.sampled_from("0123456789、,，中a .") | st.characters(), max_size=20))
def test_a_row_number_is_read_as_before(text: str) -> None:
    assert normalize._ENUM_COMMA.sub(r"\1.", text) == OLD_ENUM_COMMA.sub(r"\1.", text)


def test_the_row_number_pattern_opens_with_a_character_class() -> None:
    # what lets the regex engine skip to the next digit instead of trying the pattern at every place
    assert normalize._ENUM_COMMA.pattern.startswith("([0-9]")
