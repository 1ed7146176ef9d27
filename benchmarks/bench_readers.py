"""Reading speed per format: reports/second (read + parse) and, for PDF, pages/second, on one core.

    python benchmarks/bench_readers.py [--repeat 7] [--json results.json]

The inputs are the five seeds in every format (tests/fixtures/formats, the text seeds) and the real Huaian PDF
(6 pages). Each figure is the median of ``--repeat`` passes over all the files of a format; "read" is the reader
alone (file bytes to blocks), "read + parse" adds the pre-lexer, the grammar and the builder — what ``auditor
check`` spends before the rules. The process is pinned to one core where the system allows it.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tabulate import tabulate  # noqa: E402

from auditor.parse import parse_document  # noqa: E402
from auditor.plugins import default_plugins  # noqa: E402
from auditor.readers import Limits  # noqa: E402

SEEDS = sorted((ROOT / "tests" / "fixtures" / "seeds").glob("*.txt"))
FORMATS = ROOT / "tests" / "fixtures" / "formats"
HUAIAN = ROOT / "tests" / "fixtures" / "real" / "huaian-municipal-2024.pdf"


def inputs() -> dict[str, list[tuple[str, bytes]]]:
    out: dict[str, list[tuple[str, bytes]]] = {"text": [(str(p), p.read_bytes()) for p in SEEDS]}
    for suffix in ("docx", "html", "pdf"):
        out[suffix] = [(str(p), p.read_bytes()) for p in (FORMATS / f"{s.stem}.{suffix}" for s in SEEDS)]
    out["pdf (Huaian, real)"] = [(str(HUAIAN), HUAIAN.read_bytes())]
    return out


def passes(files: list[tuple[str, bytes]], repeat: int, parse: bool) -> float:
    """Median seconds of one pass over ``files``."""
    plugins = default_plugins()
    limits = Limits()
    times = []
    for _ in range(repeat + 1):
        started = time.perf_counter()
        for path, data in files:
            document = plugins.read(path, data, limits)
            if parse:
                parse_document(document)
        times.append(time.perf_counter() - started)
    return statistics.median(times[1:])  # the first pass warms caches (grammar, fonts)


def pages(files: list[tuple[str, bytes]]) -> int:
    import pypdfium2 as pdfium

    total = 0
    for _path, data in files:
        document = pdfium.PdfDocument(data)
        total += len(document)
        document.close()
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    rows = []
    results = {}
    for name, files in inputs().items():
        read = passes(files, args.repeat, parse=False)
        full = passes(files, args.repeat, parse=True)
        entry: dict[str, float | int] = {
            "files": len(files),
            "read_reports_per_s": len(files) / read,
            "reports_per_s": len(files) / full,
        }
        if name.startswith("pdf"):
            count = pages(files)
            entry.update({"pages": count, "read_pages_per_s": count / read, "pages_per_s": count / full})
        results[name] = entry
        rows.append(
            (
                name,
                len(files),
                f"{entry['read_reports_per_s']:.0f}",
                f"{entry['reports_per_s']:.0f}",
                f"{entry['pages_per_s']:.0f} ({entry['read_pages_per_s']:.0f} read)" if "pages" in entry else "",
            )
        )
    print(
        tabulate(
            rows, headers=["format", "files", "read reports/s", "read + parse reports/s", "pages/s (read + parse)"]
        )
    )
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
