"""Numeric identities and plausibility (SPEC §4.1, §4.2): one checker over the data in ``identities.toml``,
plus the value domain (I-5), the cell counts (I-6) and the blank cells.

Arithmetic is exact (``int`` and ``Decimal``). A cell that says 「无」 (none) is 0. A cell that is blank, a dash, text
or missing is an unknown non-negative number: an identity is *violated* only if no non-negative values could satisfy it, *holds* if it holds
with the unknowns as 0, and is otherwise *not assessable* — reported once per identity and table, never passed
silently and never an arithmetic error caused only by a blank. An identity instance that passes through a row that
is missing (TAB002) or could not be read (TAB004) is not evaluated at all: that row's finding is the one cause. A
violation that rests on inferred cells or on a row matched by an approximate label is at most a warning.
"""

from __future__ import annotations

import itertools
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import Any

from auditor.hookspecs import (
    ALL_VARIANTS,
    ERROR,
    INFO,
    UNREAD,
    WARNING,
    Cell,
    Edit,
    Finding,
    Fix,
    Location,
    Place,
    Report,
    Rule,
    RuleContext,
    Severity,
    TableData,
    Text,
    hookimpl,
    legal,
    no_findings,
    overlong,
    rule,
    template,
)
from auditor.lazy import lazy_pattern
from auditor.normalize import says_none
from auditor.resources import read_toml

IDENTITIES = Path(__file__).with_name("identities.toml")
_BASIS = (legal.FORMAT_2021_TABLE_3, legal.ARTICLE_50)
_BASES = {
    "applications": (legal.FORMAT_2021_TABLE_3, legal.ARTICLE_50),
    "review_litigation": (legal.FORMAT_2021_TABLE_4, legal.ARTICLE_50),
    **{
        table: (legal.FORMAT_2021_TABLE_2, legal.ARTICLE_50)
        for table in ("regulations", "licensing", "enforcement", "fees", "procurement")
    },
}
Number = int | Decimal


_Check = tuple[dict[str, str], list[str], list[str], frozenset[str], frozenset[tuple[str, str]]]


@dataclass(frozen=True)
class Identity:
    """An arithmetic identity between cells of the tables (identities.toml) and the rule that checks it."""

    code: str
    name: str
    id: str
    severity: Severity
    variants: tuple[str, ...]
    relation: str
    zh: str
    en: str
    each: tuple[tuple[str, tuple[str, ...]], ...]
    left: tuple[str, ...]
    right: tuple[str, ...]
    when_body: tuple[str, ...] = ()

    def tables(self) -> set[str]:
        """The tables this identity reads, over all its instances."""
        return set(self.all_tables)

    @cached_property
    def all_tables(self) -> frozenset[str]:
        """:meth:`tables`, worked out once."""
        return frozenset().union(*self.instance_tables)

    @cached_property
    def instance_tables(self) -> list[frozenset[str]]:
        """The tables each instance reads, aligned with :meth:`instances`."""
        return [frozenset(name.split(".")[0] for name in left + right) for _b, left, right in self.instances()]

    @cached_property
    def instance_rows(self) -> list[frozenset[tuple[str, str]]]:
        """The rows (table, row) each instance reads, aligned with :meth:`instances`."""
        return [
            frozenset((name.split(".")[0], name.split(".")[1]) for name in left + right)
            for _b, left, right in self.instances()
        ]

    @cached_property
    def all_rows(self) -> frozenset[tuple[str, str]]:
        """The rows (table, row) of all instances: when all are read, no instance needs its own test."""
        return frozenset().union(*self.instance_rows)

    @cached_property
    def checks(self) -> list[_Check]:
        """Each instance with the tables and rows it reads: (binding, left, right, tables, rows)."""
        each = zip(self.instances(), self.instance_tables, self.instance_rows, strict=True)
        return [(binding, left, right, tables, rows) for (binding, left, right), tables, rows in each]

    def instances(self) -> list[tuple[dict[str, str], list[str], list[str]]]:
        """Each check of this identity: the ``each`` values, and the left and right cell names filled in."""
        return self._instances

    @cached_property
    def _instances(self) -> list[tuple[dict[str, str], list[str], list[str]]]:
        keys = [key for key, _values in self.each]
        out = []
        for combination in itertools.product(*(values for _key, values in self.each)):
            binding = dict(zip(keys, combination, strict=True))
            out.append((binding, [n.format(**binding) for n in self.left], [n.format(**binding) for n in self.right]))
        return out


class IdentityDataError(ValueError):
    pass


_REQUIRED = ("code", "name", "id", "severity", "variants", "relation", "zh", "en", "left", "right")


def load_identities(path: Path) -> list[Identity]:
    """Read identity entries from a TOML file (see the comment at the top of ``identities.toml``)."""
    data = read_toml(path)
    out = []
    for index, entry in enumerate(data.get("identity", [])):
        missing = [key for key in _REQUIRED if key not in entry]
        if missing:
            raise IdentityDataError(f"{path}: identity #{index + 1} lacks {', '.join(missing)}")
        if entry["relation"] not in ("=", ">="):
            raise IdentityDataError(f"{path}: identity {entry['code']}: relation must be '=' or '>='")
        each = tuple((key, tuple(values)) for key, values in entry.get("each", {}).items())
        identity = Identity(
            entry["code"],
            entry["name"],
            entry["id"],
            Severity.parse(entry["severity"]),
            tuple(entry["variants"]),
            entry["relation"],
            entry["zh"],
            entry["en"],
            each,
            tuple(entry["left"]),
            tuple(entry["right"]),
            tuple(entry.get("when_body", ())),
        )
        for binding, left, right in identity.instances():
            for name in left + right:
                if name.count(".") != 2 or "{" in name:
                    raise IdentityDataError(f"{path}: identity {identity.code}: bad cell name {name!r} {binding}")
        out.append(identity)
    return out


def identity_rules(path: Path) -> list[Rule]:
    """One rule per identity code (entries sharing a code differ by format)."""
    by_code: dict[str, list[Identity]] = {}
    family = load_identities(path)
    for identity in family:
        by_code.setdefault(identity.code, []).append(identity)
    lines = _LineFinder(family)  # identities read together are weighed together: one wrong line, one finding
    return [_make_rule(entries, lines) for entries in by_code.values()]


def _make_rule(entries: list[Identity], lines: _LineFinder) -> Rule:
    first = entries[0]
    relation = "等于" if first.relation == "=" else "不少于"

    def check(report: Report, ctx: RuleContext) -> Iterator[Finding]:
        for identity in entries:
            yield from _check_identity(identity, report, ctx, lines)

    return rule(
        code=first.code,
        name=first.name,
        severity=first.severity,
        summary=Text(f"{first.id}：{first.zh}", f"{first.id}: {first.en}"),
        explanation=Text(
            f"{first.id}（{relation}关系）：{first.zh}。逐项检查"
            f"{'、'.join(k for k, _ in first.each) or '表格'}；填“无”的单元格按 0 计（“无”就是没有）；空白、横线或缺失的"
            "单元格视为未知的非负数：若任何非负取值都"
            f"无法使等式成立则报告错误，若按 0 计算成立则通过，否则报告“无法判断”（NUM008）。一个原因只报告一次：若表中各处不成立"
            "都经过同一列（或同一行），且把其中至少两个单元格改为勾稽关系要求的数字即可使所有勾稽关系成立，则只报告一条"
            "（归于该单元格单独在一边的勾稽关系，如每行“总计”），列出每个单元格的填报数与应有数，由此引起的其他不成立不再另报；"
            "另有同样能使其成立的行或列（如“（一）予以公开”与“（二）部分公开”都多出同样的数）时，同一条结论一并列出，"
            "说明哪一处填错无法从表中判断。"
            "表中另有独立的不成立时，同一勾稽关系中单独在一边、填为 0 且位于同一列的三处以上（如“总计”一列未填）也只报告一条，"
            "其余照常报告。",
            f"{first.id} ({first.relation}): {first.en}. Checked for each "
            f"{', '.join(k for k, _ in first.each) or 'table'}; a cell that says 无 (none) is read as 0; a blank, dashed "
            "or missing cell is an unknown "
            f"non-negative number: the check fails only if no non-negative values could satisfy it, passes if it "
            "holds with them as 0, and is otherwise reported as not assessable (NUM008). One cause, one finding: when "
            "every failure in a table passes through one column (or one row), and setting two or more of its cells to "
            "the figures the identities ask for makes every identity hold, one finding is reported (under the "
            "identity where those cells stand alone on one side, such as each row's total), naming each cell with the "
            "figure read and the figure expected; the failures it causes are not reported again. Where another row or "
            "column would make them hold just as well, the same finding names it too: which of them is wrong cannot "
            "be told from the table. Where the table has "
            "an independent failure besides, three or more failures of one identity whose lone cell reads 0 in one "
            "column, such as a total column left unfilled, are still one finding; the others are reported as usual.",
        ),
        basis=_BASES.get(sorted(first.tables())[0], _BASIS),
        variants=ALL_VARIANTS,
    )(check)


