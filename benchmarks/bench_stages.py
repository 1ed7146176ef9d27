"""Where a report's milliseconds go: CPU time per report of each stage of ``auditor check``, on the seeds.

    python benchmarks/bench_stages.py [--repeat 5] [--rounds 20] [--files tests/fixtures/seeds/*.txt] [--json F]

Each stage is timed alone over the same inputs, in this process, after a warm-up: reading (file to blocks), the
pre-lexer, the LALR parse, the builder, metadata, the narrative, the rules (and the rules that cost most), each
batch check's per-file facts, and what a worker pays to send a result back (pickling) and the parent to receive and
write it (unpickling, JSON). The figure is CPU time (``time.process_time``), the best of ``--repeat`` passes: on a
shared machine the best pass is the one least disturbed. ``whole check_file`` is the engine's own figure for one
file; the stages add up to about that. A benchmark, not a test: nothing here runs in CI.
"""

from __future__ import annotations

import argparse
import glob
import json
import pickle
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tabulate import tabulate  # noqa: E402

from auditor import metadata, narrative  # noqa: E402
from auditor.batch import Settings, build_engine, quiet_gc  # noqa: E402
from auditor.config import Config  # noqa: E402
from auditor.grammar import grammar  # noqa: E402
from auditor.parse import parse_document, prelexer  # noqa: E402
from auditor.readers import Limits, read_path  # noqa: E402
from auditor.rule import RuleContext, Severity  # noqa: E402
from auditor.transform import REDUCTIONS, Builder  # noqa: E402


def best_ms(items: list[Any], work: Callable[[Any], object], rounds: int, repeat: int) -> float:
    """The best of ``repeat`` passes of ``rounds`` rounds over ``items``, in CPU milliseconds per item."""
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        for _round in range(rounds):
            for item in items:
                work(item)
        best = min(best, time.process_time() - started)
    return best * 1000 / (rounds * len(items))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="passes; the best is kept (default 5)")
    parser.add_argument("--rounds", type=int, default=20, help="rounds over the files in one pass (default 20)")
    parser.add_argument("--files", default=str(ROOT / "tests" / "fixtures" / "seeds" / "*.txt"), help="a glob")
    parser.add_argument("--top", type=int, default=8, help="rules shown one by one (default 8)")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args()
    paths = sorted(glob.glob(args.files))
    if not paths:
        parser.error(f"no files match {args.files}")

    engine = build_engine(Settings(Config(), Limits()))
    engine.warm_up()
    quiet_gc()
    for path in paths:
        engine.check_file(path)

    def measure(items: list[Any], work: Callable[[Any], object]) -> float:
        return best_ms(items, work, args.rounds, args.repeat)

    rows: list[tuple[str, float]] = [("whole check_file", measure(paths, engine.check_file))]
    documents = [read_path(path, engine.plugins, engine.limits) for path in paths]
    rows.append(("read (file → blocks)", measure(paths, lambda p: read_path(p, engine.plugins, engine.limits))))
    lexer, parsed = prelexer(), grammar()
    rows.append(("pre-lexer", measure(documents, lexer.tokens)))
    tokens = [lexer.tokens(document) for document in documents]
    rows.append(("LALR parse (lark)", measure(tokens, lambda t: parsed.parse(t, "report", REDUCTIONS))))
    parts = {id(d): parsed.parse(t, "report", REDUCTIONS) for d, t in zip(documents, tokens, strict=True)}
    labels = parsed.official_labels()
    rows.append(("builder", measure(documents, lambda d: Builder(d, labels).build(parts[id(d)]))))
    rows.append(("metadata", measure(documents, lambda d: metadata.extract(d.lines))))
    reports = [parse_document(document) for document in documents]
    rows.append(("narrative", measure(reports, narrative.extract)))
    rows.append(("all of parse_document", measure(documents, parse_document)))
    rows.append(("rules (check_report)", measure(reports, lambda r: engine.check_report(r, r.source.path))))
    for check in engine.batch_checks:
        rows.append((f"batch facts: {check.name}", measure(reports, check.facts)))
    results = [engine.check_file(path) for path in paths]
    rows.append(("worker: pickle the result", measure(results, pickle.dumps)))
    pickled = [pickle.dumps(result) for result in results]
    rows.append(("parent: unpickle it", measure(pickled, pickle.loads)))
    rows.append(
        ("parent: its JSON", measure(results, lambda r: r.json_text(Severity.ERROR)))  # as the JSON reporter does
    )

    costs: list[tuple[str, float]] = []
    for found in engine.rules:
        applying = [r for r in reports if found.applies_to(r.variant)]
        if applying:

            def run_rule(report: Any, found: Any = found) -> object:
                return list(found.check(report, RuleContext(found, report.source.path, engine.options)))

            ms = measure(applying, run_rule)
            costs.append((f"  rule {found.code}", ms * len(applying) / len(reports)))
    costs.sort(key=lambda row: -row[1])

    table = [(name, f"{ms:.3f}") for name, ms in rows + costs[: args.top]]
    print(f"{len(paths)} files; CPU ms per report, best of {args.repeat} passes of {args.rounds} rounds")
    print(tabulate(table, headers=["stage", "ms / report"], disable_numparse=True))
    if args.json:
        Path(args.json).write_text(json.dumps(dict(rows + costs), indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
