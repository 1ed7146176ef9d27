"""What start-up keeps from one run to the next (issue 12): the methods ``dataclasses`` generates
(``auditor.codecache``), the patterns ``re`` compiles from a fixed source (``auditor.patterns.install``), and the
cycle collector paused while a one-file check starts. Not timed: each test checks that what is kept is what would
have been made, that a run works without it, and that a batch still collects its garbage."""

from __future__ import annotations

import dataclasses
import gc
import json
import marshal
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from auditor import codecache, patterns
from tests.conftest import SEED_FILES


def _fresh_codecache(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if a new process started: the table is read again from the cache folder."""
    monkeypatch.setattr(codecache, "_table", None)
    monkeypatch.setattr(codecache, "_used", {})
    monkeypatch.setattr(codecache, "_dirty", False)
    monkeypatch.setattr(codecache.atexit, "register", lambda function: None)  # saved by hand, not at exit


def _define() -> list[type]:
    """Dataclasses of every kind dataclass() writes methods for: plain, frozen, ordered, slots, defaults."""

    @dataclasses.dataclass
    class Plain:
        """A plain one."""

        a: int
        b: list[int] = dataclasses.field(default_factory=list)
        c: str = "x"

    @dataclasses.dataclass(frozen=True, order=True, slots=True)
    class Frozen:
        """A frozen, ordered one with slots."""

        key: str
        weight: float = 1.0

    @dataclasses.dataclass(eq=False, kw_only=True)
    class KeywordsOnly:
        """Keyword-only fields, no equality."""

        name: str
        tags: tuple[str, ...] = ()

    return [Plain, Frozen, KeywordsOnly]


METHODS = ("__init__", "__repr__", "__eq__", "__lt__", "__le__", "__gt__", "__ge__", "__setattr__", "__delattr__")
METHODS += ("__hash__",)


def _methods(classes: list[type]) -> list[Any]:
    return [getattr(getattr(c, name, None), "__code__", None) for c in classes for name in METHODS]


def _uses(classes: list[type]) -> list[Any]:
    plain, frozen, keywords = classes
    one, two = plain(1), plain(1, [2], "y")
    shown = [repr(one), repr(two), one == plain(1), one == two, repr(keywords(name="n"))]
    shown += [frozen("a") < frozen("b"), hash(frozen("a", 2.0)) == hash(frozen("a", 2.0)), repr(frozen("k"))]
    with pytest.raises(dataclasses.FrozenInstanceError):
        frozen("a").key = "b"  # type: ignore[misc]
    with pytest.raises(TypeError):
        keywords("positional")  # type: ignore[misc]
    return shown


def test_cached_dataclass_methods_are_those_exec_compiles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(dataclasses, "exec", exec, raising=False)  # plain exec: the reference
    reference = _define()

    _fresh_codecache(monkeypatch)
    monkeypatch.delattr(dataclasses, "exec")
    codecache.install()
    assert dataclasses.exec is codecache.cached_exec  # type: ignore[attr-defined]
    first = _define()  # compiled, and kept
    codecache._save()
    assert list(tmp_path.glob("dataclass-*.marshal"))

    _fresh_codecache(monkeypatch)

    def no_compiling(*args: object, **kwargs: object) -> None:
        raise AssertionError("compiled again although cached")

    monkeypatch.setattr(codecache, "compile", no_compiling, raising=False)  # the module's compile(): unused now
    again = _define()
    assert codecache._dirty is False  # every source came from the file
    monkeypatch.undo()

    assert _methods(first) == _methods(reference) == _methods(again)  # code objects compare by what they run
    assert _uses(first) == _uses(reference) == _uses(again)


def test_exec_without_a_namespace_runs_in_its_caller(monkeypatch: pytest.MonkeyPatch) -> None:
    """As the builtin does: ``exec(source)`` alone reads and writes the calling function's namespace."""
    monkeypatch.setattr(codecache, "_table", {})
    monkeypatch.setattr(codecache, "_mark_dirty", lambda: None)
    marker, seen = "caller's", []  # noqa: F841  # read by the source below
    codecache.cached_exec("seen.append(marker)")  # the caller's globals and locals
    assert seen == ["caller's"]
    namespace: dict[str, Any] = {}
    codecache.cached_exec("found = METHODS", None, namespace)  # the caller's globals, the locals given
    assert namespace["found"] is METHODS
    module: dict[str, Any] = {}
    codecache.cached_exec("x = 1\ny = x + 1", module)
    assert (module["x"], module["y"]) == (1, 2)
    codecache.cached_exec(compile("z = 3", "<string>", "exec"), module)  # a code object passes straight through
    assert module["z"] == 3
    source = "def f(x: Undefined) -> None: pass"  # this module's `from __future__ import annotations` applies
    exec(source, plain := {})
    codecache.cached_exec(source, cached := {})
    assert cached["f"].__annotations__ == plain["f"].__annotations__ == {"x": "Undefined", "return": "None"}


def test_a_damaged_or_foreign_dataclass_cache_is_compiled_afresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path))
    path = tmp_path / f"dataclass-{sys.implementation.cache_tag}.marshal"
    source = "def f():\n return 1\n"
    damaged_entry = marshal.dumps([codecache._header(), {f"0:{source}": b"\xffjunk", "0:x = 1": marshal.dumps(3)}])
    for content in (b"\x00garbage", b"", marshal.dumps([["another", "python"], {"a": 1}]), damaged_entry):
        path.write_bytes(content)
        _fresh_codecache(monkeypatch)
        code = codecache.code_of(source)
        assert code == compile(source, "<string>", "exec", dont_inherit=True)
        assert codecache.code_of("x = 1") == compile("x = 1", "<string>", "exec", dont_inherit=True)
        codecache._save()
        _fresh_codecache(monkeypatch)
        assert codecache.code_of(source) == code and not codecache._dirty  # rewritten whole


