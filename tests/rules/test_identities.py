"""The identity checker: consistent tables pass; one changed cell is one finding naming exactly the identities it
takes part in; blank cells are unknown non-negative numbers (violated / holds / not assessable)."""

from __future__ import annotations

import random
from pathlib import Path

from auditor.rules.identities import IDENTITIES, IdentityDataError, identity_rules, load_identities
from hypothesis import given
from hypothesis import strategies as st

from auditor import synth
from auditor.parse import parse_document
from auditor.readers.text import document_from_text
from auditor.rule import RuleContext
from tests.rules.helpers import audit, clean_text, engine

IDENTITY_CODES = {"NUM001", "NUM002", "NUM003", "NUM004"}
PLAUSIBILITY = {"PLA001", "PLA002", "PLA003", "PLA004"}
LAYOUTS = ("cell-per-line", "tab-separated", "pipe-separated", "plain")


def _findings(spec: synth.Spec, layout: str, seed: int) -> list:
    text = synth.render(spec, layout, synth.Noise(), seed=seed)
    report = parse_document(document_from_text(text, "gen.txt", "text"))
    return engine().check_report(report, "gen.txt")


def _instances_with(cell: str, variant: str) -> set[tuple[str, tuple[tuple[str, str], ...]]]:
    out = set()
    for identity in load_identities(IDENTITIES):
        if identity.code not in IDENTITY_CODES or variant not in identity.variants:
            continue
        for binding, left, right in identity.instances():
            if cell in left + right:
                out.add((identity.code, tuple(sorted(binding.items()))))
    return out


@given(st.integers(0, 2**31), st.sampled_from(LAYOUTS), st.sampled_from(synth.VARIANTS))
def test_consistent_tables_give_no_identity_findings(seed: int, layout: str, variant: str) -> None:
    spec = synth.random_spec(random.Random(seed), variant)
    codes = {f.code for f in _findings(spec, layout, seed)}
    assert not codes & (IDENTITY_CODES | PLAUSIBILITY | {"NUM005", "NUM006", "NUM007", "NUM008"})


@given(st.integers(0, 2**31), st.sampled_from(LAYOUTS), st.sampled_from(synth.VARIANTS), st.data())
def test_one_changed_cell_is_one_finding_that_names_every_identity_it_breaks(
    seed: int, layout: str, variant: str, data: st.DataObject
) -> None:
    # One cause, one finding: the identities the changed cell takes part in are broken, each is named (by the
    # finding's own instance, or in the instances it explains), and one finding names them all, with the cell —
    # changed alone back to its figure, it makes every one of them hold.
    spec = synth.random_spec(random.Random(seed), variant)
    cells = sorted(k for k in synth.expected_values(spec) if k.startswith(("applications.", "review_litigation.")))
    cell = data.draw(st.sampled_from(cells), label="cell")
    original = int(spec.values[cell] or 0)
    spec.values[cell] = original + data.draw(st.integers(1, 50), label="delta")
    violated = [f for f in _findings(spec, layout, seed) if f.code in IDENTITY_CODES]
    broken = _instances_with(cell, variant)
    named = {(f.code, tuple(sorted(f.values["instance"].items()))) for f in violated}
    named |= {(e["rule"], tuple(sorted(e["instance"].items()))) for f in violated for e in f.values.get("explains", [])}
    assert named == broken
    assert len(violated) == (1 if broken else 0)
    for finding in violated:
        cells_named = [e["cell"] for e in finding.values["left"] + finding.values["right"]]
        assert cell in cells_named
        assert finding.values["left_sum"] != finding.values["right_sum"]
        if len(broken) > 1:  # one finding for several identities names the cell and the figure that mends them all
            assert finding.values["cell"] == {"cell": cell, "value": spec.values[cell], "expected": original}


