"""The narrative's cost: extraction per report, parse + all rules per report with and without the narrative, and
the copy-paste check (NAR014) over up to 10,000 generated reports (time and memory as the batch grows).

    python benchmarks/bench_narrative.py [--reports 10000] [--repeat 3] [--json results.json]
    python benchmarks/bench_narrative.py --instructions [--corpus seeds|realworld]   # needs valgrind

On a shared, loaded machine times swing by tens of percent between runs; ``--instructions`` counts the instructions
each side executes instead (valgrind's callgrind: slow, about a minute a run, but the same on a busy machine): for
each of the three modes (without, reading the narrative only, with) the audit runs once in one process and three times
in another, and the difference is the cost of two passes. The runs share a cache folder of their own, filled before
them: a shared one that another run adds to in between would make one side pay for compiling patterns.

One core, this process. "Without the narrative" runs the same engine with the NAR rules deselected and the
extraction replaced by an empty narrative, which is what the pipeline did before it read the prose.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from auditor.rules import copypaste  # noqa: E402
from tabulate import tabulate  # noqa: E402

from auditor import parse, synth  # noqa: E402
from auditor.batch import quiet_gc  # noqa: E402
from auditor.config import Config  # noqa: E402
from auditor.engine import Engine  # noqa: E402
from auditor.errors import NotAReport  # noqa: E402
from auditor.model import Narrative  # noqa: E402
from auditor.narrative import extract  # noqa: E402
from auditor.plugins import Plugins  # noqa: E402
from auditor.readers.text import read_text  # noqa: E402

SEEDS = sorted((ROOT / "tests" / "fixtures" / "seeds").glob("*.txt"))
_VOCABULARY = (
    "统筹推进深化落实规范完善健全强化提升优化拓展创新细化压实聚焦围绕坚持加快着力扎实"
    "政务公开信息平台网站栏目目录制度机制标准流程审核解读回应关切民生惠企乡村振兴财政"
    "预算决算项目资金教育医疗养老就业住房社保环保交通水利农业应急安全质量效率服务群众"
)
_WORDS = [_VOCABULARY[i : i + 2] for i in range(0, len(_VOCABULARY), 2)]  # two-character words


def _unique_prose(rng: random.Random, count: int) -> list[str]:
    return ["".join(rng.choice(_WORDS) for _ in range(rng.randint(8, 14))) + "。" for _ in range(count)]


def reports(n: int, seed: int = 20261130) -> list[tuple[str, bytes]]:
    """Generated reports with their own prose; every 100th copies an earlier one's (another body, same year)."""
    rng = random.Random(seed)
    out: list[tuple[str, bytes]] = []
    prose: list[dict[str, list[str]]] = []
    for index in range(n):
        spec = synth.random_spec(rng, "2021")
        spec.year = 2023
        spec.body = spec.body_in_title = f"第{index}号县第{index}镇人民政府"
        own = {"一": _unique_prose(rng, 6), "五": _unique_prose(rng, 3)}
        if index % 100 == 99:
            own = prose[rng.randrange(index - 50, index)]
        prose.append(own)
        spec.paragraphs["一"] = spec.paragraphs["一"][:1] + own["一"]
        spec.paragraphs["五"] = own["五"] + spec.paragraphs["五"]
        out.append((f"gen-{index:05}.txt", synth.render(spec, "cell-per-line", synth.Noise()).encode("utf-8")))
    return out


