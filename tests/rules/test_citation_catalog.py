"""Provincial and municipal documents are told from the national ones by the catalogue (rules/citations.toml):
never the national format notice (CIT002, CIT008), never a misnamed national fee measure (CIT007); a report that
cites only a local notice gets one info finding (CIT005)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from auditor.rules import citations

from auditor.config import Config
from auditor.engine import Engine
from auditor.hookspecs import hookimpl
from auditor.plugins import Plugins
from auditor.rule import Severity
from tests.conftest import REAL
from tests.rules.helpers import audit, clean_text, codes, engine

PINGTAN_2021 = REAL / "pingtan-2021-flattened.txt"
# The sentences as pingtan-2021 writes them.
PROVINCIAL_NOTICE = "《福建省人民政府办公厅关于编制公布2021年政府信息公开工作年度报告有关事项的通知》"
NATIONAL_2019_NOTICE = "《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》"
LOCAL_FEE = (
    "组织各单位学习省财政厅《关于做好政府信息公开信息处理费收入收缴管理有关事项的通知》（闽财非税函〔2021〕1号），"
    "要求各单位依法落实信息处理费有关规定。"
)
NATIONAL_CITATION = (
    "和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》"
    "（国办公开办函〔2021〕30号）"
)
FEE_SENTENCE = "实际收取信息处理费0元。"


def _pingtan() -> str:
    return PINGTAN_2021.read_text(encoding="utf-8")


def test_pingtan_2021_cites_provincial_documents_and_gets_no_citation_error() -> None:
    findings = engine().check_file(str(PINGTAN_2021)).findings
    assert not {"CIT002", "CIT007", "CIT008"} & set(codes(findings))
    cit005 = [f for f in findings if f.code == "CIT005"]
    assert len(cit005) == 1 and cit005[0].severity == Severity.INFO
    assert "地方通知" in cit005[0].message.zh and "福建省人民政府办公厅" in cit005[0].message.zh
    assert cit005[0].values["scope"] == "local"


def test_the_national_60_notice_in_its_place_is_an_outdated_citation_of_the_2021_report() -> None:
    text = _pingtan()
    assert PROVINCIAL_NOTICE in text
    national = text.replace(PROVINCIAL_NOTICE, NATIONAL_2019_NOTICE)
    findings = audit(national, "pingtan-2021.txt")
    # the 60号 notice named by its title alone, in a 2021 report on 2021 tables: one cause, CIT001 (which says the
    # tables are current), as when its number is written; CIT002 tells the mismatch when CIT001 is not run
    assert "CIT001" in codes(findings) and "CIT002" not in codes(findings) and "CIT005" not in codes(findings)
    alone = audit(national, "pingtan-2021.txt", Engine(Plugins(), Config(select=["ALL"], ignore=["CIT001"])))
    assert "CIT002" in codes(alone)


def test_a_provincial_fee_document_is_not_a_misnamed_fee_measure() -> None:
    text = clean_text()
    assert "CIT007" not in codes(audit(text.replace(FEE_SENTENCE, FEE_SENTENCE + LOCAL_FEE)))
    misnamed = FEE_SENTENCE + "依据《政府公开信息处理费管理办法》收费。"
    assert "CIT007" in codes(audit(text.replace(FEE_SENTENCE, misnamed)))


def test_a_local_fee_document_without_its_number_is_placed_by_its_issuer() -> None:
    sentence = "组织各单位学习省财政厅《关于印发政府信息公开信息处理费管理办法的通知》。"  # 印发…处理费…办法, but local
    text = clean_text().replace(FEE_SENTENCE, FEE_SENTENCE + sentence)
    assert "CIT007" not in codes(audit(text))
    unplaced = clean_text().replace(FEE_SENTENCE, FEE_SENTENCE + sentence.replace("组织各单位学习省财政厅", ""))
    assert "CIT007" in codes(audit(unplaced))  # no local issuer: a misnamed national measure


def test_a_provincial_notice_numbered_30_is_no_wrong_national_number() -> None:
    local = "和" + PROVINCIAL_NOTICE + "（闽政办〔2021〕30号）"
    text = clean_text()
    assert NATIONAL_CITATION in text
    findings = audit(text.replace(NATIONAL_CITATION, local))
    assert not {"CIT002", "CIT008"} & set(codes(findings))
    assert [f.values["scope"] for f in findings if f.code == "CIT005"] == ["local"]
    wrong = audit(text.replace("国办公开办函〔2021〕30号", "国办函〔2021〕30号"))
    assert "CIT008" in codes(wrong)


def test_an_unplaced_notice_on_the_reports_is_at_most_info() -> None:
    for unplaced, scope in (
        ("和《关于做好2023年政府信息公开工作年度报告有关事项的通知》", "unknown"),  # a year: not the 60号 title
        ("和《关于做好2023年政府信息公开工作年度报告编制工作的通知》", None),
    ):
        findings = audit(clean_text().replace(NATIONAL_CITATION, unplaced))
        assert not [f for f in findings if f.code.startswith("CIT") and f.severity > Severity.INFO]
        assert [f.values.get("scope") for f in findings if f.code == "CIT005"] == [scope]


def test_the_catalogue_places_issuers() -> None:
    found = citations.load_catalog(citations.CITATIONS)
    assert found.of_number("国办公开办函") == citations.Scope("national", "国办公开办函", evidence="国办公开办函")
    local = found.of_number("闽财非税函")
    assert local is not None and (local.scope, local.issuer) == ("local", "福建省")
    assert found.of_number("岚综管办") == citations.Scope("local", None, evidence="岚综管办")
    by_author = found.of_title(PROVINCIAL_NOTICE.strip("《》"))
    assert by_author is not None and (by_author.scope, by_author.issuer) == ("local", "福建省人民政府办公厅")
    national = found.of_title(NATIONAL_2019_NOTICE.strip("《》"))
    assert national is not None and national.scope == "national"
    assert found.of_title("关于做好政府信息公开信息处理费收入收缴管理有关事项的通知") is None
    by_issuer = found.of_title("关于做好政府信息公开信息处理费收入收缴管理有关事项的通知", "组织各单位学习省财政厅")
    assert by_issuer is not None and by_issuer.issuer == "省财政厅"
    issued = found.of_title("关于做好2021年政府信息公开工作年度报告有关事项的通知", "按照市政府办公室印发的")
    assert issued is not None and (issued.scope, issued.issuer) == ("local", "市政府办公室")
    fee = found.document("关于做好政府信息公开信息处理费收入收缴管理有关事项的通知")
    assert fee is not None and fee.kind == "fee-document"


def _catalogue_plugin(path: Path) -> object:
    """A third party's plugin that contributes one catalogue through the hook."""

    @hookimpl
    def auditor_citation_catalogs() -> list[str]:
        return [str(path)]

    return SimpleNamespace(auditor_citation_catalogs=auditor_citation_catalogs)


