"""``--format github``: GitHub Actions workflow commands, one annotation line per finding.

``::error file=reports/a.txt,line=3,col=87,title=CIT001 outdated-format-notice::message`` — the runner turns each
line into an annotation on the file. Escaping follows ``@actions/core`` (``command.ts``) exactly: the message
escapes ``%``, CR and LF; property values escape ``:`` and ``,`` as well. A file that does not pass gets one notice
with its verdict (未通过/无法审查/不可读).
"""

from __future__ import annotations

from auditor.engine import FileResult
from auditor.reporters.columns import headline, message_text
from auditor.reporters.paths import ci_path
from auditor.reporters.where import is_text_file, location_text
from auditor.reporting import Reporter, Summary, cross_results
from auditor.rule import Finding, Severity
from auditor.verdict import Verdict

COMMANDS = {Severity.FATAL: "error", Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(value: str) -> str:
    """A command's message (``escapeData``)."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """A command's property value (``escapeProperty``)."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(name: str, properties: dict[str, str], message: str) -> str:
    """One workflow command line, ``::name key=value,…::message``."""
    head = "::" + name
    if properties:
        head += " " + ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"{head}::{escape_data(message)}"


class GithubReporter(Reporter):
    name = "github"
    description = "GitHub Actions annotations (workflow commands) / GitHub 注释"

    def file(self, result: FileResult) -> None:
        self._annotations(result)
        verdict = result.verdict(self.run.fail_on)
        if verdict is not Verdict.PASS:
            title = "结论" if self.run.lang == "zh" else "verdict"
            properties = {"file": ci_path(result.path), "title": f"auditor {title}"}
            self.out.write(command("notice", properties, f"{title}: {verdict.text(self.run.lang)}") + "\n")

    def _annotations(self, result: FileResult) -> None:
        for finding in result.findings:
            self.out.write(self._annotation(finding) + "\n")

    def end(self, summary: Summary) -> None:
        for result in cross_results(summary):
            self._annotations(result)

    def _annotation(self, finding: Finding) -> str:
        properties = {"file": ci_path(finding.path)}
        message = message_text(finding, self.run.lang)
        if finding.loc is not None and is_text_file(finding.path):
            properties |= {"line": str(finding.loc.line), "col": str(finding.loc.column)}
        elif finding.loc is not None:
            # GitHub shows a .docx/.pdf/.html file's lines as it stores the file, not as the auditor read it: the
            # annotation goes on line 1 and says where it is in words.
            properties["line"] = "1"
            where = location_text(finding.loc, self.run.lang, text_file=False)
            message = f"（{where}）{message}" if self.run.lang == "zh" else f"({where}) {message}"
        properties["title"] = headline(finding, self.run.rules, self.run.lang)
        return command(COMMANDS[finding.severity], properties, message)
