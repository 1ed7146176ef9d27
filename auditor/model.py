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

# How a table, row or cell was read. Rules check only what was read (or inferred); an unread row takes no part in
# any identity, cell-count, order or value check, and its table gets one finding naming it and why (TAB004).
READ = "read"  # read from the source as written
INFERRED = "inferred"  # recovered (e.g. a run of digits split by the table's identities): a guess checked by them
UNREAD = "unread"  # could not be read with certainty; ``reason`` says why

# Why something could not be read: reason code → (Chinese, English). Readers and the builder record these codes;
# a new cause gets its code here (and nowhere else), so that every finding can name it in both languages.
UNREAD_REASONS: dict[str, tuple[str, str]] = {
    "ambiguous_digits": (
        "数字连在一起，可拆分的方式不止一种（或没有一种符合表格的勾稽关系）",
        "its figures ran together and can be split more than one way (or no split satisfies the table's identities)",
    ),
    "blank_cells": (
        "数字连在一起且没有勾稽关系可以核对：逐位一格是一种读法，但空白单元格不留痕迹，也可能是其他拆分",
        "its figures ran together and no identity checks them: one digit a cell is one reading, but a blank cell "
        "leaves no trace, so other splits are possible",
    ),
    "missing_cells": (
        "单元格少于列数，无法确定各数字所属的列",
        "fewer cells than columns: which figure belongs to which column is unknown",
    ),
    "extra_cells": (
        "单元格多于列数，无法确定哪些是该行的数字",
        "more cells than columns: which of them are the row's figures is unknown",
    ),
    "no_figures": ("项目名称之后没有读到任何数字", "no figures were found after its label"),
    "cut_off": (
        "文本在此行中断，其后的数字没有读到",
        "the text stops in this row: the figures after the cut were not read",
    ),
    "split_label": ("项目名称被拆分到多行或多个单元格", "its label was split over lines or cells"),
    "figures_apart": (
        "项目名称与数字被分开且不再对齐，无法确定哪些数字属于该行",
        "its label was set apart from the figures and they no longer line up, so which figures are its own is unknown",
    ),
    "layout_not_recognised": ("表格版式无法识别", "the table's layout was not recognised"),
    "stray_text": ("数字之间夹有其他文字", "stray text stands among its figures"),
}


def reason_text(reason: str | None, lang: str) -> str:
    """The words for an unread reason (the code itself for one this version does not know)."""
    zh, en = UNREAD_REASONS.get(reason or "", (reason or "原因不明", reason or "reason unknown"))
    return zh if lang == "zh" else en


@dataclass(slots=True)
class Cell:
    """One table cell as read. ``kind``: number | blank | dash | text."""

    value: int | Decimal | None
    raw: str
    kind: str
    loc: Location
    unit: str | None = None
    confidence: str = READ  # read | inferred (recovered from flattened text) | unread
    reason: str | None = None  # why it is unread (a key of UNREAD_REASONS)

    @property
    def inferred(self) -> bool:
        return self.confidence == INFERRED

    def to_json(self) -> dict[str, Any]:
        value: Any = self.value
        if isinstance(value, Decimal):
            value = str(value)
        out: dict[str, Any] = {"value": value, "raw": self.raw, "kind": self.kind, **self.loc.to_json()}
        if self.unit:
            out["unit"] = self.unit
        out["confidence"] = self.confidence
        if self.confidence == INFERRED:
            out["inferred"] = True
        if self.reason:
            out["reason"] = self.reason
        return out


