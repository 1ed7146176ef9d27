"""Does compiling the hot modules with mypyc pay? Two copies of this tree, one built with mypyc, measured side by side.

    python benchmarks/bench_mypyc.py [--modules auditor/prelex.py,…] [--rounds 3] [--stages check,prelex,…]
                                     [--batch 2000] [--jobs 1,2] [--runs 2] [--keep DIR]

An experiment, not a build of the package: nothing is installed and nothing in the tree is changed. The tree is
copied twice into a temporary folder, laid out as installed (``rules/`` as ``auditor/rules`` …); the same
mypyc-compatibility edits (:data:`EDITS`) are made in both copies, so that the two differ only in being compiled;
the listed modules of one copy are compiled in place (``mypyc.build.mypycify``, one shared library inside the
package). Each copy then runs from its own folder with this venv's Python: first the JSON of the seeds, which must be
byte for byte the same; then instructions per report of ``bench_instructions.py``'s stages (callgrind: the figure
that does not move on a loaded machine), and on request the CPU time of a batch of ``--batch`` copies of the seeds,
``auditor check DIR --jobs N --format json``, pure and compiled runs interleaved, best of ``--runs``.

Needs mypy (the dev extra), a C compiler and valgrind. A benchmark, not a test: nothing here runs in CI.

Measured on 2026-12-01 (main c53d858, mypy 2.4.1, gcc 12, 2-core machine shared at load 4–13; this script's
defaults plus ``--batch 2000``). Compiled: prelex, transform, narrative, metadata, document, model, recover. The
JSON of the seeds and of the batch: identical. Instructions per report on the seeds, pure → compiled:

    check_file 20.26 M → 18.61 M  1.089×     prelex   2.81 M → 1.86 M  1.513×     builder 2.76 M → 2.44 M  1.130×
    metadata    1.18 M →  1.09 M  1.085×     LALR     1.86 M → 1.73 M  1.074×
    read        3.54 M →  3.65 M  0.971×     rules    3.85 M → 4.01 M  0.959×  (interpreted code reaching the
                                                                                model's classes, native once compiled)

CPU time of the batch of 2,000 seed copies (best of 2, interleaved): ``--jobs 1`` 11.53 s → 11.06 s (1.04×),
``--jobs 2`` 12.96 s → 11.83 s (1.10×); an earlier pair of ``--jobs 1`` runs gave 1.06×. Far from the 1.3× that
would pay for a second build: a report's time is spread over many modules (the rules and the text reader cannot be
compiled while they hold ``@hookimpl`` functions), and mypyc speeds up this code, whose core is untyped (``Any``
payloads, lark tokens, calls into ``re``), by 1.1–1.5× a module. lark-cython's parser, tried on the same tokens (it
needs its own token class, so the pre-lexer's ``Tok`` would have to change), took 0.18 → 0.14 ms a report with the
same callbacks: about 1 % of a check.

What mypyc needs of a module it compiles (found here; :data:`EDITS` makes the second and the metadata loop):
- no subclass of a Python class (``Tok`` was a subclass of ``lark.Token``, moved to ``auditor/grammar.py`` for this
  measurement; it is a class of its own now);
- no aliases in a class body (``overview = _section`` in ``transform.Reductions``: moved to a module of its own);
- no function that a decorator gives attributes (pluggy's ``@hookimpl``: the plugin modules, ``readers/text.py``,
  ``rules/*.py``, cannot be compiled as they are);
- no ``if TYPE_CHECKING: … else: X = …`` (the ``else`` is compiled as unreachable: ``normalize.py``'s lazy
  Levenshtein fails at import);
- annotations that are true: mypyc checks them at run time (``grammar.aliases()`` was ``dict[str, list[str]]`` with a
  ``"$comment"`` string; a TypeError once compiled);
- generator expressions become lists (``islice`` of a generator over every line reads every line:
  ``metadata._title`` got slower until written as a loop, the third edit);
- no source to read: ``inspect.getsource`` fails on a compiled module, and ``tests/test_docs.py`` builds the model
  reference from ``model.py``'s classes (the one failure of the full suite, 1155 passed, run against the compiled
  copy with ``--import-mode=append``);
- a compiled function has no Python frame (``patterns._fixed`` does not see a compiled module's constants, so those
  patterns are compiled without the pattern cache) and cannot be monkeypatched for the module's own callers.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "fixtures" / "seeds"
DEFAULT_MODULES = (
    "auditor/prelex.py",
    "auditor/transform.py",
    "auditor/narrative.py",
    "auditor/metadata.py",
    "auditor/document.py",
    "auditor/model.py",
    "auditor/recover.py",
)
# Copied as installed (pyproject's package-dir): folder in the tree → folder in the copy.
LAYOUT = {
    "auditor": "auditor",
    "rules": "auditor/rules",
    "grammars": "auditor/grammars",
    "schemas": "auditor/schemas",
    "benchmarks": "benchmarks",
    "tests/fixtures/seeds": "tests/fixtures/seeds",
}
MYPY_INI = "[mypy]\npython_version = 3.11\nignore_missing_imports = True\nwarn_unused_ignores = False\n"


def _reductions_outside(copy: Path) -> None:
    """``transform.Reductions`` (aliases in a class body) to a module of its own, which is not compiled."""
    path = copy / "auditor" / "transform.py"
    source = path.read_text(encoding="utf-8")
    found = re.search(r"\nclass Reductions:\n(?:    .*\n|\n)*?(?=\n\S)", source)
    if found is None or "\nREDUCTIONS = Reductions()\n" not in source:
        raise LookupError("class Reductions not found in auditor/transform.py")
    path.write_text(source.replace(found.group(0), "\n").replace("\nREDUCTIONS = Reductions()\n", "\n"), "utf-8")
    header = "from typing import Any\n\nfrom auditor.transform import SECTION_BY_TERMINAL, Part, _flatten, _parts\n"
    module = header + found.group(0) + "\n\nREDUCTIONS = Reductions()\n"
    (copy / "auditor" / "reductions.py").write_text(module, encoding="utf-8")
    for user in ("auditor/parse.py", "benchmarks/bench_instructions.py", "benchmarks/bench_stages.py"):
        text = (copy / user).read_text(encoding="utf-8")
        text = re.sub(
            r"(?m)^( *)from auditor\.transform import REDUCTIONS, Builder",
            r"\1from auditor.reductions import REDUCTIONS\n\1from auditor.transform import Builder",
            text,
        )
        (copy / user).write_text(text, encoding="utf-8")


def _title_as_loop(copy: Path) -> None:
    """``metadata._title``'s first 20 candidate lines by a loop: mypyc makes a generator cut by ``islice`` a list."""
    path = copy / "auditor" / "metadata.py"
    source = path.read_text(encoding="utf-8")
    found = re.search(r"\n    stripped = \(\(i, _past_breadcrumb.*\n    candidates = list\(\n.*\n    \)\n", source)
    if found is None:
        raise LookupError("the candidates of metadata._title not found")
    loop = (
        "\n    candidates: list[tuple[int, str]] = []\n    for i, raw in enumerate(text.lines):\n"
        '        line = _past_breadcrumb(raw.strip()) if raw.strip() else ""\n'
        "        if line and not _CRAWLER_KEY.match(line):\n            candidates.append((i, line))\n"
        "            if len(candidates) == 20:\n                break\n"
    )
    path.write_text(source.replace(found.group(0), loop), encoding="utf-8")


