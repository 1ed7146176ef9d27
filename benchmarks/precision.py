"""Precision and recall of the error and warning findings over the real-world corpus (``tests/realworld``).

    python benchmarks/precision.py [--details]

For each report of the corpus: the key cells parsed right out of those hand-verified, the verdict got and expected,
and the true positives, false positives and false negatives of its findings at warning, error and fatal, compared
with ``tests/realworld/expected/*.toml`` by (severity, code, place). Then the same over the corpus, with precision
(right findings / findings given) and recall (right findings / findings expected). ``--details`` lists every false
positive and false negative. The last three lines are the overall figures.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tabulate import tabulate  # noqa: E402

from auditor.config import Config  # noqa: E402
from auditor.engine import Engine  # noqa: E402
from auditor.plugins import default_plugins  # noqa: E402
from tests.realworld.expectations import Key, compare, load_all  # noqa: E402


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.1%}" if whole else "n/a"


def _keys(found: Counter[Key]) -> list[str]:
    return [f"{s} {c} {p}" for (s, c, p) in sorted(found.elements())]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="list every false positive and false negative")
    args = parser.parse_args()
    os.chdir(ROOT)

    start = time.perf_counter()
    engine = Engine(default_plugins(), Config())
    rows = []
    tp = fp = fn = cells_right = cells_total = verdicts_right = parsed = 0
    details: list[str] = []
    expectations = load_all()
    for expectation in expectations:
        result = engine.check_file(str(expectation.path.relative_to(ROOT)), keep_tables=True)
        outcome = compare(expectation, result)
        t, f, n = (sum(c.values()) for c in (outcome.true_positives, outcome.false_positives, outcome.false_negatives))
        tp, fp, fn = tp + t, fp + f, fn + n
        cells_right += outcome.cells_right
        cells_total += len(expectation.cells)
        verdicts_right += outcome.verdict == expectation.verdict
        parsed += not expectation.cells or outcome.cells_right == len(expectation.cells)
        rows.append(
            [
                expectation.name,
                f"{outcome.cells_right}/{len(expectation.cells)}",
                outcome.verdict,
                expectation.verdict,
                "" if outcome.verdict == expectation.verdict else "✗",
                t,
                f,
                n,
                "pending" if expectation.pending else "",
            ]
        )
        if args.details and (f or n or outcome.cells_wrong or outcome.info_missing):
            details.append(f"{expectation.name}:")
            details += [f"  FP {k}" for k in _keys(outcome.false_positives)]
            details += [f"  FN {k}" for k in _keys(outcome.false_negatives)]
            details += [f"  cell {w}" for w in outcome.cells_wrong]
            details += [f"  info missing {code}" for code in outcome.info_missing]
    elapsed = time.perf_counter() - start

    headers = ["report", "cells", "verdict", "expected", "", "TP", "FP", "FN", "mark"]
    print(tabulate(rows, headers=headers))
    if details:
        print()
        print("\n".join(details))
    n = len(expectations)
    print()
    print(f"{n} reports in {elapsed:.1f} s; findings compared: warning, error and fatal, by severity, code and place")
    print(
        f"cells: {cells_right}/{cells_total} key cells parsed right ({_ratio(cells_right, cells_total)}); "
        f"reports parsed (every key cell right): {parsed}/{n} ({_ratio(parsed, n)})"
    )
    print(f"verdicts: {verdicts_right}/{n} right ({_ratio(verdicts_right, n)})")
    print(
        f"precision {_ratio(tp, tp + fp)} ({tp} right of {tp + fp} given), "
        f"recall {_ratio(tp, tp + fn)} ({tp} of {tp + fn} expected); FP {fp}, FN {fn}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
