"""Running an audit over many files: one process, a local process pool, or a Dask cluster.

Results come back in the order the paths were given, one at a time, so that a reporter can stream them and memory
stays flat however many files there are. Each worker builds its own engine once (plugins, grammar, rules) from the
run's settings; a file's trouble stays that file's finding — an exception, and even a worker process that dies on a
file (a crash in a C library, the kernel's out-of-memory killer): that file gets one ``SYS003`` finding naming it and
the batch goes on.
"""

from __future__ import annotations

import gc
import os
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from auditor.budget import BudgetExceeded
from auditor.config import Config
from auditor.diagnostics import INTERNAL_ERROR
from auditor.engine import Engine, FileResult
from auditor.errors import ConfigError
from auditor.output import shown
from auditor.readers import Limits
from auditor.rule import Finding, Place, Severity, Text, fingerprint
from auditor.verdict import NOT_A_REPORT, Verdict, judged, worst_of


@dataclass(frozen=True)
class Settings:
    """What a worker needs to rebuild the engine (picklable)."""

    config: Config
    limits: Limits
    require_plugins: bool = False
    keep_tables: bool = False
    # The run writes the built-in JSON and nothing else reads the findings (no baseline, no review store): worker
    # processes write each file's JSON text and send it with only what the summary reads (see RenderedResult).
    render_json: bool = False


_ENGINE: Engine | None = None
_SETTINGS: Settings | None = None


def build_engine(settings: Settings, plugins: Any = None) -> Engine:
    """The engine for a run; ``plugins`` when they are loaded already (the parent process)."""
    from auditor.plugins import Plugins

    return Engine(plugins or Plugins(require=settings.require_plugins), settings.config, settings.limits)


def quiet_gc() -> None:
    """Tune the cycle collector for auditing: a parsed report is a tree of many small objects without cycles, so
    frequent collections only cost time. Long-lived objects loaded so far (plugins, grammar) are set aside."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 50, 100)


def _init_worker(settings: Settings) -> None:
    global _ENGINE, _SETTINGS
    _SETTINGS = settings
    _ENGINE = build_engine(settings)
    _ENGINE.warm_up()
    quiet_gc()


def audit(engine: Engine, path: str, keep_tables: bool = False) -> FileResult:
    """``engine.check_file(path)``, and a ``SYS003`` finding naming the file should anything escape it: one file's
    trouble never stops the batch."""
    try:
        return engine.check_file(path, keep_tables=keep_tables)
    except BudgetExceeded:
        raise  # check_file turns the file's own budget into SYS006; this one belongs to a caller
    except Exception as exc:
        return failed(engine, path, exc)


def failed(engine: Engine, path: str, exc: BaseException | None) -> FileResult:
    """The result of a file whose audit failed outside every check: ``exc``, or (None) its worker process died."""
    found, shown_path = INTERNAL_ERROR, shown(path)
    if exc is None:
        detail = "worker process died"
        message = Text(
            "内部错误：审查此文件的工作进程意外退出（可能是程序库崩溃或内存不足），此文件未能审查。批量中的其他文件照常审查；"
            "请报告此问题。",
            "internal error: the worker process auditing this file died (a crash in a library, or out of memory); the "
            "file was not audited. The other files of the batch were; please report this.",
        )
    else:
        detail = f"{type(exc).__name__}: {exc}"
        message = Text(
            f"内部错误：审查此文件时出错（{detail}），此文件未能审查。批量中的其他文件照常审查；请报告此问题。",
            f"internal error: auditing this file failed ({detail}); the file was not audited. The other files of the "
            "batch were; please report this.",
        )
    finding = Finding(
        found.code, found.name, found.severity, message, shown_path, None, Place(),
        {"rule": None, "exception": detail}, (), fingerprint(found.code, Place(), "worker" if exc is None else "audit"),
        found.plugin,
    )  # fmt: skip
    return FileResult(shown_path, engine.grade([finding], shown_path))


def _check_one(path: str) -> FileResult:
    assert _ENGINE is not None and _SETTINGS is not None
    return audit(_ENGINE, path, _SETTINGS.keep_tables)


def _check_chunk(paths: list[str], settings: Settings) -> list[FileResult]:
    """For Dask: one task per chunk of files; the engine is built once per worker process."""
    global _ENGINE, _SETTINGS
    if _ENGINE is None or settings != _SETTINGS:
        _init_worker(settings)
    return [_check_one(path) for path in paths]


def _pool_chunk(paths: list[str]) -> list[Any]:
    """One task of the local pool: its files' results in order, each pre-written as JSON when the run asks for it."""
    assert _SETTINGS is not None
    if not _SETTINGS.render_json:
        return [_check_one(path) for path in paths]
    fail_on = Severity.parse(_SETTINGS.config.fail_on)
    return [_sent(_check_one(path), fail_on) for path in paths]