def per_report(documents: list[tuple[str, bytes]], repeat: int) -> dict[str, float]:
    """CPU microseconds per report (this process's CPU time, so that other work on a shared machine counts
    less): extraction alone; parse + all rules with the narrative and without it."""
    parsed = [parse.parse_document(read_text(data, name)) for name, data in documents]
    extraction = []
    for _ in range(repeat):
        start = time.process_time()
        for report in parsed:
            extract(report)
        extraction.append((time.process_time() - start) / len(parsed) * 1e6)
    del parsed
    quiet_gc()  # as a batch run does (auditor.batch): the collector tuned for many small acyclic objects
    plugins = Plugins()
    with_narrative = Engine(plugins)
    without = Engine(plugins, Config(ignore=["NAR"]))

    def audit(engine: Engine, read_narrative: Any) -> float:
        saved = parse.read_narrative
        parse.read_narrative = read_narrative
        try:
            start = time.process_time()
            for name, data in documents:
                report = parse.parse_document(read_text(data, name))
                engine.check_report(report, name)
                for check in engine.batch_checks:  # what each file gives the batch checks (NAR014's fingerprints)
                    check.facts(report)
            return (time.process_time() - start) / len(documents) * 1e6
        finally:
            parse.read_narrative = saved

    before: list[float] = []
    after: list[float] = []
    for _ in range(repeat):  # interleaved, so that the load of a shared machine falls on both alike
        before.append(audit(without, lambda report: Narrative()))
        after.append(audit(with_narrative, extract))
    return {
        "extraction_us": min(extraction),
        "audit_before_us": min(before),
        "audit_after_us": min(after),
        "audit_before_median_us": statistics.median(before),
        "audit_after_median_us": statistics.median(after),
    }


def copy_check(documents: list[tuple[str, bytes]], sizes: list[int]) -> list[dict[str, float]]:
    facts = []
    for name, data in documents:
        fact = copypaste.facts(parse.parse_document(read_text(data, name)))
        if fact is not None:
            facts.append((name, fact))
    start = time.perf_counter()
    import numpy  # noqa: F401  # imported once per run: measured apart, not in the first size

    print(f"import numpy: {time.perf_counter() - start:.2f} s")
    rows = []
    for size in sizes:
        items = facts[:size]
        tracemalloc.start()
        start = time.perf_counter()
        outcome = copypaste.check(items, {})
        seconds = time.perf_counter() - start
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        planted = sum(1 for index in range(size) if index % 100 == 99)
        found = {f.path for f in outcome.findings}
        rows.append(
            {
                "reports": size,
                "seconds": seconds,
                "ms_per_report": seconds / size * 1000,
                "peak_mb": peak / 1e6,
                "facts_kb_per_report": sum(len(f["h"]) + len(f["l"]) + len(f["n"]) for _p, f in items) / size / 1024,
                "planted": planted,
                "found": sum(1 for index in range(size) if index % 100 == 99 and f"gen-{index:05}.txt" in found),
                "findings": len(outcome.findings),
            }
        )
    return rows


def _corpus(name: str) -> list[tuple[str, bytes]]:
    if name == "seeds":
        return [(path.name, path.read_bytes()) for path in SEEDS]
    found = []
    for path in sorted((ROOT / "tests" / "realworld").glob("*.txt")) + sorted(
        (ROOT / "tests" / "realworld").glob("*-*.md")
    ):
        try:
            parse.parse_document(read_text(path.read_bytes(), path.name))
        except NotAReport:  # the cover letter
            continue
        found.append((path.name, path.read_bytes()))
    return found


def audit_passes(mode: str, passes: int, corpus: str) -> None:
    """One process's work for --instructions: ``passes`` audits of the corpus with or without the narrative."""
    documents = _corpus(corpus)
    quiet_gc()
    plugins = Plugins()
    engine = Engine(plugins) if mode == "with" else Engine(plugins, Config(ignore=["NAR"]))
    parse.read_narrative = extract if mode in ("with", "extraction") else (lambda report: Narrative())
    for _ in range(passes):
        for name, data in documents:
            report = parse.parse_document(read_text(data, name))
            engine.check_report(report, name)
            for check in engine.batch_checks:
                check.facts(report)


