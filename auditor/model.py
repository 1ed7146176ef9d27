"""The canonical report: what a parsed annual report is, whatever file it came from.

Plain dataclasses; :meth:`Report.to_json` gives the form described by ``schemas/report.schema.json``. Counts are
``int``, money is :class:`decimal.Decimal` (a string in JSON), a blank cell is ``None`` — never 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from auditor.document import Location

SCHEMA_VERSION = "1.0"


@dataclass(slots=True)
class Cell:
    """One table cell as read. ``kind``: number | blank | dash | text."""

    value: int | Decimal | None
    raw: str
    kind: str
    loc: Location
    unit: str | None = None
    inferred: bool = False  # recovered from flattened text rather than read from a cell

    def to_json(self) -> dict[str, Any]:
        value: Any = self.value
        if isinstance(value, Decimal):
            value = str(value)
        out: dict[str, Any] = {"value": value, "raw": self.raw, "kind": self.kind, **self.loc.to_json()}
        if self.unit:
            out["unit"] = self.unit
        if self.inferred:
            out["inferred"] = True
        return out


@dataclass(slots=True)
class Label:
    """A label as found: the terminal it matched, how it was written, where, and whether through an alias."""

    terminal: str
    official: str
    as_written: str
    loc: Location
    alias: str | None = None  # "alias" | "unnumbered" | "typo" | "truncated"

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "terminal": self.terminal,
            "official": self.official,
            "as_written": self.as_written,
            **self.loc.to_json(),
        }
        if self.alias:
            out["alias"] = self.alias
        return out


@dataclass(slots=True)
class TableRow:
    id: str
    label: Label | None  # None for the rows of section 四, which have no label of their own
    cells: dict[str, Cell]  # column id → cell; a column missing from the source is absent here (and in gaps)
    extra: list[Cell] = field(default_factory=list)
    flattened: str | None = None  # the digits of a row whose cell boundaries were lost

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "label": self.label.to_json() if self.label else None,
            "cells": {column: cell.to_json() for column, cell in self.cells.items()},
        }
        if self.extra:
            out["extra"] = [cell.to_json() for cell in self.extra]
        if self.flattened is not None:
            out["flattened"] = self.flattened
        return out


@dataclass(slots=True)
class TableData:
    id: str
    section: str
    variant: str | None  # the format whose columns the table was read with
    loc: Location | None
    columns: list[str]
    rows: dict[str, TableRow]
    caption: Label | None = None
    headers: list[Label] = field(default_factory=list)
    groups: dict[str, Label] = field(default_factory=dict)
    status: str = "read"  # read | partial | flattened | empty

    def cell(self, row: str, column: str) -> Cell | None:
        found = self.rows.get(row)
        return found.cells.get(column) if found else None

    def to_json(self) -> dict[str, Any]:
        return {
            "section": self.section,
            "variant": self.variant,
            "status": self.status,
            "location": self.loc.to_json() if self.loc else None,
            "caption": self.caption.to_json() if self.caption else None,
            "columns": list(self.columns),
            "headers": [label.to_json() for label in self.headers],
            "groups": {key: label.to_json() for key, label in self.groups.items()},
            "rows": {key: row.to_json() for key, row in self.rows.items()},
        }


@dataclass(slots=True)
class SectionData:
    id: str  # canonical 一 … 六
    heading: str  # as written
    numbering: str  # zh | arabic | part | none
    number: str | None  # the numeral as written
    loc: Location
    line_end: int
    text: str
    paragraphs: list[tuple[str, Location]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "heading": self.heading,
            "numbering": self.numbering,
            "number": self.number,
            "line_start": self.loc.line,
            "line_end": self.line_end,
            **({"page": self.loc.page} if self.loc.page is not None else {}),
            "text": self.text,
        }


@dataclass(slots=True)
class Gap:
    """A structural deviation, recorded so that rules can report it precisely."""

    kind: str
    loc: Location | None = None
    section: str | None = None
    table: str | None = None
    row: str | None = None
    columns: list[str] = field(default_factory=list)
    detail: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind}
        for name in ("section", "table", "row"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        if self.columns:
            out["columns"] = list(self.columns)
        if self.loc is not None:
            out["location"] = self.loc.to_json()
        if self.detail:
            out["detail"] = self.detail
        return out


@dataclass(slots=True)
class Found:
    """A piece of metadata with where it was found."""

    text: str
    loc: Location
    value: Any = None

    def to_json(self, value_key: str = "value") -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text, **self.loc.to_json()}
        if self.value is not None:
            out[value_key] = self.value
        return out


@dataclass(slots=True)
class Citation:
    """A cited document number such as 国办公开办函〔2021〕30号, with the title cited before it, if any."""

    kind: str  # format-2019 | format-2021 | fee-measure | platform-notice | other
    raw: str
    loc: Location
    issuer: str | None = None  # the document-number prefix as written, e.g. 国办公开办函
    year: int | None = None
    number: int | None = None
    brackets: str | None = None  # the pair of brackets as written, e.g. "〔〕", "[]"
    title: str | None = None  # the 《…》 title cited with it
    title_loc: Location | None = None

    def canonical(self) -> str | None:
        if self.issuer is None or self.year is None or self.number is None:
            return None
        return f"{self.issuer}〔{self.year}〕{self.number}号"

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "raw": self.raw,
            "issuer": self.issuer,
            "year": self.year,
            "number": self.number,
            "brackets": self.brackets,
            "canonical": self.canonical(),
            "title": self.title,
            **self.loc.to_json(),
        }


@dataclass(slots=True)
class Metadata:
    title: Found | None = None
    issuing_body: Found | None = None  # value: where it was taken from (signature | title | title+text)
    body_kind: str = "unknown"  # township | government | department | unknown
    report_year: Found | None = None  # value: the year (int)
    statistics_period: Found | None = None  # value: {"start": date, "end": date}
    signing_date: Found | None = None  # value: ISO date
    format_citations: list[Citation] = field(default_factory=list)
    other_citations: list[Citation] = field(default_factory=list)
    fee_measure_names: list[Found] = field(default_factory=list)
    regulation: Found | None = None  # value: the order number (int) if cited

    @property
    def year(self) -> int | None:
        return self.report_year.value if self.report_year else None

    def to_json(self) -> dict[str, Any]:
        def found(item: Found | None, value_key: str = "value") -> Any:
            return item.to_json(value_key) if item else None

        return {
            "title": found(self.title),
            "issuing_body": found(self.issuing_body, "source"),
            "body_kind": self.body_kind,
            "report_year": found(self.report_year, "year"),
            "statistics_period": found(self.statistics_period, "period"),
            "signing_date": found(self.signing_date, "date"),
            "format_citations": [c.to_json() for c in self.format_citations],
            "other_citations": [c.to_json() for c in self.other_citations],
            "fee_measure_names": [f.to_json() for f in self.fee_measure_names],
            "regulation": found(self.regulation, "order_number"),
        }


@dataclass(slots=True)
class Template:
    variant: str  # 2019 | 2021 | mixed | unknown
    markers: dict[str, list[Label]]  # variant → the labels that mark it

    def to_json(self) -> dict[str, Any]:
        return {
            "variant": self.variant,
            "markers": {variant: [m.to_json() for m in marks] for variant, marks in self.markers.items()},
        }


@dataclass(slots=True)
class Source:
    path: str
    format: str
    encoding: str | None
    layout: str | None
    size: int
    sha256: str
    lines: int
    notes: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "format": self.format,
            "encoding": self.encoding,
            "layout": self.layout,
            "size": self.size,
            "sha256": self.sha256,
            "lines": self.lines,
            "notes": self.notes,
        }


@dataclass(slots=True)
class Report:
    source: Source
    metadata: Metadata
    template: Template
    structure: str  # "template" (read in the official order) | "loose" (order deviates)
    sections: list[SectionData]
    tables: dict[str, TableData]
    aliases: list[Label]
    gaps: list[Gap]
    lines: list[str] = field(default_factory=list, repr=False)  # the source text, for rules that search it

    @property
    def variant(self) -> str:
        return self.template.variant

    @property
    def year(self) -> int | None:
        return self.metadata.year

    def section(self, section_id: str) -> SectionData | None:
        for section in self.sections:
            if section.id == section_id:
                return section
        return None

    def table(self, table_id: str) -> TableData | None:
        return self.tables.get(table_id)

    def to_json(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "source": self.source.to_json(),
            "metadata": self.metadata.to_json(),
            "template": self.template.to_json(),
            "structure": self.structure,
            "sections": [section.to_json() for section in self.sections],
            "tables": {key: table.to_json() for key, table in self.tables.items()},
            "aliases": [label.to_json() for label in self.aliases],
            "gaps": [gap.to_json() for gap in self.gaps],
        }
