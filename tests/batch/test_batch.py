"""Batch runs: ordered streaming over processes, a Dask cluster giving the same JSON, the progress bar."""

from __future__ import annotations

import io
import json
import random
import shutil
from pathlib import Path

import pytest

from auditor import synth
from auditor.batch import Settings, run_local
from auditor.cli import _progress, main
from auditor.config import Config
from auditor.readers import Limits
from tests.conftest import SEEDS


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Forty generated reports, the seeds, and one unreadable file in the middle."""
    root = tmp_path_factory.mktemp("batch")
    rng = random.Random(5)
    for index in range(40):
        _spec, _layout, text = synth.generate(rng)
        (root / f"r{index:03d}.txt").write_text(text, encoding="utf-8")
    (root / "r020-junk.txt").write_bytes(bytes(range(256)) * 4)
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, root / seed.name)
    return root


def _json(args: list[str], capsys: pytest.CaptureFixture[str]) -> dict:
    main(["check", *args, "--format", "json"])
    return json.loads(capsys.readouterr().out)


def test_parallel_output_is_identical_and_in_order(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    serial = _json([str(folder)], capsys)
    parallel = _json([str(folder), "--jobs", "2"], capsys)
    assert serial == parallel
    paths = [f["path"] for f in serial["files"]]
    assert paths == sorted(paths) and len(paths) == 46
    junk = next(f for f in serial["files"] if f["path"].endswith("junk.txt"))
    assert [x["code"] for x in junk["findings"]] == ["SYS001"]


def test_results_stream_one_at_a_time(folder: Path) -> None:
    paths = sorted(str(p) for p in folder.glob("*.txt"))
    settings = Settings(Config(), Limits())
    stream = run_local(paths, settings, jobs=2)
    first = next(stream)
    assert first.path == paths[0]
    assert sum(1 for _ in stream) == len(paths) - 1


def test_all_cores(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _json([str(folder), "--jobs", "0"], capsys)["summary"]["files"] == 46


def test_dask_cluster_gives_the_same_json(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    distributed = pytest.importorskip("distributed", reason="the dask extra is not installed: pip install '.[dask]'")
    local = _json([str(folder)], capsys)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        remote = _json([str(folder), "--executor", "dask", "--scheduler", cluster.scheduler_address], capsys)
    assert remote == local


def test_dask_needs_a_scheduler(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(folder), "--executor", "dask"]) == 2
    assert "--scheduler" in capsys.readouterr().err


def test_progress_bar_only_for_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stderr", io.StringIO())
    assert type(_progress(10, disabled=False)).__name__ == "_NoProgress"  # not a terminal
    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    assert type(_progress(1, disabled=False)).__name__ == "_NoProgress"  # one file
    assert type(_progress(10, disabled=True)).__name__ == "_NoProgress"  # --no-progress
    bar = _progress(10, disabled=False)
    bar.update(10)
    bar.close()
    drawn = terminal.getvalue()
    assert "/10" in drawn and "file" in drawn  # drawn on stderr, and cleared when done (leave=False)
    assert drawn.endswith("\r")


def test_summary_and_statistics(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", str(folder), "--summary", "--statistics", "--lang", "en"])
    out = capsys.readouterr().out
    assert "verdict" in out and "r020-junk.txt" in out and "fail" in out
    stats = out[out.index("code    rule") :]
    assert "SYS001" in stats


def test_a_result_comes_back_from_a_worker_whole() -> None:
    """What a worker sends back (pickled findings: their messages, legal basis, fixes) is what it found."""
    import pickle

    from auditor.batch import build_engine

    engine = build_engine(Settings(Config(), Limits()))
    for seed in sorted(SEEDS.glob("*.txt")):
        result = engine.check_file(str(seed))
        back = pickle.loads(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
        assert back.findings == result.findings
        assert back.to_json() == result.to_json()
        assert any(f.fix is not None for f in back.findings) or seed.name[:3] != "001"
