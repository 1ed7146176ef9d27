"""The body type that sets the deadline comes from the report's subject, not from the office that signs it; a
signature written before the appendices is found.

Fixtures are the seeds with small edits (documented per test): seed 001 (樟树市店下镇, 2023, no signature) gets a
title naming another body and a signature appended; seed 000 (泗水县柘沟镇, signed 2023年1月18日) gets appendices
after its signature, made of its own lines.
"""

from __future__ import annotations

from auditor.metadata import extract
from auditor.rule import Severity
from tests.conftest import seed_path
from tests.rules.helpers import audit

_TITLE_001 = "樟树市店下镇2023年政府信息公开工作年度报告"


def _seed(number: str) -> str:
    return seed_path(number).read_text(encoding="utf-8")


def _retitled(title: str, signer: str, date: str) -> str:
    """Seed 001 with another title, signed at its end by ``signer`` on ``date``."""
    text = _seed("001")
    assert _TITLE_001 in text
    return text.replace(_TITLE_001, title, 1).rstrip("\n") + f"\n{signer}\n{date}\n"


def _dat007(text: str) -> list:
    return [f for f in audit(text) if f.code == "DAT007"]


def test_a_government_report_signed_by_its_own_office_has_the_government_deadline() -> None:
    text = _retitled("樟树市2023年政府信息公开工作年度报告", "樟树市人民政府办公室", "2024年3月20日")
    meta = extract(text.split("\n"))
    assert meta.issuing_body is not None and meta.issuing_body.text == "樟树市人民政府办公室"
    assert (meta.body_kind, meta.body_kind_source) == ("government", "title")
    assert _dat007(text) == []  # 3月20日 is within the government's 03-31


def test_the_subject_named_in_the_title_wins_over_a_department_signer() -> None:
    text = _retitled("樟树市人民政府2023年政府信息公开工作年度报告", "樟树市人民政府办公厅", "2024年2月20日")
    assert extract(text.split("\n")).body_kind == "government"
    assert _dat007(text) == []


def test_an_offices_own_report_keeps_the_department_deadline() -> None:
    text = _retitled("樟树市人民政府办公室2023年政府信息公开工作年度报告", "樟树市人民政府办公室", "2024年3月20日")
    meta = extract(text.split("\n"))
    assert (meta.body_kind, meta.body_kind_source) == ("department", "title")
    [late] = _dat007(text)
    assert late.severity == Severity.WARNING and late.values["deadline"] == "2024-01-31"


def test_an_untitled_subject_signed_by_a_government_office_is_assumed_and_says_so() -> None:
    text = _retitled("2023年政府信息公开工作年度报告", "樟树市人民政府办公室", "2024年4月10日")
    meta = extract(text.split("\n"))
    assert (meta.body_kind, meta.body_kind_source) == ("government", "office")
    [late] = _dat007(text)
    assert late.severity == Severity.WARNING  # a guess is at most a warning
    assert late.values["deadline"] == "2024-03-31" and late.values["body_kind_source"] == "office"
    assert "推定" in late.message.zh and "assumed" in late.message.en
    assert "1 月 31 日" in late.message.zh  # names the deadline it would be otherwise


def test_a_department_signer_without_a_titled_subject_is_a_department() -> None:
    text = _retitled("2023年政府信息公开工作年度报告", "樟树市教育局", "2024年3月20日")
    meta = extract(text.split("\n"))
    assert (meta.body_kind, meta.body_kind_source) == ("department", "signature")
    [late] = _dat007(text)
    assert late.values["deadline"] == "2024-01-31" and "推定" not in late.message.zh


# ── a signature before the appendices ────────────────────────────────────────────────────────────────────
def _with_appendix(text: str) -> str:
    """Seed 000 followed by an appendix made of its own section 二 lines (longer than the 12 lines at the end that
    the signature is looked for in)."""
    lines = text.rstrip().split("\n")
    start = lines.index("二、主动公开政府信息情况")
    return "\n".join([*lines, "附件1：主动公开政府信息情况统计表", *lines[start + 1 : start + 40]]) + "\n"


def test_the_signature_before_an_appendix_is_found() -> None:
    meta = extract(_with_appendix(_seed("000")).split("\n"))
    assert meta.signing_date is not None and meta.signing_date.value == "2023-01-18"
    assert meta.signing_date.loc.line == 442
    assert meta.issuing_body is not None and meta.issuing_body.text == "泗水县柘沟镇人民政府"


def test_the_signature_before_an_appendix_in_flattened_text() -> None:
    """The page flattened to one line (as web pages are): 「… 泗水县柘沟镇人民政府 2023年1月18日 附件1：…」."""
    flattened = " ".join(line.strip() for line in _with_appendix(_seed("000")).split("\n") if line.strip())
    meta = extract([flattened])
    assert meta.signing_date is not None and meta.signing_date.value == "2023-01-18"
    assert meta.issuing_body is not None and meta.issuing_body.text == "泗水县柘沟镇人民政府"
    chinese = flattened.replace("2023年1月18日", "二○二三年一月十八日")
    found = extract([chinese]).signing_date
    assert found is not None and found.value == "2023-01-18"


def test_a_reference_to_an_appendix_in_a_sentence_is_no_signature() -> None:
    text = _seed("001") + "\n详见2024年1月5日附件1：统计表\n"
    assert extract(text.split("\n")).signing_date is None


def test_signed_in_time_but_published_late_is_reported_with_the_page_date() -> None:
    """Seed 000 (a township, signed 2023年1月18日) under a crawler header saying it was published on 2023-04-11."""
    text = "发布时间: 2023-04-11\n" + _seed("000")
    [late] = _dat007(text)
    assert late.severity == Severity.WARNING and late.values["date_source"] == "publication"
    assert "2023年1月18日" in late.message.zh and "re-posting" in late.message.en


def test_a_county_report_signed_by_its_government_office_is_at_county_level() -> None:
    """P-4 (规章 below city level) applies to a county government whose office signs: seed 001 retitled to
    a district, signed by the district government's office, with 规章 issued."""
    text = _retitled("洪泽区2023年政府信息公开工作年度报告", "淮安市洪泽区人民政府办公室", "2024年3月20日")
    lines = text.split("\n")
    start = [line.strip() for line in lines].index("规章")
    assert lines[start + 1 : start + 4] == ["\t0", "\t0", "\t0"], lines[start : start + 4]
    lines[start + 1 : start + 4] = ["\t1", "\t0", "\t1"]
    assert "PLA004" in [f.code for f in audit("\n".join(lines))]


def test_the_subject_named_in_the_preamble_when_the_title_names_none() -> None:
    """Seed 001 untitled by body, its preamble naming the government: 「现公布樟树市人民政府2023年度…年度报告」."""
    text = _retitled("2023年政府信息公开工作年度报告", "樟树市人民政府办公室", "2024年3月20日")
    lines = text.split("\n")
    lines.insert(1, "现公布樟树市人民政府2023年度政府信息公开工作年度报告。")
    meta = extract(lines)
    assert (meta.body_kind, meta.body_kind_source) == ("government", "preamble")
    assert not _dat007("\n".join(lines))
