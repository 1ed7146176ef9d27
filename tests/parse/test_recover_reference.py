"""auditor.recover reads flattened rows exactly as the search it replaced (tests/parse/recover_reference.py): on
tables made to balance or not, with rows glued together, boundaries that survived, cells left blank and cells read
normally, the same splits are found, the same rows settled, and the same rows left with the same count of splits."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import example, given
from hypothesis import strategies as st

from auditor.document import Location, RawCell
from auditor.recover import Unit, recover
from auditor.template import AMOUNT, SIGNED, TABLE_BY_ID
from tests.parse import recover_reference

# The tables whose rows can be flattened, by template: the two with identities, and some without.
_TABLES = (
    ("applications", "2021"),
    ("applications", "2021"),
    ("applications", "2021"),
    ("applications", "2019"),
    ("applications", "2019"),
    ("review_litigation", "2021"),
    ("regulations", "2019"),
    ("licensing", "2019"),
    ("fees", "2019"),
    ("fees", "2021"),
    ("procurement", "2019"),
)
_SMALL = st.one_of(st.just(0), st.just(0), st.integers(0, 12), st.integers(0, 120), st.integers(0, 99_999))
_FEW = st.one_of(st.just(0), st.just(0), st.integers(0, 12), st.integers(10, 120))  # a row of table 三: short runs


def _outcome_rows(variant: str) -> list[str]:
    """The rows that the grand total of applications adds up (I-2), from the template: between the two balances."""
    rows = [row.id for row in TABLE_BY_ID["applications"].rows_for(variant)]
    return rows[rows.index("carried_over") + 1 : rows.index("grand_total")]


@st.composite
def _applications(draw: st.DrawFn, variant: str, tidy: bool) -> dict[str, dict[str, int]]:
    """Every row of table 三 by column, balanced (I-1, I-2, I-3), then perhaps a cell or two changed."""
    columns = [column.id for column in TABLE_BY_ID["applications"].columns_for(variant)]
    parts = columns[:-1]
    rows: dict[str, dict[str, int]] = {}
    for row in _outcome_rows(variant):
        rows[row] = {column: draw(_FEW) if draw(st.booleans()) else 0 for column in parts}
    rows["grand_total"] = {column: sum(rows[row][column] for row in _outcome_rows(variant)) for column in parts}
    rows["carried_forward"] = {column: draw(_FEW) for column in parts}
    rows["carried_over"] = {column: draw(_FEW) for column in parts}
    rows["new_received"] = {}
    for column in parts:
        new = rows["grand_total"][column] + rows["carried_forward"][column] - rows["carried_over"][column]
        if new < 0:
            rows["carried_over"][column], new = 0, new + rows["carried_over"][column]
        rows["new_received"][column] = new
    for figures in rows.values():
        figures[columns[-1]] = sum(figures[column] for column in parts)
    for _ in range(0 if tidy else draw(st.sampled_from((0, 0, 0, 1, 2)))):  # a table that does not add up
        row = draw(st.sampled_from(sorted(rows)))
        column = draw(st.sampled_from(columns))
        rows[row][column] = max(0, rows[row][column] + draw(st.integers(-3, 3)))
    return rows


def _glued(draw: st.DrawFn, texts: list[str], line: int, tidy: bool = False) -> tuple[RawCell, ...]:
    """The cells' texts run together; or a space left between some (a boundary that survived), or (unless ``tidy``)
    a blank cell lost, or any digits instead."""
    how = draw(
        st.sampled_from(("glued", "spaces") if tidy else ("glued", "glued", "glued", "spaces", "blank", "digits"))
    )
    if how == "digits":
        texts = [draw(st.text(st.sampled_from("0000123456789"), min_size=1, max_size=2 * len(texts) + 3))]
    if how == "blank":
        lost = draw(st.integers(0, len(texts) - 1))
        texts = texts[:lost] + texts[lost + 1 :]
    runs = [texts[0]] if texts else ["0"]
    for text in texts[1:]:
        if how == "spaces" and draw(st.integers(0, 3)) == 0:
            runs.append(text)
        else:
            runs[-1] += text
    pieces = []
    column = 9
    for run in runs:
        pieces.append(RawCell(run, Location(line, column)))
        column += len(run) + 1
    return tuple(pieces)


@st.composite
def _tables(draw: st.DrawFn, tidy: bool = False) -> tuple[str, str, list[Unit], dict[str, int | Decimal | None]]:
    """A table of one template: some of its rows flattened into units, the others' cells known (or not read).
    ``tidy``: table 三, balanced, every cell read, each flattened row glued or broken only by spaces — the tables
    that the search across rows settles."""
    table, variant = draw(st.sampled_from((("applications", "2021"), ("applications", "2019")) if tidy else _TABLES))
    spec = TABLE_BY_ID[table]
    columns = spec.columns_for(variant)
    kinds = tuple(column.kind for column in columns)
    if table == "review_litigation":  # its fifteen figures are one run
        texts = []
        for _row in spec.rows:
            parts = [draw(_SMALL) for _ in columns[:-1]]
            texts += [str(figure) for figure in [*parts, sum(parts) + draw(st.sampled_from((0, 0, 0, 1)))]]
        cells = tuple(f"{table}.{row.id}.{column.id}" for row in spec.rows for column in columns)
        unit = Unit(table, _glued(draw, texts, 1), cells, kinds * len(spec.rows))
        return table, variant, [unit], {}
    rows = [row.id for row in spec.rows_for(variant)]
    figures = draw(_applications(variant, tidy)) if table == "applications" else {}
    units: list[Unit] = []
    known: dict[str, int | Decimal | None] = {}
    flattened = draw(st.sampled_from((1, 3, 8)))  # one row in this many (about) lost its boundaries
    unread = 0 if tidy else draw(st.sampled_from((0, 0, 40)))  # one cell in this many (about) was not read
    for line, row in enumerate(rows, start=1):
        texts = []
        for index, kind in enumerate(kinds):
            if row in figures:
                figure: int | Decimal = figures[row][columns[index].id]
            elif kind == AMOUNT:
                figure = Decimal(draw(st.sampled_from(("0", "12.5", "3.25", "1200", "0.5"))))
            else:
                figure = draw(_SMALL) * (draw(st.sampled_from((1, 1, -1))) if kind == SIGNED else 1)
            texts.append("-" if kind == SIGNED and figure == 0 and draw(st.booleans()) else str(figure))
        names = tuple(f"{table}.{row}.{column.id}" for column in columns)
        if draw(st.integers(0, flattened)) == 0:
            units.append(Unit(row, _glued(draw, texts, line, tidy), names, kinds))
        else:
            for name, text in zip(names, texts, strict=True):
                missing = text == "-" or (unread and draw(st.integers(0, unread)) == 0)
                known[name] = None if missing else recover_reference._value(text)
    return table, variant, units, known


def _compare(table: str, variant: str, units: list[Unit], known: dict[str, int | Decimal | None]) -> None:
    found = recover(table, variant, units, dict(known))
    expected = recover_reference.recover(table, variant, units, dict(known))
    assert found.splits_left == expected.splits_left
    assert found.cells == expected.cells
    assert found.forced == expected.forced
    assert found.unchecked == expected.unchecked
    assert found.identities == expected.identities


def _row(row: str, *runs: str) -> Unit:
    columns = TABLE_BY_ID["applications"].columns_for("2021")
    pieces = tuple(RawCell(text, Location(1, 10 * i + 1)) for i, text in enumerate(runs))
    return Unit(row, pieces, tuple(f"applications.{row}.{c.id}" for c in columns), ("count",) * len(columns))


def _known(figures: tuple[int, ...], *flattened: str) -> dict[str, int | Decimal | None]:
    """Table 三 (2021) where every application is new and disclosed (``figures``), but for the rows ``flattened``."""
    columns = [column.id for column in TABLE_BY_ID["applications"].columns_for("2021")]
    known: dict[str, int | Decimal | None] = {}
    for row in TABLE_BY_ID["applications"].rows_for("2021"):
        if row.id not in flattened:
            for column, figure in zip(columns, figures, strict=True):
                known[f"applications.{row.id}.{column}"] = (
                    figure if row.id in ("new_received", "disclosed", "grand_total") else 0
                )
    return known


@given(_tables())
@example(("applications", "2021", [_row("new_received", "713000074"), _row("grand_total", "723000075")], {}))
@example(("applications", "2021", [_row("partially_disclosed", "500000", "5"), _row("repeated", "30", "00003")], {}))
@example(  # settled across rows: the total by I-2, then the new applications by I-1
    (
        "applications",
        "2021",
        [_row("new_received", "110000011"), _row("grand_total", "110000011")],
        _known((1, 10, 0, 0, 0, 0, 11), "new_received", "grand_total"),
    )
)
@example(  # several solutions across rows: nothing settled
    (
        "applications",
        "2021",
        [_row("new_received", "110000011"), _row("disclosed", "110000011"), _row("grand_total", "110000011")],
        _known((1, 10, 0, 0, 0, 0, 11), "new_received", "disclosed", "grand_total"),
    )
)
def test_the_same_rows_are_read_as_by_the_search_it_replaced(
    case: tuple[str, str, list[Unit], dict[str, int | Decimal | None]],
) -> None:
    _compare(*case)


@given(_tables(tidy=True))
def test_rows_settled_across_rows_as_by_the_search_it_replaced(
    case: tuple[str, str, list[Unit], dict[str, int | Decimal | None]],
) -> None:
    _compare(*case)


@given(st.lists(st.text(st.sampled_from("0000112345678899"), min_size=6, max_size=16), min_size=1, max_size=6))
def test_runs_of_digits_in_table_three_are_read_as_before(runs: list[str]) -> None:
    rows = [row.id for row in TABLE_BY_ID["applications"].rows_for("2021")]
    units = [_row(rows[(index * 7) % len(rows)], run) for index, run in enumerate(runs)]
    units = list({unit.key: unit for unit in units}.values())
    _compare("applications", "2021", units, {})
