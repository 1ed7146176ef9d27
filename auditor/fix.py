"""Applying the fixes rules attach to their findings (``auditor fix``, ``auditor check --fix/--diff``).

A fix is a set of edits — ``old`` text at a line and column becomes ``new`` (:class:`auditor.rule.Edit`). An edit is
applied only where its ``old`` text is found on its line (nearest to its column), so a fix never lands on text that
changed since the audit; a fix whose edits overlap another's waits for the next pass. As in Ruff, fixing loops:
the fixed text is audited again and the fixes that appear are applied, until none is left (at most
``MAX_PASSES``).

Plain-text reports keep their encoding, byte-order mark and line ends. A DOCX is edited in place with python-docx:
the text of the runs changes, their formatting, the paragraphs, tables and styles stay (a replacement that spans
several runs takes the formatting of the first).
"""

from __future__ import annotations

import codecs
import difflib
import io
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from auditor.errors import ConfigError
from auditor.output import write_atomically
from auditor.patterns import compiled
from auditor.rule import Edit, Finding, Fix

MAX_PASSES = 5
FIXABLE_FORMATS = ("text", "docx")


@dataclass
class FixResult:
    """What applying fixes to one text did."""

    text: str
    applied: list[Finding] = field(default_factory=list)  # findings whose fix was applied in full
    unsafe: list[Finding] = field(default_factory=list)  # findings with an unsafe fix, not applied
    skipped: list[Finding] = field(default_factory=list)  # fixes that could not be placed (text not found, overlap)


def fixes_of(findings: Iterable[Finding], unsafe: bool) -> tuple[list[Finding], list[Finding]]:
    """The findings whose fix is to be applied, and those whose fix is unsafe and not allowed."""
    apply: list[Finding] = []
    held: list[Finding] = []
    for finding in findings:
        if finding.fix is None:
            continue
        (apply if finding.fix.safe or unsafe else held).append(finding)
    apply.sort(key=lambda f: (f.line or 0, f.column or 0, f.code))
    return apply, held


def _locate(line: str, old: str, column: int) -> int | None:
    """Where ``old`` starts in ``line``: the occurrence nearest to ``column`` (1-based), or None."""
    if not old:
        return None
    starts = []
    at = line.find(old)
    while at != -1:
        starts.append(at)
        at = line.find(old, at + 1)
    if not starts:
        return None
    return min(starts, key=lambda start: abs(start - (column - 1)))


def fix_text(text: str, findings: Iterable[Finding], unsafe: bool = False) -> FixResult:
    """Apply the fixes of ``findings`` to a report's text (lines separated by ``\\n``) in one pass."""
    apply, held = fixes_of(findings, unsafe)
    lines = text.split("\n")
    claimed: dict[int, list[tuple[int, int, str]]] = {}  # line index → (start, end, new)
    result = FixResult(text, unsafe=held)
    for finding in apply:
        assert finding.fix is not None
        placed = _place(lines, finding.fix, claimed)
        if placed is None:
            result.skipped.append(finding)
            continue
        for index, start, end, new in placed:
            if (start, end, new) not in claimed.setdefault(index, []):
                claimed[index].append((start, end, new))
        result.applied.append(finding)
    for index, edits in claimed.items():
        line = lines[index]
        for start, end, new in sorted(edits, reverse=True):
            line = line[:start] + new + line[end:]
        lines[index] = line
    result.text = "\n".join(lines)
    return result


def _place(
    lines: list[str], fix: Fix, claimed: dict[int, list[tuple[int, int, str]]]
) -> list[tuple[int, int, int, str]] | None:
    placed = []
    for edit in fix.edits:
        index = edit.loc.line - 1
        if not 0 <= index < len(lines):
            return None
        start = _locate(lines[index], edit.old, edit.loc.column)
        if start is None:
            return None
        end = start + len(edit.old)
        for other_start, other_end, other_new in claimed.get(index, []):
            if (other_start, other_end, other_new) == (start, end, edit.new):
                continue  # the same edit from another finding of the same defect (CIT001 and CIT002)
            if start < other_end and other_start < end:
                return None
        placed.append((index, start, end, edit.new))
    return placed


