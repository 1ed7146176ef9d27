"""What the parse of a pattern tells (``required_words``, ``required_chars``, ``literal_words``) is kept on disk like
the compiled programs (issue 12): a later run answers from the cache without running re's parser, and the answers
are those the parser gives."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from auditor import patterns

SOURCES = [
    (r"申请|复议|诉讼|起诉", 0),
    (r"全部|全[县区]", 0),
    (r"区(?<!社区)级|全区|省、市、区", 0),
    (r"(?:19|20)\d{2}年度?(?:政府信息公开)?工作年度报告", 0),
    (r"[a-z]+", re.IGNORECASE),
    (r"\d+", 0),
]
QUESTIONS = [
    (patterns.required_words, patterns._required),
    (patterns.required_chars, patterns._chars),
    (patterns.literal_words, patterns._alternation),
]


def _fresh_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if a new process started: nothing answered yet, the table read again from the cache folder."""
    monkeypatch.setattr(patterns, "_analyses", None)
    monkeypatch.setattr(patterns, "_analyses_dirty", False)
    monkeypatch.setattr(patterns.atexit, "register", lambda function: None)  # saved by hand, not at exit
    for _, cached in QUESTIONS:
        cached.cache_clear()


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path))
    _fresh_run(monkeypatch)
    return tmp_path


def _answers() -> list[object]:
    return [ask(re.compile(source, flags)) for source, flags in SOURCES for ask, _ in QUESTIONS]


def test_a_later_run_answers_from_the_cache_as_the_parser_does(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = _answers()
    assert fresh[:3] == [("复议", "申请", "诉讼", "起诉"), frozenset(), ("申请", "复议", "诉讼", "起诉")]
    patterns._save_analyses()
    _fresh_run(monkeypatch)
    parsed: list[str] = []
    real = patterns._parsed

    def counting(source: str, flags: int) -> object:
        parsed.append(source)
        return real(source, flags)

    monkeypatch.setattr(patterns, "_parsed", counting)
    assert _answers() == fresh
    assert parsed == []


def test_a_damaged_cache_means_parsing(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = _answers()
    patterns._save_analyses()
    (path,) = cache.glob("pattern-analyses-*.marshal")
    path.write_bytes(b"\x00garbage")
    _fresh_run(monkeypatch)
    assert _answers() == fresh


def test_the_cache_stops_growing_at_its_limit(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(patterns, "_LIMIT", 4)
    fresh = _answers()
    assert patterns._analyses is not None and len(patterns._analyses) == 4
    _fresh_run(monkeypatch)
    assert _answers() == fresh
