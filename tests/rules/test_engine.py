"""The engine: plugins through one mechanism, broken ones reported, failing rules contained, selection, grading."""

from __future__ import annotations

import types
from pathlib import Path

import pytest

from auditor import config as cfg
from auditor.engine import Engine, fails
from auditor.errors import ConfigError
from auditor.hookspecs import ERROR, WARNING, BatchCheck, BatchOutcome, Text, hookimpl, rule
from auditor.plugins import Plugins
from auditor.rule import Severity
from tests.conftest import seed_path
from tests.rules.helpers import audit, clean_text, codes


def _plugin(**hooks: object) -> types.ModuleType:
    module = types.ModuleType("test_plugin")
    for name, function in hooks.items():
        setattr(module, name, function)
    return module


@rule(
    code="TST001",
    name="always-raises",
    severity=ERROR,
    summary=Text("测试", "test"),
    explanation=Text("总是抛出异常", "always raises"),
)
def _raises(report: object, ctx: object) -> list:
    raise ZeroDivisionError("boom")


@rule(
    code="TST002",
    name="title-present",
    severity=WARNING,
    summary=Text("测试", "test"),
    explanation=Text("报告有标题", "the report has a title"),
)
def _title(report: object, ctx: object) -> object:
    yield ctx.finding(Text("有标题", "has a title"))  # type: ignore[attr-defined]


def test_builtins_come_through_entry_points() -> None:
    plugins = Plugins()
    names = {info.name for info in plugins.infos}
    assert {
        "auditor-citations",
        "auditor-structure",
        "auditor-fees",
        "auditor-identities",
        "auditor-dates",
        "auditor-engine",
        "auditor-reporters",
        "auditor-text-reader",
    } <= names
    assert all(info.error is None for info in plugins.infos)
    assert plugins.rules["CIT001"].plugin == "auditor-citations"
    assert {"text", "json"} <= set(plugins.reporters)


def test_a_rule_that_raises_is_one_internal_error_and_the_run_goes_on() -> None:
    plugin = _plugin(auditor_rules=hookimpl(lambda: [_raises, _title]))
    engine = Engine(Plugins(extra=[("raising", plugin)]))
    result = engine.check_file(str(seed_path("004")))
    internal = [f for f in result.findings if f.code == "SYS003"]
    assert len(internal) == 1 and internal[0].values["rule"] == "TST001"
    assert "ZeroDivisionError" in internal[0].message.en
    assert "TST002" in codes(result.findings) and "CIT005" in codes(result.findings)


def test_a_batch_check_that_raises_is_named_in_its_internal_error() -> None:
    def facts(report: object) -> dict[str, object]:
        raise KeyError("facts")

    def compare(items: object, options: object) -> BatchOutcome:
        raise ZeroDivisionError("compare")

    check = BatchCheck("broken-pairs", (_title,), facts, compare)
    plugin = _plugin(auditor_rules=hookimpl(lambda: [_title]), auditor_batch_checks=hookimpl(lambda: [check]))
    engine = Engine(Plugins(extra=[("batch", plugin)]))
    result = engine.check_file(str(seed_path("004")))
    (internal,) = [f for f in result.findings if f.code == "SYS003"]
    assert (
        "批次检查 broken-pairs运行失败" in internal.message.zh
        and "batch check broken-pairs failed" in internal.message.en
    )
    assert "parser" not in internal.message.en and internal.values["rule"] is None
    findings, _notes = engine.finish([])
    (internal,) = findings
    assert internal.path == "(batch)" and "batch check broken-pairs failed (ZeroDivisionError" in internal.message.en


def test_a_broken_plugin_is_reported_not_fatal(capsys: pytest.CaptureFixture[str]) -> None:
    def explode() -> list:
        raise RuntimeError("cannot contribute")

    plugins = Plugins(extra=[("exploding", _plugin(auditor_rules=hookimpl(explode)))])
    info = next(i for i in plugins.infos if i.name == "exploding")
    assert info.error and "cannot contribute" in info.error
    assert "CIT001" in plugins.rules


def test_a_misspelled_hook_fails_loudly(capsys: pytest.CaptureFixture[str]) -> None:
    misspelled = _plugin(auditor_rulez=hookimpl(lambda: []))
    plugins = Plugins(extra=[("typo", misspelled)])
    info = next(i for i in plugins.infos if i.name == "typo")
    assert info.error and "auditor_rulez" in info.error
    assert "typo" in capsys.readouterr().err
    with pytest.raises(ConfigError, match="typo"):
        Plugins(require=True, extra=[("typo", misspelled)])


def test_duplicate_rule_codes_are_refused() -> None:
    with pytest.raises(ConfigError, match="TST002"):
        Plugins(
            extra=[
                ("a", _plugin(auditor_rules=hookimpl(lambda: [_title]))),
                ("b", _plugin(auditor_rules=hookimpl(lambda: [_title]))),
            ]
        )


