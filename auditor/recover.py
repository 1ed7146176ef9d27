"""Recovering the figures of table rows whose cell boundaries were lost (web text that ran them together).

``一、本年新收政府信息公开申请数量 713000074`` holds seven numbers. The digits are cut into one number per column in
every way that writes each number plainly — no leading zero unless the number is 0, a decimal point only in a money
column, a minus sign only to start a number of a signed column or alone as its "none" (2019 本年增/减: 「1-10」 is
1 | -1 | 0 or 1 | - | 10, so it is not read), a plus sign only to start one (「0+11」 is 0 | +1 | 1) — keeping every
boundary that survived (a space between runs of digits).
The table's own hard identities then decide: the row total equals the sum of its parts (I-3), and across rows the
balance (I-1) and the outcome total (I-2), or section 四's group totals (I-4). They are read from the same data as the identity rules
(``rules/identities.toml``). A row's split is accepted only when one split is left; otherwise the row stays
flattened and the number of splits left is recorded (0: none satisfies the identities). Nothing is guessed. A run
with only one plain split (as many digits as cells) is read as it is: the identity rules then report what it breaks —
unless the same digits with some cells left blank would balance it, when what it breaks rests on a guess. A run that
no identity checks is read as written only when no cell left blank could read it otherwise (「000」, not 「417」).
"""

from __future__ import annotations

import itertools
import math
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from auditor.budget import check
from auditor.document import Location, RawCell
from auditor.normalize import MAX_FRACTION_DIGITS, MAX_INTEGER_DIGITS, ascii_digits
from auditor.template import AMOUNT, SIGNED

Number = int | Decimal
_new_location = tuple.__new__

_MAX_SPLITS = 20_000  # splits of one row beyond which it is left ambiguous (a long run of digits)
_MAX_STEPS = 200_000  # steps of the search across rows
_MAX_SOLUTIONS = 64
_UNITS = "元万件条"
_CHARACTERS = "0123456789."  # what a run of figures may hold
_SIGNED_CHARACTERS = "0123456789.-+"  # and in a row with a signed column


@dataclass(frozen=True)
class Unit:
    """A run of figures that lost their boundaries: what survived as separate pieces, and the cells they fill."""

    key: str  # the row id (section 四: the table id, its fifteen figures are one run)
    pieces: tuple[RawCell, ...]
    cells: tuple[str, ...]  # canonical cell names, one per number, in order
    kinds: tuple[str, ...]  # the columns' kinds (count | signed | amount)


@dataclass
class Recovery:
    """What the identities settled: each recovered cell with the text it was cut from, and the splits left."""

    cells: dict[str, RawCell] = field(default_factory=dict)
    splits_left: dict[str, int] = field(default_factory=dict)  # unit key → splits left (1: recovered)
    # units whose digits can be written as their cells' numbers one way only: read as written, not inferred
    forced: set[str] = field(default_factory=set)
    # units no identity checks whose one plain split competes only with readings that leave cells blank
    unchecked: set[str] = field(default_factory=set)
    identities: list[str] = field(default_factory=list)  # the identities that took part (I-3, I-1 …)


@dataclass(frozen=True)
class _Identity:
    id: str
    left: tuple[str, ...]
    right: tuple[str, ...]
    names: frozenset[str]  # left and right, made once


@cache
def hard_identities(table: str, variant: str) -> tuple[_Identity, ...]:
    """The table's identities that must hold (severity error, relation =), one per instance, from the rules' data."""
    import tomllib  # only a row that needs recovering pays these imports
    from importlib.resources import files  # ~10 ms to import

    data = tomllib.loads(files("auditor.rules").joinpath("identities.toml").read_text(encoding="utf-8"))
    out = []
    for entry in data.get("identity", []):
        if entry.get("relation") != "=" or entry.get("severity") != "error" or variant not in entry["variants"]:
            continue
        each = entry.get("each", {})
        keys = list(each)
        for combination in itertools.product(*(each[key] for key in keys)):
            binding = dict(zip(keys, combination, strict=True))
            left = tuple(name.format(**binding) for name in entry["left"])
            right = tuple(name.format(**binding) for name in entry["right"])
            if all(name.split(".")[0] == table for name in left + right):
                out.append(_Identity(entry["id"], left, right, frozenset(left + right)))
    return tuple(out)


