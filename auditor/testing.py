"""The testing kit for rule authors — a stable interface, like :mod:`auditor.hookspecs`.

A rule plugin's tests need three things: a report that breaks the rule, one that does not, and the rule run on
both. This module gives them without touching the auditor's internals::

    from auditor.testing import clean_text, report_from_text, run_rule
    from my_package.rules import my_check

    def test_my_check_fires() -> None:
        text = clean_text().replace("信息处理费", "信息公开处理费", 1)
        assert [f.code for f in run_rule(my_check, text)] == ["ABC001"]

**Rule cases as data** (the way SQLFluff keeps its rule cases): one YAML file per rule, each case an input (a
clean report with edits, or a report written out) and the findings expected from it. One parametrised test runs
them all::

    # tests/test_cases.py
    from pathlib import Path
    import pytest
    from auditor.testing import check_case, load_cases
    import my_package.rules as plugin

    @pytest.mark.parametrize("case", load_cases(Path(__file__).parent / "cases"), ids=str)
    def test_rule_case(case):
        check_case(case, plugin)

The case format is described in ``docs/rule-cases.md``. Everything here uses the built-in plugins plus the ones
named explicitly — never the third-party plugins installed in the environment, so that one plugin's tests cannot
be changed by another's installation.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from auditor.rule import Finding, Rule, RuleContext, Severity

__all__ = [
    "BASES",
    "Case",
    "CaseError",
    "Expected",
    "audit",
    "check_case",
    "clean_text",
    "engine",
    "load_cases",
    "report_from_dict",
    "report_from_text",
    "run_case",
    "run_rule",
]

BASES = ("clean-2019", "clean-2021")  # the clean reports a case can start from
_SEED = 7  # the clean reports are generated from a fixed seed: the same text on every run and machine


class CaseError(ValueError):
    """A rule-case file that does not follow the format (names the file and the case)."""


# ── reports ─────────────────────────────────────────────────────────────────────────────────────────────
def clean_text(variant: str = "2021", layout: str = "plain", year: int | None = None, seed: int = _SEED) -> str:
    """A complete annual report in which the built-in rules find nothing: the base to break one rule in.

    ``variant`` ``"2019"`` or ``"2021"`` (the format of the tables), ``layout`` how the tables are written
    (``plain``: a row per line with its figures; ``cell-per-line``; ``tab-separated``; ``pipe-separated``),
    ``year`` the report year (default: one the format fits; a year the format does not fit breaks CIT003).
    """
    return _render(_spec(variant, year, seed), layout)


def report_from_text(text: str, path: str = "report.txt") -> Any:
    """Parse a report written as plain text (as an extracted ``.txt`` would read): an :class:`auditor.model.Report`.

    Raises :class:`auditor.errors.NotAReport` for text that is not recognisably an annual report.
    """
    from auditor.parse import parse_document
    from auditor.readers.text import document_from_text

    return parse_document(document_from_text(text, path, "text"))


def report_from_dict(data: Mapping[str, Any], path: str = "report.txt") -> Any:
    """A report from a few facts, rendered from the clean report and parsed like any text report.

    Keys (all optional): ``variant`` (``"2019"``/``"2021"``), ``year``, ``layout``, ``body`` (the issuing body),
    ``cells`` (canonical cell name → value, ``None`` for a blank cell, e.g. ``{"applications.new_received.
    natural_person": 5}``; names as in ``docs/model-reference.md``), ``paragraphs`` (section 一…六 → its
    sentences), ``citation`` (cite the format notice, default true), ``period`` (state the statistics period,
    default true), ``signing_date`` (ISO date or ``None`` for none).
    """
    return report_from_text(_text_from_dict(data), path)


def _text_from_dict(data: Mapping[str, Any]) -> str:
    unknown = set(data) - {"variant", "year", "layout", "body", "cells", "paragraphs", "citation", "period"}
    unknown -= {"signing_date"}
    if unknown:
        raise CaseError(f"unknown report keys: {', '.join(sorted(unknown))}")
    spec = _spec(str(data.get("variant", "2021")), data.get("year"), _SEED)
    if "body" in data:
        spec.body = spec.body_in_title = str(data["body"])
    for name, value in (data.get("cells") or {}).items():
        if name not in spec.values:
            raise CaseError(f"no cell {name!r} in the {spec.variant} format (see docs/model-reference.md)")
        spec.values[name] = value
    for section, sentences in (data.get("paragraphs") or {}).items():
        spec.paragraphs[str(section)] = [sentences] if isinstance(sentences, str) else list(sentences)
    spec.citation = bool(data.get("citation", True))
    spec.period = bool(data.get("period", True))
    if "signing_date" in data:
        signed = data["signing_date"]
        spec.signing_date = None if signed is None else dt.date.fromisoformat(str(signed))
    return _render(spec, str(data.get("layout", "plain")))


def _spec(variant: str, year: int | None, seed: int) -> Any:
    from auditor import synth

    if variant not in ("2019", "2021"):
        raise CaseError(f"variant {variant!r}: use 2019 or 2021")
    spec = synth.random_spec(random.Random(seed), variant)
    if year is not None:
        spec.year = int(year)
    spec.citation = True
    spec.period = True
    spec.signing_date = dt.date(spec.year + 1, 1, 20)
    return spec


def _render(spec: Any, layout: str) -> str:
    from auditor import synth

    if layout not in synth.LAYOUTS:
        raise CaseError(f"layout {layout!r}: use one of {', '.join(synth.LAYOUTS)}")
    return synth.render(spec, layout, synth.Noise())


# ── running rules ───────────────────────────────────────────────────────────────────────────────────────
def engine(*plugins: object, select: Sequence[str] | None = None, config: Any = None) -> Any:
    """An :class:`auditor.engine.Engine` with the built-in plugins and ``plugins`` (modules or objects with
    ``@hookimpl`` functions), running the rules ``select`` names (codes, prefixes or names; default all).

    ``config``: an :class:`auditor.config.Config` (for options such as ``deadlines``); it overrides ``select``.
    """
    if config is not None:
        return _build(plugins, config)
    return _engine(tuple(plugins), tuple(select or ("ALL",)))


@lru_cache(maxsize=32)
def _engine(plugins: tuple[object, ...], select: tuple[str, ...]) -> Any:
    from auditor.config import Config

    return _build(plugins, Config(select=list(select)))


def _build(plugins: Sequence[object], config: Any) -> Any:
    from auditor.engine import Engine
    from auditor.plugins import Plugins

    extra = [(getattr(p, "__name__", None) or f"plugin-{i}", p) for i, p in enumerate(plugins)]
    return Engine(Plugins(require=True, extra=extra, autoload=False), config)


def audit(
    report: Any, *plugins: object, select: Sequence[str] | None = None, path: str = "report.txt"
) -> list[Finding]:
    """Every selected rule (built-in and ``plugins``) on a report or its text, graded as ``auditor check`` grades."""
    if isinstance(report, str):
        report = report_from_text(report, path)
    findings: list[Finding] = engine(*plugins, select=select).check_report(report, path)
    return findings


def run_rule(
    rule: Rule, report: Any, options: Mapping[str, Any] | None = None, path: str = "report.txt"
) -> list[Finding]:
    """One rule's findings on a report (or its text), called directly: no selection, no severity overrides.

    A rule declared for other template variants than the report's finds nothing, as in a real run.
    """
    if isinstance(report, str):
        report = report_from_text(report, path)
    if not rule.applies_to(report.variant):
        return []
    return list(rule.check(report, RuleContext(rule, path, dict(options or {}))))


# ── rule cases as data ──────────────────────────────────────────────────────────────────────────────────
@dataclass(frozen=True)
class Expected:
    """One finding a case expects. Unset fields are not compared."""

    code: str
    line: int | None = None
    line_of: str | None = None  # the finding's line is the first line of the input holding this text
    severity: str | None = None
    message: str | None = None  # a part of the Chinese message
    message_en: str | None = None  # a part of the English message

    def describe(self) -> str:
        parts = [self.code]
        for name in ("line", "line_of", "severity", "message", "message_en"):
            value = getattr(self, name)
            if value is not None:
                parts.append(f"{name}={value!r}")
        return " ".join(parts)


@dataclass(frozen=True)
class Case:
    """One rule case: the input text, the findings expected of the rule and, if given, the text its fixes give."""

    file: str
    id: str
    rule: str
    text: str
    expect: tuple[Expected, ...]
    fixed: str | None = (
        None  # the text after the rule's fixes (YAML ``fixed: base``: the unedited base; ``same``: no change)
    )
    unsafe_fixes: bool = False
    path: str = "report.txt"
    extra: dict[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.rule}-{self.id}"


_CASE_KEYS = {"id", "base", "report", "layout", "year", "cells", "paragraphs", "replace", "drop_lines", "expect"}
_CASE_KEYS |= {"fixed", "unsafe_fixes", "path", "variant", "signing_date", "citation", "period", "body"}
_EXPECT_KEYS = {"code", "line", "line_of", "severity", "message", "message_en"}


def load_cases(path: str | Path) -> list[Case]:
    """The cases of a YAML file, or of every ``*.yml``/``*.yaml`` file in a folder (sorted by name)."""
    import yaml  # the `testing` extra: pip install 'gov-report-auditor[testing]'

    root = Path(path)
    files = sorted([*root.glob("*.yml"), *root.glob("*.yaml")]) if root.is_dir() else [root]
    if not files:
        raise CaseError(f"{root}: no rule-case files (*.yml)")
    cases: list[Case] = []
    for file in files:
        try:
            data = yaml.safe_load(file.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            raise CaseError(f"{file}: not valid YAML: {exc}") from None
        cases.extend(_cases_of(file, data))
    return cases


def _cases_of(file: Path, data: Any) -> list[Case]:
    if not isinstance(data, dict) or not isinstance(data.get("rule"), str) or not isinstance(data.get("cases"), list):
        raise CaseError(f"{file}: a rule-case file is a mapping with `rule: CODE` and a list `cases:`")
    rule = data["rule"]
    seen: set[str] = set()
    out = []
    for number, raw in enumerate(data["cases"], 1):
        where = f"{file}: case {raw.get('id', number) if isinstance(raw, dict) else number}"
        if not isinstance(raw, dict):
            raise CaseError(f"{where}: a case is a mapping")
        unknown = set(raw) - _CASE_KEYS
        if unknown:
            raise CaseError(f"{where}: unknown keys {', '.join(sorted(unknown))}")
        case_id = str(raw.get("id", number))
        if case_id in seen:
            raise CaseError(f"{where}: id used twice")
        seen.add(case_id)
        try:
            base = _base_text(raw)
            text = _edited(base, raw)
        except (CaseError, ValueError) as exc:
            raise CaseError(f"{where}: {exc}") from None
        expect = tuple(_expected(where, rule, item, text) for item in raw.get("expect") or [])
        if "expect" not in raw:
            raise CaseError(f"{where}: say what is expected (`expect: []` for a report the rule passes)")
        fixed = raw.get("fixed")
        if fixed == "base":
            fixed = base
        elif fixed == "same":  # the rule offers no fix here (or only one the case does not allow)
            fixed = text
        elif isinstance(fixed, dict):  # the input with these replacements
            try:
                fixed = _edited(text, {"replace": fixed})
            except CaseError as exc:
                raise CaseError(f"{where}: fixed: {exc}") from None
        out.append(
            Case(
                str(file),
                case_id,
                rule,
                text,
                expect,
                fixed,
                bool(raw.get("unsafe_fixes", False)),
                str(raw.get("path", "report.txt")),
            )
        )
    return out


def _base_text(raw: dict[str, Any]) -> str:
    if "report" in raw:
        if "base" in raw:
            raise CaseError("give `base` or `report`, not both")
        return str(raw["report"])
    base = str(raw.get("base", "clean-2021"))
    if base not in BASES:
        raise CaseError(f"base {base!r}: use one of {', '.join(BASES)} or write the `report` out")
    keys = ("layout", "year", "cells", "paragraphs", "signing_date", "citation", "period", "body")
    facts = {k: v for k, v in raw.items() if k in keys}
    return _text_from_dict({"variant": base.removeprefix("clean-"), **facts})


def _edited(text: str, raw: dict[str, Any]) -> str:
    for old, new in (raw.get("replace") or {}).items():
        if old not in text:
            raise CaseError(f"replace: {old!r} is not in the input")
        text = text.replace(old, "" if new is None else str(new), 1)
    drop = raw.get("drop_lines") or []
    if drop:
        lines = text.split("\n")
        kept = [line for line in lines if not any(line.startswith(prefix) for prefix in drop)]
        if len(kept) == len(lines):
            raise CaseError(f"drop_lines: no line starts with {drop!r}")
        text = "\n".join(kept)
    return text


def _expected(where: str, rule: str, item: Any, text: str) -> Expected:
    if not isinstance(item, dict):
        raise CaseError(f"{where}: each `expect` entry is a mapping (e.g. {{line_of: 第一行}})")
    unknown = set(item) - _EXPECT_KEYS
    if unknown:
        raise CaseError(f"{where}: unknown keys in expect: {', '.join(sorted(unknown))}")
    line_of = item.get("line_of")
    if line_of is not None and _line_of(text, str(line_of)) is None:
        raise CaseError(f"{where}: line_of {line_of!r} is in no line of the input")
    severity = item.get("severity")
    if severity is not None:
        Severity.parse(str(severity))
    return Expected(
        str(item.get("code", rule)),
        item.get("line"),
        None if line_of is None else str(line_of),
        None if severity is None else str(severity),
        item.get("message"),
        item.get("message_en"),
    )


def _line_of(text: str, needle: str) -> int | None:
    return next((i for i, line in enumerate(text.split("\n"), 1) if needle in line), None)


def run_case(case: Case, *plugins: object) -> list[Finding]:
    """The findings of the case's rule on the case's input (built-in plugins plus ``plugins``)."""
    return audit(case.text, *plugins, select=[case.rule], path=case.path)


def check_case(case: Case, *plugins: object) -> None:
    """Run one case; raise ``AssertionError`` saying what differs (findings missing, unexpected, wrong fix)."""
    found = run_case(case, *plugins)
    for finding in found:  # every message is written in Chinese and in English
        assert finding.message.zh.strip() and finding.message.en.strip(), f"{case}: a message lacks a language"
        assert finding.message.zh != finding.message.en, f"{case}: the Chinese message is the English one"
    missing, unexpected = _match(case, found)
    if missing or unexpected:
        lines = [f"{case.file}: case {case.id} ({case.rule})"]
        lines += [f"  expected, not found: {e.describe()}" for e in missing]
        lines += [f"  found, not expected: {_describe(f)}" for f in unexpected]
        raise AssertionError("\n".join(lines))
    if case.fixed is not None:
        from auditor.fix import fix_text

        result = fix_text(case.text, found, unsafe=case.unsafe_fixes)
        if result.text != case.fixed:
            import difflib

            diff = difflib.unified_diff(
                case.fixed.splitlines(), result.text.splitlines(), "expected", "fixed", lineterm="", n=1
            )
            raise AssertionError(f"{case.file}: case {case.id}: the fix gives another text\n" + "\n".join(diff))


def _match(case: Case, found: Iterable[Finding]) -> tuple[list[Expected], list[Finding]]:
    left = list(found)
    missing = []
    for expected in case.expect:
        hit = next((f for f in left if _fits(expected, f, case.text)), None)
        if hit is None:
            missing.append(expected)
        else:
            left.remove(hit)
    return missing, left


def _fits(expected: Expected, finding: Finding, text: str) -> bool:
    if finding.code != expected.code:
        return False
    if expected.line is not None and finding.line != expected.line:
        return False
    if expected.line_of is not None and finding.line != _line_of(text, expected.line_of):
        return False
    if expected.severity is not None and finding.severity != Severity.parse(expected.severity):
        return False
    if expected.message is not None and expected.message not in finding.message.zh:
        return False
    return expected.message_en is None or expected.message_en in finding.message.en


def _describe(finding: Finding) -> str:
    line = re.sub(r"\s+", " ", finding.message.zh)[:80]
    return f"{finding.code} line={finding.line} severity={finding.severity.label} message={line!r}"
