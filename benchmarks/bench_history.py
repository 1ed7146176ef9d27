"""Instructions per report, stage by stage, of git refs side by side: where a regression between two commits lies.

    python benchmarks/bench_history.py before-session main          # every stage and rule, two refs
    python benchmarks/bench_history.py A B C --only prelex,builder   # bisecting one stage: a minute or so a ref

On a shared machine CPU times swing by tens of percent from one run to the next, too much to bisect a 2 % change.
The instructions a stage executes do not: each ref runs once under valgrind's callgrind, with instrumentation
switched off until the engine is loaded and warmed up, and the counters zeroed and dumped around each stage (client
requests, through a four-line C shim built with gcc from valgrind's ``callgrind.h``). The stages are those of
``bench_stages.py``: reading, the pre-lexer, the LALR parse, the builder, metadata, the narrative, the whole of
``parse_document``, the rules, each batch check's facts, the JSON of a result and each rule alone (a rule alone
rebuilds what the rules share per report, e.g. the identities' cell index, so the rules' figures do not add up to
``rules``).

Each ref is exported (``git archive``) once under ``~/.cache/auditor-bench/stages`` (``AUDITOR_BENCH_DIR`` moves it)
and imported from there by this environment's Python, with the ref's own entry points (a ``.dist-info`` written from
its ``pyproject.toml``): the ref's rules, readers and reporters are the ones measured, which is checked. Stages a ref
does not have (no narrative before it existed) are left blank. Two runs of one ref agree within about 0.5 % (hash
seed fixed; objects hashed by address still vary): a smaller change needs a focused stage, not ``whole check_file``.
``bench_instructions.py`` counts this checkout's front stages; this script compares commits. Needs valgrind, gcc
and ``valgrind/callgrind.h``. A benchmark, not a test: nothing here runs in CI.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEEDS = str(ROOT / "tests" / "fixtures" / "seeds" / "*.txt")
BASE = Path(os.environ.get("AUDITOR_BENCH_DIR", Path.home() / ".cache" / "auditor-bench")) / "stages"
SHIM = """#include <valgrind/callgrind.h>
void start(void) { CALLGRIND_START_INSTRUMENTATION; }
void zero(void) { CALLGRIND_ZERO_STATS; }
void dump(const char *name) { CALLGRIND_DUMP_STATS_AT(name); }
"""
MAIN_STAGES = ["whole check_file", "read", "prelex", "lalr", "builder", "metadata", "narrative", "parse_document"]


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip()


def shim() -> Path:
    """The shared library whose functions are callgrind's client requests (built once)."""
    library = BASE / "callgrind_shim.so"
    if not library.exists():
        BASE.mkdir(parents=True, exist_ok=True)
        source = BASE / "callgrind_shim.c"
        source.write_text(SHIM, encoding="utf-8")
        subprocess.run(["gcc", "-shared", "-fPIC", "-O1", "-o", str(library), str(source)], check=True)
    return library