@cache
def _taking_part(table: str, variant: str) -> dict[str, tuple[int, ...]]:
    """For each cell, the positions in ``hard_identities`` of the identities it takes part in."""
    out: dict[str, list[int]] = {}
    for index, identity in enumerate(hard_identities(table, variant)):
        for name in dict.fromkeys(identity.left + identity.right):
            out.setdefault(name, []).append(index)
    return {name: tuple(indices) for name, indices in out.items()}


@cache
def _involved(table: str, variant: str, cells: tuple[str, ...]) -> tuple[int, ...]:
    """The positions in ``hard_identities`` of the identities any of these cells (a row of the template) takes
    part in, in order: a row's are the same in every report."""
    taking_part = _taking_part(table, variant)
    return tuple(sorted({index for name in cells for index in taking_part.get(name, ())}))


@cache
def _reading(table: str, variant: str, cells: tuple[str, ...]) -> tuple[tuple[int, int], ...]:
    """The identities these cells (a row of the template) take part in: each one's position in ``hard_identities``
    and how many of the cells it reads."""
    identities = hard_identities(table, variant)
    return tuple(
        (index, len(identities[index].names.intersection(cells))) for index in _involved(table, variant, cells)
    )


def recover(table: str, variant: str, units: list[Unit], known: dict[str, Number | None]) -> Recovery:
    """Split each unit's digits where the table's identities leave exactly one way to do it.

    ``known``: the value of every cell read normally (None for a blank, a dash or text: an identity that needs it
    cannot decide anything); never a cell of a unit.
    """
    result = Recovery()
    candidates = {unit.key: _splits(unit) for unit in units}
    # One way to write the digits as numbers (fifteen digits for 四's fifteen cells) is a reading, not a choice: the
    # identities check it afterwards (the identity rules), they do not discard it.
    read_as_written = {key for key, options in candidates.items() if options is not None and len(options) == 1}
    unsure, unchecked = _blanks_may_balance(table, variant, units, candidates, read_as_written, known)
    read_as_written -= unsure | unchecked.keys()
    identities = hard_identities(table, variant)
    numbers: dict[str, list[tuple[Number, ...]]] = {}  # a unit's candidates as numbers, made when first needed
    crossing: list[tuple[_Identity, tuple[str, ...]]] = []  # identities over several units
    if identities:
        # The identities each unit takes part in (by position), the units each reads and how many of its cells.
        keys_of: dict[int, set[str]] = {}
        inside: dict[int, int] = {}
        for unit in units:
            for index, count in _reading(table, variant, unit.cells):
                keys_of.setdefault(index, set()).add(unit.key)
                inside[index] = inside.get(index, 0) + count
        recoverable: set[str] | None = None  # the units' cells, made when an identity reads others
        cells_of = {unit.key: unit.cells for unit in units}
        used: set[str] = set()
        for index in sorted(keys_of):
            identity = identities[index]
            if inside[index] < len(identity.names):
                if recoverable is None:
                    recoverable = {name for unit in units for name in unit.cells}
                if any(known.get(name) is None for name in identity.names - recoverable):
                    continue  # needs a cell that is neither read nor recoverable
            used.add(identity.id)
            keys = keys_of[index]
            if len(keys) > 1:
                crossing.append((identity, tuple(keys)))
                continue
            key = next(iter(keys))
            options = candidates[key]
            if options is not None and key not in read_as_written:
                kept = _holding(identity, cells_of[key], _numbers(key, options, numbers), known)
                candidates[key] = [options[index] for index in kept]
                numbers[key] = [numbers[key][index] for index in kept]
        result.identities = sorted(used)
    result.forced = read_as_written
    settled = _search(units, candidates, numbers, crossing, known)
    for unit in units:
        if unit.key in unchecked:  # no identity can tell its one plain split from the readings with blank cells
            result.splits_left[unit.key] = unchecked[unit.key]
            result.unchecked.add(unit.key)
            continue
        options = candidates[unit.key]
        choice = settled.get(unit.key)
        if options is not None and len(options) == 1:
            choice = options[0]
        if choice is None:
            result.splits_left[unit.key] = -1 if options is None else len(options)
            continue
        result.splits_left[unit.key] = 1
        result.cells.update(zip(unit.cells, _located(unit, choice), strict=True))
    return result


