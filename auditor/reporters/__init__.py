"""The built-in output formats (a plugin like any other)."""

from __future__ import annotations

from auditor.hookspecs import hookimpl
from auditor.reporters.concise import ConciseReporter
from auditor.reporters.csv_format import CsvReporter
from auditor.reporters.github import GithubReporter
from auditor.reporters.gitlab import GitlabReporter
from auditor.reporters.html_format import HtmlReporter
from auditor.reporters.json_format import JsonReporter
from auditor.reporters.junit import JunitReporter
from auditor.reporters.sarif import SarifReporter
from auditor.reporters.text import TextReporter
from auditor.reporters.xlsx_format import XlsxReporter
from auditor.reporting import Reporter


@hookimpl
def auditor_reporters() -> list[Reporter]:
    return [
        TextReporter(),
        JsonReporter(),
        SarifReporter(),
        JunitReporter(),
        GithubReporter(),
        GitlabReporter(),
        HtmlReporter(),
        XlsxReporter(),
        CsvReporter(),
        ConciseReporter(),
    ]
