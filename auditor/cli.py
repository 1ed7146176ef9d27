"""The ``auditor`` command line.

Exit codes: 0 nothing at or above ``--fail-on`` and every report assessed; 1 findings at or above it, or a report
that could not be assessed (无法审查; ``--no-fail-on-unassessed`` relaxes that); 2 usage, configuration or internal
error.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

from auditor import __version__
from auditor.command import answered_version, pause_gc, resume_gc
from auditor.errors import AuditorError, ConfigError
from auditor.lazy import lazy_module
from auditor.output import shown, terminal_safe

if TYPE_CHECKING:
    import json
    import traceback

    from auditor.engine import FileResult
    from auditor.reporting import Summary
else:  # `auditor --version` imports as little as it can
    json = lazy_module("json")
    traceback = lazy_module("traceback")

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2
LEVELS = ("fatal", "error", "warning", "info")


_EXIT_CODES = """退出码 / exit codes:
  0  没有达到 --fail-on 级别的问题 / no finding at or above --fail-on (default: error)
  1  有达到该级别的问题 / findings at or above it (fix --diff: something would change)
  2  用法、配置或内部错误 / usage, configuration or internal error
  130  被 Ctrl-C 中断（如 --watch） / interrupted by Ctrl-C (e.g. --watch)"""

_EPILOG = f"""示例 / examples:
  auditor check reports/                          审查文件夹 / audit a folder (a table per report)
  auditor check report.docx --output-format concise
  auditor check reports/ --select CIT,DAT --fail-on warning
  auditor check reports/ --output-format xlsx -o audit.xlsx
  auditor fix report.txt -o report.fixed.txt      自动修复到新文件 / apply the safe fixes to a new file
  auditor explain CIT001                          规则说明 / what a rule checks and why
  auditor rules                                   全部规则 / every rule

{_EXIT_CODES}

auditor COMMAND --help 查看各命令的选项 / shows each command's options."""

_FIX_EPILOG = """示例 / examples:
  auditor fix report.txt -o report.fixed.txt       写入新文件 / to a new file (the original is untouched)
  auditor fix report.docx --diff                   只显示差异 / show the diff, write nothing
  auditor fix report.txt --in-place                覆盖原文件，先询问 / overwrite, after asking
  auditor fix report.txt -o out.txt --unsafe-fixes 也做可能改变内容的修复 / also fixes that may change content

退出码 / exit codes:
  0  修复后没有达到 --fail-on 级别的问题 / nothing at or above --fail-on after fixing
  1  仍有 / some left (--diff: 有改动 / something would change)
  2  用法、配置或内部错误 / usage, configuration or internal error"""

