"""Clean synthetic reports to break one rule at a time, and the engine to audit them."""

from __future__ import annotations

import datetime as dt
import random
from functools import lru_cache

from auditor import synth
from auditor.engine import Engine
from auditor.parse import parse_document
from auditor.plugins import Plugins
from auditor.readers.text import document_from_text
from auditor.rule import Finding


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
