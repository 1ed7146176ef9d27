"""Instructions of a whole ``auditor check DIR --jobs 1 --format json`` over folders of seed copies, counted by
valgrind (callgrind): what a report adds (the marginal cost, from two folder sizes) and what a batch pays once.

    python benchmarks/bench_batch_instructions.py [--copies 10,60]
    ~/.cache/auditor-bench/<commit>/venv/bin/python benchmarks/bench_batch_instructions.py   # another commit's

Everything the process does is counted — start-up, reading, checking, the batch checks, the JSON written — unlike
``bench_instructions.py``, which counts the stages of one report. Copy i of the folder is seed i mod 5, as in
``bench_compare.py``: with up to 100 copies (20 of each seed) their sentences are not yet the batch's common wording,
so every report is a candidate of the copy-paste check (MinHash/LSH); from 105 copies on none is. Each command runs
twice, the second counted: the first fills the caches (compiled modules, the entry-point list, the grammar and regex
caches), as any run after the first finds them. A one-file check is counted beside. Needs valgrind; a benchmark, not
a test: nothing here runs in CI.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "tests" / "fixtures" / "seeds").glob("*.txt"))


def count(target: Path, env: dict[str, str], work: Path) -> int:
    """Instructions of ``auditor check target --jobs 1 --format json`` (the second of two runs), run from ``work``:
    from this checkout, ``python -m auditor`` would import this checkout's package, not the one installed for the
    Python that runs this script (another commit's environment, to compare)."""
    command = [
        "valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-m", "auditor", "check",
        str(target), "--jobs", "1", "--format", "json", "--no-progress", "-o", os.devnull,
    ]  # fmt: skip
    for _ in range(2):
        result = subprocess.run(command, capture_output=True, text=True, check=False, env=env, cwd=work)
    found = re.search(r"Collected : (\d+)", result.stderr)
    if found is None:
        raise SystemExit(f"valgrind failed\n{result.stderr[-2000:]}")
    return int(found.group(1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", default="10,60", help="two folder sizes, comma-separated (default 10,60)")
    args = parser.parse_args()
    small, large = sorted(int(n) for n in args.copies.split(","))
    if shutil.which("valgrind") is None:
        parser.error("valgrind is not installed")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        # a fixed hash seed: set and dict layouts, and so the instructions spent on them, are the same in every run
        env = {**os.environ, "AUDITOR_CACHE_DIR": str(work / "cache"), "PYTHONHASHSEED": "0"}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        texts = [seed.read_bytes() for seed in SEEDS]
        counts = {}
        for copies in (small, large):
            folder = work / f"copies-{copies}"
            folder.mkdir()
            for i in range(copies):
                (folder / f"{i:05d}.txt").write_bytes(texts[i % len(texts)])
            counts[copies] = count(folder, env, work)
        one = count(SEEDS[0], env, work)
    marginal = (counts[large] - counts[small]) / (large - small)
    for copies, total in counts.items():
        print(f"{copies:>5} copies   {total / 1e6:>10,.1f} M instructions")
    print(f"one file     {one / 1e6:>10,.1f} M instructions")
    print(f"a report     {marginal / 1e6:>10,.2f} M (marginal, {small} → {large} copies)")
    print(f"fixed        {(counts[small] - small * marginal) / 1e6:>10,.1f} M (a batch's total less its reports)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
