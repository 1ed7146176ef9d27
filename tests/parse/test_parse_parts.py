"""A token list whose labels and headings were accepted before is split by its headings, not parsed again (issue 12).

``parse.parse_parts`` remembers the label and heading sequences the grammar accepted, has lark recognise a new one
without its prose and without building a tree, and splits the tokens by their headings; that is sound only if prose
(``TEXT``, ``ROW``) never decides whether a parse succeeds and always falls in the section of the heading before it,
and if ``transform.parts_by_heading`` makes the very parts the reductions of the grammar make. Both are checked here against lark's
own parse, on the fixtures, generated reports and damaged ones (which fail the template and are read loosely).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lark.exceptions import UnexpectedInput

from auditor import parse
from auditor.document import Location, RawCell
from auditor.grammar import grammar
from auditor.parse import _loose, parse_parts, prelexer
from auditor.prelex import Tok, make_token
from auditor.readers import read_path
from auditor.readers.text import document_from_text
from auditor.transform import PROSE, REDUCTIONS, Part, parts_by_heading
from tests.rules.helpers import clean_text
from tests.speed.test_order_errors_unchanged import _damaged

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
READABLE = {".txt", ".md", ".docx", ".html", ".pdf"}


def _token_lists() -> list[tuple[str, list[Tok]]]:
    found = []
    for folder in ("seeds", "formats", "layouts", "real"):
        for path in sorted((FIXTURES / folder).iterdir()):
            if path.suffix in READABLE and path.name not in ("SOURCES.md", "README.md"):
                found.append((path.name, prelexer().tokens(read_path(str(path)))))
    for variant in ("2019", "2021"):
        for layout in ("cell-per-line", "pipe-separated", "tab-separated"):
            text = clean_text(variant, layout)
            found.append((f"{variant} {layout}", prelexer().tokens(document_from_text(text, "r.txt", "text"))))
        for change, text in _damaged(clean_text(variant, "pipe-separated"))[:40]:
            found.append((f"{variant} {change}", prelexer().tokens(document_from_text(text, "r.txt", "text"))))
    return found


TOKEN_LISTS = _token_lists()


def _lark(tokens: list[Tok], start: str) -> list[Part] | None:
    try:
        parts: list[Part] = grammar().parse(tokens, start, REDUCTIONS)
    except UnexpectedInput:
        return None
    return parts


def _shape(parts: list[Part]) -> list[tuple[str | None, int, list[int]]]:
    return [(part.section, id(part.heading), [id(token) for token in part.tokens]) for part in parts]


def _prose(text: str) -> Tok:
    cell = RawCell(text, Location(1))
    return make_token("TEXT", [cell])


def _readings(tokens: list[Tok]) -> list[tuple[str, list[Tok]]]:
    return [("report", tokens), ("loose_report", _loose(tokens))]


def test_the_token_lists_include_failing_and_loose_readings() -> None:
    results = [_lark(tokens, "report") is None for _name, tokens in TOKEN_LISTS]
    assert any(results) and not all(results)


@pytest.mark.parametrize(("name", "tokens"), TOKEN_LISTS, ids=[name for name, _tokens in TOKEN_LISTS])
def test_parts_by_heading_are_the_parts_of_the_parse(name: str, tokens: list[Tok]) -> None:
    for start, reading in _readings(tokens):
        parts = _lark(reading, start)
        if parts is not None:
            assert _shape(parts_by_heading(reading)) == _shape(parts), start


@pytest.mark.parametrize(("name", "tokens"), TOKEN_LISTS, ids=[name for name, _tokens in TOKEN_LISTS])
def test_prose_decides_neither_success_nor_parts(name: str, tokens: list[Tok]) -> None:
    for start, reading in _readings(tokens):
        accepted = _lark(reading, start) is not None
        without = [token for token in reading if token.type not in PROSE]
        with_more = [_prose("前言")] + [t for token in reading for t in (token, _prose("又一段"))]
        for changed in (without, with_more):
            parts = _lark(changed, start)
            assert (parts is not None) == accepted, start
            if parts is not None:
                assert _shape(parts_by_heading(changed)) == _shape(parts), start


def test_a_report_with_the_labels_of_one_read_before_is_not_parsed_again(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parse, "_ACCEPTED", set())
    tokens = prelexer().tokens(document_from_text(clean_text("2021", "cell-per-line"), "r.txt", "text"))
    first = parse_parts(tokens, "report")
    calls = []
    original = grammar().recognise

    def counted(*args: object) -> None:
        calls.append(args)
        original(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(grammar(), "recognise", counted)
    other = [_prose("另一份报告的前言"), *tokens[:3], _prose("多出的一段"), *tokens[3:]]
    again = parse_parts(other, "report")
    assert not calls
    assert _shape(again) == _shape(parts_by_heading(other))
    assert [part.section for part in again] == [part.section for part in first]
    first_heading = next(i for i, token in enumerate(tokens) if token.type == "OVERVIEW_HEADING")
    moved = [*tokens[:first_heading], *tokens[first_heading + 1 :], tokens[first_heading]]  # 一 after 六: parsed
    with pytest.raises(UnexpectedInput):
        parse_parts(moved, "report")
    assert calls
