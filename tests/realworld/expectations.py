"""The hand-verified expectations of the real-world corpus (``expected/*.toml``) and how a run is compared with them.

One file per corpus report::

    file = "tests/realworld/hongze-2023.pdf"   # from the repository root
    source = "…"                               # where the report comes from
    verdict = "fail"                           # pass | fail | not_assessed | unreadable (auditor.verdict)
    pending = "issue 9: …"                     # optional: the case fails today (strict xfail); remove when it passes
    why = "…"                                  # how the expectation was verified
    cells_like = "huaian-municipal-2024.pdf"   # optional: take the [cells] of another expectation first
    required_info = ["PRE001"]                 # optional: info findings that must be there too (not exhaustive)

    [[finding]]                                # the COMPLETE set of findings at warning, error and fatal
    severity = "error"
    code = "NUM004"
    place = "四.review_litigation.review."     # Place.key(): section.table.row.column

    [cells]                                    # key cells, table.row.column = value ("" = blank, "7730.28" = decimal)
    "review_litigation.review.total" = 0

Used by ``test_realworld.py`` (exact comparison) and ``benchmarks/precision.py`` (precision and recall).
"""

from __future__ import annotations

import tomllib
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from auditor.engine import FileResult
from auditor.rule import ERROR, INFO, WARNING

ROOT = Path(__file__).resolve().parents[2]
EXPECTED = Path(__file__).resolve().parent / "expected"

Key = tuple[str, str, str]  # (severity, code, place)


@dataclass(frozen=True)
class Expectation:
    name: str
    path: Path
    verdict: str
    findings: Counter[Key]
    cells: dict[str, Any]
    pending: str | None
    why: str
    required_info: tuple[str, ...] = ()


def load_all() -> list[Expectation]:
    raw = {
        p.name.removesuffix(".toml"): tomllib.loads(p.read_text(encoding="utf-8"))
        for p in sorted(EXPECTED.glob("*.toml"))
    }
    return [_expectation(name, data, raw) for name, data in raw.items()]


def _expectation(name: str, data: dict[str, Any], raw: dict[str, dict[str, Any]]) -> Expectation:
    cells: dict[str, Any] = {}
    if "cells_like" in data:
        cells.update(raw[data["cells_like"]].get("cells", {}))
    cells.update(data.get("cells", {}))
    findings = Counter((f["severity"], f["code"], f["place"]) for f in data.get("finding", []))
    return Expectation(
        name=name,
        path=ROOT / data["file"],
        verdict=data["verdict"],
        findings=findings,
        cells=cells,
        pending=data.get("pending"),
        why=data.get("why", ""),
        required_info=tuple(data.get("required_info", ())),
    )


def reported(result: FileResult) -> Counter[Key]:
    """The findings a checker signs or rejects: warning, error and fatal (info is not compared)."""
    return Counter((f.severity.label, f.code, f.place.key()) for f in result.findings if f.severity >= WARNING)


def verdict(result: FileResult) -> str:
    return str(result.verdict(ERROR))


def cell_value(result: FileResult, key: str) -> Any:
    """The value parsed for ``table.row.column`` (None when blank or absent); the tables must have been kept."""
    table, row, column = key.split(".")
    found = (result.tables or {}).get(table, {}).get("rows", {}).get(row, {}).get("cells", {}).get(column)
    return None if found is None else found.get("value")


def same_value(expected: Any, got: Any) -> bool:
    if expected == "":
        return got is None
    if got is None:
        return False
    if isinstance(expected, str):
        return Decimal(expected) == Decimal(str(got))
    return bool(got == expected) and not isinstance(got, bool)


@dataclass
class Comparison:
    true_positives: Counter[Key] = field(default_factory=Counter)
    false_positives: Counter[Key] = field(default_factory=Counter)
    false_negatives: Counter[Key] = field(default_factory=Counter)
    cells_right: int = 0
    cells_wrong: list[str] = field(default_factory=list)
    verdict: str = ""
    info_missing: list[str] = field(default_factory=list)


def compare(expectation: Expectation, result: FileResult) -> Comparison:
    got = reported(result)
    out = Comparison(
        true_positives=got & expectation.findings,
        false_positives=got - expectation.findings,
        false_negatives=expectation.findings - got,
        verdict=verdict(result),
    )
    infos = {f.code for f in result.findings if f.severity == INFO}
    out.info_missing = [code for code in expectation.required_info if code not in infos]
    for key, value in expectation.cells.items():
        parsed = cell_value(result, key)
        if same_value(value, parsed):
            out.cells_right += 1
        else:
            out.cells_wrong.append(f"{key}: expected {value!r}, parsed {parsed!r}")
    return out
