"""From the parse of a document to the canonical report.

The grammar groups the tokens into sections (and, read with ``report``, checks that sections, tables and rows come
in the template's order). :class:`Reductions` turns each section into a flat list of its tokens: the parts that
:func:`parts_by_heading` makes without a tree, as ``auditor.parse`` does once lark has accepted the tokens.
:class:`Builder` walks those tokens once and fills the tables by label: each row label knows its table and row
(``auditor.template``), the cells after it are fitted to the columns of the format the table is written in, and
every deviation — a missing row, an extra or missing cell, numbers on a group label, a row whose cell boundaries
were lost — becomes a :class:`~auditor.model.Gap` rather than an exception.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from auditor.budget import check
from auditor.document import Document, Location, RawCell, any_text
from auditor.model import INFERRED, READ, Cell, Gap, Label, SectionData, TableData, TableRow, Template
from auditor.normalize import classify_cell, label_key
from auditor.prelex import HeadingInfo, LabelInfo, Tok
from auditor.recover import Unit, recover
from auditor.renamed import Outline, in_place_of
from auditor.template import (
    AMOUNT,
    APPLICANT_HEADER_TERMINALS,
    COLUMN_TERMINALS,
    GROUP_BY_TERMINAL,
    REVIEW_HEADER_TERMINALS,
    ROW_BY_TERMINAL,
    SECTION_BY_TERMINAL,
    SECTIONS,
    SIGNED,
    TABLE_BY_CAPTION,
    TABLE_BY_ID,
    TABLES,
    VARIANTS,
    Column,
    Table,
    variant_of_terminal,
)


@dataclass(slots=True)
class Part:
    """A section of the document (``section`` None: the text before the first heading) as a flat token list."""

    section: str | None
    heading: HeadingInfo | None
    tokens: list[Tok]


def _flatten(children: list[Any], out: list[Tok]) -> list[Tok]:
    for child in children:
        if type(child) is Tok:
            out.append(child)
        elif child and isinstance(child, list):  # not into the many empty ones (an absent row, no lines after one)
            _flatten(child, out)
    return out


class Reductions:
    """What the section rules reduce to (see :meth:`auditor.grammar.Grammar.parse`); every other rule (rows,
    tables) keeps its children, which the section flattens into one token list. ``parse_document`` has lark only
    recognise the tokens and takes :func:`parts_by_heading`, which tests/parse/test_parse_parts.py holds to these."""

    def _section(self, children: list[Any]) -> Part:
        tokens = _flatten(children, [])
        heading = tokens[0].payload
        return Part(SECTION_BY_TERMINAL[heading.terminal].id, heading, tokens[1:])

    overview = active_disclosure = applications = review_litigation = problems = other_matters = _section
    loose_section = _section

    def front_matter(self, children: list[Any]) -> Part:
        return Part(None, None, _flatten(children, []))

    front_matter_loose = front_matter

    def report(self, children: list[Any]) -> list[Part]:
        parts: list[Part] = []
        _parts(children, parts)
        return parts

    loose_report = report


def _parts(children: list[Any], out: list[Part]) -> None:
    for child in children:
        if isinstance(child, Part):
            out.append(child)
        elif isinstance(child, list):
            _parts(child, out)


REDUCTIONS = Reductions()
_PLACE = {section.id: place for place, section in enumerate(SECTIONS, 1)}  # 一 → 1 … 六 → 6

# What ``_prose`` stands for in grammars/report.lark. Both start rules admit prose after every token (``_tail``
# follows each terminal of ``report``; ``_loose_item`` is prose or a label): it never decides whether a parse
# succeeds, and it belongs to the section of the heading before it.
PROSE = frozenset({"TEXT", "ROW"})


def parts_by_heading(tokens: list[Tok]) -> list[Part]:
    """The parts :class:`Reductions` makes of a token list that parsed: the text before the first heading, then
    one part for each section heading and the tokens up to the next heading (every token is in one part, in
    order: the grammar's sections are runs of the token list)."""
    parts = [Part(None, None, [])]
    current = parts[0].tokens
    for token in tokens:
        if token.type in SECTION_BY_TERMINAL:
            heading = token.payload
            current = []
            parts.append(Part(SECTION_BY_TERMINAL[heading.terminal].id, heading, current))
        else:
            current.append(token)
    return parts


# A label and what follows it: the label, what the pre-lexer read with it (its cells on the same row; ``unread``: why
# it could not pair the label with figures) and the rows without a label directly below it. A tuple rather than a
# class: one is made for every label of every report, and a tuple costs a tenth of an instance to make and free.
_Entry = tuple[Label, LabelInfo, list[list[RawCell]]]


@dataclass(slots=True)
class _TableAcc:
    spec: Table
    loc: Location | None = None
    caption: Label | None = None
    headers: list[Label] = field(default_factory=list)
    rows: dict[str, _Entry] = field(default_factory=dict)
    groups: dict[str, _Entry] = field(default_factory=dict)
    value_groups: list[list[RawCell]] = field(default_factory=list)  # section 四: candidate value rows


class _Accumulators(dict[str, _TableAcc]):
    """What was found of each table, by id: a table's accumulator is made when first asked for by subscript (in C
    when it is there already, where a method a label cost a call); ``get`` does not make one."""

    def __missing__(self, table_id: str) -> _TableAcc:
        acc = self[table_id] = _TableAcc(TABLE_BY_ID[table_id])
        return acc


_MARKS: dict[str, str] = {}  # terminal → the format it belongs to alone ("" if both use it): Builder._walk


class Builder:
    """Builds sections, tables, template markers and gaps from the parsed parts of one document."""

    def __init__(self, doc: Document, official: dict[str, str]) -> None:
        self.doc = doc
        self.official = official
        self.gaps: list[Gap] = []
        self.aliases: list[Label] = []
        self.markers: dict[str, list[Label]] = {variant: [] for variant in VARIANTS}
        self.tables = _Accumulators()  # table id → what was found of it; self.tables[id] makes one if none
        self.sections: list[SectionData] = []
        self.flattened: dict[str, list[RawCell]] = {}  # row id → the runs of digits of a row that lost its cells

    # ── sections ────────────────────────────────────────────────────────────────────────────────────────
    def build(self, parts: list[Part]) -> tuple[list[SectionData], dict[str, TableData], Template]:
        seen: dict[str, SectionData] = {}
        outline: Outline = []  # each part's heading and prose: where a section is missing, what stands in its place
        for index, part in enumerate(parts):
            check("parse")
            end = self._end_line(parts, index)
            paragraphs = self._walk(part)
            outline.append((part.heading, _PLACE.get(part.section or "", 0), paragraphs))
            if part.section is None or part.heading is None:
                continue
            heading = part.heading
            data = SectionData(
                id=part.section,
                heading=heading.as_written,
                numbering=heading.numbering,
                number=heading.number,
                loc=heading.loc,
                line_end=end,
                text="\n".join(text for text, _loc in paragraphs),
                paragraphs=paragraphs,
            )
            if part.section in seen:
                self.gaps.append(
                    Gap(
                        "duplicate_section",
                        heading.loc,
                        section=part.section,
                        detail={"first_line": seen[part.section].loc.line},
                    )
                )
                continue
            seen[part.section] = data
            self.sections.append(data)
        missing = [section for section in SECTIONS if section.id not in seen]
        standing = in_place_of(outline, [_PLACE[section.id] for section in missing])
        for section in missing:
            detail: dict[str, Any] = {"heading": section.heading}
            if _PLACE[section.id] in standing:  # the report's own heading(s) where it was due: renamed, split, merged
                detail["in_its_place"] = [other.to_json() for other in standing[_PLACE[section.id]]]
            self.gaps.append(Gap("missing_section", None, section=section.id, detail=detail))
        template = self._template()
        tables = {spec.id: self._table(spec, template.variant) for spec in TABLES}
        return self.sections, {k: v for k, v in tables.items() if v is not None}, template

    def _end_line(self, parts: list[Part], index: int) -> int:
        for later in parts[index + 1 :]:
            if later.heading is not None:
                return later.heading.loc.line - 1
        return len(self.doc.lines)

    def _walk(self, part: Part) -> list[tuple[str, Location]]:
        """Assign the tokens of one section to tables; return its paragraphs of prose."""
        paragraphs: list[tuple[str, Location]] = []
        current: _Entry | None = None  # the last label, while its cells may still follow
        table: _TableAcc | None = None
        fresh = False  # nothing but the label's own cells since the label
        official = self.official
        for token in part.tokens:
            kind = token.type
            if kind == "TEXT":
                paragraphs += [(line.text, line.loc) for line in token.payload]
                fresh = False
                continue
            if kind == "ROW":
                if current is not None and fresh and not any_text(current[1].cells):
                    current[2].append(token.payload)
                if table is not None and table.spec.id == "review_litigation":
                    table.value_groups.append(token.payload)
                elif current is None and part.section in _PROSE_SECTIONS and _said_in_a_word(token.payload):
                    # 「六、其他需要报告的事项 / 无」: the part's whole content, said in a word, in a part that has no
                    # table — prose, not a stray figure (nor an empty part, nor a text cut after the heading)
                    paragraphs += [(cell.text, cell.loc) for cell in token.payload]
                    fresh = False
                elif current is None or not fresh:
                    self.gaps.append(
                        Gap(
                            "stray_row",
                            token.payload[0].loc,
                            section=part.section,
                            detail={"cells": [c.text for c in token.payload]},
                        )
                    )
                continue
            info: LabelInfo = token.payload
            terminal = info.terminal
            # Label(terminal, official, as_written, loc, alias), its slots set here: see _cell
            label = _new(Label)
            label.terminal = terminal
            label.official = official.get(terminal, info.as_written)
            label.as_written = info.as_written
            label.loc = info.loc
            label.alias = info.alias
            if info.alias:
                self.aliases.append(label)
            variant = _MARKS.get(terminal)
            if variant is None:  # the format a terminal marks ("" for none), worked out once a process
                variant = _MARKS[terminal] = variant_of_terminal(terminal) or ""
            if variant:
                self.markers[variant].append(label)
            current = (label, info, [])
            fresh = info.unread is None  # a label set apart from its figures takes no row of figures below it
            found = ROW_BY_TERMINAL.get(terminal)
            if found is None:  # a caption, a group or a column header
                table = self._place(current, table, part.section)
            else:  # most labels: a row of its table (here, not in a call: one a label cost more than the rest)
                spec, row = found
                table = self.tables[spec.id]
                if table.loc is None:
                    table.loc = label.loc
                if terminal in GROUP_BY_TERMINAL:  # （六）其他处理: a row in 2019, a group in 2021
                    table.groups.setdefault(GROUP_BY_TERMINAL[terminal][1].id, current)
                first = table.rows.get(row.id)
                if first is not None:
                    self.gaps.append(
                        Gap(
                            "duplicate_row",
                            label.loc,
                            table=spec.id,
                            row=row.id,
                            detail={"first_line": first[0].loc.line},
                        )
                    )
                else:
                    table.rows[row.id] = current
            if info.cells and table is not None and table.spec.id == "review_litigation":
                table.value_groups.append(info.cells)
        return paragraphs

    def _place(self, entry: _Entry, table: _TableAcc | None, section: str | None) -> _TableAcc | None:
        """The table a caption, a group label or a column header belongs to (a row's label is placed by _walk)."""
        label = entry[0]
        terminal = label.terminal
        loc = label.loc
        if terminal in TABLE_BY_CAPTION:
            acc = self.tables[TABLE_BY_CAPTION[terminal].id]
            if acc.caption is not None:
                self.gaps.append(
                    Gap("duplicate_table", loc, table=acc.spec.id, detail={"first_line": acc.caption.loc.line})
                )
            else:
                acc.caption = label
            if acc.loc is None:
                acc.loc = loc
            return acc
        if terminal in GROUP_BY_TERMINAL:
            spec, group = GROUP_BY_TERMINAL[terminal]
            acc = self.tables[spec.id]
            if acc.loc is None:
                acc.loc = loc
            acc.groups.setdefault(group.id, entry)
            return acc
        # A column header: it belongs to the table being read (or to the table of its section).
        # 总计/其他 under 结果维持…: the review table's own columns, with or without its section's heading above it
        reviewing = section == "四" or (table is not None and table.spec.id == "review_litigation")
        if terminal in REVIEW_HEADER_TERMINALS or (terminal in ("TOTAL", "OTHER") and reviewing):
            acc = self.tables["review_litigation"]
        elif terminal in APPLICANT_HEADER_TERMINALS or terminal == "TOTAL":
            acc = self.tables["applications"]
        elif terminal in COLUMN_TERMINALS and table is not None and table.spec.section == "二":
            acc = table
        else:
            return table
        acc.headers.append(label)
        if acc.loc is None:
            acc.loc = loc
        return acc

    # ── template detection ──────────────────────────────────────────────────────────────────────────────
    def _template(self) -> Template:
        applications = self.tables.get("applications")
        if applications is not None and _single_other_handling(applications):
            other = applications.groups["other_handling"]
            self.markers["2019"].append(other[0])  # （六）其他处理 followed directly by its numbers
        present = [variant for variant in VARIANTS if self.markers[variant]]
        variant = "mixed" if len(present) == 2 else present[0] if present else "unknown"
        return Template(variant, {v: m for v, m in self.markers.items() if m})

    # ── tables ──────────────────────────────────────────────────────────────────────────────────────────
    def _table(self, spec: Table, report_variant: str) -> TableData | None:
        acc = self.tables.get(spec.id)
        if acc is None:
            expected = report_variant in spec.variants or (
                report_variant in ("unknown", "mixed") and spec.variants == VARIANTS
            )
            if expected:
                self.gaps.append(Gap("missing_table", None, section=spec.section, table=spec.id))
            return None
        if spec.id == "review_litigation":
            return self._review_table(acc)
        variant = self._table_variant(acc, report_variant)
        columns = spec.columns_for(variant)
        data = TableData(
            spec.id,
            spec.section,
            variant,
            acc.loc,
            [c.id for c in columns],
            {},
            acc.caption,
            acc.headers,
            {key: entry[0] for key, entry in acc.groups.items()},
        )
        entries = dict(acc.rows)
        if spec.id == "applications":
            self._resolve_groups(acc, entries, variant)
        statuses = set()
        self.flattened = {}
        for row in spec.rows:
            entry = entries.get(row.id)
            if entry is None:
                if variant in row.variants:
                    self.gaps.append(
                        Gap(
                            "missing_row",
                            acc.loc,
                            section=spec.section,
                            table=spec.id,
                            row=row.id,
                            detail={"label": self.official.get(row.terminal, row.id)},
                        )
                    )
                continue
            table_row, status = self._fit(spec, row.id, entry, columns)
            if entry[0].terminal in GROUP_BY_TERMINAL and not table_row.unread and row.terminal != entry[0].terminal:
                table_row.confidence = INFERRED  # a group label's figures read as its first row's: an assumption
                for cell in table_row.cells.values():
                    cell.confidence = INFERRED
            data.rows[row.id] = table_row
            statuses.add(status)
        if self.flattened:
            statuses.discard("flattened")
            units = [
                Unit(
                    row_id,
                    tuple(runs),
                    tuple(f"{spec.id}.{row_id}.{c.id}" for c in columns),
                    tuple(c.kind for c in columns),
                )
                for row_id, runs in self.flattened.items()
            ]
            statuses.add(self._recover(spec, variant, data, units))
        if not data.rows:
            data.status = "empty"
        elif "flattened" in statuses:
            data.status = "flattened"
        elif "partial" in statuses:
            data.status = "partial"
        elif "recovered" in statuses:
            data.status = "recovered"
        return data

    def _recover(self, spec: Table, variant: str, data: TableData, units: list[Unit]) -> str:
        """Split runs of digits where the table's identities allow one split only (``auditor.recover``); record
        each row as recovered (its cells read when the digits split one way only, else inferred) or as still
        flattened, with the number of splits left."""
        known: dict[str, Any] = {
            f"{spec.id}.{row_id}.{column}": cell.value if cell.kind == "number" else None
            for row_id, row in data.rows.items()
            for column, cell in row.cells.items()
        }
        recovery = recover(spec.id, variant, units, known)
        kinds = {c.id: c.kind for c in spec.columns_for(variant)}
        status = "recovered"
        for unit in units:
            digits = " ".join(piece.text for piece in unit.pieces)
            left = recovery.splits_left[unit.key]
            row_id = unit.key if unit.key in data.rows or unit.key != spec.id else None
            detail: dict[str, Any] = {"digits": digits, "columns": len(unit.cells), "identities": recovery.identities}
            if left != 1:
                status = "flattened"
                detail["splits"] = left if left >= 0 else "too many"
                self.gaps.append(Gap("flattened_row", unit.pieces[0].loc, spec.section, spec.id, row_id, detail=detail))
                reason = "blank_cells" if unit.key in recovery.unchecked else "ambiguous_digits"
                if row_id is not None and row_id in data.rows:
                    data.rows[row_id].mark_unread(reason, digits)
                else:  # section 四: its fifteen figures are one run
                    data.mark_unread(reason, digits)
                continue
            # One plain way to write the digits as the row's numbers (as many digits as cells) is a reading: its cells
            # are read; a split the identities chose among several is a guess they checked: inferred.
            forced = unit.key in recovery.forced
            values = []
            for name in unit.cells:
                _table, row_name, column = name.split(".")
                cell = _cell(recovery.cells[name], kinds[column])
                values.append(cell.raw)
                row = data.rows.get(row_name)
                if row is None:
                    row = data.rows[row_name] = TableRow(row_name, None, {})
                row.cells[column] = cell
                if not forced:
                    cell.confidence = row.confidence = INFERRED
            detail["values"] = values
            if forced:
                detail["forced"] = True
            self.gaps.append(Gap("recovered_row", unit.pieces[0].loc, spec.section, spec.id, row_id, detail=detail))
        return status

    def _table_variant(self, acc: _TableAcc, report_variant: str) -> str:
        if acc.spec.id == "applications" and _single_other_handling(acc):
            return "2019"  # （六）其他处理 as one row with its own figures: the table has the 2019 rows
        from_headers = {variant_of_terminal(h.terminal) for h in acc.headers} - {None}
        from_rows = {variant_of_terminal(e[0].terminal) for e in acc.rows.values()} - {None}
        for evidence in (from_headers, from_rows):
            if len(evidence) == 1:
                return evidence.pop()  # type: ignore[return-value]
        if report_variant in VARIANTS and report_variant in acc.spec.variants:
            return report_variant
        if len(acc.spec.variants) == 1:
            return acc.spec.variants[0]
        # No header and no marker: the format whose column count fits the cells.
        widths = [len(_cells_of(e)) for e in acc.rows.values()]
        for variant in acc.spec.variants:
            if widths and all(w == len(acc.spec.columns_for(variant)) for w in widths):
                return variant
        return "2021"

    def _resolve_groups(self, acc: _TableAcc, entries: dict[str, _Entry], variant: str) -> None:
        """Numbers written on a group label (（三）…（六）) are the first sub-row's, if that row is missing."""
        table = acc.spec
        for group in table.groups:
            entry = acc.groups.get(group.id)
            if entry is None or group.id == "outcomes":
                continue
            if group.id == "other_handling":
                if variant == "2019" or (not any(r in entries for r in group.rows) and variant != "2021"):
                    continue  # （六）其他处理 is the data row itself
                entries.pop("other_handling", None)
            if not _has_cells(entry):
                continue
            first = next((r for r in group.rows if r in {row.id for row in table.rows_for(variant)}), None)
            if first is not None and first not in entries:
                entries[first] = entry
                self.gaps.append(
                    Gap(
                        "numbers_on_group_label",
                        entry[0].loc,
                        section=table.section,
                        table=table.id,
                        row=first,
                        detail={"group": group.id, "read_as": first},
                    )
                )
            else:
                self.gaps.append(
                    Gap(
                        "numbers_on_group_label",
                        entry[0].loc,
                        section=table.section,
                        table=table.id,
                        detail={"group": group.id, "cells": [c.text for c in _cells_of(entry)]},
                    )
                )
        outcomes = acc.groups.get("outcomes")
        if outcomes is not None and _has_cells(outcomes):
            self.gaps.append(
                Gap(
                    "numbers_on_group_label",
                    outcomes[0].loc,
                    section=table.section,
                    table=table.id,
                    detail={"group": "outcomes", "cells": [c.text for c in _cells_of(outcomes)]},
                )
            )

    def _fit(self, spec: Table, row_id: str, entry: _Entry, columns: tuple[Any, ...]) -> tuple[TableRow, str]:
        """Fit the cells after a label to the table's columns; record what does not fit."""
        label = entry[0]
        unread = entry[1].unread
        cells = _cells_of(entry)  # not changed here: trimmed, split or fitted into new lists
        n = len(columns)
        if len(cells) > n:
            cells = list(cells)
            while len(cells) > n and not cells[-1].text:
                cells.pop()
            while len(cells) > n and not cells[0].text:
                cells.pop(0)
        status = "read"
        if len(cells) < n:  # fewer cells than columns: the row may have lost its cell boundaries
            cells = _split_strokes(cells, n)
            signed = any(column.kind == SIGNED for column in columns)
            if _flattened(cells, n, signed) or _space_broken(cells, n, self.doc.lines):
                row = TableRow(row_id, label, {})
                row.flattened = " ".join(c.text for c in cells if c.text)
                self.flattened[row_id] = [c for c in cells if c.text]
                return row, "flattened"
        # TableRow(row_id, label, cells), its slots set here as _cells sets a cell's (tests/parse/test_model_makers.py)
        row = _new(TableRow)
        row.id = row_id
        row.label = label
        row.cells = _cells(columns, cells)
        row.extra = []
        row.flattened = None
        row.confidence = READ
        row.reason = row.detail = None
        if unread and cells:  # the pre-lexer could not trust the pairing of this label and its figures
            row.mark_unread(unread, " ".join(c.text for c in cells))
            return row, "partial"
        if len(cells) > n:
            row.extra = [_cell(c, "count") for c in cells[n:]]
            stray = any(classify_cell(c.text)[0] == "text" for c in cells)  # e.g. a heading written down a column
            row.mark_unread("stray_text" if stray else "extra_cells", " ".join(c.text for c in cells))
            self.gaps.append(
                Gap(
                    "extra_cells",
                    cells[n].loc,
                    section=spec.section,
                    table=spec.id,
                    row=row_id,
                    detail={"cells": [c.text for c in cells[n:]], "expected": n},
                )
            )
            status = "partial"
        elif len(cells) < n:
            reason = unread if unread and not cells else "missing_cells" if cells else "no_figures"
            row.mark_unread(reason, " ".join(c.text for c in cells) or None)
            missing = [c.id for c in columns[len(cells) :]]
            self.gaps.append(
                Gap(
                    "missing_cells",
                    label.loc,
                    section=spec.section,
                    table=spec.id,
                    row=row_id,
                    columns=missing,
                    detail={"found": len(cells), "expected": n},
                )
            )
            status = "partial"
        return row, status

    def _review_table(self, acc: _TableAcc) -> TableData:
        """Section 四: fifteen numbers in three groups of five."""
        spec = acc.spec
        columns = spec.columns_for("2021")
        data = TableData(spec.id, spec.section, None, acc.loc, [c.id for c in columns], {}, None, acc.headers)
        values = _review_values(acc.value_groups)
        expected = len(spec.rows) * len(columns)
        if len(values) > expected:
            self.gaps.append(
                Gap(
                    "extra_cells",
                    values[expected].loc,
                    section=spec.section,
                    table=spec.id,
                    detail={"cells": [c.text for c in values[expected:]], "expected": expected},
                )
            )
            # which fifteen are the table's is unknown, and any choice shifts the figures into the wrong cells
            data.status = "partial"
            data.mark_unread("extra_cells", " ".join(v.text for v in values))
            return data
        if _flattened(values, expected):
            cells = tuple(f"{spec.id}.{row.id}.{column.id}" for row in spec.rows for column in columns)
            unit = Unit(
                spec.id, tuple(v for v in values if v.text), cells, tuple(c.kind for _r in spec.rows for c in columns)
            )
            data.status = self._recover(spec, "2021", data, [unit])
            return data
        for index, row in enumerate(spec.rows):
            chunk = values[index * len(columns) : (index + 1) * len(columns)]
            if not chunk:
                continue
            table_row = TableRow(row.id, None, _cells(columns, chunk))
            data.rows[row.id] = table_row
        if len(values) < expected:
            self.gaps.append(
                Gap(
                    "missing_cells",
                    acc.loc,
                    section=spec.section,
                    table=spec.id,
                    detail={"found": len(values), "expected": expected},
                )
            )
            data.status = "partial" if values else "empty"
            data.mark_unread("missing_cells" if values else "no_figures", " ".join(v.text for v in values) or None)
        return data


_REVIEW_CELLS = 15


def _cells_of(entry: _Entry) -> list[RawCell]:
    """The figures of a label: its own cells if any is written, else those of the first row below it."""
    cells = entry[1].cells
    if cells and any_text(cells):
        return cells
    below = entry[2]
    if below:
        return below[0]
    return cells or []


def _single_other_handling(acc: _TableAcc) -> bool:
    """Table 三's （六）其他处理 is one row with its own figures and none of the 2021 format's three sub-rows."""
    other = acc.groups.get("other_handling")
    has_subrows = any(r in acc.rows for r in ("overdue_correction", "unpaid_fee", "other_reasons"))
    return other is not None and not has_subrows and _has_cells(other)


def _has_cells(entry: _Entry) -> bool:
    return any_text(_cells_of(entry))


def _flattened(cells: list[RawCell], n: int, signed: bool = False) -> bool:
    """Cell boundaries were lost: fewer cells than columns, each a run of digits, and either one run holding at
    least one digit per column ("713000074") or a run with a leading zero ("000023", "00") that no number has.
    In a row with a signed column (2019 本年增/减) a minus or plus sign between digits ("1-10", "0+11") is a lost
    boundary too."""
    if n < 2 or len(cells) >= n:  # most rows: as many cells as columns
        return False
    filled = [c.text for c in cells if c.text]
    if not filled or len(filled) < len(cells):
        return False
    keys = [label_key(text).rstrip("元万件条") for text in filled]
    if signed and any("-" in key or "+" in key for key in keys):  # 「1-10」「0+11」: a sign starts the next cell
        return all(part.isdigit() for key in keys for part in key.replace("+", "-").split("-"))
    if not all(key.replace(".", "", 1).isdigit() for key in keys):
        return False
    if len(keys) == 1:
        return len(keys[0].replace(".", "")) >= n
    return any(len(key) > 1 and key[0] == "0" and key[1] != "." for key in keys)


_STROKE_CHARS = frozenset("—－-/／")


def _split_strokes(cells: list[RawCell], n: int) -> list[RawCell]:
    """Not-applicable marks run together (「规章——————」 on a flattened page: three 「——」): when every cell of a row
    is made of strokes only and they are fewer than the columns, each column holds a mark, whatever the split, so
    the run is cut into ``n`` even pieces (or the row is left as it is when it cannot be)."""
    if n < 2 or not cells or len(cells) >= n or not all(c.text and set(c.text) <= _STROKE_CHARS for c in cells):
        return cells
    run = "".join(c.text for c in cells)
    if len(cells) > 1 or len(run) % n:
        return cells
    size = len(run) // n
    loc = cells[0].loc
    return [RawCell(run[i * size : (i + 1) * size], loc._replace(column=loc.column + i * size)) for i in range(n)]


def _space_broken(cells: list[RawCell], n: int, lines: list[str]) -> bool:
    """A run of digits broken by stray spaces (``500000 5`` for 5|0|0|0|0|0|5): fewer runs than columns, all digits
    (counts), at least one digit per column in all, and every gap between runs only spaces on one line of text — no
    tab, pipe or cell boundary of a structured format. Its surviving boundaries are kept by the recovery."""
    if n < 2 or not cells or len(cells) >= n or len(cells) < 2 or any(c.loc.ref is not None for c in cells):
        return False
    if not all(c.text.isdigit() and c.text.isascii() for c in cells) or sum(len(c.text) for c in cells) < n:
        return False
    for before, after in itertools.pairwise(cells):
        if before.loc.line != after.loc.line or not 0 < before.loc.line <= len(lines):
            return False
        line = lines[before.loc.line - 1]
        gap = line[before.loc.column - 1 + len(before.text) : after.loc.column - 1]
        if (
            not gap
            or gap.strip(" \u3000\u00a0")
            or line[before.loc.column - 1 : before.loc.column - 1 + len(before.text)] != before.text
        ):
            return False
    return True


def _review_values(groups: list[list[RawCell]]) -> list[RawCell]:
    """Pick the fifteen values of section 四 from the cell groups read there (header padding included)."""
    numeric = [g for g in groups if any(classify_cell(c.text)[0] == "number" for c in g)]
    pool = numeric or [g for g in groups if len(g) >= 10]
    if not pool:
        return []
    start = groups.index(max(pool, key=len))
    values = list(groups[start])
    for later in groups[start + 1 :]:
        if len(values) >= _REVIEW_CELLS or not any(classify_cell(c.text)[0] == "number" for c in later):
            break
        values.extend(later)
    while len(values) > _REVIEW_CELLS and not values[-1].text:
        values.pop()
    while len(values) > _REVIEW_CELLS and not values[0].text:
        values.pop(0)
    return values


def _cell(raw: RawCell, column_kind: str) -> Cell:
    """One cell made by itself (a recovered one, one past the row's columns): the body of :func:`_cells`' loop, which
    has it inline (a call a cell cost more than the rest), and a call of that function a cell would cost more here.
    tests/parse/test_model_makers.py compares the two."""
    text = raw.text
    kind, value, unit = classify_cell(text)
    if value is None:
        if kind == "number":
            kind = "text"  # too many digits to be a figure: not read as one (NUM005 says why)
    elif column_kind == AMOUNT and type(value) is int:
        value = Decimal(value)
    cell = _new(Cell)
    cell.value = value
    cell.raw = text
    cell.kind = kind
    cell.loc = raw.loc
    cell.unit = unit
    cell.confidence = READ
    cell.reason = None
    return cell


def _cells(columns: Sequence[Column], raws: Sequence[RawCell]) -> dict[str, Cell]:
    """The cells of a row by column id, one a raw cell (as many as both have)."""
    out: dict[str, Cell] = {}
    for column, raw in zip(columns, raws, strict=False):
        text = raw.text
        kind, value, unit = classify_cell(text)
        if value is None:
            if kind == "number":
                kind = "text"  # too many digits to be a figure: not read as one (NUM005 says why)
        elif column.kind == AMOUNT and type(value) is int:
            value = Decimal(value)
        # Cell(value, text, kind, raw.loc, unit), its slots set here: a class's call runs its generated __init__ from
        # C (the type's call, its init slot, a fresh interpreter loop), some 750 instructions more a cell than setting
        # the slots in this loop (200 cells a report), and a call of a function a cell as much again.
        # tests/parse/test_model_makers.py compares the two.
        cell = _new(Cell)
        cell.value = value
        cell.raw = text
        cell.kind = kind
        cell.loc = raw.loc
        cell.unit = unit
        cell.confidence = READ
        cell.reason = None
        out[column.id] = cell
    return out


_new = object.__new__


# The sections of the format that have no table: a row of "figures" there is prose read as a value
_PROSE_SECTIONS = frozenset(section.id for section in SECTIONS) - frozenset(table.section for table in TABLES)
_IN_A_WORD = frozenset({"无", "无。", "暂无", "暂无。", "没有", "没有。"})  # a part's whole content in one word


def _said_in_a_word(cells: list[RawCell]) -> bool:
    """Whether a row is one word that answers a part as a whole (「无」), not a figure."""
    return len(cells) == 1 and cells[0].text.strip() in _IN_A_WORD
