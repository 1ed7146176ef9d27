"""The objects the builder and the pre-lexer make by setting their slots are those their classes make (issue 12).

``transform._cells``, the rows of ``Builder._fit``, the labels of ``Builder._walk``, the labels of ``_Run._plain_row``
and the blocks and cells of the text reader are made with ``object.__new__`` and one assignment a field, not through
the class's ``__init__``. A field added to one of those classes and not set there would leave a slot empty: comparing
each object with the one its class makes from the same values (``==`` of a dataclass reads every field) fails then.
``document.shifted`` makes a ``Location`` with ``tuple.__new__``, not through the named tuple's constructor.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from auditor.document import Location, RawCell, shifted
from auditor.grammar import grammar
from auditor.model import Cell, Label, TableRow
from auditor.parse import parse_parts, prelexer
from auditor.prelex import LabelInfo
from auditor.readers import read_path
from auditor.template import AMOUNT, Column
from auditor.transform import Builder, _cell, _cells

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
DOCUMENTS = sorted((FIXTURES / "seeds").glob("*.txt")) + sorted(
    p for p in (FIXTURES / "layouts").iterdir() if p.suffix in (".txt", ".md")
)


def _remade(found: Any) -> Any:
    """The same object, made by its class from its fields."""
    return type(found)(**{field.name: getattr(found, field.name) for field in dataclasses.fields(found)})


@pytest.mark.parametrize("text", ["12", "１２", "0", "-", "——", "", "3.5", "12万元", "1234567890123456", "不详", "/"])
@pytest.mark.parametrize("column_kind", ["count", AMOUNT])
def test_a_cell_is_the_cell_its_class_makes(text: str, column_kind: str) -> None:
    cell = _cell(RawCell(text, Location(4, 2, 1, "T1R2C3")), column_kind)
    assert type(cell) is Cell
    assert cell == _remade(cell)
    assert cell.confidence == "read" and cell.reason is None
    assert _cells((Column("c", "C", column_kind),), [RawCell(text, cell.loc)]) == {"c": cell}  # the loop's inline body


@pytest.mark.parametrize("path", DOCUMENTS, ids=[path.name for path in DOCUMENTS])
def test_labels_are_the_labels_their_class_makes(path: Path) -> None:
    document = read_path(str(path))
    tokens = prelexer().tokens(document)
    infos = [token.payload for token in tokens if isinstance(token.payload, LabelInfo)]
    assert infos
    for info in infos:
        assert info == _remade(info)
    builder = Builder(document, grammar().official_labels())
    _sections, tables, template = builder.build(parse_parts(tokens, "report"))
    labels = [label for table in tables.values() for label in (table.caption, *table.headers) if label is not None]
    labels += [row.label for table in tables.values() for row in table.rows.values() if row.label is not None]
    labels += [label for marks in template.markers.values() for label in marks] + builder.aliases
    assert labels
    for label in labels:
        assert type(label) is Label
        assert label == _remade(label)


@pytest.mark.parametrize("path", DOCUMENTS, ids=[path.name for path in DOCUMENTS])
def test_rows_are_the_rows_their_class_makes(path: Path) -> None:
    document = read_path(str(path))
    builder = Builder(document, grammar().official_labels())
    _sections, tables, _template = builder.build(parse_parts(prelexer().tokens(document), "report"))
    rows = [row for table in tables.values() for row in table.rows.values()]
    assert rows
    for row in rows:
        assert type(row) is TableRow
        assert row == _remade(row)


@pytest.mark.parametrize("loc", [Location(3), Location(7, 5, 2, "T1R2C3")])
def test_a_shifted_place_is_the_place_its_class_makes(loc: Location) -> None:
    moved = shifted(loc, 4)  # made by tuple.__new__, not by the named tuple's constructor
    assert type(moved) is Location
    assert moved == Location(loc.line, loc.column + 4, loc.page, loc.ref)
    assert moved._replace(column=1) == loc._replace(column=1)


@pytest.mark.parametrize("path", DOCUMENTS, ids=[path.name for path in DOCUMENTS])
def test_blocks_and_cells_are_those_their_classes_make(path: Path) -> None:
    blocks = read_path(str(path)).blocks  # the text reader makes them without __init__ (readers/text.py: _line …)
    assert blocks
    for block in blocks:
        assert block == _remade(block)
        for cell in block.cells:
            assert type(cell) is RawCell and cell == _remade(cell)
