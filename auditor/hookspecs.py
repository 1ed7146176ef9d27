"""The plugin interface of auditor — the one module a plugin imports.

A plugin is a module (or object) with functions marked ``@hookimpl``, registered through the entry-point group
``auditor`` of its distribution::

    # pyproject.toml of the plugin
    [project.entry-points.auditor]
    my_rules = "my_package.rules"

    # my_package/rules.py
    from auditor.hookspecs import hookimpl, rule, Text, WARNING

    @rule(code="ABC001", name="my-check", severity=WARNING, summary=Text("…", "…"), explanation=Text("…", "…"))
    def my_check(report, ctx):
        if …:
            yield ctx.finding(Text("中文说明", "English message"), loc=…)

    @hookimpl
    def auditor_rules():
        return [my_check]

The built-in rules (``auditor.rules.*``), reporters and readers are registered exactly this way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pluggy

from auditor import legal, narrative, regime, regions, template
from auditor.document import Location
from auditor.legal import DOCUMENTS, LegalBasis
from auditor.model import (
    INFERRED,
    READ,
    UNREAD,
    Cell,
    Citation,
    Found,
    Gap,
    Report,
    SectionData,
    TableData,
    TableRow,
    reason_text,
)
from auditor.normalize import overlong
from auditor.rule import (
    ALL_VARIANTS,
    ERROR,
    EVERY_VARIANT,
    FATAL,
    INFO,
    PRE2019,
    WARNING,
    BatchCheck,
    BatchOutcome,
    Edit,
    Finding,
    Fix,
    Place,
    Rule,
    RuleContext,
    Severity,
    Text,
    fingerprint,
    no_findings,
    rule,
)

if TYPE_CHECKING:
    from auditor.reporting import Reporter

PROJECT = "auditor"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)

__all__ = [
    "ALL_VARIANTS",
    "DOCUMENTS",
    "ERROR",
    "EVERY_VARIANT",
    "FATAL",
    "INFERRED",
    "INFO",
    "PRE2019",
    "READ",
    "UNREAD",
    "WARNING",
    "BatchCheck",
    "BatchOutcome",
    "Cell",
    "Citation",
    "Edit",
    "Finding",
    "Fix",
    "Found",
    "Gap",
    "LegalBasis",
    "Location",
    "Place",
    "Report",
    "Rule",
    "RuleContext",
    "SectionData",
    "Severity",
    "TableData",
    "TableRow",
    "Text",
    "fingerprint",
    "hookimpl",
    "hookspec",
    "legal",
    "narrative",
    "no_findings",
    "overlong",
    "reason_text",
    "regime",
    "regions",
    "rule",
    "template",
]


@hookspec
def auditor_rules() -> list[Rule]:  # type: ignore[empty-body]
    """Contribute rules: return a list of :class:`Rule` (made with ``@rule``)."""


@hookspec
def auditor_reporters() -> list[Reporter]:  # type: ignore[empty-body]
    """Contribute output formats: return a list of :class:`auditor.reporting.Reporter` subclasses (instances)."""


@hookspec
def auditor_batch_checks() -> list[BatchCheck]:  # type: ignore[empty-body]
    """Contribute checks across the files of a run (e.g. consecutive years of one body): a list of
    :class:`BatchCheck`. Their rules are contributed through ``auditor_rules`` as usual, declared with
    :func:`no_findings` as their per-report check (``rule(...)(no_findings)``): the batch check finds for them."""


@hookspec(firstresult=True)
def auditor_read(path: str, data: bytes, limits: Any) -> Any:
    """Read a file into a :class:`auditor.document.Document` if this plugin recognises its content; else None.

    ``data`` holds the file's first bytes (up to ``limits.max_bytes``). Raise ``auditor.errors.ReadError`` for a
    file of a recognised format that cannot be read. The first reader that returns a document wins.
    """


@hookspec
def auditor_formats() -> list[dict[str, str]]:  # type: ignore[empty-body]
    """Describe the input formats this plugin reads: ``[{"name": "docx", "description": "..."}]``."""


@hookspec
def auditor_citation_catalogs() -> list[str]:  # type: ignore[empty-body]
    """Contribute citation catalogues: paths of TOML files like ``rules/citations.toml`` that say which issuers and
    titles are national and which local. All contributed catalogues are merged; the citation rules read them."""


@hookspec
def auditor_narrative_patterns() -> list[Any]:  # type: ignore[empty-body]
    """Contribute narrative patterns: paths of TOML files written like ``rules/narrative.toml`` (a province's
    phrasing of a count, a statement, an aspect …). Their entries are tried before the built-in ones."""