def export(ref: str) -> Path:
    """The ref's tree, importable as it would be installed: its package folders where setuptools maps them and its
    entry points in a ``.dist-info`` of its own."""
    commit = _git("rev-parse", "--verify", f"{ref}^{{commit}}")
    tree = BASE / commit[:12]
    if (tree / "auditor").is_dir():
        return tree
    shutil.rmtree(tree, ignore_errors=True)
    tree.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", commit], cwd=ROOT, check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    project = tomllib.loads((tree / "pyproject.toml").read_text(encoding="utf-8"))
    mapped = project.get("tool", {}).get("setuptools", {}).get("package-dir", {})
    for package, folder in mapped.items():
        target = tree / package.replace(".", "/")
        if package != folder and not target.exists() and (tree / folder).is_dir():
            target.symlink_to(Path(os.path.relpath(tree / folder, target.parent)), target_is_directory=True)
    info = tree / "gov_report_auditor-0.0.dist-info"
    info.mkdir()
    name = project["project"]["name"]
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 0.0\n", encoding="utf-8")
    lines = []
    for group, points in project["project"].get("entry-points", {}).items():
        lines += [f"[{group}]", *(f"{key} = {value}" for key, value in points.items())]
    (info / "entry_points.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tree


def measure(ref: str, only: list[str], files: str, rules: bool) -> dict[str, float]:
    tree = export(ref)
    out = BASE / f"{tree.name}.callgrind"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    env = {**os.environ, "PYTHONPATH": str(tree), "AUDITOR_CACHE_DIR": str(tree / ".cache-auditor")}
    env["PYTHONHASHSEED"] = "0"  # str hashes (set and dict order) vary run to run, and with them the counts a little
    inner = [sys.executable, __file__, "--inner", files, "--only", ",".join(only)] + (["--rules"] if rules else [])
    subprocess.run(inner, cwd=tree, env=env, check=True, capture_output=True)  # caches filled outside valgrind
    valgrind = ["valgrind", "--tool=callgrind", "--instr-atstart=no", f"--callgrind-out-file={out}/dump"]
    run = subprocess.run(valgrind + inner + ["--shim", str(shim())], cwd=tree, env=env, capture_output=True, text=True)
    if run.returncode != 0:
        raise SystemExit(f"{ref}: the measured run failed:\n{run.stderr[-2000:]}")
    reports = len(glob.glob(files))
    figures: dict[str, float] = {}
    for dump in out.glob("dump.*"):
        text = dump.read_text(encoding="utf-8", errors="replace")
        stage = re.search(r"Client Request: (.*)", text)
        total = re.search(r"^(?:summary|totals): (\d+)", text, re.MULTILINE)
        if stage and total:
            figures[stage.group(1).strip()] = int(total.group(1)) / reports / 1e6
    return figures


def inner(files: str, only: list[str], rules: bool, library: str | None) -> None:
    """Runs in the ref's tree: each stage once over the files, counted (under callgrind) or just run (warm-up)."""
    import ctypes

    import auditor

    here = os.getcwd()
    if not auditor.__file__ or not auditor.__file__.startswith(here):
        raise SystemExit(f"auditor imported from {auditor.__file__}, not from {here}")
    from auditor import metadata
    from auditor.batch import Settings, build_engine, quiet_gc
    from auditor.config import Config
    from auditor.grammar import grammar
    from auditor.parse import parse_document, prelexer
    from auditor.readers import Limits, read_path
    from auditor.rule import RuleContext, Severity
    from auditor.transform import REDUCTIONS, Builder

    paths = sorted(glob.glob(files))
    counters = ctypes.CDLL(library) if library else None

    def stage(name: str, items: list[Any], work: Any) -> None:
        if only and not any(name.startswith(prefix) for prefix in only):
            return
        for item in items:  # warm: lazy patterns and caches are the first report's cost, not every report's
            work(item)
        if counters is not None:
            counters.zero()
        for item in items:
            work(item)
        if counters is not None:
            counters.dump(name.encode())

    engine = build_engine(Settings(Config(), Limits()))
    engine.warm_up()
    quiet_gc()
    for path in paths:
        engine.check_file(path)
    foreign = [m.__file__ for k, m in sys.modules.items() if k.startswith("auditor") and getattr(m, "__file__", None)]
    if any(not name.startswith(here) for name in foreign):
        raise SystemExit(f"modules from outside {here}: {[n for n in foreign if not n.startswith(here)]}")
    if counters is not None:
        counters.start()
    stage("whole check_file", paths, engine.check_file)
    documents = [read_path(path, engine.plugins, engine.limits) for path in paths]
    stage("read", paths, lambda path: read_path(path, engine.plugins, engine.limits))
    lexer, parser = prelexer(), grammar()
    stage("prelex", documents, lexer.tokens)
    tokens = [lexer.tokens(document) for document in documents]
    parts = {}
    for document, its_tokens in zip(documents, tokens, strict=True):
        try:
            parts[id(document)] = parser.parse(its_tokens, "report", REDUCTIONS)
        except Exception:  # out of the template's order: parse_document takes the loose grammar
            continue
    stage(
        "lalr",
        [t for d, t in zip(documents, tokens, strict=True) if id(d) in parts],
        lambda t: parser.parse(t, "report", REDUCTIONS),
    )
    labels = parser.official_labels()
    read = [d for d in documents if id(d) in parts]
    stage("builder", read, lambda d: Builder(d, labels).build(parts[id(d)]))
    stage("metadata", documents, lambda d: metadata.extract(d.lines))
    reports = [parse_document(document) for document in documents]
    if (Path(here) / "auditor" / "narrative.py").exists():
        from auditor import narrative

        stage("narrative", reports, narrative.extract)
    stage("parse_document", documents, parse_document)
    stage("rules", reports, lambda report: engine.check_report(report, report.source.path))
    for check in getattr(engine, "batch_checks", []):
        stage(f"facts {check.name}", reports, check.facts)
    results = [engine.check_file(path) for path in paths]

    def as_json(result: Any) -> str:
        if hasattr(result, "json_text"):  # what the JSON writer writes, since it stopped building dictionaries
            return str(result.json_text(Severity.ERROR))
        try:
            return json.dumps(result.to_json(Severity.ERROR), ensure_ascii=False)
        except TypeError:  # before verdicts, to_json() took no threshold
            return json.dumps(result.to_json(), ensure_ascii=False)

    stage("json of a result", results, as_json)
    if not rules:
        return
    options = getattr(engine, "options", None)
    for found in engine.rules:
        applying = [r for r in reports if found.applies_to(r.variant)]

        def run(report: Any, found: Any = found) -> object:
            context = RuleContext(found, report.source.path, *([options] if options is not None else []))
            return list(found.check(report, context))

        stage(f"rule {found.code}", applying, run)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("refs", nargs="*", help="git refs (commits, tags, branches), oldest first")
    parser.add_argument("--only", default="", help="stages to count, by prefix, comma-separated (default: all)")
    parser.add_argument("--files", default=SEEDS, help="a glob (default: the seeds)")
    parser.add_argument("--rules", action="store_true", help="also each rule alone")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    parser.add_argument("--inner", metavar="GLOB", help=argparse.SUPPRESS)
    parser.add_argument("--shim", help=argparse.SUPPRESS)
    args = parser.parse_args()
    only = [s for s in args.only.split(",") if s]
    if args.inner:
        inner(args.inner, only, args.rules, args.shim)
        return 0
    if not args.refs:
        parser.error("name at least one ref")
    missing = [tool for tool in ("valgrind", "gcc") if shutil.which(tool) is None]
    if missing or not Path("/usr/include/valgrind/callgrind.h").exists():
        raise SystemExit("needs valgrind, gcc and valgrind/callgrind.h (apt-get install valgrind gcc)")
    figures = {ref: measure(ref, only, args.files, args.rules) for ref in args.refs}
    stages = list(dict.fromkeys([s for s in MAIN_STAGES if any(s in f for f in figures.values())] + [
        s for f in figures.values() for s in f
    ]))  # fmt: skip
    first, last = figures[args.refs[0]], figures[args.refs[-1]]
    rows = []
    for name in stages:
        cells = [f"{figures[ref][name]:.3f}" if name in figures[ref] else "" for ref in args.refs]
        change = f"{last[name] - first[name]:+.3f}" if name in first and name in last else ""
        rows.append([name, *cells, change])
    from tabulate import tabulate

    print(f"{len(glob.glob(args.files))} files; million instructions per report (callgrind)")
    print(tabulate(rows, headers=["stage", *args.refs, "last − first"], disable_numparse=True))
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
