"""The recovery of flattened rows as it was before its search was made faster (auditor.recover at commit 99c0c76),
kept unchanged as the reference that tests/parse/test_recover_reference.py compares the new one with: the same
splits, the same rows settled, the same rows left with the same number of splits. What the search did not change
is imported from the module.

Recovering the figures of table rows whose cell boundaries were lost (web text that ran them together).

``一、本年新收政府信息公开申请数量 713000074`` holds seven numbers. The digits are cut into one number per column in
every way that writes each number plainly — no leading zero unless the number is 0, a decimal point only in a money
column, a minus sign only to start a number of a signed column or alone as its "none" (2019 本年增/减: 「1-10」 is
1 | -1 | 0 or 1 | - | 10, so it is not read) — keeping every boundary that survived (a space between runs of digits).
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
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from auditor.budget import check
from auditor.document import RawCell, shifted
from auditor.normalize import MAX_FRACTION_DIGITS, MAX_INTEGER_DIGITS, ascii_digits

# What the search did not change (the rows, their result, the rules of a plainly written number, the count of
# splits) is the module's own.
from auditor.recover import (
    _MAX_SOLUTIONS,
    _MAX_SPLITS,
    _MAX_STEPS,
    _UNITS,
    Number,
    Recovery,
    Unit,
    _count,
    _digits,
    _ends,
    _value,
)
from auditor.template import AMOUNT, SIGNED


@dataclass(frozen=True)
class _Identity:
    id: str
    left: tuple[str, ...]
    right: tuple[str, ...]


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
                out.append(_Identity(entry["id"], left, right))
    return tuple(out)


@cache
def _taking_part(table: str, variant: str) -> dict[str, tuple[int, ...]]:
    """For each cell, the positions in ``hard_identities`` of the identities it takes part in."""
    out: dict[str, list[int]] = {}
    for index, identity in enumerate(hard_identities(table, variant)):
        for name in dict.fromkeys(identity.left + identity.right):
            out.setdefault(name, []).append(index)
    return {name: tuple(indices) for name, indices in out.items()}


def recover(table: str, variant: str, units: list[Unit], known: dict[str, Number | None]) -> Recovery:
    """Split each unit's digits where the table's identities leave exactly one way to do it.

    ``known``: the value of every cell read normally (None for a blank, a dash or text: an identity that needs it
    cannot decide anything).
    """
    result = Recovery()
    candidates = {unit.key: _splits(unit) for unit in units}
    # One way to write the digits as numbers (fifteen digits for 四's fifteen cells) is a reading, not a choice: the
    # identities check it afterwards (the identity rules), they do not discard it.
    read_as_written = {key for key, options in candidates.items() if options is not None and len(options) == 1}
    unsure, unchecked = _blanks_may_balance(table, variant, units, candidates, read_as_written, known)
    read_as_written -= unsure | unchecked.keys()
    owner = {name: unit.key for unit in units for name in unit.cells}
    used: set[str] = set()
    crossing: list[tuple[_Identity, tuple[str, ...]]] = []  # identities over several units
    for identity in hard_identities(table, variant):
        names = identity.left + identity.right
        if any(name not in owner and known.get(name) is None for name in names):
            continue  # needs a cell that is neither read nor recoverable
        keys = tuple(sorted({owner[name] for name in names if name in owner}))
        if not keys:
            continue
        used.add(identity.id)
        if len(keys) == 1 and candidates[keys[0]] is not None and keys[0] not in read_as_written:
            unit = next(u for u in units if u.key == keys[0])
            candidates[keys[0]] = [c for c in candidates[keys[0]] or [] if _holds(identity, unit, c, known)]
        elif len(keys) > 1:
            crossing.append((identity, keys))
    result.identities = sorted(used)
    result.forced = read_as_written
    settled = _search(units, candidates, crossing, known)
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
        for name, piece in zip(unit.cells, _located(unit, choice), strict=True):
            result.cells[name] = piece
    return result


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
    chosen: dict[str, Number | None] = dict(known)
    for unit in units:
        if unit.key in written:
            cells = (candidates[unit.key] or [()])[0]
            chosen.update(zip(unit.cells, (None if text == "-" else _value(text) for text in cells), strict=True))
    unsure = set()
    unchecked: dict[str, int] = {}
    identities = hard_identities(table, variant)
    taking_part = _taking_part(table, variant)
    balanced: dict[int, bool | None] = {}  # by position: whether the identity balances, None if a cell is missing
    for unit in units:
        if unit.key not in written:
            continue
        involved = sorted({index for name in unit.cells for index in taking_part.get(name, ())})
        for index in involved:
            if index not in balanced:
                identity = identities[index]
                complete = all(n in chosen for n in identity.left + identity.right)
                balanced[index] = _balance(identity, {}, chosen) if complete else None
        checks = [identities[index] for index in involved if balanced[index] is not None]
        if not checks:
            readings = sum(1 for _found in _balanced_with_blanks(unit, checks, chosen))
            if readings:
                unchecked[unit.key] = 1 + readings
            continue
        if all(balanced[index] is not False for index in involved):
            continue  # the one split balances: nothing rests on it
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
        due[max(column_of[name] for name in identity.left + identity.right if name in column_of)].append(identity)
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
            if all(_balance(identity, {}, trial) for identity in due[column]):
                yield from walk(next_piece, next_offset, column + 1)
            blanks -= value is None

    return (found for found in walk(0, 0, 0) if found)


def _runs(unit: Unit) -> list[str] | None:
    """The unit's pieces as runs of ASCII digits (units such as 元 dropped at the end), or None if one holds anything
    else (see ``_digits``)."""
    signs = SIGNED in unit.kinds
    runs = []
    for piece in unit.pieces:
        digits = _digits(ascii_digits(piece.text).rstrip(_UNITS), signs)
        if not digits:
            return None
        runs.append(digits)
    return runs


def _splits(unit: Unit) -> list[tuple[str, ...]] | None:
    """Every way to cut the unit's pieces into one plainly written number per cell, each as its cells' texts (in the
    order of a depth-first search, shortest first); None if there are too many.

    As many characters as cells is one character a cell: one split at most. Otherwise the splits are built from the
    end, the splits of the rest of the digits from each place (piece, offset, column) made once and shared; when
    more than ``_MAX_SPLITS`` could exist (by the count of ways to cut the characters into that many parts) they are
    counted first, memoised the same way, so the count costs time in proportion to the digits, not to the splits. A
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
        cells = tuple("".join(runs))
        if "." in cells or any(ch == "-" and kinds[i] != SIGNED for i, ch in enumerate(cells)):
            return []
        return [cells]
    widest = MAX_INTEGER_DIGITS + (MAX_FRACTION_DIGITS + 1 if AMOUNT in kinds else 0)
    total = size - sum(t.count(".") for t in runs)  # a dash may be a cell by itself
    if total < n or size > n * widest:
        return []
    last = len(runs)
    ends = [dict[tuple[int, str], tuple[int, ...]]() for _ in runs]

    def cuts(piece: int, offset: int, column: int) -> tuple[int, ...]:
        key = (offset, kinds[column])
        found = ends[piece].get(key)
        if found is None:
            kind = kinds[column]
            found = ends[piece][key] = _ends(runs[piece], offset, kind == AMOUNT, kind == SIGNED)
        return found

    if math.comb(size - 1, n - 1) > _MAX_SPLITS and _count(runs, n, cuts) > _MAX_SPLITS:
        return None
    made: dict[tuple[int, int, int], list[tuple[str, ...]]] = {}
    after = [sum(len(t) for t in runs[piece + 1 :]) for piece in range(last)]  # characters in the later runs

    def rest(piece: int, offset: int, column: int) -> list[tuple[str, ...]]:
        """The splits of the digits from ``offset`` of run ``piece`` on into the cells from ``column`` on."""
        key = (piece, offset, column)
        found = made.get(key)
        if found is not None:
            return found
        if len(made) % 1024 == 0:
            check("recover")
        out: list[tuple[str, ...]] = []
        if n - column >= last - piece:  # every later run needs a column of its own
            text = runs[piece]
            for end in cuts(piece, offset, column):
                if len(text) - end + after[piece] < n - column - 1:
                    break  # fewer characters left than cells: so too after any later end
                cell = text[offset:end]
                if column + 1 == n:
                    if end == len(text) and piece + 1 == last:
                        out.append((cell,))
                elif end < len(text):
                    out.extend([(cell, *split) for split in rest(piece, end, column + 1)])
                elif piece + 1 < last:
                    out.extend([(cell, *split) for split in rest(piece + 1, 0, column + 1)])
        made[key] = out
        return out

    return rest(0, 0, 0)


