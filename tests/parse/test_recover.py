"""Splitting runs of digits by the table's own identities (auditor.recover): unique splits only."""

from __future__ import annotations

from auditor.document import Location, RawCell
from auditor.recover import Unit, hard_identities, recover
from auditor.template import APPLICATION_COLUMNS, TABLE_BY_ID

COLUMNS = tuple(c.id for c in APPLICATION_COLUMNS)


def _unit(row: str, *runs: str) -> Unit:
    pieces = tuple(RawCell(text, Location(1, 10 * i + 1)) for i, text in enumerate(runs))
    return Unit(row, pieces, tuple(f"applications.{row}.{c}" for c in COLUMNS), ("count",) * 7)


def _table(figures: tuple[int, ...], *runs: str) -> dict[str, int | None]:
    """A 2021 table where every application is new and disclosed (``figures``), leaving out the rows in ``runs``."""
    spec = TABLE_BY_ID["applications"]
    known: dict[str, int | None] = {}
    for row in spec.rows_for("2021"):
        if row.id in runs:
            continue
        for column, figure in zip(COLUMNS, figures, strict=True):
            known[f"applications.{row.id}.{column}"] = (
                figure if row.id in ("new_received", "disclosed", "grand_total") else 0
            )
    return known


SEVENTY_FIVE = (71, 3, 0, 0, 0, 0, 74)


def test_row_total_decides_a_run() -> None:
    result = recover("applications", "2021", [_unit("new_received", "713000074")], _table(SEVENTY_FIVE, "new_received"))
    assert result.splits_left == {"new_received": 1}
    assert [result.cells[f"applications.new_received.{c}"].text for c in COLUMNS] == [
        "71",
        "3",
        "0",
        "0",
        "0",
        "0",
        "74",
    ]
    assert result.cells["applications.new_received.commercial"].loc == Location(1, 3)  # where the 3 stands
    assert "I-3" in result.identities


def test_surviving_boundaries_are_kept() -> None:
    result = recover(
        "applications",
        "2021",
        [_unit("new_received", "230", "000023")],
        _table((23, 0, 0, 0, 0, 0, 23), "new_received"),
    )
    assert [result.cells[f"applications.new_received.{c}"].text for c in COLUMNS] == [
        "23",
        "0",
        "0",
        "0",
        "0",
        "0",
        "23",
    ]


def test_a_row_no_split_satisfies_is_left_with_zero_splits() -> None:
    result = recover("applications", "2021", [_unit("new_received", "71300000")], _table(SEVENTY_FIVE, "new_received"))
    assert result.splits_left == {"new_received": 0} and not result.cells


def test_a_row_with_one_plain_split_is_read_even_when_it_breaks_the_identities() -> None:
    # Seven digits for seven cells: one way to write them (validation round 7, 「100000000000000」 in 四). The identity
    # rules report what the reading breaks; the run is not called unreadable.
    result = recover("applications", "2021", [_unit("new_received", "7130000")], _table(SEVENTY_FIVE, "new_received"))
    assert result.splits_left == {"new_received": 1}
    assert [result.cells[f"applications.new_received.{c}"].text for c in COLUMNS] == list("7130000")


def test_rows_ambiguous_alone_are_settled_across_rows() -> None:
    # "110000011" alone splits as 1,10,0,0,0,0,11 or as 11,0,0,0,0,0,11. The total row is settled by I-2 (it equals
    # the one outcome row, read normally); the new row then by I-1 across the two runs.
    units = [_unit("new_received", "110000011"), _unit("grand_total", "110000011")]
    result = recover("applications", "2021", units, _table((1, 10, 0, 0, 0, 0, 11), "new_received", "grand_total"))
    assert result.splits_left == {"new_received": 1, "grand_total": 1}
    assert [result.cells[f"applications.new_received.{c}"].text for c in COLUMNS][:2] == ["1", "10"]
    assert {"I-1", "I-2", "I-3"} <= set(result.identities)


def test_without_identities_several_splits_stay_ambiguous() -> None:
    unit = Unit("normative_documents", (RawCell("8855698", Location(1, 1)),),
                tuple(f"regulations.normative_documents.{c}" for c in ("issued", "repealed", "in_force")),
                ("count",) * 3)  # fmt: skip
    result = recover("regulations", "2021", [unit], {})
    assert result.splits_left == {"normative_documents": 15} and not result.cells


def test_identities_come_from_the_rules_data() -> None:
    ids = {identity.id for identity in hard_identities("applications", "2021")}
    assert ids == {"I-1", "I-2", "I-3"}
    assert {identity.id for identity in hard_identities("review_litigation", "2019")} == {"I-4"}


