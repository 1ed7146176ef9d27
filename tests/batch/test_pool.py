"""The local process pool: chunked dispatch keeps the order of the paths, a file that raises, cannot be sent back or
kills its worker process is that file's one finding and loses no other file's result, the time budget holds in the
workers, and results written as JSON in the workers read as those written here."""

from __future__ import annotations

import gc
import json
import multiprocessing
import os
import pickle
import shutil
import time
import types
from pathlib import Path

import pytest

from auditor import batch
from auditor.batch import RenderedResult, Settings, chunks, run_local
from auditor.cli import main
from auditor.config import Config
from auditor.engine import Engine, FileResult
from auditor.hookspecs import hookimpl
from auditor.plugins import Plugins
from auditor.readers import Limits
from auditor.rule import WARNING, Severity, Text, rule
from tests.conftest import SEEDS

needs_fork = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(),
    reason="the test's engine reaches the workers only by fork",
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds copied twelve times (60 files), so that the pool has several chunks."""
    root = tmp_path_factory.mktemp("pool")
    seeds = sorted(SEEDS.glob("*.txt"))
    for index in range(60):
        shutil.copy(seeds[index % len(seeds)], root / f"r{index:03d}.txt")
    return root


def _paths(folder: Path) -> list[str]:
    return sorted(str(p) for p in folder.glob("*.txt"))


@pytest.mark.parametrize("count", [1, 2, 7, 31, 100, 2000])
@pytest.mark.parametrize("jobs", [2, 8])
def test_chunks_cover_every_path_in_order_and_shrink_towards_the_end(count: int, jobs: int) -> None:
    paths = [f"{i}.txt" for i in range(count)]
    made = list(chunks(paths, jobs))
    assert [p for chunk in made for p in chunk] == paths
    sizes = [len(chunk) for chunk in made]
    assert all(1 <= size <= batch.MAX_CHUNK for size in sizes)
    assert sizes == sorted(sizes, reverse=True)  # the last chunks are the smallest: the workers end together
    assert sizes[-1] == 1


def _message(result: FileResult) -> str:
    """The English message of the file's first finding, as the JSON gives it (also of a result written in a worker)."""
    return str(json.loads(result.json_text(Severity.ERROR))["findings"][0]["message"]["en"])


class _Breaking(Engine):
    """An engine whose ``check_file`` fails on chosen files, each in its own way (inherited by forked workers)."""

    def check_file(self, path: str, keep_report: bool = False, keep_tables: bool = False) -> FileResult:
        name = Path(path).name
        if name == "r007.txt":
            os._exit(3)  # the worker process dies, as on a crash in a C library
        if name == "r023.txt":
            raise RuntimeError("boom")  # escapes every handler of the engine
        result = super().check_file(path, keep_report, keep_tables)
        if name == "r041.txt":
            result.facts["unsendable"] = lambda: None  # cannot be pickled back to the parent
        return result


@needs_fork
@pytest.mark.parametrize("render_json", [False, True])
def test_a_file_that_breaks_its_worker_loses_no_other_file(folder: Path, render_json: bool) -> None:
    paths = _paths(folder)
    settings = Settings(Config(), Limits(), render_json=render_json)
    engine = _Breaking(Plugins(), settings.config, settings.limits)
    results = list(run_local(paths, settings, jobs=2, engine=engine))
    assert [r.path for r in results] == paths
    broken = {Path(r.path).name: r for r in results if any(f.code == "SYS003" for f in r.findings)}
    assert sorted(broken) == ["r007.txt", "r023.txt", "r041.txt"]
    for result in broken.values():
        assert [f.code for f in result.findings] == ["SYS003"]
        assert result.verdict(Severity.ERROR).value == "not_assessed"  # never 通过: the file was not audited
    assert "worker process" in _message(broken["r007.txt"])
    assert "RuntimeError: boom" in _message(broken["r023.txt"])
    assert "pickle" in _message(broken["r041.txt"]).lower()
    whole = Engine(Plugins(), settings.config, settings.limits)
    for result in results:
        if Path(result.path).name not in broken:  # every other file has its full result, as audited here
            expected = whole.check_file(result.path)
            assert result.json_text(Severity.ERROR) == expected.json_text(Severity.ERROR)


