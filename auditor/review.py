"""Review decisions as every reporter sees them: the statuses, and what ``check --db`` leaves on a file's result
(``FileResult.review``: the decisions in force, the dismissed findings). Light: no database here (auditor.store).
"""

from __future__ import annotations

from typing import Any

from auditor.document import Location
from auditor.engine import FileResult
from auditor.rule import Finding, Place, Severity, Text

CONFIRMED, DISMISSED, FIXED = "confirmed", "dismissed", "fixed"
STATUSES = (CONFIRMED, DISMISSED, FIXED)
STATUS_TEXT = {
    CONFIRMED: Text("确认", "confirmed"),
    DISMISSED: Text("驳回", "dismissed"),
    FIXED: Text("已整改", "fixed"),
}


def finding_from_json(data: dict[str, Any]) -> Finding:
    """A finding as ``Finding.to_json`` wrote it (the legal basis is the rule's: look it up by code)."""
    loc = None
    if data.get("line") is not None:
        loc = Location(data["line"], data.get("column") or 1, data.get("page"), data.get("ref"))
    return Finding(
        data["code"],
        data["name"],
        Severity.parse(data["severity"]),
        Text(data["message"]["zh"], data["message"]["en"]),
        data["path"],
        loc,
        Place(**data.get("place", {})),
        data.get("values", {}),
        (),
        data["fingerprint"],
    )


def dismissed(result: FileResult) -> list[tuple[Finding, dict[str, Any]]]:
    """The findings of a file dismissed on review, each with its decision (empty without a review store)."""
    return [(finding_from_json(item), item["decision"]) for item in (result.review or {}).get("dismissed", [])]


def dismissed_note(result: FileResult, lang: str) -> str:
    """One sentence naming the findings dismissed on review, which no longer count ("" when there are none)."""
    items = (result.review or {}).get("dismissed", [])
    if not items:
        return ""
    codes = " ".join(sorted({item["code"] for item in items}))
    if lang == "zh":
        return f"另有 {len(items)} 条问题经审核已驳回，不计入结论（{codes}）"
    return f"{len(items)} more finding(s) dismissed on review, not counted ({codes})"
