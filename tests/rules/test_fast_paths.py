"""The rules' fast paths (issue 12) give what the plain way gives: each is checked against the straightforward
version it replaced, on random input (hypothesis), so a fast path cannot drift from it."""

from __future__ import annotations

import json
import pickle
import re
from decimal import Decimal

from auditor.rules import fees, structure
from hypothesis import example, given, settings
from hypothesis import strategies as st

from auditor import metadata, normalize, rule
from auditor.document import Location
from auditor.engine import FileResult
from auditor.rule import Finding, Place, Severity, Text

# The regex fees.fee_sentence replaced: the sentence of the first 处理费.
_SENTENCE = re.compile(r"(?<![^。；;！!？?\n])[^。；;！!？?\n]*处理费[^。；;！!？?\n]*")
# Pieces that make sentences, terminators and near misses of the term likely.
_PIECES = st.sampled_from(
    ["处理费", "处理", "费", "信息", "。", "；", ";", "！", "!", "？", "?", "\n", " ", "收取", "0元"]
)
_TEXTS = st.lists(_PIECES | st.text(max_size=3), max_size=30).map("".join)


@given(_TEXTS)
def test_fee_sentence_is_the_regex_match(text: str) -> None:
    match = _SENTENCE.search(text)
    assert fees.fee_sentence(text) == (match.group(0) if match else None)


def test_fee_sentence_examples() -> None:
    assert fees.fee_sentence("一、总体情况。本年度未收取信息处理费；其他") == "本年度未收取信息处理费"
    assert fees.fee_sentence("处理费") == "处理费"
    assert fees.fee_sentence("没有收费。\n") is None


# The pattern TAB005 used: two classes in alternation, now one class.
_SPACE_OR_HALF_BEFORE = re.compile(r"[ \u3000\u00a0]|[(),]")


@given(st.text(alphabet=st.sampled_from(" \u3000\u00a0\t(),（），a结果") | st.characters(), max_size=20))
def test_label_typography_class_is_the_alternation(text: str) -> None:
    before = _SPACE_OR_HALF_BEFORE.search(text)
    after = structure._SPACE_OR_HALF.search(text)
    assert (before and before.span()) == (after and after.span())


@given(st.text(alphabet=st.sampled_from(" \u3000\u00a0\t(),（），a结果\n") | st.characters(), max_size=40))
def test_label_typography_test_by_str_search_is_the_class(text: str) -> None:
    assert structure._has_space_or_half(text) == bool(structure._SPACE_OR_HALF.search(text))


# The statistics period as it was written before its first item became \d\d\d\d (auditor.metadata._PERIOD).
_PERIOD_BEFORE = re.compile(
    r"(?P<y1>\d{4})\s*年\s*(?P<m1>\d{1,2})\s*月\s*(?P<d1>\d{1,2})\s*日\s*(?:起)?\s*[,，]?\s*(?:至|到|—|－|-|~|～)\s*"
    r"(?:(?P<y2>\d{4})\s*年\s*)?(?P<m2>\d{1,2})\s*月\s*(?P<d2>\d{1,2})\s*日"
)
_DATE_PIECES = st.sampled_from(
    ["2023", "12", "1", "0", "年", "月", "日", "起", "至", "-", " ", "，", "统计", "\n", "０"]
)


@given(st.lists(_DATE_PIECES | st.text(max_size=2), max_size=40).map("".join))
def test_period_pattern_is_unchanged(text: str) -> None:
    before = [(m.span(), m.groupdict()) for m in _PERIOD_BEFORE.finditer(text)]
    assert [(m.span(), m.groupdict()) for m in metadata._PERIOD.finditer(text)] == before


@given(st.text(alphabet=st.sampled_from("０１９0a年 ") | st.characters(), max_size=30))
def test_ascii_digits_translates_exactly_when_a_full_width_digit_is_there(text: str) -> None:
    expected = text.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    assert normalize.ascii_digits(text) == expected
    assert (normalize.ascii_digits(text) is text) == (re.search("[０-９]", text) is None)


_PLACES = st.builds(Place, *[st.sampled_from([None, "六", "applications", "total"])] * 4)
_LOCS = st.none() | st.builds(
    Location, st.integers(1, 500), st.integers(1, 80), st.none() | st.integers(1, 9), st.none() | st.just("T2R5C3")
)


@given(st.lists(st.tuples(_PLACES, _LOCS), max_size=8))
def test_a_result_comes_back_from_pickle_as_it_was(where: list[tuple[Place, Location | None]]) -> None:
    findings = [
        Finding("TAB005", "label-typography", Severity.INFO, Text("中", "en"), "a.txt", loc, place, {"n": i}, (), "f")
        for i, (place, loc) in enumerate(where)
    ]
    back = pickle.loads(pickle.dumps(FileResult("a.txt", findings, 2023)))
    assert back == FileResult("a.txt", findings, 2023)
    assert all(type(f.loc) is Location for f in back.findings if f.loc is not None)


