"""Instructions per report of the stages of ``auditor check`` on the seeds, counted by valgrind (callgrind).

    python benchmarks/bench_instructions.py [--stages read,prelex,lalr,builder,metadata,rules] [--rounds 10]
                                            [--files tests/fixtures/seeds/*.txt]

Stages: read, prelex, lalr (lark's parse), builder, metadata, rules (``Engine.check_report``: every selected rule,
graded) — the default —, and on request parts (``parse.parse_parts`` as ``parse_document`` runs it: lark's parse
for a label sequence not seen before, the parts by heading for one seen, as every seed's is after the warm-up),
parts-new (the same for a label sequence not seen before),
pickle (a result pickled and unpickled, as between a worker and the parent), json (a result's JSON text), render
(what a worker of ``check --jobs N --format json`` makes of a result and sends: its JSON text and what the summary
reads, pickled), parent (what the parent of that run does with each: unpickled, added to the summary, written to the
output), check (the whole ``Engine.check_file``, as in a batch) and check-one (the same as ``auditor check`` runs it
for one file: without the facts of the checks across files).

CPU time (``bench_stages.py``) moves by 5–10 % from one run to the next on a machine shared by several people; the
number of instructions a stage executes does not move at all, so a change of 1 % is visible. Each stage runs in a
child process under ``valgrind --tool=callgrind``, after the same warm-up as ``bench_stages.py`` (caches filled by one
pass), and only the measured rounds are counted: they run inside ``functools.reduce``, the one function whose calls
callgrind is told to collect. The figure is instructions per report, not time (an instruction of the regex engine
is cheaper than one of the interpreter loop), so compare it with itself, before and after a change. Needs valgrind; a
benchmark, not a test: nothing here runs in CI.
"""

from __future__ import annotations

import argparse
import functools
import glob
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
STAGES = (
    "read", "prelex", "lalr", "parts", "parts-new", "builder", "metadata", "rules", "pickle", "json", "render",
    "parent", "check", "check-one",
)  # fmt: skip
# The front stages and the rules; parts, pickle, json and the whole check_file on request.
DEFAULT_STAGES = ("read", "prelex", "lalr", "builder", "metadata", "rules")


def stage_work(name: str, paths: list[str]) -> tuple[list[Any], Callable[[Any], object]]:
    """The inputs of one stage and the work done on each, made as ``bench_stages.py`` makes them."""
    sys.path.insert(0, str(ROOT))
    import pickle

    from auditor import batch, metadata
    from auditor.batch import Settings, build_engine, quiet_gc
    from auditor.config import Config
    from auditor.grammar import grammar
    from auditor.parse import _ACCEPTED as accepted
    from auditor.parse import parse_document, parse_parts, prelexer
    from auditor.readers import Limits, read_path
    from auditor.rule import Severity
    from auditor.transform import REDUCTIONS, Builder

    engine = build_engine(Settings(Config(), Limits()))
    engine.warm_up()
    plugins, limits = engine.plugins, engine.limits
    documents = [read_path(path, plugins, limits) for path in paths]
    lexer, parsed = prelexer(), grammar()
    tokens = [lexer.tokens(document) for document in documents]
    parts = {id(d): parsed.parse(t, "report", REDUCTIONS) for d, t in zip(documents, tokens, strict=True)}
    labels = parsed.official_labels()
    for document in documents:  # the warm-up: every stage once, as the first report of a batch would
        Builder(document, labels).build(parts[id(document)])
        metadata.extract(document.lines)
    reports = [parse_document(document) for document in documents]
    results = [engine.check_file(path) for path in paths]
    one_file = build_engine(Settings(Config(), Limits()), engine.plugins)
    one_file.batch = False  # as `auditor check` runs for one file: no facts for the checks across files
    for path in paths:
        one_file.check_file(path)
    quiet_gc()  # the collector as a batch's worker and bench_stages.py run it (its frequent passes are not the stage's)
    stages: dict[str, tuple[list[Any], Callable[[Any], object]]] = {
        "read": (paths, lambda path: read_path(path, plugins, limits)),
        "prelex": (documents, lexer.tokens),
        "lalr": (tokens, lambda stream: parsed.parse(stream, "report", REDUCTIONS)),
        "parts": (tokens, lambda stream: parse_parts(stream, "report")),
        "parts-new": (tokens, lambda stream: (accepted.clear(), parse_parts(stream, "report"))),
        "builder": (documents, lambda document: Builder(document, labels).build(parts[id(document)])),
        "metadata": (documents, lambda document: metadata.extract(document.lines)),
        "rules": (reports, lambda report: engine.check_report(report, report.source.path)),
        "pickle": (results, lambda result: pickle.loads(pickle.dumps(result))),
        "json": (results, lambda result: result.json_text(Severity.ERROR)),
        "render": (results, lambda result: pickle.dumps(batch._rendered_state(result, Severity.ERROR))),
        "parent": ([pickle.dumps(batch._rendered_state(r, Severity.ERROR)) for r in results], parent_work()),
        "check": (paths, engine.check_file),
        "check-one": (paths, one_file.check_file),
    }
    return stages[name]