_CHECK_EPILOG = f"""示例 / examples:
  auditor check reports/ --exclude 'archive/*,*.draft.txt'
  auditor check reports/ --extend-select PLA --extend-ignore SEC005
  auditor check reports/ --statistics             按规则计数 / counts per rule
  auditor check reports/ --summary --jobs 0       每个文件一行 / a row per file, all cores
  auditor check - --stdin-filename a.docx < a.docx
  auditor check reports/ --output-format github --baseline auditor-baseline.json
  auditor check reports/ --show-settings          生效的配置 / the settings in force
  auditor check report.docx --show-source         显示原文行并标出位置 / the source lines, with carets
  auditor check reports/ --watch                  文件变化时重新审查 / audit again when a file changes
  auditor check reports/ --color always | less -R  彩色输出 / colour through a pager

{_EXIT_CODES}"""


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """Help wrapped by display width (a Chinese character takes two cells), at the terminal's width."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        from auditor.reporters.wrap import wrap

        return wrap(" ".join(text.split()), width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        """Descriptions and epilogs as written, a line too wide broken by display width: an example's comment
        goes on under itself (or on the next line), any other line goes on under its own indent."""
        import re

        from auditor.reporters.wrap import width as cells
        from auditor.reporters.wrap import wrap

        out: list[str] = []
        for line in text.splitlines():
            line = indent + line
            if cells(line) <= width:
                out.append(line)
                continue
            margin = " " * (len(line) - len(line.lstrip()))
            example = re.match(r"^(\s*\S.*?\s{2,})(\S.*)$", line)
            if example and cells(example[1]) <= width - 24:
                pad = " " * cells(example[1])
                parts = wrap(example[2], width - len(pad))
                out += [example[1] + parts[0], *(pad + part for part in parts[1:])]
            elif example:
                out.append(example[1].rstrip())
                out += [margin + "    " + part for part in wrap(example[2], width - len(margin) - 4)]
            elif not line.lstrip().startswith("auditor "):  # prose
                parts = wrap(line.strip(), width - len(margin))
                out += [margin + part for part in parts]
            else:  # a command: broken only between its words
                current = margin
                for word in line.split():
                    if current.strip() and cells(current) + 1 + cells(word) > width:
                        out.append(current)
                        current = margin + "    "
                    current += ("" if not current.strip() else " ") + word
                out.append(current)
        return "\n".join(out)


class _Parser(argparse.ArgumentParser):
    """Bilingual help (-h, the group titles) wrapped by display width; usage errors in both languages."""

    def __init__(
        self, *, add_help: bool = True, parents: Sequence[argparse.ArgumentParser] = (), **kwargs: Any
    ) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(add_help=False, **kwargs)
        self._positionals.title = "参数 / arguments"
        self._optionals.title = "选项 / options"
        if add_help:
            self.add_argument(
                "-h",
                "--help",
                action="help",
                default=argparse.SUPPRESS,
                help="显示帮助并退出 / show this help and exit",
            )
        for parent in parents:
            self._add_container_actions(parent)
            self._defaults.update(parent._defaults)

    def error(self, message: str) -> Any:  # usage errors exit 2 with one line, as argparse does, in both languages
        self.print_usage(sys.stderr)
        print(f"{self.prog}: 参数错误 / usage error: {message}", file=sys.stderr)
        sys.exit(EXIT_ERROR)


class _Outline(_Parser):
    """A subcommand not in use: listed by ``auditor -h`` with its summary, its arguments never built (issue 12)."""

    def __init__(self, *, parents: Sequence[argparse.ArgumentParser] = (), **kwargs: Any) -> None:
        super().__init__(add_help=False, **kwargs)  # neither the common options nor -h: never parsed with

    def add_argument(self, *args: Any, **kwargs: Any) -> Any:
        return None

    def add_argument_group(self, *args: Any, **kwargs: Any) -> Any:
        return self

    def add_mutually_exclusive_group(self, **kwargs: Any) -> Any:
        return self


class _Subcommands(argparse._SubParsersAction):  # type: ignore[type-arg]
    """Subcommands of which only the one named on the command line (``only``) gets its arguments; all when None."""

    only: str | None = None

    def add_parser(self, name: str, **kwargs: Any) -> Any:
        used = self.only is None or self.only in (name, *kwargs.get("aliases", ()))
        self._parser_class = _Parser if used else _Outline
        return super().add_parser(name, **kwargs)


def _parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line; ``only``: the subcommand in use, the others are built as names and summaries alone."""
    parser = _Parser(
        prog="auditor",
        description="政府信息公开工作年度报告合规审查 / compliance audit of government information-disclosure "
        "annual reports",
        epilog=_EPILOG,
        formatter_class=_Formatter,
    )
    parser.add_argument(
        "--version", action="version", version=f"auditor {__version__}", help="显示版本 / show the version"
    )
    sub = cast(_Subcommands, parser.add_subparsers(dest="command", metavar="COMMAND", action=_Subcommands))
    sub.only = only

    common = _Parser(add_help=False)
    common.add_argument("--lang", choices=("zh", "en"), default=None, help="输出语言 / output language (default zh)")
    common.add_argument(
        "--config", metavar="FILE", help="配置文件 / auditor.toml or pyproject.toml (default: the nearest one)"
    )
    common.add_argument(
        "--require-plugins",
        action="store_true",
        help="插件无法加载时停止 / stop if a plugin cannot be loaded (default: report it and go on)",
    )
    common.add_argument(
        "--debug", action="store_true", help="内部错误时显示调用栈 / show a traceback on internal errors"
    )

    check = sub.add_parser(
        "check",
        parents=[common],
        help="审查报告 / audit report files or folders",
        description="审查报告文件或文件夹（递归） / audit report files, or folders recursively",
        epilog=_CHECK_EPILOG,
        formatter_class=_Formatter,
    )
    check.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="文件或文件夹（递归查找）；- 为标准输入 / files or folders (walked recursively); - for stdin",
    )
    check.add_argument(
        "--output-format",
        "--format",
        dest="format",
        default=None,
        metavar="FORMAT",
        help="输出格式 / output format: text (default), full (text --show-source), concise, json, sarif, junit, "
        "github, gitlab, html, xlsx, csv",
    )
    check.add_argument(
        "-o", "--output-file", metavar="FILE", help="写入文件而非标准输出 / write the report here instead of stdout"
    )
    check.add_argument(
        "--select", metavar="CODES", help="要运行的规则（逗号分隔） / comma-separated codes, prefixes or names to run"
    )
    check.add_argument(
        "--extend-select",
        metavar="CODES",
        help="在配置之外再运行的规则 / rules to run in addition to the configured ones",
    )
    check.add_argument(
        "--ignore", metavar="CODES", help="不运行的规则 / comma-separated codes, prefixes or names to skip"
    )
    check.add_argument(
        "--extend-ignore",
        metavar="CODES",
        help="在配置之外再跳过的规则 / rules to skip in addition to the configured ones",
    )
    check.add_argument(
        "--exclude",
        metavar="PATTERNS",
        help="查找文件夹时排除的模式 / comma-separated globs skipped when walking folders",
    )
    check.add_argument(
        "--extend-exclude", metavar="PATTERNS", help="在 exclude 之外再排除 / globs skipped in addition to `exclude`"
    )
    check.add_argument(
        "-q", "--quiet", action="store_true", help="只输出问题 / the findings only: no summary line, no progress"
    )
    check.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="颜色 / colour (text, concise, summary): auto = on a terminal, off with NO_COLOR, on with FORCE_COLOR",
    )
    check.add_argument(
        "--show-source",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="显示出问题的原文行并标出位置 / show each finding's source line with carets under it (text format)",
    )
    check.add_argument(
        "-w",
        "--watch",
        action="store_true",
        help="文件变化时重新审查 / re-audit when the files change (Ctrl-C to stop; needs the [watch] extra)",
    )
    check.add_argument(
        "--show-settings", action="store_true", help="显示生效的配置 / print the settings in force and exit"
    )
    check.add_argument(
        "--show-files", action="store_true", help="列出将审查的文件 / print the files that would be audited and exit"
    )
    check.add_argument(
        "--fail-on",
        choices=LEVELS,
        help="达到此级别即退出码 1 / exit 1 on findings at or above this level (default error)",
    )
    check.add_argument(
        "--fail-on-unassessed",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="无法审查时退出码 1 / exit 1 when a report could not be assessed (无法审查: its tables were not read, "
        "or are blank); "
        "default on",
    )
    check.add_argument(
        "--exit-zero", action="store_true", help="总是以 0 退出 / exit 0 even when findings fail the run"
    )
    check.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=1,
        metavar="N",
        help="并行进程数 / parallel processes (0: one per core; default 1)",
    )
    check.add_argument("--no-progress", action="store_true", help="不显示进度条 / no progress bar on stderr")
    check.add_argument(
        "--stdin-filename",
        metavar="NAME",
        help="标准输入的文件名 / the name of the report read from stdin (PATH -) in the output",
    )
    check.add_argument(
        "--statistics", action="store_true", help="按规则计数 / counts per rule instead of the findings (text, concise)"
    )
    check.add_argument(
        "--summary",
        action="store_true",
        help="每个文件一行 / a per-file table: body, year, template, counts by severity, verdict",
    )
    check.add_argument(
        "--executor",
        choices=("local", "dask"),
        default="local",
        help="在哪里运行 / where to run: local processes or an existing Dask cluster",
    )
    check.add_argument(
        "--scheduler", metavar="ADDRESS", help="Dask 调度器地址 / Dask scheduler address, e.g. tcp://10.0.0.5:8786"
    )
    baseline = check.add_mutually_exclusive_group()
    baseline.add_argument(
        "--baseline",
        metavar="FILE",
        help="只报告基线之外的问题 / report only findings this baseline does not record, and its stale entries",
    )
    baseline.add_argument(
        "--write-baseline",
        metavar="FILE",
        help="把问题写入基线 / record the run's findings in this baseline file and exit 0",
    )

    check.add_argument(
        "--db",
        metavar="FILE",
        help="记入复核库 / record the run in this review store; dismissed findings are set aside",
    )
    _fix_flags(check, command=False)
    fix = sub.add_parser(
        "fix",
        parents=[common],
        help="自动修复 / apply the safe mechanical fixes to .txt and .docx reports",
        description="把规则提供的机械性修复写入新文件（-o）或覆盖原文件（--in-place，需确认），显示差异并重新审查。"
        " / Apply the rules' mechanical fixes to a new file (-o) or in place (--in-place, after a yes), show the "
        "diff and audit the result.",
        epilog=_FIX_EPILOG,
        formatter_class=_Formatter,
    )
    fix.add_argument("paths", nargs="+", metavar="FILE", help=".txt 或 .docx 报告 / .txt or .docx reports")
    fix.add_argument(
        "-o", "--output-file", metavar="OUT", help="修复后写入此文件 / write the fixed report here (one FILE)"
    )
    fix.add_argument(
        "--select", metavar="CODES", help="只做这些规则的修复 / only these rules' fixes (codes, prefixes or names)"
    )
    fix.add_argument("--ignore", metavar="CODES", help="不做这些规则的修复 / not these rules' fixes")
    fix.add_argument(
        "--fail-on",
        choices=LEVELS,
        help="修复后仍有此级别问题则退出码 1 / exit 1 if the fixed report has findings at this level",
    )
    _fix_flags(fix, command=True)

    parse = sub.add_parser("parse", parents=[common], help="解析一份报告 / print the canonical structure of a report")
    parse.add_argument("file", help="报告文件 / a report file")
    parse.add_argument("--format", choices=("json", "text"), default="text", help="输出格式 / output format")
    serve = _serve_parser(sub, common)
    for reading in (check, parse, fix, serve):
        _limit_flags(reading)
    _notice_parser(sub, common)

    rules = sub.add_parser("rules", parents=[common], help="列出规则 / list every rule")
    rules.add_argument("--format", choices=("text", "json"), default="text", help="输出格式 / output format")

    one = sub.add_parser("rule", aliases=["explain"], parents=[common], help="规则说明 / explain one rule")
    one.add_argument("code", help="规则代码或名称 / rule code or name, e.g. CIT001 or outdated-format-notice")

    plugins = sub.add_parser("plugins", parents=[common], help="列出插件 / list installed plugins")
    plugins.add_argument("--format", choices=("text", "json"), default="text", help="输出格式 / output format")
    return parser


