"""Configuration: ``[tool.auditor]`` in ``pyproject.toml`` or an ``auditor.toml``, validated against
``schemas/config.schema.json``; the command line overrides the file.

Rule selection works like Ruff's: ``select`` and ``ignore`` take codes (``CIT001``), prefixes (``CIT``, ``NUM00``),
rule names (``outdated-format-notice``) or ``ALL``; for each rule the most specific matching selector decides,
and an ``ignore`` wins a tie.
"""

from __future__ import annotations

import fnmatch
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from auditor.errors import ConfigError
from auditor.resources import data_path, read_toml
from auditor.rule import Rule, Severity

DEFAULT_DEADLINES = {
    # Month-day of the year after the report year (SPEC Appendix B).
    "department": "01-31",  # 县级以上人民政府部门 (条例第四十九条)
    "government": "03-31",  # 县级以上地方人民政府 (第四十九条)
    "township": "03-31",  # 乡镇、街道: set locally; the latest statutory date by default
    "unknown": "03-31",
}


@dataclass
class Config:
    """The settings of a run: the configuration file's, overridden by the command line."""

    select: list[str] = field(default_factory=lambda: ["ALL"])
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    fail_on: str = "error"
    fail_on_unassessed: bool = True  # a report that could not be assessed (无法审查) fails the gate
    lang: str = "zh"
    deadlines: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_DEADLINES))
    exclude: list[str] = field(default_factory=list)  # glob patterns of files and folders not walked into
    output_format: str | None = None
    show_source: bool = False  # --show-source: each finding with its source line (text format)
    source: str | None = None  # the file the configuration came from
    regions: dict[str, str] = field(default_factory=dict)  # child body → parent body (auditor/regions.py)
    db: str | None = None  # the review store (auditor.store), relative to the configuration file's folder

    def to_json(self) -> dict[str, Any]:
        """The settings in force, as ``--show-settings`` prints them (configuration keys as in the file)."""
        return {
            "source": self.source,
            "select": self.select,
            "ignore": self.ignore,
            "severity": self.severity,
            "per-file-ignores": self.per_file_ignores,
            "exclude": self.exclude,
            "fail-on": self.fail_on,
            "lang": self.lang,
            "output-format": self.output_format or "text",
            "show-source": self.show_source,
            "deadlines": self.deadlines,
        }

    def options(self) -> dict[str, Any]:
        """What rules see in ``ctx.options``."""
        return {"deadlines": dict(self.deadlines), "regions": dict(self.regions)}


def _specificity(selector: str, found: Rule) -> int:
    if selector == "ALL":
        return 0
    if selector == found.name:
        return 100
    if found.code.startswith(selector):
        return len(selector)
    return -1


def selected(found: Rule, select: list[str], ignore: list[str]) -> bool:
    best_select = max((_specificity(s, found) for s in select), default=-1)
    best_ignore = max((_specificity(s, found) for s in ignore), default=-1)
    return best_select >= 0 and best_select > best_ignore


def check_selectors(config: Config, rules: dict[str, Rule]) -> None:
    """Every selector must match at least one installed rule (a typo would otherwise silently select nothing)."""
    selectors = [*config.select, *config.ignore, *config.severity]
    selectors += [s for codes in config.per_file_ignores.values() for s in codes]
    for selector in selectors:
        if selector != "ALL" and not any(_specificity(selector, r) >= 0 for r in rules.values()):
            where = f"（{config.source}）" if config.source else ""
            raise ConfigError(
                f"未知的规则选择器 {selector!r}{where}",
                f"unknown rule selector {selector!r}" + (f" in {config.source}" if config.source else ""),
            )


def severity_for(found: Rule, config: Config) -> Severity:
    best, level = -1, found.severity
    for selector, value in config.severity.items():
        specificity = _specificity(selector, found)
        if specificity > best:
            best, level = specificity, Severity.parse(value)
    return level


def excluded(path: str, patterns: list[str]) -> bool:
    """Whether a file or folder met while walking matches an ``exclude`` pattern (its path or its name)."""
    posix = Path(path).as_posix()
    return any(
        fnmatch.fnmatch(posix, p) or fnmatch.fnmatch(Path(path).name, p) or fnmatch.fnmatch(posix, f"*/{p}")
        for p in patterns
    )


