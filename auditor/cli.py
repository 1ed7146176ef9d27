"""The ``auditor`` command line."""

from __future__ import annotations

import argparse
import json
import sys
import traceback
from collections.abc import Sequence

from auditor import __version__
from auditor.errors import AuditorError

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="auditor",
        description="政府信息公开工作年度报告合规审查 / compliance audit of government information-disclosure "
        "annual reports",
    )
    parser.add_argument("--version", action="version", version=f"auditor {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    parse = sub.add_parser("parse", help="解析一份报告并输出规范结构 / print the canonical structure of one report")
    parse.add_argument("file", help="report file (.txt; more formats through reader plugins)")
    parse.add_argument("--format", choices=("json", "text"), default="text")
    parse.add_argument("--lang", choices=("zh", "en"), default="zh")
    parse.add_argument("--debug", action="store_true", help="show a traceback on internal errors")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_ERROR
    try:
        if args.command == "parse":
            return _parse(args)
    except AuditorError as exc:
        print(exc.one_line(getattr(args, "lang", "zh")), file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # the boundary: never a traceback unless asked for
        if getattr(args, "debug", False):
            traceback.print_exc()
        target = getattr(args, "file", "")
        print(f"{target}: 内部错误 / internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_ERROR
    parser.print_help()
    return EXIT_ERROR


def _parse(args: argparse.Namespace) -> int:
    from auditor.parse import parse_file

    report = parse_file(args.file)
    if args.format == "json":
        json.dump(report.to_json(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        from auditor.summary import summarise

        print(summarise(report, args.lang))
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