def _fix_flags(parser: argparse.ArgumentParser, command: bool) -> None:
    group = parser.add_argument_group("fixes / 修复 (.txt, .docx)")
    if not command:
        group.add_argument(
            "--fix",
            action="store_true",
            help="修复原文件（先询问）再审查 / apply the safe fixes in place (asks first), then audit",
        )
    group.add_argument("--diff", action="store_true", help="只显示差异 / show the fixes as a diff; write nothing")
    group.add_argument(
        "--unsafe-fixes",
        action="store_true",
        help="也做可能改变内容的修复 / also apply fixes that may change the content",
    )
    if command:
        group.add_argument(
            "--in-place", action="store_true", help="覆盖原文件（先询问） / overwrite the report (asks first)"
        )
    group.add_argument(
        "--yes", action="store_true", help="不询问直接覆盖 / overwrite without asking (--fix, --in-place)"
    )


# ── reading limits (auditor.readers.Limits) ─────────────────────────────────────────────────────────────
_LARGEST = 1 << 50  # a petabyte, 10^15 pages or lines: any limit beyond it is a typing error


def _size(text: str) -> int:
    """A size in bytes, with an optional K, M or G suffix."""
    units = {"k": 1 << 10, "m": 1 << 20, "g": 1 << 30}
    text = text.strip().lower().removesuffix("b")
    number, unit = (text[:-1], units[text[-1]]) if text and text[-1] in units else (text, 1)
    amount = _positive(number) * unit
    if amount > _LARGEST:
        raise argparse.ArgumentTypeError(f"too large: {text!r} (at most {_LARGEST >> 30}G)")
    if amount < 1:
        raise argparse.ArgumentTypeError("a size must be at least one byte")
    return int(amount)


