"""The identities' one pass over a report's cells (``_Cells``) gives exactly what the plain definitions it replaced
give, on every fixture report (tables read, partly read, flattened, recovered, blank, dashed, unread, absent)."""

from __future__ import annotations

from pathlib import Path

import pytest
from auditor.rules import identities

from auditor.errors import AuditorError
from auditor.parse import parse_document
from auditor.plugins import Plugins
from auditor.readers import Limits, read_path
from tests.conftest import FIXTURES

READABLE = {".txt", ".md", ".docx", ".html", ".pdf"}
REPORTS = sorted(
    path
    for folder in ("seeds", "formats", "real", "layouts", "narrative", "validate3")
    if (FIXTURES / folder).is_dir()
    for path in (FIXTURES / folder).rglob("*")
    if path.suffix in READABLE and path.name not in ("SOURCES.md", "README.md")
)


@pytest.fixture(scope="module")
def plugins() -> Plugins:
    return Plugins()


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.relative_to(FIXTURES).as_posix())
def test_the_scan_is_the_plain_definitions(path: Path, plugins: Plugins) -> None:
    try:
        report = parse_document(read_path(str(path), plugins, Limits()))
    except AuditorError:  # not a report, unreadable: nothing for the rules to scan
        pytest.skip("not parsed as a report")
    scan = identities._Cells(report)
    tables = report.tables
    cells = {
        f"{table_id}.{row_id}.{column}": cell
        for table_id, table in tables.items()
        if table.reason is None
        for row_id, row in table.rows.items()
        if not row.unread
        for column, cell in row.cells.items()
    }
    assert scan.cells == cells
    assert scan.numbers == {n: c.value for n, c in cells.items() if c.kind == "number" and c.value is not None}
    assert scan.read_rows == frozenset(
        (table_id, row_id) for table_id, table in tables.items() for row_id in table.rows if table.readable(row_id)
    )
    for key, table in tables.items():
        read = [(row_id, row) for row_id, row in table.rows.items() if not row.unread]
        assert scan.unusual[key] == [
            (row_id, column, cell)
            for row_id, row in read
            for column, cell in row.cells.items()
            if not ((type(cell.value) is int and cell.value >= 0) or cell.kind in ("blank", "dash"))
        ]
        assert scan.empty[key] == [
            (f"{table.id}.{row_id}.{column}", cell)
            for row_id, row in read
            for column, cell in row.cells.items()
            if cell.kind in ("blank", "dash")
        ]
        assert scan.figures[key] == any(
            row.unread
            or row.flattened is not None
            or any(cell.kind in ("number", "text") for cell in row.cells.values())
            for row in table.rows.values()
        )