# Edits made in both copies (what mypyc cannot compile, written another way) → the module that needs each.
EDITS: dict[str, tuple[Callable[[Path], None], str]] = {
    "Reductions to a module of its own": (_reductions_outside, "auditor/transform.py"),
    "metadata._title as a loop": (_title_as_loop, "auditor/metadata.py"),
}


def make_copy(folder: Path) -> None:
    for source, target in LAYOUT.items():
        shutil.copytree(ROOT / source, folder / target, ignore=shutil.ignore_patterns("__pycache__", "*.so"))
    (folder / "mypy.ini").write_text(MYPY_INI, encoding="utf-8")


def apply_edits(copies: list[Path], modules: list[str]) -> list[str]:
    """Make :data:`EDITS` in every copy; a module whose edit no longer applies is left out of the compiled list."""
    for name, (edit, module) in EDITS.items():
        try:
            for copy in copies:
                edit(copy)
        except LookupError as error:
            print(f"edit {name!r} does not apply ({error}); {module} is not compiled", file=sys.stderr)
            modules = [m for m in modules if m != module]
    return modules


def compile_copy(copy: Path, modules: list[str]) -> None:
    script = (
        "import sys\nfrom setuptools import setup\nfrom mypyc.build import mypycify\n"
        "setup(name='auditor-mypyc-experiment', script_args=['build_ext', '--inplace'],\n"
        "      ext_modules=mypycify(sys.argv[1:], opt_level='3', group_name='auditor._native'))\n"
    )
    result = subprocess.run([sys.executable, "-c", script, *modules], cwd=copy, capture_output=True, text=True)
    if result.returncode:
        errors = [line for line in result.stdout.splitlines() + result.stderr.splitlines() if "error" in line]
        raise SystemExit("mypyc build failed:\n" + "\n".join(errors[-30:]))