def _positive(text: str) -> float:
    """A finite number above 0 (not nan, not inf)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if math.isinf(value) and value > 0:
        raise argparse.ArgumentTypeError(f"too large: {text!r}")
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive number: {text!r}")
    return value


def _count(text: str) -> int:
    """A whole number above 0."""
    try:
        value = int(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if not 0 < value <= _LARGEST:
        raise argparse.ArgumentTypeError(f"must be a whole number from 1 to {_LARGEST}: {text!r}")
    return value


def _limit_flags(parser: argparse.ArgumentParser) -> None:
    from auditor.readers import Limits

    default = Limits()
    group = parser.add_argument_group("reading limits / 读取限制 (exceeding one is a fatal finding for that file)")
    group.add_argument("--max-bytes", type=_size, default=default.max_bytes, metavar="SIZE",
                       help=f"最大文件 / largest file read (default {default.max_bytes >> 20}M)")  # fmt: skip
    group.add_argument("--max-decompressed", type=_size, default=default.max_decompressed, metavar="SIZE",
                       help=f"DOCX 解压上限 / most bytes unpacked from a DOCX (default {default.max_decompressed >> 20}M)")  # fmt: skip
    group.add_argument("--max-pages", type=_count, default=default.max_pages, metavar="N",
                       help=f"PDF 页数上限 / most PDF pages (default {default.max_pages})")  # fmt: skip
    group.add_argument("--timeout", type=_positive, default=default.max_seconds, metavar="SECONDS",
                       help=f"每个文件的时限（秒） / most seconds for one file (default {default.max_seconds:g})")  # fmt: skip
    group.add_argument("--max-lines", type=_count, default=default.max_lines, metavar="N",
                       help=f"行数上限 / most lines, paragraphs or table rows in one file (default {default.max_lines})")  # fmt: skip


def _limits(args: argparse.Namespace) -> Any:
    from auditor.readers import Limits

    return Limits(args.max_bytes, args.max_decompressed, args.max_pages, args.timeout, args.max_lines)


# Commands that end soon after their start-up: the cycle collector waits until they are done (see pause_gc).
_SHORT = ("check", "rules", "rule", "explain", "plugins")


def main(argv: Sequence[str] | None = None) -> int:
    given = list(sys.argv[1:] if argv is None else argv)
    if answered_version(given):  # before building every parser
        return EXIT_OK
    from auditor import codecache, patterns

    patterns.install()  # the patterns the code fixes (ours and the libraries') come from the cache of patterns
    codecache.install()  # and, before any dataclass is defined, the methods generated for them
    pause_gc()
    try:
        return _main(given, argv)
    finally:
        resume_gc()


def _main(given: list[str], argv: Sequence[str] | None) -> int:
    parser = _parser(given[0] if given and given[0] in _COMMANDS else None)  # a command is the first word
    args = parser.parse_args(argv)
    if args.command not in _SHORT or getattr(args, "watch", False):
        resume_gc()
    if args.command is None:
        parser.print_help()
        return EXIT_ERROR
    lang = args.lang or "zh"
    try:
        return _COMMANDS[args.command](args)
    except AuditorError as exc:
        print(terminal_safe(shown(exc.one_line(lang))), file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # the boundary: never a traceback unless asked for
        if args.debug:
            traceback.print_exc()
        target = getattr(args, "file", "") or ""
        message = f"{target + ': ' if target else ''}内部错误 / internal error: {type(exc).__name__}: {exc}"
        print(terminal_safe(shown(message)), file=sys.stderr)
        return EXIT_ERROR


# ── shared set-up ───────────────────────────────────────────────────────────────────────────────────────
def _setup(args: argparse.Namespace) -> tuple[Any, Any]:
    from auditor import config as cfg
    from auditor.plugins import Plugins

    config = cfg.load(args.config)
    if args.lang:
        config.lang = args.lang
    if (select := _codes(getattr(args, "select", None))) is not None:
        config.select = select
    if (ignore := _codes(getattr(args, "ignore", None))) is not None:
        config.ignore = ignore
    config.select += _codes(getattr(args, "extend_select", None)) or []
    config.ignore += _codes(getattr(args, "extend_ignore", None)) or []
    if (exclude := _codes(getattr(args, "exclude", None))) is not None:
        config.exclude = exclude
    config.exclude += _codes(getattr(args, "extend_exclude", None)) or []
    plugins = Plugins(require=args.require_plugins)
    return config, plugins


def _codes(value: str | None) -> list[str] | None:
    if value is None:
        return None
    codes = [part.strip() for part in value.split(",") if part.strip()]
    if not codes:  # "--select ," would run no rule and pass every report
        raise ConfigError(f"规则列表为空：{value!r}", f"empty list of rule codes: {value!r}")
    return codes


# ── check ───────────────────────────────────────────────────────────────────────────────────────────────
def _check(args: argparse.Namespace) -> int:
    if args.watch:
        return _watch(args)
    from auditor.batch import Settings, build_engine, renders_json, run_dask, run_local
    from auditor.engine import expand_paths
    from auditor.plugins import extensions
    from auditor.reporting import RunInfo, Summary
    from auditor.rule import Severity

    config, plugins = _setup(args)
    if args.fail_on:
        config.fail_on = args.fail_on
    args.format = args.format or config.output_format or "text"
    if args.format == "full":  # Ruff's name for the text format with the source lines
        args.format = "text"
        args.show_source = True if args.show_source is None else args.show_source
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
    keep_tables = reporter.needs_tables or bool(db)
    # Worker processes may write the JSON themselves when nothing in this process reads the findings but the summary.
    alone = not (db or args.baseline or args.write_baseline or "-" in args.paths) and renders_json(reporter)
    settings = Settings(config, _limits(args), args.require_plugins, keep_tables, render_json=alone)
    engine = build_engine(settings, plugins)  # validates the selection before any work; reused when running here
    stdin = _StdinReport(args.stdin_filename) if "-" in args.paths else None
    paths = [stdin.path if stdin and p == "-" else p for p in args.paths]
    skipped: list[Any] = []
    named = set(paths)  # the files given by name; the others were found by walking a folder
    paths = list(expand_paths(paths, extensions(plugins), skipped, config.exclude))
    if len(paths) > 1 or args.executor != "local":  # a batch: its garbage is collected as it goes
        resume_gc()
    else:  # one file, checked here: the checks across files have nothing to pair it with
        engine.batch = False
    if args.show_settings:
        json.dump(
            {**config.to_json(), "rules": sorted(r.code for r in engine.rules)},
            sys.stdout,
            ensure_ascii=False,
            indent=2,
        )
        sys.stdout.write("\n")
        return EXIT_OK
    if args.show_files:
        for path in paths:
            print(stdin.name if stdin and path == stdin.path else path)
        return EXIT_OK
    if not paths:
        raise ConfigError(
            f"没有找到可审查的文件（跳过 {len(skipped)} 项）",
            f"no report files found in the given paths ({len(skipped)} skipped)",
        )
    fail_on = Severity.parse(config.fail_on)
    if args.fix or args.diff:  # fixes first (Ruff's check --fix); the audit below reads the fixed files
        from auditor import fix

        fixable = [p for p in paths if p.lower().endswith((".txt", ".docx"))]
        done = fix.run(
            fixable, engine, lang=config.lang, fail_on=fail_on, in_place=args.fix, assume_yes=args.yes,
            unsafe=args.unsafe_fixes, diff_only=args.diff, show_diff=args.diff,
        )  # fmt: skip
        if args.diff:
            return done
    from auditor.reporters.style import paint_summary, use_color

    color = use_color(args.color, None if args.output_file else sys.stdout)
    show_source = config.show_source if args.show_source is None else args.show_source
    options = {
        "statistics": args.statistics,
        "summary": args.summary,
        "quiet": args.quiet,
        "color": color,
        "show_source": show_source,
        "sources": _sources(plugins, _limits(args), stdin) if show_source else None,
    }
    run = RunInfo(plugins.rules, config.lang, fail_on, options=options, fail_on_unassessed=config.fail_on_unassessed)
    summary = Summary(skipped=skipped)
    if args.executor == "dask":
        if not args.scheduler:
            raise ConfigError("--executor dask 需要 --scheduler 地址", "--executor dask needs --scheduler ADDRESS")
        results = run_dask(paths, settings, args.scheduler)
    else:
        results = run_local(paths, settings, args.jobs, engine)
    baseline, recorder = _baseline(args, config.lang)
    progress = _progress(len(paths), args.no_progress or args.quiet)
    review = _recorder(db, args.paths, fail_on, len(paths)) if db else None
    facts: list[tuple[str, dict[str, Any]]] = []
    output = open_output(args, paths, reporter.binary)  # never an input; replaced only once complete
    out = output.stream
    failed = False

    def report(result: FileResult) -> None:
        nonlocal failed
        failed = summary.add(result, fail_on, config.fail_on_unassessed) or failed
        reporter.file(result)

    try:
        reporter.begin(out, run)
        for result in results:
            if stdin is not None:
                stdin.rename(result)
            if result.path not in named and _skip_not_a_report(result, summary):
                progress.update(1)
                continue
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
        output.commit()
        if review is not None:
            print(review.finish(config.lang), file=sys.stderr)
    finally:
        output.close()
        if stdin is not None:
            stdin.remove()
    if (args.output_file or args.format not in ("text", "concise")) and not args.quiet:  # the summary is a log
        print(paint_summary(summary, config.lang, use_color(args.color, sys.stderr)), file=sys.stderr)
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


def _skip_not_a_report(result: FileResult, summary: Summary) -> bool:
    """A file found in a folder that is not a report (notes, a cover letter, a list page) is listed among the skipped
    files with the reason, not audited: a folder of reports may hold such files, and they are no failure of the batch.
    A file given by name keeps its fatal SYS002: the user asked for that one file."""
    from auditor.engine import Skipped
    from auditor.verdict import NOT_A_REPORT

    # the tally, not the findings: a worker's result holds only the tally (a non-report is sent whole), and the
    # parent, which every result passes through, would otherwise make a finding object for each count
    if not any(code == NOT_A_REPORT for code, *_rest in result.tally()):
        return False
    found = next(f for f in result.findings if f.code == NOT_A_REPORT)
    summary.skipped.append(Skipped(result.path, found.message.zh, found.message.en))
    return True


def _watch(args: argparse.Namespace) -> int:
    """``check --watch``: audit, then audit again whenever a report (or the configuration) changes."""
    from auditor import watch
    from auditor.plugins import extensions

    if "-" in args.paths:
        raise ConfigError("--watch 不能与标准输入（-）同用", "--watch cannot read stdin (-)")
    config, plugins = _setup(args)
    once = argparse.Namespace(**{**vars(args), "watch": False})
    return watch.loop(
        lambda: _check(argparse.Namespace(**vars(once))),
        watch.Targets(args.paths, extensions(plugins), config.exclude, config.source, args.output_file),
        config.lang,
    )


def _sources(plugins: Any, limits: Any, stdin: _StdinReport | None) -> Any:
    """For --show-source: the lines of a file as the auditor read it (the extracted text of a DOCX or PDF), read
    again when the reporter asks; None when it cannot be read."""
    from auditor.readers import read_path

    def lines(path: str) -> list[str] | None:
        if stdin is not None and path == stdin.name:
            path = stdin.path
        from auditor.budget import BudgetExceeded

        try:
            return list(read_path(path, plugins, limits).lines)
        except BudgetExceeded:
            raise
        except Exception:  # the file's own finding says why it cannot be read
            return None

    return lines


def _baseline(args: argparse.Namespace, lang: str) -> tuple[Any, Any]:
    """The baseline read (``--baseline``) and the one to write (``--write-baseline``); imported only when asked."""
    if not (args.baseline or args.write_baseline):
        return None, None
    from auditor.baseline import Baseline, BaselineWriter

    baseline = Baseline.load_or_empty(args.baseline, lang) if args.baseline else None
    return baseline, BaselineWriter(args.write_baseline, lang) if args.write_baseline else None


class _StdinReport:
    """``auditor check -``: the report read from stdin into a temporary file (the readers and worker processes read
    files), reported under ``--stdin-filename`` (default ``-``), whose extension also names its format."""

    def __init__(self, name: str | None) -> None:
        import os
        import tempfile

        self.name = name or "-"
        suffix = os.path.splitext(name or "")[1] or ".txt"
        handle, self.path = tempfile.mkstemp(prefix="auditor-stdin-", suffix=suffix)
        with os.fdopen(handle, "wb") as out:
            out.write(sys.stdin.buffer.read())

    def rename(self, result: Any) -> None:
        if result.path == self.path:
            result.path = self.name
            for finding in result.findings:
                finding.path = self.name

    def remove(self) -> None:
        import os

        if os.path.exists(self.path):
            os.unlink(self.path)


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


def open_output(args: argparse.Namespace, paths: list[str], binary: bool) -> Any:
    from auditor.output import Output, refuse_inputs

    for flag, target in (("-o", args.output_file), ("--write-baseline", args.write_baseline)):
        if target:
            refuse_inputs(target, paths, flag)
    return Output(args.output_file, binary)


# ── fix ─────────────────────────────────────────────────────────────────────────────────────────────────
def _fix(args: argparse.Namespace) -> int:
    from auditor import fix
    from auditor.engine import Engine
    from auditor.rule import Severity

    config, plugins = _setup(args)
    engine = Engine(plugins, config, _limits(args))
    return fix.run(
        args.paths,
        engine,
        lang=config.lang,
        fail_on=Severity.parse(args.fail_on or config.fail_on),
        output=args.output_file,
        in_place=args.in_place,
        assume_yes=args.yes,
        unsafe=args.unsafe_fixes,
        diff_only=args.diff,
    )


# ── parse ───────────────────────────────────────────────────────────────────────────────────────────────
def _parse(args: argparse.Namespace) -> int:
    from auditor.budget import budget
    from auditor.parse import parse_document, prelexer
    from auditor.plugins import Plugins
    from auditor.readers import read_path

    plugins, limits = Plugins(require=args.require_plugins), _limits(args)
    prelexer()  # the grammar is loaded before the file's time starts
    with budget(limits.max_seconds, args.file):  # past it: one line naming the file, exit 2
        report = parse_document(read_path(args.file, plugins, limits))
    if args.format == "json":
        json.dump(report.to_json(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        from auditor.summary import summarise

        print(terminal_safe(summarise(report, args.lang or "zh")))
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
    config, plugins = _setup(args)
    rules = sorted(plugins.rules.values(), key=lambda r: r.code)
    if args.format == "json":
        json.dump([r.to_json() for r in rules], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    from auditor.reporters.columns import tidy_zh

    lang = config.lang
    rows = [
        (
            r.code,
            r.name,
            r.severity.text(lang),
            " ".join(v for v in r.variants if v in ("2019", "2021", "pre2019")),
            r.plugin,
            tidy_zh(r.summary.get(lang)) if lang == "zh" else r.summary.get(lang),
        )
        for r in rules
    ]
    headers = (
        ["代码", "名称", "级别", "适用格式", "插件", "说明"]
        if lang == "zh"
        else ["code", "name", "severity", "variants", "plugin", "summary"]
    )
    from auditor.reporters.text import output_width
    from auditor.reporters.wrap import fit_table

    width = output_width(sys.stdout)
    if width < 100:  # a narrow terminal: the plugin of each rule is in `auditor plugins`
        narrow = [row[:4] + row[5:] for row in rows]
        print(fit_table(narrow, headers[:4] + headers[5:], width, {1: 2, 4: 4}))
    else:
        print(fit_table(rows, headers, width, {1: 2, 4: 1, 5: 4}))
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
    from auditor.reporters.columns import tidy_zh

    lang = config.lang
    zh = lang == "zh"
    tidy = tidy_zh if zh else str
    lines = [
        f"{found.code} {found.name}",
        f"{'级别' if zh else 'Severity'}: {found.severity.text(lang)}    "
        f"{'适用格式' if zh else 'Variants'}: {', '.join(found.variants)}    "
        f"{'插件' if zh else 'Plugin'}: {found.plugin}"
        + (f"    {'自动修复' if zh else 'Fix'}: {_FIX_KIND[found.fix][0 if zh else 1]}" if found.fix else ""),
        "",
        tidy(found.summary.get(lang)),
        "",
        tidy(found.explanation.get(lang)),
    ]
    if found.basis:
        lines += ["", "依据：" if zh else "Legal basis:"]
        lines += [f"  - {basis.text(lang)}" for basis in found.basis]
    print(_fitted(lines))
    return EXIT_OK


def _fitted(lines: list[str]) -> str:
    """Lines fitted to the terminal's width by Chinese line-breaking rules (a list item goes on under its text)."""
    from auditor.reporters.text import output_width
    from auditor.reporters.wrap import wrap

    width = output_width(sys.stdout)
    out: list[str] = []
    for line in lines:
        prefix = line[: len(line) - len(line.lstrip(" -"))]  # "  - " of a list item
        parts = wrap(line[len(prefix) :], width - len(prefix))
        out += [prefix + parts[0], *(" " * len(prefix) + part for part in parts[1:])]
    return "\n".join(out)