@dataclass(slots=True)
class Label:
    """A label as found: the terminal it matched, how it was written, where, and whether through an alias."""

    terminal: str
    official: str
    as_written: str
    loc: Location
    alias: str | None = None  # "alias" | "annotated" | "unnumbered" | "typo" | "truncated"

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
    """One row of a table: its label as found and its cells."""

    id: str
    label: Label | None  # None for the rows of section 四, which have no label of their own
    cells: dict[str, Cell]  # column id → cell; a column missing from the source is absent here (and in gaps)
    extra: list[Cell] = field(default_factory=list)
    flattened: str | None = None  # the digits of a row whose cell boundaries were lost
    confidence: str = READ  # read | inferred (some cells recovered) | unread (see ``reason``)
    reason: str | None = None  # why it is unread (a key of UNREAD_REASONS)
    detail: str | None = None  # what was seen instead, as written (e.g. the run of digits), for the finding

    @property
    def unread(self) -> bool:
        return self.confidence == UNREAD

    def mark_unread(self, reason: str, detail: str | None = None) -> None:
        """This row could not be read with certainty: neither it nor its cells take part in any check."""
        self.confidence = UNREAD
        self.reason = reason
        self.detail = detail if detail is not None else self.detail
        for cell in (*self.cells.values(), *self.extra):
            cell.confidence = UNREAD
            cell.reason = reason

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "label": self.label.to_json() if self.label else None,
            "confidence": self.confidence,
            "cells": {column: cell.to_json() for column, cell in self.cells.items()},
        }
        if self.reason:
            out["reason"] = self.reason
        if self.detail is not None:
            out["detail"] = self.detail
        if self.extra:
            out["extra"] = [cell.to_json() for cell in self.extra]
        if self.flattened is not None:
            out["flattened"] = self.flattened
        return out


@dataclass(slots=True)
class TableData:
    """A statistics table as read: rows by canonical id, each with its cells by column id."""

    id: str  # canonical table id (docs/model-reference.md: Tables)
    section: str  # 二 | 三 | 四
    variant: str | None  # the format whose columns the table was read with
    loc: Location | None
    columns: list[str]  # the column ids of the format, in order
    rows: dict[str, TableRow]  # row id → row; a row missing from the source is absent (and recorded as a gap)
    caption: Label | None = None
    headers: list[Label] = field(default_factory=list)
    groups: dict[str, Label] = field(default_factory=dict)
    status: str = "read"  # read | partial | flattened | empty
    reason: str | None = None  # set when the table as a whole could not be read (a key of UNREAD_REASONS)
    detail: str | None = None  # what was seen instead, as written

    def cell(self, row: str, column: str) -> Cell | None:
        """The cell as read (or inferred); None when it is absent or could not be read."""
        found = self.rows.get(row)
        cell = found.cells.get(column) if found else None
        return cell if cell is not None and cell.confidence != UNREAD else None

    def readable(self, row: str) -> bool:
        """The row is present and was read or inferred: checks may rest on it."""
        found = self.rows.get(row)
        return found is not None and found.confidence != UNREAD and self.reason is None

    @property
    def confidence(self) -> str:
        """unread if the table as a whole or any row of it could not be read; inferred if any row was recovered;
        else read."""
        if self.reason is not None or any(row.confidence == UNREAD for row in self.rows.values()):
            return UNREAD
        if any(row.confidence == INFERRED for row in self.rows.values()):
            return INFERRED
        return READ

    def unread_rows(self) -> list[TableRow]:
        return [row for row in self.rows.values() if row.confidence == UNREAD]

    def mark_unread(self, reason: str, detail: str | None = None) -> None:
        """The table as a whole could not be read (e.g. its layout was not recognised)."""
        self.reason = reason
        self.detail = detail
        for row in self.rows.values():
            row.mark_unread(reason)

    def to_json(self) -> dict[str, Any]:
        return {
            "section": self.section,
            "variant": self.variant,
            "status": self.status,
            "confidence": self.confidence,
            **({"reason": self.reason} if self.reason else {}),
            **({"detail": self.detail} if self.detail is not None else {}),
            "location": self.loc.to_json() if self.loc else None,
            "caption": self.caption.to_json() if self.caption else None,
            "columns": list(self.columns),
            "headers": [label.to_json() for label in self.headers],
            "groups": {key: label.to_json() for key, label in self.groups.items()},
            "rows": {key: row.to_json() for key, row in self.rows.items()},
        }