def run_auditor(copy: Path, arguments: list[str], output: Path) -> float:
    """``auditor`` run from ``copy``; the CPU seconds of the process and its workers."""
    env = {**os.environ, "PYTHONPATH": str(copy), "AUDITOR_CACHE_DIR": str(copy / ".cache")}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    command = [sys.executable, "-m", "auditor", *arguments, "--format", "json", "--no-progress", "-o", str(output)]
    result = subprocess.run(command, cwd=copy, env=env, capture_output=True, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode not in (0, 1):
        raise SystemExit(f"auditor failed in {copy}:\n{result.stderr[-2000:]}")
    return after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def instructions(copy: Path, stages: str, rounds: int) -> dict[str, int]:
    env = {**os.environ, "AUDITOR_CACHE_DIR": str(copy / ".cache")}
    command = [sys.executable, str(copy / "benchmarks" / "bench_instructions.py"), "--stages", stages]
    result = subprocess.run([*command, "--rounds", str(rounds)], cwd=copy, env=env, capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"bench_instructions failed in {copy}:\n{result.stderr[-2000:]}")
    return {m[1]: int(m[2].replace(",", "")) for m in re.finditer(r"^(\w+)\s+([\d,]+)$", result.stdout, re.M)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--modules", default=",".join(DEFAULT_MODULES), help="comma-separated, as in the copy")
    parser.add_argument("--stages", default="check,read,prelex,lalr,builder,metadata,rules", help="callgrind stages")
    parser.add_argument("--rounds", type=int, default=3, help="callgrind rounds over the seeds (default 3)")
    parser.add_argument("--batch", type=int, default=0, help="also time a batch of this many seed copies")
    parser.add_argument("--jobs", default="1,2", help="--jobs values of the batch (default 1,2)")
    parser.add_argument("--runs", type=int, default=2, help="batch runs of each build, interleaved (default 2)")
    parser.add_argument("--keep", metavar="DIR", help="build the copies in DIR and keep them")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args()
    if shutil.which("valgrind") is None and args.stages:
        parser.error("valgrind is not installed (give --stages '' to skip the instruction counts)")
    work = Path(args.keep or tempfile.mkdtemp(prefix="bench-mypyc-"))
    builds = {"pure": work / "pure", "compiled": work / "compiled"}
    for copy in builds.values():
        shutil.rmtree(copy, ignore_errors=True)
        make_copy(copy)
    modules = apply_edits(list(builds.values()), [m.strip() for m in args.modules.split(",") if m.strip()])
    print(f"compiling {len(modules)} modules: {', '.join(modules)}", flush=True)
    compile_copy(builds["compiled"], modules)

    seeds = sorted(
        str(path.relative_to(builds["pure"])) for path in (builds["pure"] / "tests/fixtures/seeds").glob("*")
    )
    outputs = {name: work / f"seeds-{name}.json" for name in builds}
    for name, copy in builds.items():
        run_auditor(copy, ["check", *seeds], outputs[name])
    same = outputs["pure"].read_bytes() == outputs["compiled"].read_bytes()
    print(f"JSON of the seeds: {'identical' if same else 'DIFFERENT'}")
    figures: dict[str, object] = {"modules": modules, "identical": same}

    if args.stages:
        counts = {name: instructions(copy, args.stages, args.rounds) for name, copy in builds.items()}
        figures["instructions"] = counts
        print(f"\n{'stage':10s} {'pure':>12s} {'compiled':>12s}  ratio (instructions per report, callgrind)")
        for stage, pure in counts["pure"].items():
            compiled = counts["compiled"].get(stage, 0)
            print(f"{stage:10s} {pure:>12,} {compiled:>12,}  {pure / compiled if compiled else 0:.3f}×")

    if args.batch:
        folder = work / "batch"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir()
        sources = sorted(SEEDS.glob("*.txt"))
        for n in range(args.batch):
            source = sources[n % len(sources)]
            shutil.copyfile(source, folder / f"{n:06d}{source.suffix}")
        batches: dict[str, dict[str, float]] = {}
        for jobs in [j.strip() for j in args.jobs.split(",") if j.strip()]:
            best = dict.fromkeys(builds, float("inf"))
            for _run in range(args.runs):
                for name, copy in builds.items():  # interleaved: pure, compiled, pure, compiled …
                    seconds = run_auditor(copy, ["check", str(folder), "--jobs", jobs], work / f"batch-{name}.json")
                    best[name] = min(best[name], seconds)
            same_batch = (work / "batch-pure.json").read_bytes() == (work / "batch-compiled.json").read_bytes()
            batches[jobs] = best
            print(
                f"\nbatch of {args.batch}, --jobs {jobs}: CPU s (best of {args.runs}) pure {best['pure']:.2f}, "
                f"compiled {best['compiled']:.2f}: {best['pure'] / best['compiled']:.3f}×; "
                f"output {'identical' if same_batch else 'DIFFERENT'}"
            )
        figures["batch_cpu_seconds"] = batches
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2), encoding="utf-8")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
