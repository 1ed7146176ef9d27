"""Runs of ``auditor check`` for the reporter tests, and a report made to have table findings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from auditor import synth
from auditor.cli import main
from tests.conftest import ROOT
from tests.rules.helpers import clean_spec

EXAMPLES = ROOT / "examples"
HOSTILE_BODY = '<script>alert("body")</script>桃源镇人民政府'


def run(args: list[str]) -> int:
    return main(["check", *args, "--no-progress"])


def json_output(args: list[str], folder: Path) -> dict[str, Any]:
    """The JSON output of a run (the reference the other formats must agree with)."""
    target = folder / "reference.json"
    run([*args, "--format", "json", "-o", str(target)])
    return json.loads(target.read_text(encoding="utf-8"))


def all_findings(document: dict[str, Any]) -> list[dict[str, Any]]:
    """Every finding of a JSON output: each file's, then those across files."""
    found = [f for entry in document["files"] for f in entry["findings"]]
    return found + document["summary"]["cross_file"]["findings"]


def finding_key(finding: dict[str, Any], lang: str) -> tuple[Any, ...]:
    """What must agree between formats: code, path, line, column, severity and message (in the outputs for people,
    with Chinese typography applied: docs/glossary.md)."""
    from auditor.reporters.columns import tidy_zh

    message = finding["message"][lang]
    return (
        finding["code"],
        finding["path"],
        finding["line"],
        finding["column"],
        finding["severity"],
        tidy_zh(message) if lang == "zh" else message,
    )


def table_report(folder: Path) -> Path:
    """A 2021-format report whose tables break I-1 and I-3 (one changed cell) and leave one cell blank, issued by a
    body whose name carries markup."""
    spec = clean_spec("2021")
    spec.body, spec.body_in_title = HOSTILE_BODY, '<script>alert("body")</script>桃源镇'
    cell = "applications.new_received.natural_person"
    spec.values[cell] = int(spec.values[cell] or 0) + 5
    spec.values["review_litigation.review.pending"] = None
    path = folder / "taoyuan-2023.txt"
    path.write_text(synth.render(spec, "cell-per-line", synth.Noise()), encoding="utf-8")
    return path
