"""The table a finding points at, drawn as read — official labels, values as written, blanks visibly blank — with
the cells it is about highlighted (for an identity both sides, for a label its row).

The markup is one Jinja template, ``auditor/templates/drawn_table.html`` (autoescaped), shared by the HTML export
and the workbench (``auditor serve``); this module decides what the template shows: which cells are marked and why,
and the texts around them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from auditor import template
from auditor.reporters.columns import clean, place_text, rule_title
from auditor.rule import Finding, Place, Text

_T = {
    "item": Text("项目", "item"),
    "extra": Text("多出的单元格", "extra cells"),
    "blank": Text("空白", "blank"),
    "missing": Text("缺失", "missing"),
    "inferred": Text("推断值：由连在一起的数字按勾稽关系拆分", "inferred: split from figures that ran together"),
    "unread": Text("未能读取，不参与核对", "not read; takes part in no check"),
    "flattened": Text("单元格边界丢失，数字为：{0}", "cell boundaries lost; the digits read: {0}"),
    "as_written": Text("原文：{0}", "as written: {0}"),
    "role_place": Text("问题所在单元格", "the cell this finding is about"),
    "role_label": Text("问题所在行", "the row this finding is about"),
    "role_left": Text("等式左边", "left-hand side"),
    "role_right": Text("等式右边", "right-hand side"),
    "role_cell": Text("涉及的单元格", "a cell this finding names"),
    "flagged": Text("（已标出）", "(highlighted)"),
    "table_of": Text("表格：{0}", "Table: {0}"),
}


def _t(key: str, lang: str, *args: Any) -> str:
    text = _T[key].get(lang)
    return text.format(*args) if args else text


# ── which cells a finding is about ─────────────────────────────────────────────────────────────────────────
@dataclass(frozen=True, slots=True)
class Mark:
    """A highlighted cell (column None: the row's label) and why."""

    table: str
    row: str
    column: str | None
    role: str  # place | label | left | right | cell


# When a cell is named twice, the more telling role wins (an identity's side says more than "its place").
_PRIORITY = {"cell": 0, "label": 1, "place": 2, "left": 3, "right": 3}


def marks(finding: Finding, tables: dict[str, Any]) -> list[Mark]:
    """The cells a finding points at: its place, the rows its values name under ``labels`` (each a place with its
    table and row), and every canonical cell name its values give (identities name each contributing cell under
    ``left``/``right``, blank-cell findings under ``cells``)."""
    found: dict[tuple[str, str, str | None], Mark] = {}

    def add(mark: Mark) -> None:
        key = (mark.table, mark.row, mark.column)
        if key not in found or _PRIORITY[mark.role] > _PRIORITY[found[key].role]:
            found[key] = mark

    place = finding.place
    if place.table in tables and place.row is not None:
        add(Mark(place.table, place.row, place.column, "place" if place.column else "label"))
    for label in finding.values.get("labels") or ():  # several rows' labels (TAB003: one wording, several rows)
        if isinstance(label, dict) and label.get("table") in tables and label.get("row"):
            add(Mark(label["table"], label["row"], None, "label"))
    for name, role in _cell_names(finding.values, "cell"):
        table_id, row_id, column_id = name.split(".")
        snapshot = tables.get(table_id)
        if snapshot is not None and column_id in _columns(table_id, snapshot):
            add(Mark(table_id, row_id, column_id, role))
    return list(found.values())


def _cell_names(value: Any, role: str) -> Iterator[tuple[str, str]]:
    """Every string in a finding's values that has the shape of a canonical cell name, with its side."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _cell_names(item, key if key in ("left", "right") else role)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _cell_names(item, role)
    elif isinstance(value, str) and value.count(".") == 2:
        table_id = value.split(".", 1)[0]
        if table_id in template.TABLE_BY_ID:
            yield value, role


def _columns(table_id: str, snapshot: dict[str, Any]) -> list[str]:
    if snapshot.get("columns"):
        return list(snapshot["columns"])
    return [c.id for c in template.TABLE_BY_ID[table_id].columns_for(snapshot.get("variant") or "2021")]


# ── what the template draws ───────────────────────────────────────────────────────────────────────────────
@dataclass
class Cell:
    """One cell of a drawn table: its text, classes, and what it says when hovered or read aloud."""

    text: str = ""
    classes: list[str] = field(default_factory=list)
    title: str = ""
    label: str = ""  # aria-label, when highlighted
    spoken: str = ""  # text for screen readers only
    column: str | None = None


@dataclass
class Row:
    id: str
    label: Cell
    written: str = ""  # the label as the report wrote it, when it differs
    groups: list[str] = field(default_factory=list)  # group labels drawn above this row
    cells: list[Cell] = field(default_factory=list)
    flattened: Cell | None = None
    extra: str | None = None


@dataclass
class DrawnTable:
    id: str
    caption: str
    item: str
    head: list[str]
    rows: list[Row]
    width: int  # columns drawn, the label's included
    columns: int  # the template's columns (a flattened row spans them)
    legend: tuple[str, str] | None = None


def drawn_tables(
    finding: Finding, tables: dict[str, Any], lang: str, rules: dict[str, Any] | None = None
) -> list[DrawnTable]:
    """Every table the finding points at, ready for ``drawn_table.html`` (``rules``: to name the finding's rule by
    its Chinese title in Chinese)."""
    grouped: dict[str, dict[tuple[str, str | None], Mark]] = {}
    for mark in marks(finding, tables):
        grouped.setdefault(mark.table, {})[(mark.row, mark.column)] = mark
    named = _Named(finding, lang, rules)
    return [_table(table_id, tables[table_id], cells, named) for table_id, cells in grouped.items()]


def render(drawn: list[DrawnTable]) -> str:
    """The tables as HTML (the export's way in; the workbench includes the template itself)."""
    if not drawn:
        return ""
    page = _environment().get_template("drawn_table.html")
    return "".join(page.render(table=table) for table in drawn)


@cache
def _environment() -> Any:
    import jinja2  # only when a table is drawn

    return jinja2.Environment(
        loader=jinja2.PackageLoader("auditor", "templates"), autoescape=True, trim_blocks=True, lstrip_blocks=True
    )


@dataclass
class _Named:
    """The finding being drawn, the language, and the rules (for the rule's title)."""

    finding: Finding
    lang: str
    rules: dict[str, Any] | None


def _table(
    table_id: str, snapshot: dict[str, Any], cells: dict[tuple[str, str | None], Mark], named: _Named
) -> DrawnTable:
    lang = named.lang
    spec = template.TABLE_BY_ID[table_id]
    variant = snapshot.get("variant") or "2021"
    columns = _columns(table_id, snapshot)
    rows = snapshot.get("rows", {})
    order = [row.id for row in spec.rows_for(variant)]
    order += [row_id for row_id in rows if row_id not in order]
    has_extra = any(row.get("extra") for row in rows.values())
    group_before: dict[str, list[str]] = {}
    for group in spec.groups:
        if variant in group.variants:
            first = next((r for r in group.rows if r in order), None)
            if first is not None:
                group_before.setdefault(first, []).append(template.group_label(table_id, group.id))
    head = [clean(template.column_label(table_id, c)) for c in columns]
    if has_extra:
        head.append(_t("extra", lang))
    drawn_rows = []
    for row_id in order:
        row = _row(table_id, row_id, rows.get(row_id), columns, cells, named)
        row.groups = group_before.get(row_id, [])
        if has_extra:
            row.extra = clean(" ".join(str(cell.get("raw", "")) for cell in (rows.get(row_id) or {}).get("extra", [])))
        drawn_rows.append(row)
    roles = {mark.role for mark in cells.values()}
    legend = (_t("role_left", lang), _t("role_right", lang)) if roles & {"left", "right"} else None
    title = spec.title_zh if lang == "zh" else spec.title_en
    caption = _t("table_of", lang, title)
    return DrawnTable(table_id, caption, _t("item", lang), head, drawn_rows, len(head) + 1, len(columns), legend)


def _row(
    table_id: str,
    row_id: str,
    row: dict[str, Any] | None,
    columns: list[str],
    cells: dict[tuple[str, str | None], Mark],
    named: _Named,
) -> Row:
    lang = named.lang
    label = _marked(Cell(clean(template.row_label(table_id, row_id)), ["label"]), cells.get((row_id, None)), named)
    out = Row(row_id, label)
    written = (row or {}).get("label") or {}
    if written.get("as_written") and written["as_written"].strip() != written.get("official"):
        out.written = _t("as_written", lang, clean(written["as_written"].strip()))
    if row is not None and row.get("flattened") is not None and not row.get("cells"):
        out.flattened = Cell(clean(str(row["flattened"])), ["flattened"], _t("flattened", lang, row["flattened"]))
        return out
    for column in columns:
        cell = (row or {}).get("cells", {}).get(column)
        if cell is None:
            drawn = Cell("", ["cell", "missing"], spoken=_t("missing", lang))
        elif cell.get("kind") == "blank" or not str(cell.get("raw", "")).strip():
            drawn = Cell("", ["cell", "blank"], spoken=_t("blank", lang))
        else:
            drawn = Cell(clean(str(cell.get("raw", ""))), ["cell", str(cell.get("kind", "number"))])
        confidence = (cell or {}).get("confidence", "read")
        if confidence in ("inferred", "unread"):  # how it was read: a guess, or not read at all
            drawn.classes.append(confidence)
            note = _t(confidence, lang)
            drawn.spoken = f"{drawn.spoken} · {note}" if drawn.spoken else note
        drawn.column = column
        drawn.title = drawn.spoken
        out.cells.append(_marked(drawn, cells.get((row_id, column)), named))
    return out


def _marked(cell: Cell, mark: Mark | None, named: _Named) -> Cell:
    """The cell highlighted, titled and spoken as the cell this finding is about, when it is: the rule by its title
    and the cell by its labels in Chinese (表三·一、本年新收…·自然人), never by internal ids."""
    if mark is None:
        return cell
    lang, finding = named.lang, named.finding
    why = _t(f"role_{mark.role}", lang)
    name = place_text(Place(None, mark.table, mark.row, mark.column), lang)
    title = f"{finding.code} {rule_title(finding, named.rules, lang)}: {why} ({name})"
    title += f" · {cell.spoken}" if cell.spoken else ""
    cell.classes += ["hl", f"hl-{mark.role}"]
    cell.title = cell.label = title
    cell.spoken = _t("flagged", lang) + cell.spoken
    return cell
