"""Instructions per report of each NAR rule and of the two per-report facts of the narrative's batch checks
(NAR014's fingerprints, NAR016's problems), counted by valgrind (callgrind): the table to read before cutting
the narrative rules' cost.

    python benchmarks/bench_nar_rules.py [--corpus seeds|realworld] [--rounds 2]

Each (rule, report) runs inside its own ``functools.reduce`` call and callgrind dumps its count as the call ends;
the report's shared reading of its sentences (rules/narrative.py ``_read``) is made before the call, outside the
count, as the first rule of a report makes it for the others. "ALL" is every NAR rule and fact of a report in one
call, the shared reading included: the figure the rows do not add up to. Needs valgrind; a benchmark, not a test.
"""

from __future__ import annotations

import argparse
import functools
import glob
import os
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def child(corpus: str, rounds: int) -> None:
    sys.path.insert(0, str(ROOT))
    from auditor.rules import narrative

    from auditor import parse
    from auditor.batch import quiet_gc
    from auditor.engine import Engine
    from auditor.errors import NotAReport
    from auditor.hookspecs import RuleContext
    from auditor.plugins import Plugins
    from auditor.readers.text import read_text

    folder = ROOT / "tests" / ("fixtures/seeds" if corpus == "seeds" else "realworld")
    reports = []
    for path in sorted(folder.glob("*.txt")) + (sorted(folder.glob("*-*.md")) if corpus == "realworld" else []):
        try:
            reports.append(parse.parse_document(read_text(path.read_bytes(), path.name)))
        except NotAReport:  # the cover letter
            continue
    engine = Engine(Plugins())
    rules = [r for r in engine.rules if r.code.startswith("NAR") and r.check.__name__ != "no_findings"]
    facts = [c for c in engine.batch_checks if any(r.code.startswith("NAR") for r in c.rules)]
    jobs = [(r.code, functools.partial(lambda r, report: list(r.check(report, RuleContext(r, "x"))), r)) for r in rules]
    jobs += [(check.name, check.facts) for check in facts]

    def everything(report: object) -> None:
        for _name, job in jobs:
            job(report)

    for report in reports:  # the warm-up: caches filled, patterns compiled
        everything(report)
    quiet_gc()
    names = []
    for _ in range(rounds):
        for name, job in jobs:
            for report in reports:
                narrative._read(report)
                names.append(name)
                functools.reduce(lambda _none, item, job=job: job(item), [report], None)
        for report in reports:
            names.append("ALL")
            functools.reduce(lambda _none, item: everything(item), [report], None)
    print("NAMES", ",".join(names), len(reports), file=sys.stderr)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=("seeds", "realworld"), default="seeds")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.corpus, args.rounds)
        return 0
    with tempfile.TemporaryDirectory(prefix="bench-nar-rules-") as out:
        command = [
            "valgrind", "--tool=callgrind", "--collect-atstart=no", "--toggle-collect=*functools_reduce*",
            "--dump-before=functools_reduce", "--dump-after=functools_reduce", f"--callgrind-out-file={out}/cg.%p",
            sys.executable, __file__, "--child", "--corpus", args.corpus, "--rounds", str(args.rounds),
        ]  # fmt: skip
        run = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": "0"})
        found = re.search(r"^NAMES (\S+) (\d+)$", run.stderr, re.M)
        if run.returncode or found is None:
            raise SystemExit(f"valgrind failed\n{run.stderr[-2000:]}")
        names, count = found[1].split(","), int(found[2])
        totals = []
        for name in sorted(glob.glob(f"{out}/cg.*.*"), key=lambda name: int(name.rsplit(".", 1)[1])):
            text = Path(name).read_text()
            if "--dump-after" in text:
                totals.append(int(re.search(r"^totals: (\d+)", text, re.M)[1]))  # type: ignore[index]
    per: dict[str, int] = defaultdict(int)
    for name, total in zip(names, totals[-len(names) :], strict=True):  # the dumps of the measured calls
        per[name] += total
    print(f"{args.corpus}: {count} reports, {args.rounds} rounds; instructions per report (callgrind)")
    for name, total in per.items():
        print(f"{name:20s} {total / args.rounds / count / 1e3:10.1f} k")
    return 0


if __name__ == "__main__":
    sys.exit(main())