_JSON_LEAVES = st.none() | st.booleans() | st.integers() | st.text(max_size=5) | st.decimals(allow_nan=False, places=2)
_JSON_VALUES = st.recursive(
    _JSON_LEAVES,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.tuples(inner, inner)
        | st.dictionaries(st.text(max_size=3) | st.integers(), inner, max_size=3)
    ),
    max_leaves=12,
)


def _jsonable_before(value: object) -> object:
    """auditor.rule._jsonable as it was before its containers kept plain values without a call."""
    kind = type(value)
    if kind is str or kind is int or value is None:
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _jsonable_before(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable_before(v) for v in value]
    return value


@given(st.dictionaries(st.text(max_size=4), _JSON_VALUES, max_size=4))
def test_a_findings_json_text_is_json_dumps_of_its_json(values: dict[str, object]) -> None:
    assert json.dumps(rule._jsonable(values), ensure_ascii=False) == json.dumps(
        _jsonable_before(values), ensure_ascii=False
    )
    finding = Finding(
        "NUM001",
        "identity",
        Severity.ERROR,
        Text("中“文”", "e\\n"),
        "a.txt",
        Location(3, 2),
        Place("三"),
        values,
        (),
        "f",
    )
    assert finding.json_text() == json.dumps(finding.to_json(), ensure_ascii=False)


@given(
    st.lists(st.sampled_from(["国务院令", "国令", "中华人民共和国", "第", "711", "号", "（", " ", "令"]), max_size=12)
)
def test_the_order_number_is_found_as_by_the_regex_alone(pieces: list[str]) -> None:
    text = "".join(pieces)
    found = metadata._regulation(metadata.Text([text]))
    order = metadata._ORDER.search(text)
    if order is None:
        assert found is None or found.value is None
    else:
        assert found is not None and found.value == int(order["num"])


def _former_total(report, names):  # type: ignore[no-untyped-def]
    """rules/narrative.py _total as first written: each cell by Table.cell, its certainty by Cell.inferred."""
    total, firm = 0, True
    for name in names:
        table_id, row, column = name.split(".")
        table = report.tables.get(table_id)
        cell = table.cell(row, column) if table else None
        if cell is None or cell.kind != "number" or cell.value is None:
            return None, False
        firm = firm and not cell.inferred and table.status in ("read", "recovered")
        total += cell.value
    return total, firm


_CELLS = (
    "applications.new_received.total",
    "applications.carried_over.total",
    "applications.carried_forward.total",
    "review_litigation.review.total",
    "review_litigation.review.pending",
    "review_litigation.direct_suit.total",
)


@settings(deadline=None)  # (the first example parses the seed)
@example([("applications.new_received.total", "unread", "number", 3)], "read", ("applications.new_received.total",))
@example([("review_litigation.review.total", "inferred", "number", 2)], "read", ("review_litigation.review.total",))
@given(
    st.lists(
        st.tuples(
            st.sampled_from(_CELLS),
            st.sampled_from(["read", "inferred", "unread"]),
            st.sampled_from(["number", "blank", "dash"]),
            st.none() | st.integers(0, 5),
        ),
        max_size=6,
    ),
    st.sampled_from(["read", "recovered", "partial", "flattened"]),
    st.lists(st.sampled_from(_CELLS), min_size=1, max_size=4).map(tuple),
)
def test_a_sum_of_cells_reads_them_as_table_cell_does(
    changes: list[tuple[str, str, str, int | None]], status: str, names: tuple[str, ...]
) -> None:
    """The NAR rules' sums read a cell's row and certainty directly (no call of Table.cell and Cell.inferred a cell):
    the same sums and the same certainty, whatever the cells' certainty, kind and value and the table's status."""
    from auditor.rules import narrative

    from auditor.parse import parse_file
    from tests.conftest import FIXTURES

    report = _SEED_REPORT.get("report") or _SEED_REPORT.setdefault(
        "report", parse_file(FIXTURES / "seeds" / "001_ab25516cfdb0ffab.txt")
    )
    saved = {}
    try:
        for name, confidence, kind, value in changes:
            table_id, row, column = name.split(".")
            table = report.tables[table_id]
            cell = table.rows[row].cells[column]
            saved.setdefault(name, (cell.confidence, cell.kind, cell.value))
            saved.setdefault(table_id, table.status)
            cell.confidence, cell.kind, cell.value = confidence, kind, value
        for table_id in {name.split(".")[0] for name in _CELLS}:
            saved.setdefault(table_id, report.tables[table_id].status)
            report.tables[table_id].status = status
        assert narrative._total(report, names) == _former_total(report, names)
    finally:
        for key, was in saved.items():
            if "." in key:
                table_id, row, column = key.split(".")
                cell = report.tables[table_id].rows[row].cells[column]
                cell.confidence, cell.kind, cell.value = was
            else:
                report.tables[key].status = was


_SEED_REPORT: dict[str, object] = {}
