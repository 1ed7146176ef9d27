"""Speed work changes no output: the JSON of every fixture report, compared byte for byte with the committed one.

``auditor check --format json`` over the seeds and every fixture (text, DOCX, HTML, PDF, real reports, documents
that are not reports) in one run, the cross-year pairs included, in one process and in two (the JSON holds both
languages); and the canonical structure (``auditor parse --format json``) of each seed. An optimisation that
changes any of it fails here; an intended change of output is re-recorded with
``python -m pytest tests/speed --update-snapshots`` and the diff reviewed. The tool's version is the one volatile
part; it is replaced by ``<version>``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from auditor import __version__
from auditor.cli import main
from tests.conftest import FIXTURES, ROOT, SEED_FILES, CheckRun

SNAPSHOTS = Path(__file__).parent / "snapshots"
READABLE = {".txt", ".md", ".docx", ".html", ".pdf"}
FOLDERS = ("seeds", "formats", "real", "not-reports")


def fixture_files() -> list[str]:
    found = [
        path
        for folder in FOLDERS
        for path in sorted((FIXTURES / folder).iterdir())
        if path.suffix in READABLE and path.name not in ("SOURCES.md", "README.md")
    ]
    return [path.relative_to(ROOT).as_posix() for path in found]


def compare(actual: str, name: str, request: pytest.FixtureRequest) -> None:
    actual = actual.replace(f'"version": "{__version__}"', '"version": "<version>"')
    expected = SNAPSHOTS / name
    if request.config.getoption("--update-snapshots"):
        SNAPSHOTS.mkdir(exist_ok=True)
        expected.write_text(actual, encoding="utf-8")
    assert expected.is_file(), f"no snapshot {name}: run pytest tests/speed --update-snapshots"
    recorded = expected.read_text(encoding="utf-8")
    if actual != recorded:  # name the first file whose output moved, not only "the strings differ"
        for got, was in zip(json.loads(actual).get("files", []), json.loads(recorded).get("files", []), strict=False):
            assert got == was, f"output of {was.get('path')} changed"
    assert actual == recorded


def test_fixture_files_cover_every_reader() -> None:
    suffixes = {Path(path).suffix for path in fixture_files()}
    assert {".txt", ".docx", ".html", ".pdf"} <= suffixes
    assert len(fixture_files()) >= 30


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_check_json_of_every_fixture_is_unchanged(
    jobs: str,
    check: Callable[..., CheckRun],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> None:
    monkeypatch.chdir(ROOT)  # paths in the output are relative to the working folder
    output = tmp_path / "out.json"
    run = check(*fixture_files(), "--format", "json", "--jobs", jobs, "-o", str(output), "--no-progress")
    assert run.code == 1, run.err  # some fixtures have errors; none crashes the run
    compare(output.read_text(encoding="utf-8"), "fixtures.json", request)  # the same whatever the processes


def seed_batch(folder: Path) -> list[str]:
    """A batch of copies of the seeds: one seed 21 times (its prose, in more reports than the limit of 20, is the
    batch's common wording), the others twice (one body's report submitted twice) and one of them copied by another
    body with its figures edited (a pair of copied reports)."""
    folder.mkdir()
    names = []
    for number, (_key, seed) in enumerate(sorted(SEED_FILES.items())):
        for copy in range(21 if number == 0 else 2):
            target = folder / f"{number}-{copy:02}.txt"
            target.write_bytes(seed.read_bytes())
            names.append(target.name)
    text = SEED_FILES["001"].read_text(encoding="utf-8")
    edited = text.replace("店下镇", "洲上乡").replace("212条", "230条")
    (folder / "9-copied.txt").write_text(edited, encoding="utf-8")
    return [*names, "9-copied.txt"]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_check_json_of_a_batch_of_seed_copies_is_unchanged(
    jobs: str,
    check: Callable[..., CheckRun],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> None:
    """The batch as a folder: results in order, the summary, and the checks across files (common wording, copied
    and duplicate reports), byte for byte. The snapshot holds the summary as it is and a digest of the whole output
    and of each file's part (the parts are the seeds' own output, which fixtures.json holds in full)."""
    names = seed_batch(tmp_path / "batch")
    monkeypatch.chdir(tmp_path)
    output = tmp_path / "out.json"
    run = check("batch", "--format", "json", "--jobs", jobs, "-o", str(output), "--no-progress")
    assert run.code == 1, run.err
    text = output.read_text(encoding="utf-8").replace(f'"version": "{__version__}"', '"version": "<version>"')
    document = json.loads(text)
    assert [entry["path"] for entry in document["files"]] == [f"batch/{name}" for name in names]
    assert any(f["code"] == "NAR014" for f in document["summary"]["cross_file"]["findings"])
    assert any(note.get("common_sentences") for note in document["summary"]["cross_file"]["notes"])

    def digest(part: str) -> str:
        return hashlib.sha256(part.encode("utf-8")).hexdigest()

    recorded = {
        "sha256": digest(text),
        "parts": {e["path"]: digest(json.dumps(e, ensure_ascii=False)) for e in document["files"]},
        "summary": document["summary"],
    }
    compare(json.dumps(recorded, ensure_ascii=False, indent=1) + "\n", "seed-batch.json", request)


@pytest.mark.parametrize("seed", sorted(SEED_FILES))
def test_canonical_structure_of_each_seed_is_unchanged(
    seed: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> None:
    monkeypatch.chdir(ROOT)
    capsys.readouterr()
    assert main(["parse", SEED_FILES[seed].relative_to(ROOT).as_posix(), "--format", "json"]) == 0
    compare(capsys.readouterr().out, f"parse.{seed}.json", request)
