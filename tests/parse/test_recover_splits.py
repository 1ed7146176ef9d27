"""The split search of auditor.recover finds the same splits, in the same order and at the same places, as the
search it replaced (kept here as the reference: a count memoised over piece, offset and column, then a walk along
the cuts that lead to a split, each cell made as it was cut)."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from auditor.document import Location, RawCell, shifted
from auditor.normalize import MAX_FRACTION_DIGITS, MAX_INTEGER_DIGITS, ascii_digits
from auditor.recover import _MAX_SPLITS, _UNITS, Unit, _digits, _ends, _located, _splits
from auditor.template import AMOUNT, SIGNED


def _reference_splits(unit: Unit) -> list[tuple[RawCell, ...]] | None:
    n = len(unit.cells)
    signs = SIGNED in unit.kinds
    runs: list[str] = []
    for piece in unit.pieces:
        digits = _digits(ascii_digits(piece.text).rstrip(_UNITS), signs)
        if not digits:
            return []
        runs.append(digits)
    if len(runs) > n:
        return []
    widest = MAX_INTEGER_DIGITS + (MAX_FRACTION_DIGITS + 1 if AMOUNT in unit.kinds else 0)
    total = sum(len(t.replace(".", "")) for t in runs)
    if total < n or sum(len(t) for t in runs) > n * widest:
        return []
    counts: dict[tuple[int, int, int], int] = {}

    def cuts(piece: int, offset: int, column: int) -> tuple[int, ...]:
        kind = unit.kinds[column]
        return _ends(runs[piece], offset, kind == AMOUNT, kind == SIGNED)

    def count(piece: int, offset: int, column: int) -> int:
        if column == n:
            return 1 if piece == len(runs) else 0
        if piece == len(runs) or n - column < len(runs) - piece:
            return 0
        key = (piece, offset, column)
        if key in counts:
            return counts[key]
        ways = 0
        text = runs[piece]
        for end in cuts(piece, offset, column):
            if end == len(text):
                ways += count(piece + 1, 0, column + 1)
            elif n - column - 1 >= len(runs) - piece:
                ways += count(piece, end, column + 1)
            if ways > _MAX_SPLITS:
                break
        counts[key] = ways
        return ways

    if count(0, 0, 0) > _MAX_SPLITS:
        return None
    out: list[tuple[RawCell, ...]] = []
    chosen: list[RawCell] = []

    def walk(piece: int, offset: int, column: int) -> None:
        if column == n:
            out.append(tuple(chosen))
            return
        text = runs[piece]
        for end in cuts(piece, offset, column):
            last = end == len(text)
            following = (piece + 1, 0, column + 1) if last else (piece, end, column + 1)
            if counts.get(following, 1 if following[2] == n and following[0] == len(runs) else 0) <= 0:
                continue
            chosen.append(RawCell(text[offset:end], shifted(unit.pieces[piece].loc, offset)))
            walk(*following)
            chosen.pop()

    walk(0, 0, 0)
    return out


def _unit(texts: list[str], kinds: list[str]) -> Unit:
    pieces = tuple(RawCell(text, Location(3, 5 + 12 * i)) for i, text in enumerate(texts))
    return Unit("row", pieces, tuple(f"t.row.c{i}" for i in range(len(kinds))), tuple(kinds))


_PIECE = st.text(st.sampled_from("0000111234567899..-０²元x"), min_size=1, max_size=18)
_KINDS = st.lists(st.sampled_from(("count", "count", "amount", "signed")), min_size=1, max_size=15)


@given(st.lists(_PIECE, min_size=1, max_size=4), _KINDS)
@example(["1" * 4001], ["count"] * 7)
@example(["12345678901234567890123456789012345678"], ["count"] * 7)  # too many splits
@example(["10203120001200000"], ["count"] * 15)
@example(["13575394432.52元"], ["amount", "amount"])
@example(["1-10"], ["count", "signed", "count"])
@example(["230", "000023"], ["count"] * 7)
@example(["1-0"], ["count", "signed", "count"])
@example(["0-0"], ["count", "count", "count"])
def test_the_same_splits_as_the_search_it_replaced(texts: list[str], kinds: list[str]) -> None:
    unit = _unit(texts, kinds)
    found = _splits(unit)
    expected = _reference_splits(unit)
    if expected is None:
        assert found is None
    else:
        assert found is not None
        assert [_located(unit, split) for split in found] == expected


@given(st.text(st.sampled_from("0123456789"), min_size=8, max_size=30), st.integers(2, 15))
def test_long_runs_of_digits_split_as_before(digits: str, columns: int) -> None:
    unit = _unit([digits], ["count"] * columns)
    found = _splits(unit)
    expected = _reference_splits(unit)
    assert (found is None) == (expected is None)
    if found is not None:
        assert [_located(unit, split) for split in found] == expected