def _value(report: Report, name: str) -> tuple[Number | None, Cell | None]:
    """A cell's figure as the identities read it (「无」: 0), and the cell."""
    scan = _index(report)
    return scan.numbers.get(name), scan.cells.get(name)


class _Cells:
    """One pass over a report's cells, shared by the checks of this module: the identities' numbers, the cells the
    value domain must look at, the blank and dashed cells, and whether each table holds figures.

    ``numbers``: every number of a readable table (``reason`` None) by canonical name, rows that were not read
    left out (no check rests on them); ``read_rows``: every (table, row) checks may rest on
    (:meth:`TableData.readable`); ``unusual``: per table, the cells of read rows that are neither a whole number
    ≥ 0 nor blank or dashed (for I-5); ``empty``: per table, the blank and dashed cells of read rows, by name;
    ``figures``: per table, whether some cell holds a figure (a number, or text where a number belongs) or some row
    could not be read (its figures may be there); ``none``: the cells that say 「无」 (none), which ``numbers`` holds
    as 0 — certainly what they mean — while a blank, a dash or a slash stays unknown.
    """

    __slots__ = ("_cells", "empty", "figures", "none", "numbers", "read_rows", "report", "unusual")

    def __init__(self, report: Report) -> None:
        self.report = report
        numbers: dict[str, Number] = {}
        read_rows: list[tuple[str, str]] = []
        self.unusual: dict[str, list[tuple[str, str, Cell]]] = {}
        self.empty: dict[str, list[tuple[str, Cell]]] = {}
        self.figures: dict[str, bool] = {}
        none: list[str] = []
        for table_id, table in report.tables.items():
            indexed = table.reason is None
            unusual: list[tuple[str, str, Cell]] = []
            empty: list[tuple[str, Cell]] = []
            figures = False
            for row_id, row in table.rows.items():
                unread = row.confidence == UNREAD  # row.unread, without a property call
                if unread or row.flattened is not None:
                    figures = True
                    if unread:
                        continue
                if indexed:
                    read_rows.append((table_id, row_id))  # what TableData.readable says of it
                names = _NAMES.get((table_id, row_id))
                if names is None:
                    names = _NAMES[table_id, row_id] = {}
                for column, cell in row.cells.items():
                    kind, value = cell.kind, cell.value
                    if type(value) is int and value >= 0 and kind == "number":  # the usual cell: nothing else to note
                        figures = True
                        if indexed:
                            numbers[names.get(column) or _name(names, table_id, row_id, column)] = value
                        continue
                    if kind == "number":
                        figures = True
                        if indexed and value is not None:
                            numbers[names.get(column) or _name(names, table_id, row_id, column)] = value
                    elif kind == "blank" or kind == "dash":
                        name = names.get(column) or _name(names, table_id, row_id, column)
                        empty.append((name, cell))
                        if kind == "dash" and indexed and says_none(cell.raw):
                            numbers[name] = 0  # 「无」: none, a 0 written in a word (NUM007 says so once)
                            none.append(name)
                        continue
                    elif kind == "text":
                        figures = True
                    if type(value) is not int or value < 0:
                        unusual.append((row_id, column, cell))
            self.unusual[table_id], self.empty[table_id], self.figures[table_id] = unusual, empty, figures
        self.numbers = numbers
        self.none = frozenset(none)
        self.read_rows = frozenset(read_rows)
        self._cells: dict[str, Cell] | None = None

    @property
    def cells(self) -> dict[str, Cell]:
        """Every cell of a readable table's read rows, by canonical name (made when a finding needs it)."""
        if self._cells is None:
            self._cells = {
                f"{table_id}.{row_id}.{column}": cell
                for table_id, table in self.report.tables.items()
                if table.reason is None
                for row_id, row in table.rows.items()
                if not row.unread
                for column, cell in row.cells.items()
            }
        return self._cells


# A cell's canonical name (table.row.column) by table and row, then column: made once a process, not once a cell.
_NAMES: dict[tuple[str, str], dict[str, str]] = {}


def _name(names: dict[str, str], table_id: str, row_id: str, column: str) -> str:
    name = names[column] = f"{table_id}.{row_id}.{column}"
    return name


_INDEX = threading.local()  # the report whose cells were scanned last in this thread, and that scan


def _index(report: Report) -> _Cells:
    """The cells of ``report`` (:class:`_Cells`), scanned once per report (rules run report by report)."""
    scan: _Cells | None = getattr(_INDEX, "scan", None)
    if scan is None or scan.report is not report:
        scan = _INDEX.scan = _Cells(report)
    return scan


def _graded(
    ctx: RuleContext, message: Text, values: dict[str, Any], guessed: list[str]
) -> tuple[Text, Severity | None]:
    """A guess is at most a warning, and says so: the message and severity of a finding resting on ``guessed`` cells
    (read by inference or an approximate label match), which ``values`` records; (message, None) when none is."""
    if not guessed or ctx.rule.severity <= WARNING:
        return message, None
    values["uncertain_cells"] = guessed
    return Text(
        message.zh + f"（此结论依赖推断或近似匹配的读取：{'、'.join(_cell_text(n, 'zh') for n in guessed[:4])}"
        f"{'等' if len(guessed) > 4 else ''}，请对照原表核实。）",
        message.en + f" (This rests on cells read by inference or an approximate label match: "
        f"{', '.join(guessed[:4])}{' …' if len(guessed) > 4 else ''}; check them against the original table.)",
    ), WARNING


def _guessed(report: Report, entries: list[dict[str, Any]]) -> list[str]:
    """The cells of a failing identity that rest on a guess: inferred (recovered) cells, and cells of rows whose
    label was matched only approximately (a misspelt label)."""
    cells = _index(report).cells
    out = []
    for entry in entries:
        cell = cells.get(entry["cell"])
        table_id, row_id, _column = entry["cell"].split(".")
        row = report.tables[table_id].rows.get(row_id) if table_id in report.tables else None
        approximate = row is not None and row.label is not None and row.label.alias in ("typo", "truncated")
        if (cell is not None and cell.inferred) or approximate:
            out.append(entry["cell"])
    return out


def _readable_tables(report: Report, identity: Identity) -> set[str]:
    """The tables an identity may read in this report: present, readable, in one of the identity's formats."""
    ok = set()
    for table_id in identity.all_tables:
        table = report.tables.get(table_id)
        if table is not None and table.reason is None and table.variant in (*identity.variants, None):
            ok.add(table_id)
    return ok


def _applicable(identity: Identity, report: Report) -> list[_Check]:
    """The instances of ``identity`` to evaluate in ``report`` (:attr:`Identity.checks`): its body level, its
    format, and every row they pass through present and read — a missing row (TAB002) or an unread one (TAB004) is
    its own finding, and nothing that passes through it is reported again."""
    if identity.when_body and body_level(report) not in identity.when_body:
        return []
    readable = _readable_tables(report, identity)
    if not readable:
        return []
    read_rows = _index(report).read_rows
    if identity.all_tables <= readable and identity.all_rows <= read_rows:  # the common case: one test for all
        return identity.checks
    return [check for check in identity.checks if check[3] <= readable and check[4] <= read_rows]


def _failures(identity: Identity, report: Report) -> Iterator[tuple[dict[str, str], str, dict[str, Any]]]:
    """Each instance of ``identity`` that does not hold in ``report``: (binding, "violated" | "unassessable",
    values naming every cell)."""
    numbers = _index(report).numbers
    number, equal = numbers.__getitem__, identity.relation == "="
    for binding, left, right, _tables, _rows in _applicable(identity, report):
        try:  # the common case, quickly: every cell holds a number and the identity holds
            difference = sum(map(number, left)) - sum(map(number, right))
            if difference == 0 if equal else difference >= 0:
                continue
        except KeyError:
            pass  # a cell without a number: an unknown, weighed below
        outcome = _evaluate(report, numbers, identity, left, right)
        if outcome is None:
            continue
        status, values = outcome
        values["instance"] = binding
        yield binding, status, values