def _started() -> int:
    return os.getpid()


# ── results written in the worker (--format json) ─────────────────────────────────────────────────────────
class RenderedResult(FileResult):
    """A result whose JSON text was written in the worker process that audited the file.

    Pickling ~10 findings (their messages, values, legal basis) to the parent and rebuilding them there cost more
    than writing their JSON, and the parent is the one process every result passes through. When the run writes the
    built-in JSON and nothing else reads the findings (``Settings.render_json``), the worker sends the text and what
    the summary and the gate read: the verdict it wrote, the worst severity, and the findings counted by code, name
    and severity (:meth:`FileResult.tally`). ``findings`` holds one object a finding with only its code, name and
    severity; any other attribute of those is unset and raises ``AttributeError``, so a consumer that needs more
    fails loudly instead of reading something wrong. The same is made in a run of one process: the findings are let
    go as soon as their text is written."""

    rendered: str | bytes  # the text, or (mostly) the text encoded as UTF-8
    rendered_for: Severity
    judged: Verdict  # the verdict written in the text, for rendered_for
    worst_severity: int  # of the findings (0: none)
    counted: list[tuple[str, str, Severity, int]]

    @property
    def findings(self) -> list[Finding]:  # type: ignore[override]  # made only if asked: the summary reads the tally
        findings = []
        for code, name, severity, count in self.counted:
            for _ in range(count):
                finding = Finding.__new__(Finding)
                finding.code, finding.name, finding.severity = code, name, severity
                findings.append(finding)
        return findings

    def tally(self) -> list[tuple[str, str, Severity, int]]:
        return self.counted

    def gate(self, fail_on: Severity, fail_on_unassessed: bool = True) -> tuple[Verdict, bool]:
        self._check(fail_on)
        fails = self.worst_severity >= fail_on or (fail_on_unassessed and self.judged is Verdict.NOT_ASSESSED)
        return self.judged, fails

    def verdict(self, fail_on: Severity) -> Verdict:
        return self.gate(fail_on)[0]

    def fails(self, fail_on: Severity, fail_on_unassessed: bool = True) -> bool:
        return self.gate(fail_on, fail_on_unassessed)[1]

    def json_text(self, fail_on: Severity | None = None, verdict: Verdict | None = None) -> str:
        self._check(fail_on)
        rendered = self.rendered
        return rendered if isinstance(rendered, str) else rendered.decode("utf-8")

    def json_utf8(self, fail_on: Severity | None = None) -> bytes | None:
        self._check(fail_on)
        rendered = self.rendered
        return rendered if isinstance(rendered, bytes) else None

    def _check(self, fail_on: Severity | None) -> None:
        if fail_on != self.rendered_for:
            raise ValueError(f"{self.path}: written as JSON for fail-on {self.rendered_for.label}, not {fail_on}")


_SEVERITIES = {int(severity): severity for severity in Severity}
_VERDICTS = {verdict.value: verdict for verdict in Verdict}


def _rendered_state(result: FileResult, fail_on: Severity) -> tuple[Any, ...]:
    """What a worker sends of ``result`` (see RenderedResult): plain values, pickled compactly."""
    worst, not_a_report = worst_of(result.findings)
    verdict = judged(worst, not_a_report, result.assessed, fail_on)[0]
    tally = [(code, name, int(severity), count) for code, name, severity, count in result.tally()]
    # Sent encoded: pickling the text would encode it here and decode it in the parent, which would encode it again
    # to write it; the parent is the one process every result passes through. A text that does not encode (a lone
    # surrogate) goes as text, to be written as any other.
    written = result.json_text(fail_on, verdict)
    text: str | bytes
    try:  # not contextlib.suppress: its object, entered and left, costs more than the encoding of a report's text
        text = written.encode("utf-8")
    except UnicodeEncodeError:
        text = written
    return (
        result.path, tally, result.year, result.body, result.variant, result.format, result.facts, result.assessed,
        int(fail_on), verdict.value, worst, text,
    )  # fmt: skip


def _sent(result: FileResult, fail_on: Severity) -> FileResult | tuple[Any, ...]:
    """What a worker sends of ``result``: its JSON text and tally (see RenderedResult), or, for a file that is not a
    report, the result itself — the CLI lists such a file among the skipped with its finding's message."""
    if any(finding.code == NOT_A_REPORT for finding in result.findings):
        return result
    return _rendered_state(result, fail_on)


def _received(sent: FileResult | tuple[Any, ...]) -> FileResult:
    return sent if isinstance(sent, FileResult) else _from_rendered(sent)


