"""Baselines: adopt the gate on an existing archive without failing on every old defect on day one.

``auditor check --write-baseline auditor-baseline.json`` records the run's findings; ``--baseline`` then reports
only the findings the file does not record, and each recorded finding that no longer occurs as a stale entry
(``SYS004``, info), so that the baseline shrinks as the archive is corrected.

An entry is matched by the report's path (relative to the baseline file's folder, so the gate may run from any
folder), the rule code and the finding's fingerprint (rule, logical place, discriminator: never a line number, so
edits elsewhere in a report keep its old findings matched). Entries are a multiset: a finding recorded once
suppresses one occurrence. The file is described by ``schemas/baseline.schema.json``.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from auditor import __version__
from auditor.diagnostics import STALE_BASELINE_ENTRY
from auditor.engine import FileResult
from auditor.errors import ConfigError
from auditor.output import Output
from auditor.resources import data_path
from auditor.rule import Finding, Place, Text, fingerprint

BASELINE_VERSION = 1

Grade = Callable[[list[Finding], str], list[Finding]]


@dataclass(frozen=True, slots=True)
class Entry:
    """One recorded finding."""

    path: str  # relative to the baseline file's folder, forward slashes
    code: str
    fingerprint: str
    message: str = ""

    def to_json(self) -> dict[str, str]:
        return {"path": self.path, "code": self.code, "fingerprint": self.fingerprint, "message": self.message}


class _Located:
    """Paths keyed the way a baseline file records them: relative to its folder, with forward slashes."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.folder = os.path.dirname(os.path.abspath(file))

    def key(self, path: str) -> str:
        try:
            relative = os.path.relpath(os.path.abspath(path), self.folder)
        except ValueError:  # on another drive than the baseline (Windows): keep the path as given
            return Path(path).as_posix()
        return Path(relative).as_posix()

    def absolute(self, key: str) -> str:
        return os.path.normpath(os.path.join(self.folder, key))


