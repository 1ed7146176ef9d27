"""The workbench's list page with 200 reports' results: milliseconds per request (target: under 300 ms).

    python benchmarks/bench_serve.py [--reports 200] [--repeat 21]

The five seeds are audited once; their results are recorded 200 times under different paths and bodies (40
bodies, five years each, as an office's spring intake looks), a quarter of the findings get a decision, and the
folder holds the 200 files so that every row is served. Then ``GET /`` (the list with verdicts recomputed from the
decisions), ``GET /?verdict=fail&sort=errors&order=desc`` and one report page are timed through Flask's test client
(routing, store queries, template rendering; no network). Each figure is the median of ``--repeat`` requests.
"""

from __future__ import annotations

import argparse
import copy
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tabulate import tabulate  # noqa: E402

from auditor.engine import Engine  # noqa: E402
from auditor.plugins import Plugins  # noqa: E402
from auditor.rule import ERROR  # noqa: E402
from auditor.store import CONFIRMED, DISMISSED, Store  # noqa: E402
from auditor.web import create_app  # noqa: E402

SEEDS = sorted((ROOT / "tests" / "fixtures" / "seeds").glob("*.txt"))


def fill(folder: Path, db: str, reports: int) -> None:
    engine = Engine(Plugins())
    results = [engine.check_file(str(seed), keep_tables=True) for seed in SEEDS]
    store = Store(db)
    run = store.begin_run(str(folder), ERROR, reports)
    for number in range(reports):
        seed = SEEDS[number % len(SEEDS)]
        result = copy.deepcopy(results[number % len(SEEDS)])
        result.path = str(folder / f"body{number // 5:03d}-{2019 + number % 5}.txt")
        result.body = f"第{number // 5}号镇人民政府"
        result.year = 2019 + number % 5
        shutil.copy(seed, result.path)
        stored = store.add_result(run, result)
        for index, finding in enumerate(result.findings):
            if index % 4 == 0:
                status, reason = (DISMISSED, "本地口径") if index % 8 == 0 else (CONFIRMED, "")
                store.decide(stored, finding.fingerprint, finding.code, status, "bench", reason)
    store.finish_run(run)
    store.close()


def timed(client: object, url: str, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url)  # type: ignore[attr-defined]
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=21)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="auditor-bench-serve-"))
    try:
        folder = work / "reports"
        folder.mkdir()
        db = str(work / "review.db")
        start = time.perf_counter()
        fill(folder, db, args.reports)
        filled = time.perf_counter() - start
        app = create_app(str(folder), db)
        client = app.test_client()
        page = client.get("/").get_data(as_text=True)
        assert page.count('<a class="path" href="/report/') == args.reports
        rows = [
            ("GET / (list)", timed(client, "/", args.repeat)),
            (
                "GET /?verdict=fail&sort=errors&order=desc",
                timed(client, "/?verdict=fail&sort=errors&order=desc", args.repeat),
            ),
            (
                "GET /report/… (one report, tables drawn)",
                timed(client, f"/report/{os.listdir(folder)[0]}", args.repeat),
            ),
        ]
        print(f"{args.reports} reports recorded with decisions in {filled:.1f} s; median of {args.repeat} requests:")
        print(tabulate([(name, f"{ms:.1f}") for name, ms in rows], headers=["request", "ms"]))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