def _numbers(
    key: str, options: list[tuple[str, ...]], numbers: dict[str, list[tuple[Number, ...]]]
) -> list[tuple[Number, ...]]:
    """The unit's candidates as numbers (each cell's text read once, not once for each identity that checks it)."""
    found = numbers.get(key)
    if found is None:
        found = numbers[key] = [_figures(option) for option in options]
    return found


def _figures(cells: tuple[str, ...]) -> tuple[Number, ...]:
    """The cells' numbers (``_value`` of each): most are counts, all read by ``int`` at once."""
    try:
        return tuple(map(int, cells))
    except ValueError:  # a point (an amount), or a dash (as ``_value``: no number)
        return tuple(map(_value, cells))


def _holding(
    identity: _Identity,
    cells: tuple[str, ...],
    candidates: list[tuple[Number, ...]],
    known: dict[str, Number | None],
) -> list[int]:
    """The positions of the candidates (one unit's, its ``cells``, as numbers) with which the identity holds: the
    cells read normally are added once, the unit's picked from each candidate by column."""
    column_of = {name: column for column, name in enumerate(cells)}
    left_columns = [column_of[name] for name in identity.left if name in column_of]
    right_columns = [column_of[name] for name in identity.right if name in column_of]
    left_known: Number = 0
    for name in identity.left:
        if name not in column_of:
            left_known += known[name] or 0
    right_known: Number = 0
    for name in identity.right:
        if name not in column_of:
            right_known += known[name] or 0
    return [
        index
        for index, values in enumerate(candidates)
        if sum(map(values.__getitem__, left_columns), left_known)
        == sum(map(values.__getitem__, right_columns), right_known)
    ]


def _blanks_may_balance(
    table: str,
    variant: str,
    units: list[Unit],
    candidates: dict[str, list[tuple[str, ...]] | None],
    written: set[str],
    known: dict[str, Number | None],
) -> tuple[set[str], dict[str, int]]:
    """The units of ``written`` whose one split is sure only if no cell was blank (a blank cell leaves nothing in
    flattened text), and the units no identity checks whose digits also read with blank cells.

    Unsure: the one split breaks an identity, and the same digits with some cells left blank balance every identity
    the unit takes part in. 「1000010」 over seven cells is 1|0|0|0|0|1|0, a row that does not add up, or
    10|·|·|0|0|0|10, one that does: an error on it would rest on a guess. Only a row whose one split breaks an identity
    pays this. Unchecked (unit key → its readings, the plain one and those with blanks): no identity takes part, so
    nothing tells 「745」 over three cells as 7|4|5 from 74|5|· or 7|45|·, and reading it 7|4|5 would be a guess;
    「000」 has no other reading (00 is no number) and is read."""
    unsure: set[str] = set()
    unchecked: dict[str, int] = {}
    if not written:
        return unsure, unchecked
    chosen: dict[str, Number | None] = dict(known)
    for unit in units:
        if unit.key in written:
            cells = (candidates[unit.key] or [()])[0]
            try:
                chosen.update(zip(unit.cells, map(int, cells), strict=True))  # counts, most often
            except ValueError:
                chosen.update(zip(unit.cells, (None if text == "-" else _value(text) for text in cells), strict=True))
    identities = hard_identities(table, variant)
    balanced: dict[int, bool | None] = {}  # by position: whether the identity balances, None if a cell is missing
    for unit in units:
        if unit.key not in written:
            continue
        involved = _involved(table, variant, unit.cells) if identities else ()
        for index in involved:
            if index not in balanced:
                identity = identities[index]
                complete = chosen.keys() >= identity.names
                balanced[index] = _balanced(identity, chosen) if complete else None
        states = [balanced[index] for index in involved]
        if False not in states:
            if True in states:
                continue  # the one split balances: nothing rests on it
            # no identity checks it (none that it takes part in has all its cells)
            readings = sum(1 for _found in _balanced_with_blanks(unit, [], chosen))
            if readings:
                unchecked[unit.key] = 1 + readings
            continue
        checks = [identities[index] for index, state in zip(involved, states, strict=True) if state is not None]
        if any(_balanced_with_blanks(unit, checks, chosen)):
            unsure.add(unit.key)
    return unsure, unchecked