def _check_identity(identity: Identity, report: Report, ctx: RuleContext, lines: _LineFinder) -> Iterator[Finding]:
    unassessable: dict[str, list[dict[str, Any]]] = {}
    for binding, status, values in _failures(identity, report):
        if status == "violated":
            line = lines.plan(report, ctx).get((identity, _frozen(binding)))
            if line is None:
                yield _violation(identity, report, ctx, binding, values)
            elif line.anchor == (identity, _frozen(binding)):  # the line's one finding, at its first place
                yield _cell_violation(line, report, ctx) if line.kind == "cell" else _line_violation(line, report, ctx)
        else:
            first = (values["left"] + values["right"])[0]["cell"]
            unassessable.setdefault(first.split(".")[0], []).append(values)
    for table_id, instances in unassessable.items():
        yield _not_assessable(identity, report, ctx, table_id, instances)


def _evaluate(
    report: Report, numbers: dict[str, Number], identity: Identity, left: list[str], right: list[str]
) -> tuple[str, dict[str, Any]] | None:
    """None if it holds; else ("violated" | "unassessable", values naming every cell); ``numbers``: the report's
    numbers by cell name (:func:`_index`)."""
    sums: list[Number] = [0, 0]
    unknown = [0, 0]
    for side, names in enumerate((left, right)):
        for name in names:
            value = numbers.get(name)
            if value is None:
                unknown[side] += 1
            else:
                sums[side] += value
    difference = sums[0] - sums[1]
    if identity.relation == "=":
        holds = difference == 0
        satisfiable = (
            holds or (unknown[0] and unknown[1]) or (unknown[0] and difference < 0) or (unknown[1] and difference > 0)
        )
    else:
        holds = difference >= 0
        satisfiable = holds or unknown[0] > 0
    if holds:
        return None
    return ("violated" if not satisfiable else "unassessable"), _details(report, identity, left, right, sums)


def _details(
    report: Report, identity: Identity, left: list[str], right: list[str], sums: list[Number]
) -> dict[str, Any]:
    """Every cell of a failing identity with its value and position (only computed when it fails)."""
    sides: list[list[dict[str, Any]]] = [[], []]
    for side, names in enumerate((left, right)):
        for name in names:
            value, cell = _value(report, name)
            entry: dict[str, Any] = {"cell": name, "value": value}
            if cell is not None:
                entry.update({"raw": cell.raw, "kind": cell.kind, "line": cell.loc.line, "column": cell.loc.column})
            else:
                entry["kind"] = "missing"
            sides[side].append(entry)
    return {
        "identity": identity.id,
        "relation": identity.relation,
        "left": sides[0],
        "right": sides[1],
        "left_sum": _plain(Decimal(sums[0])),
        "right_sum": _plain(Decimal(sums[1])),
        "difference": _plain(Decimal(sums[0] - sums[1])),
        "unknown": [e["cell"] for e in sides[0] + sides[1] if e["value"] is None],
    }


def _plain(value: Decimal) -> Number:
    return int(value) if value == value.to_integral_value() else value


def _cell_text(name: str, lang: str) -> str:
    table_id, row_id, column_id = name.split(".")
    if lang == "en":
        return name
    return f"{template.row_label(table_id, row_id)}·{template.column_label(table_id, column_id)}"


def _side_text(entries: list[dict[str, Any]], lang: str) -> str:
    if not entries:
        return "0"

    def shown(entry: dict[str, Any]) -> str:
        if entry.get("kind") == "dash":
            written = f"“{entry['raw'].strip()}”"
            if entry["value"] is None:
                return written
            return written + ("（按 0 计）" if lang == "zh" else " (read as 0)")
        if entry["value"] is not None:
            return str(entry["value"])
        return "空白" if lang == "zh" else "blank"

    if lang == "zh":  # 「一、本年新收政府信息公开申请数量·自然人 44 + …」: each cell by its labels, then its figure
        return " + ".join(f"{_cell_text(e['cell'], lang)} {shown(e)}" for e in entries)
    parts = [f"{_cell_text(e['cell'], lang)}={shown(e)}" for e in entries]
    return " + ".join(parts)


def _figure(report: Report, name: str, read: Number, lang: str) -> str:
    """A figure as a finding shows it: 「5」, or 「“无”（按 0 计）」 for a cell that says none."""
    if name in _index(report).none:
        return "“无”（按 0 计）" if lang == "zh" else "“无” (none, read as 0)"
    return str(_plain(Decimal(read)))


def _listed(entries: list[dict[str, Any]], lang: str) -> str:
    """「规章·本年制发件数 2、规章·现行有效件数 2」: the cells, each with its figure."""
    if lang == "zh":
        return "、".join(f"{_cell_text(e['cell'], lang)} {e['value']}" for e in entries)
    return ", ".join(f"{_cell_text(e['cell'], lang)}={e['value']}" for e in entries)


def _binding_words(table_id: str, binding: dict[str, str]) -> str:
    """「“自然人”一列：」 for an identity checked column by column, 「“行政许可”一行：」 row by row."""
    words = []
    for key, value in binding.items():
        if key == "column":
            words.append(f"“{template.column_label(table_id, value)}”一列")
        elif key == "row":
            words.append(f"“{template.row_label(table_id, value)}”一行")
    return "、".join(words) + "：" if words else ""


def _violation(
    identity: Identity, report: Report, ctx: RuleContext, binding: dict[str, str], values: dict[str, Any]
) -> Finding:
    first = (values["left"] or values["right"])[0]
    table_id, row, column = first["cell"].split(".")
    op = "=" if identity.relation == "=" else "≥"
    where = "，".join(f"{k}={v}" for k, v in binding.items())
    broken = "≠" if identity.relation == "=" else "<"
    heading = f"{identity.id} does not hold{f' ({where})' if where else ''}: {identity.en}."
    if not values["left"] and identity.relation == ">=":  # "every figure should be 0": no sum to compare, the figures
        filled = [e for e in values["right"] if e["value"]]
        message = Text(
            f"{_binding_words(table_id, binding)}{identity.zh}，但填有：{_listed(filled, 'zh')}（{identity.id}）。",
            f"{heading} Reported: {_listed(filled, 'en')}.",
        )
    else:
        message = Text(
            f"{_binding_words(table_id, binding)}{identity.zh}，但左边 {values['left_sum']} {broken} 右边 "
            f"{values['right_sum']}（勾稽关系 {identity.id}）。左边：{_side_text(values['left'], 'zh')}；右边："
            f"{_side_text(values['right'], 'zh')}。",
            f"{heading} Reported: {_side_text(values['left'], 'en')} (sum {values['left_sum']}); "
            f"{_side_text(values['right'], 'en')} (sum {values['right_sum']}); "
            f"expected {values['left_sum']} {op} {values['right_sum']}.",
        )
    loc = None
    for entry in values["left"] + values["right"]:
        if "line" in entry:
            loc = Location(entry["line"], entry["column"])
            break
    place = Place(
        section=report.tables[table_id].section,
        table=table_id,
        row=binding.get("row", row),
        column=binding.get("column", column) if "column" in binding else None,
    )
    message, severity = _graded(ctx, message, values, _guessed(report, values["left"] + values["right"]))
    return ctx.finding(
        message,
        loc=loc,
        place=place,
        values=values,
        key=f"{identity.id}|{'|'.join(f'{k}={v}' for k, v in binding.items())}",
        severity=severity,
    )


# ── one wrong line of a table, one finding ───────────────────────────────────────────────────────────────
Instance = tuple[Identity, tuple[tuple[str, str], ...]]


