"""Batch audit speed and memory: generated reports audited by ``auditor check --jobs N``, and the wall time of
``auditor check`` on one seed.

    python benchmarks/bench_batch.py [--reports 10000] [--jobs 2] [--json results.json]

The reports are written once to a temporary folder (not timed). The audit runs as a real ``auditor check``
process (JSON to /dev/null); its process tree's resident memory is sampled every 20 ms from /proc and the peak of
the sum is reported. The single-seed figure is the median of several runs of the installed ``auditor`` command.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from auditor import synth  # noqa: E402

SEED = ROOT / "tests" / "fixtures" / "seeds" / "000_58b0067790987b2b.txt"
AUDITOR = [sys.executable, "-m", "auditor"]


def _tree(pid: int) -> list[int]:
    """The pid and all its descendants (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                parent = int(handle.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(parent, []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        current = todo.pop()
        out.append(current)
        todo.extend(children.get(current, []))
    return out


def _rss(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/statm", encoding="ascii") as handle:
                total += int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, ValueError, IndexError):
            continue
    return total


def audit_folder(folder: Path, jobs: int) -> tuple[float, int, int]:
    """(seconds, peak RSS of the process tree in bytes, exit code) of ``auditor check folder --jobs N``."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [*AUDITOR, "check", str(folder), "--jobs", str(jobs), "--format", "json", "--no-progress", "-o", os.devnull],
        cwd=ROOT,
        stderr=subprocess.DEVNULL,
    )
    peak = 0
    while process.poll() is None:
        peak = max(peak, _rss(_tree(process.pid)))
        time.sleep(0.02)
    return time.perf_counter() - start, peak, process.returncode


def single_seed(repeat: int) -> float:
    """Median wall time (s) of ``auditor check`` on one seed, from process start to exit."""
    times = []
    for _ in range(repeat + 1):
        start = time.perf_counter()
        subprocess.run([*AUDITOR, "check", str(SEED)], cwd=ROOT, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times[1:])  # the first run may fill the grammar cache


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=10000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=5, help="runs of the single-seed timing")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="auditor-bench-"))
    try:
        rng = random.Random(20261121)
        for index in range(args.reports):
            _spec, _layout, text = synth.generate(rng)
            (folder / f"report-{index:06d}.txt").write_text(text, encoding="utf-8")
        seconds, peak, code = audit_folder(folder, args.jobs)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    seed_seconds = single_seed(args.repeat)
    rate = args.reports / seconds
    print(
        f"{args.reports} generated reports, --jobs {args.jobs}: {seconds:.1f} s, {rate:.0f} reports/s, "
        f"peak RSS of the process tree {peak / 2**20:.0f} MB (exit code {code})"
    )
    print(f"auditor check on one seed: {seed_seconds * 1000:.0f} ms wall time (median of {args.repeat})")
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {
                    "reports": args.reports,
                    "jobs": args.jobs,
                    "seconds": seconds,
                    "reports_per_s": rate,
                    "peak_rss_mb": peak / 2**20,
                    "single_seed_ms": seed_seconds * 1000,
                },
                indent=2,
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
