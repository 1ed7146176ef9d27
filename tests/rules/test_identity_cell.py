"""One wrong cell, one finding: a cell that breaks several identities, and that alone mends them all when set to the
figure they ask for, is one finding naming the cell and listing the identities (rules/identities.py
``_explaining_cell``); the property over every cell is tests/rules/test_identities.py's. Otherwise as before."""

from __future__ import annotations

from auditor.config import Config
from auditor.engine import Engine
from auditor.parse import parse_file
from auditor.plugins import Plugins
from auditor.rule import Severity
from tests.conftest import ROOT
from tests.rules.helpers import audit, clean_text

VALIDATE10 = ROOT / "tests" / "fixtures" / "validate10"


def _identity_findings(text: str) -> list:
    return [f for f in audit(text) if f.code in ("NUM001", "NUM002", "NUM003")]


def test_one_cell_of_a_real_table_breaking_three_identities_is_one_finding() -> None:
    # 海坛片区 2021: 「（七）总计1000000」 while every outcome row, 新收 and 上年结转 are 0 — the one 1 under 自然人
    # breaks I-1, I-2 and I-3; at 0 all three hold.
    report = parse_file(VALIDATE10 / "one-cell-three-identities-2021.txt")
    found = [f for f in Engine(Plugins(), Config()).check_report(report, "r.txt") if f.code.startswith("NUM")]
    assert [(f.code, f.severity) for f in found] == [("NUM002", Severity.ERROR)]
    [finding] = found
    assert finding.values["cell"] == {"cell": "applications.grand_total.natural_person", "value": 1, "expected": 0}
    assert [e["identity"] for e in finding.values["explains"]] == ["I-1", "I-2", "I-3"]
    assert (finding.place.row, finding.place.column) == ("grand_total", "natural_person")
    assert "（七）总计·自然人 填报 1，使 3 项勾稽关系不成立" in finding.message.zh
    assert "I-1" in finding.message.zh and "I-3" in finding.message.zh and "改为 0" in finding.message.zh
    assert "breaks 3 identities" in finding.message.en and "alone at 0" in finding.message.en


def test_two_wrong_cells_are_reported_as_before() -> None:
    text = clean_text(layout="plain")
    new_received = "一、本年新收政府信息公开申请数量 44 49 0 0 0 0 93"
    carried_over = "二、上年结转政府信息公开申请数量 55 70 0 0 0 0 125"
    # One wrong cell (新收·自然人): I-1 for its column and I-3 for its row, one finding naming it.
    found = _identity_findings(text.replace(new_received, "一、本年新收政府信息公开申请数量 45 49 0 0 0 0 93"))
    assert len(found) == 1 and found[0].values["cell"]["cell"] == "applications.new_received.natural_person"
    # Two, in other rows and columns (新收·自然人, 上年结转·商业企业): no one cell mends every failure, and no line
    # does either — each identity reported as it is.
    two = text.replace(new_received, "一、本年新收政府信息公开申请数量 45 49 0 0 0 0 93").replace(
        carried_over, "二、上年结转政府信息公开申请数量 55 71 0 0 0 0 125"
    )
    found = _identity_findings(two)
    assert not [f for f in found if "cell" in f.values or "line" in f.values]
    assert sorted((f.values["identity"], *f.values["instance"].values()) for f in found) == [
        ("I-1", "commercial"),
        ("I-1", "natural_person"),
        ("I-3", "carried_over"),
        ("I-3", "new_received"),
    ]