def test_the_dataclass_cache_keeps_what_a_run_used_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(codecache, "_LIMIT", 3)
    _fresh_codecache(monkeypatch)
    for n in range(3):
        codecache.code_of(f"x = {n}")
    codecache._save()
    _fresh_codecache(monkeypatch)
    codecache.code_of("x = 99")  # a new source once the file is full: kept, the oldest of the others dropped
    codecache._save()
    _fresh_codecache(monkeypatch)
    assert list(codecache._load()) == ["0:x = 99", "0:x = 0", "0:x = 1"]


def _compile_literal(text: str) -> re.Match[str] | None:
    return re.search(r"(?P<year>20\d\d)年度?(?=报告)", text)  # a literal: its source is fixed by this code


def _bytes_literal(data: bytes) -> re.Match[bytes] | None:
    return re.fullmatch(rb"(\d+)-(\d+)", data)


def test_re_takes_the_patterns_the_code_fixes_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(patterns, "_table", None)
    monkeypatch.setattr(patterns, "_built", {})
    monkeypatch.setattr(patterns, "_mark_dirty", lambda: None)
    compiler = re._compiler  # type: ignore[attr-defined]
    monkeypatch.setattr(compiler, "compile", compiler.compile)  # restored after the test
    patterns.install()
    patterns.install()  # once only: not wrapped twice
    assert getattr(compiler.compile, "_cached_fixed_sources", False)
    (real,) = [cell.cell_contents for cell in compiler.compile.__closure__]  # what it falls back on
    assert not getattr(real, "_cached_fixed_sources", False)  # re's own compiler, not the wrapper again
    re.purge()
    found = _compile_literal("2023年度报告")
    assert found is not None and found.group("year") == "2023"
    table = patterns._load()
    assert (r"(?P<year>20\d\d)年度?(?=报告)", 0) in table
    assert found.re == real(r"(?P<year>20\d\d)年度?(?=报告)", 0)  # the pattern re's compiler makes

    assert _bytes_literal(b"12-34") is not None and (rb"(\d+)-(\d+)", 0) in table  # bytes patterns too

    # re's compiler called with no Python frame above it (an exit handler): compiled, not an error
    top = "import atexit, re, auditor.patterns as p; p.install(); atexit.register(re._compiler.compile, 'x+', 0)"
    assert subprocess.run([sys.executable, "-c", top], capture_output=True, text=True).stderr == ""

    built = "".join(["报告", str(len(table))])  # a source made at run time: compiled as before, never kept
    assert re.compile(built).search("本报告" + built[2:])
    assert (built, 0) not in table
    re.purge()


