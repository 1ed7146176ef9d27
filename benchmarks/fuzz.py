"""Fuzz the whole pipeline at length: hostile inputs in the four formats, audited as ``auditor check`` audits a file.

    python benchmarks/fuzz.py --minutes 30 [--jobs 2] [--budget 5] [--seed 1] [--save fuzz-crashes]

The inputs come from ``tests/fuzz/mutate.py`` (the generators the CI fuzz tests use): real and generated reports
as text (UTF-8, GB18030, UTF-16, mixed), DOCX, HTML and PDF, with byte flips, truncation, deletions, shuffled and
duplicated lines, many tables, huge/negative/full-width/Chinese numbers, odd digits, runs of digits, impossible
dates, control characters and escapes, long lines, tens of thousands of lines, deep HTML, corrupt zip members.

Each worker process builds one engine with the per-file budget (``--budget`` seconds, as ``--timeout``) and audits
input after input. Printed at the end (and every minute): inputs run and per minute, crashes (an SYS003 finding or
an exception), files stopped by the budget (one SYS006 — bounded, but slow inputs), files that ran past the budget
(the budget not enforced) and hung workers (killed after three budgets without a word), and the peak resident memory
of a worker. Every new crash (by signature) is shrunk to a small reproducer and saved in ``--save``, with a note
saying what it does; inputs that ran past the budget or hung are saved too.
"""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing
import os
import queue
import random
import re
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fuzz import mutate  # noqa: E402


def _signature(crash: str) -> str:
    """What identifies a crash across inputs: the exception type and where it was raised, without numbers."""
    frames = re.findall(r'File "([^"]+)", line (\d+), in (\w+)', crash)
    last = frames[-1] if frames else ("", "", "")
    head = crash.strip().splitlines()[-1] if crash.strip() else ""
    kind = re.split(r"[:(]", head, maxsplit=1)[0]
    return f"{Path(last[0]).name}:{last[2]}:{kind}" if frames else re.sub(r"\d+", "N", crash[:120])


