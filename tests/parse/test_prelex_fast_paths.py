"""The pre-lexer's fast paths give what the slower reading gives (issue 12: pre-lexing speed, same tokens).

A row of known values and plain labels is read as slices of the row (``Vocabulary.plain``), not one piece a cell;
a line is split into words before the number regex; inline headings are looked for only after a numeral and its
comma. Each is checked against the code it stands for: the tokens of the seeds, the fixtures and generated reports
with the fast row path switched off, and the prefilters against the regexes they stand before.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from auditor import prelex, synth
from auditor.document import Document, Location, RawCell, shifted
from auditor.errors import AuditorError
from auditor.grammar import aliases, grammar
from auditor.normalize import classify_cell
from auditor.readers import read_path
from auditor.readers.text import document_from_text

ROOT = Path(__file__).resolve().parent.parent / "fixtures"


class _Forgetful(dict[str, object]):
    """A ``Vocabulary.plain`` that keeps nothing: every row goes the piece-by-piece way."""

    def __setitem__(self, key: str, value: object) -> None:
        pass


def _lexer(fast: bool) -> prelex.PreLexer:
    lexer = prelex.PreLexer(prelex.Vocabulary(grammar().terminals, aliases()))
    if not fast:
        lexer.vocab.plain = _Forgetful()  # type: ignore[assignment]
    return lexer


def _described(value: object) -> object:
    if isinstance(value, list):
        return [_described(item) for item in value]
    if isinstance(value, RawCell | prelex.LabelInfo | prelex.HeadingInfo):
        return (type(value).__name__, {name: _described(getattr(value, name)) for name in value.__slots__})
    return value


def _tokens(lexer: prelex.PreLexer, document: Document) -> list[tuple[object, ...]]:
    return [(t.type, t.value, t.line, t.column, _described(t.payload)) for t in lexer.tokens(document)]


def _documents() -> list[Document]:
    paths = sorted(path for path in ROOT.rglob("*") if path.suffix in (".txt", ".md", ".html", ".docx"))
    documents = []
    for path in paths:
        try:
            documents.append(read_path(str(path)))
        except AuditorError:  # fixtures of files that cannot be read, on purpose
            continue
    rng = random.Random(12)
    for layout in synth.LAYOUTS:
        for _ in range(3):
            _spec, _layout, text = synth.generate(rng, layout)
            documents.append(document_from_text(text, f"{layout}.txt", "text"))
    return documents


def test_rows_read_as_slices_give_the_tokens_of_the_piece_by_piece_reading() -> None:
    documents = _documents()
    assert len(documents) > 20
    fast, slow = _lexer(fast=True), _lexer(fast=False)
    for document in documents:
        _tokens(fast, document)  # the second reading finds every cell known, as in a batch
    for document in documents:
        assert _tokens(fast, document) == _tokens(slow, document), document.path


def test_plain_labels_exclude_those_that_join_or_are_looked_at_twice() -> None:
    vocab = _lexer(fast=True).vocab
    for text in ("规章", "其他", "商业", "规范性文件", "（六）其他处理", "0", "", "不详", "这是一句话。"):
        vocab.quick(text)
    for text, hit in vocab.plain.items():
        if hit is True:
            continue
        assert isinstance(hit, tuple)
        key = prelex.label_key(text)
        assert key not in vocab.prefixes
        assert hit[0] not in prelex._SPECIAL_LABELS
    assert "0" in vocab.plain and "" in vocab.plain and "这是一句话。" not in vocab.plain


_PROSE = st.text(alphabet="一二三四五六七、，。 年2023（）第", max_size=40)


@given(_PROSE)
def test_numeral_comma_is_what_the_regex_finds(text: str) -> None:
    assert prelex._numeral_comma(text) == (re.search("[一二三四五六七]、", text) is not None)


def _numbers_only_by_regex(cell: RawCell) -> list[RawCell] | None:
    """The regex reading ``_numbers_only`` stands for."""
    if cell.text[0] not in prelex._VALUE_FIRST:
        return None
    words = list(re.finditer(r"\S+", cell.text))
    if len(words) < 2:
        return None
    out = []
    for match in words:
        if classify_cell(match.group(0))[0] == "text":
            return None
        out.append(RawCell(match.group(0), shifted(cell.loc, match.start())))
    return out


@given(st.text(alphabet="0123 \t\u3000\u2003\u00a0-—无x年件,.", min_size=1, max_size=30))
def test_numbers_only_splits_as_the_regex(text: str) -> None:
    cell = RawCell(text, Location(4, 3))
    expected = _numbers_only_by_regex(cell)
    found = prelex._numbers_only(cell)
    if expected is None:
        assert found is None
    else:
        assert found is not None
        assert [(c.text, c.loc) for c in found] == [(c.text, c.loc) for c in expected]


@pytest.mark.parametrize("line", ["0 1 1 0 2", "2023年，我局认真贯彻落实。", "一、总体情况", "12\u30003 件"])
def test_numbers_only_examples(line: str) -> None:
    cell = RawCell(line, Location(1, 1))
    expected = _numbers_only_by_regex(cell)
    found = prelex._numbers_only(cell)
    assert (found is None) == (expected is None)


def _keyed_char_by_char(text: str) -> tuple[str, list[int]]:
    """``normalize.keyed`` as it was written first: every character normalised and its pieces kept one by one."""
    import unicodedata

    from auditor.normalize import _ENUM_COMMA, _OCR_ONE, _QUOTES

    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        if ch.isspace():
            continue
        for piece in unicodedata.normalize("NFKC", ch).translate(_QUOTES):
            if not piece.isspace():
                out.append(piece)
                index.append(i)
    key = _ENUM_COMMA.sub(r"\1.", "".join(out))
    return (_OCR_ONE.sub("1", key) if key[:1] in "lI|" else key), index


_KEYED_ALPHABET = "一二三、，,.1０l|I “”「」 \t\u3000\u00a0㈠①½ﬁ¨№㍿…公开申请"


@given(
    st.text(alphabet=_KEYED_ALPHABET, max_size=40)
    | st.text(max_size=20)
    | st.text(alphabet=_KEYED_ALPHABET, min_size=48, max_size=120)  # long: translated a run at a time
    | st.text(min_size=48, max_size=80)
)
def test_keyed_is_the_key_normalised_a_character_at_a_time(text: str) -> None:
    from auditor.normalize import keyed

    assert keyed(text) == _keyed_char_by_char(text)


def test_keyed_characters_left_alone_are_their_own_key() -> None:
    """The characters a long text's key takes as they are (normalize._OTHER_RUNS) are each its own key."""
    from auditor.normalize import _OTHER_RUNS

    kept = [chr(code) for code in range(0x110000) if _OTHER_RUNS.match(chr(code)) is None]
    assert len(kept) == 94 + 0x5200 + 2
    assert [ch for ch in kept if _keyed_char_by_char(ch) != (ch, [0])] == []