_FIX_KIND = {
    "safe": ("安全（auditor fix）", "safe (auditor fix)"),
    "unsafe": ("需 --unsafe-fixes", "with --unsafe-fixes"),
}


def _plugins(args: argparse.Namespace) -> int:
    config, plugins = _setup(args)
    if args.format == "json":
        json.dump([info.to_json() for info in plugins.infos], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    zh = config.lang == "zh"
    rows = []
    for info in plugins.infos:
        contributes = []
        if info.rules:
            count = f"{len(info.rules)}条规则：" if zh else f"{len(info.rules)} rules: "
            contributes.append(count + " ".join(info.rules))
        if info.reporters:
            contributes.append(("输出格式：" if zh else "formats out: ") + " ".join(info.reporters))
        if info.formats:
            contributes.append(("读取：" if zh else "reads: ") + " ".join(info.formats))
        if info.error is None:
            status = "正常" if zh else "ok"
        else:  # the reason is the exception's own text
            status = f"无法加载：{info.error}" if zh else f"BROKEN: {info.error}"
        rows.append(
            (info.name, f"{info.distribution} {info.version}".strip(), info.value, status, "; ".join(contributes))
        )
    from auditor.reporters.text import output_width
    from auditor.reporters.wrap import fit_table

    headers = (
        ["插件", "发行包", "模块", "状态", "提供"]
        if zh
        else ["plugin", "distribution", "module", "status", "contributes"]
    )
    width = output_width(sys.stdout)
    if width < 120:  # a narrow terminal: the plugin, whether it loaded, what it gives (--format json has the rest)
        narrow = [(row[0], row[3], row[4]) for row in rows]
        print(fit_table(narrow, [headers[0], headers[3], headers[4]], width, {1: 1, 2: 3}))
    else:
        print(fit_table(rows, headers, width, {3: 1, 4: 3}))
    return EXIT_OK


_COMMANDS = {
    "check": _check,
    "fix": _fix,
    "parse": _parse,
    "rules": _rules,
    "rule": _rule,
    "explain": _rule,
    "plugins": _plugins,
}
_COMMANDS |= {"serve": _serve, "notice": _notice}  # the workbench (auditor.workbench)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