def _from_rendered(state: tuple[Any, ...]) -> RenderedResult:
    path, tally, year, body, variant, form, facts, assessed, fail_on, verdict, worst, text = state
    result = RenderedResult.__new__(RenderedResult)  # not __init__: ``findings`` is made from the tally if asked
    fields = result.__dict__
    fields.update(
        path=path, year=year, body=body, variant=variant, format=form, report=None, tables=None, facts=facts,
        assessed=assessed, review=None, rendered=text, rendered_for=_SEVERITIES[fail_on], judged=_VERDICTS[verdict],
        worst_severity=worst, counted=[(code, name, _SEVERITIES[severity], count) for code, name, severity, count in tally],
    )  # fmt: skip
    return result


def renders_json(reporter: Any) -> bool:
    """Whether ``reporter`` is the built-in JSON one (a plugin may register its own under that name)."""
    if getattr(reporter, "name", None) != "json":
        return False
    from auditor.reporters.json_format import JsonReporter

    real = reporter.load() if hasattr(reporter, "load") else reporter
    return type(real) is JsonReporter


# ── the local pool ──────────────────────────────────────────────────────────────────────────────────────
def jobs_count(jobs: int) -> int:
    return os.cpu_count() or 1 if jobs == 0 else max(1, jobs)


def run_local(
    paths: list[str], settings: Settings, jobs: int = 1, engine: Engine | None = None
) -> Iterator[FileResult]:
    """Audit ``paths`` in order with ``jobs`` processes (0: one per core). The worker processes start now (before
    the caller starts a thread of its own, e.g. a progress bar's); the files are audited as the results are read."""
    jobs = jobs_count(jobs)
    if jobs == 1 or len(paths) < 2:
        return _run_here(paths, settings, engine)
    return _Pool(settings, min(jobs, len(paths)), engine).results(paths)


def _run_here(paths: list[str], settings: Settings, engine: Engine | None) -> Iterator[FileResult]:
    engine = engine or build_engine(settings)
    if len(paths) > 1:
        engine.warm_up()
        quiet_gc()
    if not settings.render_json:
        for path in paths:
            yield audit(engine, path, settings.keep_tables)
        return
    fail_on = Severity.parse(settings.config.fail_on)
    for path in paths:  # written at once, as a worker would: the findings are let go, the summary reads the tally
        yield _received(_sent(audit(engine, path, settings.keep_tables), fail_on))


MAX_CHUNK = 32  # files per task at most: one message each way per chunk, not per file


