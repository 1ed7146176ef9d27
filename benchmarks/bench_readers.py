"""Reading speed per format: reports/second and, for PDF, pages/second, on one core.

    python benchmarks/bench_readers.py [--repeat 7] [--read-only] [--formats docx,html,pdf] [--clock cpu|wall]
                                       [--json results.json]

The inputs are the five seeds in every format (tests/fixtures/formats, the text seeds) and the real Huaian PDF
(6 pages), read from memory (the disk is not timed). Each figure is the median of ``--repeat`` passes over all the
files of a format, after one pass that is not counted (it imports lxml and PDFium and warms their caches: start-up
is never in a figure).

- "read" is the reader alone: the file's bytes to its blocks, through the reader plugins as ``auditor check``
  calls them (the other formats' content sniffing included, a few microseconds). Not included: the traditional-script
  conversion and the line limits that ``read_path`` applies after the reader (nothing to do on these inputs).
- "read + parse" adds the pre-lexer, the grammar and the builder: what ``auditor check`` spends on a file before
  the rules. ``--read-only`` skips it.

Time is the process's CPU time by default (``--clock cpu``): on a shared machine another process's load stretches
wall time, hardly CPU time. ``--clock wall`` measures elapsed time. The process is pinned to one core where the system
allows it.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
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


def passes(files: list[tuple[str, bytes]], repeat: int, parse: bool, clock: Callable[[], float]) -> float:
    """Median seconds of one pass over ``files``."""
    plugins = default_plugins()
    limits = Limits()
    times = []
    for _ in range(repeat + 1):
        started = clock()
        for path, data in files:
            document = plugins.read(path, data, limits)
            if parse:
                parse_document(document)
        times.append(clock() - started)
    return statistics.median(times[1:])  # the first pass warms caches (grammar, fonts)


def pages(files: list[tuple[str, bytes]]) -> int:
    import pypdfium2 as pdfium

    total = 0
    for _path, data in files:
        document = pdfium.PdfDocument(data)
        total += len(document)
        document.close()
    return total


def _rate(value: float | int | None) -> str:
    return "" if value is None else f"{value:.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--read-only", action="store_true", help="time the readers alone (no read + parse passes)")
    parser.add_argument("--formats", help="only these, comma-separated: text, docx, html, pdf (pdf includes Huaian)")
    parser.add_argument("--clock", choices=("cpu", "wall"), default="cpu", help="CPU time (default) or elapsed time")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    clock = time.process_time if args.clock == "cpu" else time.perf_counter
    wanted = set(args.formats.split(",")) if args.formats else None
    rows = []
    results = {}
    for name, files in inputs().items():
        if wanted is not None and name.split()[0] not in wanted:
            continue
        read = passes(files, args.repeat, False, clock)
        full = None if args.read_only else passes(files, args.repeat, True, clock)
        entry: dict[str, float | int | None] = {
            "files": len(files),
            "read_reports_per_s": len(files) / read,
            "reports_per_s": None if full is None else len(files) / full,
        }
        if name.startswith("pdf"):
            count = pages(files)
            entry.update(
                {
                    "pages": count,
                    "read_pages_per_s": count / read,
                    "pages_per_s": None if full is None else count / full,
                }
            )
        results[name] = entry
        rows.append((name, len(files), _rate(entry["read_reports_per_s"]), _rate(entry["reports_per_s"]),
                     _rate(entry.get("read_pages_per_s")), _rate(entry.get("pages_per_s"))))  # fmt: skip
    headers = ["format", "files", "read reports/s", "read + parse reports/s", "read pages/s", "read + parse pages/s"]
    print(f"{args.clock} time, median of {args.repeat} passes")
    print(tabulate(rows, headers=headers))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
