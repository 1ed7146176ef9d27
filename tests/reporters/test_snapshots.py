"""Every machine format on the five seeds, compared exactly with the committed output.

Regenerate after an intended change with ``python -m pytest tests/reporters/test_snapshots.py --update-snapshots``
and review the diff. The tool's version is the one volatile part; it is replaced by ``<version>``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from auditor import __version__
from tests.conftest import ROOT, SEED_FILES, CheckRun

SNAPSHOTS = Path(__file__).parent / "snapshots"
SEED_ARGS = [path.relative_to(ROOT).as_posix() for path in SEED_FILES.values()]

CASES = [
    ("sarif", "zh", "seeds.sarif"),
    ("sarif", "en", "seeds.en.sarif"),
    ("junit", "zh", "seeds.junit.xml"),
    ("github", "zh", "seeds.github.txt"),
    ("gitlab", "zh", "seeds.gitlab.json"),
]


def normalise(text: str) -> str:
    for field in ("version", "semanticVersion"):
        text = text.replace(f'"{field}": "{__version__}"', f'"{field}": "<version>"')
    return text


@pytest.mark.parametrize(("fmt", "lang", "snapshot"), CASES, ids=[case[2] for case in CASES])
def test_snapshot(
    fmt: str,
    lang: str,
    snapshot: str,
    check: Callable[..., CheckRun],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> None:
    monkeypatch.chdir(ROOT)  # paths in the output are relative to the working folder
    output = tmp_path / snapshot
    run = check(*SEED_ARGS, "--format", fmt, "--lang", lang, "-o", str(output))
    assert run.code == 1  # seeds 000, 001 and 002 have errors
    assert run.out == ""  # with -o, stdout stays empty; the summary goes to stderr
    assert run.err.startswith("5 file(s), 3 failing the gate" if lang == "en" else "共 5 个文件，3 个未过检查门槛")
    actual = normalise(output.read_text(encoding="utf-8"))
    expected_file = SNAPSHOTS / snapshot
    if request.config.getoption("--update-snapshots"):
        expected_file.write_text(actual, encoding="utf-8")
    assert expected_file.is_file(), f"no snapshot {expected_file.name}: run pytest with --update-snapshots"
    assert actual == expected_file.read_text(encoding="utf-8")


def test_stdout_carries_the_same_output(check: Callable[..., CheckRun], monkeypatch: pytest.MonkeyPatch) -> None:
    """Without -o the machine output goes to stdout, unchanged, and only the summary to stderr."""
    monkeypatch.chdir(ROOT)
    run = check(*SEED_ARGS, "--format", "gitlab")
    assert run.code == 1
    assert run.out == (SNAPSHOTS / "seeds.gitlab.json").read_text(encoding="utf-8")
    assert run.err == (
        "共 5 个文件，3 个未过检查门槛（有“错误”及以上的问题或无法审查）；结论：通过 2，未通过 3；"
        "致命 0，错误 4，警告 10，提示 30\n"
    )
