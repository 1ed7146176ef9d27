"""The ``auditor`` command line.

Exit codes: 0 nothing at or above ``--fail-on`` and every report assessed; 1 findings at or above it, or a report
that could not be assessed (无法审查; ``--no-fail-on-unassessed`` relaxes that); 2 usage, configuration or internal
error.
"""

from __future__ import annotations

import argparse
import json
import sys
import traceback
from collections.abc import Sequence
from typing import IO, Any

from auditor import __version__
from auditor.errors import AuditorError, ConfigError

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2
LEVELS = ("fatal", "error", "warning", "info")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # usage errors exit 2 with one line, as argparse does, in both languages
        self.print_usage(sys.stderr)
        print(f"{self.prog}: 参数错误 / usage error: {message}", file=sys.stderr)
        sys.exit(EXIT_ERROR)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="auditor",
        description="政府信息公开工作年度报告合规审查 / compliance audit of government information-disclosure "
        "annual reports",
    )
    parser.add_argument("--version", action="version", version=f"auditor {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    common = _Parser(add_help=False)
    common.add_argument("--lang", choices=("zh", "en"), default=None, help="输出语言 / output language (default zh)")
    common.add_argument("--config", metavar="FILE", help="auditor.toml or pyproject.toml (default: nearest one)")
    common.add_argument(
        "--require-plugins",
        action="store_true",
        help="stop if a plugin cannot be loaded (default: report it and go on)",
    )
    common.add_argument("--debug", action="store_true", help="show a traceback on internal errors")

    check = sub.add_parser("check", parents=[common], help="审查报告 / audit report files or folders")
    check.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (walked recursively)")
    check.add_argument("--format", default="text", help="output format: text, json, … (see `auditor plugins`)")
    check.add_argument("-o", "--output-file", metavar="FILE", help="write the report here instead of stdout")
    check.add_argument("--select", metavar="CODES", help="comma-separated codes, prefixes or names to run")
    check.add_argument("--ignore", metavar="CODES", help="comma-separated codes, prefixes or names to skip")
    check.add_argument("--fail-on", choices=LEVELS, help="exit 1 on findings at or above this level (default error)")
    check.add_argument(
        "--fail-on-unassessed",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="exit 1 when a report could not be assessed (无法审查: its tables were not read, or are blank); "
        "default on",
    )
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when findings fail the run")
    check.add_argument(
        "-j", "--jobs", type=int, default=1, metavar="N", help="parallel processes (0: one per core; default 1)"
    )
    check.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    check.add_argument("--statistics", action="store_true", help="counts per rule and severity after the findings")
    check.add_argument(
        "--summary", action="store_true", help="a per-file table: body, year, template, counts by severity, pass/fail"
    )
    check.add_argument(
        "--executor",
        choices=("local", "dask"),
        default="local",
        help="where to run: local processes or an existing Dask cluster",
    )
    check.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler address, e.g. tcp://10.0.0.5:8786")
    baseline = check.add_mutually_exclusive_group()
    baseline.add_argument(
        "--baseline", metavar="FILE", help="report only findings this baseline does not record, and its stale entries"
    )
    baseline.add_argument(
        "--write-baseline", metavar="FILE", help="record the run's findings in this baseline file and exit 0"
    )

    check.add_argument(
        "--db", metavar="FILE", help="record the run in this review store; dismissed findings are set aside"
    )

    parse = sub.add_parser("parse", parents=[common], help="解析一份报告 / print the canonical structure of a report")
    parse.add_argument("file", help="a report file")
    parse.add_argument("--format", choices=("json", "text"), default="text")
    serve = _serve_parser(sub, common)
    for reading in (check, parse, serve):
        _limit_flags(reading)
    _notice_parser(sub, common)

    rules = sub.add_parser("rules", parents=[common], help="列出规则 / list every rule")
    rules.add_argument("--format", choices=("text", "json"), default="text")

    one = sub.add_parser("rule", parents=[common], help="规则说明 / explain one rule")
    one.add_argument("code", help="rule code or name, e.g. CIT001 or outdated-format-notice")

    plugins = sub.add_parser("plugins", parents=[common], help="列出插件 / list installed plugins")
    plugins.add_argument("--format", choices=("text", "json"), default="text")
    return parser


# ── reading limits (auditor.readers.Limits) ─────────────────────────────────────────────────────────────
def _size(text: str) -> int:
    """A size in bytes, with an optional K, M or G suffix."""
    units = {"k": 1 << 10, "m": 1 << 20, "g": 1 << 30}
    text = text.strip().lower().removesuffix("b")
    try:
        value = int(float(text[:-1]) * units[text[-1]]) if text and text[-1] in units else int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (e.g. 64M)") from None
    if value <= 0:
        raise argparse.ArgumentTypeError("a size must be positive")
    return value


def _positive(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError("must be positive")
    return value


def _limit_flags(parser: argparse.ArgumentParser) -> None:
    from auditor.readers import Limits

    default = Limits()
    group = parser.add_argument_group("reading limits / 读取限制 (exceeding one is a fatal finding for that file)")
    group.add_argument("--max-bytes", type=_size, default=default.max_bytes, metavar="SIZE",
                       help=f"largest file read (default {default.max_bytes >> 20}M)")  # fmt: skip
    group.add_argument("--max-decompressed", type=_size, default=default.max_decompressed, metavar="SIZE",
                       help=f"most bytes unpacked from a DOCX (default {default.max_decompressed >> 20}M)")  # fmt: skip
    group.add_argument("--max-pages", type=int, default=default.max_pages, metavar="N",
                       help=f"most PDF pages (default {default.max_pages})")  # fmt: skip
    group.add_argument("--timeout", type=_positive, default=default.max_seconds, metavar="SECONDS",
                       help=f"longest time reading one file (default {default.max_seconds:g})")  # fmt: skip


def _limits(args: argparse.Namespace) -> Any:
    from auditor.readers import Limits

    return Limits(args.max_bytes, args.max_decompressed, args.max_pages, args.timeout)


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_ERROR
    lang = args.lang or "zh"
    try:
        return _COMMANDS[args.command](args)
    except AuditorError as exc:
        print(exc.one_line(lang), file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # the boundary: never a traceback unless asked for
        if args.debug:
            traceback.print_exc()
        target = getattr(args, "file", "") or ""
        print(
            f"{target + ': ' if target else ''}内部错误 / internal error: {type(exc).__name__}: {exc}", file=sys.stderr
        )
        return EXIT_ERROR


# ── shared set-up ───────────────────────────────────────────────────────────────────────────────────────
def _setup(args: argparse.Namespace) -> tuple[Any, Any]:
    from auditor import config as cfg
    from auditor.plugins import Plugins

    config = cfg.load(args.config)
    if args.lang:
        config.lang = args.lang
    plugins = Plugins(require=args.require_plugins)
    return config, plugins


def _codes(value: str | None) -> list[str] | None:
    if value is None:
        return None
    return [part.strip() for part in value.split(",") if part.strip()]


# ── check ───────────────────────────────────────────────────────────────────────────────────────────────
def _check(args: argparse.Namespace) -> int:
    from auditor.baseline import Baseline, BaselineWriter
    from auditor.batch import Settings, build_engine, run_dask, run_local
    from auditor.engine import FileResult, expand_paths
    from auditor.plugins import extensions
    from auditor.reporting import RunInfo, Summary
    from auditor.rule import Severity

    config, plugins = _setup(args)
    if (select := _codes(args.select)) is not None:
        config.select = select
    if (ignore := _codes(args.ignore)) is not None:
        config.ignore = ignore
    if args.fail_on:
        config.fail_on = args.fail_on
    if args.fail_on_unassessed is not None:
        config.fail_on_unassessed = args.fail_on_unassessed
    reporter = plugins.reporters.get(args.format)
    if reporter is None:
        known = ", ".join(sorted(plugins.reporters))
        raise ConfigError(
            f"未知的输出格式 {args.format!r}（可用：{known}）",
            f"unknown output format {args.format!r} (available: {known})",
        )
    if args.jobs < 0:
        raise ConfigError("--jobs 不能为负数", "--jobs cannot be negative")
    db = args.db or config.db  # a review store records the tables too: the web app draws them
    settings = Settings(config, _limits(args), args.require_plugins, keep_tables=reporter.needs_tables or bool(db))
    engine = build_engine(settings, plugins)  # validates the selection before any work; reused when running here
    paths = list(expand_paths(args.paths, extensions(plugins)))
    if not paths:
        raise ConfigError("没有找到可审查的文件", "no report files found in the given paths")
    fail_on = Severity.parse(config.fail_on)
    run = RunInfo(
        plugins.rules,
        config.lang,
        fail_on,
        options={"statistics": args.statistics, "summary": args.summary},
        fail_on_unassessed=config.fail_on_unassessed,
    )
    summary = Summary()
    if args.executor == "dask":
        if not args.scheduler:
            raise ConfigError("--executor dask 需要 --scheduler 地址", "--executor dask needs --scheduler ADDRESS")
        results = run_dask(paths, settings, args.scheduler)
    else:
        results = run_local(paths, settings, args.jobs, engine)
    baseline = Baseline.load(args.baseline) if args.baseline else None
    recorder = BaselineWriter(args.write_baseline, config.lang) if args.write_baseline else None
    progress = _progress(len(paths), args.no_progress)
    review = _recorder(db, args.paths, fail_on, len(paths)) if db else None
    facts: list[tuple[str, dict[str, Any]]] = []
    out, close = _open_output(args.output_file, reporter.binary)
    failed = False

    def report(result: FileResult) -> None:
        nonlocal failed
        summary.add(result, fail_on, config.fail_on_unassessed)
        failed = failed or result.fails(fail_on, config.fail_on_unassessed)
        reporter.file(result)

    try:
        reporter.begin(out, run)
        for result in results:
            if result.facts:
                facts.append((result.path, result.facts))
            if review is not None:  # recorded whole; a finding dismissed on review no longer counts
                result = review.apply(result)
            if baseline is not None:  # the exit code and the summary count only what the baseline lets through
                result = baseline.apply(result, engine.grade)
            if recorder is not None:
                recorder.add(result)
            report(result)
            progress.update(1)
        progress.close()
        if baseline is not None:
            for result in baseline.vanished(args.paths, engine.grade):
                report(result)
        # Checks across files (cross-year) see the whole batch; a per-file baseline does not cover them.
        summary.cross_findings, summary.cross_notes = engine.finish(facts)
        for finding in summary.cross_findings:
            summary.counts[finding.severity] += 1
            failed = failed or finding.severity >= fail_on
        reporter.end(summary)
        if review is not None:
            print(review.finish(config.lang), file=sys.stderr)
    finally:
        close()
    if args.output_file or args.format != "text":  # machine output on stdout, the summary (a log) on stderr
        print(summary.line(config.lang), file=sys.stderr)
    if recorder is not None:
        count = recorder.write()
        print(
            f"已将 {count} 条问题写入基线 {args.write_baseline}"
            if config.lang == "zh"
            else f"wrote {count} finding(s) to the baseline {args.write_baseline}",
            file=sys.stderr,
        )
        return EXIT_OK
    return EXIT_FINDINGS if failed and not args.exit_zero else EXIT_OK


class _NoProgress:
    def update(self, n: int) -> None:
        pass

    def close(self) -> None:
        pass


def _progress(total: int, disabled: bool) -> Any:
    """A progress bar on stderr, only for a person watching: a terminal, more than one file."""
    if disabled or total < 2 or not sys.stderr.isatty():
        return _NoProgress()
    from tqdm import tqdm

    return tqdm(total=total, unit="file", file=sys.stderr, leave=False, dynamic_ncols=True)


def _open_output(path: str | None, binary: bool) -> tuple[IO[Any], Any]:
    if path is None:
        stream: IO[Any] = sys.stdout.buffer if binary else sys.stdout
        return stream, stream.flush
    try:
        handle = open(path, "wb") if binary else open(path, "w", encoding="utf-8")  # noqa: SIM115 - closed by caller
    except OSError as exc:
        raise ConfigError(
            f"无法写入输出文件：{exc.strerror}", f"cannot write the output file: {exc.strerror}", path
        ) from None
    return handle, handle.close


# ── parse ───────────────────────────────────────────────────────────────────────────────────────────────
def _parse(args: argparse.Namespace) -> int:
    from auditor.parse import parse_document
    from auditor.plugins import Plugins
    from auditor.readers import read_path

    report = parse_document(read_path(args.file, Plugins(require=args.require_plugins), _limits(args)))
    if args.format == "json":
        json.dump(report.to_json(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        from auditor.summary import summarise

        print(summarise(report, args.lang or "zh"))
    return EXIT_OK


# ── serve, notice: the workbench (optional [web] extra) and the review store of check --db ──────────────────
def _serve(args: argparse.Namespace) -> int:
    from auditor.workbench import serve

    return serve(args, _setup(args), _limits(args))


def _notice(args: argparse.Namespace) -> int:
    from auditor.workbench import notice

    return notice(args, _setup(args)[0])


def _recorder(db: str, given: list[str], fail_on: Any, total: int) -> Any:
    from auditor.store import Recorder

    return Recorder(db, given, fail_on, total)


def _serve_parser(sub: Any, common: argparse.ArgumentParser) -> argparse.ArgumentParser:
    from auditor.workbench import serve_arguments

    return serve_arguments(sub, common, _size)


def _notice_parser(sub: Any, common: argparse.ArgumentParser) -> argparse.ArgumentParser:
    from auditor.workbench import notice_arguments

    return notice_arguments(sub, common)


# ── rules, rule, plugins ────────────────────────────────────────────────────────────────────────────────
def _rules(args: argparse.Namespace) -> int:
    from tabulate import tabulate

    config, plugins = _setup(args)
    rules = sorted(plugins.rules.values(), key=lambda r: r.code)
    if args.format == "json":
        json.dump([r.to_json() for r in rules], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    lang = config.lang
    rows = [
        (
            r.code,
            r.name,
            r.severity.text(lang),
            " ".join(v for v in r.variants if v in ("2019", "2021", "pre2019")),
            r.plugin,
            r.summary.get(lang),
        )
        for r in rules
    ]
    headers = (
        ["代码", "名称", "级别", "适用格式", "插件", "说明"]
        if lang == "zh"
        else ["code", "name", "severity", "variants", "plugin", "summary"]
    )
    print(tabulate(rows, headers=headers, maxcolwidths=[None, None, None, None, None, 50]))
    return EXIT_OK


def _rule(args: argparse.Namespace) -> int:
    config, plugins = _setup(args)
    found = plugins.rules.get(args.code.upper()) or next(
        (r for r in plugins.rules.values() if r.name == args.code), None
    )
    if found is None:
        raise ConfigError(
            f"没有规则 {args.code!r}（运行 auditor rules 查看全部）",
            f"no rule {args.code!r} (run `auditor rules` for the list)",
        )
    lang = config.lang
    zh = lang == "zh"
    lines = [
        f"{found.code} {found.name}",
        f"{'级别' if zh else 'Severity'}: {found.severity.text(lang)}    "
        f"{'适用格式' if zh else 'Variants'}: {', '.join(found.variants)}    "
        f"{'插件' if zh else 'Plugin'}: {found.plugin}",
        "",
        found.summary.get(lang),
        "",
        found.explanation.get(lang),
    ]
    if found.basis:
        lines += ["", "依据：" if zh else "Legal basis:"]
        lines += [f"  - {basis.text(lang)}" for basis in found.basis]
    print("\n".join(lines))
    return EXIT_OK


def _plugins(args: argparse.Namespace) -> int:
    from tabulate import tabulate

    _config, plugins = _setup(args)
    if args.format == "json":
        json.dump([info.to_json() for info in plugins.infos], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    rows = []
    for info in plugins.infos:
        contributes = []
        if info.rules:
            contributes.append(f"{len(info.rules)} rules: {' '.join(info.rules)}")
        if info.reporters:
            contributes.append("formats out: " + " ".join(info.reporters))
        if info.formats:
            contributes.append("reads: " + " ".join(info.formats))
        status = "ok" if info.error is None else f"BROKEN: {info.error}"
        rows.append(
            (info.name, f"{info.distribution} {info.version}".strip(), info.value, status, "; ".join(contributes))
        )
    print(
        tabulate(
            rows,
            headers=["plugin", "distribution", "module", "status", "contributes"],
            maxcolwidths=[None, None, None, 30, 60],
        )
    )
    return EXIT_OK


_COMMANDS = {"check": _check, "parse": _parse, "rules": _rules, "rule": _rule, "plugins": _plugins}
_COMMANDS |= {"serve": _serve, "notice": _notice}  # the workbench (auditor.workbench)

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