@given(
    st.integers(0, 2**31),
    st.sampled_from(("cell-per-line", "tab-separated", "pipe-separated")),
    st.sampled_from(synth.VARIANTS),
    st.data(),
)
def test_a_blank_never_makes_an_arithmetic_error_and_never_passes_silently(
    seed: int, layout: str, variant: str, data: st.DataObject
) -> None:
    spec = synth.random_spec(random.Random(seed), variant)
    cells = sorted(k for k in synth.expected_values(spec) if k.startswith(("applications.", "review_litigation.")))
    cell = data.draw(st.sampled_from(cells), label="cell")
    original = spec.values[cell]
    spec.values[cell] = None
    findings = _findings(spec, layout, seed)
    codes = {f.code for f in findings}
    assert not codes & IDENTITY_CODES  # the other cells are consistent: only the blank is unknown
    assert "NUM007" in codes
    blank_named = any(cell in f.values.get("blank_cells", []) for f in findings if f.code == "NUM008")
    if original:  # with the blank as 0 some identity fails: it must be reported as not assessable
        assert blank_named
    else:
        assert "NUM008" not in codes


def _row(text: str, label: str, values: str) -> str:
    lines = text.split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith(label + " "))
    lines[index] = f"{label} {values}"
    return "\n".join(lines)


def test_blank_that_cannot_save_the_identity_is_a_violation() -> None:
    # I-3 on one row: total 0 = 9 + blank + … is impossible for a non-negative blank. (One changed cell: a row
    # with two, 9 and a total of 5, is one wrong line, reported once — tests/rules/test_identity_lines.py.)
    text = _row(clean_text(layout="plain"), "1.属于国家秘密", "9 - 0 0 0 0 0")
    found = [f for f in audit(text) if f.code == "NUM003" and f.values["instance"] == {"row": "state_secret"}]
    assert len(found) == 1
    assert found[0].values["unknown"] == ["applications.state_secret.commercial"]
    assert found[0].values["left_sum"] == 0 and found[0].values["right_sum"] == 9


def test_blank_that_could_fill_the_gap_is_not_assessable() -> None:
    text = _row(clean_text(layout="plain"), "1.属于国家秘密", "0 - 0 0 0 0 5")
    findings = audit(text)
    assert not [f for f in findings if f.code == "NUM003"]
    not_assessable = [f for f in findings if f.code == "NUM008" and f.values["identity"] == "I-3"]
    assert len(not_assessable) == 1
    assert not_assessable[0].values["blank_cells"] == ["applications.state_secret.commercial"]


def test_money_is_exact_decimal() -> None:
    # 2-D has one column in 2021; a fractional amount is a valid amount and takes part in no identity.
    text = _row(clean_text(layout="plain"), "行政事业性收费", "0.1")
    assert [f.code for f in audit(text)] == []


def test_a_rule_author_adds_an_identity_without_python(tmp_path: Path) -> None:
    data = tmp_path / "province.toml"
    data.write_text(
        """
[[identity]]
code = "ZJX001"
name = "review-not-above-applications"
id = "ZJ-1"
severity = "warning"
variants = ["2021"]
relation = ">="
zh = "行政复议总计不应多于本年新收申请总计"
en = "reviews should not outnumber new applications"
left = ["applications.new_received.total"]
right = ["review_litigation.review.total"]
""",
        encoding="utf-8",
    )
    (extra,) = identity_rules(data)
    assert extra.code == "ZJX001"
    text = clean_text(layout="plain").replace("0 0 0 0 0 0 0 0 0 0 0 0 0 0 0", "0 0 0 500 500 0 0 0 0 0 0 0 0 0 0")
    report = parse_document(document_from_text(text, "r.txt", "text"))
    found = list(extra.check(report, RuleContext(extra, "r.txt")))
    assert [f.values["identity"] for f in found] == ["ZJ-1"]


def test_bad_identity_data_is_rejected(tmp_path: Path) -> None:
    data = tmp_path / "bad.toml"
    data.write_text('[[identity]]\ncode = "X001"\n', encoding="utf-8")
    try:
        load_identities(data)
    except IdentityDataError as exc:
        assert "lacks" in str(exc)
    else:
        raise AssertionError("missing fields were accepted")


def test_changed_plausibility_cell_warns() -> None:
    text = _row(clean_text(layout="plain"), "行政规范性文件", "9 1 3")
    found = [f for f in audit(text) if f.code == "PLA001"]
    assert len(found) == 1 and found[0].values["instance"] == {"row": "normative_documents"}