def _located(unit: Unit, split: tuple[str, ...]) -> tuple[RawCell, ...]:
    """A split's cells with where each was read: at its offset in the piece it was cut from."""
    cells = []
    piece = offset = 0
    loc, size = unit.pieces[0].loc, len(unit.pieces[0].text.rstrip(_UNITS))  # its run's length (``_runs``: one for one)
    for text in split:
        cells.append(RawCell(text, shifted(loc, offset)))
        offset += len(text)
        if offset == size and piece + 1 < len(unit.pieces):
            piece, offset = piece + 1, 0
            loc, size = unit.pieces[piece].loc, len(unit.pieces[piece].text.rstrip(_UNITS))
    return tuple(cells)


def _holds(identity: _Identity, unit: Unit, choice: tuple[str, ...], known: dict[str, Number | None]) -> bool:
    values = dict(zip(unit.cells, map(_value, choice), strict=True))
    return _balance(identity, values, known)


def _balance(identity: _Identity, values: dict[str, Number], known: dict[str, Number | None]) -> bool:
    left: Number = 0
    for name in identity.left:
        left += values[name] if name in values else known[name] or 0
    right: Number = 0
    for name in identity.right:
        right += values[name] if name in values else known[name] or 0
    return left == right


def _search(
    units: list[Unit],
    candidates: dict[str, list[tuple[str, ...]] | None],
    crossing: list[tuple[_Identity, tuple[str, ...]]],
    known: dict[str, Number | None],
) -> dict[str, tuple[str, ...]]:
    """The choice for each unit that every solution of the identities across rows agrees on."""
    open_units = [u for u in units if candidates[u.key] and len(candidates[u.key] or []) > 1]
    if not open_units or not crossing or any(candidates[u.key] is None for u in units):
        return {}
    if any(not candidates[u.key] for u in units):
        return {}  # a row no split satisfies: the table does not balance, nothing to decide
    fixed = {u.key: (candidates[u.key] or [()])[0] for u in units if len(candidates[u.key] or []) == 1}
    order = sorted(open_units, key=lambda u: len(candidates[u.key] or []))
    depth_of = {u.key: depth for depth, u in enumerate(order)}
    checks: dict[int, list[_Identity]] = {}
    for identity, keys in crossing:
        depth = max(depth_of.get(key, -1) for key in keys)
        checks.setdefault(depth, []).append(identity)
    values: dict[str, Number] = {}
    for unit in units:
        if unit.key in fixed:
            values.update(zip(unit.cells, map(_value, fixed[unit.key]), strict=True))
    if any(not _balance(identity, values, known) for identity in checks.get(-1, [])):
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
        for index, choice in enumerate(candidates[unit.key] or []):
            steps += 1
            if steps > _MAX_STEPS:
                return False
            if steps % 1024 == 0:
                check("recover")
            values.update(zip(unit.cells, map(_value, choice), strict=True))
            chosen[unit.key] = index
            if all(_balance(identity, values, known) for identity in checks.get(depth, [])) and not walk(depth + 1):
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