def chunks(paths: list[str], jobs: int) -> Iterator[list[str]]:
    """``paths`` in consecutive chunks, large while much is left and smaller towards the end (guided scheduling), so
    that the workers finish together: a last chunk of 32 files would keep one worker busy while the other waits."""
    start = 0
    while start < len(paths):
        size = max(1, min(MAX_CHUNK, (len(paths) - start) // (jobs * 4)))
        yield paths[start : start + size]
        start += size


class _Pool:
    """Worker processes auditing chunks of files, results in order; a chunk that fails is audited again file by file
    in a process of its own, so that the one file that killed its worker (or whose result could not be sent) gets
    its finding and the others their results.

    Workers are forked where the platform can (Linux): they inherit the engine, grammar and pre-lexer loaded here
    once, shared copy-on-write, instead of each loading the plugins again (≈0.25 s of CPU a worker). The fork is
    safe: it happens before the executor starts its own thread (``ProcessPoolExecutor`` launches every forked worker
    first), before the caller starts any (``run_local`` makes the pool at once), and after a worker died only once
    the broken pool is shut down — only a result that cannot be sent back (the pool still running) has the process
    that audits its files alone forked beside the pool's thread, which the child never uses. Elsewhere (macOS,
    Windows) the workers are spawned and build the engine from the settings."""

    def __init__(self, settings: Settings, jobs: int, engine: Engine | None) -> None:
        import multiprocessing

        self.settings, self.jobs = settings, jobs
        self.fork = "fork" in multiprocessing.get_all_start_methods()
        self.context = multiprocessing.get_context("fork" if self.fork else "spawn")
        if self.fork:
            global _ENGINE, _SETTINGS
            _ENGINE, _SETTINGS = engine or build_engine(settings), settings
            _ENGINE.warm_up()
            quiet_gc()
        self.executor: Any = self._executor(jobs)

    def _executor(self, jobs: int) -> Any:
        from concurrent.futures import ProcessPoolExecutor

        if self.fork:
            executor = ProcessPoolExecutor(jobs, mp_context=self.context)
        else:
            executor = ProcessPoolExecutor(jobs, self.context, _init_worker, (self.settings,))
        executor.submit(_started)  # the workers start now, before the caller starts any thread (a progress bar)
        return executor

    def results(self, paths: list[str]) -> Iterator[FileResult]:
        """The results in the order of ``paths``; the workers are stopped when the stream ends or is closed."""
        window: deque[tuple[list[str], Any, Any]] = deque()  # chunk, its future, the executor running it
        done = False
        try:
            for chunk in chunks(paths, self.jobs):
                window.append((chunk, *self._submit(chunk)))
                if len(window) > 2 * self.jobs:  # enough queued to keep every worker busy; memory stays flat
                    yield from self._collect(*window.popleft())
            while window:
                yield from self._collect(*window.popleft())
            done = True
        finally:
            self.close(wait=not done)  # all read: the idle workers exit while the caller goes on (batch checks)

    def _submit(self, chunk: list[str], again: bool = True) -> tuple[Any, Any]:
        """The future of ``chunk`` and the executor it runs on (another one if the last broke: a worker died)."""
        from concurrent.futures.process import BrokenProcessPool

        if self.executor is None:
            self.executor = self._executor(self.jobs)
        try:
            return self.executor.submit(_pool_chunk, chunk), self.executor
        except BrokenProcessPool:  # broken before a failed chunk told us: the chunks in flight fail with it
            self.executor.shutdown(wait=True)
            self.executor = None
            if not again:  # a pool that breaks as it starts: workers cannot run here at all
                raise
            return self._submit(chunk, again=False)

    def _collect(self, chunk: list[str], future: Any, executor: Any) -> list[FileResult]:
        from concurrent.futures.process import BrokenProcessPool

        try:
            states = future.result()
        except BudgetExceeded:
            raise
        except Exception as exc:  # a worker died or a result could not be sent: find which file, alone
            if isinstance(exc, BrokenProcessPool) and executor is self.executor:
                self.executor = None  # the chunks in flight failed with it; another pool starts for the next ones
                executor.shutdown(wait=True)
            return self._isolate(chunk)
        if not self.settings.render_json:
            return states  # type: ignore[no-any-return]
        return [_received(state) for state in states]

    def _isolate(self, chunk: list[str]) -> list[FileResult]:
        """Audit each file of a failed chunk alone in a process of its own (nothing else running there), so that a
        failure is that file's."""
        from concurrent.futures.process import BrokenProcessPool

        out = []
        alone = self._executor(1)
        try:
            for path in chunk:
                try:
                    states = alone.submit(_pool_chunk, [path]).result()
                except BrokenProcessPool:
                    out.append(failed(self._engine(), path, None))
                    alone.shutdown(wait=True)
                    alone = self._executor(1)
                    continue
                except BudgetExceeded:
                    raise
                except Exception as exc:  # e.g. a result that could not be pickled
                    out.append(failed(self._engine(), path, exc))
                    continue
                out.extend(states if not self.settings.render_json else [_received(s) for s in states])
        finally:
            alone.shutdown(wait=True)
        return out

    def _engine(self) -> Engine:
        """This process's engine, for grading a failed file's finding (built here only after a spawned pool)."""
        global _ENGINE
        if _ENGINE is None:
            _ENGINE = build_engine(self.settings)
        return _ENGINE

    def close(self, wait: bool = True) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=wait, cancel_futures=True)
        global _ENGINE, _SETTINGS
        _ENGINE = _SETTINGS = None


def run_dask(
    paths: list[str], settings: Settings, scheduler: str, chunk: int = 64, window: int = 64
) -> Iterator[FileResult]:
    """Audit ``paths`` on an existing Dask cluster, in order, holding at most ``window`` chunks in flight.

    The files must be readable at the same paths on every worker (shared storage).
    """
    try:
        from distributed import Client
    except ImportError:
        raise ConfigError(
            "需要安装 Dask：pip install 'gov-report-auditor[dask]'",
            "Dask is not installed: pip install 'gov-report-auditor[dask]'",
        ) from None
    client = Client(scheduler)
    try:
        chunks = [paths[i : i + chunk] for i in range(0, len(paths), chunk)]
        pending: list[Any] = []
        for index in range(len(chunks)):
            pending.append(client.submit(_check_chunk, chunks[index], settings, pure=False))
            if len(pending) >= window:
                yield from pending.pop(0).result()
        for future in pending:
            yield from future.result()
    finally:
        client.close()


def run(
    paths: Iterable[str], settings: Settings, jobs: int = 1, executor: str = "local", scheduler: str | None = None
) -> Iterator[FileResult]:
    paths = list(paths)
    if executor == "dask":
        if not scheduler:
            raise ConfigError("--executor dask 需要 --scheduler 地址", "--executor dask needs --scheduler ADDRESS")
        return run_dask(paths, settings, scheduler)
    return run_local(paths, settings, jobs)
