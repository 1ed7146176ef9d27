"""The summary counts each file once: its verdict and whether it fails the gate are found together, from the
findings or from what a worker process sent of them, and agree with the rules of auditor.verdict spelt out plainly."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from auditor import batch
from auditor.engine import FileResult
from auditor.reporting import Summary
from auditor.rule import Finding, Place, Severity, Text
from auditor.verdict import NOT_A_REPORT, Verdict

_CODES = st.sampled_from(["NUM001", "NUM004", "TAB001", NOT_A_REPORT, "SYS001"])
_FINDINGS = st.lists(st.tuples(_CODES, st.sampled_from(list(Severity))), max_size=12)


def _finding(code: str, severity: Severity) -> Finding:
    return Finding(code, code.lower(), severity, Text("问题", "problem"), "r.txt", None, Place(), {}, (), "f" * 20)


def _plain_verdict(findings: list[Finding], assessed: bool, fail_on: Severity) -> Verdict:
    """The precedence of auditor.verdict, as its docstring states it."""
    if any(f.code == NOT_A_REPORT for f in findings):
        return Verdict.NOT_ASSESSED
    if any(f.severity == Severity.FATAL for f in findings):
        return Verdict.UNREADABLE
    if not assessed:
        return Verdict.NOT_ASSESSED
    return Verdict.FAIL if any(f.severity >= fail_on for f in findings) else Verdict.PASS


@given(
    st.lists(st.tuples(_FINDINGS, st.booleans()), min_size=1, max_size=4),
    st.sampled_from(list(Severity)),
    st.booleans(),
)
def test_each_file_is_judged_once_and_as_the_rules_say(
    files: list[tuple[list[tuple[str, Severity]], bool]], fail_on: Severity, fail_on_unassessed: bool
) -> None:
    here, sent = Summary(), Summary()
    for number, (drawn, assessed) in enumerate(files):
        findings = [_finding(code, severity) for code, severity in drawn]
        result = FileResult(f"r{number}.txt", findings, assessed=assessed)
        verdict = _plain_verdict(findings, assessed, fail_on)
        fails = any(f.severity >= fail_on for f in findings) or (fail_on_unassessed and verdict is Verdict.NOT_ASSESSED)
        assert result.gate(fail_on, fail_on_unassessed) == (verdict, fails)
        assert (result.verdict(fail_on), result.fails(fail_on, fail_on_unassessed)) == (verdict, fails)
        assert here.add(result, fail_on, fail_on_unassessed) is fails
        rendered = batch._from_rendered(batch._rendered_state(result, fail_on))  # as a worker sends it
        assert sent.add(rendered, fail_on, fail_on_unassessed) is fails
        assert json.loads(rendered.json_text(fail_on))["verdict"] == verdict.value
        assert here.per_file[-1].verdict is verdict
    assert here.to_json() == sent.to_json()
    assert [line.counts for line in here.per_file] == [line.counts for line in sent.per_file]
    every = [(code, severity) for drawn, _assessed in files for code, severity in drawn]
    for code in {code for code, _severity in every}:
        entry = here.by_rule[code]
        assert entry["count"] == sum(1 for c, _s in every if c == code)
        assert entry["files"] == sum(1 for drawn, _a in files if any(c == code for c, _s in drawn))
        first = next(severity for c, severity in every if c == code)  # the rule's entry names its first finding's
        assert entry["severity"] == first
    assert sum(here.counts.values()) == len(every)