class Baseline(_Located):
    """A loaded baseline: filters each file's findings and tells which entries went stale."""

    def __init__(self, file: str, entries: Iterable[Entry]) -> None:
        super().__init__(file)
        self.by_path: dict[str, list[Entry]] = {}
        for entry in entries:
            self.by_path.setdefault(entry.path, []).append(entry)
        self.audited: set[str] = set()

    @classmethod
    def load(cls, file: str) -> Baseline:
        try:
            data = json.loads(Path(file).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError("基线文件不存在", "no such baseline file", file) from None
        except OSError as exc:
            raise ConfigError(
                f"无法读取基线文件：{exc.strerror}", f"cannot read the baseline file: {exc.strerror}", file
            ) from None
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(
                f"基线文件不是有效的 JSON：{exc}", f"the baseline file is not valid JSON: {exc}", file
            ) from None
        except RecursionError:
            raise ConfigError("基线文件嵌套过深", "the baseline file nests too deeply", file) from None
        try:
            _validate(data, file)
        except RecursionError:
            raise ConfigError("基线文件嵌套过深", "the baseline file nests too deeply", file) from None
        return cls(file, (Entry(**item) for item in data["entries"]))

    @classmethod
    def load_or_empty(cls, file: str, lang: str = "zh") -> Baseline:
        """The baseline, or an empty one with a warning if the file does not exist yet (the first run of a gate that
        will record one): every finding counts as new."""
        if not Path(file).exists():
            print(
                f"auditor: 警告：基线文件 {file} 不存在，按空基线处理（所有问题都算新问题）；用 --write-baseline {file} 生成"
                if lang == "zh"
                else f"auditor: warning: no baseline file {file}; using an empty baseline (every finding is new); "
                f"create it with --write-baseline {file}",
                file=sys.stderr,
            )
            return cls(file, ())
        return cls.load(file)

    def apply(self, result: FileResult, grade: Grade) -> FileResult:
        """The file's result without the findings the baseline records, with its stale entries added (graded)."""
        key = self.key(result.path)
        self.audited.add(key)
        pool: dict[tuple[str, str], list[Entry]] = {}
        for entry in self.by_path.get(key, []):
            pool.setdefault((entry.code, entry.fingerprint), []).append(entry)
        new = []
        for finding in result.findings:
            recorded = pool.get((finding.code, finding.fingerprint))
            if recorded:
                recorded.pop()
            else:
                new.append(finding)
        stale = [self._stale(result.path, entry) for entries in pool.values() for entry in entries]
        result.findings = new + grade(stale, result.path)
        return result

    def vanished(self, given: Iterable[str], grade: Grade) -> Iterator[FileResult]:
        """Stale entries of files that were not audited because they no longer exist under the paths given.

        Entries of files outside the given paths are left alone: a run on a few changed files (pre-commit) cannot
        know whether the others still have their findings.
        """
        roots = [os.path.abspath(path) for path in given]
        for key in sorted(self.by_path.keys() - self.audited):
            absolute = self.absolute(key)
            if os.path.exists(absolute) or not any(_within(absolute, root) for root in roots):
                continue
            path = os.path.relpath(absolute) if not os.path.isabs(key) else key
            findings = [self._stale(path, entry, vanished=True) for entry in self.by_path[key]]
            yield FileResult(path, grade(findings, path), assessed=True)  # gone: only its stale entries count

    def _stale(self, path: str, entry: Entry, vanished: bool = False) -> Finding:
        gone_zh, gone_en = ("（文件已不存在）", " (the file no longer exists)") if vanished else ("", "")
        recorded = entry.message.rstrip("。.")
        about_zh = f"，“{recorded}”" if recorded else ""
        about_en = f", “{recorded}”" if recorded else ""
        message = Text(
            f"基线条目已失效{gone_zh}：{entry.code}（指纹 {entry.fingerprint}{about_zh}）不再出现。"
            f"请用 --write-baseline 重写基线 {self.file}。",
            f"stale baseline entry{gone_en}: {entry.code} (fingerprint {entry.fingerprint}{about_en}) no longer "
            f"occurs. Rewrite the baseline {self.file} with --write-baseline.",
        )
        return Finding(
            STALE_BASELINE_ENTRY.code,
            STALE_BASELINE_ENTRY.name,
            STALE_BASELINE_ENTRY.severity,
            message,
            path,
            None,
            Place(),
            {"baseline": self.file, **entry.to_json()},
            STALE_BASELINE_ENTRY.basis,
            fingerprint(STALE_BASELINE_ENTRY.code, Place(), f"{entry.code}|{entry.fingerprint}"),
            STALE_BASELINE_ENTRY.plugin,
        )


class BaselineWriter(_Located):
    """Collects a run's findings and writes them as a baseline file (entries sorted, one per line)."""

    def __init__(self, file: str, lang: str = "zh") -> None:
        super().__init__(file)
        self.lang = lang
        self.entries: list[Entry] = []

    def add(self, result: FileResult) -> None:
        key = self.key(result.path)
        self.entries += [Entry(key, f.code, f.fingerprint, f.message.get(self.lang)) for f in result.findings]

    def write(self) -> int:
        """Write the file; the number of entries written."""
        entries = sorted(self.entries, key=lambda e: (e.path, e.code, e.fingerprint, e.message))
        items = ",\n".join("    " + json.dumps(entry.to_json(), ensure_ascii=False) for entry in entries)
        body = f"[\n{items}\n  ]" if entries else "[]"
        tool = json.dumps({"name": "auditor", "version": __version__})
        text = f'{{\n  "version": {BASELINE_VERSION},\n  "tool": {tool},\n  "entries": {body}\n}}\n'
        output = Output(self.file, binary=True, what=("基线文件", "the baseline file"))
        try:
            output.stream.write(text.encode("utf-8"))
            output.commit()  # the previous baseline stays whole until the new one is complete
        finally:
            output.close()
        return len(entries)


def _within(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _validate(data: Any, file: str) -> None:
    schema = json.loads(data_path("schemas", "baseline.schema.json").read_text(encoding="utf-8"))
    import jsonschema  # only when a baseline is read: it is slow to import

    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        error = errors[0]
        where = "/".join(str(p) for p in error.absolute_path) or "(top level)"
        if list(error.absolute_path) == ["version"]:
            raise ConfigError(
                f"不支持的基线版本 {data.get('version')!r}（本版本读取第 {BASELINE_VERSION} 版）",
                f"unsupported baseline version {data.get('version')!r} (this auditor reads version {BASELINE_VERSION})",
                file,
            )
        raise ConfigError(
            f"基线文件无效（{where}）：{error.message}", f"invalid baseline file at {where}: {error.message}", file
        )
