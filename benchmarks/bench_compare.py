"""This checkout against a git ref, side by side in one run: start-up, one-file check, batches; ratios printed.

    python benchmarks/bench_compare.py main~5                 # every figure, 7 runs each, 2,000-report batches
    python benchmarks/bench_compare.py v0.1.0 --runs 5 --copies 500 --jobs 2

The ref is exported (``git archive``) and installed once into its own virtual environment under
``~/.cache/auditor-bench/<commit>`` (set ``AUDITOR_BENCH_DIR`` to move it); this checkout runs from the environment
of the Python that runs this script. The two commands alternate run by run (A B A B …), so a machine whose speed
drifts slows both alike; medians and the ratio this/ref are printed. Each process's peak memory comes from the
kernel's accounting of that process (``wait4``). The outputs of the two sides are compared too: a speed change should
change no output. A benchmark, not a test: nothing here runs in CI.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from tabulate import tabulate

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "tests" / "fixtures" / "seeds").glob("*.txt"))


@dataclass
class Side:
    name: str
    auditor: Path
    wall: dict[str, list[float]] = field(default_factory=dict)
    rss: dict[str, list[int]] = field(default_factory=dict)
    cpu: dict[str, list[float]] = field(default_factory=dict)  # user + system seconds of the process and its children
    outputs: dict[str, bytes] = field(default_factory=dict)


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip()


def prepare_ref(ref: str) -> Path:
    """The ``auditor`` command of the ref, installed once into a cached virtual environment."""
    commit = _git("rev-parse", "--verify", f"{ref}^{{commit}}")
    base = Path(os.environ.get("AUDITOR_BENCH_DIR", Path.home() / ".cache" / "auditor-bench")) / commit[:12]
    command = base / "venv" / "bin" / "auditor"
    if command.exists():
        return command
    shutil.rmtree(base, ignore_errors=True)
    tree = base / "tree"
    tree.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", commit], cwd=ROOT, check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    print(f"installing {ref} ({commit[:12]}) into {base / 'venv'} …", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "venv", str(base / "venv")], check=True)
    subprocess.run([str(base / "venv" / "bin" / "pip"), "install", "--quiet", "-e", str(tree)], check=True)
    return command


def run(argv: list[str], env: dict[str, str]) -> tuple[float, float, int, bytes]:
    """Wall seconds, CPU seconds (user + system, the process and the children it waited for), peak RSS in kB and
    stdout of one process. On a machine shared with other work the CPU time is the steadier figure."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        process = subprocess.Popen(argv, stdout=out, stderr=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, out.read()


def measure(
    sides: list[Side], label: str, argv: list[str], runs: int, env: dict[str, str], program: str = "auditor"
) -> None:
    """``program`` is ``auditor`` or ``python`` of each side's environment."""
    for side in sides:  # warm-up: page cache, grammar cache, .pyc files
        run([str(side.auditor.with_name(program)), *argv], _side_env(env, side))
    for _ in range(runs):
        for side in sides:
            wall, cpu, rss, output = run([str(side.auditor.with_name(program)), *argv], _side_env(env, side))
            side.wall.setdefault(label, []).append(wall)
            side.cpu.setdefault(label, []).append(cpu)
            side.rss.setdefault(label, []).append(rss)
            side.outputs[label] = output


def _side_env(env: dict[str, str], side: Side) -> dict[str, str]:
    """Each side has its own cache folder: the two installs would otherwise replace each other's entry-point list
    (keyed by their environment) on every run, and each would pay a full scan of the installed distributions."""
    return {**env, "AUDITOR_CACHE_DIR": os.path.join(env["AUDITOR_CACHE_DIR"], side.name.replace("/", "_"))}


