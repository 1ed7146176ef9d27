"""The installed entry points are remembered between runs (scanning every distribution is slow) and scanned again
when the environment changes."""

from __future__ import annotations

import importlib.metadata
import json
import os
from pathlib import Path
from typing import Any

import pytest

from auditor import plugins as plugins_module
from auditor.plugins import Plugins


def scans(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Count the scans of installed distributions."""
    seen: list[str] = []
    real = importlib.metadata.entry_points

    def counting(**kwargs: Any) -> Any:
        seen.append(kwargs.get("group", ""))
        return real(**kwargs)

    monkeypatch.setattr(importlib.metadata, "entry_points", counting)
    return seen


def test_second_run_reads_the_cache_and_loads_the_same_plugins(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path))
    seen = scans(monkeypatch)
    first = Plugins()
    assert seen == ["auditor"] and (tmp_path / "entry-points.json").is_file()
    second = Plugins()
    assert seen == ["auditor"]  # not scanned again
    assert [(i.name, i.value, i.distribution, i.version, i.error) for i in second.infos] == [
        (i.name, i.value, i.distribution, i.version, i.error) for i in first.infos
    ]
    assert sorted(second.rules) == sorted(first.rules) and sorted(second.reporters) == sorted(first.reporters)
    assert first.infos[0].distribution == "gov-report-auditor"


def test_a_changed_environment_is_scanned_again(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path))
    seen = scans(monkeypatch)
    Plugins()
    monkeypatch.setattr(plugins_module, "_environment_key", lambda: ["a distribution was installed"])
    Plugins()
    assert seen == ["auditor", "auditor"]
    assert json.loads((tmp_path / "entry-points.json").read_text(encoding="utf-8"))["key"] == [
        "a distribution was installed"
    ]


def test_a_damaged_cache_is_ignored(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path))
    (tmp_path / "entry-points.json").write_text('{"key": ', encoding="utf-8")
    assert "NUM001" in Plugins().rules
    assert json.loads((tmp_path / "entry-points.json").read_text(encoding="utf-8"))["points"]


def test_the_environment_key_follows_installs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "site-packages"
    folder.mkdir()
    monkeypatch.setattr("sys.path", [str(folder)])
    before = plugins_module._environment_key()
    (folder / "third_party_plugin-1.0.dist-info").mkdir()  # what pip does on an install
    os.utime(folder, ns=(1, 1))  # a different modification time, whatever the clock's resolution
    assert plugins_module._environment_key() != before


def test_the_folder_of_the_command_takes_no_part_without_distributions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`auditor` (sys.path[0]: the venv's bin) and `python -m auditor` (the working folder) share one cache entry, and
    writing a file where the command runs (-o audit.json) does not force a scan; a distribution there does."""
    site = tmp_path / "site-packages"
    bin_folder, working = tmp_path / "bin", tmp_path / "reports"
    for folder in (site, bin_folder, working):
        folder.mkdir()
    monkeypatch.setattr("sys.path", [str(bin_folder), str(site)])
    by_script = plugins_module._environment_key()
    monkeypatch.setattr("sys.path", [str(working), str(site)])
    assert plugins_module._environment_key() == by_script
    (working / "audit.json").write_text("{}", encoding="utf-8")
    os.utime(working, ns=(1, 1))
    assert plugins_module._environment_key() == by_script
    (working / "local_plugin-1.0.dist-info").mkdir()
    assert plugins_module._environment_key() != by_script
