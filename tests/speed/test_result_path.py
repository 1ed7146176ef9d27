"""The result path's shortcuts give exactly what the plain code gives: a finding's and a file's JSON text built
piece by piece is ``json.dumps`` of their ``to_json()``, whatever a finding holds."""

from __future__ import annotations

import dataclasses
import json
import pickle
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from auditor import legal
from auditor.document import Location
from auditor.engine import FileResult
from auditor.rule import ERROR, INFO, WARNING, Finding, Fix, Place, Severity, Text, fingerprint, json_encode

_TEXT = st.text(alphabet='a一"\\\n\t\x00\ue000é', max_size=6)
_LEAF = st.one_of(st.none(), st.booleans(), st.integers(-5, 10**20), _TEXT, st.decimals(allow_nan=False, places=2))
_VALUES = st.recursive(
    _LEAF,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.tuples(inner, inner),
        st.dictionaries(st.one_of(_TEXT, st.integers(0, 9)), inner, max_size=3),
    ),
    max_leaves=12,
)
_LOCATIONS = st.one_of(
    st.none(),
    st.builds(Location, st.integers(1, 99), st.integers(1, 9), st.one_of(st.none(), st.integers(1, 5)),
              st.one_of(st.none(), _TEXT)),
)  # fmt: skip
_BASES = st.sampled_from([(), (legal.FORMAT_2021_BASIS,), (legal.FORMAT_2021_TABLE_3, legal.ARTICLE_50)])


def _finding(values: Any, loc: Location | None, basis: Any, fix: bool, message: str, severity: Severity) -> Finding:
    place = Place(section="二", row=message or None)
    return Finding(
        "NUM001",
        "identity",
        severity,
        Text(message, message[::-1]),
        message + ".txt",
        loc,
        place,
        {"v": values},
        basis,
        fingerprint("NUM001", place, message),
        "auditor",
        Fix.replace(loc or Location(1), message, "0") if fix else None,
    )


@given(
    st.lists(
        st.tuples(_VALUES, _LOCATIONS, _BASES, st.booleans(), _TEXT, st.sampled_from([INFO, WARNING, ERROR])),
        max_size=4,
    ),
    st.one_of(st.none(), st.sampled_from([ERROR, WARNING])),
    st.one_of(st.none(), st.dictionaries(_TEXT, _TEXT, max_size=2)),
)
def test_json_text_is_json_dumps_of_to_json(
    made: list[tuple[Any, ...]], fail_on: Severity | None, review: dict[str, str] | None
) -> None:
    findings = [_finding(*args) for args in made]
    for finding in findings:
        assert finding.json_text() == json.dumps(finding.to_json(), ensure_ascii=False)
    result = FileResult("a/报告.txt", findings, 2023, "某县人民政府", "2021", "text", assessed=True, review=review)
    assert result.json_text(fail_on) == json.dumps(result.to_json(fail_on), ensure_ascii=False)


@pytest.mark.parametrize("value", ["x", "\ue000\x00", 1.5, float("nan"), [], {}, {"a": [1, None, True]}])
def test_json_encode_is_json_dumps(value: Any) -> None:
    assert json_encode(value) == json.dumps(value, ensure_ascii=False)


def test_json_encode_refuses_what_json_dumps_refuses() -> None:
    with pytest.raises(TypeError):
        json_encode({"a": Decimal(1)})


@given(
    st.lists(
        st.tuples(_VALUES, _LOCATIONS, _BASES, st.booleans(), _TEXT, st.sampled_from([INFO, WARNING, ERROR])),
        max_size=4,
    )
)
def test_a_result_pickled_compactly_comes_back_the_same(made: list[tuple[Any, ...]]) -> None:
    findings = [_finding(*args) for args in made]
    result = FileResult("a.txt", findings, 2023, None, "2021", "text", facts={"x": {"n": 1}}, assessed=True)
    back = pickle.loads(pickle.dumps(result))
    assert back == result
    assert [type(f.severity) for f in back.findings] == [Severity] * len(findings)
    assert all(type(f.loc) is Location for f in back.findings if f.loc is not None)


def test_every_field_of_a_result_and_of_its_findings_survives_the_compact_pickle() -> None:
    """A field added to FileResult or Finding travels from worker to parent too, or this fails."""
    finding = _finding({"n": 1}, Location(3, 2), (legal.ARTICLE_50,), True, "m", WARNING)
    assert all(getattr(finding, f.name) is not None for f in dataclasses.fields(Finding)), "set every field"
    # a value of its own in every field, none of them a field's default
    result = FileResult(**{f.name: f"<{f.name}>" for f in dataclasses.fields(FileResult)} | {"findings": [finding]})
    assert pickle.loads(pickle.dumps(result)) == result


def test_a_legal_constant_comes_back_as_that_constant_and_another_basis_by_value() -> None:
    assert pickle.loads(pickle.dumps(legal.ARTICLE_50)) is legal.ARTICLE_50
    assert pickle.loads(pickle.dumps(legal.FORMAT_2021)) is legal.FORMAT_2021
    own = legal.LegalBasis(legal.Document("x", "某号", "《某》", "Some"), "第一条", "Article 1")  # a plugin's own
    assert pickle.loads(pickle.dumps(own)) == own


_PLACES = st.builds(Place, *[st.one_of(st.none(), _TEXT) for _field in range(4)])


@given(
    st.lists(
        st.tuples(
            st.sampled_from([("NUM001", "identity"), ("TAB001", "missing-table"), ("NUM001", "identity-x")]),
            st.sampled_from([INFO, WARNING, ERROR]),
            _PLACES,
            st.sampled_from(["a.txt", "b/报告.txt"]),
            st.booleans(),
        ),
        max_size=6,
    )
)
def test_the_parts_a_findings_json_shares_with_others_are_its_own(
    made: list[tuple[tuple[str, str], Severity, Place, str, bool]],
) -> None:
    """Code, name and severity, the path and the place are written once and reused: findings of other rules,
    severities, places and files (the same path as another object, or another path) each get their own."""
    for (code, name), severity, place, path, copied in made:
        path = "".join(list(path)) if copied else path  # an equal path that is another object
        finding = Finding(code, name, severity, Text("中", "e"), path, Location(1, 1), place, {}, (), "f")
        assert finding.json_text() == json.dumps(finding.to_json(), ensure_ascii=False)