def batch_folder(work: Path, copies: int) -> Path:
    folder = work / "batch"
    folder.mkdir()
    texts = [seed.read_bytes() for seed in SEEDS]
    for i in range(copies):
        (folder / f"{i:05d}.txt").write_bytes(texts[i % len(texts)])
    return folder


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ref", help="a git ref to compare against (branch, tag, commit)")
    parser.add_argument("--runs", type=int, default=7, help="counted runs of each command (default 7)")
    parser.add_argument("--copies", type=int, default=2000, help="reports in the batch folder (default 2000)")
    parser.add_argument("--jobs", default="1,2", help="--jobs values for the batches (default 1,2)")
    parser.add_argument("--skip-batch", action="store_true", help="only start-up and one-file figures")
    args = parser.parse_args()

    this = Side("this", Path(sys.executable).parent / "auditor")
    ref = Side(args.ref, prepare_ref(args.ref))
    sides = [this, ref]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        env = {**os.environ, "AUDITOR_CACHE_DIR": str(work / "cache")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed for users: modules load from .pyc after the warm-up
        figures: list[tuple[str, int]] = []  # (label, reports per run; 0 = not a throughput figure)
        measure(sides, "python -c pass", ["-c", "pass"], args.runs, env, program="python")
        figures.append(("python -c pass", 0))  # the floor: what the interpreter alone costs on this machine now
        measure(sides, "auditor --version", ["--version"], args.runs, env)
        figures.append(("auditor --version", 0))
        measure(sides, "auditor rules", ["rules"], args.runs, env)
        figures.append(("auditor rules", 0))
        seed = str(SEEDS[0])
        measure(sides, "check one seed (json)", ["check", seed, "--format", "json", "--no-progress"], args.runs, env)
        figures.append(("check one seed (json)", 0))
        measure(sides, "check one seed (text)", ["check", seed, "--no-progress"], args.runs, env)
        figures.append(("check one seed (text)", 0))  # the default format: what a pre-commit hook prints
        if not args.skip_batch:
            folder = batch_folder(work, args.copies)
            for jobs in args.jobs.split(","):
                label = f"batch {args.copies} --jobs {jobs}"
                argv = ["check", str(folder), "--jobs", jobs, "--format", "json", "--no-progress"]
                measure(sides, label, argv, max(3, args.runs // 2), env)
                figures.append((label, args.copies))

    rows = []
    for label, reports in figures:
        a, b = statistics.median(this.wall[label]), statistics.median(ref.wall[label])
        ratios = [x / y for x, y in zip(this.wall[label], ref.wall[label], strict=True)]
        row = [label, f"{a * 1000:.0f} ms", f"{b * 1000:.0f} ms", f"{statistics.median(ratios):.2f}"]
        cpu_a, cpu_b = statistics.median(this.cpu[label]), statistics.median(ref.cpu[label])
        row += [f"{cpu_a * 1000:.0f} / {cpu_b * 1000:.0f} ms ({cpu_a / cpu_b:.2f})"]
        row += [f"{reports / a:.0f} / {reports / b:.0f}" if reports else ""]
        row += [f"{max(this.rss[label]) // 1024} / {max(ref.rss[label]) // 1024}"]
        row += ["same" if this.outputs[label] == ref.outputs[label] else "DIFFERENT"]
        rows.append(row)
    headers = ["figure", "this (median)", f"{args.ref} (median)", "ratio this/ref", "CPU this / ref (ratio)"]
    headers += ["reports/s", "peak MB", "output"]
    print(tabulate(rows, headers=headers, disable_numparse=True))
    # The second yardstick: the one-file check as a multiple of the interpreter's own start, same run.
    for label in ("check one seed (text)", "check one seed (json)"):
        parts = []
        for side in sides:
            wall = statistics.median(side.wall[label]) / statistics.median(side.wall["python -c pass"])
            cpu = statistics.median(side.cpu[label]) / statistics.median(side.cpu["python -c pass"])
            parts.append(f"{side.name} {wall:.1f}× wall, {cpu:.1f}× CPU")
        print(f"{label} / python -c pass (issue 12: ≤ 0.15 s or ≤ 8×): " + "; ".join(parts))
    print(f"\n{args.runs} runs each, alternating; ratio < 1 means this checkout is faster. CPU is the median user +")
    print("system time (steadier than wall time when other work shares the machine). Peak MB is the")
    print("largest single process of the tree (the kernel's accounting of the waited-for processes).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