@dataclass(slots=True)
class SectionData:
    """One of the six sections as found: its heading and its prose (the tables of 二/三/四 are in ``Report.tables``)."""

    id: str  # canonical 一 … 六
    heading: str  # as written
    numbering: str  # zh | arabic | part | none
    number: str | None  # the numeral as written
    loc: Location  # where the heading is
    line_end: int  # the last line of the section
    text: str  # the prose paragraphs joined by newlines: no heading, no table cells
    paragraphs: list[tuple[str, Location]] = field(default_factory=list)  # each prose paragraph with where it starts

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
    """What the prose says about the report: title, body, year, period, signing date, citations."""

    title: Found | None = None
    issuing_body: Found | None = None  # value: where it was taken from (signature | title | title+text)
    body_kind: str = "unknown"  # township | government | department | unknown
    body_kind_source: str = "none"  # what body_kind rests on: title | preamble | signature | office (assumed) | none
    report_year: Found | None = None  # value: the year (int)
    # where the year was read: title | period | preamble (「YYYY年度」 phrases) | overview (its opening words)
    year_source: str | None = None
    statistics_period: Found | None = None  # value: {"start": date, "end": date}
    signing_date: Found | None = None  # value: ISO date
    publication_date: Found | None = None  # value: ISO date; a web page's 发布日期/发布时间 line
    printed_date: Found | None = None  # value: ISO date; a 公文 colophon's 「…YYYY年M月D日印发」 ending the text
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
            "body_kind_source": self.body_kind_source,
            "report_year": (
                {**self.report_year.to_json("year"), "source": self.year_source} if self.report_year else None
            ),
            "statistics_period": found(self.statistics_period, "period"),
            "signing_date": found(self.signing_date, "date"),
            "publication_date": found(self.publication_date, "date"),
            "printed_date": found(self.printed_date, "date"),
            "format_citations": [c.to_json() for c in self.format_citations],
            "other_citations": [c.to_json() for c in self.other_citations],
            "fee_measure_names": [f.to_json() for f in self.fee_measure_names],
            "regulation": found(self.regulation, "order_number"),
        }


@dataclass(slots=True)
class Template:
    """Which national format the tables follow, and the labels that show it."""

    variant: str  # 2019 | 2021 | mixed | unknown | pre2019 (the 2008 regime: auditor.regime)
    markers: dict[str, list[Label]]  # variant → the labels that mark it

    def to_json(self) -> dict[str, Any]:
        return {
            "variant": self.variant,
            "markers": {variant: [m.to_json() for m in marks] for variant, marks in self.markers.items()},
        }


@dataclass(slots=True)
class Source:
    """The file the report was read from."""

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


# ── the narrative (SPEC §4.4): what the prose claims, extracted by auditor/narrative.py ──────────────────────
@dataclass(slots=True)
class Claim:
    """A number with its unit in a sentence, and what it counts (``what``: an id of rules/narrative.toml, or None)."""

    what: str | None
    value: int | Decimal
    unit: str
    raw: str  # the number and unit as written
    scope: str  # own (本机关) | local (全镇) | region (全县、各单位) | unspecified
    scope_text: str | None
    period: int | None  # the year the sentence names before the number, if any
    comparison: bool  # the sentence compares with another period (同比、与上年相比 …)
    approximate: bool  # 余、近、约、超过 …
    sentence: str
    loc: Location
    section: str | None

    def to_json(self) -> dict[str, Any]:
        value: Any = str(self.value) if isinstance(self.value, Decimal) else self.value
        return {
            "what": self.what,
            "value": value,
            "unit": self.unit,
            "raw": self.raw,
            "scope": self.scope,
            "scope_text": self.scope_text,
            "period": self.period,
            "comparison": self.comparison,
            "approximate": self.approximate,
            "sentence": self.sentence,
            "section": self.section,
            **self.loc.to_json(),
        }


@dataclass(slots=True)
class Enumeration:
    """「共X条，其中A条、B条…」: a total and its parts (indexes into ``Narrative.claims``)."""

    total: int
    parts: list[int]
    open_ended: bool  # the list ends with 等: not meant to be complete

    def to_json(self) -> dict[str, Any]:
        return {"total": self.total, "parts": list(self.parts), "open_ended": self.open_ended}