def test_a_run_with_one_plain_split_is_marked_forced_and_one_the_identities_chose_is_not() -> None:
    units = [_unit("new_received", "713000074"), _unit("carried_over", "0000000")]
    result = recover("applications", "2021", units, _table(SEVENTY_FIVE, "new_received", "carried_over"))
    assert result.splits_left == {"new_received": 1, "carried_over": 1}
    assert result.forced == {"carried_over"}


def _item_row(*runs: str) -> Unit:
    """A row of the 2019 licensing table: 上一年项目数量 | 本年增/减 (signed) | 处理决定数量."""
    pieces = tuple(RawCell(text, Location(1, 10 * i + 1)) for i, text in enumerate(runs))
    columns = ("previous_items", "change", "decisions")
    return Unit("licensing", pieces, tuple(f"licensing.licensing.{c}" for c in columns), ("count", "signed", "count"))


def test_a_signed_run_is_read_when_its_split_is_unique() -> None:
    # 「1-0」 can only be 1 | - | 0 (the dash is the 增/减 cell's "none"; -0 is no number, even with a cell left blank).
    result = recover("licensing", "2019", [_item_row("1-0")], {})
    assert result.splits_left == {"licensing": 1}
    assert [result.cells[f"licensing.licensing.{c}"].text for c in ("previous_items", "change", "decisions")] == [
        "1",
        "-",
        "0",
    ]


def test_a_run_no_identity_checks_is_not_read_when_a_blank_cell_reads_it_otherwise() -> None:
    # Nothing checks the licensing row: 「11-1」 is 11 | - | 1, or 11 | -1 | · with its last cell blank (a blank cell
    # leaves nothing in flattened text). Table 二's 「417」 (平潭 2022: 行政规范性文件417) is 4 | 1 | 7, 41 | 7 | ·,
    # 4 | 17 | · …; 「000」 is 0 | 0 | 0 only (00 is no number).
    result = recover("licensing", "2019", [_item_row("11-1")], {})
    assert result.splits_left == {"licensing": 2} and not result.cells and not result.forced
    regulations = ("issued", "repealed", "in_force")

    def row(run: str) -> Unit:
        cells = tuple(f"regulations.normative_documents.{c}" for c in regulations)
        return Unit("normative_documents", (RawCell(run, Location(1, 1)),), cells, ("count",) * 3)

    ambiguous = recover("regulations", "2021", [row("417")], {})
    assert ambiguous.splits_left["normative_documents"] > 1 and not ambiguous.cells
    zeros = recover("regulations", "2021", [row("000")], {})
    assert zeros.forced == {"normative_documents"} and [c.text for c in zeros.cells.values()] == ["0", "0", "0"]


def test_a_signed_run_with_several_splits_or_none_is_not_read() -> None:
    # A dash between digits starts a negative 增/减 or is that cell's "none": 「1-10」 is 1 | -1 | 0 or 1 | - | 10,
    # 「123-45」 123 | -4 | 5 or 123 | - | 45, 「1-123」 1 | -1 | 23, 1 | -12 | 3 or 1 | - | 123. 「-110」: a count
    # cannot be negative; 「1--10」: nor can 处理决定数量.
    for run, left in (("1-10", 2), ("123-45", 2), ("1-105", 2), ("1-123", 3), ("-110", 0), ("1--10", 0)):
        result = recover("licensing", "2019", [_item_row(run)], {})
        assert result.splits_left == {"licensing": left} and not result.cells, run


def test_a_minus_sign_is_no_number_in_a_count_column() -> None:
    result = recover("applications", "2021", [_unit("new_received", "71-3000074")], {})
    assert result.splits_left == {"new_received": 0} and not result.cells


def test_a_one_split_run_that_breaks_its_total_is_read_only_when_no_blank_cell_could_balance_it() -> None:
    # 「8100008」: 8|1|0|0|0|0|8 does not add up, and no reading with blank cells does either: read as written (the
    # identity rule reports it). 「1000010」: 1|0|0|0|0|1|0 does not add up, but 10|·|·|0|0|0|10 (two cells left
    # blank, which flattened text cannot show) does: not read as written, and not read at all.
    sure = recover("applications", "2021", [_unit("new_received", "8100008")], {})
    assert sure.forced == {"new_received"} and sure.cells["applications.new_received.total"].text == "8"
    unsure = recover("applications", "2021", [_unit("new_received", "1000010")], {})
    assert unsure.forced == set() and not unsure.cells and unsure.splits_left == {"new_received": 0}
    balanced = recover("applications", "2021", [_unit("new_received", "1000001")], {})
    assert balanced.forced == {"new_received"}  # it adds up: nothing rests on the blanks it might have had