def test_a_plugin_extends_the_catalogue(tmp_path: Path) -> None:
    extra = tmp_path / "more-citations.toml"
    extra.write_text(
        '[national]\nauthors = ["国务院办公厅电子政务办公室"]\n\n'
        '[[document]]\nkind = "plan"\nzh = "地方规划"\nen = "a local plan"\ntitle = "规划"\n',
        encoding="utf-8",
    )
    plugins = Plugins(extra=[("more-citations", _catalogue_plugin(extra))])
    assert plugins.citation_catalogs[-1] == str(extra)
    eng = Engine(plugins)
    merged = citations.load_catalog(*eng.options["citation_catalogs"])
    national = merged.of_title("国务院办公厅电子政务办公室关于政务公开的通知")
    assert national is not None and national.scope == "national"
    plan = merged.document("福建省十四五数字政府建设规划")
    assert plan is not None and plan.kind == "plan"
    built_in = citations.load_catalog(citations.CITATIONS).document("福建省十四五数字政府建设规划")
    assert built_in is not None and built_in.kind == "local-document"


def test_a_broken_catalogue_is_named(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("[[document]]\nkind = 'x'\n", encoding="utf-8")
    try:
        citations.load_catalog(broken)
    except citations.CatalogError as exc:
        assert "broken.toml" in str(exc)
    else:
        raise AssertionError("a catalogue entry without zh/en/title was accepted")