def parent_work() -> Callable[[bytes], object]:
    """What the parent of ``check --jobs N --format json`` does with one result a worker sent: unpickled, added to the
    summary (its verdict, whether it fails the gate), written by the JSON reporter (to a sink that keeps nothing)."""
    import pickle

    from auditor import batch
    from auditor.reporters.json_format import JsonReporter
    from auditor.reporting import RunInfo, Summary
    from auditor.rule import Severity

    class Sink:
        takes_utf8 = True

        def write(self, data: object) -> None:
            pass

    reporter, summary = JsonReporter(), Summary()
    reporter.begin(Sink(), RunInfo({}, fail_on=Severity.ERROR))

    def work(sent: bytes) -> object:
        result = batch._from_rendered(pickle.loads(sent))
        summary.add(result, Severity.ERROR, True)
        failed = result.fails(Severity.ERROR, True)
        reporter.file(result)
        return failed

    return work


def child(name: str, rounds: int, paths: list[str]) -> None:
    """Run one stage ``rounds`` times over the files, inside functools.reduce (what callgrind counts)."""
    items, work = stage_work(name, paths)
    functools.reduce(lambda _none, item: work(item), items * rounds, None)


def count(name: str, rounds: int, paths: list[str]) -> int:
    """Instructions callgrind counts inside functools.reduce for one stage."""
    command = [
        "valgrind",
        "--tool=callgrind",
        "--callgrind-out-file=/dev/null",
        "--collect-atstart=no",
        "--toggle-collect=*functools_reduce*",
        sys.executable,
        __file__,
        "--child",
        name,
        "--rounds",
        str(rounds),
        *paths,
    ]
    # A fixed hash seed: set and dict layouts, and so the instructions spent on them, are the same in every run.
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    result = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    found = re.search(r"Collected : (\d+)", result.stderr)
    if result.returncode or found is None:
        raise SystemExit(f"{name}: valgrind failed\n{result.stderr[-2000:]}")
    return int(found.group(1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stages", default=",".join(DEFAULT_STAGES), help=f"comma-separated, of {', '.join(STAGES)}")
    parser.add_argument("--rounds", type=int, default=10, help="rounds over the files (default 10)")
    parser.add_argument("--files", default=str(ROOT / "tests" / "fixtures" / "seeds" / "*.txt"), help="a glob")
    parser.add_argument("--child", metavar="STAGE", help=argparse.SUPPRESS)
    parser.add_argument("paths", nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.rounds, args.paths)
        return 0
    if shutil.which("valgrind") is None:
        parser.error("valgrind is not installed")
    paths = sorted(glob.glob(args.files))
    if not paths:
        parser.error(f"no files match {args.files}")
    stages = [name.strip() for name in args.stages.split(",") if name.strip()]
    unknown = sorted(set(stages) - set(STAGES))
    if unknown:
        parser.error(f"unknown stage(s): {', '.join(unknown)}")
    print(f"{len(paths)} files, {args.rounds} rounds; instructions per report (callgrind)")
    total = 0
    for name in stages:
        per_report = count(name, args.rounds, paths) // (args.rounds * len(paths))
        total += per_report
        print(f"{name:10s} {per_report:>12,}", flush=True)
    print(f"{'total':10s} {total:>12,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