def _balanced_with_blanks(unit: Unit, checks: list[_Identity], chosen: dict[str, Number | None]) -> Iterator[bool]:
    """True for a reading of the unit's digits with at least one blank cell that balances every check: searched
    depth-first, each check tried as soon as the last of the unit's cells it needs is filled (section 四's groups one
    after another), at most ``_MAX_SPLITS`` steps; beyond that True, as nothing could be ruled out."""
    runs = _runs(unit) or []
    n = len(unit.cells)
    column_of = {name: i for i, name in enumerate(unit.cells)}
    due: list[list[_Identity]] = [[] for _ in range(n)]  # the checks whose last cell of this unit is that column
    for identity in checks:
        due[max(column_of[name] for name in identity.names if name in column_of)].append(identity)
    trial = dict(chosen)
    steps = 0
    blanks = 0

    def walk(piece: int, offset: int, column: int) -> Iterator[bool]:
        nonlocal steps, blanks
        steps += 1
        if steps > _MAX_SPLITS:
            yield True
            return
        if column == n:
            yield piece == len(runs) and blanks > 0
            return
        options: list[tuple[Number | None, int, int]] = [(None, piece, offset)]  # this cell blank
        if piece < len(runs):
            text = runs[piece]
            for end in _ends(text, offset, unit.kinds[column] == AMOUNT, unit.kinds[column] == SIGNED):
                if text[offset:end] != "-":
                    options.append((_value(text[offset:end]), *((piece + 1, 0) if end == len(text) else (piece, end))))
        for value, next_piece, next_offset in options:
            trial[unit.cells[column]] = value
            blanks += value is None
            if all(_balanced(identity, trial) for identity in due[column]):
                yield from walk(next_piece, next_offset, column + 1)
            blanks -= value is None

    return (found for found in walk(0, 0, 0) if found)


def _runs(unit: Unit) -> list[str] | None:
    """The unit's pieces as runs of ASCII digits (units such as 元 dropped at the end), or None if one holds anything
    else (see ``_digits``)."""
    signs = SIGNED in unit.kinds
    runs = []
    for piece in unit.pieces:
        text = piece.text
        if text.isascii():  # no full-width digit, no unit: as ``_digits`` reads an ASCII text
            if not text or text.strip(_SIGNED_CHARACTERS if signs else _CHARACTERS):
                return None
            runs.append(text)
            continue
        digits = _digits(ascii_digits(text).rstrip(_UNITS), signs)
        if not digits:
            return None
        runs.append(digits)
    return runs


def _splits(unit: Unit) -> list[tuple[str, ...]] | None:
    """Every way to cut the unit's pieces into one plainly written number per cell, each as its cells' texts (in the
    order of a depth-first search, shortest first); None if there are too many.

    As many characters as cells is one character a cell: one split at most. Otherwise a depth-first walk cuts one
    cell after another into a list, each split a tuple of it when the last cell is cut; a place (piece, offset,
    column) from which no split goes on is remembered and not searched again, so the walk costs time in proportion
    to the splits found, not to the ways to cut. When more than ``_MAX_SPLITS`` could exist (by the count of ways to
    cut the characters into that many parts) they are counted first, memoised over places, so the count costs time
    in proportion to the digits, not to the splits. A
    piece with a character that is not a digit, or more digits than ``len(cells)`` figures can hold
    (``MAX_INTEGER_DIGITS`` …), has no plain split.
    """
    n = len(unit.cells)
    runs = _runs(unit)
    if runs is None or len(runs) > n:
        return []
    kinds = unit.kinds
    size = sum(len(t) for t in runs)
    if size == n:  # a dash is a cell by itself only in a signed column, a point never
        joined = "".join(runs)
        if (
            "." in joined
            or "+" in joined
            or ("-" in joined and any(ch == "-" and kinds[i] != SIGNED for i, ch in enumerate(joined)))
        ):
            return []
        return [tuple(joined)]
    widest = MAX_INTEGER_DIGITS + (MAX_FRACTION_DIGITS + 1 if AMOUNT in kinds else 0)
    total = size - sum(t.count(".") for t in runs)  # a dash may be a cell by itself
    if total < n or size > n * widest:
        return []
    last = len(runs)
    after = [size] * last  # characters in the later runs
    for piece in range(last):
        after[piece] = (after[piece - 1] if piece else size) - len(runs[piece])
    ends: dict[tuple[int, int, str], tuple[int, ...]] = {}

    def cuts(piece: int, offset: int, column: int) -> tuple[int, ...]:
        kind = kinds[column]
        found = ends.get((piece, offset, kind))
        if found is None:
            found = ends[piece, offset, kind] = _ends(runs[piece], offset, kind == AMOUNT, kind == SIGNED)
        return found

    if math.comb(size - 1, n - 1) > _MAX_SPLITS and _count(runs, n, cuts) > _MAX_SPLITS:
        return None
    if all(text.isdigit() for text in runs):
        return _digit_splits(runs, n)
    out: list[tuple[str, ...]] = []
    path = [""] * n  # the cells cut so far
    dead: set[tuple[int, int, int]] = set()  # places from which no split goes on
    visits = 0

    def walk(piece: int, offset: int, column: int) -> bool:
        """Add every split of the digits from ``offset`` of run ``piece`` on into the cells from ``column`` on (the
        cells before are in ``path``); whether there was one. A place that leads to none is remembered, so each
        place is searched at most once in vain and the work grows with the splits found."""
        nonlocal visits
        visits += 1
        if visits % 1024 == 0:
            check("recover")
        text = runs[piece]
        size = len(text)
        if column + 1 == n:  # the last cell takes the rest, which must be the last run's
            if piece + 1 == last and size in cuts(piece, offset, column):
                path[column] = text[offset:]
                out.append(tuple(path))
                return True
            return False
        if n - column < last - piece:  # every later run needs a column of its own
            return False
        # fewer characters left than cells after this one: no split, so too for every later end
        stop = size + after[piece] - (n - column - 1)
        found = False
        for end in cuts(piece, offset, column):
            if end > stop:
                break
            path[column] = text[offset:end]
            place = (piece, end, column + 1) if end < size else (piece + 1, 0, column + 1)
            if place[0] < last and place not in dead:
                if walk(*place):
                    found = True
                else:
                    dead.add(place)
        return found

    walk(0, 0, 0)
    return out


