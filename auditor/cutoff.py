"""A text that stops before the report's end: a download cut off, a PDF whose last pages were not extracted.

Such a text reads as a report whose later sections, tables and rows are all missing, and each of them would be a
finding of its own. It is one cause: the text was cut there. It is told from a report that leaves out a section by
where the missing parts lie and by how the text ends:

- every section after the last one read is missing (a section skipped in the middle is followed by the others);
- no signing date follows the last section (a report that ends with its 落款 was published so, and what it lacks,
  it lacks);
- and the text ends abruptly — inside a table (rows or tables of its section missing after the last one read),
  after a section heading with nothing under it, in the middle of a sentence — or at least two sections are gone.

What lies after the cut is recorded once (a ``cut_off`` gap): the rules that would report those parts as missing
stand down for them. The file as given certainly lacks them; whether the published report does cannot be told.
"""

from __future__ import annotations

from typing import Any

from auditor.document import Location
from auditor.metadata import page_header
from auditor.model import Gap, Metadata, SectionData, TableData, TableRow
from auditor.patterns import compiled
from auditor.script import CJK
from auditor.template import SECTIONS, TABLE_BY_ID, TABLES

_ORDER = [section.id for section in SECTIONS]
_CLOSED = tuple("。！？.!?”’」』）)")  # what the last line of a finished text ends with
_CLAUSE = "，、；"
_DATE_END = compiled(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")  # a signing date ends a finished text
_MAX_PREAMBLE = 8  # non-blank lines of a title and preamble: a text cut before its first heading has no more
_MAX_PREAMBLE_CHARS = 1000  # nor more characters (a page flattened onto one line has one line, however long)
_MIN_SECTIONS_GONE = 2  # a clean end that still loses this many sections is a cut, not one section left out


def cut_off(
    lines: list[str], sections: list[SectionData], tables: dict[str, TableData], gaps: list[Gap], metadata: Metadata
) -> Gap | None:
    """The point where the text stops before the report's end, and what is lost after it; None if it does not."""
    end = _last_line(lines)
    signed = metadata.signing_date
    if end == 0 or (signed is not None and signed.loc.line >= _first_line(sections)):
        return None  # the text reaches its signature: what it lacks, the report lacks
    if not sections:  # stopped in the title or the preamble, before the first heading and the first table
        ends = "sentence" if _unfinished(lines[end - 1]) else "end"
        if tables or (_beyond_preamble(lines) and ends != "sentence"):
            # a text this long without one heading is a report whose headings were not recognised — unless it stops
            # in the middle of a sentence: then no part heading was read before the cut, whichever parts it had
            return None
        return _gap(lines, end, {"sections": _ORDER, "last_section": None, "ends": ends}, gaps)
    last = max(sections, key=lambda section: section.loc.line)
    present = {section.id for section in sections}
    lost_sections = _ORDER[_ORDER.index(last.id) + 1 :]
    if present.intersection(lost_sections):
        return None  # the order deviates: not a cut
    detail: dict[str, Any] = {"sections": lost_sections, "last_section": last.id}
    ends = "end"
    table = _last_table(tables, last.id)
    rows, later = _lost_in_section(last.id, table, tables, gaps)
    if table is not None and (rows or later or table.reason is not None or table.unread_rows()):
        detail.update(table=table.id, rows=rows)
    if later:
        detail["tables"] = later
    if table is not None and not any(line.rstrip().endswith(_CLOSED) for line in lines[_table_end(table) : end]):
        unread = table.unread_rows()
        if rows or later or table.reason is not None or unread:
            ends = "table"  # it stops inside the table: what follows the last figures read is missing
            detail["row_line"] = _last_label(table)  # the label the text stops after: its row is the one cut
        last_row = max(table.rows.values(), key=_row_line, default=None)
        if table.reason is not None:
            detail["unread"] = "*"  # the text stops before the table's figures: the table as a whole was cut
        elif last_row is not None and _row_line(last_row) >= _table_end(table) and _short(last_row, table):
            if not last_row.unread:  # the cells it has may be the first of more: nothing rests on them
                last_row.mark_unread("cut_off")
            detail["unread"] = last_row.id  # the row the text stops in: its cells are cut, not unreadable
    elif not last.text.strip() and table is None:
        ends = "heading"  # nothing under the last heading but, at most, the stub of the line it stops in
    elif _unfinished(lines[end - 1]):
        ends = "sentence"
    detail.setdefault("row_line", end)  # the line the text stops in: a stub there is cut, not a defect of its own
    if not lost_sections and ends not in ("sentence", "heading"):
        return None  # the last section of the format was read, and its last line is finished
    if ends == "end" and len(lost_sections) < _MIN_SECTIONS_GONE and not (rows or later):
        return None  # one last section missing after a finished text: a section left out, as likely as a cut
    detail["ends"] = ends
    return _gap(lines, end, detail, gaps)


def _gap(lines: list[str], end: int, detail: dict[str, Any], gaps: list[Gap]) -> Gap:
    detail["text"] = lines[end - 1].strip()[-30:]
    detail["lost_tables"] = [
        gap.table for gap in gaps if gap.kind == "missing_table" and gap.table and gap.section in detail["sections"]
    ] + list(detail.get("tables", []))
    place = Location(end, max(1, len(lines[end - 1].rstrip())))
    return Gap("cut_off", place, section=detail["last_section"], detail=detail)


def _first_line(sections: list[SectionData]) -> int:
    return min((section.loc.line for section in sections), default=0)


def _unfinished(line: str) -> bool:
    """Whether the text's last line stops inside a sentence: on a comma, a semicolon or a colon, or on a word of
    prose (a clause ends in the line: ，、；) rather than on a sentence's close. A signer's name, a date or a telephone
    number ends a finished text without a full stop (a page flattened onto one line ends with its signing date
    after many sentences)."""
    line = line.rstrip()
    if not line or line.endswith(_CLOSED) or _DATE_END.search(line):
        return False
    return line[-1] in _CLAUSE + "：" or (any(mark in line for mark in _CLAUSE) and CJK.match(line[-1]) is not None)


def _beyond_preamble(lines: list[str]) -> bool:
    """Whether the text itself is longer than a title and a preamble, in lines or (flattened) in characters. A
    crawler's header (「标题: …」, 「发布时间: …」) is the page's, not the text's: a page that holds nothing but its title
    under such a header is a text cut after the title."""
    text = [line.strip() for line in lines if line.strip() and not page_header(line)]
    return len(text) > _MAX_PREAMBLE or sum(map(len, text)) > _MAX_PREAMBLE_CHARS


def _short(row: TableRow, table: TableData) -> bool:
    """Whether a row lacks cells of its table, or its last cell is blank: cut, if the text stops in it."""
    if row.unread or len(row.cells) < len(table.columns):
        return True
    last = row.cells.get(table.columns[-1]) if table.columns else None
    return last is None or last.kind == "blank"


def _last_label(table: TableData) -> int:
    labels = [table.caption, *table.headers, *table.groups.values(), *(row.label for row in table.rows.values())]
    return max((label.loc.line for label in labels if label is not None), default=0)


def _last_line(lines: list[str]) -> int:
    for number in range(len(lines), 0, -1):
        if lines[number - 1].strip():
            return number
    return 0


def _last_table(tables: dict[str, TableData], section: str) -> TableData | None:
    """The table of ``section`` that stands last in the text, if one was read."""
    found = [table for table in tables.values() if table.section == section]
    return max(found, key=_table_end, default=None)


def _table_end(table: TableData) -> int:
    found = [label.loc.line for label in (table.caption, *table.headers, *table.groups.values()) if label is not None]
    found += [_row_line(row) for row in table.rows.values()]
    if table.loc is not None:
        found.append(table.loc.line)
    return max(found, default=0)


def _row_line(row: Any) -> int:
    found = [cell.loc.line for cell in (*row.cells.values(), *row.extra)]
    if row.label is not None:
        found.append(row.label.loc.line)
    return max(found, default=0)


def _lost_in_section(
    section: str, table: TableData | None, tables: dict[str, TableData], gaps: list[Gap]
) -> tuple[list[str], list[str]]:
    """The rows of ``table`` (the section's last) missing after its last row read, and the section's tables missing
    after it (all of them missing if no table was read)."""
    rows: list[str] = []
    section_tables = [t.id for t in TABLES if t.section == section]
    if table is not None:
        order = [row.id for row in TABLE_BY_ID[table.id].rows_for(table.variant or "2021")]
        after = max((order.index(row) for row in table.rows if row in order), default=-1)
        missing = {gap.row for gap in gaps if gap.kind == "missing_row" and gap.table == table.id}
        rows = [row for row in order[after + 1 :] if row in missing]
        section_tables = section_tables[section_tables.index(table.id) + 1 :]
    expected = {gap.table for gap in gaps if gap.kind == "missing_table"}
    return rows, [t for t in section_tables if t in expected and t not in tables]