# ── files ───────────────────────────────────────────────────────────────────────────────────────────────
@dataclass
class FileFix:
    """Fixing one file: the fixed bytes, what changed, and the findings fixed or left."""

    path: str
    format: str
    before: str  # the text as the auditor reads it, before and after (what the diff shows)
    after: str
    data: bytes
    applied: list[Finding] = field(default_factory=list)
    unsafe: list[Finding] = field(default_factory=list)
    skipped: list[Finding] = field(default_factory=list)
    remaining: list[Finding] = field(default_factory=list)  # the audit of the fixed file

    @property
    def changed(self) -> bool:
        return self.before != self.after

    def diff(self, out_name: str | None = None) -> str:
        """A unified diff of the text (for a DOCX: of its paragraphs and table rows as the auditor reads them)."""
        label = self.path if self.format == "text" else f"{self.path} (text)"
        after = out_name or self.path
        lines = unified_diff(
            self.before.splitlines(),
            self.after.splitlines(),
            _diff_name("a", label),
            _diff_name("b", after if self.format == "text" else after + " (text)"),
        )
        return "\n".join(lines) + "\n" if self.changed else ""


def unified_diff(a: list[str], b: list[str], name_a: str, name_b: str, context: int = 1) -> list[str]:
    """A unified diff that never takes a common line (a blank one) for junk, as ``difflib.unified_diff`` does in
    long texts: only the lines that changed are shown as changed."""
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    out = [f"--- {name_a}", f"+++ {name_b}"]
    for group in matcher.get_grouped_opcodes(context):
        first, last = group[0], group[-1]
        out.append(f"@@ -{first[1] + 1},{last[2] - first[1]} +{first[3] + 1},{last[4] - first[3]} @@")
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                out += [" " + line for line in a[i1:i2]]
                continue
            out += ["-" + line for line in a[i1:i2]]
            out += ["+" + line for line in b[j1:j2]]
    return out


def _diff_name(side: str, path: str) -> str:
    return path if os.path.isabs(path) else f"{side}/{path}"


def fix_file(path: str, engine: Any, unsafe: bool = False) -> FileFix:
    """Fix a report file in memory (nothing is written): fixes applied pass after pass, the result audited."""
    from auditor.readers import read_path

    document = read_path(path, engine.plugins, engine.limits)
    if document.format not in FIXABLE_FORMATS:
        raise ConfigError(
            f"只能修复 .txt 和 .docx 报告，此文件为 {document.format}",
            f"only .txt and .docx reports can be fixed; this file is {document.format}",
            path,
        )
    data = Path(path).read_bytes()
    before = "\n".join(document.lines) if document.format == "docx" else _decoded(data, path)[0]
    outcome = FileFix(path, document.format, before, before, data)
    suffix = Path(path).suffix or (".docx" if document.format == "docx" else ".txt")
    with tempfile.TemporaryDirectory(prefix="auditor-fix-") as folder:
        current = os.path.join(folder, "report" + suffix)
        Path(current).write_bytes(data)
        for _ in range(MAX_PASSES):
            findings = engine.check_file(current).findings
            apply, held = fixes_of(findings, unsafe)
            outcome.unsafe = held
            outcome.remaining = findings
            if not apply:
                break
            data, result = _apply(document.format, data, read_path(current, engine.plugins, engine.limits), apply)
            outcome.skipped = result.skipped
            if not result.applied:
                break
            outcome.applied.extend(result.applied)
            Path(current).write_bytes(data)
        else:
            outcome.remaining = engine.check_file(current).findings
        if document.format == "docx":
            outcome.after = "\n".join(read_path(current, engine.plugins, engine.limits).lines)
        else:
            outcome.after = _decoded(data, path)[0]
    for finding in outcome.remaining:
        finding.path = path
    outcome.data = data
    return outcome