def _shrink(engine: Any, path: Path, name: str, data: bytes, signature: str, tries: int = 300) -> bytes:
    """Delta debugging on bytes: drop ever smaller chunks while the crash keeps its signature."""
    chunk = max(1, len(data) // 2)
    while chunk >= 1 and tries > 0:
        start = 0
        while start < len(data) and tries > 0:
            candidate = data[:start] + data[start + chunk :]
            tries -= 1
            outcome = mutate.audit(engine, path, name, candidate)
            if outcome.crash and _signature(outcome.crash) == signature:
                data = candidate
            else:
                start += chunk
        chunk //= 2
    return data


def _worker(index: int, seed: int, budget: float, stop_at: float, folder: str, out: Any) -> None:
    from auditor.batch import quiet_gc
    from auditor.engine import Engine
    from auditor.plugins import Plugins
    from auditor.readers import Limits

    engine = Engine(Plugins(), limits=Limits(max_seconds=budget))
    engine.warm_up()
    quiet_gc()
    rng = random.Random(seed)
    seen: set[str] = set()
    count = timed_out = 0
    last_tick = time.monotonic()
    while time.time() < stop_at:
        name, data = mutate.any_input(rng)
        path = Path(folder) / f"worker{index}{Path(name).suffix}"
        outcome = mutate.audit(engine, path, name, data)
        count += 1
        timed_out += outcome.timed_out
        if outcome.crash:
            signature = _signature(outcome.crash)
            if signature not in seen:
                seen.add(signature)
                small = _shrink(engine, path, name, data, signature)
                out.put(("crash", index, name, signature, small, outcome.crash))
            else:
                out.put(("crash", index, name, signature, None, None))
        if outcome.over_budget:
            out.put(("over", index, name, round(outcome.seconds, 2), data))
        elif outcome.timed_out:
            out.put(("slow", index, name, round(outcome.seconds, 2), data))
        now = time.monotonic()
        if now - last_tick >= 1.0:
            out.put(("tick", index, count, timed_out, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))
            count = timed_out = 0
            last_tick = now
    out.put(("tick", index, count, timed_out, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))
    out.put(("done", index))


def _save(folder: Path, name: str, data: bytes, note: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(data).hexdigest()[:12]
    target = folder / f"{digest}-{name[:80]}"
    target.write_bytes(data)
    (folder / f"{target.name}.note.txt").write_text(note, encoding="utf-8")
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=1.0, help="how long to run (default 1)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes (default: cores)")
    parser.add_argument("--budget", type=float, default=5.0, help="per-file budget in seconds (--timeout)")
    parser.add_argument("--seed", type=int, default=int(time.time()), help="random seed (default: the time)")
    parser.add_argument("--save", default="fuzz-crashes", help="folder for new crashes and hangs")
    args = parser.parse_args()

    save = Path(args.save)
    stop_at = time.time() + args.minutes * 60
    scratch = tempfile.mkdtemp(prefix="auditor-fuzz-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None)
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    messages: Any = context.Queue()
    workers: dict[int, Any] = {}
    heard: dict[int, float] = {}
    seeds = iter(range(args.seed, args.seed + 1_000_000, 7919))

    def start(index: int) -> None:
        process = context.Process(
            target=_worker, args=(index, next(seeds), args.budget, stop_at, scratch, messages), daemon=True
        )
        process.start()
        workers[index] = process
        heard[index] = time.monotonic()

    for index in range(max(1, args.jobs)):
        start(index)
    total = timed_out = over = hung = 0
    crashes: dict[str, int] = {}
    peak_kb = 0
    began = time.monotonic()
    next_report = began + 60
    done: set[int] = set()
    print(f"fuzzing for {args.minutes:g} min with {len(workers)} worker(s), budget {args.budget:g} s, seed {args.seed}")
    try:
        while len(done) < len(workers):
            try:
                message = messages.get(timeout=1.0)
            except queue.Empty:
                message = None
            now = time.monotonic()
            if message is not None:
                kind, index = message[0], message[1]
                heard[index] = now
                if kind == "tick":
                    total += message[2]
                    timed_out += message[3]
                    peak_kb = max(peak_kb, message[4])
                elif kind == "crash":
                    _kind, _index, name, signature, small, detail = message
                    crashes[signature] = crashes.get(signature, 0) + 1
                    if small is not None:
                        where = _save(save, name, small, f"{signature}\n\n{detail}")
                        print(f"NEW CRASH {signature} → {where}", flush=True)
                elif kind == "over":
                    _kind, _index, name, seconds, data = message
                    over += 1
                    where = _save(save, name, data, f"ran {seconds} s, past the {args.budget:g}-second budget")
                    print(f"OVER BUDGET {seconds} s → {where}", flush=True)
                elif kind == "slow":
                    _kind, _index, name, seconds, data = message
                    where = _save(
                        save / "slow", name, data, f"stopped by the {args.budget:g}-second budget ({seconds} s)"
                    )
                    print(f"stopped by the budget: {name} ({len(data)} bytes, {seconds} s) → {where}", flush=True)
                elif kind == "done":
                    done.add(index)
            for index, process in list(workers.items()):
                silent = now - heard[index]
                if index not in done and silent > 3 * args.budget + 10:
                    hung += 1
                    process.kill()
                    process.join()
                    stuck = next(Path(scratch).glob(f"worker{index}.*"), None)
                    if stuck is not None:
                        where = _save(save, f"hang{stuck.suffix}", stuck.read_bytes(), "the worker hung")
                        print(f"HANG → {where}", flush=True)
                    if time.time() < stop_at:
                        start(index)
                    else:
                        done.add(index)
            if now >= next_report:
                minutes = (now - began) / 60
                print(f"  {minutes:5.1f} min: {total} inputs ({total / minutes:.0f}/min), "
                      f"{sum(crashes.values())} crashes, {over + hung} over budget", flush=True)  # fmt: skip
                next_report += 60
    finally:
        for process in workers.values():
            process.join(timeout=5)
            if process.is_alive():
                process.kill()
                process.join()
        shutil.rmtree(scratch, ignore_errors=True)
    minutes = (time.monotonic() - began) / 60
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = used.ru_utime + used.ru_stime
    print(f"inputs run:         {total} ({total / max(minutes, 1e-9):.0f} per minute over {minutes:.1f} min)")
    print(f"crashes:            {sum(crashes.values())} ({len(crashes)} distinct)")
    for signature, count in sorted(crashes.items(), key=lambda item: -item[1]):
        print(f"  {count:6d}  {signature}")
    print(f"stopped by budget:  {timed_out} (one SYS006 each: bounded)")
    print(f"over budget / hung: {over} / {hung}")
    print(f"peak RSS of a worker: {peak_kb // 1024} MB")
    print(f"projected for 30 min at this rate: {total / max(minutes, 1e-9) * 30:.0f} inputs")
    if cpu:  # what the machine's cores would do if the workers had them to themselves
        cores = os.cpu_count() or 1
        print(
            f"CPU time of the workers: {cpu:.0f} s ({total / cpu:.1f} inputs per CPU-second); on {cores} idle "
            f"core(s), 30 min would run about {total / cpu * cores * 1800:.0f} inputs"
        )
    return 1 if crashes or over or hung else 0


if __name__ == "__main__":
    sys.exit(main())
