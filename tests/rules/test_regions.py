"""Region totals (NAR015): a county's region-wide figures against its townships' reports, with the parent–child map
from the configuration's CSV."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from auditor import synth
from auditor.cli import main
from auditor.errors import ConfigError
from auditor.regions import body_key, load
from tests.rules.helpers import clean_spec

COUNTY = "安平县人民政府"
TOWNS = ("安平县青石镇人民政府", "安平县柳湾镇人民政府")


def _write(folder: Path, name: str, body: str, new: int, prose: list[str]) -> None:
    spec = clean_spec()
    spec.year = 2023
    spec.body = spec.body_in_title = body
    for column in ("natural_person", "commercial", "research", "public_interest", "legal_services", "other", "total"):
        for row in ("new_received", "carried_over", "grand_total", "carried_forward"):
            spec.values[f"applications.{row}.{column}"] = 0
    for row in ("new_received", "grand_total"):
        spec.values[f"applications.{row}.natural_person"] = new
        spec.values[f"applications.{row}.total"] = new
    spec.values["applications.disclosed.natural_person"] = new
    spec.values["applications.disclosed.total"] = new
    for key in list(spec.values):
        if key.startswith("applications.") and key.split(".")[1] not in (
            "new_received",
            "carried_over",
            "grand_total",
            "carried_forward",
            "disclosed",
        ):
            spec.values[key] = 0
    spec.paragraphs["一"] = spec.paragraphs["一"][:1] + prose
    (folder / name).write_text(synth.render(spec, "cell-per-line", synth.Noise()), encoding="utf-8")


def _batch(tmp_path: Path, county_new: int, county_prose: list[str], csv: str | None = None) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    _write(folder, "county.txt", COUNTY, county_new, county_prose)
    _write(folder, "town1.txt", TOWNS[0], 5, [])
    _write(folder, "town2.txt", TOWNS[1], 7, [])
    (tmp_path / "regions.csv").write_text(
        csv if csv is not None else "body,parent\n" + "".join(f"{town},{COUNTY}\n" for town in TOWNS),
        encoding="utf-8",
    )
    (tmp_path / "auditor.toml").write_text('regions = "regions.csv"\n', encoding="utf-8")
    return folder


def _findings(tmp_path: Path, folder: Path, capsys: pytest.CaptureFixture[str]) -> list[dict]:
    main(["check", str(folder), "--config", str(tmp_path / "auditor.toml"), "--format", "json", "--select", "NAR015"])
    document = json.loads(capsys.readouterr().out)
    return [f for f in document["summary"]["cross_file"]["findings"] if f["code"] == "NAR015"]


def test_region_claim_below_the_townships(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _batch(tmp_path, 3, ["2023年，全县共受理政府信息公开申请10件。"])
    (finding,) = _findings(tmp_path, folder, capsys)
    assert finding["severity"] == "warning" and finding["path"].endswith("county.txt")
    assert finding["values"]["parent"] == 10 and finding["values"]["children_sum"] == 12


def test_region_claim_covering_the_townships(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _batch(tmp_path, 15, ["2023年，全县共受理政府信息公开申请15件。"])
    assert _findings(tmp_path, folder, capsys) == []


def test_table_of_the_body_alone_is_to_verify(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _batch(tmp_path, 3, [])
    (finding,) = _findings(tmp_path, folder, capsys)
    assert finding["severity"] == "info" and "请核对" in finding["message"]["zh"]


def test_no_map_no_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _batch(tmp_path, 3, ["2023年，全县共受理政府信息公开申请10件。"], csv="body,parent\n")
    assert _findings(tmp_path, folder, capsys) == []


@pytest.mark.parametrize(
    ("csv", "line"),
    [
        ("name,parent\na,b\n", 1),
        ("body,parent\n青石镇,\n", 2),
        ("body,parent\n安平县,安平县人民政府\n", 2),
        ("body,parent\n青石镇,安平县\n青石镇,平安县\n", 3),
    ],
)
def test_a_bad_map_is_a_configuration_error(tmp_path: Path, csv: str, line: int) -> None:
    path = tmp_path / "regions.csv"
    path.write_text(csv, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load(path)
    assert caught.value.line == line and caught.value.path == str(path)


def test_without_a_map_of_regions_no_report_gathers_region_facts(tmp_path: Path) -> None:
    """Without ``regions`` in the configuration no report has a parent: the run neither gathers the check's facts
    from each report nor runs it; with the map, it does both."""
    from auditor.config import Config
    from auditor.engine import Engine
    from auditor.plugins import Plugins

    plugins = Plugins()
    without = [check.name for check in Engine(plugins).batch_checks]
    with_map = [check.name for check in Engine(plugins, Config(regions={TOWNS[0]: COUNTY})).batch_checks]
    assert "region-totals" not in without
    assert "region-totals" in with_map
    assert [name for name in with_map if name != "region-totals"] == without


@given(st.text(st.sampled_from([*"安平县青石镇人民政府办事处", " ", "\t", "\u3000", "\xa0", "\u2028", "\x1c", "\x85"])))
def test_a_body_key_is_the_name_without_what_a_regex_reads_as_space(name: str) -> None:
    """The key drops what ``\\s`` matches (str.split() splits at the same characters), then 人民政府 / 办事处."""
    assert body_key(name) == re.sub(r"(人民政府|办事处)$", "", re.sub(r"\s+", "", name))
