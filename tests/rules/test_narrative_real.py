"""The narrative findings on real published reports, each checked by hand (tests/realworld/NARRATIVE.md): what a
careful reader signs, and nothing on the reports whose prose agrees with their tables."""

from __future__ import annotations

import pytest

from tests.conftest import FIXTURES
from tests.rules.helpers import engine

EXPECTED = {
    # 淮安市人民政府: no 考核/评议/追究 anywhere (inspections and their pass rate only); every count agrees.
    "real/huaian-municipal-2024.pdf": [("NAR011", "warning")],
    # 平潭 2019 and 2022: 75 received = 74 new + 1 carried over; 办结率100% with none carried forward; 复议 2 and
    # 诉讼 1 均已结案 as table 四 shows; 698 in force and 88 issued as table 二 shows.
    # 2019 also lists its 2599 items in brackets 「2599条，(其中机构职能类信息25条，…其他应主动公开政府信息856条)」:
    # the eleven add up to 2533, 66 short of the total (read since validate14: a bracketed 其中 list is checked)
    "real/pingtan-2019-flattened.txt": [("NAR006", "info")],
    "real/pingtan-2022-flattened.txt": [],
    # 上海市人民政府办公厅: 1295 received, 1191 handled incl. 189 carried over, 未发生…纠错或…败诉 — all agree.
    "real/shanghai-office-2025-pdf-extracted.md": [],
    "real/blank-2021-template.docx": [],
    "narrative/shanghai-kewei-2024-pdf-extracted.md": [
        ("NAR013", "info"),  # 资金资金
        ("NAR002", "warning"),  # 所有申请均已按要求办理完成 / 转下一年度办理答复的有 1 件
        ("NAR006", "warning"),  # 2139 条, parts 2160
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_real_narrative_findings(name: str) -> None:
    findings = engine().check_file(str(FIXTURES / name)).findings
    found = [(f.code, f.severity.label) for f in findings if f.code.startswith("NAR")]
    assert found == EXPECTED[name]