def instructions(corpus: str) -> dict[str, float]:
    import re
    import shutil
    import subprocess
    import tempfile

    if shutil.which("valgrind") is None:
        raise SystemExit("--instructions needs valgrind (apt-get install valgrind)")
    counts: dict[tuple[str, int], int] = {}
    # a cache folder of the benchmark's own: a run that adds to a shared one (the pattern and code caches) between
    # the runs of one and of three passes would make one of them pay for compiling what the other found cached
    with tempfile.TemporaryDirectory(prefix="bench-narrative-cache-") as cache:
        env = {**os.environ, "AUDITOR_CACHE_DIR": cache}
        for mode in ("without", "extraction", "with"):  # extraction: the narrative read, no NAR rule or fact
            # one run first, outside valgrind: the caches are filled by it, not by a measured run
            subprocess.run(
                [sys.executable, __file__, "--audit-passes", mode, "1", "--corpus", corpus], check=True, env=env
            )
        for mode in ("without", "extraction", "with"):
            for passes in (1, 3):
                run = subprocess.run(
                    ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, __file__,
                     "--audit-passes", mode, str(passes), "--corpus", corpus],
                    capture_output=True, text=True, check=True, env=env,
                )  # fmt: skip
                counts[mode, passes] = int(re.search(r"Collected : (\d+)", run.stderr)[1])  # type: ignore[index]
    reports = 2 * len(_corpus(corpus))
    per = {mode: (counts[mode, 3] - counts[mode, 1]) / reports for mode in ("without", "extraction", "with")}
    return {f"instructions_{mode}": figure for mode, figure in per.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--copy-only", action="store_true", help="only the copy-paste check's growth")
    parser.add_argument("--instructions", action="store_true", help="instructions per report, with and without")
    parser.add_argument("--corpus", choices=("seeds", "realworld"), default="seeds")
    parser.add_argument("--audit-passes", nargs=2, metavar=("MODE", "PASSES"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.audit_passes:
        audit_passes(args.audit_passes[0], int(args.audit_passes[1]), args.corpus)
        return 0
    if args.instructions:
        figures = instructions(args.corpus)
        before, after = figures["instructions_without"], figures["instructions_with"]
        read = figures["instructions_extraction"]
        print(f"{args.corpus}: {before / 1e6:.1f} M instructions a report without the narrative, {after / 1e6:.1f} M "
              f"with it: {(after / before - 1) * 100:+.1f}% (reading it alone: {(read / before - 1) * 100:+.1f}%)")  # fmt: skip
        return 0

    seeds = [(path.name, path.read_bytes()) for path in SEEDS] * 20
    generated = reports(args.reports)
    costs = (
        {}
        if args.copy_only
        else {"seeds": per_report(seeds, args.repeat), "generated": per_report(generated[:300], args.repeat)}
    )
    rows = [
        (
            corpus,
            f"{c['extraction_us']:.0f}",
            f"{c['audit_before_us']:.0f}",
            f"{c['audit_after_us']:.0f}",
            f"{(c['audit_after_us'] / c['audit_before_us'] - 1) * 100:+.1f}%",
        )
        for corpus, c in costs.items()
    ]
    headers = ["corpus", "extraction µs/report", "parse+rules before µs", "after µs", "change"]
    print(tabulate(rows, headers=headers))
    sizes = [s for s in (1000, 2000, 5000, 10000, 20000, 30000, 100000) if s <= args.reports] or [args.reports]
    growth = copy_check(generated, sizes)
    print()
    print(
        tabulate(
            [
                (
                    g["reports"],
                    f"{g['seconds']:.2f}",
                    f"{g['ms_per_report']:.3f}",
                    f"{g['peak_mb']:.1f}",
                    f"{g['facts_kb_per_report']:.2f}",
                    f"{g['found']}/{g['planted']}",
                    g["findings"],
                )
                for g in growth
            ],
            headers=["reports", "copy check s", "ms/report", "peak MB", "facts KB/report", "planted found", "findings"],
        )
    )
    if args.json:
        Path(args.json).write_text(json.dumps({"per_report": costs, "copy_check": growth}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