def _digit_splits(runs: list[str], n: int) -> list[tuple[str, ...]]:
    """``_splits`` of runs of digits only (no point, no sign), the common case: the walk goes only where a split
    goes on, known beforehand.

    From a place in a run of digits, every number of cells from the fewest its rest can be cut into to one a digit
    can be reached: in a cut with a cell of two digits or more, the cell starts with a digit other than 0 and its
    last digit can be a cell of its own. So a place with ``k`` cells left leads to a split exactly when ``k`` lies
    between the fewest cells its digits need (with those of the later runs) and the digits left, and the walk
    visits no place in vain: its time grows with the splits found.
    """
    last = len(runs)
    # By run and offset: the fewest cells the rest of the digits (the run's from there on, and the later runs') can
    # be cut into; at a run's end, those of the next run, or more than any cells left after the last.
    needs: list[list[int]] = [[] for _ in runs]
    later_size = [0] * last  # the digits of the later runs
    later, digits = 0, 0  # the fewest cells of the later runs, and their digits
    for piece in range(last - 1, -1, -1):
        text = runs[piece]
        size = len(text)
        fewest = [0] * (size + 1)  # of this run alone
        for offset in range(size - 1, -1, -1):
            if text[offset] == "0":  # 0 is a cell by itself
                fewest[offset] = 1 + fewest[offset + 1]
            else:
                fewest[offset] = 1 + min(fewest[offset + 1 : offset + MAX_INTEGER_DIGITS + 1])
        needs[piece] = [cells + later for cells in fewest]
        needs[piece][size] = later if piece + 1 < last else n + 1
        later_size[piece] = digits
        later, digits = needs[piece][0], digits + size
    out: list[tuple[str, ...]] = []
    if not needs[0][0] <= n <= digits:
        return out
    if n == 1:
        return [(runs[0],)]  # one run, one cell: the fewest cells it needs
    path = [""] * n  # the cells cut so far

    def walk(piece: int, offset: int, column: int) -> None:
        """Every split of the rest into the cells from ``column`` on (``column`` < n - 1; a place that leads to one)."""
        text = runs[piece]
        size = len(text)
        need = needs[piece]
        while text[offset] == "0":  # 0 is a cell by itself: no choice, and the place after it leads to a split too
            path[column] = "0"
            offset += 1
            column += 1
            if column == n - 1:  # the rest is one cell
                path[column] = text[offset:] if offset < size else runs[piece + 1]
                out.append(tuple(path))
                if len(out) % 1024 == 0:
                    check("recover")
                return
            if offset == size:
                piece, offset = piece + 1, 0
                text = runs[piece]
                size = len(text)
                need = needs[piece]
        left = n - column - 1  # cells after this one
        # at most as many digits as leave one for each cell after
        for end in range(offset + 1, min(size, offset + MAX_INTEGER_DIGITS, size + later_size[piece] - left) + 1):
            if need[end] <= left:
                path[column] = text[offset:end]
                if left == 1:  # the rest is one cell
                    path[column + 1] = text[end:] if end < size else runs[piece + 1]
                    out.append(tuple(path))
                    if len(out) % 1024 == 0:
                        check("recover")
                elif end < size:
                    walk(piece, end, column + 1)
                else:
                    walk(piece + 1, 0, column + 1)

    walk(0, 0, 0)
    return out