def test_unreadable_and_not_a_report_are_fatal_for_that_file_only(tmp_path: Path) -> None:
    junk = tmp_path / "junk.txt"
    junk.write_bytes(bytes(range(256)) * 8)
    minutes = tmp_path / "minutes.txt"
    minutes.write_text("会议纪要\n讨论了食堂菜单。\n", encoding="utf-8")
    engine = Engine(Plugins())
    results = list(engine.check_paths([str(junk), str(minutes), str(seed_path("004"))]))
    assert [(f.code, f.severity) for f in results[0].findings] == [("SYS001", Severity.FATAL)]
    assert [(f.code, f.severity) for f in results[1].findings] == [("SYS002", Severity.FATAL)]
    assert results[2].year == 2021 and "SYS001" not in codes(results[2].findings)
    assert fails(results[0].findings, Severity.ERROR)


@pytest.mark.parametrize(
    ("select", "ignore", "on", "off"),
    [
        (["ALL"], [], {"CIT001", "SEC004"}, set()),
        (["CIT"], [], {"CIT001", "CIT010"}, {"SEC004", "CIT002"}),  # CIT001 tells the 60号 with 2021 tables
        (["CIT"], ["CIT001"], {"CIT002"}, {"CIT001"}),  # ... and without CIT001, CIT002 tells the mismatch
        (["CIT001"], ["CIT"], {"CIT001"}, {"CIT002"}),  # the more specific selector wins
        (["ALL"], ["heading-numbering"], {"CIT001"}, {"SEC004"}),
        (["outdated-format-notice"], [], {"CIT001"}, {"CIT002", "SEC004"}),
    ],
)
def test_select_and_ignore(select: list[str], ignore: list[str], on: set[str], off: set[str]) -> None:
    config = cfg.Config(select=select, ignore=ignore)
    found = set(codes(Engine(Plugins(), config).check_file(str(seed_path("001"))).findings))
    assert on <= found
    assert not off & found


def test_unknown_selector_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="CTI"):
        Engine(Plugins(), cfg.Config(select=["CTI"]))


def test_severity_overrides_and_per_file_ignores() -> None:
    config = cfg.Config(severity={"CIT": "warning", "CIT010": "error"}, per_file_ignores={"*001_*": ["SEC"]})
    findings = Engine(Plugins(), config).check_file(str(seed_path("001"))).findings
    levels = {f.code: f.severity for f in findings}
    assert levels["CIT001"] == Severity.WARNING and levels["CIT010"] == Severity.ERROR
    assert not [f for f in findings if f.code.startswith("SEC")]


def test_a_rule_ignored_in_one_file_does_not_silence_the_rule_that_stood_down_for_it() -> None:
    # Seed 001 cites the 60号 notice with 2021 tables: CIT001 tells it, CIT002 stands down. Ignoring CIT001 for
    # this file must leave the defect told once (by CIT002), as ignoring it for the whole run does.
    config = cfg.Config(per_file_ignores={"*001_*": ["CIT001"]})
    found = set(codes(Engine(Plugins(), config).check_file(str(seed_path("001"))).findings))
    assert "CIT002" in found and "CIT001" not in found
    other = cfg.Config(per_file_ignores={"*002_*": ["CIT001"]})  # another file's ignore changes nothing here
    found = set(codes(Engine(Plugins(), other).check_file(str(seed_path("001"))).findings))
    assert "CIT001" in found and "CIT002" not in found


def test_config_file_is_found_and_validated(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.auditor]\nselect = ["CIT"]\nfail-on = "warning"\n'
        '[tool.auditor.deadlines]\ntownship = "02-20"\n',
        encoding="utf-8",
    )
    nested = tmp_path / "reports" / "2023"
    nested.mkdir(parents=True)
    config = cfg.load(start=nested)
    assert config.select == ["CIT"] and config.fail_on == "warning" and config.deadlines["township"] == "02-20"
    assert config.source == str(tmp_path / "pyproject.toml")

    (tmp_path / "auditor.toml").write_text('fail-on = "sometimes"\n', encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        cfg.load(start=nested)
    assert info.value.path == str(tmp_path / "auditor.toml") and "fail-on" in info.value.en


def test_broken_toml_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "auditor.toml"
    path.write_text("select = [\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        cfg.load(str(path))
    assert info.value.path == str(path) and "TOML" in info.value.en


def test_not_applicable_variants_are_skipped() -> None:
    @rule(
        code="TST003",
        name="only-2019",
        severity=WARNING,
        summary=Text("测试", "test"),
        explanation=Text("仅 2019", "2019 only"),
        variants=("2019",),
    )
    def only_2019(report: object, ctx: object) -> object:
        yield ctx.finding(Text("2019", "2019"))  # type: ignore[attr-defined]

    engine = Engine(Plugins(extra=[("v", _plugin(auditor_rules=hookimpl(lambda: [only_2019])))]))
    assert "TST003" in codes(audit(clean_text("2019"), eng=engine))
    assert "TST003" not in codes(audit(clean_text("2021"), eng=engine))
