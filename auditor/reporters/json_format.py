"""``--format json``: versioned, described by ``schemas/findings.schema.json``; streamed file by file."""

from __future__ import annotations

import codecs
import io
import json
import os
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
        self.utf8, self.errors = _utf8_sink(out)
        self._write(json.dumps(head, ensure_ascii=False)[:-1] + ', "files": [')
        self.first = True

    def file(self, result: FileResult) -> None:
        separator = "\n" if self.first else ",\n"
        self.first = False
        encoded = result.json_utf8(self.run.fail_on) if self.utf8 is not None else None
        if encoded is None:
            self._write(separator + result.json_text(self.run.fail_on))
        else:  # written as UTF-8 by a worker process: to the file as it is, not decoded and encoded again
            self.utf8.write(separator.encode() + encoded)

    def end(self, summary: Summary) -> None:
        self._write('\n], "summary": ' + json.dumps(summary.to_json(), ensure_ascii=False) + "}\n")

    def _write(self, text: str) -> None:
        if self.utf8 is None or self.utf8 is self.out:
            self.out.write(text)
        else:  # every write goes to the text stream's buffer, in order, once the first one does
            self.utf8.write(text.encode("utf-8", self.errors))


def _utf8_sink(out: Any) -> tuple[Any, str]:
    """Where the UTF-8 text of a result can be written as bytes, the same bytes as its text would become, or None:
    an output file of the run (it takes both), or a UTF-8 text stream's buffer (stdout to a file or a pipe, with
    nothing written to the stream yet that is not flushed); and how the stream encodes what it cannot."""
    if getattr(out, "takes_utf8", False):
        return out, "replace"
    if (
        isinstance(out, io.TextIOWrapper)
        and codecs.lookup(out.encoding).name == "utf-8"
        and not out.line_buffering  # a terminal: every line shown as it comes, as the text stream would
        and os.linesep == "\n"  # the text stream writes its newlines as they are
    ):
        out.flush()
        return out.buffer, out.errors or "strict"
    return None, "strict"