def _count(runs: list[str], n: int, cuts: Callable[[int, int, int], tuple[int, ...]]) -> int:
    """How many splits of ``runs`` into ``n`` cells there are, or a number above ``_MAX_SPLITS`` (memoised over
    piece, offset and column)."""
    counts: dict[tuple[int, int, int], int] = {}

    def count(piece: int, offset: int, column: int) -> int:
        if column == n:
            return 1 if piece == len(runs) else 0
        if piece == len(runs) or n - column < len(runs) - piece:
            return 0
        key = (piece, offset, column)
        if key in counts:
            return counts[key]
        if len(counts) % 1024 == 0:
            check("recover")
        ways = 0
        text = runs[piece]
        for end in cuts(piece, offset, column):
            if end == len(text):
                ways += count(piece + 1, 0, column + 1)
            elif n - column - 1 >= len(runs) - piece:  # the rest of this run and every later run need a column each
                ways += count(piece, end, column + 1)
            if ways > _MAX_SPLITS:
                break
        counts[key] = ways
        return ways

    return count(0, 0, 0)


def _located(unit: Unit, split: tuple[str, ...]) -> tuple[RawCell, ...]:
    """A split's cells with where each was read: at its offset in the piece it was cut from."""
    cells = []
    pieces = unit.pieces
    piece = 0
    line, offset, page, ref = pieces[0].loc  # offset: the column of the next cell
    if len(pieces) == 1:
        for text in split:
            # a Location made as document.shifted makes it (the named tuple's constructor costs twice as much)
            cells.append(RawCell(text, _new_location(Location, (line, offset, page, ref))))
            offset += len(text)
        return tuple(cells)
    end = offset + len(pieces[0].text.rstrip(_UNITS))  # of its run (``_runs``: one for one)
    for text in split:
        cells.append(RawCell(text, _new_location(Location, (line, offset, page, ref))))
        offset += len(text)
        if offset == end and piece + 1 < len(pieces):
            piece += 1
            line, offset, page, ref = pieces[piece].loc
            end = offset + len(pieces[piece].text.rstrip(_UNITS))
    return tuple(cells)


def _digits(text: str, signs: bool = False) -> str | None:
    """The text with every digit as an ASCII digit — a character whose compatibility form (NFKC, as cells and labels
    are read) is one digit, such as ``²``, counts as that digit — or None if it holds anything else but points (and,
    with ``signs``, plus and minus signs: a row with a 增/减 column)."""
    allowed = _SIGNED_CHARACTERS if signs else _CHARACTERS
    if text.isascii():
        return None if text.strip(allowed) else text  # stripped to nothing: every character allowed
    out = []
    for ch in text:
        if ch not in allowed:
            ch = unicodedata.normalize("NFKC", ch)
            if len(ch) != 1 or ch not in allowed or ch == ".":
                return None
        out.append(ch)
    return "".join(out)