def ignored_in_file(code: str, name: str, path: str, config: Config) -> bool:
    for pattern, selectors in config.per_file_ignores.items():
        if fnmatch.fnmatch(path, pattern) or fnmatch.fnmatch(Path(path).name, pattern):
            for selector in selectors:
                if selector in ("ALL", name) or code.startswith(selector):
                    return True
    return False


def _validate(data: dict[str, Any], source: str) -> None:
    import jsonschema  # only when there is a configuration to check: it is slow to import

    schema = json.loads(data_path("schemas", "config.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    try:
        errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    except RecursionError:
        raise ConfigError("配置嵌套过深", "the configuration nests too deeply", source) from None
    if errors:
        error = errors[0]
        where = ".".join(str(p) for p in error.absolute_path) or "tool.auditor"
        message = error.message
        if error.validator == "pattern" and "description" in error.schema:  # not the pattern: what it means
            message = f"{error.instance!r}: {error.schema['description']}"
        raise ConfigError(f"配置无效（{where}）：{message}", f"invalid configuration at {where}: {message}", source)


def from_mapping(data: dict[str, Any], source: str | None = None) -> Config:
    _validate(data, source or "<config>")
    config = Config(source=source)
    config.select = list(data.get("select", config.select)) + list(data.get("extend-select", []))
    config.ignore = list(data.get("ignore", [])) + list(data.get("extend-ignore", []))
    config.exclude = list(data.get("exclude", [])) + list(data.get("extend-exclude", []))
    config.output_format = data.get("output-format")
    config.show_source = data.get("show-source", config.show_source)
    config.severity = dict(data.get("severity", {}))
    config.per_file_ignores = {k: list(v) for k, v in data.get("per-file-ignores", {}).items()}
    config.fail_on = data.get("fail-on", config.fail_on)
    config.fail_on_unassessed = data.get("fail-on-unassessed", config.fail_on_unassessed)
    config.lang = data.get("lang", config.lang)
    config.deadlines.update(data.get("deadlines", {}))
    if "db" in data:
        config.db = str(Path(source).parent / data["db"]) if source else data["db"]
    if "regions" in data:  # a CSV of body → parent, relative to the configuration file
        from auditor import regions

        config.regions = regions.load(Path(source).parent / data["regions"] if source else data["regions"])
    return config


def find_config(start: Path) -> Path | None:
    """The nearest ``auditor.toml``, or ``pyproject.toml`` with a ``[tool.auditor]`` table, from ``start`` up."""
    for folder in [start, *start.parents]:
        candidate = folder / "auditor.toml"
        if candidate.is_file():
            return candidate
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and "auditor" in _tool(_read_toml(candidate), candidate):
            return candidate
    return None


def _tool(data: dict[str, Any], path: Path) -> dict[str, Any]:
    """The ``[tool]`` table of a pyproject.toml (empty if there is none); anything else there is an error."""
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(
            f"配置文件中的 tool 应为表（[tool]），实为 {type(tool).__name__}",
            f"`tool` must be a table ([tool]), not a {type(tool).__name__}",
            str(path),
        )
    return tool


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return read_toml(path)
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"配置文件不是 UTF-8 编码（第 {exc.start} 字节）", f"the file is not UTF-8 (byte {exc.start})", str(path)
        ) from None
    except ValueError as exc:  # tomllib.TOMLDecodeError (tomllib is imported only when a file must be parsed)
        raise ConfigError(f"TOML 语法错误：{exc}", f"TOML syntax error: {exc}", str(path)) from None
    except RecursionError:
        raise ConfigError("TOML 嵌套过深", "the TOML nests too deeply", str(path)) from None
    except OSError as exc:
        raise ConfigError(
            f"无法读取配置文件：{exc.strerror}", f"cannot read the configuration: {exc.strerror}", str(path)
        ) from None


def load(explicit: str | None = None, start: Path | None = None) -> Config:
    """The configuration from ``explicit`` (a path) or the nearest configuration file; defaults if there is none."""
    path = Path(explicit) if explicit else find_config(start or Path.cwd())
    if path is None:
        return Config()
    if not path.is_file():
        raise ConfigError("配置文件不存在", "no such configuration file", str(path))
    data = _read_toml(path)
    if path.name == "pyproject.toml" or "tool" in data:
        data = _tool(data, path).get("auditor", {})
    if not isinstance(data, dict):
        raise ConfigError("[tool.auditor] 应为表", "[tool.auditor] must be a table", str(path))
    return from_mapping(data, str(path))