@dataclass(slots=True)
class Statement:
    """A claim without a number (未收到申请、均已办结、纳入年度报告 …): its kind, the words and the sentence."""

    kind: str
    match: str
    sentence: str
    loc: Location
    section: str | None
    value: Any = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kind": self.kind,
            "match": self.match,
            "sentence": self.sentence,
            "section": self.section,
            **self.loc.to_json(),
        }
        if self.value is not None:
            out["value"] = self.value
        return out


@dataclass(slots=True)
class Sentence:
    """A sentence of the report's prose, where it stands and the section it is in."""

    text: str
    loc: Location
    section: str | None


@dataclass(slots=True)
class Narrative:
    """What the prose says, as read by :mod:`auditor.narrative`: claims, enumerations, statements, the sentences."""

    claims: list[Claim] = field(default_factory=list)
    enumerations: list[Enumeration] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list, repr=False)  # for rules that read the prose

    def of(self, what: str) -> list[Claim]:
        return [claim for claim in self.claims if claim.what == what]

    def said(self, kind: str) -> list[Statement]:
        return [statement for statement in self.statements if statement.kind == kind]

    def to_json(self) -> dict[str, Any]:
        return {
            "sentences": len(self.sentences),
            "claims": [claim.to_json() for claim in self.claims],
            "enumerations": [e.to_json() for e in self.enumerations],
            "statements": [s.to_json() for s in self.statements],
        }


@dataclass(slots=True)
class Report:
    """The canonical report a rule receives. ``report.lines`` is the text (line n is ``lines[n - 1]``)."""

    source: Source
    metadata: Metadata
    template: Template
    structure: str  # "template" (read in the official order) | "loose" (order deviates)
    sections: list[SectionData]
    tables: dict[str, TableData]
    aliases: list[Label]
    gaps: list[Gap]
    lines: list[str] = field(default_factory=list, repr=False)  # the source text, for rules that search it
    narrative: Narrative = field(default_factory=Narrative)  # what the prose claims (auditor/narrative.py)

    @property
    def variant(self) -> str:
        return self.template.variant

    @property
    def year(self) -> int | None:
        return self.metadata.year

    def section(self, section_id: str) -> SectionData | None:
        """The section 一 … 六, or None if the report lacks it."""
        for section in self.sections:
            if section.id == section_id:
                return section
        return None

    def table(self, table_id: str) -> TableData | None:
        """The table with this canonical id, or None if it was not found."""
        return self.tables.get(table_id)

    def complete_section(self, section_id: str) -> SectionData | None:
        """The section, if the text was read to its end: None if the report lacks it or the text stops inside it.
        A rule that reports what a section does not say asks for this one: a cut part says nothing either way."""
        cut = self.cut_off()
        if cut is not None and cut.section == section_id:
            return None
        return self.section(section_id)

    def cut_at(self, line: int | None) -> bool:
        """Whether ``line`` is where the text stops (the table row it stops in, a label cut short, a stub of a line):
        what stands there is cut, not a defect of its own."""
        cut = self.cut_off()
        return cut is not None and line is not None and line >= cut.detail.get("row_line", line + 1)

    def cut_off(self) -> Gap | None:
        """Where the text stops before the report's end, and what is lost after it (auditor.cutoff); None if the
        text reaches the end. The parts lost are one cause, reported once (SEC008), not part by part."""
        return next((gap for gap in self.gaps if gap.kind == "cut_off"), None)

    def headings_unread(self) -> bool:
        """No heading of a part was read: none of the format's six, and none of the report's own where they were due
        (auditor.renamed). Where each part begins and ends is then unknown: one cause, said once (SEC001)."""
        return not self.sections and not any(
            gap.detail.get("in_its_place") for gap in self.gaps if gap.kind == "missing_section"
        )

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
            "narrative": self.narrative.to_json(),
        }