def _apply(fmt: str, data: bytes, document: Any, findings: Sequence[Finding]) -> tuple[bytes, FixResult]:
    if fmt == "docx":
        return fix_docx(data, findings, _line_refs(document))
    text, encoding = _decoded(data, document.path)
    parts = _NEWLINE.split(text)  # lines and their own line ends, kept as they were (the reader splits on all three)
    result = fix_text("\n".join(parts[0::2]), findings, unsafe=True)
    lines = result.text.split("\n")
    joined = "".join(line + end for line, end in zip(lines, [*parts[1::2], ""], strict=True))
    if encoding == "utf-8-sig":
        return codecs.BOM_UTF8 + joined.encode("utf-8"), result
    return joined.encode(encoding), result


_NEWLINE = compiled(r"(\r\n|\r|\n)")


def _line_refs(document: Any) -> dict[int, list[tuple[int, str]]]:
    """Line → [(column where a cell starts, its DOCX reference)], from the blocks the reader made."""
    refs: dict[int, list[tuple[int, str]]] = {}
    for block in document.blocks:
        for cell in block.cells:
            if cell.loc.ref:
                refs.setdefault(cell.loc.line, []).append((cell.loc.column, cell.loc.ref))
    return refs


def _decoded(data: bytes, path: str) -> tuple[str, str]:
    from auditor.readers.text import decode

    text, encoding = decode(data, path)
    return text, encoding


# ── DOCX ────────────────────────────────────────────────────────────────────────────────────────────────
def fix_docx(
    data: bytes, findings: Sequence[Finding], line_refs: dict[int, list[tuple[int, str]]] | None = None
) -> tuple[bytes, FixResult]:
    """Apply the fixes to a DOCX: each edit in the paragraph or table cell its location's ``ref`` names (or, for a
    location without one, the paragraph or cell the reader read that line and column from: ``line_refs``)."""
    import docx  # python-docx

    document = docx.Document(io.BytesIO(data))
    places = _docx_places(document.element.body)
    result = FixResult("")
    chosen: dict[_Key, tuple[Any, int]] = {}  # an edit → (its paragraph, the length of the text it replaces)
    for finding in findings:
        assert finding.fix is not None
        staged = [_docx_edit(places, edit, line_refs or {}) for edit in finding.fix.edits]
        if any(step is None for step in staged) or any(_overlaps(step, chosen) for step in staged if step):
            result.skipped.append(finding)
            continue
        for step in staged:
            assert step is not None
            key, paragraph, length = step
            chosen[key] = (paragraph, length)
        result.applied.append(finding)
    for key, (paragraph, length) in sorted(chosen.items(), key=lambda item: (item[0][0], -item[0][1])):
        _replace_in_runs(paragraph, key[1], length, key[2])  # right to left in a paragraph: offsets stay valid
    out = io.BytesIO()
    document.save(out)
    return out.getvalue(), result


# An edit in a DOCX: (id of its paragraph element, start in the paragraph's text, new text).
_Key = tuple[int, int, str]


def _overlaps(step: tuple[_Key, Any, int], chosen: dict[_Key, tuple[Any, int]]) -> bool:
    key, _paragraph, length = step
    for (paragraph_id, start, new), (_p, other_length) in chosen.items():
        if paragraph_id != key[0] or (start, new, other_length) == (key[1], key[2], length):
            continue
        if key[1] < start + max(other_length, 1) and start < key[1] + max(length, 1):
            return True
    return False


def _docx_places(body: Any) -> dict[str, Any]:
    """``P12`` → the paragraph element, ``T2R5C3`` → the cell element, numbered as the DOCX reader numbers them."""
    from auditor.readers.docx import _CUSTOM_XML, _P, _SDT, _SDT_CONTENT, _TBL, _TC, _TR, _children

    places: dict[str, Any] = {}
    counts = {"p": 0, "t": 0}

    def walk(element: Any) -> None:
        for child in element:
            if child.tag == _P:
                counts["p"] += 1
                places[f"P{counts['p']}"] = child
            elif child.tag == _TBL:
                counts["t"] += 1
                for r, tr in enumerate(_children(child, _TR), 1):
                    for c, tc in enumerate(_children(tr, _TC), 1):
                        places[f"T{counts['t']}R{r}C{c}"] = tc
            elif child.tag == _SDT:
                content = child.find(_SDT_CONTENT)
                if content is not None:
                    walk(content)
            elif child.tag == _CUSTOM_XML:
                walk(child)

    walk(body)
    return places


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _paragraphs(element: Any) -> list[Any]:
    return [element] if element.tag == _W + "p" else list(element.iter(_W + "p"))