def _ends(text: str, offset: int, amount: bool, signed: bool = False) -> tuple[int, ...]:
    """Where a plainly written number starting at ``offset`` can end: no leading zero unless it is 0, at most
    ``MAX_INTEGER_DIGITS`` digits, and (amounts only) a decimal point followed by 1 to ``MAX_FRACTION_DIGITS``.

    A minus sign starts a number, and only in a signed column (the 2019 format's 本年增/减) — a negative number has no
    leading zero and is never -0 — or is the whole cell: a dash is how many tables write "none". So 「1-10」 over
    上一年项目数量, 本年增/减, 处理决定数量 is 1 | -1 | 0 or 1 | - | 10 (two readings: not read), and 「11-1」 is
    11 | - | 1 (one). A plus sign only starts a number of a signed column, never 0 and never a cell by itself."""
    size = len(text)
    if offset >= size or text[offset] == ".":
        return ()
    start = offset
    if text[offset] == "+":
        if not signed or offset + 1 >= size or text[offset + 1] not in "123456789":
            return ()
        start = offset + 1
    elif text[offset] == "-":
        if not signed:
            return ()
        if offset + 1 >= size or text[offset + 1] in "0.-":
            return (offset + 1,)  # the dash alone
        start = offset + 1
    stop = start + 1 if text[start] == "0" else min(size, start + MAX_INTEGER_DIGITS)
    out = [offset + 1] if start > offset and text[offset] == "-" else []  # a dash before digits may be a cell
    end = start
    while end < stop and text[end] not in ".-+":
        end += 1
        out.append(end)
        if amount and end + 1 < size and text[end] == ".":
            tail = end + 1
            while tail < min(size, end + 1 + MAX_FRACTION_DIGITS) and text[tail] not in ".-+":
                tail += 1
                out.append(tail)
    return tuple(out)


def _value(text: str) -> Number:
    return Decimal(text) if "." in text else int(text)


def _balanced(identity: _Identity, values: dict[str, Number | None]) -> bool:
    """Whether the identity holds over these values (a cell without a value counts as 0)."""
    get = values.__getitem__  # None and 0 left out of the sums alike
    left: Number = sum(filter(None, map(get, identity.left)))  # type: ignore[arg-type]  # None filtered out
    return left == sum(filter(None, map(get, identity.right)))  # type: ignore[arg-type]


def _search(
    units: list[Unit],
    candidates: dict[str, list[tuple[str, ...]] | None],
    numbers: dict[str, list[tuple[Number, ...]]],
    crossing: list[tuple[_Identity, tuple[str, ...]]],
    known: dict[str, Number | None],
) -> dict[str, tuple[str, ...]]:
    """The choice for each unit that every solution of the identities across rows agrees on."""
    open_units = [u for u in units if candidates[u.key] and len(candidates[u.key] or []) > 1]
    if not open_units or not crossing or any(candidates[u.key] is None for u in units):
        return {}
    if any(not candidates[u.key] for u in units):
        return {}  # a row no split satisfies: the table does not balance, nothing to decide
    order = sorted(open_units, key=lambda u: len(candidates[u.key] or []))
    depth_of = {u.key: depth for depth, u in enumerate(order)}
    checks: list[list[tuple[tuple[str, ...], tuple[str, ...]]]] = [[] for _ in range(len(order) + 1)]
    values: dict[str, Number] = {}  # every cell the identities read: known ones, then the units' as chosen
    for identity, keys in crossing:
        checks[max(depth_of.get(key, -1) for key in keys)].append((identity.left, identity.right))
        for name in identity.names:
            if name in known:
                values[name] = known[name] or 0
    for unit in units:
        if unit.key not in depth_of:  # one candidate left
            values.update(zip(unit.cells, _numbers(unit.key, candidates[unit.key] or [], numbers)[0], strict=True))
    get = values.__getitem__
    if any(sum(map(get, left)) != sum(map(get, right)) for left, right in checks[-1]):
        return {}
    solutions: list[dict[str, int]] = []
    chosen: dict[str, int] = {}
    steps = 0

    def walk(depth: int) -> bool:
        nonlocal steps
        if depth == len(order):
            solutions.append(dict(chosen))
            return len(solutions) < _MAX_SOLUTIONS
        unit = order[depth]
        cells = unit.cells
        due = checks[depth]
        for index, choice in enumerate(_numbers(unit.key, candidates[unit.key] or [], numbers)):
            steps += 1
            if steps > _MAX_STEPS:
                return False
            if steps % 1024 == 0:
                check("recover")
            values.update(zip(cells, choice, strict=True))
            chosen[unit.key] = index
            if all(sum(map(get, left)) == sum(map(get, right)) for left, right in due) and not walk(depth + 1):
                return False
        return True

    if not walk(0) or not solutions:
        return {}  # too many possibilities to be sure, or none
    agreed = {}
    for unit in order:
        picked = {solution[unit.key] for solution in solutions}
        if len(picked) == 1:
            agreed[unit.key] = (candidates[unit.key] or [])[picked.pop()]
    return agreed
