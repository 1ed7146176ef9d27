"""The five seed reports parse into exactly what SPEC §7 says they contain."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from auditor.parse import parse_file
from auditor.template import TABLE_BY_ID
from tests.conftest import seed_path

# SPEC §7 summary table, and the seeds' own text.
EXPECTED = {
    "000": {
        "year": 2022,
        "body": "泗水县柘沟镇人民政府",
        "body_source": "signature",
        "variant": "2019",
        "citations": [("format-2021", "国办公开办函[2021]30号", "[]", "中华人民共和国政府信息公开工作年度报告格式")],
        "period": ("2022-01-01", "2022-12-31"),
        "signed": "2023-01-18",
        "regulation_order": None,
        "numbering": {"一": "none", "二": "zh", "三": "zh", "四": "zh", "五": "none", "六": "none"},
        "fee_names": ["政府公开信息处理费管理办法"],
    },
    "001": {
        "year": 2023,
        "body": "樟树市店下镇人民政府",
        "body_source": "title+text",
        "variant": "2021",
        "citations": [
            (
                "format-2019",
                "国办公开办函〔2019〕60号",
                "〔〕",
                "国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知",
            )
        ],
        "period": ("2023-01-01", "2023-12-31"),
        "signed": None,
        "regulation_order": 711,
        "numbering": {s: "arabic" for s in "一二三四五六"},
        "fee_names": [],
    },
    "002": {
        "year": 2022,
        "body": "咸祥镇人民政府",
        "body_source": "signature",
        "variant": "2021",
        "citations": [],
        "period": None,
        "signed": "2022-11-30",
        "regulation_order": None,
        "numbering": {s: "zh" for s in "一二三四五六"},
        "fee_names": [],
    },
    "003": {
        "year": 2023,
        "body": "隆德县城关镇人民政府",
        "body_source": "title+text",
        "variant": "2021",
        "citations": [
            (
                "format-2021",
                "国办公开办函〔2021〕30号",
                "〔〕",
                "国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知",
            )
        ],
        "period": ("2023-01-01", "2023-12-31"),
        "signed": None,
        "regulation_order": None,
        "numbering": {s: "zh" for s in "一二三四五六"},
        "fee_names": ["国务院办公厅关于印发〈政府信息公开信息处理费管理办法〉通知"],
    },
    "004": {
        "year": 2021,
        "body": "白泉镇",
        "body_source": "title",
        "variant": "2021",
        "citations": [],
        "period": None,
        "signed": None,
        "regulation_order": None,
        "numbering": {s: "zh" for s in "一二三四五六"},
        "fee_names": [],
    },
}

# Seed 004 is the only seed with non-zero cells in sections 三 and 四 (SPEC §7).
NONZERO_004 = {
    "new_received.natural_person": 1,
    "new_received.total": 1,
    "disclosed.natural_person": 1,
    "disclosed.total": 1,
    "grand_total.natural_person": 1,
    "grand_total.total": 1,
}

SECTION_TWO = {
    "000": {
        "regulations.normative_documents.total_published": 0,
        "procurement.central_procurement.amount": Decimal("0"),
        "licensing.other_services.change": 0,
    },
    "001": {
        "regulations.normative_documents.issued": 5,
        "regulations.normative_documents.repealed": 0,
        "regulations.normative_documents.in_force": 20,
        "enforcement.penalty.decisions": 0,
    },
    "002": {
        "regulations.normative_documents.issued": 3,
        "regulations.normative_documents.repealed": 2,
        "regulations.normative_documents.in_force": 6,
        "enforcement.penalty.decisions": 181,
        "licensing.licensing.decisions": 0,
        "fees.administrative_fees.amount": Decimal("0"),
    },
    "003": {"regulations.rules.issued": 0, "fees.administrative_fees.amount": Decimal("0")},
    "004": {"regulations.normative_documents.in_force": 0, "enforcement.coercion.decisions": 0},
}


@pytest.fixture(scope="module", params=sorted(EXPECTED))
def seed(request: pytest.FixtureRequest) -> tuple[str, object]:
    return request.param, parse_file(seed_path(request.param))


def test_metadata(seed: tuple[str, object]) -> None:
    number, report = seed
    expected = EXPECTED[number]
    meta = report.metadata  # type: ignore[attr-defined]
    assert meta.year == expected["year"]
    assert meta.issuing_body.text == expected["body"]
    assert meta.issuing_body.value == expected["body_source"]
    assert meta.body_kind == "township"
    cited = [(c.kind, c.raw, c.brackets, c.title) for c in meta.format_citations]
    assert cited == expected["citations"]
    period = meta.statistics_period
    assert (None if period is None else (period.value["start"], period.value["end"])) == expected["period"]
    signed = meta.signing_date
    assert (None if signed is None else signed.value) == expected["signed"]
    order = meta.regulation.value if meta.regulation else None
    assert order == expected["regulation_order"]
    assert [f.text for f in meta.fee_measure_names] == expected["fee_names"]


def test_template_and_sections(seed: tuple[str, object]) -> None:
    number, report = seed
    assert report.template.variant == EXPECTED[number]["variant"]  # type: ignore[attr-defined]
    assert report.structure == "template"  # type: ignore[attr-defined]
    numbering = {s.id: s.numbering for s in report.sections}  # type: ignore[attr-defined]
    assert numbering == EXPECTED[number]["numbering"]
    assert not report.gaps  # type: ignore[attr-defined]


def test_every_applications_and_review_cell(seed: tuple[str, object]) -> None:
    number, report = seed
    variant = EXPECTED[number]["variant"]
    applications = report.tables["applications"]  # type: ignore[attr-defined]
    review = report.tables["review_litigation"]  # type: ignore[attr-defined]
    spec = TABLE_BY_ID["applications"]
    rows = spec.rows_for(variant)
    assert len(rows) == (23 if variant == "2019" else 25)
    numbers = {
        f"{row.id}.{column}": cell.value
        for row in applications.rows.values()
        for column, cell in row.cells.items()
        if cell.kind == "number"
    }
    assert len(numbers) == (161 if variant == "2019" else 175)
    expected = NONZERO_004 if number == "004" else {}
    for name, value in numbers.items():
        assert value == expected.get(name, 0), name
    review_numbers = [
        cell.value for row in review.rows.values() for cell in row.cells.values() if cell.kind == "number"
    ]
    assert review_numbers == [0] * 15


def test_section_two(seed: tuple[str, object]) -> None:
    number, report = seed
    for name, value in SECTION_TWO[number].items():
        table, row, column = name.split(".")
        cell = report.tables[table].cell(row, column)  # type: ignore[attr-defined]
        assert cell is not None and cell.value == value, name
        assert type(cell.value) is type(value)


def test_alias_recorded_for_seed_003() -> None:
    report = parse_file(seed_path("003"))
    assert [(a.terminal, a.as_written, a.alias, a.loc.line) for a in report.aliases] == [
        ("PROHIBITED_BY_LAW", "2.其他法律法规禁止公开", "alias", 58)
    ]
    row = report.tables["applications"].rows["prohibited_by_law"]
    assert row.label is not None and row.label.official == "2.其他法律行政法规禁止公开"


def test_positions_point_at_the_source() -> None:
    path = seed_path("004")
    lines = path.read_text(encoding="utf-8").split("\n")
    report = parse_file(path)
    cell = report.tables["applications"].cell("new_received", "natural_person")
    assert cell is not None
    assert lines[cell.loc.line - 1][cell.loc.column - 1 :].startswith("1")
    citation_line = lines[report.metadata.title.loc.line - 1]
    assert "白泉镇" in citation_line


def test_seed_json_validates(seed: tuple[str, object], report_validator: object) -> None:
    _number, report = seed
    document = json.loads(json.dumps(report.to_json(), ensure_ascii=False))  # type: ignore[attr-defined]
    errors = sorted(report_validator.iter_errors(document), key=str)  # type: ignore[attr-defined]
    assert not errors, errors[0].message


def test_heading_prefilter_matches_the_grammar() -> None:
    """The pre-lexer skips lines that do not end a heading word; every official heading must pass that filter."""
    from auditor.prelex import _HEADING_ENDINGS
    from auditor.template import SECTIONS

    for section in SECTIONS:
        assert section.heading.endswith(_HEADING_ENDINGS), section.heading
