"""``--format json``: versioned, described by ``schemas/findings.schema.json``; streamed file by file."""

from __future__ import annotations

import json
from typing import Any

from auditor.engine import FileResult
from auditor.reporting import REPORT_FORMAT_VERSION, Reporter, RunInfo, Summary


class JsonReporter(Reporter):
    name = "json"
    description = "machine-readable findings (schemas/findings.schema.json)"

    def begin(self, out: Any, run: RunInfo) -> None:
        super().begin(out, run)
        head = {
            "version": REPORT_FORMAT_VERSION,
            "tool": {"name": "auditor", "version": run.tool_version},
            "fail_on": run.fail_on.label,
            "fail_on_unassessed": run.fail_on_unassessed,
        }
        out.write(json.dumps(head, ensure_ascii=False)[:-1] + ', "files": [')
        self.first = True

    def file(self, result: FileResult) -> None:
        self.out.write(("\n" if self.first else ",\n") + result.json_text(self.run.fail_on))
        self.first = False

    def end(self, summary: Summary) -> None:
        self.out.write('\n], "summary": ' + json.dumps(summary.to_json(), ensure_ascii=False) + "}\n")
