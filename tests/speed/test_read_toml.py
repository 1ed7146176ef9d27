"""``read_toml``: a TOML file parsed once while it is unchanged; a changed file is parsed again."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest

from auditor.resources import read_toml


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_an_unchanged_file_is_not_parsed_again(tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "data.toml"
    path.write_text('[[identity]]\ncode = "X001"\nleft = ["a", "b"]\nratio = 0.5\n', encoding="utf-8")
    first = read_toml(path)
    assert first == {"identity": [{"code": "X001", "left": ["a", "b"], "ratio": 0.5}]}
    assert list(cache.glob("toml-*.marshal"))

    def no_parsing(*args: object) -> None:
        raise AssertionError("parsed again although unchanged")

    monkeypatch.setattr(tomllib, "load", no_parsing)
    assert read_toml(path) == first


def test_a_changed_file_is_read_again(tmp_path: Path, cache: Path) -> None:
    path = tmp_path / "data.toml"
    path.write_text('name = "old"\n', encoding="utf-8")
    assert read_toml(path) == {"name": "old"}
    stat = path.stat()
    path.write_text('name = "new"\n', encoding="utf-8")  # same size; the modification time tells them apart
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert read_toml(path) == {"name": "new"}


def test_what_marshal_cannot_hold_is_read_every_time(tmp_path: Path, cache: Path) -> None:
    path = tmp_path / "dated.toml"
    path.write_text("published = 2021-05-01\n", encoding="utf-8")
    assert str(read_toml(path)["published"]) == "2021-05-01"
    assert str(read_toml(path)["published"]) == "2021-05-01"
    assert not list(cache.glob("toml-*"))  # no copy, no temporary file left behind


def test_a_damaged_copy_or_bad_toml(tmp_path: Path, cache: Path) -> None:
    path = tmp_path / "data.toml"
    path.write_text("a = 1\n", encoding="utf-8")
    read_toml(path)
    (copy,) = cache.glob("toml-*.marshal")
    copy.write_bytes(b"\x00broken")
    assert read_toml(path) == {"a": 1}
    path.write_text("a = = 1\n", encoding="utf-8")
    with pytest.raises(tomllib.TOMLDecodeError):
        read_toml(path)
