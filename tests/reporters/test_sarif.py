"""``--format sarif`` validates against the official SARIF 2.1.0 schema and carries what code scanning needs."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from auditor.plugins import Plugins
from auditor.reporters.columns import tidy_zh
from auditor.reporters.paths import ci_uri
from tests.conftest import FIXTURES, ROOT, SEED_FILES, CheckRun

SEED_ARGS = [path.relative_to(ROOT).as_posix() for path in SEED_FILES.values()]


@pytest.fixture(scope="module")
def sarif_validator() -> jsonschema.Draft4Validator:
    schema = json.loads((FIXTURES / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    # Every format the schema names (uri, uri-reference, date-time) is checked, not only draft 4's own.
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())


def _sarif(check: Callable[..., CheckRun], *args: str) -> tuple[CheckRun, dict[str, Any]]:
    run = check(*args, "--format", "sarif")
    return run, json.loads(run.out)


def _errors(validator: jsonschema.Draft4Validator, document: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(document)]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_seeds_validate_against_the_official_schema(
    lang: str, check: Callable[..., CheckRun], monkeypatch: pytest.MonkeyPatch, sarif_validator: Any
) -> None:
    monkeypatch.chdir(ROOT)
    run, document = _sarif(check, *SEED_ARGS, "--lang", lang)
    assert run.code == 1
    assert _errors(sarif_validator, document) == []
    (result_run,) = document["runs"]
    assert document["version"] == "2.1.0"
    assert result_run["columnKind"] == "unicodeCodePoints"
    assert len(result_run["results"]) == 44


def test_the_schema_catches_a_broken_log(sarif_validator: Any) -> None:
    """The validation is real: a wrong level and a path that is not a URI reference are both rejected."""
    broken = {
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "auditor"}},
                "results": [
                    {
                        "message": {"text": "x"},
                        "level": "fatal",
                        "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a b\\c.txt"}}}],
                    }
                ],
            }
        ],
    }
    errors = _errors(sarif_validator, broken)
    assert any("'fatal' is not one of" in e for e in errors)
    assert any("is not a 'uri-reference'" in e for e in errors)


def test_rules_and_results(check: Callable[..., CheckRun], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    _, document = _sarif(check, *SEED_ARGS, "--lang", "en")
    driver = document["runs"][0]["tool"]["driver"]
    rules = driver["rules"]
    installed = Plugins().rules
    assert [r["id"] for r in rules] == sorted(installed)  # every installed rule, so ruleIndex is known up front
    cit001 = next(r for r in rules if r["id"] == "CIT001")
    assert cit001["name"] == "outdated-format-notice"
    assert cit001["shortDescription"]["text"] == installed["CIT001"].summary.en
    assert cit001["fullDescription"]["text"] == installed["CIT001"].explanation.en
    assert "Legal basis:" in cit001["help"]["text"] and "国办公开办函〔2021〕30号" in cit001["help"]["text"]
    assert cit001["defaultConfiguration"]["level"] == "error"
    assert next(r for r in rules if r["id"] == "SYS001")["defaultConfiguration"]["level"] == "error"  # fatal
    assert next(r for r in rules if r["id"] == "DAT010")["defaultConfiguration"]["level"] == "note"

    results = document["runs"][0]["results"]
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert len(result["partialFingerprints"]["auditorFingerprint/v1"]) == 20
    first = results[0]
    assert first["ruleId"] == "CIT002" and first["level"] == "error"
    assert first["message"]["text"].startswith("the report cites “国办公开办函[2021]30号”")
    location = first["locations"][0]["physicalLocation"]
    assert location == {
        "artifactLocation": {"uri": "tests/fixtures/seeds/000_58b0067790987b2b.txt"},
        "region": {"startLine": 5, "startColumn": 68},
    }
    # A finding without a line is about the whole file: no region.
    no_date = next(r for r in results if r["ruleId"] == "DAT010")
    assert "region" not in no_date["locations"][0]["physicalLocation"]
    assert no_date["locations"][0]["logicalLocations"] == [
        {"name": "signature", "fullyQualifiedName": "signature", "kind": "element"}
    ]


def test_messages_follow_lang(check: Callable[..., CheckRun], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    _, document = _sarif(check, SEED_ARGS[1])
    run = document["runs"][0]
    assert run["language"] == "zh-CN"
    assert run["results"][0]["message"]["text"].startswith("2023年度报告引用了已被取代的")
    short = run["tool"]["driver"]["rules"][0]["shortDescription"]["text"]
    assert short == tidy_zh(Plugins().rules["CIT001"].summary.zh) == "2021年度起的报告仍引用已被取代的60号通知"


def test_fatal_is_an_error_and_paths_are_uri_references(
    check: Callable[..., CheckRun], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, sarif_validator: Any
) -> None:
    folder = tmp_path / "报告 2023"
    folder.mkdir()
    (folder / "会议纪要.txt").write_text("会议纪要\n今天讨论了食堂菜单。\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    run, document = _sarif(check, "报告 2023/会议纪要.txt")  # named: found in a folder walk it would be skipped
    assert run.code == 1
    assert _errors(sarif_validator, document) == []
    (result,) = document["runs"][0]["results"]
    assert result["ruleId"] == "SYS002" and result["level"] == "error"
    assert result["properties"]["severity"] == "fatal"
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "%E6%8A%A5%E5%91%8A%202023/%E4%BC%9A%E8%AE%AE%E7%BA%AA%E8%A6%81.txt"


def test_path_outside_the_working_folder_is_a_file_uri(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inside = tmp_path / "work"
    inside.mkdir()
    monkeypatch.chdir(inside)
    assert ci_uri("reports/../a.txt") == "a.txt"
    assert ci_uri("./sub/a b.txt") == "sub/a%20b.txt"
    assert ci_uri(str(tmp_path / "other" / "a.txt")) == (tmp_path / "other" / "a.txt").as_uri()


def test_empty_run_is_valid(check: Callable[..., CheckRun], tmp_path: Path, sarif_validator: Any) -> None:
    """A clean report gives a run with no results, still a valid log."""
    clean = tmp_path / "clean.txt"
    clean.write_text(SEED_FILES["004"].read_text(encoding="utf-8"), encoding="utf-8")
    run, document = _sarif(check, str(clean), "--select", "NUM")
    assert run.code == 0
    assert document["runs"][0]["results"] == []
    assert _errors(sarif_validator, document) == []


def test_results_in_files_viewers_cannot_show_by_line_go_to_line_1(
    check: Callable[..., CheckRun], monkeypatch: pytest.MonkeyPatch, sarif_validator: Any
) -> None:
    monkeypatch.chdir(ROOT)
    pdf = "tests/fixtures/formats/000_58b0067790987b2b.pdf"
    log = json.loads(check(pdf, "--format", "sarif").out)
    assert list(sarif_validator.iter_errors(log)) == []
    results = log["runs"][0]["results"]
    cit006 = next(r for r in results if r["ruleId"] == "CIT006")
    assert cit006["locations"][0]["physicalLocation"]["region"] == {"startLine": 1}
    assert cit006["message"]["text"].startswith("（第1页）") and cit006["properties"]["page"] == 1