def _run_main(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether the collector was on when the files were audited, around an in-process ``auditor check``."""
    from auditor import batch

    seen: list[bool] = []
    real = batch.run_local

    def recording(*args: Any, **kwargs: Any) -> Any:
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(batch, "run_local", recording)
    from auditor.cli import main

    main([*argv, "--no-progress", "--format", "json"])
    return seen


def test_a_one_file_check_pauses_the_collector_and_a_batch_does_not(monkeypatch: pytest.MonkeyPatch) -> None:
    assert gc.isenabled()
    assert _run_main(["check", str(SEED_FILES["000"])], monkeypatch) == [False]
    assert gc.isenabled()  # resumed on return
    assert _run_main(["check", str(SEED_FILES["000"]), str(SEED_FILES["001"])], monkeypatch) == [True]
    assert gc.isenabled()
    gc.disable()  # the caller's choice is left alone
    try:
        assert _run_main(["check", str(SEED_FILES["000"]), str(SEED_FILES["001"])], monkeypatch) == [False]
        assert not gc.isenabled()
    finally:
        gc.enable()


PROBE = """
import json, sys
from auditor.cli import main
code = main(sys.argv[1:])
sys.stdout.flush()
print("\\n" + json.dumps({"code": code}))
"""


def _check(tmp_path: Path, cache: str) -> tuple[int, str]:
    env = {**os.environ, "AUDITOR_CACHE_DIR": cache}
    argv = ["check", str(SEED_FILES["003"]), "--format", "json", "--no-progress"]
    run = subprocess.run(
        [sys.executable, "-c", PROBE, *argv], cwd=tmp_path, env=env, capture_output=True, text=True, encoding="utf-8"
    )
    assert "Traceback" not in run.stderr, run.stderr
    output, _, tail = run.stdout.rpartition("\n{")
    return json.loads("{" + tail)["code"], output


def test_a_check_works_with_an_empty_a_warm_and_an_unusable_cache_folder(tmp_path: Path) -> None:
    """The caches only save time: an empty folder (the first run), a warm one, a damaged one and one that cannot
    be created (its parent is a file) give the same output."""
    cache = tmp_path / "cache"
    first = _check(tmp_path, str(cache))
    kept = sorted(p.name.split("-")[0] for p in cache.iterdir())
    assert "dataclass" in kept and "regex" in kept
    assert _check(tmp_path, str(cache)) == first
    for damaged in cache.glob("*.marshal"):
        damaged.write_bytes(b"\x00damaged")
    assert _check(tmp_path, str(cache)) == first
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    assert _check(tmp_path, str(blocker / "cache")) == first
    assert first[0] in (0, 1) and json.loads(first[1])["files"]


_FIRST_IMPORTS = """
import re, sys
for name in [m for m in sys.modules if m.split(".")[0] in (
    "pathlib", "urllib", "fnmatch", "hashlib", "auditor", "argparse", "gettext", "dataclasses"
)]:
    del sys.modules[name]
re.purge()
from auditor import codecache, patterns
patterns.install()
codecache.install()
import argparse  # its patterns load the cache, whose reader's imports compile patterns (urllib's): back in _load
from auditor import resources, model  # dataclasses defined while the code cache is being read
print("ok")
"""


def test_the_caches_load_when_reading_them_compiles_patterns_again(tmp_path: Path) -> None:
    """A fresh installation imports pathlib/urllib only when the cache's reader is first imported, from inside the
    first pattern's compilation: the nested compilation must find the table being read, not import it again."""
    run = subprocess.run(
        [sys.executable, "-c", _FIRST_IMPORTS],
        capture_output=True,
        text=True,
        env={**os.environ, "AUDITOR_CACHE_DIR": str(tmp_path)},
    )
    assert run.stdout.strip() == "ok", run.stderr
