"""Parsing speed and memory: reports/second on the seeds and on generated reports, grammar load time from cache.

    python benchmarks/bench_parse.py [--generated 1000] [--repeat 5] [--json results.json]

Everything runs on one core in this process (the grammar-load figures in fresh subprocesses). Reported: the best
and the median of the repeats, since a shared machine adds noise; peak memory as the process's peak RSS and the
peak of Python allocations (tracemalloc) during one pass.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tabulate import tabulate  # noqa: E402

from auditor import synth  # noqa: E402
from auditor.parse import parse_document  # noqa: E402
from auditor.readers.text import read_text  # noqa: E402

SEEDS = sorted((ROOT / "tests" / "fixtures" / "seeds").glob("*.txt"))

_LOAD_PROBE = """
import time
t0 = time.perf_counter()
from auditor.grammar import grammar
t1 = time.perf_counter()
grammar()
t2 = time.perf_counter()
print((t1 - t0) * 1000, (t2 - t1) * 1000)
"""


def grammar_load(repeat: int) -> tuple[float, float]:
    """Median (import ms, grammar-from-cache ms) over fresh interpreters; the first run fills the cache."""
    subprocess.run([sys.executable, "-c", _LOAD_PROBE], check=True, capture_output=True, cwd=ROOT)
    imports, loads = [], []
    for _ in range(repeat):
        out = subprocess.run(
            [sys.executable, "-c", _LOAD_PROBE], check=True, capture_output=True, text=True, cwd=ROOT
        ).stdout.split()
        imports.append(float(out[0]))
        loads.append(float(out[1]))
    return statistics.median(imports), statistics.median(loads)


def rate(documents: list[tuple[str, bytes]], repeat: int) -> tuple[float, float, int]:
    """(best, median) reports/s over ``repeat`` passes, and the peak traced allocation of one pass in bytes."""
    for name, data in documents[:5]:
        parse_document(read_text(data, name))  # warm caches
    rates = []
    for _ in range(repeat):
        start = time.perf_counter()
        for name, data in documents:
            parse_document(read_text(data, name))
        rates.append(len(documents) / (time.perf_counter() - start))
    tracemalloc.start()
    for name, data in documents:
        parse_document(read_text(data, name))
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return max(rates), statistics.median(rates), peak


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--generated", type=int, default=1000, help="number of generated reports")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()

    seeds = [(path.name, path.read_bytes()) for path in SEEDS]
    seed_docs = seeds * 40  # 200 reports a pass
    rng = random.Random(20261121)
    generated = [(f"gen-{i}", synth.generate(rng)[2].encode("utf-8")) for i in range(args.generated)]

    import_ms, load_ms = grammar_load(args.repeat)
    seed_best, seed_median, seed_peak = rate(seed_docs, args.repeat)
    gen_best, gen_median, gen_peak = rate(generated, max(1, args.repeat // 2))
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    rows = [
        ("seeds (5 reports × 40)", f"{seed_best:.0f}", f"{seed_median:.0f}", f"{seed_peak / 1e6:.1f}"),
        (f"generated ({args.generated}, all layouts)", f"{gen_best:.0f}", f"{gen_median:.0f}", f"{gen_peak / 1e6:.1f}"),
    ]
    print(tabulate(rows, headers=["corpus", "best reports/s", "median reports/s", "peak traced MB (one pass)"]))
    print(
        f"\ngrammar: import {import_ms:.1f} ms, load from cache {load_ms:.2f} ms (median of {args.repeat} "
        f"fresh interpreters)"
    )
    print(f"peak RSS of this process: {rss_mb:.0f} MB")
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {
                    "seeds_reports_per_s": {"best": seed_best, "median": seed_median},
                    "generated_reports_per_s": {"best": gen_best, "median": gen_median},
                    "grammar_import_ms": import_ms,
                    "grammar_load_ms": load_ms,
                    "peak_traced_bytes": {"seeds": seed_peak, "generated": gen_peak},
                    "peak_rss_mb": rss_mb,
                },
                indent=2,
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
