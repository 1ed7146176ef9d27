"""Hostile files fail fast and cleanly (one fatal finding each, within the limits); formats the auditor does not read
get one fatal finding naming the format and what to do; the content, not the extension, picks the reader."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from auditor.config import Config
from auditor.engine import Engine
from auditor.errors import LimitExceeded, NeedsOCR, ReadError
from auditor.plugins import default_plugins
from auditor.readers import Limits, read_path
from auditor.rule import Severity
from tests.conftest import FIXTURES, SEED_FILES
from tests.readers import hostile


def _one_fatal(path: Path, limits: Limits | None = None) -> tuple[str, str]:
    engine = Engine(default_plugins(), Config(), limits)
    started = time.perf_counter()
    result = engine.check_file(str(path))
    assert time.perf_counter() - started < 5
    assert len(result.findings) == 1, [(f.code, f.message.en) for f in result.findings]
    finding = result.findings[0]
    assert finding.severity == Severity.FATAL
    assert finding.message.zh and finding.message.en and finding.message.zh != finding.message.en
    return finding.code, finding.message.en


HOSTILE: dict[str, tuple[Callable[[], bytes], str, str]] = {
    "bomb.docx": (hostile.zip_bomb_docx, "SYS006", "zip bomb"),
    "laughs.docx": (hostile.billion_laughs_docx, "SYS006", "entity"),
    "cycle.pdf": (hostile.pdf_page_tree_cycle, "SYS001", "PDF"),
    # PDFium counts the pages the tree really holds, not what /Count claims: one page, and no text on it.
    "billion-pages.pdf": (hostile.pdf_claiming_a_billion_pages, "SYS005", "no text layer"),
    "many-pages.pdf": (lambda: hostile.pdf_with_pages(501), "SYS006", "501 pages"),
    "loop.pdf": (hostile.pdf_drawing_itself, "SYS005", "OCR"),
    "scan.pdf": (hostile.pdf_scan, "SYS005", "no text layer"),
    "damaged.pdf": (lambda: b"%PDF-1.7\n" + b"\x00garbage" * 100, "SYS001", "damaged"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_file_gives_one_fatal_finding(name: str, tmp_path: Path) -> None:
    make, code, words = HOSTILE[name]
    path = tmp_path / name
    path.write_bytes(make())
    found, message = _one_fatal(path)
    assert (found, words in message) == (code, True), message


def test_a_1gb_page_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = hostile.sparse_html(tmp_path / "huge.html")
    code, message = _one_fatal(path)
    assert code == "SYS006" and "--max-bytes" in message and str(1 << 30) in message


@pytest.mark.parametrize(
    ("limits", "flag"),
    [(Limits(max_decompressed=10_000), "--max-decompressed"), (Limits(max_seconds=-1.0), "--timeout")],
)
def test_limits_apply_to_ordinary_files_too(limits: Limits, flag: str) -> None:
    path = FIXTURES / "formats" / f"{SEED_FILES['004'].stem}.docx"
    with pytest.raises(LimitExceeded, match=flag):
        read_path(str(path), limits=limits)


def test_page_limit_and_timeout_on_a_pdf() -> None:
    path = FIXTURES / "real" / "huaian-municipal-2024.pdf"
    with pytest.raises(LimitExceeded, match="--max-pages"):
        read_path(str(path), limits=Limits(max_pages=5))
    with pytest.raises(LimitExceeded, match="--timeout"):
        read_path(str(path), limits=Limits(max_seconds=-1.0))
    assert read_path(str(path), limits=Limits(max_pages=6)).format == "pdf"


def test_scan_raises_needs_ocr(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(hostile.pdf_scan())
    with pytest.raises(NeedsOCR, match="OCR"):
        read_path(str(path))


@pytest.mark.parametrize("name", sorted(hostile.UNSUPPORTED))
def test_unsupported_format_is_named_with_advice(name: str, tmp_path: Path) -> None:
    data, format_name = hostile.UNSUPPORTED[name]
    path = tmp_path / name
    path.write_bytes(data)
    code, message = _one_fatal(path)
    assert code == "SYS001"
    assert format_name in message and "unsupported format" in message
    assert ("LibreOffice" in message) or ("OCR" in message) or ("unpack" in message)


def test_content_not_extension_picks_the_reader(tmp_path: Path) -> None:
    source = FIXTURES / "formats" / f"{SEED_FILES['002'].stem}"
    for version in ("docx", "html", "pdf"):
        disguised = tmp_path / f"report-{version}.txt"
        disguised.write_bytes(source.with_suffix(f".{version}").read_bytes())
        assert read_path(str(disguised)).format == version
    doc = tmp_path / "really-a-doc.docx"
    doc.write_bytes(hostile.OLE2)
    with pytest.raises(ReadError, match="Word 97-2003"):
        read_path(str(doc))


def test_small_docx_built_by_hand_reads() -> None:
    from auditor.readers.docx import read_docx

    document = read_docx(
        hostile.docx_with_paragraphs("甲镇2023年政府信息公开工作年度报告", "一、总体情况"), "x.docx", Limits()
    )
    assert document.lines == ["甲镇2023年政府信息公开工作年度报告", "一、总体情况"]
    assert [block.loc.ref for block in document.blocks] == ["P1", "P2"]


@pytest.mark.parametrize(("claimed", "limit", "refused"), [(0, 1 << 20, False), (100, 1 << 20, False), (0, 1000, True)])
def test_a_file_larger_than_its_size_is_read_whole_up_to_the_limit(
    claimed: int, limit: int, refused: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file that grew after its size was taken (or, like /proc's, has none) is read to its end, and refused beyond
    --max-bytes, as if its size had been known."""
    import os

    from auditor import readers

    path = tmp_path / "grown.txt"
    data = SEED_FILES["000"].read_bytes()
    path.write_bytes(data)
    true_stat = os.stat

    def stat(name: str) -> os.stat_result:
        found = true_stat(name)
        return os.stat_result((*found[:6], claimed, *found[7:]))

    monkeypatch.setattr(readers.os, "stat", stat)
    if refused:
        with pytest.raises(LimitExceeded, match="--max-bytes"):
            readers.read_bytes(str(path), Limits(max_bytes=limit))
    else:
        assert readers.read_bytes(str(path), Limits(max_bytes=limit)) == data