def _frozen(binding: dict[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple(binding.items())


@dataclass
class _Line:
    """A column (or row) of one table whose cells explain several failing identities at once.

    ``kind``/``name``: "column" or "row" and its id; ``cells``: each cell of the line that some failing instance
    pins down, with the figure read and the figure that instance asks for; ``lead``: the failing instances of the
    most specific identity (the one where the line's cell stands alone on its side, as a total does), the first of
    them the ``anchor`` the finding is reported at; ``covered``: every failing instance the line explains;
    ``rivals``: other lines that explain the same failures just as well (which one is wrong is then not known).
    """

    table: str
    kind: str
    name: str
    cells: dict[str, tuple[Number, Number, Instance]]
    lead: Identity
    anchor: Instance
    covered: dict[Instance, dict[str, Any]]
    rivals: tuple[_Line, ...] = ()


class _LineFinder:
    """Weighs the failing identities of a family (the entries of one identities file) together, once per report:
    when every failing instance of a table passes through one line (a column across rows, a row across columns),
    and setting the line's cells to what the failing instances ask for makes every identity through it hold —
    pinning at least two cells — the line is the one cause, reported once (:func:`_line_violation`)."""

    def __init__(self, family: list[Identity]) -> None:
        self.family = family
        self._last = threading.local()

    def plan(self, report: Report, ctx: RuleContext) -> dict[Instance, _Line]:
        """Each failing instance of the report that a wrong line explains, with that line (worked out once)."""
        selected = ctx.options.get("selected_codes")
        last = getattr(self._last, "plan", None)
        if last is not None and last[0] is report and last[1] == selected:
            return last[2]
        plan = self._plan(report, selected)
        self._last.plan = (report, selected, plan)
        return plan

    def _plan(self, report: Report, selected: frozenset[str] | None) -> dict[Instance, _Line]:
        # A rule that is not selected neither reports the line nor stands down for it.
        family = [i for i in self.family if selected is None or i.code in selected]
        failing: dict[str, dict[Instance, dict[str, Any]]] = {}
        for identity in family:
            for binding, status, values in _failures(identity, report):
                if status == "violated":
                    table_id = (values["left"] + values["right"])[0]["cell"].split(".")[0]
                    failing.setdefault(table_id, {})[(identity, _frozen(binding))] = values
        plan: dict[Instance, _Line] = {}
        for table_id, instances in failing.items():
            if len(instances) < 2:
                continue
            line = _explaining_line(report, family, table_id, instances) or _explaining_cell(
                report, family, table_id, instances
            )
            if line is not None:
                plan.update(dict.fromkeys(line.covered, line))
            else:
                for line in _zero_lines(table_id, instances):
                    plan.update(dict.fromkeys(line.covered, line))
        return plan


_ZERO_LINE_CELLS = 3  # a column left unfilled shows in this many rows at least


def _zero_lines(table_id: str, failing: dict[Instance, dict[str, Any]]) -> list[_Line]:
    """Where no line explains every failure of a table (an independent defect besides), the failures of one
    identity whose lone cell (a total, alone on its side) reads 0 in one column, in three rows or more: that column
    left unfilled (「总计」 0 in six rows whose parts are not), one finding; the other failures stay as they are."""
    groups: dict[tuple[Identity, str], list[tuple[Instance, str, Number]]] = {}
    for instance, values in failing.items():
        if values["unknown"]:
            continue
        lone = [(side, e) for side in ("left", "right") if len(values[side]) == 1 for e in values[side]]
        if len(lone) != 1 or lone[0][1]["value"] != 0:
            continue
        side, entry = lone[0]
        wanted = entry["value"] - values["difference"] if side == "left" else entry["value"] + values["difference"]
        if wanted < 0:
            continue
        column = entry["cell"].split(".")[2]
        groups.setdefault((instance[0], column), []).append((instance, entry["cell"], wanted))
    lines: list[_Line] = []
    for (identity, column), pins in groups.items():
        if len({cell for _instance, cell, _wanted in pins}) < _ZERO_LINE_CELLS:
            continue  # a zero or two among other faults: each is reported as it is
        cells: dict[str, tuple[Number, Number, Instance]] = {
            cell: (0, wanted, instance) for instance, cell, wanted in pins
        }
        covered = {instance: failing[instance] for instance, _cell, _wanted in pins}
        lines.append(_Line(table_id, "column", column, cells, identity, pins[0][0], covered))
    return lines


def _lines_of(values: dict[str, Any]) -> set[tuple[str, str]]:
    cells = [e["cell"].split(".") for e in values["left"] + values["right"]]
    return {("column", c[2]) for c in cells} | {("row", c[1]) for c in cells}


def _on_line(cell: str, kind: str, name: str) -> bool:
    parts = cell.split(".")
    return parts[2 if kind == "column" else 1] == name


def _explaining_line(
    report: Report, family: list[Identity], table_id: str, failing: dict[Instance, dict[str, Any]]
) -> _Line | None:
    """The one line of ``table_id`` that explains every failing instance, or None (see :class:`_LineFinder`); of
    several, the one whose cells stand alone on their side (the totals)."""
    candidates = set.intersection(*(_lines_of(values) for values in failing.values()))
    found = [
        line for kind, name in sorted(candidates) if (line := _solve(report, family, table_id, failing, kind, name))
    ]
    if not found:
        return None

    def weight(line: _Line) -> tuple[int, int]:
        return _lone(line.lead, line.covered, line.kind, line.name), -len(line.cells)

    best = min(found, key=weight)
    # Two rows of results that each explain a wrong total (「（一）予以公开」 6 or 「（二）部分公开」 6 too many): one cause,
    # one finding, which names both — the identities cannot tell which of them is wrong.
    best.rivals = tuple(line for line in found if line is not best and weight(line) == weight(best))
    return best


def _solve(
    report: Report,
    family: list[Identity],
    table_id: str,
    failing: dict[Instance, dict[str, Any]],
    kind: str,
    name: str,
) -> _Line | None:
    """The line ``kind``/``name`` if it explains every failing instance, else None."""
    pinned: dict[str, tuple[Number, Number]] = {}  # cell: (figure read, figure the identities ask for)
    pins: list[tuple[Instance, str]] = []
    for instance, values in failing.items():
        on_line = [(side, e) for side in ("left", "right") for e in values[side] if _on_line(e["cell"], kind, name)]
        if len(on_line) != 1:
            continue  # it runs along the line: checked below, once the line is corrected
        if values["unknown"]:
            return None  # a blank leaves the figure it asks for open
        side, entry = on_line[0]
        wanted = entry["value"] - values["difference"] if side == "left" else entry["value"] + values["difference"]
        if wanted < 0 or pinned.setdefault(entry["cell"], (entry["value"], wanted))[1] != wanted:
            return None  # not a count, or two instances ask for different figures
        pins.append((instance, entry["cell"]))
    if len(pinned) < 2:
        return None  # one cell: its identities are reported as they are
    numbers = {**_index(report).numbers, **{cell: wanted for cell, (_read, wanted) in pinned.items()}}
    for identity in family:  # with the line corrected, what failed holds and what did not fail still does not
        for binding, left, right, _tables, _rows in _applicable(identity, report):
            was_failing = (identity, _frozen(binding)) in failing
            if not was_failing and not any(n in pinned for n in left + right):
                continue
            outcome = _evaluate(report, numbers, identity, left, right)
            if outcome is not None and (was_failing or outcome[0] == "violated"):
                return None
    leads: dict[Identity, list[Instance]] = {}
    for instance, _cell in pins:
        leads.setdefault(instance[0], []).append(instance)
    lead = min(leads, key=lambda i: (_lone(i, failing, kind, name), -len(leads[i])))
    cells: dict[str, tuple[Number, Number, Instance]] = {}
    for instance, cell in sorted(pins, key=lambda pin: pin[0][0] is not lead):  # the lead's instance, if it has one
        cells.setdefault(cell, (*pinned[cell], instance))
    cells = {cell: cells[cell] for cell in pinned}  # in the table's order
    return _Line(table_id, kind, name, cells, lead, leads[lead][0], failing)


def _explaining_cell(
    report: Report, family: list[Identity], table_id: str, failing: dict[Instance, dict[str, Any]]
) -> _Line | None:
    """The one cell of ``table_id`` that every failing instance passes through and that, changed alone to the figure
    they all ask for, makes every one of them hold and breaks none that held (「自然人」 of 新收 mistyped: I-1 for its
    column, I-3 for its row) — as a :class:`_Line` of kind "cell"; None when no cell, or more than one, does."""
    if any(values["unknown"] for values in failing.values()):
        return None  # a blank leaves the figure it asks for open
    shared = set.intersection(*({e["cell"] for e in v["left"] + v["right"]} for v in failing.values()))
    found: list[tuple[str, Number, Number]] = []
    for cell in sorted(shared):
        asked: set[Number] = set()
        read: Number = 0
        for values in failing.values():
            on = [(side, e) for side in ("left", "right") for e in values[side] if e["cell"] == cell]
            if len(on) != 1:
                break  # on both sides, or twice: changing it moves both
            side, entry = on[0]
            read = entry["value"]
            asked.add(read - values["difference"] if side == "left" else read + values["difference"])
        else:
            wanted = min(asked)
            if len(asked) == 1 and wanted >= 0 and _holds_with(report, family, failing, cell, wanted):
                found.append((cell, read, wanted))
    if len(found) != 1:
        return None  # none, or several cells that each would do: which one is wrong is not known
    cell, read, wanted = found[0]
    sides = {instance: _side_of(values, cell) for instance, values in failing.items()}
    guessed = {instance: bool(_guessed(report, v["left"] + v["right"])) for instance, v in failing.items()}
    by_identity: dict[Identity, list[Instance]] = {}
    for instance in sorted(failing, key=guessed.__getitem__):  # an instance failing on cells read as written first
        by_identity.setdefault(instance[0], []).append(instance)
    # The finding is reported at an instance that fails on cells read as written if there is one (its certainty is
    # the finding's), of the identity where the cell stands alone on its side (a total) if it can be.
    lead = min(
        by_identity, key=lambda i: (guessed[by_identity[i][0]], len(sides[by_identity[i][0]]), -len(by_identity[i]))
    )
    anchor = by_identity[lead][0]
    return _Line(table_id, "cell", cell, {cell: (read, wanted, anchor)}, lead, anchor, failing)


def _side_of(values: dict[str, Any], cell: str) -> list[dict[str, Any]]:
    return values["left"] if any(e["cell"] == cell for e in values["left"]) else values["right"]


def _holds_with(
    report: Report, family: list[Identity], failing: dict[Instance, dict[str, Any]], cell: str, wanted: Number
) -> bool:
    """Whether, with ``cell`` at ``wanted``, every failing instance holds and no instance through it is violated."""
    numbers = {**_index(report).numbers, cell: wanted}
    for identity in family:
        for binding, left, right, _tables, _rows in _applicable(identity, report):
            was_failing = (identity, _frozen(binding)) in failing
            if not was_failing and cell not in left and cell not in right:
                continue
            outcome = _evaluate(report, numbers, identity, left, right)
            if outcome is not None and (was_failing or outcome[0] == "violated"):
                return False
    return True


def _lone(identity: Identity, failing: dict[Instance, dict[str, Any]], kind: str, name: str) -> int:
    """How many cells share the line cell's side in ``identity``'s failing instances (1: a total)."""
    for (other, _binding), values in failing.items():
        if other is identity:
            for side in (values["left"], values["right"]):
                if any(_on_line(e["cell"], kind, name) for e in side):
                    return len(side)
    return 0


def _line_violation(line: _Line, report: Report, ctx: RuleContext) -> Finding:
    """One finding for a wrong line: every cell of it that the identities pin down, both figures of each."""
    table = report.tables[line.table]
    identity = line.lead
    first = next(iter(line.cells))
    label = _line_label(line)
    others = sorted({i.id for i, _b in line.covered} - {identity.id})
    places_zh = "；".join(
        f"{_cell_text(cell, 'zh')} 填报 {_figure(report, cell, read, 'zh')}，按 {identity.id} 应为 {_plain(Decimal(wanted))}"
        for cell, (read, wanted, _instance) in line.cells.items()
    )
    places_en = "; ".join(
        f"{cell} reads {_figure(report, cell, read, 'en')}, {identity.id} gives {_plain(Decimal(wanted))}"
        for cell, (read, wanted, _instance) in line.cells.items()
    )
    also_zh = f"同一{label[2]}的这些数字也使 {'、'.join(others)} 不成立，不再另报。" if others else ""
    also_en = f" The same figures break {', '.join(others)}, not reported again." if others else ""
    if line.rivals:
        rivals = [_line_label(rival) for rival in line.rivals]
        also_zh += f"但改动{'、'.join(r[0] for r in rivals)}同样能使这些勾稽关系成立，哪一处填错无法从表中判断。"
        also_en += (
            f" But changing {', '.join(r[1] for r in rivals)} would make them hold just as well: which of them is "
            "wrong cannot be told from the table."
        )
    message = Text(
        f"{label[0]}有 {len(line.cells)} 处不符合勾稽关系 {identity.id}（{identity.zh}）：{places_zh}。{also_zh}",
        f"{identity.id} does not hold in {len(line.cells)} places of {label[1]}: {identity.en}. {places_en}.{also_en}",
    )
    values: dict[str, Any] = dict(line.covered[line.anchor])
    values["line"] = {line.kind: line.name}
    if line.rivals:
        values["rivals"] = [{rival.kind: rival.name} for rival in line.rivals]
    values["cells"] = [
        {
            "cell": cell,
            "value": _plain(Decimal(read)),
            "expected": _plain(Decimal(wanted)),
            "identity": i.id,
            "instance": dict(binding),
        }
        for cell, (read, wanted, (i, binding)) in line.cells.items()
    ]
    values["explains"] = [{"rule": i.code, "identity": i.id, "instance": dict(b)} for i, b in line.covered]
    entries = [e for v in line.covered.values() for e in v["left"] + v["right"]]
    message, severity = _graded(ctx, message, values, list(dict.fromkeys(_guessed(report, entries))))
    cell = _index(report).cells.get(first)
    _table, row, column = first.split(".")
    return ctx.finding(
        message,
        loc=cell.loc if cell is not None else table.loc,
        place=Place(
            table.section, table.id, row if line.kind == "row" else None, column if line.kind == "column" else None
        ),
        values=values,
        key=f"{identity.id}|line|{line.kind}={line.name}",
        severity=severity,
    )


def _cell_violation(line: _Line, report: Report, ctx: RuleContext) -> Finding:
    """One finding for one wrong cell: the cell, the figure read and the figure every identity it breaks asks
    for, and each of those identities with its two sides."""
    table = report.tables[line.table]
    cell_name = line.name
    read, wanted, _anchor = line.cells[cell_name]
    broken = list(line.covered.items())
    listed_zh = "；".join(
        f"{i.id}（{_binding_words(line.table, dict(b)).rstrip('：')}{'，' if b else ''}{i.zh}：左边 {v['left_sum']}"
        f"{' ≠ ' if i.relation == '=' else ' < '}右边 {v['right_sum']}）"
        for (i, b), v in broken
    )
    listed_en = "; ".join(
        f"{i.id}{' (' + ', '.join(f'{k}={x}' for k, x in b) + ')' if b else ''}: {v['left_sum']}"
        f"{' ≠ ' if i.relation == '=' else ' < '}{v['right_sum']}"
        for (i, b), v in broken
    )
    message = Text(
        f"{_cell_text(cell_name, 'zh')} 填报 {_figure(report, cell_name, read, 'zh')}，使 {len(broken)} 项勾稽关系不成立："
        f"{listed_zh}。"
        f"这些勾稽关系都经过该单元格；只把它改为 {_plain(Decimal(wanted))}（其余不变），它们就全部成立，"
        "因此只报这一处。",
        f"{cell_name} reads {_figure(report, cell_name, read, 'en')} and breaks {len(broken)} identities: {listed_en}. "
        "Each passes "
        f"through this cell; with it alone at {_plain(Decimal(wanted))} (the rest unchanged) every one of them "
        "holds, so it is reported once.",
    )
    values: dict[str, Any] = dict(line.covered[line.anchor])
    values["cell"] = {"cell": cell_name, "value": _plain(Decimal(read)), "expected": _plain(Decimal(wanted))}
    values["explains"] = [{"rule": i.code, "identity": i.id, "instance": dict(b)} for i, b in line.covered]
    guessed = {instance: _guessed(report, v["left"] + v["right"]) for instance, v in broken}
    if all(guessed.values()):  # every identity it breaks rests on a guess: the finding is one, at most a warning
        entries = [e for v in line.covered.values() for e in v["left"] + v["right"]]
        message, severity = _graded(ctx, message, values, list(dict.fromkeys(_guessed(report, entries))))
    else:  # one at least fails on cells read as written: certain; those resting on a guess say so
        severity = None
        uncertain = {i.id: cells for (i, _b), cells in guessed.items() if cells}
        if uncertain:
            values["uncertain_identities"] = uncertain
            message = Text(
                message.zh + f"（其中 {'、'.join(uncertain)} 依赖推断或近似匹配的读取："
                f"{'、'.join(_cell_text(n, 'zh') for c in uncertain.values() for n in c[:2])}，请对照原表核实。）",
                message.en + f" ({', '.join(uncertain)} rest(s) on cells read by inference or an approximate label "
                f"match: {', '.join(n for c in uncertain.values() for n in c[:2])}; check them against the original "
                "table.)",
            )
    cell = _index(report).cells.get(cell_name)
    _table, row, column = cell_name.split(".")
    return ctx.finding(
        message,
        loc=cell.loc if cell is not None else table.loc,
        place=Place(table.section, table.id, row, column),
        values=values,
        key=f"{line.lead.id}|cell|{row}.{column}",
        severity=severity,
    )


def _line_label(line: _Line) -> tuple[str, str, str]:
    """「“总计”一列」, "the total column", 列 — or the same for a row."""
    if line.kind == "column":
        return f"“{template.column_label(line.table, line.name)}”一列", f"the {line.name} column", "列"
    return f"“{template.row_label(line.table, line.name)}”一行", f"row {line.name}", "行"


NOT_ASSESSABLE = rule(
    code="NUM008",
    name="identity-not-assessable",
    severity=INFO,
    summary=Text("因空白单元格无法判断勾稽关系是否成立", "An identity cannot be assessed because cells are blank"),
    explanation=Text(
        "空白、横线或缺失的单元格被视为未知的非负数。若按 0 计算勾稽关系不成立，但存在某组非负取值能使其成立，则无法判断"
        "是否违反，本规则列出相关的勾稽关系和空白单元格（每个勾稽关系、每张表一条）。统一格式要求无数据时填 0。",
        "A blank, dashed or missing cell is an unknown non-negative number. When an identity fails with those cells "
        "as 0 but some non-negative values would make it hold, it cannot be assessed: this rule names the identity "
        "and the blank cells (one finding per identity and table). The format wants 0 where there is nothing to "
        "report.",
    ),
    basis=_BASIS,
)(no_findings)


def _not_assessable(
    identity: Identity, report: Report, ctx: RuleContext, table_id: str, instances: list[dict[str, Any]]
) -> Finding:
    blanks = sorted({name for values in instances for name in values["unknown"]})
    table = report.tables[table_id]
    shown_zh = "、".join(_cell_text(n, "zh") for n in blanks[:8]) + ("等" if len(blanks) > 8 else "")
    shown_en = ", ".join(blanks[:8]) + (" …" if len(blanks) > 8 else "")
    dashed = any(entry.get("kind") == "dash" for values in instances for entry in (*values["left"], *values["right"]))
    why_zh = "空白或填了横线等（不适用）的单元格" if dashed else "空白单元格"
    why_en = "cells are blank or hold a dash (not applicable)" if dashed else "cells are blank"
    message = Text(
        f"{identity.id}（{identity.zh}）有 {len(instances)} 处因{why_zh}无法判断：{shown_zh}。请填写数字（无则填 0）。",
        f"{identity.id} ({identity.en}) cannot be assessed in {len(instances)} place(s) because {why_en}: "
        f"{shown_en}. Fill in numbers (0 where there is nothing).",
    )
    # Reported under NUM008's own code (selectable on its own), with this identity in its fingerprint.
    reporter = RuleContext(NOT_ASSESSABLE.with_plugin(ctx.rule.plugin), ctx.path, ctx.options)
    return reporter.finding(
        message,
        loc=table.loc,
        place=Place(section=table.section, table=table.id),
        values={"identity": identity.id, "rule": identity.code, "blank_cells": blanks, "instances": instances},
        key=f"{identity.code}|{identity.id}",
    )


# ── I-5, I-6, blank cells ───────────────────────────────────────────────────────────────────────────────
@rule(
    code="NUM005",
    name="value-domain",
    severity=ERROR,
    summary=Text(
        "I-5：数量应为非负整数，金额应为非负数", "I-5: counts are non-negative integers, amounts non-negative"
    ),
    explanation=Text(
        "表二、表三、表四中的件数、数量均为非负整数；例外：2019 年格式的“本年增/减”可为负数，2021 年格式的“本年收费金额"
        "（单位：万元）”和 2019 年格式的“采购总金额”为非负的小数。单元格中不是数字的文字也在此报告。",
        "Every count in tables 2, 3 and 4 is a non-negative integer; exceptions: the 2019 column 本年增/减 may be "
        "negative, the 2021 fee amount (10,000 yuan) and the 2019 procurement amount are non-negative decimals. "
        "Text where a number belongs is reported here too.",
    ),
    basis=(legal.FORMAT_2021_BASIS, legal.ARTICLE_50),
    fix="unsafe",
)
def value_domain(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    unusual = _index(report).unusual  # cells of read rows (an unread row is TAB004's finding, not a value)
    for key, table in report.tables.items():
        if not unusual[key]:
            continue  # the common case: whole numbers not below 0, or no number at all
        spec = template.TABLE_BY_ID[table.id]
        kinds = {c.id: c.kind for c in spec.columns_for(table.variant or "2021")}
        for row_id, column, cell in unusual[key]:
            problem = _domain_problem(cell, kinds.get(column, template.COUNT))
            if problem is None:
                continue
            name = f"{table.id}.{row_id}.{column}"
            zh, en = problem
            yield ctx.finding(
                Text(
                    f"{_cell_text(name, 'zh')} 填报为“{_shown(cell.raw)}”：{zh}",
                    f"{name} reads “{_shown(cell.raw)}”: {en}",
                ),
                loc=cell.loc,
                place=Place(table.section, table.id, row_id, column),
                values={"cell": name, "raw": cell.raw, "value": cell.value, "kind": cell.kind},
                key=name,
                fix=_zero(cell),
            )


# 无数据 and its like where a number belongs: 0 is what the format wants, but only the body can say the cell did
# not mean "not known" — an unsafe fix.
_NOTHING = lazy_pattern(r"^(暂?无数据|暂?无|没有|空)$")


def _zero(cell: Cell) -> Fix | None:
    if cell.kind != "text" or not _NOTHING.match(cell.raw.strip()):
        return None
    return Fix.replace(cell.loc, cell.raw.strip(), "0", Text(f"把“{cell.raw.strip()}”填为 0", "write 0"), safe=False)


def _shown(raw: str) -> str:
    """A cell's text for a message: a very long one shortened in the middle (the values keep it whole)."""
    return raw if len(raw) <= 40 else f"{raw[:24]}…{raw[-8:]}"


def _domain_problem(cell: Cell, kind: str) -> tuple[str, str] | None:
    if cell.kind == "text":
        if (digits := overlong(cell.raw)) is not None:
            return (
                f"{digits} 位数字，不可能是件数或金额，未作为数字读取",
                f"{digits} digits: too long to be a count or an amount",
            )
        return "不是数字", "not a number"
    if cell.kind != "number" or cell.value is None:
        return None
    value = cell.value
    fractional = isinstance(value, Decimal) and value != value.to_integral_value()
    if kind == template.AMOUNT:
        return ("金额不能为负数", "an amount cannot be negative") if value < 0 else None
    if fractional:
        return "数量应为整数", "a count must be a whole number"
    if kind == template.COUNT and value < 0:
        return "数量不能为负数", "a count cannot be negative"
    return None


_EXPECTED_CELLS = {
    ("applications", "2019"): 161,
    ("applications", "2021"): 175,
    ("review_litigation", "2019"): 15,
    ("review_litigation", "2021"): 15,
}


@rule(
    code="NUM006",
    name="cell-count",
    severity=ERROR,
    summary=Text("I-6：表格单元格数量与格式不符", "I-6: a table does not have the format's number of cells"),
    explanation=Text(
        "表三在 2019 年格式中有 23 行 × 7 列 = 161 个数字，在 2021 年格式中有 25 行 × 7 列 = 175 个数字；表四有 15 个数字。"
        "数量不同说明模板用错、缺行、多出或错位的单元格。一个原因只报告一次：缺少的行由 TAB002 报告，未能读取的行（单元格"
        "多于或少于列数、数字连在一起等）由 TAB004 报告，空白单元格由 NUM007 报告，本规则不再重复。",
        "Table 3 has 23 rows × 7 columns = 161 numbers in the 2019 format and 25 × 7 = 175 in the 2021 format; "
        "table 4 has 15. Another count means a wrong template, a missing row, or extra or shifted cells. One cause, "
        "one finding: a missing row is TAB002's, a row that could not be read (more or fewer cells than columns, "
        "figures run together …) is TAB004's, blank cells are NUM007's; this rule does not repeat them.",
    ),
    basis=(legal.FORMAT_2021_BASIS, legal.ARTICLE_50),
)
def cell_count(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    missing_rows = {(g.table, g.row) for g in report.gaps if g.kind == "missing_row"}
    for table in report.tables.values():
        expected = _EXPECTED_CELLS.get((table.id, table.variant or "2021"))
        if expected is None or table.reason is not None or table.unread_rows():
            continue  # an unread table or row is TAB004's finding
        if any(t == table.id for t, _row in missing_rows):
            continue  # a missing row is TAB002's finding
        found = sum(len(row.cells) for row in table.rows.values())
        if found == expected:
            continue
        fmt_zh = f"（{table.variant} 年格式）" if table.variant else ""  # table 四 is the same in both formats
        fmt_en = f" ({table.variant} format)" if table.variant else ""
        yield ctx.finding(
            Text(
                f"{template.TABLE_BY_ID[table.id].title_zh}应有 {expected} 个单元格{fmt_zh}，实际读到 {found} 个。",
                f"{template.TABLE_BY_ID[table.id].title_en} should have {expected} cells{fmt_en}; {found} were read.",
            ),
            loc=table.loc,
            place=Place(table.section, table.id),
            values={"expected": expected, "found": found},
            key="count",
        )


@rule(
    code="NUM007",
    name="blank-cells",
    severity=WARNING,
    summary=Text("表格单元格留空（应填 0）", "Table cells left blank (the format wants 0)"),
    explanation=Text(
        "统一格式要求每个单元格填写数字，没有发生的事项填 0。留空的单元格是警告，列出所有空白单元格；几张表都有留空的单元格"
        "时（没有发生的事项都留空）是报告的一种做法，只报一条，逐表列出；"
        "留空的单元格不参与勾稽关系核对（按“无法判断”处理，不当作 0）。用“无”“——”“—”“/”“-”“不适用”填写的单元格表示"
        "没有或不适用，不是漏填：这是报告的一种写法，全报告只报一条，列出各表中这样填写的单元格，说明格式要求填 0。"
        "“无”就是没有，勾稽关系核对时按 0 计（结论中注明）；横线、斜杠、“不适用”也可能表示不适用或不详，不能确定是 0，"
        "经过它们的勾稽关系无法判断（NUM008）。只是写法不同时为提示；有统计表整张没有一个数字、又因横线或斜杠而无法核对"
        "时为警告（代替该表的 NUM009）。",
        "The format wants a number in every cell, 0 where nothing happened. Cells left blank are a warning naming "
        "every blank cell; blank cells in several tables (nothing written where nothing happened) are the report's "
        "one habit, one finding listing them table by table; they take no part in the identity checks (they leave an identity "
        "not assessable; they are not taken as 0). Cells holding 无, ——, —, /, - or 不适用 say “none / not "
        "applicable”: not an omission but the report's way of writing, reported once for the whole report, naming "
        "such cells table by table, that the format wants 0 there. 无 means none: the identity checks read it as 0 "
        "(and their findings say so); a dash, a slash or 不适用 may mean “not applicable” or “not known” as well, is "
        "not certainly 0, and leaves the identities through it not assessable (NUM008). Only the notation: info; a "
        "table without a single number that dashes or slashes leave unchecked: a warning (instead of that table's "
        "NUM009).",
    ),
    basis=(legal.FORMAT_2021_BASIS,),
    fix="unsafe",
)
def blank_cells(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    scan = _index(report)
    dashed: list[tuple[TableData, list[tuple[str, Cell]]]] = []  # the report's habit: one finding (below)
    blank: list[tuple[TableData, list[tuple[str, Cell]]]] = []  # zeros left blank, table after table: one habit too
    for key, table in report.tables.items():
        if table.reason is not None:
            continue  # unread: TAB004
        empty = scan.empty[key]  # the blank and dashed cells of the rows that were read
        dashes = [(name, cell) for name, cell in empty if cell.kind == "dash"]
        if dashes:
            dashed.append((table, dashes))
        elif not scan.figures[key]:
            continue  # no figures at all, nor a word or a dash: NUM009
        blanks = [(name, cell) for name, cell in empty if cell.kind == "blank"]
        if blanks:
            blank.append((table, blanks))
    if blank:
        yield _blank_cells(ctx, blank)
    if dashed:
        yield _dashed_cells(report, ctx, dashed)


def _blank_cells(ctx: RuleContext, blank: list[tuple[TableData, list[tuple[str, Cell]]]]) -> Finding:
    """One finding for the cells left blank: a table's, or every table's when the report leaves them blank in several
    (one habit, as the dashes: NUM007)."""
    cells = [pair for _table, blanks in blank for pair in blanks]
    names = [name for name, _cell in cells]
    first = blank[0][0]
    if len(blank) == 1:
        title = template.TABLE_BY_ID[first.id]
        message = Text(
            f"{title.title_zh}有 {len(names)} 个单元格未填数字：{_names_shown(names, 'zh')}。无数据应填 0。",
            f"{title.title_en}: {len(names)} cell(s) without a number: {_names_shown(names, 'en')}. Write 0 where "
            "there is nothing.",
        )
        place = Place(first.section, first.id)
    else:
        listed_zh: list[str] = []
        listed_en: list[str] = []
        for table, blanks in blank:
            spec, shown = template.TABLE_BY_ID[table.id], [name for name, _cell in blanks]
            listed_zh.append(f"“{spec.title_zh}”{len(shown)} 个（{_names_shown(shown, 'zh')}）")
            listed_en.append(f"{len(shown)} of “{spec.title_en}” ({_names_shown(shown, 'en')})")
        message = Text(
            f"{len(blank)} 张统计表共有 {len(names)} 个单元格未填数字：{'；'.join(listed_zh)}。无数据应填 0。",
            f"{len(names)} cell(s) of {len(blank)} tables hold no number: {'; '.join(listed_en)}. Write 0 where "
            "there is nothing.",
        )
        sections = {table.section for table, _blanks in blank}
        place = Place(first.section) if len(sections) == 1 else Place()
    return ctx.finding(
        message,
        loc=cells[0][1].loc,
        place=place,
        values={"cells": _cells_json(cells), **({"tables": [t.id for t, _b in blank]} if len(blank) > 1 else {})},
        key="blank",
        fix=_zero_fill(cells),
    )


def _dashed_cells(report: Report, ctx: RuleContext, dashed: list[tuple[TableData, list[tuple[str, Cell]]]]) -> Finding:
    """One finding for every cell of the report written 「无」, 「—」, 「/」 … instead of a number (see NUM007)."""
    scan = _index(report)
    cells = [pair for _table, dashes in dashed for pair in dashes]
    marks = "”“".join(dict.fromkeys(cell.raw.strip() for _name, cell in cells))
    none = [name for name, _cell in cells if name in scan.none]
    unchecked = {table.id for table, dashes in dashed if any(name not in scan.none for name, _cell in dashes)}
    bare = [table for table, _dashes in dashed if not scan.figures[table.id] and table.id in unchecked]
    listed_zh: list[str] = []
    listed_en: list[str] = []
    for table, dashes in dashed:
        spec = template.TABLE_BY_ID[table.id]
        names = [name for name, _cell in dashes]
        if len(names) == sum(len(row.cells) for row in table.rows.values()):
            listed_zh.append(f"“{spec.title_zh}”整张表 {len(names)} 个")
            listed_en.append(f"“{spec.title_en}” (the whole table, {len(names)})")
        else:
            listed_zh.append(f"“{spec.title_zh}”{len(names)} 个（{_names_shown(names, 'zh')}）")
            listed_en.append(f"{len(names)} of “{spec.title_en}” ({_names_shown(names, 'en')})")
    zh = (
        f"统计表中有 {len(cells)} 个单元格填的是“{marks}”（{'没有或不适用' if unchecked else '没有'}），而不是数字："
        f"{'；'.join(listed_zh)}。统一格式要求填数字，没有发生的事项填 0。"
    )
    en = (
        f"{len(cells)} cell(s) of the tables hold “{marks}” ({'none / not applicable' if unchecked else 'none'}) "
        "instead of a number: "
        f"{'; '.join(listed_en)}. The format wants a number, 0 where nothing happened."
    )
    if none:
        zh += "“无”就是没有，勾稽关系核对时按 0 计。"
        en += " 无 means none: the identity checks read it as 0."
    if unchecked:
        zh += "横线、斜杠等也可能表示不适用或不详，不能确定是 0，经过这些单元格的勾稽关系无法判断"
        en += " A dash or slash may also mean not applicable or not known, is not certainly 0, and leaves the "
        en += "identities through it not assessable"
        if bare:
            zh += f"；{'、'.join(f'“{template.TABLE_BY_ID[t.id].title_zh}”' for t in bare)}整张表没有一个数字，无法核对"
            en += f"; {', '.join(f'“{template.TABLE_BY_ID[t.id].title_en}”' for t in bare)} hold(s) not a single "
            en += "number and cannot be checked"
        zh += "。"
        en += "."
    first = dashed[0][0]
    sections = {table.section for table, _dashes in dashed}
    return ctx.finding(
        Text(zh, en),
        loc=cells[0][1].loc,
        place=Place(first.section, first.id if len(dashed) == 1 else None) if len(sections) == 1 else Place(),
        values={
            "cells": _cells_json(cells),
            "tables": [table.id for table, _dashes in dashed],
            "read_as_zero": none,
            "no_figures": [table.id for table in bare],
        },
        key="dash",
        severity=WARNING if bare else INFO,
        fix=_zero_fill(cells),
    )


def _names_shown(names: list[str], lang: str) -> str:
    if lang == "zh":
        return "、".join(_cell_text(n, "zh") for n in names[:8]) + ("等" if len(names) > 8 else "")
    return ", ".join(names[:8]) + (" …" if len(names) > 8 else "")


def _cells_json(cells: list[tuple[str, Cell]]) -> list[dict[str, Any]]:
    return [{"cell": n, "raw": c.raw, "line": c.loc.line, "column": c.loc.column} for n, c in cells]


def _zero_fill(blanks: list[tuple[str, Cell]]) -> Fix | None:
    """无数据, a dash or a slash → 0; an empty cell too where it has a place of its own (a DOCX cell). Unsafe: a
    blank may mean "not known" rather than "none", and only the body that wrote the report can say which."""
    edits = tuple(Edit(cell.loc, cell.raw.strip(), "0") for _name, cell in blanks if cell.raw.strip() or cell.loc.ref)
    if not edits:
        return None
    return Fix(edits, Text(f"把 {len(edits)} 个未填数字的单元格填为 0", f"write 0 in {len(edits)} cell(s)"), "unsafe")


@rule(
    code="NUM009",
    name="figures-not-disclosed",
    severity=ERROR,
    summary=Text("统计表没有填写任何数字", "A statistics table holds no figures at all"),
    explanation=Text(
        "统一格式的统计表（第二、三、四部分）必须填写数字，没有发生的事项填 0。整张表没有任何数字（全部空白或横线），"
        "等于没有公开这些统计数据（条例第五十条），其勾稽关系也无法核对；这样的报告判为“无法审查”。表中部分单元格"
        "空白由 NUM007 报告。几张表都没有填写数字（如空白表样）是一处遗漏，只报一条，逐表列出。表中填有横线、斜杠或"
        "“无”（不适用或没有）时不在此报告：它说明没有发生，只是写法不符合统一格式，由 NUM007 全报告一条说明。读出的"
        "表格全部空白、而同一部分另有未能归入表格行的数字（TAB008）时只是警告：那更可能是表格排版未被正确读出。",
        "The format's statistics tables (sections 2, 3 and 4) must be filled in, with 0 where nothing happened. A "
        "table without a single figure (all blank or dashes) does not disclose these statistics (Article 50), and "
        "its identities cannot be checked; such a report is rated not assessed. Several tables left so (a blank "
        "template) are one omission: one finding lists them. Some blank cells in a table are NUM007's. A table "
        "holding dashes, slashes or 无 (not applicable / none) is not reported here: it says nothing happened, in "
        "the wrong notation, and NUM007 says so once for the whole report. A table read all blank while the same "
        "section holds figures that no table row took (TAB008) is a warning: its layout more likely was not read.",
    ),
    basis=(legal.FORMAT_2021_BASIS, legal.ARTICLE_50),
)
def figures_not_disclosed(report: Report, ctx: RuleContext) -> Iterator[Finding]:
    figures = _index(report).figures
    strays: dict[str | None, int] | None = None
    unfilled: list[tuple[TableData, int]] = []  # tables certainly left without a figure: one omission, said once
    for key, table in report.tables.items():
        if table.reason is not None or not table.rows or figures[key]:
            continue
        if any(cell.kind == "dash" for row in table.rows.values() for cell in row.cells.values()):
            continue  # 「无」, 「—」: none or not applicable, written in the wrong notation — NUM007's one finding
        if strays is None:
            strays = _stray_figures(report)
        cells = sum(len(row.cells) for row in table.rows.values())
        spec = template.TABLE_BY_ID[table.id]
        stray = strays.get(table.section, 0)
        if not stray:
            unfilled.append((table, cells))
            continue
        # figures next to it that no row took: the table's layout may not have been read — not certain
        yield ctx.finding(
            Text(
                f"“{spec.title_zh}”读出的 {cells} 个单元格全部空白，但本部分另有 {stray} 个数字未能归入任何表格行"
                "（见 TAB008）：可能是表格排版未被正确读出，而非没有填写。请对照原文核对。",
                f"“{spec.title_en}” was read with all {cells} cells blank, but this section holds {stray} "
                "figure(s) that no table row took (see TAB008): the table's layout may not have been read, rather "
                "than left unfilled. Please check against the original.",
            ),
            loc=table.loc,
            place=Place(table.section, table.id),
            values={"cells": cells, "stray_figures": stray},
            key="no-figures",
            severity=WARNING,
        )
    if unfilled:
        yield _unfilled_tables(unfilled, ctx)


def _unfilled_tables(unfilled: list[tuple[TableData, int]], ctx: RuleContext) -> Finding:
    """One finding for the tables left without a single figure: a table's, or all of them when several are (the
    statistics left unfilled, as in a blank template: one omission, NUM009)."""
    first, cells = unfilled[0]
    spec = template.TABLE_BY_ID[first.id]
    if len(unfilled) == 1:
        return ctx.finding(
            Text(
                f"“{spec.title_zh}”没有填写任何数字（{cells} 个单元格全部空白），统计数据未公开。",
                f"“{spec.title_en}” holds no figures at all (all {cells} cells are blank): the statistics are not "
                "disclosed.",
            ),
            loc=first.loc,
            place=Place(first.section, first.id),
            values={"cells": cells},
            key="no-figures",
        )
    listed = [(template.TABLE_BY_ID[table.id], count) for table, count in unfilled]
    total = sum(count for _table, count in unfilled)
    sections = {table.section for table, _count in unfilled}
    return ctx.finding(
        Text(
            f"{len(unfilled)} 张统计表都没有填写任何数字（共 {total} 个单元格全部空白）："
            f"{'、'.join(f'“{table.title_zh}”（{count} 个）' for table, count in listed)}，统计数据未公开。",
            f"{len(unfilled)} tables hold no figures at all ({total} cells, all blank): "
            f"{', '.join(f'“{table.title_en}” ({count})' for table, count in listed)}; the statistics are not "
            "disclosed.",
        ),
        loc=first.loc,
        place=Place(first.section) if len(sections) == 1 else Place(),
        values={"cells": total, "tables": {table.id: count for table, count in unfilled}},
        key="no-figures",
    )


def _stray_figures(report: Report) -> dict[str | None, int]:
    """Per section, the cells holding a digit in rows that no table took (TAB008's stray rows)."""
    out: dict[str | None, int] = {}
    for gap in report.gaps:
        if gap.kind == "stray_row":
            found = sum(any(ch.isdigit() for ch in str(cell)) for cell in gap.detail.get("cells", ()))
            if found:
                out[gap.section] = out.get(gap.section, 0) + found
    return out


_COUNTY = lazy_pattern(r"(县|旗)|[^市省]区(人民政府|政府)?$")
_CITY = lazy_pattern(r"(省|自治区|直辖市|市)(人民政府|政府)|(省|市)[^县区镇乡]*?(厅|局|委员会|办公室|办公厅)$")


def body_level(report: Report) -> str:
    """township | county | city | unknown, from the issuing body's name (P-4 applies below city level)."""
    body = report.metadata.issuing_body
    name = re.sub(r"(?<=政府)(?:办公室|办公厅)$", "", body.text) if body else ""  # a government's office: its level
    if report.metadata.body_kind == "township":
        return "township"
    if not name:
        return "unknown"
    if re.search(r"(实验区|开发区|新区|自治区)", name):
        return "unknown"
    if _COUNTY.search(name):
        return "county"
    if _CITY.search(name):
        return "city"
    return "unknown"


@hookimpl
def auditor_rules() -> list[Rule]:
    return [
        *identity_rules(IDENTITIES),
        NOT_ASSESSABLE,
        value_domain,
        cell_count,
        blank_cells,
        figures_not_disclosed,
    ]
