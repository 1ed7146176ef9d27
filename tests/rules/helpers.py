"""Clean synthetic reports to break one rule at a time, and the engine to audit them."""

from __future__ import annotations

import datetime as dt
import random
from functools import lru_cache
from pathlib import Path

from auditor import synth
from auditor.engine import Engine
from auditor.model import Report
from auditor.parse import parse_document, parse_file
from auditor.plugins import Plugins
from auditor.readers.text import document_from_text
from auditor.rule import Finding, Severity


@lru_cache(maxsize=1)
def engine() -> Engine:
    return Engine(Plugins())


def clean_spec(variant: str = "2021", seed: int = 7, year: int | None = None) -> synth.Spec:
    """A report with every optional part present and nothing wrong: the engine finds nothing in it."""
    spec = synth.random_spec(random.Random(seed), variant)
    if year is not None:
        spec.year = year
    spec.citation = True
    spec.period = True
    spec.signing_date = dt.date(spec.year + 1, 1, 20)
    return spec


def clean_text(variant: str = "2021", layout: str = "cell-per-line", seed: int = 7, year: int | None = None) -> str:
    return synth.render(clean_spec(variant, seed, year), layout, synth.Noise())


def audit(text: str, path: str = "report.txt", eng: Engine | None = None) -> list[Finding]:
    report = parse_document(document_from_text(text, path, "text"))
    return (eng or engine()).check_report(report, path)


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


def audit_report(report: Report) -> tuple[Report, list[Finding]]:
    """A parsed report and what the engine finds in it."""
    return report, engine().check_report(report, report.source.path)


def audit_file(path: Path) -> tuple[Report, list[Finding]]:
    return audit_report(parse_file(path))


def audit_variant(text: str) -> tuple[Report, list[Finding]]:
    """A real report's text changed in a test, parsed as a text file."""
    return audit_report(parse_document(document_from_text(text, "variant.txt", "text")))


def serious(findings: list[Finding], code: str) -> list[Finding]:
    """The findings of ``code`` at warning or above."""
    return [f for f in findings if f.code == code and f.severity >= Severity.WARNING]
