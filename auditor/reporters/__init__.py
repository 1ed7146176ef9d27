"""The built-in output formats (a plugin like any other). Each format's module is imported only when a run
writes that format (:class:`~auditor.reporting.LazyReporter`)."""

from __future__ import annotations

from auditor.hookspecs import hookimpl
from auditor.reporting import LazyReporter

_FORMATS = (  # name, module:class — in the order `auditor plugins` lists them
    ("text", "auditor.reporters.text:TextReporter"),
    ("json", "auditor.reporters.json_format:JsonReporter"),
    ("sarif", "auditor.reporters.sarif:SarifReporter"),
    ("junit", "auditor.reporters.junit:JunitReporter"),
    ("github", "auditor.reporters.github:GithubReporter"),
    ("gitlab", "auditor.reporters.gitlab:GitlabReporter"),
    ("html", "auditor.reporters.html_format:HtmlReporter"),
    ("xlsx", "auditor.reporters.xlsx_format:XlsxReporter"),
    ("csv", "auditor.reporters.csv_format:CsvReporter"),
    ("concise", "auditor.reporters.concise:ConciseReporter"),
)


@hookimpl
def auditor_reporters() -> list[LazyReporter]:
    return [LazyReporter(name, target) for name, target in _FORMATS]