def _texts(paragraph: Any) -> list[Any]:
    """The ``w:t`` nodes of a paragraph in order (deleted revisions hold ``w:delText`` and are left out)."""
    return list(paragraph.iter(_W + "t"))


def _docx_edit(
    places: dict[str, Any], edit: Edit, line_refs: dict[int, list[tuple[int, str]]]
) -> tuple[_Key, Any, int] | None:
    if edit.loc.ref:
        candidates = [edit.loc.ref]
    else:  # the cell holding the column first, then the line's others
        cells = line_refs.get(edit.loc.line, [])
        holding = [ref for column, ref in cells if column <= edit.loc.column][-1:]
        candidates = holding + [ref for _column, ref in cells if ref not in holding]
    for ref in candidates:
        element = places.get(ref)
        if element is not None and (found := _in_element(element, edit)) is not None:
            return found
    return None


def _in_element(element: Any, edit: Edit) -> tuple[_Key, Any, int] | None:
    for paragraph in _paragraphs(element):
        text = "".join(t.text or "" for t in _texts(paragraph))
        if not edit.old:  # an empty cell to fill: only a cell with no text at all
            if element.tag == _W + "tc" and not text.strip():
                return (id(paragraph), 0, edit.new), paragraph, 0
            return None
        at = text.find(edit.old)
        if at != -1:
            return (id(paragraph), at, edit.new), paragraph, len(edit.old)
    return None


def _replace_in_runs(paragraph: Any, start: int, length: int, new: str) -> None:
    """Replace ``length`` characters at ``start`` of the paragraph's text, keeping every run's formatting."""
    nodes = _texts(paragraph)
    if not nodes:  # an empty paragraph (a blank cell): a run with the paragraph mark's formatting
        from copy import deepcopy

        from docx.oxml import OxmlElement

        run = OxmlElement("w:r")
        mark = paragraph.find(f"{_W}pPr/{_W}rPr")
        if mark is not None:
            run.append(deepcopy(mark))
        node = OxmlElement("w:t")
        node.text = new
        run.append(node)
        paragraph.append(run)
        return
    position = 0
    remaining = length
    inserted = False
    for node in nodes:
        text = node.text or ""
        end = position + len(text)
        if (remaining > 0 or not inserted) and (end > start or (length == 0 and end >= start)):
            local = max(0, start - position)
            take = min(len(text) - local, remaining)
            replacement = new if not inserted else ""
            node.text = text[:local] + replacement + text[local + take :]
            node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            remaining -= take
            inserted = True
            if remaining <= 0:
                return
        position = end


# ── the commands: `auditor fix`, `auditor check --fix/--diff` ───────────────────────────────────────────
def confirm(paths: Sequence[str], lang: str, assume_yes: bool) -> None:
    """Overwriting a report needs a yes: ``--yes``, or an answer at the terminal. Raise ConfigError otherwise."""
    import sys

    if assume_yes:
        return
    if not sys.stdin.isatty():
        raise ConfigError(
            "覆盖原文件需要确认：请在终端中运行并回答，或加 --yes；也可用 -o 写入新文件",
            "overwriting the report needs a yes: run it at a terminal and answer, or add --yes; or write a new file "
            "with -o",
        )
    shown = "、".join(paths[:5]) + (" 等" if len(paths) > 5 else "")
    question = (
        f"将覆盖 {len(paths)} 个原文件（{shown}），确认吗？[y/N] "
        if lang == "zh"
        else f"overwrite {len(paths)} file(s) ({', '.join(paths[:5])})? [y/N] "
    )
    answer = input(question).strip().lower()
    if answer not in ("y", "yes", "是", "确认"):
        raise ConfigError("未覆盖任何文件", "nothing was overwritten")


