"""``lazy_pattern``: a module-level regular expression compiled on first use, behaving as the compiled one."""

from __future__ import annotations

import re

import pytest

from auditor.lazy import lazy_pattern


def test_compiles_only_when_used(monkeypatch: pytest.MonkeyPatch) -> None:
    compiled: list[str] = []
    real = re.compile

    def counting(source: str, flags: int = 0) -> re.Pattern[str]:
        compiled.append(source)
        return real(source, flags)

    monkeypatch.setattr(re, "compile", counting)
    pattern = lazy_pattern(r"(?P<year>\d{4})年")
    assert compiled == []
    assert pattern.search("2023年度").group("year") == "2023"  # type: ignore[union-attr]
    assert [m.group(0) for m in pattern.finditer("2021年、2022年")] == ["2021年", "2022年"]
    assert pattern.sub("Y", "2021年") == "Y"
    assert compiled == [r"(?P<year>\d{4})年"]  # once


def test_same_answers_as_the_compiled_pattern() -> None:
    source, flags = r"^关于.{2,20}?的(?:函|通知)$", re.MULTILINE
    lazy, eager = lazy_pattern(source, flags), re.compile(source, flags)
    for text in ("关于报送年度报告的函", "关于转发的通知\n关于印发方案的通知", "通知", ""):
        assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in eager.finditer(text)]
        assert bool(lazy.match(text)) == bool(eager.match(text))
    assert lazy.pattern == source and lazy.flags == eager.flags
