"""Reports of the 2008 regime (2018 and earlier): recognised as the variant ``pre2019``, said once (PRE001), checked
for the parts 第三十二条 asks for (PRE002) and for their dates, and never against the 2019/2021 formats."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor import regime
from auditor.parse import parse_document, parse_file
from auditor.readers.text import document_from_text
from auditor.rule import Severity
from tests.conftest import REAL, seed_path
from tests.rules.helpers import audit, engine

PINGTAN_2015 = REAL / "pingtan-2015-flattened.txt"
PINGTAN_2018 = REAL / "pingtan-2018-flattened.txt"
_FORMAT_FAMILIES = ("SEC", "TAB", "NUM", "PLA", "FEE", "CIT001", "CIT002", "CIT003", "CIT004", "CIT005", "CIT007")


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", [PINGTAN_2015, PINGTAN_2018], ids=lambda p: p.name[:12])
def test_pre_2019_reports_get_one_notice_and_no_format_finding(path: Path) -> None:
    report = parse_file(path)
    assert report.variant == "pre2019"
    findings = engine().check_file(str(path)).findings
    assert [f.code for f in findings].count("PRE001") == 1
    assert not [f for f in findings if f.code.startswith(_FORMAT_FAMILIES)]
    assert not [f for f in findings if f.severity >= Severity.ERROR]
    notice = next(f for f in findings if f.code == "PRE001")
    assert str(report.year) in notice.message.zh and "收费及减免" in notice.message.zh
    assert "2019/2021" in notice.message.en


def test_the_2015_report_has_every_old_part() -> None:
    parts = regime.old_parts(_text(PINGTAN_2015).split("\n"))
    assert set(parts) == {p.id for p in regime.OLD_PARTS}
    assert parts["fees"].how == "heading" and "收费及减免" in parts["fees"].text
    codes = [f.code for f in engine().check_file(str(PINGTAN_2015)).findings]
    assert "PRE002" not in codes


def test_the_2018_report_lacks_the_fee_part_and_is_told_so_as_an_inference() -> None:
    findings = [f for f in engine().check_file(str(PINGTAN_2018)).findings if f.code == "PRE002"]
    assert [(f.place.section, f.severity) for f in findings] == [("fees", Severity.WARNING)]
    assert "推断" in findings[0].message.zh and "inference" in findings[0].message.en
    assert findings[0].values["article"] == "第三十二条（三）"


def test_a_fee_part_removed_from_the_2015_report_is_missing() -> None:
    text = _text(PINGTAN_2015)
    assert "四、政府信息公开的收费及减免情况" in text and "政府信息公开的收费及减免情况、" in text
    text = text.replace("四、政府信息公开的收费及减免情况", "四、").replace("政府信息公开的收费及减免情况、", "")
    for sentence in regime.OLD_PARTS[3].statement.findall(text):
        text = text.replace(sentence, "")
    codes = [(f.code, f.place.section) for f in audit(text, "pingtan-2015.txt")]
    assert ("PRE002", "fees") in codes


def test_reports_under_the_2019_regulations_are_not_pre_2019() -> None:
    for seed in ("000", "001", "002", "003", "004"):
        report = parse_file(seed_path(seed))
        assert report.variant in ("2019", "2021")
        assert "PRE001" not in [f.code for f in engine().check_file(str(seed_path(seed))).findings]
    assert parse_file(REAL / "pingtan-2019-flattened.txt").variant == "2019"


def test_without_a_year_the_old_statistics_table_marks_the_old_regime() -> None:
    lines = _text(PINGTAN_2018).split("\n")
    assert regime.is_old_regime(None, lines, has_new_markers=False)
    assert not regime.is_old_regime(None, lines, has_new_markers=True)  # the 2019/2021 tables' own labels win
    assert not regime.is_old_regime(None, seed_path("004").read_text(encoding="utf-8").split("\n"), False)
    assert not regime.is_old_regime(2019, lines, has_new_markers=False)


def test_a_pre_2019_report_published_after_31_march_is_late() -> None:
    text = _text(PINGTAN_2015)
    assert "发布时间: 2016-01-12 16:08" in text
    on_time = audit(text, "pingtan-2015.txt")
    assert "DAT007" not in [f.code for f in on_time]
    late = audit(text.replace("发布时间: 2016-01-12 16:08", "发布时间: 2016-04-20 09:00"), "pingtan-2015.txt")
    found = [f for f in late if f.code == "DAT007"]
    assert len(found) == 1 and found[0].values["deadline"] == "2016-03-31"
    assert "2008" in found[0].message.zh and found[0].values["date_source"] == "publication"


def test_the_model_records_the_variant_and_validates(report_validator: object) -> None:
    report = parse_document(document_from_text(_text(PINGTAN_2015), "pingtan-2015.txt", "text"))
    data = report.to_json()
    assert data["template"]["variant"] == "pre2019"
    report_validator.validate(data)  # type: ignore[attr-defined]


def test_pre_2019_reports_are_left_out_of_the_cross_year_pairs() -> None:
    from auditor.rules import crossyear

    assert crossyear.facts(parse_file(PINGTAN_2018)) is None  # its 统计表 carries nothing over to 2019
    assert crossyear.facts(parse_file(REAL / "pingtan-2019-flattened.txt")) is not None


def test_json_output_of_a_pre_2019_report_validates(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    import jsonschema

    from auditor.cli import main
    from tests.conftest import ROOT

    main(["check", str(PINGTAN_2015), "--format", "json", "--exit-zero"])
    document = json.loads(capsys.readouterr().out)
    schema = json.loads((ROOT / "schemas" / "findings.schema.json").read_text(encoding="utf-8"))
    assert not list(jsonschema.Draft202012Validator(schema).iter_errors(document))
    assert document["files"][0]["variant"] == "pre2019"