def summary_lines(outcome: FileFix, lang: str, target: str) -> list[str]:
    """What the fix did to one file, and what the audit of the fixed file still finds (one line per finding)."""
    from collections import Counter

    zh = lang == "zh"
    counts = Counter(f.code for f in outcome.applied)
    done = "、".join(f"{code}×{n}" for code, n in sorted(counts.items()))
    lines = []
    if outcome.applied:
        lines.append(
            f"{target}: 已修复 {len(outcome.applied)} 处（{done}）"
            if zh
            else f"{target}: fixed {len(outcome.applied)} ({done})"
        )
    else:
        lines.append(f"{target}: 没有可自动修复的问题" if zh else f"{target}: nothing to fix automatically")
    if outcome.unsafe:
        n = len(outcome.unsafe)
        lines.append(
            f"  另有 {n} 处可修复但可能改变报告内容，需加 --unsafe-fixes"
            if zh
            else f"  {n} more fix(es) may change what the report says: add --unsafe-fixes"
        )
    if outcome.skipped:
        n = len(outcome.skipped)
        lines.append(
            f"  {n} 处修复未能定位原文，未修改" if zh else f"  {n} fix(es) could not be placed and were left out"
        )
    lines.append(
        f"  重新审查：剩余 {len(outcome.remaining)} 个问题"
        if zh
        else f"  audited again: {len(outcome.remaining)} finding(s) left"
    )
    from auditor.output import terminal_safe
    from auditor.reporters.columns import message_text

    for finding in outcome.remaining:  # as the concise format shows them: one line each, Chinese typography
        where = f"{finding.line}:{finding.column or 1}" if finding.line else "-"
        message = " ".join(message_text(finding, lang).split())
        lines.append(terminal_safe(f"    {target}:{where}: {finding.code} {message}"))
    return lines


def run(
    paths: Sequence[str],
    engine: Any,
    *,
    lang: str,
    fail_on: Any,
    output: str | None = None,
    in_place: bool = False,
    assume_yes: bool = False,
    unsafe: bool = False,
    diff_only: bool = False,
    show_diff: bool = True,
) -> int:
    """Fix the reports: to ``output`` (one file), in place (after a yes), or only show the diff. The exit code:
    with ``diff_only`` 1 if anything would change; else 1 if the fixed reports still have findings at or above
    ``fail_on``; 0 otherwise."""
    import sys

    if output and len(paths) != 1:
        raise ConfigError("-o 只能配合一个文件使用", "-o takes exactly one FILE")
    if output and in_place:
        raise ConfigError("-o 与 --in-place 只能选一个", "use -o or --in-place, not both")
    if not (output or in_place or diff_only):
        diff_only = True
        print(
            "未写入任何文件：用 -o 新文件 保存修复结果，或 --in-place 覆盖原文件。"
            if lang == "zh"
            else "nothing written: save the fixed report with -o OUT, or overwrite it with --in-place.",
            file=sys.stderr,
        )
    outcomes = [fix_file(path, engine, unsafe) for path in paths]
    if in_place and not diff_only and any(o.changed for o in outcomes):
        confirm([o.path for o in outcomes if o.changed], lang, assume_yes)
    failed = changed = False
    for outcome in outcomes:
        target = outcome.path if (in_place or diff_only) else str(output)
        if show_diff or diff_only:
            sys.stdout.write(outcome.diff(None if in_place or diff_only else target))
        if not diff_only and outcome.changed:
            write_atomically(target, outcome.data)
        elif not diff_only and output:
            write_atomically(target, outcome.data)  # -o always gives the file, changed or not
        changed = changed or outcome.changed
        failed = failed or any(f.severity >= fail_on for f in outcome.remaining)
        for line in summary_lines(outcome, lang, target):
            print(line, file=sys.stderr)
    if diff_only:
        return 1 if changed else 0
    return 1 if failed else 0
