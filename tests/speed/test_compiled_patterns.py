"""``compiled``: ``re.compile`` with the compiled programs kept on disk, so that a later run does not compile again."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from auditor import patterns

SOURCES = [
    (r"(?P<year>(?:19|20)\d{2})\s*年(?:度)?", 0),
    (r"^[一二三四五六七八九十]{1,3}、\s*(?P<title>[\u4e00-\u9fff]{2,30})$", re.MULTILINE),
    (r"(?i)<br\s*/?>|[^\s:：]{1,8}[:：]", 0),
    (r"[\u3400-\u9fff\uff00-\uffef]+|[A-Za-z]+", re.IGNORECASE),
]
TEXTS = ["2021年度报告", "一、总体情况\n二、主动公开政府信息情况", "<BR/>来源：", "ＡＢＣ 中文 abc", "", "十一、x"]


def _fresh_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if a new process started: the table is read again from the cache folder."""
    monkeypatch.setattr(patterns, "_table", None)
    monkeypatch.setattr(patterns, "_built", {})
    monkeypatch.setattr(patterns, "_dirty", False)


def _write(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(patterns.atexit, "register", lambda function: None)  # saved by hand below, not at exit
    patterns._save()


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path))
    _fresh_run(monkeypatch)
    return tmp_path


def test_a_cached_pattern_is_the_pattern_re_compiles(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = [patterns.compiled(source, flags) for source, flags in SOURCES]
    _write(monkeypatch)
    assert list(cache.glob("regex-*.marshal"))

    _fresh_run(monkeypatch)

    def no_compiling(*args: object) -> None:
        raise AssertionError("compiled again although cached")

    monkeypatch.setattr(re, "compile", no_compiling)
    again = [patterns.compiled(source, flags) for source, flags in SOURCES]
    monkeypatch.undo()
    for (source, flags), cached, fresh in zip(SOURCES, again, first, strict=True):
        expected = re.compile(source, flags)
        assert cached == expected  # equal compiled program, flags and source
        assert (cached.groupindex, cached.groups, cached.flags) == (
            expected.groupindex,
            expected.groups,
            expected.flags,
        )
        for text in TEXTS:
            assert [m.span() for m in cached.finditer(text)] == [m.span() for m in fresh.finditer(text)]
            assert [m.groupdict() for m in cached.finditer(text)] == [m.groupdict() for m in expected.finditer(text)]


@pytest.mark.parametrize("content", [b"", b"\x00garbage", b"\xe3\x00\x00"])
def test_a_damaged_cache_means_compiling(cache: Path, monkeypatch: pytest.MonkeyPatch, content: bytes) -> None:
    patterns.compiled(*SOURCES[0])
    _write(monkeypatch)
    (path,) = cache.glob("regex-*.marshal")
    path.write_bytes(content)
    _fresh_run(monkeypatch)
    assert patterns.compiled(*SOURCES[0]) == re.compile(*SOURCES[0])


def test_a_cache_of_another_python_is_ignored(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    patterns.compiled(*SOURCES[1])
    _write(monkeypatch)
    _fresh_run(monkeypatch)
    monkeypatch.setattr(patterns, "_header", lambda: ["another", "python"])
    assert patterns._load() == {}
    assert patterns.compiled(*SOURCES[1]) == re.compile(*SOURCES[1])


def test_one_pattern_object_per_source_in_a_process(cache: Path) -> None:
    assert patterns.compiled(*SOURCES[2]) is patterns.compiled(*SOURCES[2])
    assert patterns.compiled(rb"<meta[^>]*>", re.I).search(b"<META charset=gbk>") is not None


def test_the_cache_stops_growing_at_its_limit(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(patterns, "_LIMIT", 2)
    for source, flags in SOURCES:
        assert patterns.compiled(source, flags) == re.compile(source, flags)
    assert len(patterns._load()) == 2