@needs_fork
def test_a_broken_file_in_a_cli_batch_is_named_and_the_exit_code_holds(
    folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def dies(self: Engine, path: str, *args: object, **kwargs: object) -> FileResult:
        os._exit(9)

    serial = main(["check", str(folder), "--format", "json"])
    expected = json.loads(capsys.readouterr().out)
    original = Engine.check_file
    monkeypatch.setattr(
        Engine,
        "check_file",
        lambda self, path, *a, **k: dies(self, path) if path.endswith("r030.txt") else original(self, path, *a, **k),
    )
    assert main(["check", str(folder), "--format", "json", "--jobs", "2"]) == serial == 1
    out = json.loads(capsys.readouterr().out)
    assert [f["path"] for f in out["files"]] == [f["path"] for f in expected["files"]]
    crashed = next(f for f in out["files"] if f["path"].endswith("r030.txt"))
    assert [x["code"] for x in crashed["findings"]] == ["SYS003"] and crashed["verdict"] == "not_assessed"
    assert crashed["findings"][0]["path"] == crashed["path"]
    others = [f for f in out["files"] if f is not crashed]
    assert others == [f for f in expected["files"] if not f["path"].endswith("r030.txt")]


@rule(code="TST102", name="slow-rule", severity=WARNING, summary=Text("慢", "slow"), explanation=Text("慢", "slow"))
def _slow(report: object, ctx: object) -> list:
    time.sleep(0.6)
    return []


@needs_fork
def test_the_time_budget_holds_in_the_worker_processes(folder: Path) -> None:
    plugin = types.ModuleType("slow_plugin")
    plugin.auditor_rules = hookimpl(lambda: [_slow])  # type: ignore[attr-defined]
    settings = Settings(Config(), Limits(max_seconds=0.3), render_json=True)
    engine = Engine(Plugins(extra=[("slow", plugin)]), settings.config, settings.limits)
    paths = _paths(folder)[:4]
    results = list(run_local(paths, settings, jobs=2, engine=engine))
    assert [r.path for r in results] == paths
    assert all([f.code for f in r.findings] == ["SYS006"] for r in results)


def test_a_result_written_as_json_in_a_worker_reads_as_one_written_here(folder: Path) -> None:
    settings = Settings(Config(), Limits())
    engine = Engine(Plugins(), settings.config, settings.limits)
    for path in _paths(folder)[:5]:
        result = engine.check_file(path)
        state = pickle.loads(pickle.dumps(batch._rendered_state(result, Severity.ERROR), pickle.HIGHEST_PROTOCOL))
        back = batch._from_rendered(state)
        assert isinstance(back, RenderedResult)
        assert back.json_text(Severity.ERROR) == result.json_text(Severity.ERROR)
        assert back.tally() == result.tally()  # the findings counted by code, name and severity, in order
        assert sorted((f.code, f.name, f.severity) for f in back.findings) == sorted(
            (f.code, f.name, f.severity) for f in result.findings
        )
        assert back.verdict(Severity.ERROR) == result.verdict(Severity.ERROR)
        assert back.fails(Severity.ERROR) == result.fails(Severity.ERROR)
        assert back.gate(Severity.ERROR, False) == result.gate(Severity.ERROR, False)
        with pytest.raises(ValueError, match="fail-on"):
            back.fails(Severity.WARNING)
        assert (back.path, back.year, back.body, back.variant, back.format, back.assessed, back.facts) == (
            result.path, result.year, result.body, result.variant, result.format, result.assessed, result.facts
        )  # fmt: skip
        with pytest.raises(ValueError, match="fail-on"):  # written for one threshold: never served for another
            back.json_text(Severity.WARNING)
        if back.findings:
            with pytest.raises(AttributeError):  # only what the summary reads came back: more fails loudly
                _ = back.findings[0].message


def test_json_is_written_in_the_workers_only_when_nothing_else_reads_the_findings(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seen: list[bool] = []
    real = batch.run_local

    def spy(paths: list[str], settings: Settings, jobs: int = 1, engine: Engine | None = None) -> object:
        seen.append(settings.render_json)
        return real(paths, settings, jobs, engine)

    monkeypatch.setattr(batch, "run_local", spy)
    few = _paths(folder)[:3]
    main(["check", *few, "--format", "json", "--jobs", "2"])
    main(["check", *few, "--format", "sarif", "--jobs", "2"])
    main(["check", *few, "--format", "json", "--jobs", "2", "--write-baseline", str(tmp_path / "b.json")])
    main(["check", *few, "--format", "json", "--jobs", "2", "--db", str(tmp_path / "review.db")])
    capsys.readouterr()
    assert seen == [True, False, False, False]


def test_a_run_refused_before_auditing_leaves_no_worker_behind(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The workers start with the run; a run that stops before reading any result (an output that is an input,
    exit 2) does not leave them running."""
    target = _paths(folder)[0]
    assert main(["check", str(folder), "--jobs", "2", "--format", "json", "-o", target]) == 2
    assert "r000.txt" in capsys.readouterr().err
    gc.collect()
    deadline = time.monotonic() + 20
    while multiprocessing.active_children() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert multiprocessing.active_children() == []


def test_in_one_process_a_file_that_raises_is_its_one_finding_too(folder: Path) -> None:
    paths = _paths(folder)[20:26]
    settings = Settings(Config(), Limits())
    engine = _Breaking(Plugins(), settings.config, settings.limits)
    results = list(run_local(paths, settings, jobs=1, engine=engine))
    assert [r.path for r in results] == paths
    assert [[f.code for f in r.findings] == ["SYS003"] for r in results] == [p.endswith("r023.txt") for p in paths]
    assert "RuntimeError: boom" in _message(results[3])


def _json_written(out: object, results: list[FileResult]) -> None:
    from auditor.reporters.json_format import JsonReporter
    from auditor.reporting import RunInfo, Summary

    reporter = JsonReporter()
    reporter.begin(out, RunInfo({}, "zh", Severity.ERROR))
    for result in results:
        reporter.file(result)
    reporter.end(Summary())


@pytest.mark.parametrize("sink", ["output file", "utf-8 stream", "text buffer"])
def test_json_sent_encoded_by_a_worker_is_written_as_the_text_would_be(folder: Path, tmp_path: Path, sink: str) -> None:
    """A result's JSON comes from the worker as UTF-8 and is written as it is where the bytes are the same as the text
    would become (an output file, a UTF-8 stream's buffer), else as text; a text that does not encode goes as text."""
    import io

    from auditor.output import Output

    settings = Settings(Config(), Limits())
    engine = Engine(Plugins(), settings.config, settings.limits)
    here = [engine.check_file(path) for path in _paths(folder)[:5]]
    here[1].findings[0].message = Text("孤立代理项 \ud800", "a lone surrogate \ud800")  # does not encode: sent as text
    sent = [batch._from_rendered(pickle.loads(pickle.dumps(batch._rendered_state(r, Severity.ERROR)))) for r in here]
    assert [type(r.rendered) for r in sent] == [bytes, str, bytes, bytes, bytes]
    written: list[str] = []
    for results in (here, sent):
        if sink == "output file":
            target = tmp_path / f"{len(written)}.json"
            output = Output(str(target), False)
            _json_written(output.stream, results)
            output.commit()
            written.append(target.read_text(encoding="utf-8"))
        elif sink == "utf-8 stream":
            raw = io.BytesIO()
            stream = io.TextIOWrapper(raw, encoding="utf-8", errors="surrogatepass", newline="\n")
            stream.write("")  # the reporter takes a stream as it finds it
            _json_written(stream, results)
            stream.flush()
            written.append(raw.getvalue().decode("utf-8", "surrogatepass"))
        else:
            text = io.StringIO()
            _json_written(text, results)
            written.append(text.getvalue())
    assert written[0] == written[1]
    assert json.loads(written[0].replace("\ud800", "?"))["files"][0]["path"] == here[0].path
