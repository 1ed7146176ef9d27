"""The shape of the two national formats as data: sections, tables, rows and columns with their canonical ids.

The official *wording* of every label lives in ``grammars/report.lark`` (terminal → label); this module says which
terminal is which row or column of which table in which format, and gives each a canonical id. A canonical cell
name is ``table.row.column``, e.g. ``applications.new_received.total`` (三、一、本年新收…, 总计).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

VARIANTS = ("2019", "2021")

# Column kinds: a count is a non-negative integer; "signed" may be negative (2019 本年增/减);
# "amount" is a non-negative decimal (money).
COUNT = "count"
SIGNED = "signed"
AMOUNT = "amount"


@dataclass(frozen=True, slots=True)
class Column:
    """A column of a table: its canonical id, its label terminal and what it counts."""

    id: str
    terminal: str
    kind: str = COUNT


@dataclass(frozen=True, slots=True)
class Row:
    """A row of a table: its canonical id and its label terminals (one per format where they differ)."""

    id: str
    terminals: tuple[str, ...]
    variants: tuple[str, ...] = VARIANTS

    @property
    def terminal(self) -> str:
        return self.terminals[-1]

    def terminal_for(self, variant: str) -> str:
        """The label terminal of this row in a format (规范性文件 in 2019, 行政规范性文件 in 2021)."""
        for terminal in self.terminals:
            if terminal.endswith("_" + variant):
                return terminal
        return self.terminals[0]


@dataclass(frozen=True, slots=True)
class Group:
    """A group label that carries no numbers (三、本年度办理结果, （三）不予公开 …) and its member rows."""

    id: str
    terminal: str
    rows: tuple[str, ...]
    variants: tuple[str, ...] = VARIANTS


@dataclass(frozen=True, slots=True)
class Table:
    """A table of a format: its section, caption, rows and columns."""

    id: str
    section: str
    caption: str | None
    rows: tuple[Row, ...]
    columns: dict[str, tuple[Column, ...]]
    groups: tuple[Group, ...] = ()
    variants: tuple[str, ...] = VARIANTS
    title_zh: str = ""
    title_en: str = ""

    def rows_for(self, variant: str) -> tuple[Row, ...]:
        return tuple(row for row in self.rows if variant in row.variants)

    def columns_for(self, variant: str) -> tuple[Column, ...]:
        return self.columns.get(variant, ())


@dataclass(frozen=True, slots=True)
class Section:
    """A section of a format: its key, heading terminal and headings."""

    id: str
    key: str
    terminal: str
    heading: str
    heading_en: str


SECTIONS: tuple[Section, ...] = (
    Section("一", "overview", "OVERVIEW_HEADING", "一、总体情况", "1. Overview"),
    Section(
        "二", "active_disclosure", "ACTIVE_DISCLOSURE_HEADING", "二、主动公开政府信息情况", "2. Proactive disclosure"
    ),
    Section(
        "三",
        "applications",
        "APPLICATIONS_HEADING",
        "三、收到和处理政府信息公开申请情况",
        "3. Disclosure applications received and handled",
    ),
    Section(
        "四",
        "review_litigation",
        "REVIEW_LITIGATION_HEADING",
        "四、政府信息公开行政复议、行政诉讼情况",
        "4. Administrative review and litigation",
    ),
    Section("五", "problems", "PROBLEMS_HEADING", "五、存在的主要问题及改进情况", "5. Main problems and improvements"),
    Section("六", "other_matters", "OTHER_MATTERS_HEADING", "六、其他需要报告的事项", "6. Other matters to report"),
)
SECTION_BY_TERMINAL = {s.terminal: s for s in SECTIONS}
SECTION_BY_ID = {s.id: s for s in SECTIONS}

_ITEM_COLUMNS_2019 = (
    Column("previous_items", "PREVIOUS_ITEMS_2019"),
    Column("change", "CHANGE_2019", SIGNED),
    Column("decisions", "DECISIONS_2019"),
)
_ITEM_COLUMNS_2021 = (Column("decisions", "DECISIONS_2021"),)

APPLICATION_COLUMNS = (
    Column("natural_person", "NATURAL_PERSON"),
    Column("commercial", "COMMERCIAL"),
    Column("research", "RESEARCH"),
    Column("public_interest", "PUBLIC_INTEREST"),
    Column("legal_services", "LEGAL_SERVICES"),
    Column("other", "OTHER"),
    Column("total", "TOTAL"),
)
REVIEW_COLUMNS = (
    Column("upheld", "UPHELD"),
    Column("corrected", "CORRECTED"),
    Column("other", "OTHER_RESULT"),
    Column("pending", "PENDING"),
    Column("total", "TOTAL"),
)


def _rows(*pairs: tuple[str, str] | tuple[str, str, tuple[str, ...]]) -> tuple[Row, ...]:
    out = []
    for pair in pairs:
        if len(pair) == 2:
            out.append(Row(pair[0], (pair[1],)))
        else:
            out.append(Row(pair[0], (pair[1],), pair[2]))  # type: ignore[misc]
    return tuple(out)


TABLES: tuple[Table, ...] = (
    Table(
        "regulations",
        "二",
        "ARTICLE20_ITEM1",
        rows=(
            Row("rules", ("RULES",)),
            Row("normative_documents", ("NORMATIVE_DOCUMENTS_2019", "NORMATIVE_DOCUMENTS_2021")),
        ),
        columns={
            "2019": (
                Column("newly_made", "NEWLY_MADE_2019"),
                Column("newly_published", "NEWLY_PUBLISHED_2019"),
                Column("total_published", "TOTAL_PUBLISHED_2019"),
            ),
            "2021": (
                Column("issued", "ISSUED_2021"),
                Column("repealed", "REPEALED_2021"),
                Column("in_force", "IN_FORCE_2021"),
            ),
        },
        title_zh="第二十条第（一）项",
        title_en="Article 20 item (1): rules and normative documents",
    ),
    Table(
        "licensing",
        "二",
        "ARTICLE20_ITEM5",
        rows=(Row("licensing", ("LICENSING",)), Row("other_services", ("OTHER_SERVICES_2019",), ("2019",))),
        columns={"2019": _ITEM_COLUMNS_2019, "2021": _ITEM_COLUMNS_2021},
        title_zh="第二十条第（五）项",
        title_en="Article 20 item (5): licensing",
    ),
    Table(
        "enforcement",
        "二",
        "ARTICLE20_ITEM6",
        rows=(Row("penalty", ("PENALTY",)), Row("coercion", ("COERCION",))),
        columns={"2019": _ITEM_COLUMNS_2019, "2021": _ITEM_COLUMNS_2021},
        title_zh="第二十条第（六）项",
        title_en="Article 20 item (6): penalties and coercive measures",
    ),
    Table(
        "fees",
        "二",
        "ARTICLE20_ITEM8",
        rows=(Row("administrative_fees", ("ADMINISTRATIVE_FEES",)),),
        columns={
            "2019": (Column("previous_items", "PREVIOUS_ITEMS_2019"), Column("change", "CHANGE_2019", SIGNED)),
            "2021": (Column("amount", "FEE_AMOUNT_2021", AMOUNT),),
        },
        title_zh="第二十条第（八）项",
        title_en="Article 20 item (8): administrative fees",
    ),
    Table(
        "procurement",
        "二",
        "ARTICLE20_ITEM9_2019",
        rows=(Row("central_procurement", ("CENTRAL_PROCUREMENT_2019",), ("2019",)),),
        columns={
            "2019": (Column("items", "PROCUREMENT_ITEMS_2019"), Column("amount", "PROCUREMENT_AMOUNT_2019", AMOUNT))
        },
        variants=("2019",),
        title_zh="第二十条第（九）项",
        title_en="Article 20 item (9): centralised procurement",
    ),
    Table(
        "applications",
        "三",
        "APPLICATIONS_NOTE",
        rows=_rows(
            ("new_received", "NEW_RECEIVED"),
            ("carried_over", "CARRIED_OVER"),
            ("disclosed", "DISCLOSED"),
            ("partially_disclosed", "PARTIALLY_DISCLOSED"),
            ("state_secret", "STATE_SECRET"),
            ("prohibited_by_law", "PROHIBITED_BY_LAW"),
            ("three_securities", "THREE_SECURITIES"),
            ("third_party", "THIRD_PARTY"),
            ("internal_affairs", "INTERNAL_AFFAIRS"),
            ("process_information", "PROCESS_INFORMATION"),
            ("enforcement_files", "ENFORCEMENT_FILES"),
            ("inquiry_matters", "INQUIRY_MATTERS"),
            ("not_held", "NOT_HELD"),
            ("needs_creation", "NEEDS_CREATION"),
            ("still_unclear", "STILL_UNCLEAR"),
            ("petitions", "PETITIONS"),
            ("repeated", "REPEATED"),
            ("publications", "PUBLICATIONS"),
            ("excessive", "EXCESSIVE"),
            ("confirmation", "CONFIRMATION"),
            ("other_handling", "OTHER_HANDLING", ("2019",)),
            ("overdue_correction", "OVERDUE_CORRECTION_2021", ("2021",)),
            ("unpaid_fee", "UNPAID_FEE_2021", ("2021",)),
            ("other_reasons", "OTHER_REASONS_2021", ("2021",)),
            ("grand_total", "GRAND_TOTAL"),
            ("carried_forward", "CARRIED_FORWARD"),
        ),
        columns={"2019": APPLICATION_COLUMNS, "2021": APPLICATION_COLUMNS},
        groups=(
            Group(
                "outcomes",
                "OUTCOMES",
                (
                    "disclosed",
                    "partially_disclosed",
                    "state_secret",
                    "prohibited_by_law",
                    "three_securities",
                    "third_party",
                    "internal_affairs",
                    "process_information",
                    "enforcement_files",
                    "inquiry_matters",
                    "not_held",
                    "needs_creation",
                    "still_unclear",
                    "petitions",
                    "repeated",
                    "publications",
                    "excessive",
                    "confirmation",
                    "other_handling",
                    "overdue_correction",
                    "unpaid_fee",
                    "other_reasons",
                    "grand_total",
                ),
            ),
            Group(
                "withheld",
                "WITHHELD",
                (
                    "state_secret",
                    "prohibited_by_law",
                    "three_securities",
                    "third_party",
                    "internal_affairs",
                    "process_information",
                    "enforcement_files",
                    "inquiry_matters",
                ),
            ),
            Group("unable", "UNABLE", ("not_held", "needs_creation", "still_unclear")),
            Group(
                "not_processed", "NOT_PROCESSED", ("petitions", "repeated", "publications", "excessive", "confirmation")
            ),
            Group("other_handling", "OTHER_HANDLING", ("overdue_correction", "unpaid_fee", "other_reasons"), ("2021",)),
        ),
        title_zh="收到和处理政府信息公开申请情况",
        title_en="Disclosure applications received and handled",
    ),
    Table(
        "review_litigation",
        "四",
        None,
        rows=(
            Row("review", ("REVIEW",)),
            Row("direct_suit", ("DIRECT_SUIT",)),
            Row("suit_after_review", ("SUIT_AFTER_REVIEW",)),
        ),
        columns={"2019": REVIEW_COLUMNS, "2021": REVIEW_COLUMNS},
        title_zh="政府信息公开行政复议、行政诉讼情况",
        title_en="Administrative review and litigation",
    ),
)
TABLE_BY_ID = {t.id: t for t in TABLES}
TABLE_BY_CAPTION = {t.caption: t for t in TABLES if t.caption}

# Row label terminal → (table, row). Header labels of section 四 are not data rows: see REVIEW_HEADER_TERMINALS.
ROW_BY_TERMINAL: dict[str, tuple[Table, Row]] = {
    terminal: (table, row)
    for table in TABLES
    if table.id != "review_litigation"
    for row in table.rows
    for terminal in row.terminals
}
GROUP_BY_TERMINAL: dict[str, tuple[Table, Group]] = {
    group.terminal: (table, group) for table in TABLES for group in table.groups
}
REVIEW_HEADER_TERMINALS = frozenset(
    {"REVIEW", "LITIGATION", "DIRECT_SUIT", "SUIT_AFTER_REVIEW", "UPHELD", "CORRECTED", "OTHER_RESULT", "PENDING"}
)
APPLICANT_HEADER_TERMINALS = frozenset(
    {
        "APPLICANTS",
        "NATURAL_PERSON",
        "LEGAL_PERSON",
        "COMMERCIAL",
        "RESEARCH",
        "PUBLIC_INTEREST",
        "LEGAL_SERVICES",
        "OTHER",
    }
)
# Column-header terminals of the section 二 tables, by table (the 2019 item columns serve 2-B, 2-C and 2-D).
COLUMN_TERMINALS: frozenset[str] = frozenset(
    column.terminal
    for table in TABLES
    if table.section == "二"
    for columns in table.columns.values()
    for column in columns
) | {"INFO_CONTENT"}


@cache
def variant_of_terminal(terminal: str) -> str | None:
    """The format a terminal belongs to alone (a template marker), or None if both formats use it."""
    for variant in VARIANTS:
        if terminal.endswith("_" + variant):
            return variant
    return None


def row_label(table_id: str, row_id: str) -> str:
    """The official label of a row (section 四: the group name), for messages."""
    from auditor.grammar import grammar

    labels = grammar().official_labels()
    for row in TABLE_BY_ID[table_id].rows:
        if row.id == row_id:
            return labels.get(row.terminals[-1], row_id)
    return row_id


def column_label(table_id: str, column_id: str) -> str:
    """The official header of a column, for messages."""
    from auditor.grammar import grammar

    labels = grammar().official_labels()
    for columns in TABLE_BY_ID[table_id].columns.values():
        for column in columns:
            if column.id == column_id:
                return labels.get(column.terminal, column_id)
    return column_id


def terminal_label(terminal: str) -> str:
    """The official wording of a label or header terminal (the terminal's name if it has none), for messages."""
    from auditor.grammar import grammar

    return grammar().official_labels().get(terminal, terminal)


def group_label(table_id: str, group_id: str) -> str:
    """The official label of a group of rows (三、本年度办理结果, （三）不予公开 …), for drawing tables."""
    from auditor.grammar import grammar

    labels = grammar().official_labels()
    for group in TABLE_BY_ID[table_id].groups:
        if group.id == group_id:
            return labels.get(group.terminal, group_id)
    return group_id
